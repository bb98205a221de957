import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, isCleanError, listFiles, read, runAudit, workspace } from '../helpers/cli.js';
import { fillWorkbook, readWithSheetJS, resaveWithSheetJS } from '../helpers/xlsx.js';
import { buildZip, workbookParts } from '../helpers/zip.js';

const POLICE = join(ROOT, 'examples/section-11/borsetshire-police.yaml');

/** A blank return for Borsetshire Police in a new folder, against section-11's 2007-2018 edition (the rows below are its). */
async function blankReturn(name = 'police-return.xlsx'): Promise<string> {
  const dir = workspace();
  const made = await runAudit(['export', '--framework', 'section-11@2007-2018', '--org', 'Borsetshire Police', '--period', '2025-26', '-o', name], { cwd: dir });
  expect(made.code, made.stderr).toBe(0);
  return dir;
}

interface AuditYaml {
  framework: string;
  organisation: string;
  period: string;
  assessor?: string;
  responses: Record<string, { rating?: number; evidence?: string; action?: Record<string, string> } | null>;
}

describe('audit export', () => {
  it('writes a return another reader opens: the sheets, the header, locked questions, drop-downs, dates, print setup', async () => {
    const dir = workspace();
    copyFileSync(POLICE, join(dir, 'police.yaml'));
    const made = await runAudit(['export', 'police.yaml', '--return-to', 'Business Unit, s11@example.gov.uk', '--return-by', '2026-01-31'], { cwd: dir });
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain('Wrote police.xlsx: the return for Borsetshire Police, 2025-26 (section-11, 53 criteria, 53 pre-filled)');
    expect(made.stdout).toContain('audit import police.xlsx --into police.yaml');

    const book = readWithSheetJS(join(dir, 'police.xlsx'));
    expect(book.names).toEqual(['Instructions', 'Return', 'Lists', 'Metadata']);
    expect(book.hidden).toMatchObject({ Instructions: 0, Return: 0, Lists: 1, Metadata: 1 });
    const rows = book.rows('Return');
    // The ten columns the issue fixes, then the reason for a criterion marked Not applicable.
    expect(rows[0]).toEqual(['Standard', 'Criterion', 'Statement', 'Guidance', 'Rating', 'Evidence', 'Action', 'Owner', 'Due', 'Status', 'Why not applicable']);
    expect(rows).toHaveLength(54);
    expect(rows.slice(1).map((r) => r[1])).toContain('ESC-3');
    const audit = parse(readFileSync(POLICE, 'utf8')) as AuditYaml;
    const res2 = rows.find((r) => r[1] === 'RES-2')!;
    expect(res2[4]).toBe('3 – Mostly met');
    expect(res2[5]).toBe(audit.responses['RES-2']!.evidence!.trimEnd());
    expect(res2[8]).toBeInstanceOf(Date);
    expect((res2[8] as Date).toISOString().slice(0, 10)).toBe(audit.responses['RES-2']!.action!.due);
    expect(book.cell('Return', 'I3')?.z).toBe('dd/mm/yyyy');
    expect(res2[9]).toBe('Open');
    expect(book.rows('Lists').map((r) => r[0])).toEqual(['1 – Not met', '2 – Partially met', '3 – Mostly met', '4 – Fully met', 'Not applicable']);
    const meta = Object.fromEntries(book.rows('Metadata').filter((r) => r.length >= 2 && r[0]));
    expect(meta).toMatchObject({ framework: 'section-11', frameworkVersion: '2007-2018', organisation: 'Borsetshire Police', period: '2025-26' });
    const instructions = book.rows('Instructions').flat().join('\n');
    expect(instructions).toContain('Business Unit, s11@example.gov.uk');
    expect(instructions).toContain('4 – Fully met');
    expect(instructions).toMatch(/How to fill in this return/);

    // What SheetJS does not model, read from the sheet's own XML: protection, validations, printing.
    const parts = new Map(workbookParts(join(dir, 'police.xlsx')).map((p) => [p.name, p.data.toString('utf8')]));
    const sheet = parts.get('xl/worksheets/sheet2.xml')!;
    expect(sheet).toMatch(/<sheetProtection sheet="1"[^>]*\/>/);
    expect(sheet).not.toMatch(/hashValue|password/);
    expect(sheet).toMatch(/<dataValidation type="list"[^>]*sqref="E2:E54"><formula1>RatingChoices<\/formula1>/);
    expect(sheet).toMatch(/<dataValidation type="list"[^>]*sqref="J2:J54"><formula1>StatusChoices<\/formula1>/);
    expect(sheet).toMatch(/<dataValidation type="date"[^>]*sqref="I2:I54">/);
    expect(sheet).toMatch(/<pageSetup paperSize="9" orientation="landscape"[^>]*fitToWidth="1" fitToHeight="0"/);
    expect(parts.get('xl/workbook.xml')).toMatch(/<definedName name="_xlnm.Print_Titles" localSheetId="1">&apos;Return&apos;!\$1:\$1<\/definedName>/);
    expect(parts.get('xl/workbook.xml')).toContain('<definedName name="RatingChoices">Lists!$A$1:$A$5</definedName>');
    // Question cells locked (the default), answer cells open.
    const styles = parts.get('xl/styles.xml')!;
    const cellStyle = (ref: string) => Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(sheet)![1]);
    const xfs = [...styles.split('<cellXfs')[1]!.matchAll(/<xf [^>]*?(?:\/>|>.*?<\/xf>)/g)].map((m) => m[0]);
    expect(xfs[cellStyle('C2')]).not.toContain('locked="0"');
    expect(xfs[cellStyle('E2')]).toContain('locked="0"');
    expect(xfs[cellStyle('I2')]).toContain('locked="0"');

    // Never over a file that exists: a filled return may be saved under the name it went out with.
    const again = await runAudit(['export', 'police.yaml'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('audit: police.xlsx: already exists; choose another file with -o, or pass --force to replace it\n');
  });

  it('round-trips: a return exported and imported unchanged gives the same audit', async () => {
    const dir = workspace();
    copyFileSync(POLICE, join(dir, 'police.yaml'));
    expect((await runAudit(['export', 'police.yaml', '-o', 'out.xlsx'], { cwd: dir })).code).toBe(0);
    const imported = await runAudit(['import', 'out.xlsx', '-o', 'back.yaml'], { cwd: dir });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('Read out.xlsx: section-11 (edition 2007-2018), 53 criteria: 53 rated, 0 not assessed, 29 actions.');
    const [before, after] = await Promise.all([runAudit(['gap', 'police.yaml', '--format', 'json'], { cwd: dir }), runAudit(['gap', 'back.yaml', '--format', 'json'], { cwd: dir })]);
    expect(JSON.parse(after.stdout)).toEqual(JSON.parse(before.stdout));
    const text = read(dir, 'back.yaml');
    expect(text).toMatch(/^# Self-audit against Section 11/);
    expect(text).toContain('# Read from the return out.xlsx on');
    expect(text).toContain('  # ── Standard 1: Senior management commitment ──');
  });

  it('refuses what it cannot make: an -o that is not .xlsx, a blank return without its options', async () => {
    const dir = workspace();
    const notXlsx = await runAudit(['export', '--framework', 'section-11', '--org', 'X', '--period', '2025', '-o', 'x.yaml'], { cwd: dir });
    expect(notXlsx.code).toBe(2);
    expect(notXlsx.stderr).toContain('-o names the workbook to write, so it must end in .xlsx');
    const missing = await runAudit(['export', '--framework', 'section-11'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('give an audit FILE to pre-fill the return from, or --org, --period for a blank one');
    expect(listFiles(dir)).toEqual([]);
  });
});

describe('audit import', () => {
  it('reads a return filled in as an agency would: numbers, choices, labels, typed and Excel dates, line breaks', async () => {
    const dir = await blankReturn();
    const file = join(dir, 'police-return.xlsx');
    await fillWorkbook(file, {
      cells: {
        'Instructions!B8': 'A. Officer, Head of Public Protection',
        'Return!E2': 3,
        'Return!F2': 'Board minutes, May 2025.\nJob description names the role.',
        'Return!E3': '2 – Partially met',
        'Return!G3': 'Report to the board every year',
        'Return!H3': 'Chief Constable',
        'Return!I3': new Date(Date.UTC(2027, 2, 31)),
        'Return!J3': 'In progress',
        'Return!E4': 'fully met',
        'Return!E5': '1',
        'Return!G5': 'Write the policy',
        'Return!I5': '30/09/2026',
        'Return!J5': 'open',
      },
    });
    const result = await runAudit(['import', 'police-return.xlsx'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('4 rated, 49 not assessed, 2 actions');
    const out = 'borsetshire-police-section-11-2025-26.yaml';
    expect(result.stdout).toContain(`Wrote ${out}`);
    const audit = parse(read(dir, out)) as AuditYaml;
    expect(audit).toMatchObject({ framework: 'section-11', organisation: 'Borsetshire Police', period: '2025-26', assessor: 'A. Officer, Head of Public Protection' });
    expect(audit.responses['COM-1']).toEqual({ rating: 3, evidence: 'Board minutes, May 2025.\nJob description names the role.' });
    expect(audit.responses['COM-2']).toEqual({ rating: 2, action: { text: 'Report to the board every year', owner: 'Chief Constable', due: '2027-03-31', status: 'in-progress' } });
    expect(audit.responses['COM-3']).toEqual({ rating: 4 });
    expect(audit.responses['COM-4']).toEqual({ rating: 1, action: { text: 'Write the policy', due: '2026-09-30', status: 'open' } });
    expect(audit.responses['RES-1']).toBeNull();
    // The new file is a valid audit the other commands read.
    expect((await runAudit(['gap', out], { cwd: dir })).code).toBe(0);
  });

  it('reports every fault in a return at once, by sheet and cell, exit 2, writing nothing', async () => {
    const dir = await blankReturn();
    const file = join(dir, 'police-return.xlsx');
    await fillWorkbook(file, {
      cells: {
        'Return!E14': 5,
        'Return!E15': 'Good',
        'Return!B30': 'XYZ-9',
        'Return!F10': { formula: 'A1&B1', result: 'x' },
        'Return!G11': { error: '#N/A' },
        'Return!I12': 'next year',
        'Return!J13': 'Pending',
        'Return!G12': 'An action',
      },
      duplicateRow: 3,
      deleteRows: [50],
    });
    const result = await runAudit(['import', 'police-return.xlsx'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(isCleanError(result.stderr)).toBe(true);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      'audit: police-return.xlsx: Return!F10: the evidence is a formula; formulas are never calculated on import: type the answer itself',
      'audit: police-return.xlsx: Return!G11: the action cell holds the error "#N/A": type the answer itself',
      'audit: police-return.xlsx: Return!I12: due date "next year" is not a date: give one such as 31/03/2027',
      'audit: police-return.xlsx: Return!J13: status "Pending" is not one of Open (or Not started, To do), In progress (or Ongoing, Underway), Done (or Complete, Completed, Closed)',
      'audit: police-return.xlsx: Return!E14: rating 5 is not on the scale 1–4',
      'audit: police-return.xlsx: Return!E15: rating "Good" is not on the scale 1–4: choose from the list (1 – Not met, 2 – Partially met, 3 – Mostly met, 4 – Fully met, or Not applicable)',
      'audit: police-return.xlsx: Return!B30: criterion "XYZ-9" is not in section-11 (edition 2007-2018): the Criterion column must keep the ids as exported',
      'audit: police-return.xlsx: Return!B54: criterion COM-2 appears twice, in rows 3 and 54: keep one',
      expect.stringMatching(/^audit: police-return\.xlsx: Return: the rows of 2 criteria \([A-Z]+-\d+, [A-Z]+-\d+\) are missing: were rows deleted\? Every criterion needs its row, even unanswered$/),
    ]);
    expect(listFiles(dir)).toEqual(['police-return.xlsx']);
  });

  it('refuses a renamed sheet, a return for another framework or edition, and one for another organisation', async () => {
    const dir = await blankReturn();
    const file = join(dir, 'police-return.xlsx');
    await fillWorkbook(file, { renameSheet: ['Return', 'Police return'] }, join(dir, 'renamed.xlsx'));
    const renamed = await runAudit(['import', 'renamed.xlsx'], { cwd: dir });
    expect(renamed.code).toBe(2);
    expect(renamed.stderr).toBe(
      'audit: renamed.xlsx: Return: the sheet Return is missing (the workbook has "Instructions", "Police return", "Lists", "Metadata"): if it was renamed, name it Return again\n',
    );

    await fillWorkbook(file, { cells: { 'Metadata!B4': '2019' } }, join(dir, 'edition.xlsx'));
    const edition = await runAudit(['import', 'edition.xlsx'], { cwd: dir });
    expect(edition.code).toBe(2);
    expect(edition.stderr).toBe(
      'audit: edition.xlsx: Metadata: this return is for edition 2019 of section-11, which is not available here (available: 2023 (current), 2007-2018): give its file with --framework PATH\n',
    );

    // An earlier edition kept in the library is read as that edition, and only into an audit of it.
    expect((await runAudit(['export', '--framework', 'working-together-2023@2023', '--org', 'Borsetshire Police', '--period', '2025-26', '-o', 'wt-2023.xlsx'], { cwd: dir })).code).toBe(0);
    const earlier = await runAudit(['import', 'wt-2023.xlsx', '-o', 'wt-2023.yaml'], { cwd: dir });
    expect(earlier.code, earlier.stderr).toBe(0);
    expect(earlier.stdout).toContain('working-together-2023 (edition 2023)');
    expect(read(dir, 'wt-2023.yaml')).toContain('frameworkVersion: "2023"');
    expect((await runAudit(['new', '--framework', 'working-together-2023', '--org', 'Borsetshire Police', '--period', '2025-26', '-o', 'wt-current.yaml'], { cwd: dir })).code).toBe(0);
    const intoCurrent = await runAudit(['import', 'wt-2023.xlsx', '--into', 'wt-current.yaml'], { cwd: dir });
    expect(intoCurrent.code).toBe(2);
    expect(intoCurrent.stderr).toMatch(/^audit: wt-2023\.xlsx: Metadata: this return was made for edition "2023" of working-together-2023, not edition 2023-amended-2024-02\n$/);

    expect((await runAudit(['export', '--framework', 'working-together-2023', '--org', 'Borsetshire Police', '--period', '2025-26', '-o', 'wt.xlsx'], { cwd: dir })).code).toBe(0);
    expect((await runAudit(['new', '--framework', 'section-11', '--org', 'Borsetshire Police', '--period', '2025-26', '-o', 'police.yaml'], { cwd: dir })).code).toBe(0);
    const before = read(dir, 'police.yaml');
    const other = await runAudit(['import', 'wt.xlsx', '--into', 'police.yaml'], { cwd: dir });
    expect(other.code).toBe(2);
    expect(other.stderr).toBe('audit: wt.xlsx: Metadata: this is a return for "working-together-2023", not section-11\n');

    expect((await runAudit(['new', '--framework', 'section-11', '--edition', '2007-2018', '--org', 'Kent Police', '--period', '2025-26', '-o', 'kent.yaml'], { cwd: dir })).code).toBe(0);
    const wrongOrg = await runAudit(['import', 'police-return.xlsx', '--into', 'kent.yaml'], { cwd: dir });
    expect(wrongOrg.code).toBe(2);
    expect(wrongOrg.stderr).toContain('this return is from Borsetshire Police for 2025-26, but kent.yaml is the audit of Kent Police for 2025-26: nothing was recorded');
    expect(read(dir, 'police.yaml')).toBe(before);
  });

  it('--into records the answers with a text-preserving save; a cell that went out blank keeps what the audit has, one the agency cleared removes it', async () => {
    const dir = workspace();
    expect((await runAudit(['new', '--framework', 'section-11', '--org', 'Borsetshire Police', '--period', '2025-26', '-o', 'police.yaml'], { cwd: dir })).code).toBe(0);
    expect((await runAudit(['rate', 'police.yaml', 'COM-2', '--rating', '2', '--evidence', 'Named Child A; sent out'], { cwd: dir })).code).toBe(0);
    expect((await runAudit(['export', 'police.yaml', '-o', 'sent.xlsx'], { cwd: dir })).code).toBe(0);
    // Written into the audit after the return went out, where the return's cell went out blank.
    expect((await runAudit(['rate', 'police.yaml', 'COM-5', '--evidence', 'Added since'], { cwd: dir })).code).toBe(0);
    const original = read(dir, 'police.yaml');
    await fillWorkbook(join(dir, 'sent.xlsx'), { cells: { 'Return!E2': '4 – Fully met', 'Return!F2': 'Line one\nLine two', 'Return!F3': null } });

    const result = await runAudit(['import', 'sent.xlsx', '--into', 'police.yaml'], { cwd: dir, env: { COLUMNS: '200' } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      'Read sent.xlsx: section-11 (edition 2023), 66 criteria.\n' +
        'Recorded into police.yaml: 2 criteria changed.\n' +
        'Cleared in the return, so removed from police.yaml: COM-2 (evidence).\n' +
        'Left blank in the return, so kept as police.yaml had it: COM-5 (evidence).\n' +
        'police.yaml now holds: 2 rated, 64 not assessed, 0 actions.\n',
    );
    const text = read(dir, 'police.yaml');
    expect(text).toContain('  COM-1:\n    rating: 4\n    evidence: |-\n      Line one\n      Line two\n');
    expect(text).not.toContain('Named Child A');
    expect(text).toContain('  COM-2:\n    rating: 2\n');
    expect(text).toContain('Added since');
    // Everything but COM-1's and COM-2's answers is as it was, comments and all.
    const others = (t: string) => t.replace(/ {2}COM-[12]:\n( {4}.*\n| {6}.*\n)*/g, '').replace(/ {2}COM-[12]:\n/g, '');
    expect(others(text)).toBe(others(original));

    const again = await runAudit(['import', 'sent.xlsx', '--into', 'police.yaml'], { cwd: dir });
    expect(again.stdout).toContain('police.yaml already holds every answer; nothing changed.');
  });

  it('aggregate and check read returns beside YAML audits', async () => {
    const dir = workspace();
    for (const name of ['borsetshire-childrens-services.yaml', 'borsetshire-health-nhs-trust.yaml']) copyFileSync(join(ROOT, 'examples/section-11', name), join(dir, name));
    expect((await runAudit(['export', POLICE, '-o', 'police.xlsx'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, '~$police.xlsx'), 'Excel lock file');
    const view = await runAudit(['aggregate', '.', '--format', 'json'], { cwd: dir });
    expect(view.code, view.stderr).toBe(0);
    const agencies = (JSON.parse(view.stdout) as { agencies: { organisation: string; file: string }[] }).agencies;
    expect(agencies.map((a) => a.organisation).sort()).toEqual(['Borsetshire County Council (Children\'s Services)', 'Borsetshire Health NHS Trust', 'Borsetshire Police']);
    const check = await runAudit(['check', 'police.xlsx', '--fail-on', 'none'], { cwd: dir });
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('PASS  police.xlsx: Borsetshire Police, 2025-26');

    await fillWorkbook(join(dir, 'police.xlsx'), { cells: { 'Return!E14': 7 } });
    const bad = await runAudit(['aggregate', '.'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('\naudit: police.xlsx: Return!E14: rating 7 is not on the scale 1–4\naudit: nothing was written, as 1 file could not be read (police.xlsx)');
  });
});

describe('audit import refuses hostile or broken workbooks within bounds', () => {
  it('not a workbook, an encrypted workbook, an old .xls, an OpenDocument file', async () => {
    const cfb = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    const encrypted = Buffer.concat([cfb, Buffer.from('EncryptedInfo\0EncryptedPackage', 'utf16le')]);
    const dir = workspace({ 'text.xlsx': 'organisation: not a workbook\n' });
    writeFileSync(join(dir, 'locked.xlsx'), encrypted);
    writeFileSync(join(dir, 'old.xlsx'), cfb);
    writeFileSync(join(dir, 'calc.xlsx'), buildZip([{ name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet'), stored: true }]));
    const expected: Record<string, string> = {
      'text.xlsx': 'is not an Excel workbook (.xlsx)',
      'locked.xlsx': 'the workbook is encrypted with a password: open it in Excel, remove the password',
      'old.xlsx': 'is an Excel 97-2003 workbook (.xls)',
      'calc.xlsx': 'is an OpenDocument spreadsheet (.ods)',
    };
    for (const [name, message] of Object.entries(expected)) {
      const result = await runAudit(['import', name], { cwd: dir });
      expect(result.code, name).toBe(2);
      expect(result.stderr).toContain(`audit: ${name}: ${message}`);
      expect(isCleanError(result.stderr)).toBe(true);
    }
  });

  it('a zip bomb, a million rows, a DTD and a macro-enabled workbook', async () => {
    const dir = await blankReturn();
    const parts = workbookParts(join(dir, 'police-return.xlsx'));
    const swap = (name: string, data: Buffer, extra: Partial<(typeof parts)[number]> = {}) => parts.map((p) => (p.name === name ? { ...p, data, ...extra } : p));

    // 60 MB of spaces that say they are 10 KB: zlib is stopped one byte past what is declared.
    const bomb = Buffer.alloc(60 * 1024 * 1024, 0x20);
    writeFileSync(join(dir, 'bomb.xlsx'), buildZip(swap('xl/sharedStrings.xml', bomb, { declaredSize: 10_240 })));
    // An honest declaration of 60 MB is refused before anything is inflated.
    writeFileSync(join(dir, 'huge.xlsx'), buildZip(swap('xl/sharedStrings.xml', bomb)));
    const rows = Buffer.from(
      `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${Array.from({ length: 1_048_576 }, (_, i) => `<row r="${i + 1}"/>`).join('')}</sheetData></worksheet>`,
    );
    writeFileSync(join(dir, 'rows.xlsx'), buildZip(swap('xl/worksheets/sheet2.xml', rows)));
    const dtd = Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2"><c r="F2" t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>');
    writeFileSync(join(dir, 'dtd.xlsx'), buildZip(swap('xl/worksheets/sheet2.xml', dtd)));

    const expected: Record<string, RegExp> = {
      'bomb.xlsx': /cannot be read as a workbook: its part xl\/sharedStrings\.xml unpacks to more than the size it declares \(a "zip bomb"\?\)/,
      'huge.xlsx': /cannot be read as a workbook: its part xl\/sharedStrings\.xml would unpack to 60 MB, more than a return can hold/,
      'rows.xlsx': /its sheet "Return" has more rows or cells than any return/,
      'dtd.xlsx': /its part xl\/worksheets\/sheet2\.xml declares a DTD, which no workbook needs; it was not read/,
    };
    for (const [name, message] of Object.entries(expected)) {
      const started = Date.now();
      const result = await runAudit(['import', name], { cwd: dir });
      expect(result.code, `${name}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toContain('root:');
      expect(Date.now() - started, name).toBeLessThan(20_000);
    }

    // exceljs expands every merged or validated range cell by cell: one whole-sheet merge exhausts
    // its heap. The reader hands it cell data alone, so such a workbook (LibreOffice writes
    // whole-column validations) reads in a moment.
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet2.xml')!.data.toString();
    const ranged = sheet.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="K1:XFD1048576"/></mergeCells>').replace(/sqref="E2:E54"/, 'sqref="E1:E1048576 A1:XFD1048576"');
    writeFileSync(join(dir, 'ranges.xlsx'), buildZip(swap('xl/worksheets/sheet2.xml', Buffer.from(ranged))));
    const started = Date.now();
    const ranges = await runAudit(['import', 'ranges.xlsx', '-o', 'ranges.yaml'], { cwd: dir });
    expect(ranges.code, ranges.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);

    // Macros: the cells are read, the VBA project never touched.
    const macro = parts
      .map((p) => (p.name === '[Content_Types].xml' ? { ...p, data: Buffer.from(p.data.toString().replace('spreadsheetml.sheet.main+xml', 'sheet.macroEnabled.main+xml')) } : p))
      .concat([{ name: 'xl/vbaProject.bin', data: Buffer.from('not really VBA, and never run') }]);
    writeFileSync(join(dir, 'macro.xlsm'), buildZip(macro));
    await fillWorkbook(join(dir, 'macro.xlsm'), { cells: { 'Return!E2': 2 } }, join(dir, 'filled.xlsm'));
    copyFileSync(join(dir, 'macro.xlsm'), join(dir, 'raw.xlsm'));
    const result = await runAudit(['import', 'raw.xlsm', '-o', 'macro.yaml'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('note: raw.xlsm is macro-enabled; only its cells were read, and no macro was run\n');
    expect(existsSync(join(dir, 'macro.yaml'))).toBe(true);
  });

  it('reads a return saved again by another program (SheetJS), styles and validations gone', async () => {
    const dir = await blankReturn();
    resaveWithSheetJS(join(dir, 'police-return.xlsx'), join(dir, 'resaved.xlsx'), (wb) => {
      wb.Sheets.Return!.E2 = { t: 'n', v: 2 };
      wb.Sheets.Return!.I2 = { t: 'd', v: new Date(Date.UTC(2027, 2, 31)) };
      wb.Sheets.Return!.G2 = { t: 's', v: 'Fix it' };
    });
    const result = await runAudit(['import', 'resaved.xlsx', '-o', 'resaved.yaml'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const audit = parse(read(dir, 'resaved.yaml')) as AuditYaml;
    expect(audit.responses['COM-1']).toEqual({ rating: 2, action: { text: 'Fix it', due: '2027-03-31' } });
  });
});
