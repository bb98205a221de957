/**
 * Text for a document a reader opens elsewhere (a PDF page, a workbook's cells, a Word file):
 * every line-ending form a line feed, and every other control character (C0 but tab and line
 * feed, DEL, C1, the bidirectional controls) removed, since there it either shows nothing or
 * reorders what is read. In the core, so that the reading of a return's cells
 * (core/return-form.ts) applies the very policy the cells were written by; src/render/safe-text.ts
 * gives it to the renderers with the rest of the text safety.
 */

/** Every line-ending form but the line feed itself. */
export const LINE_BREAK = /\r\n|[\r\u0085\u2028\u2029]/g;

/** What `documentText` removes, once the line-separating characters are line feeds. */
// eslint-disable-next-line no-control-regex
const DOCUMENT_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function documentText(text: string): string {
  return text.replace(LINE_BREAK, '\n').replace(DOCUMENT_CONTROL, '');
}

/**
 * Text typed for an audit file (an option's value, standard input): line breaks as LF, whether
 * typed on Windows (CRLF) or an old Mac (CR), as every file audit writes has them.
 */
export function withLfLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
