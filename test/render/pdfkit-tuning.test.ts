/**
 * The work-rounds for pdfkit's speed (src/render/pdf/pdfkit-tuning.ts) must not change a byte:
 * the same page drawn with pdfkit's own code and with them must give the same file, and the
 * same measures along the way.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import type { FontName } from '../../src/assets.js';
import { pdfFont } from '../../src/render/pdf/fonts.js';
import { batchPageContent, cacheWordMeasures, collectOutput, drawTextLine } from '../../src/render/pdf/pdfkit-tuning.js';

const SAMPLES = [
  'Audit of 20 case files in March: 17 met the standard, 3 had no recorded management oversight.',
  'Gwasanaethau Plant: the Welsh-language “Cynllun Diogelu” is used by the Ysgol Gŵyr cluster.',
  'Budget of £143,000 agreed; 84% against a target of 90% — health visitors 61%.',
  'Director of Children’s Services',
  'Ελληνικά and Українська, side by side',
  'two  spaces,\ta tab, and a trailing space ',
  'a fraction 1⁄2, a combining accent e\u0301, a soft\u00adhyphen and a zero\u200bwidth space',
  'मानक and مرحبا and 😀 beside Latin',
  '⅀ after right-to-left text',
  'a line\nbreak',
  '',
  ' ',
  'Supervision records sampled for 12 practitioners; all had monthly supervision with reflective discussion, and the record shows why.',
];
const FONTS: FontName[] = ['regular', 'bold', 'italic'];
const SIZES = [9, 11, 12.5];

interface Drawn {
  bytes: Buffer;
  measures: number[];
  /** How many times pdfkit's own doc.text was called. */
  textCalls: number;
}

async function draw(tuned: boolean): Promise<Drawn> {
  const doc = new PDFDocument({
    size: 'A4',
    bufferPages: true,
    tagged: true,
    lang: 'en-GB',
    font: null,
    info: { Title: 'Tuning', CreationDate: new Date(Date.UTC(2026, 0, 1)) },
  } as unknown as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve) => doc.on('end', resolve));
  const output = tuned ? collectOutput(doc) : undefined;
  if (tuned) {
    batchPageContent(doc.page);
    doc.on('pageAdded', () => batchPageContent(doc.page));
  }
  let textCalls = 0;
  const text = doc.text.bind(doc);
  doc.text = ((...args: Parameters<typeof doc.text>) => {
    textCalls++;
    return text(...args);
  }) as typeof doc.text;

  const measures: number[] = [];
  const root = doc.struct('Document');
  doc.addStructure(root);
  let y = 72;
  for (const [i, sample] of SAMPLES.entries()) {
    for (const name of FONTS) {
      const { font, family } = pdfFont(name);
      doc.font(font as unknown as string, family).fontSize(SIZES[i % SIZES.length]!).fillColor('#0b0c0c');
      if (tuned) cacheWordMeasures((doc as unknown as { _font: unknown })._font);
      if (y > 700) {
        doc.addPage();
        y = 72;
      }
      measures.push(doc.widthOfString(sample), doc.heightOfString(sample, { width: 150 }));
      const line = doc.struct('P');
      root.add(line);
      const content = doc.markStructureContent('P');
      if (tuned) drawTextLine(doc, sample, 54, y);
      else doc.text(sample, 54, y, { lineBreak: false });
      doc.endMarkedContent();
      line.add(content);
      line.end();
      measures.push(doc.x, doc.y);
      // A paragraph pdfkit wraps itself, over the widths the fonts now cache.
      doc.text(sample, 54, y + 16, { width: 180, lineGap: 2 });
      measures.push(doc.x, doc.y);
      y = doc.y + 8;
    }
  }
  root.end();
  doc.end();
  await finished;
  return { bytes: Buffer.concat([...chunks, ...(output ? [output.bytes()] : [])]), measures, textCalls };
}

describe('pdfkit, tuned for speed', () => {
  it('writes the same file, byte for byte, and measures text the same', async () => {
    const plain = await draw(false);
    const tuned = await draw(true);
    expect(tuned.measures).toEqual(plain.measures);
    expect(tuned.bytes.length).toBe(plain.bytes.length);
    expect(tuned.bytes.equals(plain.bytes)).toBe(true);
    // The file is a real one: several pages of text.
    expect(plain.bytes.toString('latin1')).toMatch(/\/Type \/Pages[\s\S]*\/Count [2-9]/);
  });

  it('draws lines without pdfkit’s text machinery, except lines it cannot draw so', async () => {
    const plain = await draw(false);
    const tuned = await draw(true);
    const lines = SAMPLES.length * FONTS.length;
    // pdfkit draws each wrapped paragraph, and the lines with a line break or a glyph the font moves.
    expect(plain.textCalls).toBe(2 * lines);
    expect(tuned.textCalls).toBeLessThan(lines + FONTS.length * 3);
  });
});
