/**
 * Trial H (a partnership's cycle over several years): what an agency wrote survives carry-forward,
 * and what is compared across the years is like for like.
 */
import { describe, expect, it } from 'vitest';
import { read, runAudit, workspace } from '../helpers/cli.js';

async function ok(args: string[], cwd: string): Promise<string> {
  const result = await runAudit(args, { cwd });
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

describe('carry-forward keeps what the agency wrote (trial H #1, #2)', () => {
  it('keeps a not-applicable reason the panel challenged, on the same edition and across a crosswalk', async () => {
    const dir = workspace();
    for (const framework of ['section-11', 'section-11@2007-2018']) {
      await ok(['new', '--framework', framework, '--org', 'Borsetshire Police', '--period', '2025-26', '-o', 'a.yaml', '--force'], dir);
      await ok(['rate', 'a.yaml', 'RES-2', '--not-applicable', 'Our staff have no contact with children'], dir);
      await ok(['moderate', 'a.yaml', 'RES-2', '--applicable', '--rating', '2', '--note', 'Front counter staff do', '--by', 'Panel'], dir);
      const stdout = await ok(['new', '--from', 'a.yaml', '--period', '2026-27', '-o', 'b.yaml', '--force'], dir);
      expect(stdout).toContain('Not applicable last period, but the panel held it applies: RES-2');
      const next = read(dir, 'b.yaml');
      expect(next).toContain('[not applicable in 2025-26 (Our staff have no contact with children); the partnership panel held that it applies: rate it]');
      // The panel's note is the panel's: it does not become the agency's evidence.
      expect(next).not.toContain('Front counter staff do');
      const gap = JSON.parse((await runAudit(['gap', 'b.yaml', '--format', 'json'], { cwd: dir })).stdout);
      expect(JSON.stringify(gap)).not.toContain('"notApplicable":"Our staff');
    }
  });

  it('names the local x- fields it does not carry', async () => {
    const dir = workspace();
    await ok(['new', '--framework', 'section-11', '--org', 'Felpersham Academy', '--period', '2025-26', '-o', 'a.yaml'], dir);
    await ok(['rate', 'a.yaml', 'COM-1', '--rating', '3', '--evidence', 'Governors minutes'], dir);
    const { writeFileSync } = await import('node:fs');
    const text = read(dir, 'a.yaml')
      .replace(/^organisation:/m, 'x-local-ref: LSCB/2025/17\norganisation:')
      .replace(/^    evidence: Governors minutes$/m, '    evidence: Governors minutes\n    x-comment: see the head teacher');
    writeFileSync(`${dir}/a.yaml`, text);
    const stdout = await ok(['new', '--from', 'a.yaml', '--period', '2026-27', '-o', 'b.yaml'], dir);
    expect(stdout).toContain('Not carried (local fields, kept only in a.yaml): x-local-ref, x-comment of COM-1.');
  });
});
