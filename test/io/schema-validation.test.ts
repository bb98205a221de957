import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateWithSchema } from '../../src/io/schema-validation.js';

const audit = (organisation: string) => ({ framework: 'section-11', organisation, period: '2025-26', responses: {} });

describe('schema validation', () => {
  // The validators count a string's length in code points, as JSON Schema does, with a shortcut
  // for strings without a surrogate pair (scripts/compile-schemas.mjs): both must agree.
  it('counts characters, not UTF-16 units, for a length limit (organisation: 1 to 300)', () => {
    expect(validateWithSchema('audit', audit('😀'.repeat(300)))).toEqual([]);
    expect(validateWithSchema('audit', audit('😀'.repeat(301)))[0]?.message).toMatch(/organisation/);
    expect(validateWithSchema('audit', audit('a'.repeat(300)))).toEqual([]);
    expect(validateWithSchema('audit', audit('a'.repeat(301)))).not.toEqual([]);
    expect(validateWithSchema('audit', audit(''))).not.toEqual([]);
  });

  it('agrees with a count of code points for any mix of letters, pairs and lone surrogates', () => {
    const piece = fc.constantFrom('a', 'é', '😀', '\uD83D', '\uDE00', '\uD800\uD800', '\uDC00\uD800');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 0, maxLength: 320 }), (pieces) => {
        const text = pieces.join('');
        const length = [...text].length;
        expect(validateWithSchema('audit', audit(text)).length === 0).toBe(length >= 1 && length <= 300);
      }),
      { numRuns: 200 },
    );
  });
});
