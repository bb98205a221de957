/**
 * Text from a file is shown, never obeyed. Names, evidence and actions come from audits and
 * frameworks someone else may have written, and a control character in them would act on the
 * terminal or page that shows them: an escape sequence can retitle a window, clear the screen
 * or move the cursor (making `verify` seem to say UNCHANGED over CHANGED), a carriage return
 * overwrites the line, a bidirectional override reorders what is read.
 *
 * - `visible` is for text shown to a person: every line-ending form (CRLF, CR, U+2028, U+2029,
 *   NEL) becomes a line feed, and every other control character is replaced by a visible sign
 *   (␛ for ESC, ␍ for a stray carriage return, ⟨U+202E⟩ for an override).
 * - `oneLine` is for a cell or a line: line breaks and tabs become spaces as well.
 * - `neutraliseTerminal` guards everything written to standard output and error: whatever a
 *   renderer missed is made visible there, keeping only line endings (LF, CRLF), tabs and the
 *   colour codes our own styling writes.
 * - `documentText` is for a document a reader opens elsewhere (a PDF page, a workbook's cells,
 *   a Word file and its properties; `documentStrings` for every string of a report's model):
 *   every line-ending form a line feed, and every other control character removed, since there
 *   it either shows nothing or reorders what is read (src/core/document-text.ts, where the reading
 *   of a return's cells uses it too).
 */
import { documentText, LINE_BREAK } from '../core/document-text.js';

export { documentText };

/** C0 but tab and line feed, DEL, C1, and the bidirectional and line-separating format characters. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

function sign(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code); // ␀ … ␟
  if (code === 0x7f) return '\u2421'; // ␡
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

// What `visible` and `oneLine` change (every line-ending form is in CONTROL or is a line feed):
// most text holds none of it, and one test is far cheaper than the replacements, which tables
// and reports make for every cell of a 1,000-criterion audit.
const CHANGED_BY_VISIBLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
const CHANGED_BY_ONE_LINE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

export function visible(text: string): string {
  if (!CHANGED_BY_VISIBLE.test(text)) return text;
  return text.replace(LINE_BREAK, '\n').replace(CONTROL, sign);
}

/** `visible` for text that our own styling has already coloured: its colour codes kept. */
export function visibleStyled(text: string): string {
  return neutraliseTerminal(text.replace(LINE_BREAK, '\n'), true);
}

export function oneLine(text: string): string {
  if (!CHANGED_BY_ONE_LINE.test(text)) return text;
  return visible(text).replace(/[\n\t]+/g, ' ');
}

/** Every string in plain data (objects and arrays) made `documentText`; anything else kept as it is. */
export function documentStrings<T>(value: T): T {
  if (typeof value === 'string') return documentText(value) as T;
  if (Array.isArray(value)) return value.map(documentStrings) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, documentStrings(item)])) as T;
  }
  return value;
}

/** True when `text` holds nothing `visible` would change. */
export function isPlainText(text: string): boolean {
  CONTROL.lastIndex = 0;
  return !CONTROL.test(text) && !text.includes('\u0085');
}

/** The colour codes src/render/style.ts writes (bold, dim, red, yellow, green, and their ends). */
const OUR_COLOURS = /\x1b\[(?:1|2|22|31|32|33|39)m/y;

/**
 * Makes every control character in `text` visible except line feeds, tabs and, when colour is
 * on, our own colour codes: what reaches the terminal can only print.
 */
export function neutraliseTerminal(text: string, colour: boolean): string {
  if (!/[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/.test(text)) return text;
  let out = '';
  let from = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    const control = (code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f) || /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/.test(text[at]!);
    // A CRLF line ending (CSV's) is a line ending; a carriage return alone would overwrite the line.
    if (!control || (code === 0x0d && text.charCodeAt(at + 1) === 0x0a)) continue;
    if (code === 0x1b && colour) {
      OUR_COLOURS.lastIndex = at;
      const match = OUR_COLOURS.exec(text);
      if (match) {
        at += match[0].length - 1;
        continue;
      }
    }
    out += text.slice(from, at) + sign(text[at]!);
    from = at + 1;
  }
  return out + text.slice(from);
}

/** Renders JSON so that no string in it holds a raw control character: the same data, escaped. */
export function escapeJsonControls(json: string): string {
  return json.replace(/[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
