import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { loadYamlFast } from '../../src/io/yaml-fast.js';
import { YamlSource } from '../../src/io/yaml-source.js';

// Plain scalars on which YAML libraries are known to differ, and ordinary text.
const TOKENS = ['0x1F', '0o17', '+3', '-0', '.inf', '-.Inf', '.NaN', 'True', 'TRUE', 'yes', 'No', 'on', 'null', 'Null', '~', '1e3', '1_000',
  '2025-01-01', '2001-12-14t21:59:43.10-05:00', '12:30', '3.0', '0.', '.5', '010', '0b101', "'it''s'", '"tab\\there"', 'plain text', 'a: b', '- x', '[1, 2]', '{a: 1}', '!!str 3', '|\n  block\n', '>-\n  folded\n  text\n',
  '-.5e-3', '+0x1', '-0x1', '+0o7', '0X1F', '0o8', '1.', '+1', '1e', '1E3', '.Inf', '.INF', 'FALSE', 'NULL', '<<', '!!int "7"', '!!float 3', '!!null ""', '!!bool yes'];

function strict(text: string): unknown {
  try {
    return { ok: YamlSource.parse('t.yaml', text).toData() };
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return undefined;
  }
}

describe('the fast YAML path', () => {
  it('never gives a result the strict parser would not', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('rating', 'evidence', 'notApplicable', 'kind', 'applicable', 'x-a', 'b'), fc.constantFrom(...TOKENS)), { minLength: 1, maxLength: 5 }), (pairs) => {
        const text = pairs.map(([k, v], i) => `${k}${i}: ${v}`).join('\n') + '\n';
        const fast = loadYamlFast(text);
        if (fast === undefined) return;
        const slow = strict(text) as { ok: unknown } | undefined;
        expect(slow, text).toBeDefined();
        expect(isDeepStrictEqual(fast, slow!.ok), `${text}\nfast ${JSON.stringify(fast)}\nstrict ${JSON.stringify(slow!.ok)}`).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('declines anchors, tags and duplicate keys, leaving them to the strict parser', () => {
    expect(loadYamlFast('a: &x [1]\nb: *x\n')).toBeUndefined();
    expect(loadYamlFast('a: !include x\n')).toBeUndefined();
    expect(loadYamlFast('a: 1\na: 2\n')).toBeUndefined();
    expect(loadYamlFast('evidence: Health & Wellbeing Board\n')).toEqual({ evidence: 'Health & Wellbeing Board' });
  });

  it('declines a quoted scalar that runs over a line end, whose indentation js-yaml does not check', () => {
    // The strict parser refuses this (the second line is less indented than its mapping); js-yaml reads " b".
    expect(loadYamlFast('a:\n  x: "\nb"\n')).toBeUndefined();
    expect(loadYamlFast("a:\n  x: 'one\n    two'\n")).toBeUndefined();
    expect(loadYamlFast('a:\n  x: "one: two"\n  y: \'it\'\'s\'\n')).toEqual({ a: { x: 'one: two', y: "it's" } });
  });
});
