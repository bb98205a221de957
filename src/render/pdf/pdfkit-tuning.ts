/// <reference types="pdfkit" />
/**
 * Work-rounds for where pdfkit (0.20) is slow, each giving exactly the bytes pdfkit's own code
 * gives (test/render/pdfkit-tuning.test.ts and pdf-report-tuning.test.ts draw the same pages
 * with and without them and compare the files byte for byte), but for the fill colours that
 * `skipRepeatedFillColours` leaves out.
 *
 * Measured on a 500-criterion report (114 pages), which spent most of its time here:
 * - An embedded font measures a string by splitting it into words and looking each up in its
 *   layout cache, and then sums the word's glyph advances again (fontkit's `advanceWidth` is a
 *   getter over every glyph), every time. Every line drawn was measured three or four times
 *   (to wrap it, to align it, in `_fragment`, and to move `doc.x` after it).
 * - Encoding a line for the page concatenated the glyph and position arrays of every word into
 *   new arrays (quadratic in the words of a line) and formatted each glyph id as hex again.
 * - Every operator written to a page (about ten for each line of text) became its own small
 *   byte array, joined when the page was written: most of the garbage the collector met.
 * - Drawing one line of text (doc.text at a point, with no wrapping) went through pdfkit's
 *   general text machinery: options merged and defaulted, the line split at line breaks,
 *   measured twice, its words counted with a regular expression. A table cell's lines are
 *   already broken and measured (text-layout.ts); `drawTextLine` writes the same operators.
 * - Every string pdfkit writes (page operators, each object of the file) is turned into bytes
 *   by a loop in JavaScript, one character at a time, and each line of the file was pushed
 *   through a Node stream on its own.
 * - A fill colour was written again before every run of text, whether or not it changed.
 */

import { currentFontRuns } from './font-fallback.js';

interface GlyphRun {
  readonly advanceWidth: number;
  positions: object[];
}

/** What pdfkit's EmbeddedFont has that these work-rounds use (pdfkit/js/pdfkit.js). */
interface EmbeddedFont {
  id: string;
  ascender: number;
  layoutCached(text: string): GlyphRun;
  widthOfString(text: string, size: number, features?: unknown): number;
  encode(text: string, features?: unknown): [string[], object[]];
  ref(): unknown;
}

/** A word's glyphs as pdfkit writes them: hex glyph ids, and the positions of the word's run. */
interface EncodedWord {
  hex: string[];
  positions: PlacedGlyph[];
  /** The hex ids joined, as a line's string shows them. */
  joined: string;
  /** No glyph of it moved by the font: drawn with no adjustment in the string shown. */
  unmoved: boolean;
}

interface PlacedGlyph {
  xAdvance: number;
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
}

const tuned = new WeakSet<object>();
/** The words of each tuned font, by line: for drawTextLine. */
const lineEncoders = new WeakMap<object, (text: string) => string | undefined>();

function isEmbeddedFont(font: unknown): font is EmbeddedFont {
  const f = font as Partial<EmbeddedFont> | null;
  return typeof f?.layoutCached === 'function' && typeof f.widthOfString === 'function' && typeof f.encode === 'function';
}

/**
 * Caches, on one of pdfkit's embedded fonts, the width and the encoding of each word it has
 * measured or drawn. pdfkit splits text into words ending after a space or a tab and lays out
 * each word alone (EmbeddedFont.layout); the same split, summed in the same order, gives the
 * same widths to the last bit. Text with OpenType features asked for goes to pdfkit unchanged.
 */
export function cacheWordMeasures(font: unknown): void {
  if (!isEmbeddedFont(font) || tuned.has(font)) return;
  tuned.add(font);
  const widthOf = font.widthOfString.bind(font);
  const encode = font.encode.bind(font);
  const widths = new Map<string, number>();
  const encoded = new Map<string, EncodedWord>();

  const wordWidth = (word: string): number => {
    let width = widths.get(word);
    if (width === undefined) {
      width = font.layoutCached(word).advanceWidth;
      widths.set(word, width);
    }
    return width;
  };
  const wordEncoding = (word: string): EncodedWord => {
    let done = encoded.get(word);
    if (!done) {
      // pdfkit's own encode adds the word's glyphs to the font subset; a glyph keeps its id there.
      const [hex, positions] = encode(word) as [string[], PlacedGlyph[]];
      const unmoved = positions.every((p) => !p.xOffset && !p.yOffset && p.xAdvance === p.advanceWidth);
      done = { hex, positions, joined: hex.join(''), unmoved };
      encoded.set(word, done);
    }
    return done;
  };

  // pdfkit measures a line it draws twice over (in _fragment, and to move doc.x after it).
  let lastText: string | undefined;
  let lastWidth = 0;
  font.widthOfString = (text: string, size: number, features?: unknown): number => {
    if (features) return widthOf(text, size, features);
    if (text !== lastText) {
      let width = 0;
      forEachWord(text, (word) => {
        width += wordWidth(word);
      });
      lastText = text;
      lastWidth = width;
    }
    return lastWidth * (size / 1000);
  };
  font.encode = (text: string, features?: unknown): [string[], object[]] => {
    if (features) return encode(text, features);
    const hex: string[] = [];
    const positions: object[] = [];
    forEachWord(text, (word) => {
      const done = wordEncoding(word);
      for (const h of done.hex) hex.push(h);
      for (const p of done.positions) positions.push(p);
    });
    return [hex, positions];
  };
  // A line's glyph ids as one hex string, when none of its glyphs is moved by the font.
  lineEncoders.set(font, (text: string) => {
    let joined = '';
    let unmoved = true;
    forEachWord(text, (word) => {
      const done = wordEncoding(word);
      joined += done.joined;
      unmoved &&= done.unmoved;
    });
    return unmoved ? joined : undefined;
  });
}

/** pdfkit's split of text into words: each ends after a space or a tab, or at the end. */
function forEachWord(text: string, visit: (word: string) => void): void {
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) {
      visit(text.slice(last, i + 1));
      last = i + 1;
    }
  }
  if (last < text.length) visit(text.slice(last));
}

interface ContentStream {
  write(chunk: string | Uint8Array): void;
  end(chunk?: string | Uint8Array): void;
}

/**
 * Collects what is written to the page's content stream as text and hands it to pdfkit as
 * one string when anything else is written or the page ends. pdfkit ends each string written
 * with a newline; joining with newlines gives the same bytes.
 */
export function batchPageContent(page: unknown): void {
  const content = (page as { content?: Partial<ContentStream> } | null)?.content;
  if (!content || typeof content.write !== 'function' || typeof content.end !== 'function' || tuned.has(content)) return;
  tuned.add(content);
  const write = content.write.bind(content);
  const end = content.end.bind(content);
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const text = pending.join('\n');
    pending = [];
    write(latin1(`${text}\n`));
  };
  content.write = (chunk: string | Uint8Array) => {
    if (typeof chunk === 'string') {
      pending.push(chunk);
      // Pages are kept until the document ends: as bytes, outside the garbage-collected heap.
      if (pending.length >= 256) flush();
      return;
    }
    flush();
    write(chunk);
  };
  content.end = (chunk?: string | Uint8Array) => {
    if (chunk) content.write!(chunk);
    flush();
    end();
  };
}

/**
 * Takes over the writing of the file from pdfkit's stream: what pdfkit writes from now on is
 * kept here, each string as the bytes pdfkit makes of it (a character's low byte, then a
 * newline), and `bytes()` gives it all once the document has ended. pdfkit keeps the offset of
 * every object for the cross-reference table from what is written, so the offset moves as
 * pdfkit's own writer moves it.
 */
export function collectOutput(doc: PDFKit.PDFDocument): { bytes(): Buffer } {
  const writer = doc as unknown as { _write(data: string | Uint8Array): void; _offset: number };
  const parts: Uint8Array[] = [];
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    parts.push(latin1(pending.join('')));
    pending = [];
  };
  writer._write = (data: string | Uint8Array) => {
    if (data instanceof Uint8Array) {
      flush();
      parts.push(data);
      writer._offset += data.length;
    } else {
      const text = `${data}\n`;
      pending.push(text);
      writer._offset += text.length;
    }
  };
  return {
    bytes() {
      flush();
      return Buffer.concat(parts);
    },
  };
}

/** Text as pdfkit turns it into bytes: the low byte of each UTF-16 unit (fromBinaryString). */
function latin1(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** pdfkit's document, with the state drawTextLine reads and writes. */
interface DocumentState {
  x: number;
  y: number;
  _font: unknown;
  _fontSize: number;
  _textOptions: unknown;
  page: { height: number; fonts: Record<string, unknown> };
}

/**
 * Draws one line of text with its top left at (x, y), in the current font, size and colour:
 * the operators and state `doc.text(text, x, y, { lineBreak: false })` gives (pdfkit 0.20:
 * _text, _line, _fragment), for a line with no line break, spacing, link or decoration. Where
 * a line needs more (a glyph moved by the font, a font these caches are not on), pdfkit draws it.
 */
export function drawTextLine(doc: PDFKit.PDFDocument, text: string, x: number, y: number): void {
  const state = doc as unknown as DocumentState;
  const font = state._font;
  // A line with characters drawn in a fallback font goes to pdfkit, whose drawing font-fallback.ts takes over.
  const encodeLine = isEmbeddedFont(font) && !state._textOptions && !text.includes('\n') && !currentFontRuns(doc, text) ? lineEncoders.get(font) : undefined;
  const hex = encodeLine?.(text);
  if (!isEmbeddedFont(font) || hex === undefined) {
    doc.text(text, x, y, { lineBreak: false });
    return;
  }
  state.x = x;
  state.y = y;
  if (text.length === 0) return;
  const size = state._fontSize;
  const page = state.page;
  const baseline = page.height - y - (font.ascender / 1000) * size;
  if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref();
  // What pdfkit writes, operator by operator (save, flip the page, the text object, restore),
  // in one string: pdfkit ends each write with a newline, so the bytes are the same. The
  // graphics state is saved and restored around it, so the matrix pdfkit keeps is unchanged.
  doc.addContent(
    `q\n1 0 0 -1 0 ${pdfNumber(page.height)} cm\nBT\n1 0 0 1 ${pdfNumber(x)} ${pdfNumber(baseline)} Tm\n/${font.id} ${pdfNumber(size)} Tf\n` +
      // No glyph is moved, so the line is one string shown with no adjustment (written "0").
      `[<${hex}> 0] TJ\nET\nQ`,
  );
  state.x += doc.widthOfString(text);
}

/** A number as pdfkit writes one in a content stream (PDFObject.number). */
function pdfNumber(n: number): number {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`unsupported number: ${n}`);
}

type FillColor = (color: unknown, opacity?: number) => PDFKit.PDFDocument;

/**
 * Leaves out a fill colour set again when it is already in effect. pdfkit writes a colour
 * space and a colour every time one is asked for, and the report asks before every run of
 * text (three colour operators for every two lines drawn). The colour in effect is followed
 * through the graphics state (a colour set between save and restore ends with the restore)
 * and forgotten when another page is drawn on; only colours given as strings, with no
 * opacity, are followed. This one does change the file: fewer operators, the same pages
 * (test/render/pdf-report-tuning.test.ts follows the fill colour through every page of the
 * report drawn both ways, and every text and shape is drawn in the same colour).
 */
export function skipRepeatedFillColours(doc: PDFKit.PDFDocument): void {
  const target = doc as unknown as {
    fillColor: FillColor;
    save(): PDFKit.PDFDocument;
    restore(): PDFKit.PDFDocument;
    addPage(options?: unknown): PDFKit.PDFDocument;
    switchToPage(n: number): unknown;
    _fillColor: unknown;
  };
  const fillColor = target.fillColor.bind(doc) as FillColor;
  const save = target.save.bind(doc);
  const restore = target.restore.bind(doc);
  const addPage = target.addPage.bind(doc);
  const switchToPage = target.switchToPage.bind(doc);
  let current: string | undefined;
  const saved: (string | undefined)[] = [];
  target.fillColor = (color, opacity) => {
    if (opacity === undefined && typeof color === 'string' && color === current) {
      target._fillColor = [color, opacity];
      return doc;
    }
    fillColor(color, opacity);
    current = opacity === undefined && typeof color === 'string' ? color : undefined;
    return doc;
  };
  target.save = () => {
    saved.push(current);
    return save();
  };
  target.restore = () => {
    current = saved.pop();
    return restore();
  };
  target.addPage = (options?: unknown) => {
    current = undefined;
    return addPage(options);
  };
  target.switchToPage = (n: number) => {
    current = undefined;
    return switchToPage(n);
  };
}
