/**
 * The report's fonts, opened once with fontkit and handed to pdfkit with OpenType shaping
 * (kerning, ligatures, mark positioning) turned off.
 *
 * Why off: Noto Sans carries large GSUB/GPOS tables for every script it covers, and decoding
 * them on first use cost about 60 ms per font and 0.1 ms or more per new word: a fifth of the
 * time of a long report. The scripts Noto Sans covers (Latin, with Welsh ŵ ŷ, Greek, Cyrillic)
 * need no shaping once text is in composed form (Unicode NFC, which the report renderer
 * applies), and council documents written in Word are not kerned by default either.
 *
 * With shaping off, fontkit still ran its whole shaping pipeline for every new word (about 0.1
 * ms each: most of the time a report of varied evidence took). A word made only of plain
 * characters (see `plainGlyphs`) is laid out here instead, from the glyph each character maps
 * to and its advance: what fontkit's layout gives for such a word, glyph for glyph and
 * position for position (test/render/pdf-fonts.test.ts compares the two over every character
 * and a corpus of words). Any other word goes to fontkit.
 */
import { readFileSync } from 'node:fs';
import { create } from 'fontkit';
import { FALLBACK_FONT_FILES, FONT_FILES, type FallbackFontName, type FontName } from '../../assets.js';

/** What pdfkit needs of a font object: fontkit's, with `layout`. */
export interface PdfFont {
  /** A name pdfkit caches the font under. */
  family: string;
  font: object;
}

/** Every OpenType feature fontkit would apply by default for these scripts, turned off. */
const NO_SHAPING: Readonly<Record<string, boolean>> = Object.fromEntries(
  ['ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern', 'dist', 'abvm', 'blwm'].map((f) => [f, false]),
);

/**
 * The features to give fontkit's layout: a new object each time, because fontkit writes the
 * features it applied into the object it is given (its GlyphRun keeps it), and an object
 * shared between calls then carries one run's features into the next: after a word of Arabic,
 * a Latin run came out with right-to-left mirrored glyphs (rtlm). (fontkit 2.0.4.)
 */
export function shapingOff(): Record<string, boolean> {
  return { ...NO_SHAPING };
}

interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  /** The characters the glyph stands for (several for a ligature). */
  codePoints: number[];
}
interface FontkitPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}
export interface FontkitFont {
  layout(text: string, features?: unknown): { glyphs: FontkitGlyph[]; positions: FontkitPosition[] };
  glyphForCodePoint(code: number): FontkitGlyph;
  hasGlyphForCodePoint(code: number): boolean;
}

/** A glyph run as pdfkit reads one (EmbeddedFont.layoutRun): glyphs, positions, their total advance. */
class PlainRun {
  constructor(
    readonly glyphs: FontkitGlyph[],
    readonly positions: FontkitPosition[],
  ) {}

  /** As fontkit's GlyphRun: the sum of the advances, in order (pdfkit scales them first). */
  get advanceWidth(): number {
    let width = 0;
    for (const position of this.positions) width += position.xAdvance;
    return width;
  }
}

const opened = new Map<FontName, PdfFont>();
const openedFontkit = new Map<FontName | FallbackFontName, FontkitFont>();

/** The fontkit font itself, opened once: for what pdfkit does not ask (which characters it has). */
export function fontkitFont(name: FontName | FallbackFontName): FontkitFont {
  let font = openedFontkit.get(name);
  if (!font) {
    const file = name in FONT_FILES ? FONT_FILES[name as FontName] : FALLBACK_FONT_FILES[name as FallbackFontName];
    font = create(readFileSync(file)) as FontkitFont;
    openedFontkit.set(name, font);
  }
  return font;
}

const openedFallback = new Map<FallbackFontName, PdfFont>();

/**
 * A fallback font (assets.ts) as pdfkit takes it, with fontkit's own shaping: these fonts are
 * small beside Noto Sans, drawn only for the characters Noto Sans lacks, and an emoji sequence
 * (👍🏽, 👨‍👩‍👧, a flag) is one glyph only through the font's ligatures.
 */
export function fallbackPdfFont(name: FallbackFontName): PdfFont {
  let font = openedFallback.get(name);
  if (!font) {
    font = { family: `report-fallback-${name}`, font: fontkitFont(name) };
    openedFallback.set(name, font);
  }
  return font;
}

export function pdfFont(name: FontName): PdfFont {
  let font = opened.get(name);
  if (!font) {
    const real = fontkitFont(name);
    // Everything else of the font is the font's own; only the default features change.
    const glyphs = plainGlyphs(real);
    const layout = (text: string, features?: unknown) => (features === undefined && plainRun(text, glyphs)) || real.layout(text, features ?? shapingOff());
    const proxy = new Proxy(real as object, {
      get(target, property) {
        if (property === 'layout') return layout;
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    font = { family: `report-${name}`, font: proxy };
    opened.set(name, font);
  }
  return font;
}

/** Of each character code looked at: its glyph and advance if it is plain, else null. */
type PlainGlyphs = (code: number) => { glyph: FontkitGlyph; advance: number } | null;

/**
 * A character is plain when it is in a script fontkit sets with its default shaper (Latin,
 * Greek, Cyrillic, and the common punctuation and symbols), is not one fontkit treats apart
 * (combining marks, the fraction slash that starts contextual fractions, characters it hides
 * as default-ignorable, surrogates), and fontkit lays it out alone as the glyph it maps to,
 * with that glyph's advance and no offset. With every shaping feature off, nothing then acts
 * between neighbouring characters, so a word of plain characters is their glyphs side by side.
 */
function plainGlyphs(font: FontkitFont): PlainGlyphs {
  const known = new Map<number, { glyph: FontkitGlyph; advance: number } | null>();
  return (code) => {
    let info = known.get(code);
    if (info === undefined) {
      info = null;
      if (isPlainCode(code)) {
        const run = font.layout(String.fromCharCode(code), shapingOff());
        const glyph = font.glyphForCodePoint(code);
        const position = run.positions[0];
        if (run.glyphs.length === 1 && run.glyphs[0] === glyph && position && position.xAdvance === glyph.advanceWidth && !position.yAdvance && !position.xOffset && !position.yOffset) {
          info = { glyph, advance: position.xAdvance };
        }
      }
      known.set(code, info);
    }
    return info;
  };
}

/** The blocks whose characters may be plain (see plainGlyphs), less the ones fontkit treats apart. */
function isPlainCode(code: number): boolean {
  if (code < 0x20) return code === 0x09;
  if (code < 0x7f) return true;
  if (code < 0xa0) return false;
  if (code === 0xad) return false; // soft hyphen: default-ignorable
  if (code < 0x0250) return true; // Latin-1, Latin Extended-A and B
  if (code >= 0x0370 && code < 0x0530) return !(code >= 0x0483 && code <= 0x0489); // Greek, Cyrillic, less Cyrillic combining marks
  if (code >= 0x1e00 && code < 0x2000) return true; // Latin Extended Additional (Welsh ẁ ẃ ẅ ỳ), Greek Extended
  if (code >= 0x2010 && code < 0x2028) return true; // dashes, quotes, bullets, ellipsis
  if (code >= 0x2030 && code < 0x205f) return code !== 0x2044; // per mille … (not the fraction slash)
  if (code >= 0x20a0 && code < 0x20d0) return true; // currency
  if (code >= 0x2100 && code < 0x2200) return true; // letterlike, number forms, arrows
  if (code >= 0x2200 && code < 0x2300) return true; // mathematical operators
  if (code >= 0x2500 && code < 0x2700) return true; // box drawing, blocks, shapes, symbols
  return false;
}

/** The run of a word of plain characters, or undefined when a character is not plain. */
function plainRun(text: string, plain: PlainGlyphs): PlainRun | undefined {
  const glyphs: FontkitGlyph[] = [];
  const positions: FontkitPosition[] = [];
  for (let i = 0; i < text.length; i++) {
    const info = plain(text.charCodeAt(i));
    if (!info) return undefined;
    glyphs.push(info.glyph);
    // A new position each time: pdfkit scales a run's positions in place.
    positions.push({ xAdvance: info.advance, yAdvance: 0, xOffset: 0, yOffset: 0 });
  }
  return glyphs.length ? new PlainRun(glyphs, positions) : undefined;
}
