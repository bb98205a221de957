/**
 * Writing an edited YAML document back by splicing: only the entries that were edited are
 * re-serialised, and their text replaces the original entry's text. Everything else (comments,
 * spacing, quoting, line endings) stays byte for byte as the user left it, so an audit kept in
 * git diffs only where an answer changed.
 *
 * The result is checked by parsing it again; if it does not give the same data as the edited
 * document (some layout this does not handle), the caller falls back to a whole-document write.
 */
import { isDeepStrictEqual } from 'node:util';
import { loadYamlFast } from './yaml-fast.js';
import { Document, isMap, isScalar, LineCounter, Pair, parseDocument, Scalar, YAMLMap, type Node, type ParsedNode } from 'yaml';
import { TEXT_TAG } from './yaml-schema.js';

/** An entry `key` of the mapping at `mapPath` (e.g. ['responses'], 'REF-1'). */
export interface EditedEntry {
  mapPath: ReadonlyArray<string | number>;
  key: string;
}

export interface Layout {
  indent: number;
  indentSeq: boolean;
}

interface Splice {
  start: number;
  end: number;
  text: string;
  /** Depth of the mapping the entry belongs to: at one offset, deeper entries come first. */
  depth: number;
  /** Position in its mapping: at one offset, lower comes first. */
  rank: number;
}

export function spliceEditedEntries(
  text: string,
  edited: Document,
  entries: readonly EditedEntry[],
  parseOptions: object,
  layout: Layout,
): string | undefined {
  const lines = new LineCounter();
  // Only its ranges are needed, and the text was validated when read: skip the duplicate-key scan.
  const pristine = parseDocument(text, { ...parseOptions, uniqueKeys: false, lineCounter: lines });
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const splices: Splice[] = [];

  for (const entry of resolveEntries(pristine, edited, entries)) {
    const original = mapAt(pristine, entry.mapPath)!;
    const current = mapAt(edited, entry.mapPath);
    if (!current) return undefined;
    const index = current.items.findIndex((pair) => keyOf(pair) === entry.key);
    const existing = original.items.find((p) => keyOf(p) === entry.key);
    const column = lines.linePos((original.items[0]!.key as ParsedNode).range[0]).col - 1;
    const indentation = ' '.repeat(column);

    if (index < 0) {
      // Deleted: remove its lines, keeping any comments above it.
      if (!existing) continue;
      const start = text.lastIndexOf('\n', (existing.key as ParsedNode).range[0] - 1) + 1;
      const end = endOfEntry(text, existing);
      splices.push({ start, end: text.startsWith(newline, end) ? end + newline.length : end, text: '', depth: entry.mapPath.length, rank: 0 });
      continue;
    }
    const body = serialisePair(entry.key, current.items[index]!.value, layout)
      .split('\n')
      .map((line, i) => (i === 0 || line === '' ? line : indentation + line))
      .join(newline);

    if (existing) {
      splices.push({ start: (existing.key as ParsedNode).range[0], end: endOfEntry(text, existing), text: body, depth: entry.mapPath.length, rank: index });
      continue;
    }
    // A new entry goes before the next entry that already exists, above that entry's comments.
    const next = current.items.slice(index + 1).find((p) => original.items.some((o) => keyOf(o) === keyOf(p)));
    if (next) {
      const anchorIndex = original.items.findIndex((o) => keyOf(o) === keyOf(next));
      const anchor = original.items[anchorIndex]!;
      const previous = original.items[anchorIndex - 1];
      // Never above the end of the entry before: a `#` line there may be text in a block scalar.
      const floor = previous ? lineEnd(text, endOfEntry(text, previous)) + 1 : 0;
      const at = Math.max(floor, startOfLeadingBlock(text, (anchor.key as ParsedNode).range[0]));
      splices.push({ start: at, end: at, text: indentation + body + newline, depth: entry.mapPath.length, rank: index });
    } else {
      const at = endOfEntry(text, original.items[original.items.length - 1]!);
      splices.push({ start: at, end: at, text: newline + indentation + body, depth: entry.mapPath.length, rank: index });
    }
  }

  // Applied from the end of the text backwards; a splice applied earlier ends up later in the file.
  splices.sort((a, b) => b.start - a.start || a.depth - b.depth || b.rank - a.rank);
  let result = text;
  for (const splice of splices) result = result.slice(0, splice.start) + splice.text + result.slice(splice.end);

  return readsBackAs(result, edited.toJS(), parseOptions) ? result : undefined;
}

/**
 * The entries to re-serialise. An entry inside a mapping the original text cannot take a
 * splice in (missing, empty, or in flow style `{}`), or that the edit emptied, is replaced by
 * the entry holding that mapping; entries inside another entry being re-serialised are dropped.
 */
function resolveEntries(pristine: Document, edited: Document, entries: readonly EditedEntry[]): EditedEntry[] {
  const resolved: EditedEntry[] = [];
  for (let entry of entries) {
    for (;;) {
      const map = mapAt(pristine, entry.mapPath);
      const now = mapAt(edited, entry.mapPath);
      if (map && !map.flow && map.items.length > 0 && now && now.items.length > 0) break;
      if (entry.mapPath.length === 0) return [];
      entry = { mapPath: entry.mapPath.slice(0, -1), key: String(entry.mapPath[entry.mapPath.length - 1]) };
    }
    resolved.push(entry);
  }
  const full = (e: EditedEntry) => [...e.mapPath.map(String), e.key];
  const within = (inner: string[], outer: string[]) => outer.length <= inner.length && outer.every((k, i) => inner[i] === k);
  const unique = [...new Map(resolved.map((e) => [JSON.stringify(full(e)), e])).values()];
  return unique.filter((e) => !unique.some((other) => other !== e && within(full(e), full(other)) && full(other).length < full(e).length));
}

/** Whether `text` parses to `expected`: by the fast parser when it agrees, else by the strict one. */
export function readsBackAs(text: string, expected: unknown, parseOptions: object): boolean {
  const fast = loadYamlFast(text);
  if (fast !== undefined && isDeepStrictEqual(fast, expected)) return true;
  const check = parseDocument(text, parseOptions);
  return check.errors.length === 0 && isDeepStrictEqual(check.toJS(), expected);
}

function mapAt(doc: Document, path: ReadonlyArray<string | number>): YAMLMap | undefined {
  const node: unknown = path.length ? doc.getIn(path, true) : doc.contents;
  return isMap(node) ? node : undefined;
}

/** Keys parsed from text are Scalars; keys added with YAMLMap.set are plain strings. */
function keyOf(pair: Pair): string | undefined {
  if (isScalar(pair.key)) return String(pair.key.value);
  return typeof pair.key === 'string' ? pair.key : undefined;
}

function serialisePair(key: string, value: unknown, layout: Layout): string {
  // TEXT_TAG: text is written as the audit's own reader would have it (unprintable characters escaped).
  const doc = new Document(undefined, { customTags: [TEXT_TAG] });
  const map = new YAMLMap();
  map.items.push(new Pair(new Scalar(key), value as Node));
  doc.contents = map;
  return doc.toString({ ...layout, lineWidth: 0, nullStr: '' }).replace(/\n$/, '');
}

/** Offset just past the last character of an entry's value (before its line break). */
function endOfEntry(text: string, pair: Pair): number {
  const key = pair.key as ParsedNode;
  const value = pair.value as ParsedNode | null;
  const keyLineEnd = lineEnd(text, key.range[0]);
  const valueEnd = value?.range ? value.range[1] : key.range[1];
  // An empty value ends on the key's line; otherwise the entry ends on the line of its last character.
  const end = valueEnd <= keyLineEnd + 1 ? keyLineEnd : lineEnd(text, Math.max(valueEnd - 1, key.range[0]));
  return text[end - 1] === '\r' ? end - 1 : end;
}

function lineEnd(text: string, offset: number): number {
  const at = text.indexOf('\n', offset);
  return at < 0 ? text.length : at;
}

/** Start of the comment and blank lines directly above the line holding `offset`. */
function startOfLeadingBlock(text: string, offset: number): number {
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  while (start > 0) {
    const previousStart = text.lastIndexOf('\n', start - 2) + 1;
    const previous = text.slice(previousStart, start - 1).trim();
    if (previous !== '' && !previous.startsWith('#')) break;
    start = previousStart;
  }
  return start;
}
