/**
 * What a partnership business manager is told, as they type it: dates in the UK forms on every
 * date option, through the one reading the prompts and returns use; warnings for a date on the
 * unlikely side of today; messages that say what is true of a folder that takes no file; and a
 * return's faults quoting what its cells hold.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { read, runAudit } from '../helpers/cli.js';
import { kindsWorkspace } from '../helpers/kinds.js';
import { fillWorkbook } from '../helpers/xlsx.js';

interface AuditYaml {
  responses: Record<string, { action?: { due?: string }; moderated?: { date?: string } } | null>;
}

describe('dates as people write them', () => {
  it('every date option reads 31/03/2027, 31 March 2027 and 2027-03-31 alike, and refuses the US order saying how to write it', async () => {
    const dir = kindsWorkspace();
    const rated = await runAudit(['rate', 'audit.yaml', 'L-1', '--rating', '2', '--action', 'Train staff', '--due', '31/03/2099'], { cwd: dir });
    expect(rated.code, rated.stderr).toBe(0);
    expect((parse(read(dir, 'audit.yaml')) as AuditYaml).responses['L-1']!.action!.due).toBe('2099-03-31');

    const plan = await runAudit(['plan', 'audit.yaml', '--as-of', '1 April 2026', '--format', 'json'], { cwd: dir });
    expect(plan.code, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout).asOf).toBe('2026-04-01');

    const us = await runAudit(['rate', 'audit.yaml', 'L-1', '--due', '03/31/2027'], { cwd: dir });
    expect([us.code, us.stderr]).toEqual([2, 'audit: --due "03/31/2027" is not a real date (day, month, year): write it as 31/03/2027 or 2027-03-31\n']);
    const words = await runAudit(['export', 'audit.yaml', '--return-by', 'next Friday', '-o', 'r.xlsx'], { cwd: dir });
    expect([words.code, words.stderr]).toEqual([2, 'audit: --return-by "next Friday" is not a date: write it as 31/03/2027 or 2027-03-31\n']);
  });

  it('warns of a return due back, or an action due, before today, and a moderation dated after it; it does not refuse them', async () => {
    const dir = kindsWorkspace();
    const sent = await runAudit(['export', 'audit.yaml', '--return-by', '2020-01-31', '-o', 'r.xlsx'], { cwd: dir });
    expect(sent.code).toBe(0);
    expect(sent.stderr).toMatch(/^warning: --return-by 31\/01\/2020 is in the past \(today is \d\d\/\d\d\/\d{4}\): the return asks for it back by a day already gone/);
    expect(existsSync(join(dir, 'r.xlsx'))).toBe(true);

    const due = await runAudit(['rate', 'audit.yaml', 'L-1', '--rating', '2', '--action', 'Train staff', '--due', '31/01/2020'], { cwd: dir });
    expect(due.code).toBe(0);
    expect(due.stderr).toMatch(/^warning: --due 31\/01\/2020 is in the past .*: the action shows as overdue in the plan unless it is done/);

    const moderated = await runAudit(['moderate', 'audit.yaml', 'L-1', '--rating', '3', '--note', 'Seen', '--by', 'Panel', '--date', '01/01/2099'], { cwd: dir });
    expect(moderated.code).toBe(0);
    expect(moderated.stderr).toMatch(/^warning: --date 01\/01\/2099 is in the future/);
    expect((parse(read(dir, 'audit.yaml')) as AuditYaml).responses['L-1']!.moderated!.date).toBe('2099-01-01');
  });
});

describe('what is true of a folder that takes no file', () => {
  it.skipIf(!existsSync('/proc/self'))('a folder such as /proc that exists but takes no file is not called missing; init there stops rather than spinning', async () => {
    const dir = kindsWorkspace();
    const gap = await runAudit(['gap', 'audit.yaml', '-o', '/proc/gap.csv'], { cwd: dir });
    expect([gap.code, gap.stderr]).toEqual([3, 'audit: /proc/gap.csv: could not be written (its folder does not accept new files); any previous file there is unchanged\n']);
    const missing = await runAudit(['gap', 'audit.yaml', '-o', join(dir, 'no-such-folder/gap.csv')], { cwd: dir });
    expect(missing.stderr).toContain('could not be written (its folder does not exist)');
    const init = await runAudit(['init', '/proc/audit-repo/team'], { cwd: dir });
    expect([init.code, init.stderr]).toEqual([3, 'audit: /proc/audit-repo/team: could not be created (/proc does not accept new folders)\n']);
  });
});

describe("a return's faults quote what its cells hold", () => {
  it('a Due cell holding -5 is quoted as -5, and a rating of 3.5 is told the levels there are', async () => {
    const dir = kindsWorkspace();
    expect((await runAudit(['export', '--framework', './kinds-framework.yaml', '--org', 'Ambridge Scouts', '--period', '2025-26', '-o', 'scouts.xlsx'], { cwd: dir })).code).toBe(0);
    await fillWorkbook(join(dir, 'scouts.xlsx'), {
      cells: { 'Return!E2': 2, 'Return!G2': 'Train leaders', 'Return!I2': -5, 'Return!E3': '3.5', 'Return!E4': 1, 'Return!G4': 'Recruit', 'Return!I4': '31/12/2500' },
    });
    const result = await runAudit(['import', 'scouts.xlsx'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'audit: scouts.xlsx: Return!I2: the due date cell holds the number -5, which is no date (Excel shows it as ####): give one such as 31/03/2027',
      'audit: scouts.xlsx: Return!E3: rating "3.5" is not on the scale 1–4: a rating is one whole level, so choose from the list (1 – Not met, 2 – Partly met, 3 – Met, 4 – Evidenced, or Not applicable)',
      'audit: scouts.xlsx: Return!I4: due date "31/12/2500" is not a plausible date for an action (before 1900 or after 2199): give one such as 31/03/2027',
    ]);
  });
});
