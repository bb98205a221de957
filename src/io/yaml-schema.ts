/**
 * How audit, framework and template files read: one schema for both YAML readers, and the
 * checks on a parsed document that no parser option gives.
 *
 * The schema is YAML 1.2's core schema narrowed to what our files hold: null, true/false, and
 * whole numbers written plainly in decimal (3, -1). Other numeric forms (3.0, +3, 0x3, 0o3, 1e0,
 * 03, .inf) read as text, so a rating written so is refused by the schema check as "not a
 * whole number" instead of silently becoming 3. Both readers resolve exactly these forms.
 */
import { isAlias, isCollection, isMap, isNode, isPair, isScalar, Scalar, type Document, type Node } from 'yaml';
import { stringifyString, stringTag } from 'yaml/util';
import { BOOL_TEST, CANONICAL_INT, NULL_TEST } from './yaml-scalars.js';

/**
 * Characters the yaml library (2.9.1) writes raw inside double quotes that are outside YAML's
 * printable set (DEL, the C1 controls, U+FFFE, U+FFFF) or that YAML 1.1 readers take for line
 * breaks (NEL, U+2028, U+2029). Raw, the first make a file other YAML readers refuse (PyYAML:
 * "unacceptable character #x009b") and a C1 CSI (U+009B) acts on a terminal showing the file
 * (`cat`, `git diff`); the others read back as spaces.
 */
const UNPRINTABLE = /[\x7f-\x9f\u2028\u2029\ufffe\uffff]/;

/**
 * How text is written: as the library writes it, except that text holding an UNPRINTABLE
 * character is double-quoted with that character escaped (`\x9b`, `\uFFFE`), so that every
 * file we write is YAML any reader takes. Used for writing only: its `test` matches no plain
 * scalar, so reading resolves text by the schema's own tag as before.
 */
export const TEXT_TAG = {
  ...stringTag,
  test: /(?!)/,
  stringify(item: Scalar, ctx: Parameters<typeof stringifyString>[1], onComment?: () => void, onChompKeep?: () => void): string {
    const text = String(item.value);
    if (!UNPRINTABLE.test(text)) return stringTag.stringify!(item, ctx, onComment, onChompKeep);
    const quoted = Object.assign(new Scalar(text), { type: Scalar.QUOTE_DOUBLE });
    // Inside the library's double quotes such a character can only have come from the text itself.
    return stringifyString(quoted, { ...ctx, actualString: true } as typeof ctx, onComment, onChompKeep).replace(new RegExp(UNPRINTABLE.source, 'g'), escapeUnprintable);
  },
};

function escapeUnprintable(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Deeper than any audit, framework or template needs; deeper nesting is refused before anything recurses over it. */
export const MAX_NESTING = 64;

/** The schema's scalar tags in the yaml library's terms, added to its failsafe schema (maps, sequences, text). */
export const AUDIT_TAGS = [
  {
    identify: (value: unknown) => value === null || value === undefined,
    default: true,
    tag: 'tag:yaml.org,2002:null',
    test: NULL_TEST,
    resolve: () => null,
    stringify: (_item: unknown, ctx: { options: { nullStr?: string } }) => ctx.options.nullStr ?? 'null',
  },
  {
    identify: (value: unknown) => typeof value === 'boolean',
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: BOOL_TEST,
    resolve: (text: string) => text[0] === 't' || text[0] === 'T',
    stringify: (item: { value: unknown }) => String(item.value),
  },
  {
    identify: (value: unknown) => typeof value === 'number' && Number.isInteger(value),
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: CANONICAL_INT,
    resolve: (text: string) => Number(text),
    stringify: (item: { value: unknown }) => String(item.value),
  },
  TEXT_TAG,
];

/** True when `data` nests no deeper than `limit` (counted without recursion, so any depth is safe to ask about). */
export function depthWithin(data: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[data, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= limit) return false;
    for (const item of Array.isArray(value) ? value : Object.values(value)) stack.push([item, depth + 1]);
  }
  return true;
}

export interface DocumentFault {
  offset: number;
  message: string;
}

/**
 * What the yaml library lets through that our files may not hold, found in one pass over the
 * parsed document: nesting deeper than MAX_NESTING, a tag of any kind (`!!str`, `!`, `!x`),
 * and a key twice in one mapping. The library's own duplicate-key check compares every key with
 * every other (18 s for a mapping of 40,000 keys); this one is linear.
 */
export function findDocumentFault(doc: Document): DocumentFault | undefined {
  const stack: [unknown, number][] = [[doc.contents, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!isNode(node) || isAlias(node)) continue;
    const offset = (node as Node).range?.[0] ?? 0;
    if ((node as Node).tag !== undefined) {
      return { offset, message: `tag ${(node as Node).tag} is not allowed: these files are plain YAML, without tags` };
    }
    if (!isCollection(node)) continue;
    if (depth >= MAX_NESTING) return { offset, message: `nested more than ${MAX_NESTING} levels deep` };
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        if (isScalar(key)) {
          if (key.tag !== undefined) return { offset: key.range?.[0] ?? offset, message: `tag ${key.tag} is not allowed: these files are plain YAML, without tags` };
          const name = String(key.value);
          if (seen.has(name)) return { offset: key.range?.[0] ?? offset, message: `duplicate key "${name}": a key may appear only once in a mapping` };
          seen.add(name);
        }
        stack.push([pair.value, depth + 1]);
      }
    } else {
      for (const item of node.items) stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

/**
 * The offset of a carriage return that does not end a line. YAML counts one as a line break,
 * the strict parser keeps it as text and js-yaml breaks the line there: read two ways, so
 * refused.
 */
export function loneCarriageReturn(text: string): number | undefined {
  for (let at = text.indexOf('\r'); at >= 0; at = text.indexOf('\r', at + 1)) {
    if (text[at + 1] !== '\n') return at;
  }
  return undefined;
}
