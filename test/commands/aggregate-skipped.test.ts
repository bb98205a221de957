/**
 * `audit aggregate DIR --skip-unreadable` to the outputs a business manager tables and works in:
 * the partnership report (PDF, Word), the heat-map workbook. The night before the board, one
 * school has sent an .xls: the report must still be made, and must say, where its reader meets
 * the count of agencies, which returned file it leaves out, never claiming every agency.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runAudit } from '../helpers/cli.js';
import { flat, readPdf } from '../helpers/pdf.js';
import { readWithSheetJS } from '../helpers/xlsx.js';

const EXAMPLES = join(ROOT, 'examples/section-11');
const OLD_XLS = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1016)]);
const LEFT_OUT = 'st-stephens.xls (an Excel 97-2003 workbook, which audit cannot read)';

/** A working folder whose inbox/ holds the four example returns and a school's .xls, kept for every test here. */
function inbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'audit-skipped-'));
  mkdirSync(join(dir, 'inbox'));
  for (const name of readdirSync(EXAMPLES)) copyFileSync(join(EXAMPLES, name), join(dir, 'inbox', name));
  writeFileSync(join(dir, 'inbox/st-stephens.xls'), OLD_XLS);
  return dir;
}

describe('audit aggregate --skip-unreadable to the partnership report and the workbook', () => {
  let dir: string;
  beforeAll(() => {
    dir = inbox();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the PDF report, which counts and names the file left out where the agencies are counted, and claims no agency it lacks', async () => {
    const run = await runAudit(['aggregate', 'inbox', '--skip-unreadable', '-o', 'board.pdf', '--meeting-date', '2026-07-14'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('warning: left out, as --skip-unreadable asks: inbox/st-stephens.xls');
    expect(run.stdout).toMatch(/^Wrote board\.pdf: 4 agencies \(and 1 returned file not read, which it names\), /);
    const pdf = await readPdf(join(dir, 'board.pdf'));
    const text = flat(pdf.text);
    // The cover, beside the count of agencies.
    expect(flat(pdf.pages[0]!)).toMatch(/Agencies 4 Returned files not read 1/);
    // Section 1: the purpose, with the count.
    expect(text).toContain('against the Section 11 (Children Act 2004) safeguarding arrangements audit: the returns of 4 agencies. One further returned file could not be read and is not included');
    // Section 3: the summary, before its figures, names the file and says it is a file, not an agency.
    expect(text).toContain(
      `4 agencies’ returns are included in this report. One further returned file could not be read and is not included: ${LEFT_OUT}. ` +
        'As it could not be read, which organisation sent it is not known; every figure and count of agencies in this report is of the returns included.',
    );
    expect(text).toContain('Agencies: 4; returned files not read: 1;');
    expect(text).toContain('It has no row for the returned file that could not be read.');
    expect(text).toContain('One profile for each agency whose return is included');
    expect(text).toMatch(/asks for the returned file that could not be read to be sent again/);
    expect(text).not.toMatch(/\bevery agency\b(?! whose return is included)/i);
  });

  it('writes the Word report alike; a public one counts the file without naming it', async () => {
    const full = await runAudit(['aggregate', 'inbox', '--skip-unreadable', '-o', 'board.docx'], { cwd: dir });
    expect(full.code, full.stderr).toBe(0);
    const words = (await mammoth.extractRawText({ path: join(dir, 'board.docx') })).value.replace(/\s+/g, ' ');
    expect(words).toContain(`4 agencies’ returns are included in this report. One further returned file could not be read and is not included: ${LEFT_OUT}.`);
    expect(words).toContain('Returned files not read 1');

    const pub = await runAudit(['aggregate', 'inbox', '--skip-unreadable', '-o', 'public.docx', '--public', '--background-paper', 'none'], { cwd: dir });
    expect(pub.code, pub.stderr).toBe(0);
    expect(pub.stdout).toMatch(/\(and 1 returned file not read, which it counts\)/);
    const open = (await mammoth.extractRawText({ path: join(dir, 'public.docx') })).value.replace(/\s+/g, ' ');
    expect(open).toContain('4 agencies’ returns are included in this report. One further returned file could not be read and is not included; as it could not be read');
    expect(open).not.toContain('st-stephens');
  });

  it('writes the workbook with a line under the heat map and a Not read sheet listing the file, what it is and why', async () => {
    const run = await runAudit(['aggregate', 'inbox', '--skip-unreadable', '-o', 'heat.xlsx'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const book = readWithSheetJS(join(dir, 'heat.xlsx'));
    expect(book.names.slice(0, 2)).toEqual(['Heat map', 'Not read']);
    const heat = book.rows('Heat map');
    expect(heat.length).toBe(1 + 4 + 1 + 1); // header, agencies, partnership, the note
    expect(heat.at(-1)![0]).toBe(
      'Not included: 1 returned file could not be read, so no row above is for it: inbox/st-stephens.xls. Which organisation sent it is not known. See the Not read sheet.',
    );
    const notRead = book.rows('Not read');
    expect(notRead[0]).toEqual(['File', 'What it is', 'Returns of', 'Why it could not be read']);
    expect(notRead.slice(1)).toEqual([['inbox/st-stephens.xls', 'an Excel 97-2003 workbook, which audit cannot read', 'This period', expect.stringContaining('is an Excel 97-2003 workbook (.xls): open it in Excel')]]);
  });

  it('still refuses CSV, which has no place to say so, and writes nothing', async () => {
    const run = await runAudit(['aggregate', 'inbox', '--skip-unreadable', '-o', 'heat.csv'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^audit: --skip-unreadable cannot be used with CSV, which has no place to say which returned files it leaves out/);
    expect(existsSync(join(dir, 'heat.csv'))).toBe(false);
  });
});
