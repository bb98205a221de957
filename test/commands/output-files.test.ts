/**
 * What a command writes with -o: never one of the files it reads (the audit, its framework, a
 * template, a details file, last period's returns, the return being imported …), by any name,
 * refused the same way by every command (exit 2, the file untouched); and, where --format is
 * not given, in the format the file's name ends in.
 */
import { linkSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, isCleanError, listFiles, read, runAudit, workspace } from '../helpers/cli.js';
import { readWithSheetJS } from '../helpers/xlsx.js';

const REFUSED = /^audit: -o (\S+) is (.+), which the command reads; it would be overwritten: choose another path with -o\n$/;

function files(): string {
  const dir = workspace({
    'mini-framework.yaml': fixture('mini-framework.yaml'),
    'audit.yaml': fixture('mini-audit.yaml'),
    'last.yaml': fixture('mini-audit.yaml').replace('period: 2025-26', 'period: 2024-25'),
    'details.yaml': 'author:\n  name: Jo Bloggs\n',
  });
  // Other names for inputs: hard links, as a user's tidy-up script or a backup tool may leave.
  linkSync(join(dir, 'mini-framework.yaml'), join(dir, 'framework-link.xlsx'));
  linkSync(join(dir, 'details.yaml'), join(dir, 'details-link.pdf'));
  linkSync(join(dir, 'last.yaml'), join(dir, 'last-link.pdf'));
  return dir;
}

describe('-o naming one of the command’s inputs', () => {
  it('is refused by every command that writes one, exit 2, with the input named and left as it was', async () => {
    const dir = files();
    const exported = await runAudit(['export', 'audit.yaml', '-o', 'return.xlsx'], { cwd: dir });
    expect(exported.code, exported.stderr).toBe(0);
    const before = new Map(['mini-framework.yaml', 'audit.yaml', 'last.yaml', 'details.yaml', 'return.xlsx'].map((f) => [f, readFileSync(join(dir, f))]));

    const cases: [string[], string][] = [
      [['gap', 'audit.yaml', '-o', 'mini-framework.yaml'], "the audit's framework file"],
      [['gap', 'audit.yaml', '--format', 'json', '-o', 'mini-framework.yaml'], "the audit's framework file"],
      [['gap', 'audit.yaml', '-o', 'audit.yaml'], 'the audit file'],
      [['gap', 'audit.yaml', '-o', 'framework-link.xlsx'], "the audit's framework file"],
      [['plan', 'audit.yaml', '--format', 'csv', '-o', 'mini-framework.yaml'], "the audit's framework file"],
      [['check', 'audit.yaml', '-o', 'mini-framework.yaml'], "the audit's framework file"],
      [['aggregate', 'audit.yaml', '-o', 'mini-framework.yaml'], 'the framework file'],
      [['aggregate', 'audit.yaml', '--previous', 'last.yaml', '-o', 'last.yaml'], "last period's audit last.yaml"],
      [['aggregate', 'audit.yaml', '--previous', 'last.yaml', '-o', 'last-link.pdf'], "last period's audit last.yaml"],
      [['aggregate', 'audit.yaml', '-o', 'details-link.pdf', '--details', 'details.yaml'], 'the report details file'],
      [['report', 'audit.yaml', '-o', 'details-link.pdf', '--details', 'details.yaml'], 'the report details file'],
      [['report', 'audit.yaml', '-o', 'last-link.pdf', '--history', 'last.yaml'], 'the earlier audit last.yaml'],
      [['export', 'audit.yaml', '-o', 'framework-link.xlsx', '--force'], "the audit's framework file"],
      [['import', 'return.xlsx', '--framework', './mini-framework.yaml', '-o', 'mini-framework.yaml', '--force'], "the return's framework file"],
      [['new', '--framework', './mini-framework.yaml', '--org', 'X', '--period', '2026-27', '-o', 'mini-framework.yaml', '--force'], 'the framework file'],
      [['new', '--from', 'audit.yaml', '--period', '2026-27', '-o', 'mini-framework.yaml', '--force'], 'its framework file'],
    ];
    for (const [args, what] of cases) {
      const run = await runAudit(args, { cwd: dir });
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(REFUSED);
      expect(REFUSED.exec(run.stderr)![2], args.join(' ')).toContain(what);
      expect(isCleanError(run.stderr)).toBe(true);
    }
    for (const [name, bytes] of before) expect(readFileSync(join(dir, name)).equals(bytes), name).toBe(true);
  });
});

describe('-o FILE picks the format from the name', () => {
  it('writes CSV, JSON, Markdown or a workbook for gap, plan, check and aggregate when --format is not given', async () => {
    const dir = files();
    const runs = [
      ['gap', 'audit.yaml', '-o', 'gap.csv'],
      ['gap', 'audit.yaml', '-o', 'gap.json'],
      ['plan', 'audit.yaml', '-o', 'plan.md'],
      ['plan', 'audit.yaml', '-o', 'plan.xlsx'],
      ['check', 'audit.yaml', '-o', 'check.xml'],
      ['check', 'audit.yaml', '-o', 'check.json'],
      ['aggregate', 'audit.yaml', '-o', 'heat.json'],
      ['gap', 'audit.yaml', '-o', 'gap.txt'],
    ];
    for (const args of runs) {
      const run = await runAudit(args, { cwd: dir });
      expect([0, 1], `${args.join(' ')}: ${run.stderr}`).toContain(run.code);
    }
    expect(read(dir, 'gap.csv')).toMatch(/^\ufeffstandard,standard_title,criterion,/);
    expect(JSON.parse(read(dir, 'gap.json')).summary.criteria).toBe(5);
    expect(read(dir, 'plan.md')).toMatch(/^# Improvement plan/);
    expect(readWithSheetJS(join(dir, 'plan.xlsx')).names.length).toBeGreaterThan(0);
    expect(read(dir, 'check.xml')).toMatch(/^<\?xml[^>]*>\s*<testsuites/);
    expect(JSON.parse(read(dir, 'check.json')).passed).toBe(false);
    expect(JSON.parse(read(dir, 'heat.json')).summary.agencies).toBe(1);
    expect(read(dir, 'gap.txt')).toContain('Gap analysis: Borsetshire County Council');
  });

  it('refuses a name that contradicts --format, or names a format the command does not write (exit 2, nothing written)', async () => {
    const dir = files();
    const cases: [string[], RegExp][] = [
      [['gap', 'audit.yaml', '--format', 'json', '-o', 'gap.csv'], /^audit: -o gap\.csv names a CSV file, but --format is json: leave out --format, or give -o a name to match it\n$/],
      [['plan', 'audit.yaml', '--format', 'markdown', '-o', 'plan.xlsx'], /^audit: -o plan\.xlsx names a workbook, but --format is markdown/],
      [['check', 'audit.yaml', '--format', 'junit', '-o', 'check.json'], /^audit: -o check\.json names a JSON file, but --format is junit/],
      [['gap', 'audit.yaml', '-o', 'gap.pdf'], /^audit: -o gap\.pdf names a PDF, which this command does not write \(it writes table, json, markdown, csv or xlsx\): end the name in \.json, \.md, \.csv or \.xlsx\n$/],
    ];
    for (const [args, message] of cases) {
      const run = await runAudit(args, { cwd: dir });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
    expect(listFiles(dir).filter((f) => /^(gap|plan|check)\./.test(f))).toEqual([]);
  });

  it('into a folder that does not exist is refused the same way by every command, naming the file asked for; no folder is made (exit 3)', async () => {
    const dir = files();
    const exported = await runAudit(['export', 'audit.yaml', '-o', 'return.xlsx'], { cwd: dir });
    expect(exported.code, exported.stderr).toBe(0);
    const runs: [string[], string][] = [
      [['gap', 'audit.yaml', '-o', 'nofolder/gap.md'], 'nofolder/gap.md'],
      [['plan', 'audit.yaml', '-o', 'nofolder/plan.csv'], 'nofolder/plan.csv'],
      [['check', 'audit.yaml', '--format', 'junit', '-o', 'nofolder/check.xml'], 'nofolder/check.xml'],
      [['report', 'audit.yaml', '-o', 'nofolder/report.pdf'], 'nofolder/report.pdf'],
      [['aggregate', 'audit.yaml', '-o', 'nofolder/partnership.docx'], 'nofolder/partnership.docx'],
      [['export', 'audit.yaml', '-o', 'nofolder/return.xlsx'], 'nofolder/return.xlsx'],
      [['new', '--framework', 'mini-framework.yaml', '--org', 'Borsetshire', '--period', '2026-27', '-o', 'nofolder/new.yaml'], 'nofolder/new.yaml'],
      [['new', '--from', 'audit.yaml', '--period', '2026-27', '-o', 'nofolder/next.yaml'], 'nofolder/next.yaml'],
      [['import', 'return.xlsx', '-o', 'nofolder/imported.yaml'], 'nofolder/imported.yaml'],
    ];
    for (const [args, shown] of runs) {
      const run = await runAudit(args, { cwd: dir });
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(3);
      const message = run.stderr.split('\n').find((line) => line.startsWith('audit: '));
      expect(message, args.join(' ')).toMatch(new RegExp(`^audit: \\S*${shown.replace(/[.]/g, '\\.')}: could not be written \\(its folder does not exist\\)`));
      expect(isCleanError(run.stderr), run.stderr).toBe(true);
    }
    expect(listFiles(dir).filter((f) => f.startsWith('nofolder'))).toEqual([]);
  });
});
