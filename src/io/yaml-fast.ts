/**
 * A fast path for reading YAML when no positions are needed: js-yaml parses a large audit
 * several times faster than the position-keeping parser (about 50 ms against 340 ms, cold,
 * for a 1,000-criterion audit and its framework).
 *
 * It is only ever a shortcut to the result the strict parser would give: scalars resolve by
 * exactly the schema the strict parser uses (src/io/yaml-schema.ts), and any text where the two
 * libraries are known to read differently returns undefined, so that the caller takes the
 * strict path, which is also what reports every error. test/io/yaml-differential.test.ts holds
 * the two to it (and `npm run test:differential` for a long run).
 */
import jsYaml from 'js-yaml';
import { CANONICAL_INT, MAX_NESTING, NULL_FORMS, BOOL_FORMS, depthWithin } from './yaml-schema.js';

/** A plain key js-yaml would key by its value rather than its text. */
const NOT_TEXT_KEY = [...NULL_FORMS, ...BOOL_FORMS].filter(Boolean).join('|') + '|-?[0-9]+';

/**
 * Text the fast path leaves to the strict parser, because js-yaml reads it differently or
 * only the strict parser refuses it:
 * - a tag or an anchor (`!`, `!!str`, `&a`): refused, or capped, by the strict parser alone;
 * - a tab (indentation and comments after block scalars), a carriage return without a line
 *   feed (js-yaml reads it as a line break, the strict parser refuses it), a directive (`%`);
 * - an explicit or complex key (`? x`, `[a]: b`), which js-yaml turns into text;
 * - a key that is not plainly text (`~:`, `true:`, `-0:`, a number): js-yaml keys it by its
 *   value (`null`, `true`, `0`), the strict parser by how it is written;
 * - a byte-order mark or line separator (U+2028, U+2029, U+0085) anywhere but at the start;
 * - a block scalar with an indentation indicator (`|2`): the two read its blank lines differently;
 * - a sequence item with nothing on its line (`-`): js-yaml can take the next item into it.
 */

const NOT_FOR_THE_FAST_PATH = new RegExp(
  [
    String.raw`(?:^|[\s[{,])(?:&[^\s]|!)`,
    String.raw`\t`,
    String.raw`\r(?!\n)`,
    String.raw`^%`,
    String.raw`(?:^|[\s[{,])\?(?:[\s]|$)`,
    String.raw`[\]}]\s*:(?:\s|$)`,
    // (Each space is matched once: a line of thousands of spaces must not cost millions of steps.)
    String.raw`^[ ]*(?:-[ ]+)*(?:(?:${NOT_TEXT_KEY})[ ]*)?:(?:[ ]|$)`,
    String.raw`[\uFEFF\u2028\u2029\u0085]`,
    String.raw`[|>][-+]?[1-9]`,
    String.raw`^[ ]*-[ ]*\r?$`,
  ].join('|'),
  'm',
);

function scalarType(tag: string, test: (text: string) => boolean, construct: (text: string) => unknown): jsYaml.Type {
  return new jsYaml.Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (data: string | null) => data !== null && test(data),
    construct: (data: string) => construct(data),
  });
}

/** The strict parser's schema (yaml-schema.ts) in js-yaml's terms. */
const AUDIT_SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    new jsYaml.Type('tag:yaml.org,2002:null', {
      kind: 'scalar',
      resolve: (data: string | null) => data === null || NULL_FORMS.includes(data),
      construct: () => null,
    }),
    scalarType('bool', (s) => BOOL_FORMS.includes(s), (s) => s[0] === 't' || s[0] === 'T'),
    scalarType('int', (s) => CANONICAL_INT.test(s), (s) => Number(s)),
  ],
});

/** The same for a key in a flow mapping; looked for only where there is one (`, 2025:` is common in evidence). */
const NOT_TEXT_FLOW_KEY = new RegExp(String.raw`[{,][ ]*(?:(?:${NOT_TEXT_KEY})[ ]*)?:(?:\s|$)`);

export function loadYamlFast(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (NOT_FOR_THE_FAST_PATH.test(body) || (body.includes('{') && NOT_TEXT_FLOW_KEY.test(body))) return undefined;
  try {
    // js-yaml does not hold the lines of a quoted scalar that runs over a line end to the
    // indentation YAML requires ("x:\n  \"a\nb\"" with b at column 0 is an error): leave those to
    // the strict parser. The tool writes multi-line text as block scalars, so this is rare.
    const starts: number[] = [];
    let quotedOverLines = false;
    const listener = (event: jsYaml.EventType, state: jsYaml.State) => {
      if (event === 'open') {
        starts.push(state.position);
        return;
      }
      const start = starts.pop();
      if (state.kind !== 'scalar') return;
      const raw = state.input.slice(start, state.position).replace(/^(?:\s*#[^\n]*\n)*\s*/, '');
      if ((raw[0] === '"' || raw[0] === "'") && raw.includes('\n')) quotedOverLines = true;
    };
    // Unknown tags and duplicate keys throw (json: false).
    const data = jsYaml.load(body, { schema: AUDIT_SCHEMA, json: false, listener });
    if (data === null || data === undefined || quotedOverLines || !depthWithin(data, MAX_NESTING)) return undefined;
    return data;
  } catch {
    return undefined;
  }
}
