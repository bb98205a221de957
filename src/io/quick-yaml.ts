/**
 * A quick reading of YAML for commands that read many audit files and edit none (`audit
 * aggregate` over a partnership's returns). js-yaml parses an audit about ten times faster
 * than the `yaml` library, which keeps the positions and comments that errors and edits need.
 *
 * It is only ever a fast path: it vouches for a file or declines, and never reports an error.
 * Whatever it declines (any parse error, anchors shared between nodes, directives, explicit
 * `?` keys, anything the schema or rules then refuse) is read again the strict way
 * (YamlSource), which names the fault with its line and column. Scalars resolve exactly as
 * YAML 1.2's core schema does in YamlSource, so both readings give the same data.
 */
import jsyaml from 'js-yaml';

const scalar = (tag: string, test: RegExp, construct: (text: string) => unknown) =>
  new jsyaml.Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (text: unknown) => typeof text === 'string' && test.test(text),
    construct: (text: unknown) => construct(String(text ?? '')),
  });

/** YAML 1.2 core schema, as the `yaml` library resolves it (no binary ints, no underscores). */
const CORE_1_2 = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    scalar('null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
    scalar('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (t) => t[0] === 't' || t[0] === 'T'),
    scalar('int', /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/, (t) =>
      t.startsWith('0o') ? parseInt(t.slice(2), 8) : t.startsWith('0x') ? parseInt(t.slice(2), 16) : parseInt(t, 10),
    ),
    scalar('float', /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (t) => {
      if (/^\.nan$/i.test(t)) return NaN;
      if (/inf$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
      return parseFloat(t);
    }),
  ],
});

/**
 * Text the quick reader cannot vouch for: directives, explicit (`?`) keys, and tabs (where
 * readers most often disagree on indentation: js-yaml takes a tab-indented comment as ending a
 * block scalar that the strict reader refuses).
 */
const DECLINED = /^(?:%|\s*\?(?:\s|$))|\t/m;

/** The document's data, or undefined when only the strict reader should judge this text. */
export function parseYamlQuickly(text: string): unknown {
  if (DECLINED.test(text)) return undefined;
  let data: unknown;
  try {
    data = jsyaml.load(text, { schema: CORE_1_2 });
  } catch {
    return undefined;
  }
  return data !== null && typeof data === 'object' && !sharesNodes(data) ? data : undefined;
}

/**
 * js-yaml gives an alias the very object its anchor names; the strict reader caps alias
 * expansion against alias bombs, so any sharing goes the strict way.
 */
function sharesNodes(root: object): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (seen.has(node)) return true;
    seen.add(node);
    for (const value of Object.values(node)) if (value !== null && typeof value === 'object') stack.push(value);
  }
  return false;
}
