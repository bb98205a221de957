/**
 * Huge and degenerate text within the limits a file may have: a mapping of 100,000 keys, one
 * unbroken word of 60,000 characters. Each costs time in proportion to its size, never its
 * square: these runs took minutes, or ran out of memory, when a step was quadratic. (The
 * figures themselves are for `npm run bench`; the timeouts here only catch a return to
 * quadratic time, by a wide margin.)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, read, runAudit, workspace } from '../helpers/cli.js';

describe('degenerate files', () => {
  it('edits an audit holding a mapping of 100,000 keys', async () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `  k${i}: v\n`).join('');
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml').replace('responses:\n', `x-keys:\n${keys}responses:\n`) });
    const { code, stderr } = await runAudit(['rate', 'audit.yaml', 'W-3', '--rating', '2'], { cwd: dir });
    expect(code, stderr).toBe(0);
    expect(read(dir, 'audit.yaml')).toContain('  W-3:\n    rating: 2\n');
  }, 60_000);

  it('reports, plans and shows an audit whose evidence and action are one word of 60,000 characters', async () => {
    const word = 'https://example.org/'.padEnd(60_000, 'a1b2c3d4');
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
    writeFileSync(
      join(dir, 'audit.yaml'),
      fixture('mini-audit.yaml').replace('  W-1:\n    rating: 1\n', `  W-1:\n    rating: 1\n    evidence: ${word}\n    action:\n      text: ${word}\n      owner: ${word.slice(0, 200)}\n`),
    );
    const report = await runAudit(['report', 'audit.yaml', '-o', 'report.pdf'], { cwd: dir });
    expect(report.code, report.stderr).toBe(0);
    const plan = await runAudit(['plan', 'audit.yaml'], { cwd: dir, env: { COLUMNS: '80' } });
    expect(plan.code, plan.stderr).toBe(0);
    for (const line of plan.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  }, 60_000);
});
