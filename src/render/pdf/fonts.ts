/**
 * The report's fonts, opened once with fontkit and handed to pdfkit with OpenType shaping
 * (kerning, ligatures, mark positioning) turned off.
 *
 * Why off: Noto Sans carries large GSUB/GPOS tables for every script it covers, and decoding
 * them on first use cost about 60 ms per font and 0.1 ms or more per new word: a fifth of the
 * time of a long report. The scripts Noto Sans covers (Latin, with Welsh ŵ ŷ, Greek, Cyrillic)
 * need no shaping once text is in composed form (Unicode NFC, which the report renderer
 * applies), and council documents written in Word are not kerned by default either.
 */
import { readFileSync } from 'node:fs';
import { create } from 'fontkit';
import { FONT_FILES, type FontName } from '../../assets.js';

/** What pdfkit needs of a font object: fontkit's, with `layout`. */
export interface PdfFont {
  /** A name pdfkit caches the font under. */
  family: string;
  font: object;
}

/** Every OpenType feature fontkit would apply by default for these scripts, turned off. */
const NO_SHAPING = Object.fromEntries(
  ['ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern', 'dist', 'abvm', 'blwm'].map((f) => [f, false]),
);

interface FontkitFont {
  layout(text: string, features?: unknown): unknown;
}

const opened = new Map<FontName, PdfFont>();

export function pdfFont(name: FontName): PdfFont {
  let font = opened.get(name);
  if (!font) {
    const real = create(readFileSync(FONT_FILES[name])) as FontkitFont;
    // Everything else of the font is the font's own; only the default features change.
    const layout = (text: string, features?: unknown) => real.layout(text, features ?? NO_SHAPING);
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
