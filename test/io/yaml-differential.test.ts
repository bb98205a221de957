/**
 * One reading of every file: whatever the fast reader (src/io/yaml-fast.ts) returns, the strict one (yaml)
 * must accept and read the same. Documents are built from the shapes audits take (block and
 * flow collections, every scalar style) filled with the text on which YAML readers are known to
 * differ: numeric and boolean forms, tags, anchors, keys that are not plainly text, every
 * line-ending form, byte-order marks, directives, comments.
 *
 * CI runs a modest number of cases; `npm run test:differential` runs many more (set
 * YAML_DIFFERENTIAL_RUNS to choose how many). A disagreement found there is a case for
 * test/hostile/corpus/ and a fix in src/io/yaml-fast.ts or src/io/yaml-schema.ts.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { loadYamlFast } from '../../src/io/yaml-fast.js';
import { YamlSource } from '../../src/io/yaml-source.js';

const RUNS = Number(process.env.YAML_DIFFERENTIAL_RUNS ?? 400);

/** Text as audits hold it, and text on which YAML readers are known to differ (weighted so most documents are ordinary). */
const ORDINARY = ['3', '1', '4', 'plain text', 'Board minutes, May 2025', 'Zoë £5 — ok', 'open', 'done', '2026-03-31', 'x', 'Service Manager', 'a-b', 'é'];
const PLAIN = [
  '0x1F', '0o17', '+3', '-0', '.inf', '-.Inf', '.NaN', 'True', 'TRUE', 'yes', 'No', 'on', 'null', 'Null', '~', '1e3', '1_000', '3.0', '1e0', '03',
  '2025-01-01', '2001-12-14t21:59:43.10-05:00', '12:30', '0.', '.5', '010', '0b101', '<<', '=', 'plain text', 'Board minutes, May 2025: received',
  'x # not a comment?', 'a:b', 'http://x.y/z?q=1#f', '-x', '?x', '!x', '&x', '*x', '%x', '@x', '`x', 'x!', 'x&y', 'Zoë £5 — ok', '12345678901234567890',
  '-9007199254740993', 'x\ty', 'x\ry', 'x\u2028y', 'x\u0085y', 'x\u00a0y', 'trailing ', 'a  b',
];
const QUOTED_CONTENT = ['', 'it', "it''s", '\\n', '\\r', '\\t', '\\x41', '\\u2028', '\\N', '\\L', '\\P', '\\_', '\\0', '\\e', '\\/', '\\"', '#', ': ', ' - ', '\u2028', '\r', 'é'];
const ORDINARY_KEYS = ['rating', 'evidence', 'action', 'text', 'owner', 'x-a', 'L-1', 'W-2', 'organisation', 'a b', 'é'];
const KEYS = ['rating', 'evidence', 'x-a', 'L-1', '~', 'null', 'Null', 'true', 'True', '1', '-0', '01', '0x1', '__proto__', 'constructor', '"L-1"', "'L-1'", '"1"', '? x', '[a]', '{a: 1}', 'a b', 'é', '', '<<', '!!str k', '&a k', '*a'];
const NEWLINES = ['\n', '\n', '\n', '\n', '\n', '\r\n', '\r'];

type Node = { kind: 'scalar'; text: string } | { kind: 'map'; flow: boolean; entries: [string, Node][] } | { kind: 'seq'; flow: boolean; items: Node[] };

const keyArb = fc.oneof({ arbitrary: fc.constantFrom(...ORDINARY_KEYS), weight: 4 }, { arbitrary: fc.constantFrom(...KEYS), weight: 1 });

const scalarArb: fc.Arbitrary<Node> = fc
  .oneof(
    { arbitrary: fc.constantFrom(...ORDINARY), weight: 6 },
    fc.constantFrom(...PLAIN),
    fc.array(fc.constantFrom(...QUOTED_CONTENT), { maxLength: 3 }).map((parts) => `"${parts.join('')}"`),
    fc.array(fc.constantFrom(...QUOTED_CONTENT.filter((p) => !p.startsWith('\\'))), { maxLength: 3 }).map((parts) => `'${parts.join('').replace(/'(?!')/g, "''")}'`),
    fc
      .tuple(fc.constantFrom('|', '|-', '|+', '>', '>-', '|2'), fc.array(fc.constantFrom('one', 'two # x', '', '  indented', '- item', 'a: b', 'x\ry', '\u2028'), { minLength: 1, maxLength: 3 }))
      .map(([style, lines]) => `${style}\n${lines.map((l) => `BLOCK${l}`).join('\n')}`),
    fc.constantFrom('&a anchored', '*a', '!!str 3', '! x', '!!int "7"', '[]', '{}', ''),
  )
  .map((text) => ({ kind: 'scalar', text }));

const nodeArb: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarArb,
    fc.record({ kind: fc.constant('map' as const), flow: fc.boolean(), entries: fc.array(fc.tuple(keyArb, tie('node')), { maxLength: 3 }) }),
    fc.record({ kind: fc.constant('seq' as const), flow: fc.boolean(), items: fc.array(tie('node'), { maxLength: 3 }) }),
  ),
})).node;

/** The lines of `node` as the value of a key (or an item) at `indent`. */
function render(node: Node, indent: number): { inline: string; lines: string[] } {
  const pad = ' '.repeat(indent);
  if (node.kind === 'scalar') {
    if (node.text.includes('\n')) {
      const [head, ...rest] = node.text.split('\n');
      return { inline: head!, lines: rest.map((l) => l.replace(/^BLOCK/, `${pad}  `)) };
    }
    return { inline: node.text, lines: [] };
  }
  if (node.flow || (node.kind === 'map' ? node.entries.length === 0 : node.items.length === 0)) return { inline: flow(node), lines: [] };
  const lines: string[] = [];
  if (node.kind === 'map') {
    for (const [key, value] of node.entries) {
      const child = render(value, indent + 2);
      lines.push(`${pad}${key}:${child.inline ? ` ${child.inline}` : ''}`, ...child.lines);
    }
  } else {
    for (const item of node.items) {
      const child = render(item, indent + 2);
      lines.push(`${pad}-${child.inline ? ` ${child.inline}` : ''}`, ...child.lines);
    }
  }
  return { inline: '', lines };
}

function flow(node: Node): string {
  if (node.kind === 'scalar') return node.text.includes('\n') ? '"block"' : node.text;
  if (node.kind === 'map') return `{${node.entries.map(([k, v]) => `${k}: ${flow(v)}`).join(', ')}}`;
  return `[${node.items.map(flow).join(', ')}]`;
}

const documentArb = fc
  .tuple(
    fc.array(fc.tuple(keyArb, nodeArb), { minLength: 1, maxLength: 4 }),
    fc.constantFrom(...NEWLINES),
    fc.constantFrom('', '', '', '', '\ufeff', '---\n', '%YAML 1.1\n---\n', '# comment\n'),
    fc.constantFrom('', '', '', '', '\n...\n', ' # trailing\n', '\n\n'),
  )
  .map(([entries, newline, head, tail]) => {
    const text = head + render({ kind: 'map', flow: false, entries }, 0).lines.join('\n') + tail + '\n';
    return newline === '\n' ? text : text.replace(/\n/g, newline);
  });

function strict(text: string): { ok: unknown } | { refused: string } {
  try {
    return { ok: YamlSource.parse('t.yaml', text).toData() };
  } catch (err) {
    expect(err, text).toBeInstanceOf(InputError);
    return { refused: (err as InputError).message };
  }
}

describe('the two YAML readers', () => {
  it('never disagree: what the fast reader returns, the strict one reads the same', () => {
    fc.assert(
      fc.property(documentArb, (text) => {
        const fast = loadYamlFast(text);
        if (fast === undefined) return;
        const slow = strict(text);
        expect('ok' in slow, `fast read what strict refuses (${'refused' in slow ? slow.refused : ''}):\n${JSON.stringify(text)}`).toBe(true);
        const data = (slow as { ok: unknown }).ok;
        expect(isDeepStrictEqual(fast, data), `${JSON.stringify(text)}\nfast   ${JSON.stringify(fast)}\nstrict ${JSON.stringify(data)}`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  }, Math.max(30_000, RUNS * 2));

  it('resolve numbers, booleans and null alike, and only plain whole numbers as numbers', () => {
    for (const [text, value] of [
      ['3', 3], ['-12', -12], ['3.0', '3.0'], ['+3', '+3'], ['0x3', '0x3'], ['1e0', '1e0'], ['03', '03'], ['.inf', '.inf'], ['True', true], ['~', null], ['yes', 'yes'],
    ] as const) {
      const doc = `a: ${text}\n`;
      expect((strict(doc) as { ok: { a: unknown } }).ok.a, text).toStrictEqual(value);
      const fast = loadYamlFast(doc) as { a: unknown } | undefined;
      if (fast !== undefined) expect(fast.a, text).toStrictEqual(value);
    }
  });
});
