import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { InputError } from '../../src/errors.js';
import { loadYamlFast } from '../../src/io/yaml-fast.js';
import { YamlSource } from '../../src/io/yaml-source.js';
import { ROOT } from '../helpers/cli.js';

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

  it('declines a quoted scalar whose next line is less indented than YAML allows, and reads one indented as it requires', () => {
    // The strict parser refuses this (the second line is less indented than its mapping); js-yaml read " b".
    expect(loadYamlFast('a:\n  x: "\nb"\n')).toBeUndefined();
    expect(loadYamlFast("a:\n  x: 'one\n    two'\n")).toEqual({ a: { x: 'one two' } });
    expect(YamlSource.parse('t.yaml', "a:\n  x: 'one\n    two'\n").toData()).toEqual({ a: { x: 'one two' } });
    expect(loadYamlFast('a:\n  x: "one: two"\n  y: \'it\'\'s\'\n')).toEqual({ a: { x: 'one: two', y: "it's" } });
  });
});

// Text that tests a reader: spaces at either end, indicators, comment marks, quotes, escapes,
// Unicode spaces and letters, line breaks, and words long enough to be folded over lines.
const PIECES = ['plain', 'two words', ' lead', 'trail ', 'a: b', 'a #b', '#c', "it's", 'say "hi"', 'back\\slash', '- x', '[x]', '{x}', 'x,y', '50%', '@at', '`tick`',
  '\u00a0nbsp\u00a0', 'Climbié £143,000 ŵ —', 'line\nbreak', 'two\n\nbreaks', 'end\n', '\n', ' ', '', 'http://x.y/z', '12:30', '2025-01-01', '0x1F', '1e3', '.5', '-1', 'true', 'Null', '~', 'yes',
  'word '.repeat(12), 'x'.repeat(90)];
const KEYS = ['rating', 'evidence', 'S1-1', 'LEAD-2', 'x-local', 'a b', 'a.b', '$schema', 'k'];
// Keys the reader declines (the strict parser reads them as text all the same).
const ODD_KEYS = ['1', 'true', 'null', 'a: b', '#'];

const scalar = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 3 }).map((parts) => parts.join('')),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.dictionary(fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.constantFrom(...ODD_KEYS) }), tie('node'), { minKeys: 1, maxKeys: 4 }),
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, scalar, tie('tree'), fc.array(tie('node'), { maxLength: 3 })),
}));
const STRING_TYPES = ['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const;
const writeOptions = fc.record({
  lineWidth: fc.constantFrom(0, 12, 30, 80),
  minContentWidth: fc.constantFrom(0, 8, 20),
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
  defaultStringType: fc.constantFrom(...STRING_TYPES),
  defaultKeyType: fc.constantFrom(null, 'PLAIN' as const, 'PLAIN' as const),
  blockQuote: fc.constantFrom(true, false, 'literal' as const, 'folded' as const),
  collectionStyle: fc.constantFrom('any' as const, 'any' as const, 'block' as const, 'flow' as const),
});

/** Agrees with the strict parser, or declines; returns whether it read the text. */
function agrees(text: string): boolean {
  const fast = loadYamlFast(text);
  if (fast === undefined) return false;
  const slow = strict(text) as { ok: unknown } | undefined;
  expect(slow, `fast read what strict refuses:\n${text}`).toBeDefined();
  expect(isDeepStrictEqual(fast, slow!.ok), `${text}\nfast   ${JSON.stringify(fast)}\nstrict ${JSON.stringify(slow!.ok)}`).toBe(true);
  return true;
}

describe('the fast YAML reader on whole documents', () => {
  it('agrees with the strict parser on documents written in every style the yaml library has', () => {
    let read = 0;
    fc.assert(
      fc.property(tree, writeOptions, (data, options) => {
        if (agrees(stringify(data, options))) read++;
      }),
      { numRuns: 1500 },
    );
    // Not a vacuous property: many documents in these styles are read, not declined.
    expect(read).toBeGreaterThan(300);
  });

  it('agrees, or declines, when documents are edited by hand: comments, spaces, indentation, line endings', () => {
    const edit = fc.tuple(fc.nat(), fc.constantFrom('# note', '  # indented note', '', '   ', 'x', '  - y', ' ', '#', '\r', '"', "'", ':', ' #x', '|', '>-'), fc.constantFrom('line', 'end', 'start', 'indent', 'dedent'));
    fc.assert(
      fc.property(tree, writeOptions, fc.array(edit, { minLength: 1, maxLength: 3 }), (data, options, edits) => {
        const lines = stringify(data, options).split('\n');
        for (const [at, text, where] of edits) {
          const k = at % lines.length;
          if (where === 'line') lines.splice(k, 0, text);
          else if (where === 'end') lines[k] += text;
          else if (where === 'start') lines[k] = text + lines[k];
          else if (where === 'indent') lines[k] = ` ${lines[k]}`;
          else lines[k] = lines[k]!.replace(/^ /, '');
        }
        agrees(lines.join('\n'));
      }),
      { numRuns: 1500 },
    );
  });

  it('reads every bundled framework, example and template itself, exactly as the strict parser does', () => {
    const dirs = ['standards', 'examples', 'examples/section-11', 'templates', 'test/fixtures'];
    const files = dirs.flatMap((dir) => readdirSync(join(ROOT, dir)).filter((name) => name.endsWith('.yaml')).map((name) => join(ROOT, dir, name)));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(agrees(readFileSync(file, 'utf8')), file).toBe(true);
  });

  it('reads Windows line endings, and a document marker, as the strict parser does', () => {
    expect(agrees('---\r\na: 1\r\nb: |-\r\n  two\r\n  lines\r\n')).toBe(true);
    expect(loadYamlFast('a: 1\r\nb: two\r\n')).toEqual({ a: 1, b: 'two' });
  });

  it('declines what it does not read rather than guess', () => {
    for (const text of ['a: 1\n...\n', 'a: 1\n---\nb: 2\n', 'a: |2\n   x\n', 'a: |+\n  x\n\n', 'a:\n  plain on the next line\n', '- a\n- b\n', '"a": 1\n', 'a: [1, [2]]\n', '__proto__: 1\n'])
      expect(loadYamlFast(text), text).toBeUndefined();
  });
});
