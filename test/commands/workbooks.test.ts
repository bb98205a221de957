/** The workbooks audit gap, plan and aggregate write, read back with SheetJS. */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, listFiles, ROOT, runAudit, workspace } from '../helpers/cli.js';
import { readWithSheetJS } from '../helpers/xlsx.js';

const mini = () => workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });

describe('workbooks for the business unit', () => {
  it('audit gap -o FILE.xlsx: standards and criteria, RAG as a word on its colour, evidence kept', async () => {
    const dir = mini();
    const result = await runAudit(['gap', 'audit.yaml', '-o', 'gap.xlsx'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Wrote gap.xlsx: the gap analysis of Borsetshire County Council, 2025-26, overall RED\n');
    const book = readWithSheetJS(join(dir, 'gap.xlsx'));
    expect(book.names).toEqual(['Standards', 'Criteria']);
    const standards = book.rows('Standards');
    expect(standards[0]).toEqual(['Standard', 'Title', 'Criteria', 'Rated', 'Not assessed', 'Not applicable', 'Below target', 'Meeting target', 'Mean', 'Lowest', 'RAG']);
    expect(standards[1]).toEqual(['LEAD', 'Leadership', 2, 2, 0, 0, 1, 1, 2.5, 2, 'RED']);
    expect(book.cell('Standards', 'K2')?.s).toMatchObject({ fgColor: { rgb: 'F4B6B6' } });
    expect(standards[3]).toEqual(['Overall', null, 5, 3, 2, 0, 2, 1, 2, null, 'RED']);
    const criteria = book.rows('Criteria');
    expect(criteria[0]!.slice(0, 9)).toEqual(['Standard', 'Criterion', 'Statement', 'Rating', 'Target', 'Gap', 'Priority', 'RAG', 'Evidence']);
    expect(criteria[1]!.slice(0, 9)).toEqual(['LEAD', 'L-1', 'A senior lead for safeguarding is named.', 3, 3, 0, null, 'GREEN', 'Named in the constitution, 2024.\nConfirmed at Cabinet.\n']);
    expect(criteria[2]![11]).toBeInstanceOf(Date);
    expect(criteria[4]![7]).toBe('Not rated');
    expect(book.workbook.Sheets.Criteria!['!autofilter']).toEqual({ ref: 'A1:P6' });
  });

  it('audit plan --format xlsx: a tracker with filters, due dates as dates, overdue in words and colour', async () => {
    const dir = mini();
    const result = await runAudit(['plan', 'audit.yaml', '--format', 'xlsx', '-o', 'plan.xlsx', '--as-of', '2026-11-30'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const book = readWithSheetJS(join(dir, 'plan.xlsx'));
    const rows = book.rows('Plan');
    expect(rows[0]!.slice(0, 12)).toEqual(['Priority', 'Standard', 'Criterion', 'Statement', 'Rating', 'Target', 'Gap', 'Action', 'Owner', 'Due', 'Status', 'Overdue']);
    expect(rows).toHaveLength(3);
    expect(rows[1]!.slice(0, 3)).toEqual(['High', 'Leadership', 'L-2']);
    expect((rows[1]![9] as Date).toISOString().slice(0, 10)).toBe('2026-10-31');
    expect(rows[1]!.slice(10, 13)).toEqual(['Open, overdue by 30 days', 'Yes', 30]);
    expect(rows[2]![7]).toBe('NONE: needs an action');
    expect(book.cell('Plan', 'L2')?.s).toMatchObject({ fgColor: { rgb: 'F4B6B6' } });
    expect(book.workbook.Sheets.Plan!['!autofilter']).toEqual({ ref: 'A1:O3' });
  });

  it('audit aggregate -o FILE.xlsx: the heat map, one row per agency, means that stay numbers', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'returns'));
    for (const name of ['borsetshire-childrens-services.yaml', 'borsetshire-health-nhs-trust.yaml', 'borsetshire-police.yaml']) {
      copyFileSync(join(ROOT, 'examples/section-11', name), join(dir, 'returns', name));
    }
    const result = await runAudit(['aggregate', 'returns', '-o', 'heat.xlsx'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Wrote heat.xlsx: the heat map of 3 agencies, one row each\n');
    const book = readWithSheetJS(join(dir, 'heat.xlsx'));
    expect(book.names).toEqual(['Heat map', 'Standards', 'Shortfalls']);
    const rows = book.rows('Heat map');
    expect(rows[0]!.slice(0, 8)).toEqual(['Agency', 'Kind', 'Period', 'Rated', 'Not applicable', 'Below target', 'Overall', '1. Senior management commitment']);
    expect(rows.slice(1, 4).map((r) => r[0])).toEqual(["Borsetshire County Council (Children's Services)", 'Borsetshire Health NHS Trust', 'Borsetshire Police']);
    expect(rows[4]![0]).toMatch(/^Partnership/);
    const cell = book.cell('Heat map', 'H4')!;
    expect(cell.t).toBe('n');
    expect(cell.z).toBe('0.00" GREEN"');
    expect(cell.w).toBe('4.00 GREEN');

    const usage = await runAudit(['aggregate', 'returns', '-o', 'heat.xlsx', '--public'], { cwd: dir });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('audit: --public is an option of the partnership report: add -o FILE.pdf (or FILE.docx)\n');
    const noFile = await runAudit(['gap', 'audit.yaml', '--format', 'xlsx'], { cwd: dir });
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toBe('audit: --format xlsx writes a workbook: name it with -o FILE.xlsx\n');
    expect(listFiles(dir)).toEqual(['heat.xlsx', 'returns']);
  });
});
