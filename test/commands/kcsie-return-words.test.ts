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
