/**
 * How the committee reports' pages are laid out, read back with pdf.js as a reader's software
 * reads them (text with its line ends, and where each run of text is drawn): whole words in
 * large-print tables, a running header on one line, a chart whose values stand clear of its
 * target markers and whose legend keeps each key with its word.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { ROOT, runAudit, workspace } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';

const EXAMPLES = join(ROOT, 'examples');

/** Pieces of the tables' words as a column too narrow for them broke them on main. */
const FRAGMENTS = ['Mediu', 'Septemb', 'Criteri', 'Ratin', 'Targ', 'progres', 'Priori', 'Mea', 'Belo', 'Rate'];

function tokens(text: string): Set<string> {
  return new Set(text.split(/[\s,;:()]+/).filter(Boolean));
}

interface Run {
  str: string;
  x: number;
  y: number;
  width: number;
}

/** Every run of text on a page, where it is drawn. */
async function runsOnPage(file: string, find: (text: string) => boolean): Promise<Run[]> {
  const pdf = await getDocumentProxy(new Uint8Array(readFileSync(file)));
  try {
    for (let i = 1; i <= pdf.numPages; i++) {
      const items = (await (await pdf.getPage(i)).getTextContent()).items as { str?: string; transform?: number[]; width?: number }[];
      const runs = items.filter((item) => item.str?.trim()).map((item) => ({ str: item.str!, x: item.transform![4]!, y: item.transform![5]!, width: item.width! }));
      if (runs.some((run) => find(run.str))) return runs;
    }
    return [];
  } finally {
    await pdf.destroy();
  }
}

describe('large print', () => {
  it('never breaks a word of a table between letters, in the Cabinet and the partnership reports', async () => {
    const dir = workspace({ 'audit.yaml': readFileSync(join(EXAMPLES, 'borsetshire-climbie-2003-04.yaml'), 'utf8') });
    cpSync(join(EXAMPLES, 'section-11-2026-27'), join(dir, 'returns'), { recursive: true });
    const cabinet = await runAudit(['report', 'audit.yaml', '--large-print', '--meeting-date', '2004-07-20', '-o', 'cabinet.pdf'], { cwd: dir });
    expect(cabinet.code, cabinet.stderr).toBe(0);
    const partnership = await runAudit(['aggregate', 'returns', '--large-print', '--meeting-date', '2027-04-20', '-o', 'partnership.pdf'], { cwd: dir });
    expect(partnership.code, partnership.stderr).toBe(0);
    for (const file of ['cabinet.pdf', 'partnership.pdf']) {
      const words = tokens((await readPdf(join(dir, file))).text);
      expect(FRAGMENTS.filter((fragment) => words.has(fragment)), file).toEqual([]);
      for (const whole of ['Criterion', 'Rating', 'Target', 'Mean']) expect(words.has(whole), `${file}: ${whole}`).toBe(true);
    }
    const cabinetWords = tokens((await readPdf(join(dir, 'cabinet.pdf'))).text);
    for (const whole of ['Medium', 'Priority', 'September', 'progress']) expect(cabinetWords.has(whole), whole).toBe(true);
  }, 90_000);
});

describe('the partnership report’s pages', () => {
  it('keep the running header on one line however long the partnership’s and board’s names', async () => {
    const dir = workspace();
    cpSync(join(EXAMPLES, 'section-11-2026-27'), dir, { recursive: true });
    const result = await runAudit(
      ['aggregate', '.', '-o', 'p.pdf', '--meeting-date', '2027-04-20', '--partnership', 'Borsetshire Safeguarding Children Partnership', '--committee', 'Borsetshire Safeguarding Children Partnership Executive Board'],
      { cwd: dir },
    );
    expect(result.code, result.stderr).toBe(0);
    const pages = (await readPdf(join(dir, 'p.pdf'))).pages;
    expect(pages.length).toBeGreaterThan(3);
    pages.slice(1).forEach((page, i) => {
      const header = page.split('\n').find((line) => line.startsWith('Borsetshire Safeguarding Children Partnership ·'));
      expect(header, `page ${i + 2}`).toMatch(/ · 20 April 2027$/);
    });
  }, 60_000);

  it('set each standard’s value clear of the target marker, and the legend’s keys together after its caption', async () => {
    const dir = workspace();
    cpSync(join(EXAMPLES, 'section-11-2026-27'), dir, { recursive: true });
    expect((await runAudit(['aggregate', '.', '-o', 'p.pdf'], { cwd: dir })).code).toBe(0);
    const runs = await runsOnPage(join(dir, 'p.pdf'), (text) => text.startsWith('Figure 1:'));
    const values = runs.filter((run) => /^\d\.\d\d · (Red|Amber|Green)$/.test(run.str));
    expect(values.length).toBe(16);
    // The axis is numbered 0 to 4 under the plot; a target of 4 is marked at the plot's right end.
    const top = runs.filter((run) => run.str === '4').sort((a, b) => a.y - b.y)[0]!;
    const plotRight = top.x + top.width / 2;
    expect(Math.min(...values.map((v) => v.x)) - plotRight).toBeGreaterThanOrEqual(12);
    const caption = runs.find((run) => run.str.startsWith('Partnership mean, coloured by'))!;
    const keys = ['Red', 'Amber', 'Target'].map((word) => runs.find((run) => run.str === word && run.y < caption.y)!);
    expect(keys.every(Boolean)).toBe(true);
    expect(new Set(keys.map((k) => Math.round(k.y))).size).toBe(1);
  }, 60_000);
});

describe('the Word reports’ contents', () => {
  it('carry each heading’s number and a link to it, without relying on the application to update a field', async () => {
    const dir = workspace();
    cpSync(join(EXAMPLES, 'section-11-2026-27'), dir, { recursive: true });
    expect((await runAudit(['aggregate', '.', '-o', 'partnership.docx', '--meeting-date', '2027-04-20'], { cwd: dir })).code).toBe(0);
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(join(dir, 'partnership.docx'))))['word/document.xml']!);
    const contents = xml.slice(xml.indexOf('<w:sdtContent>'), xml.indexOf('</w:sdtContent>'));
    const entries = [...contents.matchAll(/<w:hyperlink[^>]*w:anchor="([^"]+)"[^>]*>.*?<w:t[^>]*>([^<]+)<\/w:t>/g)].map((m) => ({ anchor: m[1]!, title: m[2]! }));
    expect(entries.map((e) => e.title)).toEqual(expect.arrayContaining(['1. Purpose of the report', '4. Heat map of agencies by standard', 'Appendix A: Agency profiles', 'A.4 Borsetshire Youth Football League: Red']));
    // Every entry links to a bookmark on its heading.
    for (const { anchor } of entries) expect(xml).toContain(`<w:bookmarkStart w:name="${anchor}"`);
  }, 60_000);

  // LibreOffice is not in CI: where it is installed, it opens the Word reports as a reader's office suite would.
  const libreOffice = spawnSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { encoding: 'utf8' }).stdout.trim();
  it.skipIf(!libreOffice || spawnSync('pdftotext', ['-v']).error !== undefined)('show numbered contents, the heat map on landscape pages in groups of standards, and the chart, in LibreOffice', async () => {
    const dir = workspace();
    cpSync(join(EXAMPLES, 'section-11-2026-27'), dir, { recursive: true });
    expect((await runAudit(['aggregate', '.', '-o', 'partnership.docx', '--meeting-date', '2027-04-20'], { cwd: dir })).code).toBe(0);
    const convert = spawnSync(libreOffice, [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'partnership.docx')], { encoding: 'utf8', timeout: 120_000 });
    expect(convert.status, convert.stderr).toBe(0);
    const pdf = await readPdf(join(dir, 'partnership.pdf'));
    const text = pdf.text;
    const contents = text.slice(text.indexOf('Contents'), text.indexOf('Purpose of the report', text.indexOf('Appendix A')));
    for (const entry of ['1. Purpose of the report', '4. Heat map of agencies by standard', 'Appendix A: Agency profiles', 'A.4 Borsetshire Youth Football League: Red']) expect(contents).toContain(entry);
    const heatMapPages = pdf.pages.map((page, i) => ({ page, size: pdf.sizes[i]! })).filter(({ page }) => page.includes('Table 1: Mean rating and RAG rating of each agency'));
    expect(heatMapPages.length).toBeGreaterThan(0);
    for (const { size } of heatMapPages) expect(size.width).toBeGreaterThan(size.height);
    expect(text).toContain('(standards 1 to 8)');
    expect(text).toContain('Figure 1: Partnership mean rating by standard against target');
  }, 180_000);
});
