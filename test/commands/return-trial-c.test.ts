/**
 * Returns as trial C's business manager and school DSLs sent them back (findings 2, 3, 5, 7 and
 * 10 of /work/wt/findings/trial-c.md): each workbook made by audit export, then changed as a
 * person or another program would, and imported by the built CLI.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse } from 'yaml';
import { fixture, listFiles, read, runAudit, workspace } from '../helpers/cli.js';
import { fillWorkbook, readWithSheetJS } from '../helpers/xlsx.js';
import { buildZip, workbookParts, type ZipEntry } from '../helpers/zip.js';

const mini = () => workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });

describe('import --into checks whose return it is first (finding 3)', () => {
  it("names another agency's return, not a cell its answers clash in", async () => {
    const dir = mini();
    const made = await runAudit(['export', '--framework', './mini-framework.yaml', '--org', 'Borsetshire Police', '--period', '2025-26', '-o', 'police.xlsx'], { cwd: dir });
    expect(made.code, made.stderr).toBe(0);
    // Not applicable beside an open action: a clash with a cell of its own, were the cells read first.
    await fillWorkbook(join(dir, 'police.xlsx'), { cells: { 'Return!E2': 'Not applicable', 'Return!K2': 'We hold no such board', 'Return!G2': 'An action', 'Return!J2': 'Open', 'Return!E3': 'Eleven' } });
    const before = read(dir, 'audit.yaml');
    const run = await runAudit(['import', 'police.xlsx', '--into', 'audit.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'audit: police.xlsx: Metadata: this return is from Borsetshire Police for 2025-26, but audit.yaml is the audit of Borsetshire County Council for 2025-26: nothing was recorded\n',
    );
    expect(read(dir, 'audit.yaml')).toBe(before);
  });
});

/** The blank mini return, its sheet parts to change by hand as other programs write them. */
async function miniReturnParts(dir: string) {
  const made = await runAudit(['export', 'audit.yaml', '-o', 'return.xlsx'], { cwd: dir });
  expect(made.code, made.stderr).toBe(0);
  return workbookParts(join(dir, 'return.xlsx'));
}

/** The parts with cells of the Return sheet (xl/worksheets/sheet2.xml) replaced, by reference. */
function withCells(parts: ZipEntry[], cells: Record<string, string>): Buffer {
  return buildZip(
    parts.map((part) => {
      if (part.name !== 'xl/worksheets/sheet2.xml') return part;
      let xml = part.data.toString('utf8');
      for (const [ref, cell] of Object.entries(cells)) {
        const pattern = new RegExp(`<c r="${ref}"[^>]*?(?:/>|>[\\s\\S]*?</c>)`);
        expect(pattern.test(xml), ref).toBe(true);
        xml = xml.replace(pattern, cell);
      }
      return { ...part, data: Buffer.from(xml) };
    }),
  );
}

describe('messages and cells other programs write (finding 10)', () => {
  it('a CSV gets the instruction to send the .xlsx, and says why it cannot be read', async () => {
    const dir = workspace({ 'return.csv': 'Standard,Criterion,Statement,Guidance,Rating\nLeadership,L-1,A lead is named.,,3\n', 'Return.txt': 'Standard;Criterion;Rating\n' });
    for (const name of ['return.csv', 'Return.txt']) {
      const run = await runAudit(['import', name], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `audit: ${name}: is a CSV (text) file, not an Excel workbook: a CSV holds one sheet's cells and cannot carry the return's details (its Metadata and Instructions sheets), so it cannot be imported: open the workbook the return was sent as in Excel or LibreOffice, save it as an Excel Workbook (.xlsx), and import (or send) that\n`,
      );
    }
  });

  it('a phonetic run in inline text, rich runs, an element of another program inside a cell and a date cell lose nothing', async () => {
    const dir = mini();
    const parts = await miniReturnParts(dir);
    writeFileSync(
      join(dir, 'odd.xlsx'),
      withCells(parts, {
        // Excel with a Japanese IME: the reading of the text, never shown, after it.
        F2: '<c r="F2" t="inlineStr"><is><t>Child F disclosed.</t><rPh sb="0" eb="5"><t>PHONETIC</t></rPh><phoneticPr fontId="1"/></is></c>',
        F3: '<c r="F3" t="inlineStr"><is><r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space="preserve"> and plain &amp; more</t></r></is></c>',
        F4: '<c r="F4" t="n"><v>12</v><extLst><ext uri="{00000000-0000-0000-0000-000000000000}"><x14:thing xmlns:x14="urn:x"/></ext></extLst></c>',
        I5: '<c r="I5" t="d"><v>2027-03-31T00:00:00</v></c>',
        G5: '<c r="G5" t="inlineStr"><is><t>Train the new starters</t></is></c>',
      }),
    );
    const run = await runAudit(['import', 'odd.xlsx', '-o', 'odd.yaml'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const responses = parse(read(dir, 'odd.yaml')).responses;
    expect(responses['L-1'].evidence).toBe('Child F disclosed.');
    expect(responses['L-2'].evidence).toBe('Bold and plain & more');
    expect(responses['W-1'].evidence).toBe('12');
    expect(responses['W-2'].action).toEqual({ text: 'Train the new starters', due: '2027-03-31' });
    // Every row after the odd cells was read: W-3 is still there, rated as it went out.
    expect(Object.keys(responses)).toEqual(['L-1', 'L-2', 'W-1', 'W-2', 'W-3']);
  });

  it('an element inside a row that is no cell loses nothing; a cell the reader cannot take is refused by name, never dropped', async () => {
    const dir = mini();
    const parts = await miniReturnParts(dir);
    // Some program's own element before the first cell of a row: exceljs lost every row from here on.
    const rowed = parts.map((part) =>
      part.name === 'xl/worksheets/sheet2.xml' ? { ...part, data: Buffer.from(part.data.toString('utf8').replace(/(<row r="3"[^>]*>)/, '$1<extLst><ext uri="x"><y/></ext></extLst>')) } : part,
    );
    writeFileSync(join(dir, 'rowed.xlsx'), buildZip(rowed));
    const ok = await runAudit(['import', 'rowed.xlsx', '-o', 'rowed.yaml'], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(parse(read(dir, 'rowed.yaml')).responses['L-2'].action.text).toBe('Bring the yearly report forward to October');

    // A cell in a namespace of another program's: not one exceljs reads.
    writeFileSync(join(dir, 'foreign.xlsx'), withCells(parts, { F4: '<q:c xmlns:q="urn:other" r="F4" t="inlineStr"><q:is><q:t>Lost?</q:t></q:is></q:c>' }));
    const run = await runAudit(['import', 'foreign.xlsx', '-o', 'foreign.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'audit: foreign.xlsx: Return!F4: this cell is written in a form audit cannot read, so it was not read (nor the 8 cells after it that hold something): open the workbook in Excel or LibreOffice, save it as an Excel Workbook (.xlsx), and import that\n',
    );
  });
});

describe('what the reader passes over is named (finding 5)', () => {
  it('notes cell comments by cell and added sheets by name; refuses a second Return sheet with answers of its own', async () => {
    const dir = mini();
    const made = await runAudit(['export', 'audit.yaml', '-o', 'return.xlsx'], { cwd: dir });
    expect(made.code, made.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(join(dir, 'return.xlsx')) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Return')!;
    sheet.getCell('F3').note = 'Check with Mrs Kaur re Child E';
    sheet.getCell('G5').note = { texts: [{ text: 'Ask HR' }] };
    workbook.addWorksheet('Our notes').getCell('A1').value = 'Child E: see file';
    writeFileSync(join(dir, 'noted.xlsx'), new Uint8Array(await workbook.xlsx.writeBuffer()));
    const noted = await runAudit(['import', 'noted.xlsx', '-o', 'noted.yaml'], { cwd: dir });
    expect(noted.code, noted.stderr).toBe(0);
    expect(noted.stderr).toBe(
      'note: noted.xlsx: the comments (notes) on cells Return!F3 and Return!G5 are not part of the return and were not read\n' +
        'note: noted.xlsx: sheet "Our notes" is not part of the return and was not read\n',
    );

    // An academy trust's second school, on a copy of the Return sheet.
    const second = workbook.addWorksheet('Return (2)');
    sheet.eachRow((row, r) => (second.getRow(r).values = row.values as ExcelJS.CellValue[]));
    second.getCell('F2').value = 'Second school: Child G referred';
    writeFileSync(join(dir, 'two.xlsx'), new Uint8Array(await workbook.xlsx.writeBuffer()));
    const two = await runAudit(['import', 'two.xlsx', '-o', 'two.yaml'], { cwd: dir });
    expect(two.code).toBe(2);
    expect(two.stderr).toBe(
      `audit: two.xlsx: 'Return (2)': the sheet "Return (2)" looks like a second Return sheet (it has the Return's columns) and holds answers the Return sheet does not: only the sheet named Return is read, so they would be lost. A return holds one organisation's answers: copy these into the Return sheet, or send each organisation its own return (audit export), and delete this sheet\n`,
    );
    expect(listFiles(dir)).not.toContain('two.yaml');
  });
});

describe('the return says what is published (finding 6)', () => {
  it('the Instructions sheet and the answer columns tell the agency which answers a public report prints', async () => {
    const dir = mini();
    const made = await runAudit(['export', 'audit.yaml', '-o', 'return.xlsx'], { cwd: dir });
    expect(made.code, made.stderr).toBe(0);
    const book = readWithSheetJS(join(dir, 'return.xlsx'));
    const lines = book.rows('Instructions').map((row) => row.filter(Boolean).join(' '));
    const at = lines.indexOf('What is published');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^Published: your Ratings, and each Action with its Owner, Due date and Status\. .*Do not name children, families or members of staff in them: .*give the Owner as a role/);
    expect(lines[at + 2]).toMatch(/^Not published: Evidence and Why not applicable are left out of every report made for publication\./);
    // Where each answer is typed: the input message of its column (Excel shows it on selecting a cell).
    const xml = workbookParts(join(dir, 'return.xlsx')).find((p) => p.name === 'xl/worksheets/sheet2.xml')!.data.toString('utf8');
    expect(xml).toMatch(/promptTitle="Evidence: not published" prompt="Left out of public \(Part 1\) reports[^"]*" sqref="F2:F6"/);
    expect(xml).toMatch(/promptTitle="Action: published" prompt="Printed in public \(Part 1\) reports: do not name children, families or members of staff\." sqref="G2:G6"/);
    expect(xml).toMatch(/promptTitle="Owner: published" prompt="Printed in public \(Part 1\) reports: give a role[^"]*" sqref="H2:H6"/);

    // And it is true: a public report prints the action and owner, never the evidence.
    const report = await runAudit(['check', 'audit.yaml', '--public', '--format', 'markdown'], { cwd: dir });
    expect(report.stdout).not.toContain('Named in the constitution');
    const plan = await runAudit(['plan', 'audit.yaml'], { cwd: dir, env: { COLUMNS: '200' } });
    expect(plan.stdout).toContain("Director of Children's Services");
  });
});

describe('import --into a return that went out pre-filled (finding 2)', () => {
  it('removes what the agency cleared, keeps what the audit changed since and says so by cell, names what was kept and removed, and counts the actions the audit holds', async () => {
    const dir = mini();
    const made = await runAudit(['export', 'audit.yaml', '-o', 'sent.xlsx'], { cwd: dir });
    expect(made.code, made.stderr).toBe(0);
    // The business unit rewrites L-2's evidence, and adds W-1's, after the return went out.
    expect((await runAudit(['rate', 'audit.yaml', 'L-2', '--evidence', 'Rewritten by the business unit since'], { cwd: dir })).code).toBe(0);
    expect((await runAudit(['rate', 'audit.yaml', 'W-1', '--evidence', 'Added since'], { cwd: dir })).code).toBe(0);
    // The agency: L-1's evidence cleared (it named a child); L-2 now at target, its action and evidence cleared.
    await fillWorkbook(join(dir, 'sent.xlsx'), {
      cells: { 'Return!F2': null, 'Return!E3': 4, 'Return!F3': null, 'Return!G3': null, 'Return!H3': null, 'Return!I3': null, 'Return!J3': null },
    });
    const run = await runAudit(['import', 'sent.xlsx', '--into', 'audit.yaml'], { cwd: dir, env: { COLUMNS: '200' } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(
      "warning: sent.xlsx: Return!F3: L-2's evidence was cleared in the return, but audit.yaml has changed it since the return went out: kept as audit.yaml has it\n",
    );
    expect(run.stdout).toBe(
      'Read sent.xlsx: mini (edition 1), 5 criteria.\n' +
        'Recorded into audit.yaml: 2 criteria changed.\n' +
        'Cleared in the return, so removed from audit.yaml: L-1 (evidence), L-2 (action, owner, due date, status).\n' +
        'Left blank in the return, so kept as audit.yaml had it: W-1 (evidence).\n' +
        'Changed in audit.yaml since the return went out, so kept (see the warnings): L-2 (evidence).\n' +
        'audit.yaml now holds: 3 rated, 2 not assessed, 0 actions.\n',
    );
    const responses = parse(read(dir, 'audit.yaml')).responses;
    expect(responses['L-1']).toEqual({ rating: 3 });
    expect(responses['L-2']).toEqual({ rating: 4, evidence: 'Rewritten by the business unit since' });
    expect(responses['W-1']).toEqual({ rating: 1, evidence: 'Added since' });
  });

  it('a return made before what went out was recorded keeps every blank, and names them', async () => {
    const dir = mini();
    const made = await runAudit(['export', 'audit.yaml', '-o', 'sent.xlsx'], { cwd: dir });
    expect(made.code, made.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(join(dir, 'sent.xlsx')) as unknown as ArrayBuffer);
    const metadata = workbook.getWorksheet('Metadata')!;
    metadata.eachRow((row) => {
      if (row.getCell(1).value === 'answersSent') row.values = [];
    });
    workbook.getWorksheet('Return')!.getCell('F2').value = null;
    writeFileSync(join(dir, 'old.xlsx'), new Uint8Array(await workbook.xlsx.writeBuffer()));
    const run = await runAudit(['import', 'old.xlsx', '--into', 'audit.yaml'], { cwd: dir, env: { COLUMNS: '200' } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(
      'Read old.xlsx: mini (edition 1), 5 criteria.\n' +
        'audit.yaml already holds every answer; nothing changed.\n' +
        'Left blank in the return (made before returns recorded what went out), so kept as audit.yaml had it: L-1 (evidence).\n' +
        'audit.yaml now holds: 3 rated, 2 not assessed, 1 action.\n',
    );
  });
});

describe('numbers typed into text columns read as the cell shows them (finding 7)', () => {
  /** A return with numbers in its text columns, each in a number format, as Excel saves them. */
  async function typedNumbers(dir: string): Promise<void> {
    const made = await runAudit(['export', '--framework', './mini-framework.yaml', '--org', 'Ambridge School', '--period', '2025-26', '-o', 'typed.xlsx'], { cwd: dir });
    expect(made.code, made.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(join(dir, 'typed.xlsx')) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Return')!;
    const put = (ref: string, value: number | Date, numFmt: string) => {
      const cell = sheet.getCell(ref);
      cell.value = value;
      // A style of its own: exceljs shares one object among the cells a workbook styles alike.
      cell.style = { ...cell.style, numFmt };
    };
    put('F2', 0.95, '0%');
    put('F3', 1250, '"£"#,##0.00');
    put('G4', 1234567, '#,##0');
    put('H4', 3.14159, '0.00');
    put('F5', new Date(Date.UTC(2026, 4, 12)), 'd mmmm yyyy');
    put('F6', 1234.5, '0.00E+00');
    writeFileSync(join(dir, 'typed.xlsx'), new Uint8Array(await workbook.xlsx.writeBuffer()));
  }
  const EXPECTED = { 'L-1': '95%', 'L-2': '£1,250.00', 'W-2': '12 May 2026', 'W-3': '1234.5' };

  it('a percentage, currency, thousands, decimals and a date as shown; a format not reproduced keeps the value, noted by cell', async () => {
    const dir = mini();
    await typedNumbers(dir);
    const run = await runAudit(['import', 'typed.xlsx', '-o', 'typed.yaml'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('note: typed.xlsx: Return!F6: the evidence is a number in the format "0.00E+00", which audit does not reproduce: read as 1234.5\n');
    const responses = parse(read(dir, 'typed.yaml')).responses;
    for (const [id, evidence] of Object.entries(EXPECTED)) expect(responses[id].evidence, id).toBe(evidence);
    expect(responses['W-1'].action).toEqual({ text: '1,234,567', owner: '3.14' });
  });

  const libreOffice = spawnSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { encoding: 'utf8' }).stdout.trim();
  it.skipIf(!libreOffice)('the same, saved again by LibreOffice, reads the same, and as LibreOffice itself shows the cells', async () => {
    const dir = mini();
    await typedNumbers(dir);
    const profile = `-env:UserInstallation=file://${join(dir, 'lo-profile')}`;
    const out = join(dir, 'lo');
    for (const to of ['xlsx', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1']) {
      const convert = spawnSync(libreOffice, [profile, '--headless', '--convert-to', to, '--outdir', out, join(dir, 'typed.xlsx')], { encoding: 'utf8', timeout: 120_000 });
      expect(convert.status, convert.stderr).toBe(0);
    }
    copyFileSync(join(dir, 'mini-framework.yaml'), join(out, 'mini-framework.yaml'));
    const run = await runAudit(['import', 'lo/typed.xlsx', '-o', 'lo.yaml'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const responses = parse(read(dir, 'lo.yaml')).responses;
    for (const [id, evidence] of Object.entries(EXPECTED)) expect(responses[id].evidence, id).toBe(evidence);
    // LibreOffice's own rendering of the Return sheet (sheet 2), cell by cell, for the formats audit reproduces.
    const shown = parseCsv(readFileSync(join(out, 'typed-Return.csv'), 'utf8')) as string[][];
    expect([shown[1]![5], shown[2]![5], shown[3]![6], shown[3]![7], shown[4]![5]]).toEqual(['95%', '£1,250.00', '1,234,567', '3.14', '12 May 2026']);
    expect([responses['L-1'].evidence, responses['L-2'].evidence, responses['W-1'].action.text, responses['W-1'].action.owner, responses['W-2'].evidence]).toEqual(
      [1, 2, 3, 3, 4].map((r, i) => shown[r]![[5, 5, 6, 7, 5][i]!]),
    );
  }, 180_000);
});
