/**
 * Parallel runs never lose an update reported as saved: many writers of one audit at once, each
 * one's change in the file or honestly refused (exit 3); a session's lock honoured by every edit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runAudit, workspace, type RunResult } from '../helpers/cli.js';

const CRITERIA = 20;

/** A framework of CRITERIA criteria, C-1 … C-20, and an empty audit of it. */
function audit(): string {
  const criteria = Array.from({ length: CRITERIA }, (_, i) => `      - { id: C-${i + 1}, text: Criterion ${i + 1}. }\n`).join('');
  const framework = fixture('mini-framework.yaml').replace(/standards:\n[\s\S]*$/, `standards:\n  - id: ALL\n    title: All\n    criteria:\n${criteria}`);
  return workspace({
    'framework.yaml': framework,
    'audit.yaml': 'framework: ./framework.yaml\norganisation: Borsetshire Police\nperiod: "2025-26"\nresponses:\n',
  });
}

/** Each run saved its change, or was refused with exit 3 and said why; most were saved. */
function expectSavedOrRefused(results: RunResult[], saved: (i: number) => boolean): void {
  results.forEach((r, i) => {
    if (r.code === 0) expect(saved(i), `run ${i} said it saved, but its change is not in the file`).toBe(true);
    else {
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(/is being changed by another audit command.*Nothing was written/);
    }
  });
  expect(results.filter((r) => r.code === 0).length).toBeGreaterThan(results.length / 2);
}

describe('parallel writers of one audit', () => {
  it('rate: twenty at once, on twenty criteria', async () => {
    const dir = audit();
    const results = await Promise.all(Array.from({ length: CRITERIA }, (_, i) => runAudit(['rate', 'audit.yaml', `C-${i + 1}`, '--rating', String((i % 4) + 1)], { cwd: dir })));
    const text = readFileSync(join(dir, 'audit.yaml'), 'utf8');
    expectSavedOrRefused(results, (i) => text.includes(`  C-${i + 1}:\n    rating: ${(i % 4) + 1}\n`));
    expect((await runAudit(['gap', 'audit.yaml'], { cwd: dir })).code).toBe(0);
  });

  it('moderate and sign --force: ten of each at once', async () => {
    const dir = audit();
    const moderations = Array.from({ length: 10 }, (_, i) => runAudit(['moderate', 'audit.yaml', `C-${i + 1}`, '--rating', '2', '--note', `note ${i}`, '--by', 'Panel'], { cwd: dir }));
    const moderated = await Promise.all(moderations);
    const text = readFileSync(join(dir, 'audit.yaml'), 'utf8');
    expectSavedOrRefused(moderated, (i) => text.includes(`note: note ${i}\n`));

    const signers = await Promise.all(Array.from({ length: 10 }, (_, i) => runAudit(['sign', 'audit.yaml', '--by', `Signer ${i}`, '--role', 'DCS', '--force'], { cwd: dir })));
    const signed = readFileSync(join(dir, 'audit.yaml'), 'utf8');
    expect(signed.match(/^signoff:/gm)).toHaveLength(1);
    const last = /^ {2}by: (Signer \d+)$/m.exec(signed)![1];
    expect(signers[Number(last!.split(' ')[1])]!.code).toBe(0);
    expectSavedOrRefused(signers, () => true);
    expect((await runAudit(['verify', 'audit.yaml'], { cwd: dir })).code).toBe(0);
  });
});

describe('the lock of a session', () => {
  /** A lock as `audit resume` leaves it, held by a process that runs (this one). */
  const holdAsSession = (dir: string, purpose: 'session' | 'edit') =>
    writeFileSync(
      join(dir, 'audit.yaml.lock'),
      JSON.stringify({ pid: process.pid, host: hostname(), user: 'sam', since: new Date().toISOString(), token: 'held', purpose }),
    );

  it('is honoured by every edit and by new --force, at once and with exit 3', async () => {
    const dir = audit();
    holdAsSession(dir, 'session');
    const before = readFileSync(join(dir, 'audit.yaml'), 'utf8');
    for (const args of [
      ['rate', 'audit.yaml', 'C-1', '--rating', '3'],
      ['moderate', 'audit.yaml', 'C-1', '--rating', '3', '--note', 'n', '--by', 'Panel'],
      ['sign', 'audit.yaml', '--by', 'A', '--role', 'B'],
      ['new', '--framework', './framework.yaml', '--org', 'Other', '--period', '2026-27', '-o', 'audit.yaml', '--force'],
    ]) {
      const { code, stderr } = await runAudit(args, { cwd: dir, env: { AUDIT_LOCK_TIMEOUT: '60' } });
      expect(code, args[0]).toBe(3);
      expect(stderr, args[0]).toMatch(/audit\.yaml is in use by another audit session: held by sam \(pid \d+ on .+\) since .*Finish or stop that session first/);
    }
    expect(readFileSync(join(dir, 'audit.yaml'), 'utf8')).toBe(before);
  });

  it("is waited for while another command's edit holds it, then refused", async () => {
    const dir = audit();
    holdAsSession(dir, 'edit');
    const { code, stderr } = await runAudit(['rate', 'audit.yaml', 'C-1', '--rating', '3'], { cwd: dir, env: { AUDIT_LOCK_TIMEOUT: '0.3' } });
    expect(code).toBe(3);
    expect(stderr).toMatch(/audit\.yaml is being changed by another audit command: held by sam .*Nothing was written; try again in a moment\./);
  });
});
