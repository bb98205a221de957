/**
 * Which font of the PDF report draws each character, and what no font can (font-coverage.ts),
 * judged on the real fonts' character maps and the emoji font's ligatures.
 */
import { describe, expect, it } from 'vitest';
import { describeRun, fontRuns, unprintableRuns } from '../../src/render/pdf/font-coverage.js';

const fontsOf = (text: string) => (fontRuns(text, 'regular') ?? [{ text, font: 'regular' }]).map((run) => [run.text, run.font ?? null]);

describe('the fonts of a PDF report', () => {
  it('leaves text Noto Sans has to Noto Sans: Latin, Welsh, Polish, Greek, Cyrillic, quotes, £', () => {
    for (const text of ['Ŵyr Ŷ ŵ ŷ Climbié', 'Łukasz Żółć', 'Ψυχολόγος', 'Жанна', '“quoted” – £20 • 50%']) expect(fontRuns(text, 'regular'), text).toBeUndefined();
  });

  it('draws symbols, arrows, maths and emoji in the fallback fonts, the text around them in Noto Sans', () => {
    expect(fontsOf('done ✔ ☐ ★')).toEqual([['done ', 'regular'], ['✔', 'symbols2'], [' ', 'regular'], ['☐', 'symbols2'], [' ', 'regular'], ['★', 'symbols2']]);
    expect(fontsOf('a → b')).toEqual([['a ', 'regular'], ['→', 'symbols'], [' b', 'regular']]);
    expect(fontsOf('x ≤ 5')).toEqual([['x ', 'regular'], ['≤', 'math'], [' 5', 'regular']]);
    expect(fontsOf('met ✅🙂')).toEqual([['met ', 'regular'], ['✅🙂', 'emoji']]);
  });

  it('keeps an emoji sequence whole when the emoji font makes one glyph of it: skin tone, family, flag, keycap, U+FE0F', () => {
    for (const sequence of ['👨\u200d👩\u200d👧', '👩\u200d💻', '🇬🇧', '1\ufe0f\u20e3', '⚠\ufe0f', '❤\ufe0f']) {
      expect(fontsOf(`ok ${sequence}`), sequence).toEqual([['ok ', 'regular'], [sequence, 'emoji']]);
    }
  });

  it('finds no font for a sequence the emoji font cannot draw as one glyph standing for all of it', () => {
    expect(unprintableRuns('a 👍\u200d✅ b')).toEqual(['👍\u200d✅']);
    // The monochrome font draws a skin tone as the plain emoji: the tone would be lost from the text.
    expect(unprintableRuns('thanks 👍🏽')).toEqual(['👍🏽']);
  });

  it('finds no font for scripts that need shaping, Devanagari included (Noto Sans has its letters, but unshaped they read wrongly)', () => {
    expect(unprintableRuns('Met with parent محمد علي and child 李小龍')).toEqual(['محمد علي', '李小龍']);
    expect(unprintableRuns('নাম and नमस्ते')).toEqual(['নাম', 'नमस्ते']);
    // A zero-width non-joiner inside a Persian word stays with it.
    expect(unprintableRuns('می\u200cخواهم')).toEqual(['می\u200cخواهم']);
    expect(unprintableRuns('Ψυχολόγος ✔ 🙂 ≤')).toEqual([]);
  });

  it('names what could not be printed in a reader’s words', () => {
    expect(['محمد', 'اردو', '李小龍', 'নাম', 'ਪੰਜਾਬੀ', 'नमस्ते', '한국어', '👍\u200d✅'].map(describeRun)).toEqual([
      'Arabic script',
      'Arabic script',
      'Chinese characters',
      'Bengali script',
      'Gurmukhi (Punjabi)',
      'Devanagari script',
      'Korean',
      'emoji',
    ]);
  });
});
