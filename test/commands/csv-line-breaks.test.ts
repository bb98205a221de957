/**
 * A line break inside a cell, of any kind, stays inside its cell in every CSV the tool writes:
 * read back as Excel and Python read CSV (any line break outside quotes ends a record), each
 * file has one record per row, and a formula on an action's second line stays text in its cell.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { fixture, read, runAudit, workspace } from '../helpers/cli.js';

const readCsv = (text: string) => parse(text.replace(/^\ufeff/, ''), { relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];

const FORMULA = "=cmd|' /C calc'!A0";
const audit = fixture('mini-audit.yaml')
  .replace('organisation: Borsetshire County Council', 'organisation: "Borsetshire\\nCounty\\rCouncil"')
  .replace('evidence: Report went to Cabinet in March.', 'evidence: "Report went\\nto Cabinet\\rin March\\Nafter\\Lthe\\Pelection"')
  .replace('text: Bring the yearly report forward to October', `text: |\n        Bring the yearly report forward\n        ${FORMULA}`);

function columnOf(records: string[][], name: string): number {
  const at = records[0]!.indexOf(name);
  expect(at, name).toBeGreaterThanOrEqual(0);
  return at;
}

describe('CSV with line breaks in cells', () => {
  it('keeps every record whole in gap, plan, aggregate and trend, written or printed', async () => {
    const dir = workspace({
      'mini-framework.yaml': fixture('mini-framework.yaml'),
      'audit.yaml': audit,
      'last.yaml': audit.replace('period: 2025-26', 'period: 2024-25'),
      'before.yaml': audit.replace('period: 2025-26', 'period: 2023-24'),
    });
    const runs = {
      gap: await runAudit(['gap', 'audit.yaml', '--format', 'csv'], { cwd: dir }),
      plan: await runAudit(['plan', 'audit.yaml', '--format', 'csv', '--as-of', '2026-01-01'], { cwd: dir }),
      aggregate: await runAudit(['aggregate', 'audit.yaml', '--format', 'csv'], { cwd: dir }),
      trend: await runAudit(['trend', 'before.yaml', 'last.yaml', 'audit.yaml', '--format', 'csv'], { cwd: dir }),
    };
    for (const [name, run] of Object.entries(runs)) expect(run.code, `${name}: ${run.stderr}`).toBe(0);

    const gap = readCsv(runs.gap.stdout);
    expect(gap).toHaveLength(6); // the header and five criteria
    for (const record of gap) expect(record).toHaveLength(gap[0]!.length);
    const l2 = gap.find((r) => r[columnOf(gap, 'criterion')] === 'L-2')!;
    expect(l2[columnOf(gap, 'evidence')]).toBe('Report went\nto Cabinet\nin March\nafter\nthe\nelection');
    expect(l2[columnOf(gap, 'action')]).toBe(`Bring the yearly report forward\n${FORMULA}\n`);

    const plan = readCsv(runs.plan.stdout);
    expect(plan).toHaveLength(3); // the header and two gaps
    for (const record of plan) expect(record).toHaveLength(plan[0]!.length);
    expect(plan.map((r) => r[columnOf(plan, 'action')])).toContain(`Bring the yearly report forward\n${FORMULA}\n`);

    const aggregate = readCsv(runs.aggregate.stdout);
    expect(aggregate).toHaveLength(2);
    expect(aggregate[1]![columnOf(aggregate, 'organisation')]).toBe('Borsetshire\nCounty\nCouncil');

    const trend = readCsv(runs.trend.stdout);
    expect(trend.every((r) => r.length === trend[0]!.length)).toBe(true);
    expect(trend[1]![columnOf(trend, 'title')]).toBe('Borsetshire\nCounty\nCouncil');

    // No record anywhere begins with a live formula.
    for (const records of [gap, plan, aggregate, trend]) {
      for (const record of records) expect(record[0]).not.toMatch(/^[=+\-@]/);
    }
  });

  it('writes the same CSV to a file named with -o', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': audit });
    const run = await runAudit(['gap', 'audit.yaml', '--format', 'csv', '-o', 'gap.csv'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const records = readCsv(read(dir, 'gap.csv'));
    expect(records).toHaveLength(6);
  });
});
