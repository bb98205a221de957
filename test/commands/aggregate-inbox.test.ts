/**
 * `audit aggregate` over a partnership's inbox as it really is: every agency's returned file in
 * one folder, some saved in the wrong format, some faulty, one sent twice, with covering letters,
 * lock files and last year's folder beside them. Nothing may be left out without a word, and
 * every faulty file is listed in one run (the chase list).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, isCleanError, runAudit, workspace } from '../helpers/cli.js';
import { fillWorkbook } from '../helpers/xlsx.js';
import { buildZip } from '../helpers/zip.js';

const EXAMPLES = join(ROOT, 'examples/section-11');
const OLD_XLS = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1016)]);
const ODS = buildZip([{ name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet'), stored: true }]);

/** Returns exported once from the examples (pre-filled, sound), copied into each test's inbox. */
let returns: string;
beforeAll(async () => {
  returns = mkdtempSync(join(tmpdir(), 'audit-returns-'));
  for (const [name, from] of [
    ['police.xlsx', 'borsetshire-police.yaml'],
    ['health.xlsx', 'borsetshire-health-nhs-trust.yaml'],
    ['football.xlsx', 'borsetshire-youth-football-league.yaml'],
  ] as const) {
    const made = await runAudit(['export', join(EXAMPLES, from), '-o', name], { cwd: returns });
    expect(made.code, made.stderr).toBe(0);
  }
});
afterAll(() => rmSync(returns, { recursive: true, force: true }));

/** A working folder with inbox/ holding the three returns, the council's YAML audit and `extra` (name → content). */
function inbox(extra: Record<string, string | Buffer> = {}): string {
  const dir = workspace();
  mkdirSync(join(dir, 'inbox'));
  for (const name of ['police.xlsx', 'health.xlsx', 'football.xlsx']) copyFileSync(join(returns, name), join(dir, 'inbox', name));
  copyFileSync(join(EXAMPLES, 'borsetshire-childrens-services.yaml'), join(dir, 'inbox', 'council.yaml'));
  for (const [name, content] of Object.entries(extra)) writeFileSync(join(dir, 'inbox', name), content);
  return dir;
}

describe('audit aggregate of a folder of returns', () => {
  it('refuses a return saved as .xls, .ods or .csv with the message audit import gives it, all in one run, and writes nothing', async () => {
    const dir = inbox({ 'sports-old.xls': OLD_XLS, 'scouts.ods': ODS, 'ststephens.csv': 'Criterion,Rating\nCOM-1,3\n' });
    const run = await runAudit(['aggregate', 'inbox', '-o', 'heat.xlsx'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(existsSync(join(dir, 'heat.xlsx'))).toBe(false);
    expect(isCleanError(run.stderr)).toBe(true);
    for (const name of ['sports-old.xls', 'scouts.ods', 'ststephens.csv']) {
      const imported = await runAudit(['import', `inbox/${name}`], { cwd: dir });
      expect(imported.code).toBe(2);
      // The same words as import, for the same file.
      expect(run.stderr).toContain(imported.stderr.trim());
    }
    expect(run.stderr).toContain('audit: inbox/sports-old.xls: is an Excel 97-2003 workbook (.xls)');
    expect(run.stderr).toMatch(/audit: nothing was written, as 3 files could not be read \(inbox\/scouts\.ods, inbox\/sports-old\.xls, inbox\/ststephens\.csv\).*--skip-unreadable/);
  });

  it('lists every faulty return with every fault, by sheet and cell, not only the first file', async () => {
    const dir = inbox();
    await fillWorkbook(join(dir, 'inbox/health.xlsx'), { cells: { 'Return!E14': 7, 'Return!I3': 'TBC' } });
    await fillWorkbook(join(dir, 'inbox/police.xlsx'), { cells: { 'Return!E2': 9 } });
    const run = await runAudit(['aggregate', 'inbox'], { cwd: dir, env: { COLUMNS: '80' } });
    expect(run.code).toBe(2);
    const lines = run.stderr.split('\n').filter((l) => l.startsWith('audit: '));
    expect(lines.slice(0, 3).map((l) => l.replace(/: (rating|due date).*/, ''))).toEqual([
      'audit: inbox/health.xlsx: Return!I3',
      'audit: inbox/health.xlsx: Return!E14',
      'audit: inbox/police.xlsx: Return!E2',
    ]);
    expect(lines[3]).toMatch(/^audit: nothing was written, as 2 files could not be read/);
    // It fits the terminal it was given.
    expect(run.stderr.split('\n').every((l) => l.length <= 80)).toBe(true);

    // A script finds the same list in the JSON it reads the view from.
    const json = await runAudit(['aggregate', 'inbox', '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(2);
    const list = JSON.parse(json.stdout) as { unreadable: { file: string; faults: { cell?: string; message: string }[] }[]; duplicateReturns: unknown[] };
    expect(list.unreadable.map((u) => [u.file, u.faults.map((f) => f.cell)])).toEqual([
      ['inbox/health.xlsx', ['Return!I3', 'Return!E14']],
      ['inbox/police.xlsx', ['Return!E2']],
    ]);
    expect(list.duplicateReturns).toEqual([]);
  });

  it('--skip-unreadable leaves them out, naming them on standard error and in the view itself; refused where the output could not say so', async () => {
    const dir = inbox({ 'sports-old.xls': OLD_XLS });
    const table = await runAudit(['aggregate', 'inbox', '--skip-unreadable'], { cwd: dir });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stderr).toContain('warning: left out, as --skip-unreadable asks: inbox/sports-old.xls');
    expect(table.stdout).toContain('Partnership view: 4 agencies');
    expect(table.stdout).toContain('Not included: 1 file that could not be read as returns (inbox/sports-old.xls).');

    const json = await runAudit(['aggregate', 'inbox', '--skip-unreadable', '--format', 'json'], { cwd: dir });
    const view = JSON.parse(json.stdout) as { summary: { agencies: number }; unreadable: { file: string; faults: { message: string }[] }[] };
    expect(view.summary.agencies).toBe(4);
    expect(view.unreadable).toEqual([{ file: 'inbox/sports-old.xls', faults: [{ message: expect.stringContaining('Excel 97-2003') }] }]);

    for (const output of ['board.pdf', 'board.docx', 'heat.xlsx', 'heat.csv']) {
      const refused = await runAudit(['aggregate', 'inbox', '--skip-unreadable', '-o', output], { cwd: dir });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/^audit: --skip-unreadable works with the printed view, Markdown and JSON only/);
    }
    expect(readdirSync(dir).sort()).toEqual(['inbox']);
  });

  it('refuses two returns of one agency (a copy saved twice, the YAML beside its workbook), naming every such agency with the other faults', async () => {
    const dir = inbox({ 'sports-old.xls': OLD_XLS });
    copyFileSync(join(dir, 'inbox/police.xlsx'), join(dir, 'inbox/police (1).xlsx'));
    copyFileSync(join(EXAMPLES, 'borsetshire-health-nhs-trust.yaml'), join(dir, 'inbox/health.yaml'));
    const run = await runAudit(['aggregate', 'inbox', '--skip-unreadable', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('audit: Borsetshire Health NHS Trust has 2 returns for 2025-26 (inbox/health.xlsx, inbox/health.yaml)');
    expect(run.stderr).toContain('audit: Borsetshire Police has 2 returns for 2025-26 (inbox/police (1).xlsx, inbox/police.xlsx)');
    expect(run.stderr).toMatch(/nothing was written, as 2 agencies have two returns for one period/);
    expect(JSON.parse(run.stdout).duplicateReturns).toHaveLength(2);
  });

  it('names what it does not read: other files, sub-folders of returns, a workbook open in Excel', async () => {
    const dir = inbox({ 'covering letter.pdf': '%PDF-1.7', 'README.txt': 'returns 2025-26', '~$police.xlsx': 'lock', '.DS_Store': '', 'Thumbs.db': '' });
    mkdirSync(join(dir, 'inbox/2024-25'));
    copyFileSync(join(returns, 'police.xlsx'), join(dir, 'inbox/2024-25/police.xlsx'));
    const run = await runAudit(['aggregate', 'inbox', '--format', 'json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(
      'note: inbox/police.xlsx is open in Excel or LibreOffice (inbox/~$police.xlsx says so), or was when it closed unexpectedly: it is read as last saved\n' +
        'note: not read, as sub-folders are not: inbox/2024-25 (1 file); name a sub-folder as well to include its returns\n' +
        'note: not read, as neither audits (.yaml) nor spreadsheets: inbox/README.txt, inbox/covering letter.pdf\n',
    );
    const view = JSON.parse(run.stdout) as { notRead: { file: string; kind: string }[]; unreadable: unknown[] };
    expect(view.unreadable).toEqual([]);
    expect(view.notRead.map((n) => n.kind)).toEqual(['folder', 'other', 'other', 'lock']);
  });

  it("lists the faults of last period's returns (--previous) in the same run", async () => {
    const dir = inbox({ 'sports-old.xls': OLD_XLS });
    mkdirSync(join(dir, 'last'));
    writeFileSync(join(dir, 'last/scouts.ods'), ODS);
    copyFileSync(join(EXAMPLES, 'borsetshire-police.yaml'), join(dir, 'last/police.yaml'));
    const run = await runAudit(['aggregate', 'inbox', '--previous', 'last'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('audit: inbox/sports-old.xls: is an Excel 97-2003 workbook');
    expect(run.stderr).toContain('audit: last/scouts.ods: is an OpenDocument spreadsheet (.ods)');
  });
});
