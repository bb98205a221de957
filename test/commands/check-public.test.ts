/**
 * `audit check --public` leaves out every reason a criterion does not apply, in every format, as
 * `report --public` does: a reason is free text, like evidence, and may name a child. That the
 * criterion does not apply is still said.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture, runAudit, workspace } from '../helpers/cli.js';

const REASON = "Child C's mother asked us to stop";

describe('check --public', () => {
  it('says which criteria do not apply, never why, in text, json, junit and markdown, to standard output and to -o', async () => {
    const audit = fixture('mini-audit.yaml').replace(/  W-2:\n?$/, `  W-2:\n  W-3:\n    notApplicable: ${REASON}\n`);
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': audit });
    const full = await runAudit(['check', 'audit.yaml'], { cwd: dir });
    expect(full.stdout).toContain(REASON);

    for (const format of ['text', 'json', 'junit', 'markdown']) {
      const run = await runAudit(['check', 'audit.yaml', '--public', '--format', format], { cwd: dir });
      expect(run.code, `${format}: ${run.stderr}`).toBe(1);
      expect(run.stdout + run.stderr, format).not.toContain('mother');
      expect(run.stdout, format).toMatch(/W-3/);
      const written = await runAudit(['check', 'audit.yaml', '--public', '--format', format, '-o', `out.${format}`], { cwd: dir });
      expect(readFileSync(join(dir, `out.${format}`), 'utf8') + written.stdout, format).not.toContain('mother');
    }
    expect((await runAudit(['check', 'audit.yaml', '--public'], { cwd: dir })).stdout).toMatch(/Not applicable \(1\): W-3\n/);
    const json = JSON.parse((await runAudit(['check', 'audit.yaml', '--public', '--format', 'json'], { cwd: dir })).stdout);
    expect(json.criteria.find((c: { criterion: string }) => c.criterion === 'W-3')).toMatchObject({ outcome: 'not-applicable', notApplicable: null });
    const junit = (await runAudit(['check', 'audit.yaml', '--public', '--format', 'junit'], { cwd: dir })).stdout;
    expect(junit).toMatch(/<skipped message="not applicable"/);
  });
});
