/**
 * YAML parsed with positions kept, so that any fault found later (schema, rules) can be
 * reported at its line and column, and so that a file can be rewritten keeping its comments.
 *
 * Parsing is deliberately strict: the schema of src/io/yaml-schema.ts (YAML 1.2 core, numbers
 * only as plain whole numbers), duplicate keys refused, tags of every kind refused (never
 * resolved or executed), nesting and alias expansion capped, a carriage return that does not
 * end a line refused. A byte-order mark is set aside for parsing and kept for writing back.
 */
import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { InputError } from '../errors.js';
import type { Violation } from '../core/violation.js';
import { readsBackAs, spliceEditedEntries, type EditedEntry, type Layout } from './yaml-splice.js';
import { AUDIT_TAGS, findDocumentFault, loneCarriageReturn, MAX_NESTING } from './yaml-schema.js';

/** Aliases a real audit might use are few; a billion-laughs document needs thousands. */
const MAX_ALIAS_COUNT = 100;

const PARSE_OPTIONS = {
  version: '1.2',
  schema: 'failsafe',
  customTags: AUDIT_TAGS,
  // Duplicate keys are found by findDocumentFault, in linear time.
  uniqueKeys: false,
  stringKeys: true,
  prettyErrors: false,
  merge: false,
  strict: true,
  keepSourceTokens: false,
} as const;

export type PathSegment = string | number;

export class YamlSource {
  readonly file: string;
  /** The text as parsed: the file's text without its byte-order mark. */
  readonly text: string;
  /** The file's text exactly as read, byte-order mark and all. */
  readonly original: string;
  readonly doc: Document;
  private readonly lines: LineCounter;
  private readonly edited: EditedEntry[] = [];

  private constructor(file: string, original: string, doc: Document, lines: LineCounter) {
    this.file = file;
    this.original = original;
    this.text = withoutMark(original);
    this.doc = doc;
    this.lines = lines;
  }

  /** Parses `text`, throwing an InputError at the first syntax fault or unsafe construct. */
  static parse(file: string, original: string): YamlSource {
    const text = withoutMark(original);
    const lines = new LineCounter();
    let doc: Document;
    try {
      doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter: lines });
    } catch (err) {
      // The parser recurses once per level of nesting: thousands of levels exhaust the stack.
      if (err instanceof RangeError) throw new InputError(`invalid YAML: nested more than ${MAX_NESTING} levels deep`, { file });
      throw err;
    }
    const source = new YamlSource(file, original, doc, lines);
    // Before the parser's own faults: a stray carriage return makes them hard to understand.
    const carriageReturn = loneCarriageReturn(text);
    if (carriageReturn !== undefined) {
      throw source.errorAtOffset(
        carriageReturn,
        'a carriage return that does not end a line (old Mac line endings, or pasted text): save the file with LF or CRLF line endings',
      );
    }
    // %YAML 1.1 would change how values read (yes as true); %TAG would name tags: neither belongs in these files.
    if (doc.directives?.yaml.explicit || Object.keys(doc.directives?.tags ?? {}).some((handle) => handle !== '!!' && handle !== '!')) {
      throw source.errorAtOffset(0, 'invalid YAML: a %YAML or %TAG directive is not allowed: these files are plain YAML 1.2');
    }
    const fault = doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
    if (fault) {
      const message =
        fault.code === 'TAG_RESOLVE_FAILED'
          ? `${fault.message.replace(/^Unresolved tag:/, 'tag')} is not allowed: these files are plain YAML, without tags`
          : /call stack/i.test(fault.message)
            ? `invalid YAML: nested more than ${MAX_NESTING} levels deep`
            : `invalid YAML: ${faultWords(fault.code, fault.message)}`;
      throw source.errorAtOffset(fault.pos[0], message);
    }
    const structural = findDocumentFault(doc);
    if (structural) throw source.errorAtOffset(structural.offset, `invalid YAML: ${structural.message}`);
    if (doc.contents === null) throw new InputError('file is empty (it holds only comments)', { file });
    reattachCommentsAfterEmptyValues(doc, text);
    return source;
  }

  /** Whether any entry was changed since the text was read. */
  get isEdited(): boolean {
    return this.edited.length > 0;
  }

  /** Records that the entry `key` of the mapping at `mapPath` was changed in `doc`. */
  markEdited(mapPath: ReadonlyArray<string | number>, key: string): void {
    this.edited.push({ mapPath, key });
  }

  /**
   * The document as text to write back: the original text with only the edited entries
   * replaced, or, where that cannot be done safely, the whole document re-serialised in the
   * original's indentation.
   */
  serialise(): string {
    if (this.edited.length === 0) return this.original;
    const mark = this.original.slice(0, this.original.length - this.text.length);
    const layout = detectLayout(this.text);
    const spliced = spliceEditedEntries(this.text, this.doc, this.edited, PARSE_OPTIONS, layout);
    if (spliced !== undefined) return mark + spliced;
    const whole = this.doc.toString({ ...layout, lineWidth: 0, nullStr: '' });
    // Never write a file that would not read back as what was meant.
    if (!readsBackAs(whole, this.doc.toJS(), PARSE_OPTIONS)) {
      throw new Error(`${this.file}: the edited document could not be written back faithfully; the file is unchanged`);
    }
    return mark + whole;
  }

  /** The document as plain data; aliases expanded within a hard cap. */
  toData(): unknown {
    try {
      return this.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      if (err instanceof ReferenceError || (err as Error).message?.includes('alias')) {
        throw new InputError(
          `too many YAML alias expansions (more than ${MAX_ALIAS_COUNT}); refusing a possible alias bomb`,
          { file: this.file },
        );
      }
      throw err;
    }
  }

  errorAtOffset(offset: number, message: string): InputError {
    const { line, col } = this.lines.linePos(offset);
    return new InputError(message, { file: this.file, line, column: col });
  }

  /** An InputError pointing at the node at `path` (or its key), or its nearest existing ancestor. */
  errorAt(path: ReadonlyArray<PathSegment>, message: string, atKey = false): InputError {
    const offset = this.offsetOf(path, atKey);
    return offset === undefined ? new InputError(message, { file: this.file }) : this.errorAtOffset(offset, message);
  }

  errorFor(violation: Violation): InputError {
    return this.errorAt(violation.path, violation.message, violation.atKey);
  }

  /** All violations as one InputError: the first as its message, the rest in `more`. */
  errorForAll(violations: Violation[]): InputError {
    const [first, ...rest] = violations.map((v) => this.errorFor(v));
    return new InputError(first!.message, first!.position, rest);
  }

  private offsetOf(path: ReadonlyArray<PathSegment>, atKey: boolean): number | undefined {
    let node: unknown = this.doc.contents;
    let best = rangeStart(node);
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) return best;
        if (last && atKey) return rangeStart(pair.key) ?? best;
        node = pair.value;
        best = rangeStart(node) ?? rangeStart(pair.key) ?? best;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
        if (node === undefined) return best;
        best = rangeStart(node) ?? best;
      } else {
        return best;
      }
    }
    return best;
  }
}

/** Indentation of the original file, so a whole-document rewrite does not reindent it. */
export function detectLayout(text: string): Layout {
  const lines = text.split(/\r?\n/);
  let indent: number | undefined;
  let indentSeq: boolean | undefined;
  for (let i = 1; i < lines.length && (indent === undefined || indentSeq === undefined); i++) {
    const line = lines[i]!;
    const previous = lines[i - 1]!;
    if (!/:\s*(#.*)?$/.test(previous) || /^\s*#/.test(previous)) continue;
    const parentIndent = previous.search(/\S/);
    const own = line.search(/\S/);
    if (own < 0 || line.trimStart().startsWith('#')) continue;
    if (line.trimStart().startsWith('- ')) indentSeq ??= own > parentIndent;
    else if (own > parentIndent) indent ??= own - parentIndent;
  }
  return { indent: indent ?? 2, indentSeq: indentSeq ?? true };
}

/**
 * The yaml library gives the comment lines that follow an empty value (`REF-1:` with nothing
 * after it) to that value, and marks the next key as preceded by a blank line; written back,
 * the comments jump up a line and blank lines appear. Audit forms are full of empty values
 * followed by the next criterion's comment, so put each comment back on the key it precedes.
 */
function reattachCommentsAfterEmptyValues(doc: Document, text: string): void {
  visit(doc, {
    Map(_, map) {
      map.items.forEach((pair, i) => {
        const value = pair.value;
        if (!isScalar(value) || value.value !== null || !value.comment || !value.range) return;
        const start = value.range[0];
        const endOfLine = text.indexOf('\n', start);
        const sameLine = /^[ \t]*#/.test(text.slice(start, endOfLine < 0 ? undefined : endOfLine));
        const lines = value.comment.split('\n');
        const following = sameLine ? lines.slice(1) : lines;
        value.comment = sameLine ? lines[0] : undefined;
        if (!following.length) return;
        const nextLine = endOfLine < 0 ? '' : text.slice(endOfLine + 1, text.indexOf('\n', endOfLine + 1));
        const next = map.items[i + 1];
        if (next && isScalar(next.key)) {
          next.key.commentBefore = [following.join('\n'), next.key.commentBefore].filter(Boolean).join('\n');
          next.key.spaceBefore = nextLine.trim() === '';
        } else {
          map.comment = [following.join('\n'), map.comment].filter(Boolean).join('\n');
        }
      });
    },
  });
}

/**
 * The yaml library's faults in our words, by its code: its own ("With stringKeys, all keys must
 * be strings", "The : indicator must be at most 1024 chars after the start of an implicit block
 * mapping key") name its internals, not what to mend. A code not listed keeps its wording.
 */
const FAULT_WORDS: Partial<Record<string, string>> = {
  NON_STRING_KEY: 'a key must be plain text (a name such as evidence or L-1), not a list, a mapping or an alias',
  KEY_OVER_1024_CHARS: 'a key is more than 1,024 characters long, or a long line ends in ":" where a key would: keep keys short, and put long text after "key: " or in a block (key: |)',
  MULTILINE_IMPLICIT_KEY: 'a key runs over more than one line, or a line is missing its ":": write each key and its ":" on one line',
  BLOCK_AS_IMPLICIT_KEY: 'a list or mapping is written where a key should be: check the indentation of this line',
  TAB_AS_INDENT: 'a tab is used to indent this line: indent with spaces',
  BAD_INDENT: 'the items of a list or mapping do not start at the same column: line them up',
  DUPLICATE_KEY: 'a key appears twice in the same mapping',
  BAD_DQ_ESCAPE: 'a backslash in double-quoted text starts no escape YAML knows: write \\\\ for a backslash, or use single quotes',
  ALIAS_PROPS: 'an alias (*name) cannot have an anchor or tag of its own',
  BAD_ALIAS: 'an anchor (&name) or alias (*name) has no name, or ends in ":"',
  MULTIPLE_ANCHORS: 'a value has two anchors (&name); give it one',
  MULTIPLE_TAGS: 'a value has two tags',
  MULTIPLE_DOCS: 'the file holds more than one YAML document (a line "---" part-way down): keep one',
  RESOURCE_EXHAUSTION: 'aliases expand to more than a file of this kind can hold',
};

function faultWords(code: string, message: string): string {
  if (code === 'MISSING_CHAR' && /quote/i.test(message)) return 'a quoted text has no closing quote';
  if (code === 'MISSING_CHAR' && /followed by map values/.test(message)) return 'a key has no ":" after it';
  return FAULT_WORDS[code] ?? message;
}

function withoutMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) ? (node as Node).range?.[0] : undefined;
}
