/**
 * Wrapping text for a terminal: at spaces, measured in display columns (accented and wide
 * characters, colour codes of no width), a word wider than the line broken between its
 * characters. Linear in the length of the text, so a pasted link or hash of any length costs
 * no more than prose of that length (wrap-ansi takes seconds over one of 40,000 characters).
 */
// fast-string-width, not string-width: string-width makes an Intl.Segmenter as it loads, which
// costs a tenth of a bare node start on every table printed (ARCHITECTURE.md, start-up).
import stringWidth from 'fast-string-width';

/**
 * Characters one column wide each, with no combining marks among them: printable ASCII and
 * Latin-1, the Latin, Greek and Cyrillic letters (Welsh ŵ and é in Climbié), dashes, quotes and
 * bullets, arrows, and the box and block characters of the bars.
 */
const NARROW = /^[\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u0482\u048a-\u052f\u1e00-\u1fff\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2190-\u21ff\u2500-\u259f]*$/;
/** A colour code (SGR), the only escape sequence our output holds. */
const SGR_AT = /\x1b\[[0-9;]*m/y;

/** Display width: colour codes count nothing; text of narrow characters only (most) is measured without a walk through it. */
export function displayWidth(text: string): number {
  return NARROW.test(text) ? text.length : stringWidth(text);
}

export interface WrapOptions {
  /** Put before every line but the first (a hanging indent). */
  indent?: string;
  /** Put before the first line. */
  first?: string;
}

/**
 * `text` as lines of at most `width` columns, prefixes included. Line breaks in the text are
 * kept; runs of spaces between words become one where a line breaks.
 */
export function wrapWords(text: string, width: number, options: WrapOptions = {}): string[] {
  const indent = options.indent ?? '';
  const first = options.first ?? '';
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let prefix = lines.length === 0 ? first : indent;
    let line = '';
    let used = 0;
    const flush = () => {
      lines.push(prefix + line);
      prefix = indent;
      line = '';
    };
    for (const word of paragraph.split(/ +/)) {
      if (word === '') continue;
      const w = displayWidth(word);
      if (line) {
        if (used + 1 + w <= width) {
          line += ` ${word}`;
          used += 1 + w;
          continue;
        }
        flush();
      }
      const room = Math.max(1, width - displayWidth(prefix));
      const pieces = w <= room ? [word] : breakWord(word, room, Math.max(1, width - displayWidth(indent)));
      for (const piece of pieces.slice(0, -1)) {
        line = piece;
        flush();
      }
      line = pieces[pieces.length - 1]!;
      used = displayWidth(prefix) + displayWidth(line);
    }
    lines.push((prefix + line).trimEnd());
  }
  return lines;
}

/** Pieces of `word`, the first at most `firstRoom` columns wide and the rest at most `room`; colour codes kept. */
export function breakWord(word: string, firstRoom: number, room: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  let limit = Math.max(1, firstRoom);
  for (let at = 0; at < word.length; ) {
    SGR_AT.lastIndex = at;
    const code = SGR_AT.exec(word);
    if (code) {
      piece += code[0];
      at += code[0].length;
      continue;
    }
    const char = String.fromCodePoint(word.codePointAt(at)!);
    at += char.length;
    const w = NARROW.test(char) ? 1 : stringWidth(char);
    if (used > 0 && used + w > limit) {
      pieces.push(piece);
      piece = '';
      used = 0;
      limit = Math.max(1, room);
    }
    piece += char;
    used += w;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/**
 * A paragraph of prose for the terminal: wrapped at words to `width` with a hanging `indent`
 * (and its own leading spaces kept on the first line), or as it is when the width is not known
 * (output to a file or a pipe).
 */
export function prose(text: string, width: number | undefined, indent = ''): string {
  if (width === undefined) return text;
  return text
    .split('\n')
    .map((line) => {
      if (displayWidth(line) <= width) return line;
      const lead = /^ */.exec(line)![0];
      return wrapWords(line.slice(lead.length), width, { first: lead, indent: lead + indent }).join('\n');
    })
    .join('\n');
}

/** A label that would leave its text fewer columns than this goes on a line of its own. */
const TEXT_ROOM = 24;

/**
 * `label` then `text`, wrapped at words to `width`, the label kept whole: an item of a list
 * (`  VOI-2  ` and the action), a fault and where it is (`audit: return.xlsx: Return!E14: `).
 * Lines after the first are indented by `indent`, by default to line up under the text. Where the
 * label would leave the text too little room, it stands on a line of its own and the text goes
 * on under it, indented. As it is when the width is not known.
 */
export function hanging(label: string, text: string, width: number | undefined, indent?: string): string {
  if (width === undefined) return label + text;
  const labelWidth = displayWidth(label);
  const under = indent ?? ' '.repeat(labelWidth);
  if (labelWidth + displayWidth(text) <= width && !text.includes('\n')) return label + text;
  if (width - labelWidth >= TEXT_ROOM && width - displayWidth(under) >= TEXT_ROOM) {
    return wrapWords(text, width, { first: label, indent: under }).join('\n');
  }
  // The label whole, broken only where the line ends, never between its words.
  const own = breakWord(label.trimEnd(), width, width);
  const rest = indent ?? '    ';
  return [...own, ...wrapWords(text, width, { first: rest, indent: rest })].join('\n');
}
