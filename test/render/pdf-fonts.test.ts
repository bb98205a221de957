/**
 * The report's fonts lay out a word of plain characters themselves (src/render/pdf/fonts.ts),
 * without fontkit's shaping pipeline: here every character and a corpus of real words are laid
 * out both ways, and the runs must agree glyph for glyph and position for position.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfFont, shapingOff } from '../../src/render/pdf/fonts.js';
import { ROOT } from '../helpers/cli.js';

interface Run {
  glyphs: { id: number; codePoints: number[] }[];
  positions: Record<string, number>[];
  advanceWidth: number;
}
type Layout = (text: string, features?: unknown) => Run;

function runOf(run: Run) {
  return {
    glyphs: run.glyphs.map((g) => g.id),
    positions: run.positions.map((p) => ({ ...p })),
    advanceWidth: run.advanceWidth,
  };
}

/** Words of the bundled frameworks, templates, examples and README, with the trailing space pdfkit keeps. */
function corpus(): string[] {
  const files = [
    ...['standards', 'templates', 'examples'].flatMap((dir) => readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml')).map((f) => join(ROOT, dir, f))),
    join(ROOT, 'README.md'),
  ];
  const words = new Set<string>();
  for (const file of files) for (const word of readFileSync(file, 'utf8').normalize('NFC').split(/(?<=[ \t])|\n/)) words.add(word);
  // What the tables and the evidence hold that the corpus may not: Welsh, Greek, Cyrillic, symbols.
  for (const word of ['Ysgol Gŵyr ', 'ŵŷẁẃẅỳ', 'Ελλάδα', 'Україна', '£143,000', '84%', '“Cynllun”', '→', '✓', '½', '1⁄2', 'a\u0301', 'soft\u00adhyphen', 'zero\u200bwidth', 'तमिल', 'مرحبا', '😀', '\t']) words.add(word);
  // A sample, so that the test stays quick (fontkit's own layout is what takes the time).
  return [...words].filter((_, i) => i % 8 === 0 || i >= words.size - 18);
}

/** The characters the fonts may lay out themselves (fonts.ts, isPlainCode), and their neighbours. */
const CHARACTER_RANGES: [number, number][] = [
  [0x00, 0x0300],
  [0x0370, 0x0530],
  [0x1e00, 0x2070],
  [0x20a0, 0x2300],
  [0x2500, 0x2700],
];

describe('the report fonts’ own layout of plain words', () => {
  const words = corpus();

  for (const name of ['regular', 'bold', 'italic'] as const) {
    it(`gives what fontkit gives, character by character and for ${words.length} words (${name})`, () => {
      const layout = (pdfFont(name).font as { layout: Layout }).layout;
      const characters: string[] = [];
      for (const [from, to] of CHARACTER_RANGES) for (let code = from; code < to; code++) characters.push(String.fromCharCode(code));
      const ours = [...characters, ...words].map((text) => runOf(layout(text)));
      const fontkit = [...characters, ...words].map((text) => runOf(layout(text, shapingOff())));
      expect(ours).toEqual(fontkit);
    });
  }

  it('gives the same run for a word whatever was laid out before it (fontkit keeps the features object it is given)', () => {
    const layout = (pdfFont('regular').font as { layout: Layout }).layout;
    const mirrored = '⅀'; // has a right-to-left mirrored form (rtlm)
    const before = runOf(layout(mirrored, shapingOff()));
    layout('مرحبا');
    expect(runOf(layout(mirrored, shapingOff()))).toEqual(before);
    expect(runOf(layout(mirrored))).toEqual(before);
  });

  it('lays out most words itself, and leaves to fontkit what it must shape', () => {
    const layout = (pdfFont('regular').font as { layout: Layout }).layout;
    const plain = (text: string) => layout(text).constructor.name === 'PlainRun';
    expect(words.filter(plain).length / words.length).toBeGreaterThan(0.98);
    for (const text of ['Ysgol Gŵyr ', 'Україна', '£143,000', '“Cynllun”']) expect(plain(text), text).toBe(true);
    for (const text of ['1⁄2', 'a\u0301', 'soft\u00adhyphen', 'zero\u200bwidth', 'तमिल', '😀', '']) expect(plain(text), text).toBe(false);
  });
});
