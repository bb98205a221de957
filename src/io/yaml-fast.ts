/**
 * A fast path for reading YAML when no positions are needed: a reader of the block YAML that
 * audit and framework files are written in (mappings, sequences, plain, quoted and block
 * scalars, comments, one-line flow collections), several times faster than a general parser
 * in a process that has just started: a 1,000-criterion audit and its framework (500 KB) read
 * in about 14 ms on Node 20, where js-yaml took about 50 and the strict parser about 340. In
 * such a process the code runs unoptimised, so each call, look-up and match counts.
 *
 * It is only ever a shortcut to the result the strict parser would give: scalars resolve by
 * exactly the schema the strict parser uses (src/io/yaml-schema.ts: null, true/false and whole
 * numbers written plainly in digits; everything else is text), and anything else (a construct
 * it does not read, a duplicate key, an anchor, a tag, an error) declines, returning undefined,
 * so that the caller takes the strict path, which is also what reports every error.
 * test/io/yaml-fast.test.ts holds the two to it, on documents the strict library writes in
 * every style it has, and test/io/yaml-differential.test.ts on generated hostile ones (`npm run
 * test:differential` for a long run).
 */
import { BOOL_FORMS, CANONICAL_INT, NULL_FORMS } from './yaml-scalars.js';

/** Thrown to decline, caught in loadYamlFast: one object, so that declining costs no stack trace. */
const DECLINE = { declined: true };

function decline(): never {
  throw DECLINE;
}

// Tabs are where YAML parsers disagree most; control characters, Unicode line separators and
// a carriage return that ends no line are errors or breaks the strict parser reports or reads.
const SUSPECT_CHARACTER = /[\t\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]/;
const LONE_CARRIAGE_RETURN = /\r(?!\n)/;
// An anchor (`&name`) could make aliases, which go through the strict parser's alias cap; a
// tag (`!!int`, `!custom`, the bare `!`) is the strict parser's to refuse.
const ANCHOR_OR_TAG = /(^|[\s[{,])(?:&[^\s]|!)/m;

function isSuspect(text: string): boolean {
  // Both are rare in audits: look with indexOf before running the pattern over the whole text.
  if ((text.includes('&') || text.includes('!')) && ANCHOR_OR_TAG.test(text)) return true;
  // Apart: the class alone scans a sixth faster than with the alternation (0.8 ms for 500 KB).
  return SUSPECT_CHARACTER.test(text) || (text.includes('\r') && LONE_CARRIAGE_RETURN.test(text));
}

/**
 * A mapping key this reader takes (sticky: matched at a column): plain, no indicators. The
 * match takes the spaces after the colon too, so that what follows it is the value.
 */
const KEY = /[A-Za-z0-9_$](?:[A-Za-z0-9_$.\/-]| (?=[A-Za-z0-9_$.\/-]))* *:(?: +|$)/y;

// Each pattern here is tested, never executed for its groups: in a process that has just
// started, building a match's array and strings costs more than the match itself.

/** Where the value after a key at column `col` starts; -1 when no key is there. */
function keyAt(line: string, col: number): number {
  KEY.lastIndex = col;
  return KEY.test(line) ? KEY.lastIndex : -1;
}

/**
 * A plain scalar that runs to the end of its line with nothing plain() would look at twice: no
 * indicator first, and no `: `, ` #`, final `:` or final space. Sticky: matched at a column.
 */
const SIMPLE_PLAIN = /(?![ ,[\]{}#&*!|>'"%@`]|[-?:](?: |$))(?:[^: ]|:(?! |$)| +(?![ #]|$))+$/y;

function isSimplePlainAt(line: string, col: number): boolean {
  SIMPLE_PLAIN.lastIndex = col;
  return SIMPLE_PLAIN.test(line);
}

/** Deeper than any audit or framework; a document nested deeper goes to the strict parser. */
const MAX_DEPTH = 64;

/** A plain scalar as the strict parser's schema (src/io/yaml-schema.ts) resolves it. */
function resolvePlain(text: string): unknown {
  // Most scalars are words: only these first characters can begin anything but text.
  if (text !== '' && !'~nNtTfF0123456789-'.includes(text[0]!)) return text;
  if (NULL_FORMS.includes(text)) return null;
  if (BOOL_FORMS.includes(text)) return text[0] === 't' || text[0] === 'T';
  if (CANONICAL_INT.test(text)) return Number(text);
  return text;
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

const NOT_SPACE = /[^ ]/;
/** Leading spaces. A search rather than a loop: it runs on every line, in code too new to be optimised. */
function indentOf(line: string): number {
  const n = line.search(NOT_SPACE);
  return n < 0 ? line.length : n;
}

/** `- …` or a lone `-` at column `n`. */
function isSequenceEntry(line: string, n: number): boolean {
  return line.charCodeAt(n) === 45 && (line.length === n + 1 || line.charCodeAt(n + 1) === 32);
}

/** Only spaces, then nothing or a comment. */
const ENDS_CLEANLY = /^(?: +#.*| *)$/;

// YAML trims spaces only: String#trim would also take no-break and other Unicode spaces.
function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Where a line's document marker (`---`, `...`) would be: a folded quoted scalar may not run past one. */
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?: |$)/;
const BLOCK_HEADER = /^[|>][-+]?(?: +#.*| *)$/;
const DOUBLE_QUOTED_SPECIAL = /["\\]/g;
const SINGLE_QUOTED_SPECIAL = /'/g;

/**
 * Reads a document of block YAML. Its state (the lines, where the reading is) is held in this
 * function's variables, which its inner functions reach directly: a class's fields each cost a
 * property look-up, and in a process that has just started those were a tenth of the reading.
 */
function readBlockDocument(source: string): Record<string, unknown> {
  const lines = source.split('\n');
  const endsWithBreak = source.endsWith('\n');
  if (endsWithBreak) lines.pop();
  if (source.includes('\r')) for (let k = 0; k < lines.length; k++) if (lines[k]!.endsWith('\r')) lines[k] = lines[k]!.slice(0, -1);
  /**
   * Each line's indentation; -1 for a blank line, and -2 less its indentation for a comment
   * line (so that every line to skip is negative, and a block scalar still knows its indentation).
   */
  const indents = new Int32Array(lines.length);
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    const n = indentOf(line);
    indents[k] = n === line.length ? -1 : line.charCodeAt(n) === 35 /* # */ ? -2 - n : n;
  }
  const count = lines.length;
  /** The current line. */
  let i = 0;
  let depth = 0;

  /** Line `k`'s leading spaces, whatever it holds (a blank line's are its length). */
  function indentAt(k: number): number {
    const indent = indents[k]!;
    return indent >= 0 ? indent : indent === -1 ? lines[k]!.length : -2 - indent;
  }

  function document(): Record<string, unknown> {
    let j = nextSignificant();
    if (j >= 0 && /^---(?: +#.*| *)$/.test(lines[j]!)) {
      i = j + 1;
      j = nextSignificant();
    }
    const first = j < 0 || indents[j] !== 0 ? -1 : keyAt(lines[j]!, 0);
    if (first < 0) decline();
    const data = mapping(0, 0, {}, first);
    if (nextSignificant() >= 0) decline(); // a second document, `...`, or a stray line
    return data;
  }

  /** The index of the next line that is neither blank nor a comment, from the current one; -1 at the end. */
  function nextSignificant(): number {
    while (i < count && indents[i]! < 0) i++;
    return i < count ? i : -1;
  }

  /**
   * The entries of a block mapping at indentation `n`, the first starting at column `col` of the
   * current line, its key already matched there by the caller that found the mapping, its value
   * starting at `valueAt`.
   */
  function mapping(n: number, col: number, into: Record<string, unknown>, valueAt: number): Record<string, unknown> {
    if (++depth > MAX_DEPTH) decline();
    // The hot loop of the reader: what it calls for every key is written out here (keyAt,
    // isSimplePlainAt, endsPlainHere, nextSignificant), so a change to one of those is made here too.
    for (;;) {
      // The entry whose key keyAt found at column `col` of the current line (-1: no key there).
      if (valueAt < 0) decline();
      const line = lines[i]!;
      let keyEnd = line.indexOf(':', col); // no key holds a colon
      while (line.charCodeAt(keyEnd - 1) === 32) keyEnd--;
      const key = line.slice(col, keyEnd);
      if (key === '__proto__' || resolvePlain(key) !== key || Object.hasOwn(into, key)) decline();
      // The commonest line, `key: words`, read here; plain() reads what may go on over lines.
      SIMPLE_PLAIN.lastIndex = valueAt;
      const next = i + 1 < count ? indents[i + 1]! : -2;
      if (valueAt < line.length && SIMPLE_PLAIN.test(line) && next <= n && next !== -1) {
        i++;
        into[key] = resolvePlain(line.slice(valueAt));
      } else {
        into[key] = value(line.slice(valueAt), n, false);
      }
      while (i < count && indents[i]! < 0) i++;
      if (i >= count) break;
      const indent = indents[i]!;
      if (indent < n) break;
      if (indent > n) decline();
      col = n;
      // Declined above when no key is there, as where a sequence entry (`- `) is.
      KEY.lastIndex = n;
      valueAt = KEY.test(lines[i]!) ? KEY.lastIndex : -1;
    }
    depth--;
    return into;
  }

  /** Whether a plain scalar on the current line, of a node at indentation `n`, ends on it (plain() reads the rest). */
  function endsPlainHere(n: number): boolean {
    const next = i + 1 < count ? indents[i + 1]! : -2;
    return next <= n && next !== -1;
  }

  /** The value that starts with `rest` on the current line, of a node at indentation `n`. */
  function value(rest: string, n: number, inSequence: boolean): unknown {
    const first = rest.charCodeAt(0);
    if (rest === '' || first === 35 /* # */) {
      i++;
      const j = nextSignificant();
      if (j < 0) return null;
      const line = lines[j]!;
      const indent = indents[j]!;
      if (indent > n) return block(indent);
      // A mapping's value may be a sequence at the mapping's own indentation.
      if (indent === n && !inSequence && isSequenceEntry(line, n)) return sequence(n);
      return null;
    }
    if (first === 124 /* | */ || first === 62 /* > */) return blockScalar(rest, n);
    if (first === 34 /* " */) return quoted(rest, n, true);
    if (first === 39 /* ' */) return quoted(rest, n, false);
    if (first === 91 /* [ */ || first === 123 /* { */) {
      const flow = new FlowReader(rest).value();
      i++;
      return flow;
    }
    return plain(rest, n);
  }

  /** A mapping or sequence whose first line (the current one) is at indentation `m`. */
  function block(m: number): unknown {
    const line = lines[i]!;
    if (isSequenceEntry(line, m)) return sequence(m);
    const valueAt = keyAt(line, m);
    if (valueAt >= 0) return mapping(m, m, {}, valueAt);
    return decline(); // a scalar on the line after its key, or something stranger
  }

  function sequence(n: number): unknown[] {
    if (++depth > MAX_DEPTH) decline();
    const items: unknown[] = [];
    let valueAt: number;
    for (;;) {
      const line = lines[i]!;
      // The item starts after the `-` and the spaces after it.
      let col = n + 1;
      while (line.charCodeAt(col) === 32) col++;
      if (col === line.length || line.charCodeAt(col) === 35 /* # */) {
        items.push(value('', n, true));
      } else if (isSimplePlainAt(line, col) && endsPlainHere(n)) {
        // Looked for first, as the commonest item: it is never a key (it holds no `: ` and ends in no `:`).
        i++;
        items.push(resolvePlain(line.slice(col)));
      } else if (isSequenceEntry(line, col)) {
        decline(); // `- - x`
      } else if ((valueAt = keyAt(line, col)) >= 0) {
        items.push(mapping(col, col, {}, valueAt)); // each key matched once, here or in mapping
      } else {
        items.push(value(line.slice(col), n, true));
      }
      const j = nextSignificant();
      if (j < 0) break;
      const indent = indents[j]!;
      if (indent < n) break;
      if (indent > n) decline();
      if (!isSequenceEntry(lines[j]!, n)) break; // the key of the mapping this sequence is a value in
    }
    depth--;
    return items;
  }

  /** A plain scalar, on this line and any more-indented lines that continue it. */
  function plain(rest: string, n: number): unknown {
    const first = rest[0]!;
    if (',[]{}#&*!|>\'"%@`'.includes(first)) decline();
    if ('-?:'.includes(first) && (rest.length === 1 || rest[1] === ' ')) decline();
    const comment = rest.indexOf(' #');
    const head = trimEnd(comment >= 0 ? rest.slice(0, comment) : rest);
    if (head.includes(': ') || head.endsWith(':')) decline();
    i++;
    if (comment >= 0) return resolvePlain(head);

    let text = head;
    let blanks = 0;
    let multiline = false;
    for (let k = i; k < count; k++) {
      const indent = indents[k]!;
      if (indent === -1) {
        blanks++;
        continue;
      }
      if (indent <= n) break; // less indented, or a comment
      const part = trimEnd(lines[k]!.slice(indent));
      if (',[]{}#&*!|>\'"%@`-?:'.includes(part[0]!) || part.includes(': ') || part.includes(' #') || part.endsWith(':')) decline();
      text += blanks === 0 ? ` ${part}` : '\n'.repeat(blanks);
      if (blanks > 0) text += part;
      blanks = 0;
      multiline = true;
      i = k + 1;
    }
    return multiline ? text : resolvePlain(text);
  }

  /** A double- (`escapes`) or single-quoted scalar, folded over as many lines as it takes. */
  function quoted(rest: string, n: number, escapes: boolean): string {
    const quote = escapes ? '"' : "'";
    const special = escapes ? DOUBLE_QUOTED_SPECIAL : SINGLE_QUOTED_SPECIAL;
    let text = '';
    let line = rest;
    let pos = 1;
    for (;;) {
      special.lastIndex = pos;
      const found = special.test(line) ? special.lastIndex - 1 : -1;
      if (found < 0) {
        // The line ends inside the scalar: fold it into the next.
        // Spaces before the break go (escaped ones were added already, so they stay).
        text += trimEnd(line.slice(pos));
        let blanks = 0;
        for (;;) {
          i++;
          if (i >= count) decline();
          if (indents[i] === -1) {
            blanks++;
            continue;
          }
          const next = lines[i]!;
          const indent = indentAt(i);
          if (indent <= n || DOCUMENT_MARKER.test(next)) decline();
          line = next;
          pos = indent;
          break;
        }
        text += blanks === 0 ? ' ' : '\n'.repeat(blanks);
        continue;
      }
      text += line.slice(pos, found);
      pos = found + 1;
      if (line[found] === quote) {
        if (!escapes && line[pos] === "'") {
          text += "'";
          pos++;
          continue;
        }
        if (!ENDS_CLEANLY.test(line.slice(pos))) decline();
        i++;
        return text;
      }
      // A backslash escape.
      const code = line[pos];
      if (code === undefined) {
        // An escaped line break: the lines join with nothing between.
        i++;
        if (i >= count) decline();
        const next = lines[i]!;
        const indent = indentAt(i);
        if (indent === next.length || indent <= n) decline();
        line = next;
        pos = indent;
        continue;
      }
      const simple = ESCAPES[code];
      if (simple !== undefined) {
        text += simple;
        pos++;
        continue;
      }
      const length = HEX_LENGTH[code];
      const hex = length ? line.slice(pos + 1, pos + 1 + length) : '';
      if (!length || !new RegExp(`^[0-9a-fA-F]{${length}}$`).test(hex)) decline();
      const point = parseInt(hex, 16);
      if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) decline();
      text += String.fromCodePoint(point);
      pos += 1 + length;
    }
  }

  /** A literal (`|`) or folded (`>`) block scalar whose header is `rest`, its node at indentation `n`. */
  function blockScalar(rest: string, n: number): string {
    // An indentation indicator, and keeping trailing lines (`+`), are rare: the strict parser reads them.
    if (!BLOCK_HEADER.test(rest) || rest[1] === '+') decline();
    const folded = rest[0] === '>';
    const strip = rest[1] === '-';
    i++;

    // Leading blank lines are rare, and subtle: declined. So is an empty block scalar.
    if (i >= count || indents[i] === -1) decline();
    const m = indentAt(i);
    if (m <= n) decline();

    const body: string[] = [];
    let blanks = 0;
    let k = i;
    for (; k < count; k++) {
      const line = lines[k]!;
      let indent = indents[k]!;
      if (indent === -1) {
        if (line.length > m) decline(); // spaces beyond the indentation: content, subtly
        blanks++;
        continue;
      }
      if (indent < -1) {
        indent = -2 - indent;
        if (indent < m) break; // a comment after the block scalar
      } else if (indent < m) {
        if (indent > n) decline(); // less indented than its first line
        break;
      }
      for (; blanks > 0; blanks--) body.push('');
      body.push(line.slice(m));
    }
    // The last line of a file without a final line break is a case of its own.
    if (k === count && blanks === 0 && !endsWithBreak) decline();
    i = k;

    let text: string;
    if (folded) {
      text = '';
      let pending = 0;
      for (const [index, part] of body.entries()) {
        if (part === '') {
          pending++;
          continue;
        }
        if (part.charCodeAt(0) === 32) decline(); // more-indented lines keep their breaks: the strict parser's
        text += index === 0 ? part : pending === 0 ? ` ${part}` : '\n'.repeat(pending) + part;
        pending = 0;
      }
    } else {
      text = body.join('\n');
    }
    return strip ? text : `${text}\n`;
  }

  return document();
}

/** A flow collection that opens and closes on one line: `[a, "b"]`, `{ value: 1, label: Not met }`. */
class FlowReader {
  private pos = 0;

  constructor(private readonly text: string) {}

  value(): unknown {
    const result = this.collection();
    if (!ENDS_CLEANLY.test(this.text.slice(this.pos))) decline();
    return result;
  }

  private collection(): unknown {
    const open = this.text[this.pos];
    const close = open === '[' ? ']' : '}';
    this.pos++;
    const items: unknown[] = [];
    const map: Record<string, unknown> = {};
    this.spaces();
    if (this.text[this.pos] === close) {
      this.pos++;
      return open === '[' ? items : map;
    }
    for (;;) {
      this.spaces();
      const item = this.scalar();
      this.spaces();
      if (open === '{') {
        if (this.text[this.pos] !== ':' || this.text[this.pos + 1] !== ' ') decline();
        this.pos += 2;
        this.spaces();
        if (typeof item !== 'string' || item === '__proto__' || Object.hasOwn(map, item)) decline();
        map[item] = this.scalar();
        this.spaces();
      } else {
        items.push(item);
      }
      const next = this.text[this.pos];
      this.pos++;
      if (next === close) return open === '[' ? items : map;
      if (next !== ',') decline();
    }
  }

  private spaces(): void {
    while (this.text[this.pos] === ' ') this.pos++;
  }

  private scalar(): unknown {
    const first = this.text[this.pos];
    if (first === '"' || first === "'") {
      const end = first === '"' ? /^"((?:[^"\\]|\\["\\/bfnrt0])*)"/.exec(this.text.slice(this.pos)) : /^'((?:[^']|'')*)'/.exec(this.text.slice(this.pos));
      if (!end) decline();
      this.pos += end[0].length;
      return first === '"' ? end[1]!.replace(/\\(.)/g, (_, c: string) => ESCAPES[c]!) : end[1]!.replace(/''/g, "'");
    }
    const plain = /^[^\s,[\]{}#&*!|>'"%@`:?-][^,[\]{}:#]*/.exec(this.text.slice(this.pos));
    if (!plain) decline();
    this.pos += plain[0].length;
    const text = trimEnd(plain[0]);
    if (this.text[this.pos] === '#') decline();
    return resolvePlain(text);
  }
}

export function loadYamlFast(text: string): unknown {
  if (isSuspect(text)) return undefined;
  try {
    return readBlockDocument(text);
  } catch (err) {
    // Declined, or nested past the stack: either way the strict parser decides.
    if (err === DECLINE || err instanceof RangeError) return undefined;
    throw err;
  }
}
