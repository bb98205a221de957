/**
 * Returns as trial D's partnership business manager met them (findings of
 * /work/wt/findings/trial-d.md): each workbook made by audit export, filled by another program
 * (SheetJS, as many councils' scripts and web tools write workbooks, or by hand in its XML), and
 * imported by the built CLI; what was typed is read back with SheetJS, a reader independent of
 * the exceljs that audit reads with.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixture, read, runAudit, workspace } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';
import { readWithSheetJS } from '../helpers/xlsx.js';
import { buildZip, workbookParts } from '../helpers/zip.js';

const mini = () => workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });

async function blankReturn(dir: string): Promise<string> {
  const made = await runAudit(['export', '--framework', './mini-framework.yaml', '--org', 'Ambridge Primary School', '--period', '2025-26', '-o', 'return.xlsx'], { cwd: dir });
  expect(made.code, made.stderr).toBe(0);
  return join(dir, 'return.xlsx');
}

const evidenceOf = (dir: string, file: string) => {
  const audit = parse(read(dir, file)) as { responses: Record<string, { evidence?: string }> };
  return Object.fromEntries(Object.entries(audit.responses).map(([id, r]) => [id, r?.evidence]));
};

describe('escaped characters in a return are read as every reader reads them (finding 1)', () => {
  // Typed by an agency: line breaks as Excel's Alt+Enter and as Windows writes them, text that
  // looks like markup or like an escape, and a child's name beside an emoji.
  const typed = {
    E2: 3,
    F2: 'Case audit found\r\n- referral for Child A late\n- DSL notes ✅ good',
    E3: 2,
    F3: 'Minutes &lt;p.4&gt; & "R&D;" file_x0041_.docx',
    E4: 1,
    F4: 'Line one\rLine two 📎',
  };

  for (const sst of [false, true]) {
    it(`a return written by SheetJS (${sst ? 'shared strings' : 'text in each cell'}) comes back as typed`, async () => {
      const dir = mini();
      const file = await blankReturn(dir);
      const workbook = XLSX.read(readFileSync(file));
      const sheet = workbook.Sheets.Return!;
      for (const [ref, value] of Object.entries(typed)) sheet[ref] = typeof value === 'number' ? { t: 'n', v: value } : { t: 's', v: value };
      writeFileSync(file, XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx', bookSST: sst }));
      // The file holds what was typed, as an independent reader sees it.
      const check = XLSX.read(readFileSync(file)).Sheets.Return!;
      expect(String(check.F2!.v).replace(/\r\n/g, '\n')).toBe(typed.F2.replace(/\r\n/g, '\n'));

      const run = await runAudit(['import', 'return.xlsx', '-o', 'in.yaml'], { cwd: dir });
      expect(run.code, run.stderr).toBe(0);
      const evidence = evidenceOf(dir, 'in.yaml');
      // Line breaks as the import keeps them everywhere: \n.
      expect(evidence['L-1']).toBe('Case audit found\n- referral for Child A late\n- DSL notes ✅ good');
      expect(evidence['W-1']).toBe('Line one\nLine two 📎');
      // SheetJS writes a typed `_x0041_` without escaping its underscore, so the file says `A`, as
      // Excel shows it. (SheetJS reads its own `t="str"` cells' `&amp;lt;` as `<`, which Excel does not.)
      expect(evidence['L-2']).toBe('Minutes &lt;p.4&gt; & "R&D;" fileA.docx');
      expect(read(dir, 'in.yaml')).not.toMatch(/_x00/i);
    });
  }

  it('escapes in either case, in a cell\'s own text, inline text and shared strings, are decoded once', async () => {
    const dir = mini();
    const file = await blankReturn(dir);
    const parts = workbookParts(file);
    // One more shared string, after those the export wrote, with escapes in lower case.
    const shared = parts.find((p) => p.name === 'xl/sharedStrings.xml');
    if (!shared) throw new Error('the export has no shared strings part to add to');
    const sharedXml = shared.data.toString('utf8');
    const index = (sharedXml.match(/<si>/g) ?? []).length;
    const cells: Record<string, string> = {
      E2: '<c r="E2"><v>3</v></c>',
      F2: '<c r="F2" t="str"><v>Upper_x000D_&#10;and lower_x000d__x000a_done; kept: _x005F_x000D_ &amp;lt;</v></c>',
      E3: '<c r="E3"><v>2</v></c>',
      F3: '<c r="F3" t="inlineStr"><is><t>Inline_x000d__x000A_two _x0041_</t></is></c>',
      E4: '<c r="E4"><v>1</v></c>',
      F4: `<c r="F4" t="s"><v>${index}</v></c>`,
    };
    const rebuilt = parts.map((part) => {
      if (part === shared) return { ...part, data: Buffer.from(sharedXml.replace('</sst>', '<si><t>Shared_x000d_&#10;lower _x00e9_</t></si></sst>')) };
      if (part.name !== 'xl/worksheets/sheet2.xml') return part;
      let xml = part.data.toString('utf8');
      for (const [ref, cell] of Object.entries(cells)) {
        const pattern = new RegExp(`<c r="${ref}"[^>]*?(?:/>|>[\\s\\S]*?</c>)`);
        expect(pattern.test(xml), ref).toBe(true);
        xml = xml.replace(pattern, cell);
      }
      return { ...part, data: Buffer.from(xml) };
    });
    writeFileSync(join(dir, 'odd.xlsx'), buildZip(rebuilt));
    // SheetJS reads the same file so.
    const independent = XLSX.read(readFileSync(join(dir, 'odd.xlsx'))).Sheets.Return!;
    expect(String(independent.F3!.v).replace(/\r\n/g, '\n')).toBe('Inline\ntwo A');
    expect(String(independent.F4!.v).replace(/\r\n/g, '\n')).toBe('Shared\nlower é');

    const run = await runAudit(['import', 'odd.xlsx', '-o', 'in.yaml'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const evidence = evidenceOf(dir, 'in.yaml');
    expect(evidence['L-1']).toBe('Upper\nand lower\ndone; kept: _x000D_ &lt;');
    expect(evidence['L-2']).toBe('Inline\ntwo A');
    expect(evidence['W-1']).toBe('Shared\nlower é');
  });
});

describe('gap --public and plan --public leave out what the return promises is never published (finding 2)', () => {
  // Evidence, a reason a criterion does not apply and a panel's note, each naming a child; the
  // action, its owner and the ratings are what the return says is published.
  const audit = fixture('mini-audit.yaml')
    .replace('Report went to Cabinet in March.', 'Report went to Cabinet in March; Kylie Tucker case late.')
    .replace(
      /  W-1:\n    rating: 1\n/,
      '  W-1:\n    rating: 2\n    moderated:\n      rating: 1\n      by: Partnership panel\n      note: Jayden Brambleworth was not seen alone\n      date: 2026-06-01\n',
    )
    .replace(/  W-2:\n?$/, '  W-2:\n  W-3:\n    notApplicable: Only case was Amelia Ndlovu, now moved away\n');
  const NAMES = /Kylie|Tucker|Jayden|Brambleworth|Amelia|Ndlovu/;

  /** Every text a file holds: each part of a workbook, as it is stored (inflated). */
  const allText = (file: string) => (file.endsWith('.xlsx') ? workbookParts(file).map((p) => p.data.toString('utf8')).join('\n') : readFileSync(file, 'utf8'));

  it('in every format, to standard output and to -o, while the full view keeps them', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': audit });
    for (const command of ['gap', 'plan']) {
      const full = await runAudit([command, 'audit.yaml', '--format', 'markdown'], { cwd: dir });
      expect(full.code, full.stderr).toBe(0);
      expect(full.stdout, command).toMatch(/Amelia Ndlovu/);
      for (const format of ['table', 'json', 'markdown', 'csv']) {
        const run = await runAudit([command, 'audit.yaml', '--public', '--format', format], { cwd: dir });
        expect(run.code, `${command} ${format}: ${run.stderr}`).toBe(0);
        expect(run.stdout + run.stderr, `${command} ${format}`).not.toMatch(NAMES);
        // What is published stays: the action and its owner, and that W-3 does not apply.
        expect(run.stdout, `${command} ${format}`).toMatch(/Bring the yearly report forward to October/);
        // (The plan's CSV has one row per gap, so none for W-3.)
        if (!(command === 'plan' && format === 'csv')) expect(run.stdout, `${command} ${format}`).toMatch(/W-3/);
      }
      for (const ext of ['json', 'md', 'csv', 'xlsx']) {
        const run = await runAudit([command, 'audit.yaml', '--public', '-o', `${command}.${ext}`], { cwd: dir });
        expect(run.code, `${command} .${ext}: ${run.stderr}`).toBe(0);
        expect(run.stdout, `${command} .${ext}`).toMatch(/for publication/);
        expect(allText(join(dir, `${command}.${ext}`)), `${command} .${ext}`).not.toMatch(NAMES);
      }
    }
    const plan = JSON.parse(read(dir, 'plan.json')) as { notApplicable: { criterion: string; reason: string | null }[] };
    expect(plan.notApplicable).toEqual([expect.objectContaining({ criterion: 'W-3', reason: null })]);
    const gap = JSON.parse(read(dir, 'gap.json')) as { criteria: { criterion: string; evidence: string | null; notApplicable: string | null; status: string }[] };
    expect(gap.criteria.find((c) => c.criterion === 'W-3')).toMatchObject({ status: 'not-applicable', notApplicable: null, evidence: null });
    // The independent reader sees the workbook's rows, the action among them.
    const rows = readWithSheetJS(join(dir, 'plan.xlsx'));
    expect(JSON.stringify(rows.names.map((n) => rows.rows(n)))).toMatch(/Bring the yearly report forward/);
  });
});

describe('the return says that the name in Completed by is published (finding 4)', () => {
  it('as the public report prints it', async () => {
    const dir = mini();
    const made = await runAudit(['export', 'audit.yaml', '-o', 'return.xlsx'], { cwd: dir });
    expect(made.code, made.stderr).toBe(0);
    const lines = readWithSheetJS(join(dir, 'return.xlsx'))
      .rows('Instructions')
      .map((row) => row.filter(Boolean).join(' '));
    const published = lines[lines.indexOf('What is published') + 1];
    expect(published).toMatch(/The name in Completed by is published too/);
    // The public report does print it (the assessor): the instruction is true.
    const report = await runAudit(['report', 'audit.yaml', '--public', '--background-paper', 'none', '-o', 'public.pdf'], { cwd: dir });
    expect(report.code, report.stderr).toBe(0);
    expect((await readPdf(join(dir, 'public.pdf'))).text).toMatch(/Jo Bloggs/);
  });
});

describe('text typed outside the answer cells is named, never dropped without a word (finding 3)', () => {
  it('question cells given other text, and cells typed on the Instructions sheet where the export wrote nothing', async () => {
    const dir = mini();
    const file = await blankReturn(dir);
    // Unchanged, as exported and as SheetJS saves it again: nothing to say.
    const workbook = XLSX.read(readFileSync(file));
    writeFileSync(file, XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx' }));
    const clean = await runAudit(['import', 'return.xlsx', '-o', 'clean.yaml'], { cwd: dir });
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).toBe('');

    const sheet = workbook.Sheets.Return!;
    sheet.E2 = { t: 'n', v: 3 };
    sheet.C3 = { t: 's', v: 'Statement rewritten by us: see Child Q' };
    sheet.D4 = { t: 's', v: 'We disagree with this guidance' };
    sheet.A5 = { t: 's', v: 'Workforce (our note: two staff off sick)' };
    delete sheet.D6; // cleared: nothing typed, nothing lost
    // The framework's own words with other line breaks and spacing are no change.
    sheet.C2 = { t: 's', v: String(sheet.C2!.v).replace(/ /g, '  \n') };
    // A line of its own under the last criterion, in the question columns.
    sheet.A8 = { t: 's', v: 'Overall comments' };
    sheet.C8 = { t: 's', v: 'We are restructuring the service' };
    sheet['!ref'] = 'A1:K8';
    const instructions = workbook.Sheets.Instructions!;
    instructions.C8 = { t: 's', v: 'Completed jointly with the deputy' };
    instructions.E3 = { t: 's', v: 'Ring me first' };
    instructions.B3 = { t: 's', v: 'Ambridge Church of England Primary School' };
    const range = XLSX.utils.decode_range(instructions['!ref']!);
    instructions['!ref'] = XLSX.utils.encode_range({ s: range.s, e: { r: range.e.r, c: Math.max(range.e.c, 4) } });
    writeFileSync(file, XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx' }));

    const run = await runAudit(['import', 'return.xlsx', '-o', 'in.yaml'], { cwd: dir, env: { COLUMNS: '400' } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(
      'note: return.xlsx: the cells Return!A8 and Return!C8 are in no criterion\'s row, so not part of the return, and were not read\n' +
        "note: return.xlsx: the question cells Return!C3, Return!D4 and Return!A5 hold text other than the framework's, which is not part of the return and was not read (a comment on a criterion belongs in its Evidence)\n" +
        'note: return.xlsx: Instructions!B3 gives the organisation as "Ambridge Church of England Primary School", but the return went out for "Ambridge Primary School" and is recorded as that: the change was not read (to rename an audit, edit its file)\n' +
        'note: return.xlsx: the cells Instructions!E3 and Instructions!C8 are not part of the return and were not read\n',
    );
    expect(read(dir, 'in.yaml')).toMatch(/L-1:\n\s+rating: 3/);
  });
});

describe("a hyperlink's address is never dropped without a word (finding 7)", () => {
  it('kept beside the text in Evidence, named in a note in the published Action and Owner', async () => {
    const dir = mini();
    const file = await blankReturn(dir);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Return')!;
    sheet.getCell('E2').value = 3;
    sheet.getCell('F2').value = { text: 'Safeguarding policy', hyperlink: 'https://intranet.example.gov.uk/policies/safeguarding-2025.pdf' };
    sheet.getCell('E3').value = 2;
    // Excel links a typed address to itself: nothing to add.
    sheet.getCell('F3').value = { text: 'https://intranet.example.gov.uk/minutes', hyperlink: 'https://intranet.example.gov.uk/minutes/' };
    sheet.getCell('G3').value = { text: 'Publish the policy', hyperlink: 'https://intranet.example.gov.uk/plan' };
    sheet.getCell('H3').value = { text: 'Designated Safeguarding Lead', hyperlink: 'mailto:jo.bloggs@example.gov.uk' };
    sheet.getCell('E4').value = 1;
    // A link within the workbook says nothing an answer needs.
    sheet.getCell('F4').value = { text: 'See the Instructions', hyperlink: '#Instructions!A1' };
    await workbook.xlsx.writeFile(file);

    // The file holds the links, as an independent reader sees them.
    const independent = XLSX.read(readFileSync(file)).Sheets.Return!;
    expect(independent.F2!.l?.Target).toBe('https://intranet.example.gov.uk/policies/safeguarding-2025.pdf');

    const run = await runAudit(['import', 'return.xlsx', '-o', 'in.yaml'], { cwd: dir, env: { COLUMNS: '400' } });
    expect(run.code, run.stderr).toBe(0);
    const audit = parse(read(dir, 'in.yaml')) as { responses: Record<string, { evidence?: string; action?: { text: string; owner?: string } }> };
    expect(audit.responses['L-1']!.evidence).toBe('Safeguarding policy (https://intranet.example.gov.uk/policies/safeguarding-2025.pdf)');
    expect(audit.responses['L-2']!.evidence).toBe('https://intranet.example.gov.uk/minutes');
    expect(audit.responses['L-2']!.action).toMatchObject({ text: 'Publish the policy', owner: 'Designated Safeguarding Lead' });
    expect(audit.responses['W-1']!.evidence).toBe('See the Instructions');
    expect(run.stderr).toBe(
      'note: return.xlsx: Return!G3: the action links to "https://intranet.example.gov.uk/plan", which was not read: public reports print the action, so write an address there only if it may be published\n' +
        'note: return.xlsx: Return!H3: the owner links to "mailto:jo.bloggs@example.gov.uk", which was not read: public reports print the owner, so write an address there only if it may be published\n',
    );
  });
});

describe('aggregate names what of each return was not read, as import does (finding 9)', () => {
  it("a comment, an added column and a sheet of the agency's own are noted by file", async () => {
    const dir = mini();
    const file = await blankReturn(dir);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Return')!;
    sheet.getCell('E2').value = 3;
    sheet.getCell('F2').value = 'Named lead in post';
    sheet.getCell('F2').note = 'Check with Mrs Kaur re Child E';
    sheet.getCell('L3').value = 'Our own column';
    workbook.addWorksheet('Our notes').getCell('A1').value = 'Second school: see the head';
    await workbook.xlsx.writeFile(join(dir, 'ambridge.xlsx'));
    const run = await runAudit(['aggregate', 'return.xlsx', 'audit.yaml', '--format', 'json'], { cwd: dir, env: { COLUMNS: '400' } });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).agencies).toHaveLength(2);
    expect(run.stderr).toBe('');

    const noted = await runAudit(['aggregate', 'ambridge.xlsx', 'audit.yaml', '--format', 'json'], { cwd: dir, env: { COLUMNS: '400' } });
    expect(noted.code, noted.stderr).toBe(0);
    expect(noted.stderr).toBe(
      'note: ambridge.xlsx: column Return!L is not part of the return and was not read\n' +
        'note: ambridge.xlsx: the comment (note) on cell Return!F2 is not part of the return and was not read\n' +
        'note: ambridge.xlsx: sheet "Our notes" is not part of the return and was not read\n',
    );
  });
});

describe('a Return sheet copied into a workbook of its own (finding 10)', () => {
  it('says the hidden Metadata sheet was left behind and how to mend it, not to rename it', async () => {
    const dir = mini();
    const file = await blankReturn(dir);
    const sent = XLSX.read(readFileSync(file));
    const own = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(own, sent.Sheets.Return!, 'Return');
    writeFileSync(join(dir, 'copied.xlsx'), XLSX.write(own, { type: 'buffer', bookType: 'xlsx' }));
    const run = await runAudit(['import', 'copied.xlsx'], { cwd: dir, env: { COLUMNS: '400' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'audit: copied.xlsx: Metadata: the hidden sheet Metadata, which says whose return this is and against which framework, is missing (the workbook has "Return"): the Return sheet was probably copied into a new workbook; copy its answers back into the workbook as it was sent (or a new one from audit export), and import that\n',
    );
  });
});

describe('TRUE typed in LibreOffice, which saves it as the formula TRUE() (finding 12)', () => {
  it('is read as the word typed, while a real formula is still refused', async () => {
    const dir = mini();
    const file = await blankReturn(dir);
    const replace = (cells: Record<string, string>) =>
      buildZip(
        workbookParts(file).map((part) => {
          if (part.name !== 'xl/worksheets/sheet2.xml') return part;
          let xml = part.data.toString('utf8');
          for (const [ref, cell] of Object.entries(cells)) xml = xml.replace(new RegExp(`<c r="${ref}"[^>]*?(?:/>|>[\\s\\S]*?</c>)`), cell);
          return { ...part, data: Buffer.from(xml) };
        }),
      );
    writeFileSync(join(dir, 'lo.xlsx'), replace({ E2: '<c r="E2"><v>3</v></c>', F2: '<c r="F2" t="b"><f aca="false">TRUE()</f><v>1</v></c>' }));
    const run = await runAudit(['import', 'lo.xlsx', '-o', 'in.yaml'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(evidenceOf(dir, 'in.yaml')['L-1']).toBe('TRUE');

    writeFileSync(join(dir, 'formula.xlsx'), replace({ E2: '<c r="E2"><v>3</v></c>', F2: '<c r="F2" t="b"><f>AND(TRUE(),B2="L-1")</f><v>1</v></c>' }));
    const refused = await runAudit(['import', 'formula.xlsx', '-o', 'f.yaml'], { cwd: dir, env: { COLUMNS: '400' } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('audit: formula.xlsx: Return!F2: the evidence is a formula; formulas are never calculated on import: type the answer itself\n');
  });
});
