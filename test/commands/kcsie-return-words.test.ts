/**
 * A school's return against kcsie-2025, filled in as schools write a RAG: the colour alone, in
 * any case, or the number with it. All read; only a colour given to another level is refused,
 * saying which level it belongs to.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { read, runAudit, workspace } from '../helpers/cli.js';
import { fillWorkbook } from '../helpers/xlsx.js';

describe('a kcsie-2025 return rated in RAG words', () => {
  it('reads Green, amber, RED, "3 – Green" and "2 Amber" as the levels they name', async () => {
    const dir = workspace();
    const exported = await runAudit(['export', '--framework', 'kcsie-2025', '--org', 'Borsetshire Academy', '--period', '2025-26', '-o', 'school.xlsx'], { cwd: dir });
    expect(exported.code, exported.stderr).toBe(0);
    const words = ['Green', 'amber', 'RED', '3 – Green', '2 Amber'];
    await fillWorkbook(join(dir, 'school.xlsx'), {
      cells: Object.fromEntries(words.flatMap((word, i) => [[`Return!E${i + 2}`, word], [`Return!G${i + 2}`, 'An action'], [`Return!H${i + 2}`, 'Head']])),
    });
    const run = await runAudit(['import', 'school.xlsx', '-o', 'school.yaml'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const responses = Object.values(parse(read(dir, 'school.yaml')).responses) as ({ rating?: number } | null)[];
    expect(responses.slice(0, 5).map((r) => r?.rating)).toEqual([3, 2, 1, 3, 2]);

    await fillWorkbook(join(dir, 'school.xlsx'), { cells: { 'Return!E2': '3 – Red' } }, join(dir, 'wrong.xlsx'));
    const wrong = await runAudit(['import', 'wrong.xlsx', '-o', 'wrong.yaml'], { cwd: dir });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Return!E2: rating "3 – Red" gives level 3 the label of level 1 (1 – Red (not in place)): level 3 is 3 – Green (fully in place)');
  });
});

describe('the short words DSLs type (trial C, finding 9)', () => {
  it('reads G, a, R as the RAG levels, and Complete, Closed, Ongoing, Not started, To do as statuses; rate --status takes the same words', async () => {
    const dir = workspace();
    const exported = await runAudit(['export', '--framework', 'kcsie-2025', '--org', 'Borsetshire Academy', '--period', '2025-26', '-o', 'school.xlsx'], { cwd: dir });
    expect(exported.code, exported.stderr).toBe(0);
    const typed: [rating: string, status: string][] = [['G', 'Complete'], [' a ', 'Completed'], ['r', 'CLOSED'], ['g', 'Ongoing'], ['A', 'under way'], ['R', 'Not started'], ['G', 'To-do']];
    await fillWorkbook(join(dir, 'school.xlsx'), {
      cells: Object.fromEntries(
        typed.flatMap(([rating, status], i) => [[`Return!E${i + 2}`, rating], [`Return!G${i + 2}`, 'An action'], [`Return!J${i + 2}`, status]]),
      ),
    });
    const run = await runAudit(['import', 'school.xlsx', '-o', 'school.yaml'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const responses = Object.values(parse(read(dir, 'school.yaml')).responses) as ({ rating?: number; action?: { status?: string } } | null)[];
    expect(responses.slice(0, 7).map((r) => r?.rating)).toEqual([3, 2, 1, 3, 2, 1, 3]);
    expect(responses.slice(0, 7).map((r) => r?.action?.status)).toEqual(['done', 'done', 'done', 'in-progress', 'in-progress', 'open', 'open']);

    await fillWorkbook(join(dir, 'school.xlsx'), { cells: { 'Return!E2': 'Y', 'Return!J2': 'Pending' } }, join(dir, 'wrong.xlsx'));
    const wrong = await runAudit(['import', 'wrong.xlsx', '-o', 'wrong.yaml'], { cwd: dir });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Return!E2: rating "Y" is not on the scale 1–3: choose from the list (1 – Red (not in place), 2 – Amber (partly in place), 3 – Green (fully in place), or Not applicable; R, A, G for short)');
    expect(wrong.stderr).toContain('Return!J2: status "Pending" is not one of Open (or Not started, To do), In progress (or Ongoing, Underway), Done (or Complete, Completed, Closed)');

    const rated = await runAudit(['rate', 'school.yaml', Object.keys(parse(read(dir, 'school.yaml')).responses)[0]!, '--status', 'Completed'], { cwd: dir });
    expect(rated.code, rated.stderr).toBe(0);
    expect((Object.values(parse(read(dir, 'school.yaml')).responses)[0] as { action: { status: string } }).action.status).toBe('done');
  });
});
