/**
 * Which font draws each character of a text, and which characters no font of the report can
 * draw: Noto Sans first, then the fallback fonts (assets.ts) in order. A PDF page shows a
 * character a font lacks as an empty box and loses it from the text a reader copies or hears,
 * so the report never draws one: the command refuses, or puts a marker in its place
 * (unprintable-text.ts).
 *
 * Text is taken by grapheme cluster (what a reader sees as one character), so that a base and
 * its combining marks, an emoji with its variation selector (U+FE0F), skin tone, keycap or
 * zero-width joiners, and a flag's pair of regional indicators are judged and drawn together:
 * - a cluster of one character, with any variation selector and combining marks, goes to the
 *   first font that has all of them (the emoji font first when U+FE0F asks for an emoji);
 * - an emoji sequence goes to the emoji font when its ligatures make it one glyph; drawn as its
 *   parts it would say something else (👨‍👩‍👧 is a family, not three people), so otherwise it is
 *   unprintable.
 * Text is in composed form (NFC) before it gets here (report.ts). Scripts that need shaping
 * (Arabic, Bengali, Devanagari …) have no font here: their letters are unprintable.
 */
import type { FallbackFontName, FontName } from '../../assets.js';
import { fontkitFont, type FontkitFont } from './fonts.js';

/** Tried in order after the text's own face of Noto Sans. */
const FALLBACKS: readonly FallbackFontName[] = ['symbols2', 'symbols', 'math', 'emoji'];

/** A stretch of text and the font that draws it; `font` undefined: no font can. */
export interface FontRun {
  text: string;
  font: FontName | FallbackFontName | undefined;
}

/** Characters that only select how their neighbour looks: never a reason to change font. */
function isSelector(code: number): boolean {
  return (code >= 0xfe00 && code <= 0xfe0f) || (code >= 0xe0100 && code <= 0xe01ef);
}

/** What makes a cluster an emoji sequence: joiners, skin tones, keycaps, flags, tag sequences. */
function isSequencePart(code: number): boolean {
  return code === 0x200d || (code >= 0x1f3fb && code <= 0x1f3ff) || code === 0x20e3 || (code >= 0x1f1e6 && code <= 0x1f1ff) || (code >= 0xe0020 && code <= 0xe007f);
}

const COMBINING = /^\p{M}$/u;
/** A cluster of no script's letters: symbols, punctuation, emoji (with the marks and joiners between them). */
const SCRIPTLESS = /^[\p{Script=Common}\p{Script=Inherited}]+$/u;
const SPACE = /^\s+$/u;

/** Per face of Noto Sans: 1 it has the UTF-16 unit's character, 2 it does not (surrogates always 2), 0 not yet looked up. */
const primaryTables = new Map<FontName, Uint8Array>();

function primaryTable(face: FontName): Uint8Array {
  let table = primaryTables.get(face);
  if (!table) {
    table = new Uint8Array(0x10000);
    table.fill(2, 0xd800, 0xe000);
    primaryTables.set(face, table);
  }
  return table;
}

/**
 * Characters every face of Noto Sans has (Latin, Greek, Cyrillic, general punctuation, currency,
 * letterlike symbols; C0 and C1 controls, which are never drawn): a text of these alone, nearly
 * every text, is decided by one regular expression.
 */
const BEYOND_PLAIN = /[^\x00-\u0377\u038e-\u03a1\u03a3-\u03e1\u03f0-\u052f\u1e00-\u1eff\u2000-\u2064\u20a0-\u20bf\u2100-\u215f]/;

/**
 * The scripts Noto Sans is drawn in without shaping. It also has Devanagari, which unshaped
 * would put vowel signs on the wrong side of their consonants: that is not printed either.
 */
const UNSHAPED = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}]+$/u;

/** Whether `text` has a character beyond those every face of Noto Sans has (a quick test; such text may still be all Noto Sans's). */
export function beyondPlain(text: string): boolean {
  return BEYOND_PLAIN.test(text);
}

/** True when the face of Noto Sans draws every character of `text` itself: the common case, decided by a table lookup a character. */
export function allInPrimary(text: string, face: FontName): boolean {
  if (!BEYOND_PLAIN.test(text)) return true;
  const table = primaryTable(face);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let known = table[code];
    if (known === 0) {
      known = code < 0xa0 || (fontkitFont(face).hasGlyphForCodePoint(code) && UNSHAPED.test(String.fromCharCode(code))) ? 1 : 2;
      table[code] = known;
    }
    if (known === 2) return false;
  }
  return true;
}

let segmenter: Intl.Segmenter | undefined;

function clusters(text: string): Iterable<string> {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

const clusterFonts = new Map<string, FontName | FallbackFontName | null>();

/** The font that draws a cluster in `face`'s text, or null when none can. */
function fontForCluster(cluster: string, face: FontName): FontName | FallbackFontName | null {
  if (allInPrimary(cluster, face)) return face;
  const key = `${face}\u0000${cluster}`;
  let font = clusterFonts.get(key);
  if (font === undefined) {
    font = chooseFont(cluster, face);
    clusterFonts.set(key, font);
  }
  return font;
}

function chooseFont(cluster: string, face: FontName): FontName | FallbackFontName | null {
  const codes = Array.from(cluster, (c) => c.codePointAt(0)!);
  const significant = codes.filter((code) => !isSelector(code));
  if (significant.length === 0) return face;
  const [base, ...rest] = significant;
  if (rest.some((code) => isSequencePart(code) || !COMBINING.test(String.fromCodePoint(code))) || isSequencePart(base!)) {
    return emojiSequenceDrawn(cluster, significant) ? 'emoji' : null;
  }
  const has = (font: FontkitFont) => significant.every((code) => font.hasGlyphForCodePoint(code));
  // The fallbacks draw symbols, never a script's letters: Noto Sans Math has Arabic letters, which
  // it would set unjoined and left to right.
  if (!SCRIPTLESS.test(cluster)) return UNSHAPED.test(cluster) && has(fontkitFont(face)) ? face : null;
  const order: (FontName | FallbackFontName)[] = codes.includes(0xfe0f) ? ['emoji', face, ...FALLBACKS] : [face, ...FALLBACKS];
  return order.find((name) => has(fontkitFont(name))) ?? null;
}

/**
 * An emoji sequence the emoji font's ligatures make one glyph of, standing for the whole
 * sequence: the PDF's text of a glyph is the characters it was made from, so a glyph that
 * stands for less (the monochrome font draws 👍🏽 as plain 👍, the skin tone dropped) would lose
 * them from the text.
 */
function emojiSequenceDrawn(cluster: string, significant: readonly number[]): boolean {
  const run = fontkitFont('emoji').layout(cluster);
  const drawn = run.glyphs.filter((glyph, i) => glyph.id !== 0 && run.positions[i]!.xAdvance !== 0);
  if (drawn.length !== 1 || run.glyphs.some((glyph) => glyph.id === 0)) return false;
  const kept = run.glyphs.flatMap((glyph) => glyph.codePoints);
  return significant.every((code) => kept.includes(code));
}

/**
 * The runs of `text` by the font that draws them, in the text's `face` of Noto Sans and the
 * fallbacks; undefined when Noto Sans draws it all. Spaces between two unprintable runs join
 * them ("محمد علي" is one run); other spaces stay in the face's own runs.
 */
export function fontRuns(text: string, face: FontName): FontRun[] | undefined {
  if (allInPrimary(text, face)) return undefined;
  const runs: FontRun[] = [];
  let pendingSpace = '';
  const push = (part: string, font: FontRun['font']) => {
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += part;
    else runs.push({ text: part, font });
  };
  for (const cluster of clusters(text)) {
    const font = fontForCluster(cluster, face);
    if (font === face && SPACE.test(cluster)) {
      pendingSpace += cluster;
      continue;
    }
    if (pendingSpace) {
      // A space goes with the unprintable text only when it lies between two runs of it.
      const between = font === null && runs.length > 0 && runs[runs.length - 1]!.font === undefined;
      push(pendingSpace, between ? undefined : face);
      pendingSpace = '';
    }
    push(cluster, font ?? undefined);
  }
  if (pendingSpace) push(pendingSpace, face);
  return runs;
}

/**
 * The stretches of `text` no font of the report draws, in any face. (Noto Sans Bold has the
 * characters of the regular face; the italic lacks three of them.)
 */
export function unprintableRuns(text: string): string[] {
  const found: string[] = [];
  for (const face of ['regular', 'italic'] as const) {
    for (const run of fontRuns(text, face) ?? []) if (run.font === undefined && !found.includes(run.text)) found.push(run.text);
  }
  return found;
}

/** Scripts named in messages and markers, in the words a reader knows them by. */
const SCRIPTS: [RegExp, string][] = [
  ['Arabic', 'Arabic script'],
  ['Hebrew', 'Hebrew'],
  ['Syriac', 'Syriac'],
  ['Thaana', 'Thaana (Dhivehi)'],
  ['Devanagari', 'Devanagari script'],
  ['Bengali', 'Bengali script'],
  ['Gurmukhi', 'Gurmukhi (Punjabi)'],
  ['Gujarati', 'Gujarati'],
  ['Oriya', 'Odia'],
  ['Tamil', 'Tamil'],
  ['Telugu', 'Telugu'],
  ['Kannada', 'Kannada'],
  ['Malayalam', 'Malayalam'],
  ['Sinhala', 'Sinhala'],
  ['Thai', 'Thai'],
  ['Lao', 'Lao'],
  ['Khmer', 'Khmer'],
  ['Myanmar', 'Burmese'],
  ['Tibetan', 'Tibetan'],
  ['Ethiopic', 'Ethiopic (Amharic, Tigrinya)'],
  ['Han', 'Chinese characters'],
  ['Hiragana', 'Japanese'],
  ['Katakana', 'Japanese'],
  ['Hangul', 'Korean'],
  ['Armenian', 'Armenian'],
  ['Georgian', 'Georgian'],
  ['Mongolian', 'Mongolian'],
  ['Tifinagh', 'Tifinagh'],
].map(([script, name]) => [new RegExp(`\\p{Script=${script}}`, 'u'), name!]);

const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/** What an unprintable run is, in a reader's words: "Arabic script", "Chinese characters", "emoji", "symbols". */
export function describeRun(run: string): string {
  for (const [pattern, name] of SCRIPTS) if (pattern.test(run)) return name;
  if (PICTOGRAPHIC.test(run)) return 'emoji';
  if (/\p{L}/u.test(run)) return 'letters';
  return 'symbols';
}
