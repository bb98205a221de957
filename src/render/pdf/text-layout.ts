/// <reference types="pdfkit" />
/**
 * Line breaking for table cells, done once per cell: the lines found when measuring a row are
 * the lines drawn, and a row split over two pages is split between lines. (pdfkit's own
 * wrapping would lay out every cell twice, once to measure and once to draw, and that was
 * most of the time a long report took.) Breaks fall at spaces, after hyphens and dashes, and
 * at line breaks in the text; a word longer than the column is broken between letters.
 */

/** Words with the spaces after them; a hyphen or dash ends a word too. */
const TOKEN = /[^\s\-‐–—/]*(?:[\-‐–—/]+|[^\S\n]+|(?=\n)|$)/g;

export interface WrappedText {
  lines: string[];
  /** Advance from one line to the next: the font's line height plus the line gap. */
  lineHeight: number;
}

/** Wraps `text` to `width` in the document's current font and size. */
export function wrapText(doc: PDFKit.PDFDocument, text: string, width: number, lineGap: number): WrappedText {
  const lineHeight = doc.currentLineHeight(true) + lineGap;
  const lines: string[] = [];
  const measure = (s: string) => doc.widthOfString(s);
  for (const paragraph of text.split('\n')) {
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
        let rest = bare;
        while (measure(rest) > width) {
          let n = rest.length - 1;
          while (n > 1 && measure(rest.slice(0, n)) > width) n--;
          lines.push(rest.slice(0, n));
          rest = rest.slice(n);
        }
        line = rest + token.slice(bare.length);
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
