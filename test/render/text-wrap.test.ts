/**
 * `hanging`, the layout of a labelled item (an action under its criterion, a fault under where it
 * lies): every line within the width, the label whole at the start, no word of the text lost or
 * broken where it fits a line; and as it is when the width is not known (a file or a pipe).
 */
import stringWidth from 'fast-string-width';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderFaults } from '../../src/render/text/faults.js';
import { hanging } from '../../src/render/text-wrap.js';

const word = fc.stringMatching(/^[A-Za-zé’—0-9:·.,()-]{1,30}$/);
const words = fc.array(word, { minLength: 1, maxLength: 40 }).map((w) => w.join(' '));

describe('hanging', () => {
  it('keeps every line within the width, the label first, and every word of the text', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^ {0,4}[A-Z]{2,4}-[0-9]{1,2} {2}$/), words, fc.integer({ min: 20, max: 120 }), (label, text, width) => {
        const laid = hanging(label, text, width);
        const lines = laid.split('\n');
        for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(width);
        expect(laid.startsWith(label.trimEnd())).toBe(true);
        // Words that fit a line are never broken.
        const shown = laid.slice(label.trimEnd().length).split(/\s+/).filter(Boolean);
        for (const w of text.split(' ').filter((w) => stringWidth(w) <= width - 8)) expect(shown).toContain(w);
      }),
      { numRuns: 200 },
    );
  });

  it('is the label and the text on one line when the width is not known', () => {
    expect(hanging('  VOI-2  ', 'Co-design a reporting route', undefined)).toBe('  VOI-2  Co-design a reporting route');
  });

  it('puts a label that leaves the text too little room on a line of its own', () => {
    const laid = hanging('audit: a-long-folder/another-one/the-return-for-2025-26.xlsx: Return!E14: ', 'rating "Good" is not on the scale 1–4', 40, '    ');
    expect(laid.split('\n').every((line) => stringWidth(line) <= 40)).toBe(true);
    const lines = laid.split('\n');
    // The label, broken only where a line ends; then the text under it.
    const at = lines.findIndex((line) => line.startsWith('    rating'));
    expect(lines.slice(0, at).join('')).toBe('audit: a-long-folder/another-one/the-return-for-2025-26.xlsx: Return!E14:');
    expect(lines.slice(at).map((line) => line.trim()).join(' ')).toBe('rating "Good" is not on the scale 1–4');
  });
});

describe('renderFaults', () => {
  it('writes one fault to a line when the width is not known, and each fault from the start of a line when it is', () => {
    const faults = [
      { where: 'r.xlsx: Return!E14', message: 'rating 5 is not on the scale 1–4: choose from 1 Inadequate, 2 Requires improvement, 3 Good, 4 Outstanding' },
      { where: undefined, message: 'nothing to import' },
    ];
    expect(renderFaults(faults, undefined)).toBe(`audit: r.xlsx: Return!E14: ${faults[0]!.message}\naudit: nothing to import\n`);
    const laid = renderFaults(faults, 50);
    expect(laid.match(/^audit: /gm)).toHaveLength(2);
    expect(laid.split('\n').every((line) => stringWidth(line) <= 50)).toBe(true);
  });
});
