/// <reference types="pdfkit" />
/**
 * Line breaking for table cells, done once per cell: the lines found when measuring a row are
 * the lines drawn, and a row split over two pages is split between lines. (pdfkit's own
 * wrapping would lay out every cell twice, once to measure and once to draw, and that was
 * most of the time a long report took.) Breaks fall at spaces, after hyphens and dashes, and
 * at line breaks in the text; a word longer than the column is broken between letters.
 */

import { documentText } from '../safe-text.js';

/** Words with the spaces after them; a hyphen or dash ends a word too. */
const TOKEN = /[^\s\-‐–—/]*(?:[\-‐–—/]+|[^\S\n]+|(?=\n)|$)/g;

/**
 * The most characters of one text a page draws. Evidence is free text, and an audit file may
 * hold megabytes of it in one note; past this, the rest is left in the audit file and the cell
 * says how much. (About 4 pages of a full-width table cell.)
 */
export const MAX_DRAWN_CHARACTERS = 12_000;

/**
 * Text as a page may draw it: every line-ending form a line feed, tabs as spaces, and control
 * characters (C0, DEL, C1, bidirectional overrides) removed, since in a PDF they either draw
 * nothing or reorder what is read; cut to MAX_DRAWN_CHARACTERS.
 */
export function drawableText(text: string): string {
  const clean = documentText(text).replace(/\t/g, ' ');
  if (clean.length <= MAX_DRAWN_CHARACTERS) return clean;
  const kept = clean.slice(0, MAX_DRAWN_CHARACTERS).replace(/[\ud800-\udbff]$/, '');
  return `${kept}… [${(clean.length - kept.length).toLocaleString('en-GB')} more characters in the audit file]`;
}

export interface WrappedText {
  lines: string[];
  /** Advance from one line to the next: the font's line height plus the line gap. */
  lineHeight: number;
}

/**
 * Wraps `text` to `width` in the document's current font and size. Linear in the length of the
 * text: a word longer than the column (a pasted link, a hash) is broken by adding up the widths
 * of its characters, each measured once, never by measuring ever shorter prefixes.
 */
export function wrapText(doc: PDFKit.PDFDocument, text: string, width: number, lineGap: number): WrappedText {
  const lineHeight = doc.currentLineHeight(true) + lineGap;
  const lines: string[] = [];
  const measure = (s: string) => doc.widthOfString(s);
  const charWidths = new Map<string, number>();
  const charWidth = (c: string) => {
    let w = charWidths.get(c);
    if (w === undefined) charWidths.set(c, (w = measure(c)));
    return w;
  };
  for (const paragraph of drawableText(text).split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const token of paragraph.match(TOKEN) ?? []) {
      if (!token) continue;
      const bare = token.trimEnd();
      const bareWidth = measure(bare);
      if (line && lineWidth + bareWidth > width) {
        lines.push(line.trimEnd());
        line = '';
        lineWidth = 0;
      }
      if (!line && bareWidth > width) {
        // A word wider than the column: as many letters as fit on each line.
        let piece = '';
        let pieceWidth = 0;
        for (const c of bare) {
          const w = charWidth(c);
          if (piece && pieceWidth + w > width) {
            lines.push(piece);
            piece = '';
            pieceWidth = 0;
          }
          piece += c;
          pieceWidth += w;
        }
        line = piece + token.slice(bare.length);
        lineWidth = measure(line);
        continue;
      }
      line += token;
      lineWidth += bare === token ? bareWidth : measure(token);
    }
    lines.push(line.trimEnd());
  }
  return { lines, lineHeight };
}
