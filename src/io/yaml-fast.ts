/**
 * A fast path for reading YAML when no positions are needed: js-yaml parses a large audit
 * several times faster than the position-keeping parser (about 50 ms against 340 ms, cold,
 * for a 1,000-criterion audit and its framework).
 *
 * It is only ever a shortcut to the result the strict parser would give: scalars resolve by
 * exactly the YAML 1.2 core schema the strict parser uses (js-yaml's own CORE_SCHEMA also
 * reads YAML 1.1 forms such as 0b101), and any doubt (a parse error, a duplicate key,
 * anything that looks like a tag or an anchor) returns undefined so that the caller takes the strict
 * path, which is also what reports every error. test/io/yaml-fast.test.ts holds the two to it.
 */
import jsYaml from 'js-yaml';

// An anchor (`&name`) could make aliases, which go through the strict parser's alias cap; a
// tag (`!!int`, `!custom`) is resolved or refused by the strict parser alone.
const ANCHOR_OR_TAG = /(^|[\s[{,])[&!][^\s]/m;

function scalarType(tag: string, test: RegExp, construct: (text: string) => unknown): jsYaml.Type {
  return new jsYaml.Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (data: string | null) => data !== null && test.test(data),
    construct: (data: string) => construct(data),
  });
}

/** YAML 1.2 core schema (spec §10.3.2), as the strict parser resolves it. */
const CORE_1_2 = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    new jsYaml.Type('tag:yaml.org,2002:null', {
      kind: 'scalar',
      resolve: (data: string | null) => data === null || /^(?:~|null|Null|NULL)?$/.test(data),
      construct: () => null,
    }),
    scalarType('bool', /^(?:true|True|TRUE|false|False|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T'),
    scalarType('int', /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/, (s) =>
      s.startsWith('0o') ? parseInt(s.slice(2), 8) : s.startsWith('0x') ? parseInt(s.slice(2), 16) : Number(s),
    ),
    scalarType('float', /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (s) =>
      /\.(?:nan|NaN|NAN)$/.test(s) ? NaN : /inf$/i.test(s) ? (s.startsWith('-') ? -Infinity : Infinity) : Number(s),
    ),
  ],
});

export function loadYamlFast(text: string): unknown {
  // Tabs are where YAML parsers disagree most (indentation, comments after block scalars).
  if (text.includes('\t') || ANCHOR_OR_TAG.test(text)) return undefined;
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
    const data = jsYaml.load(text, { schema: CORE_1_2, json: false, listener });
    return data === null || data === undefined || quotedOverLines ? undefined : data;
  } catch {
    return undefined;
  }
}
