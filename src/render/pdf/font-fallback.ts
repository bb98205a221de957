/// <reference types="pdfkit" />
/**
 * Text in more than one font on one line: a character Noto Sans lacks (✔ ☐ ★ → ✅ 🙂) is drawn
 * in the fallback font that has it (font-coverage.ts), beside the text around it, on the same
 * baseline. pdfkit draws and measures a whole line in one font, so the document's two ways in
 * are taken over: measuring (`widthOfString`, which pdfkit's own line breaking and ours in
 * text-layout.ts both use) adds up each run in its own font, and drawing a fragment of a line
 * (`_fragment`, where every `doc.text` ends) draws each run in its own font, one after the
 * other. A line all of whose characters Noto Sans has, nearly every line, goes to pdfkit as it
 * was, after one table lookup a character.
 *
 * A run no font can draw is drawn in Noto Sans, as boxes: the report never gets here with one,
 * because the command refuses it or has put a marker in its place first (unprintable-text.ts).
 */
import type { FallbackFontName, FontName } from '../../assets.js';
import { fontRuns, type FontRun } from './font-coverage.js';
import { fallbackPdfFont, pdfFont } from './fonts.js';

interface FragmentOptions {
  align?: string;
  width?: number;
  lineWidth?: number;
  textWidth?: number;
  wordCount?: number;
  baseline?: unknown;
  [key: string]: unknown;
}

/** pdfkit's document, with what is taken over and the font state switched for a run. */
interface DocumentInternals {
  _font: { ascender: number } | null;
  _fontSource: unknown;
  _fontFamily: unknown;
  _fontSize: number;
  font(src: unknown, family: string): unknown;
  widthOfString(text: string, options?: object): number;
  _fragment(text: string, x: number, y: number, options: FragmentOptions): void;
}

/** Each of our faces of Noto Sans as pdfkit embedded it: which face the current font is. */
const faces = new WeakMap<object, FontName>();

/** The documents drawn with fallback fonts: only those whose text needs them (report.ts). */
const installed = new WeakSet<object>();

/** Records that pdfkit's current font is `face` of Noto Sans (TaggedWriter.font). */
export function noteFace(doc: PDFKit.PDFDocument, face: FontName): void {
  if (!installed.has(doc)) return;
  const font = (doc as unknown as DocumentInternals)._font;
  if (font) faces.set(font, face);
}

/** The text's runs by font in the current font's face; undefined when one font draws it all. */
export function currentFontRuns(doc: PDFKit.PDFDocument, text: string): FontRun[] | undefined {
  const font = (doc as unknown as DocumentInternals)._font;
  const face = font ? faces.get(font) : undefined;
  return face ? fontRuns(text, face) : undefined;
}

export function installFontFallback(doc: PDFKit.PDFDocument): void {
  if (installed.has(doc)) return;
  installed.add(doc);
  const d = doc as unknown as DocumentInternals;
  const widthOf = d.widthOfString.bind(doc);
  const fragment = d._fragment.bind(doc);

  /** Runs `draw` with the run's font current, and puts the text's own font back. */
  const inFont = <T>(font: FontName | FallbackFontName | undefined, draw: () => T): T => {
    const face = d._font ? faces.get(d._font) : undefined;
    if (font === undefined || font === face) return draw();
    const saved = { font: d._font, source: d._fontSource, family: d._fontFamily };
    const { font: fontkit, family } = font in FALLBACK_FAMILIES ? fallbackPdfFont(font as FallbackFontName) : pdfFont(font as FontName);
    d.font(fontkit, family);
    if (font in FALLBACK_FAMILIES) unspacedToUnicode(d._font);
    try {
      return draw();
    } finally {
      d._font = saved.font;
      d._fontSource = saved.source;
      d._fontFamily = saved.family;
    }
  };

  d.widthOfString = (text: string, options?: object): number => {
    const runs = currentFontRuns(doc, text);
    if (!runs) return widthOf(text, options);
    let width = 0;
    for (const run of runs) width += inFont(run.font, () => widthOf(run.text, options));
    return width;
  };

  d._fragment = (text: string, x: number, y: number, options: FragmentOptions): void => {
    const line = `${text}`.replace(/\n/g, '');
    const runs = currentFontRuns(doc, line);
    if (!runs) {
      fragment(text, x, y, options);
      return;
    }
    // Aligned as pdfkit aligns a fragment, over the runs' widths together.
    if (options.width) {
      if (options.align === 'right') x += (options.lineWidth ?? 0) - d.widthOfString(line.replace(/\s+$/, ''), options);
      else if (options.align === 'center') x += (options.lineWidth ?? 0) / 2 - (options.textWidth ?? d.widthOfString(line, options)) / 2;
    }
    // Every run on the text font's baseline (pdfkit sets a fragment from its own font's ascender).
    const top = options.baseline === undefined || options.baseline === 'top';
    const baseline = top && d._font ? -(d._font.ascender / 1000) * d._fontSize : options.baseline;
    const { textWidth: _width, wordCount: _words, ...rest } = options;
    const runOptions = { ...rest, align: 'left', baseline };
    for (const run of runs) {
      inFont(run.font, () => {
        fragment(run.text, x, y, runOptions);
        x += widthOf(run.text, runOptions);
      });
    }
  };
}

/** pdfkit's embedded font, as far as its ToUnicode map is written. */
interface EmbeddedFontCmap {
  toUnicodeCmap(): unknown;
  document: { ref(...args: unknown[]): { end(chunk?: unknown): void } };
}

const unspaced = new WeakSet<object>();

/**
 * pdfkit writes the text of a glyph beyond the Basic Multilingual Plane (an emoji, U+1F642) in
 * the font's ToUnicode map as two hex groups with a space between them, `<d83d de42>`: valid
 * PDF (white space in a hex string is ignored), but the PDF/UA checker the tests run
 * (test/tools/pdfua_check.py) reads only unbroken hex and finds the glyph without text. The
 * fallback fonts' maps are written unbroken, `<d83dde42>`, which every reader reads alike.
 */
function unspacedToUnicode(font: unknown): void {
  const embedded = font as Partial<EmbeddedFontCmap> | null;
  if (!embedded || typeof embedded.toUnicodeCmap !== 'function' || !embedded.document || unspaced.has(embedded)) return;
  unspaced.add(embedded);
  const write = embedded.toUnicodeCmap.bind(embedded);
  const document = embedded.document;
  embedded.toUnicodeCmap = () => {
    const ref = document.ref;
    document.ref = (...args: unknown[]) => {
      const made = ref.apply(document, args);
      const end = made.end.bind(made);
      made.end = (chunk?: unknown) => end(typeof chunk === 'string' ? chunk.replace(/<([0-9a-f]+(?: [0-9a-f]+)+)>/g, (_, hex: string) => `<${hex.replace(/ /g, '')}>`) : chunk);
      return made;
    };
    try {
      return write();
    } finally {
      document.ref = ref;
    }
  };
}

const FALLBACK_FAMILIES: Record<FallbackFontName, true> = { symbols2: true, symbols: true, math: true, emoji: true };
