import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, read, runAudit, workspace } from '../helpers/cli.js';

const files = () => ({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
const SIGN = ['sign', 'audit.yaml', '--by', 'Jane Smith', '--role', "Director of Children's Services"];

describe('audit sign and audit verify', () => {
  it('records who signed off, when, and the content digest, and verifies it unchanged', async () => {
    const dir = workspace(files());
    const signed = await runAudit(SIGN, { cwd: dir });
    expect(signed.code).toBe(0);
    expect(signed.stdout).toMatch(/^Signed off audit\.yaml: Jane Smith \(Director of Children's Services\), \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ; content SHA-256 [0-9a-f]{64}\n/);
    expect(signed.stdout).toContain('Note: 2 of 5 criteria are not assessed.');
    const text = read(dir, 'audit.yaml');
    expect(text).toMatch(
      /assessor: Jo Bloggs\nsignoff:\n  by: Jane Smith\n  role: Director of Children's Services\n  date: "[^"]+Z"\n  sha256: [0-9a-f]{64}\n  content: [0-9a-f]{64}\n  framework:\n    id: mini\n    version: "1"\n/,
    );
    expect(text).toMatch(/\n    targets:\n      L-2: 4\n    criteria:\n      L-1: [0-9a-f]{12}\n(?: {6}[LW]-\d: [0-9a-f]{12}\n){4}  parts:\n    header:\n(?: {6}[a-z]+: [0-9a-f]{12}\n)+    answers:\n(?: {6}[LW]-\d: [0-9a-f]{12}\n)+    moderation:(?: \{\}\n|\n(?: {6}[LW]-\d: [0-9a-f]{12}\n)+)responses:\n/);
    // Nothing else in the file moved.
    expect(text.replace(/signoff:\n(?: {2}.*\n)+/, '')).toBe(fixture('mini-audit.yaml'));

    const verified = await runAudit(['verify', 'audit.yaml'], { cwd: dir });
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^UNCHANGED {2}audit\.yaml: as signed off by Jane Smith \(Director of Children's Services\) on /);
  });

  it('--allow-unsigned passes an audit not yet signed off, and still fails one changed since its sign-off', async () => {
    const dir = workspace(files());
    const unsigned = await runAudit(['verify', 'audit.yaml', '--allow-unsigned'], { cwd: dir });
    expect(unsigned.code).toBe(0);
    expect(unsigned.stdout).toBe('NOT SIGNED OFF  audit.yaml: not yet signed off, so there is nothing to verify\n');
    expect((await runAudit(['verify', 'audit.yaml'], { cwd: dir })).code).toBe(1);
    await runAudit(SIGN, { cwd: dir });
    writeFileSync(join(dir, 'audit.yaml'), read(dir, 'audit.yaml').replace('    rating: 1\n', '    rating: 2\n'));
    const changed = await runAudit(['verify', 'audit.yaml', '--allow-unsigned'], { cwd: dir });
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/^CHANGED {2}audit\.yaml/);
  });

  it('does not count comments, quoting or layout as change', async () => {
    const dir = workspace(files());
    await runAudit(SIGN, { cwd: dir });
    const text = read(dir, 'audit.yaml')
      .replace('# Leadership', '# Leadership (reviewed)')
      .replace('assessor: Jo Bloggs', 'assessor: "Jo Bloggs"')
      .replace('    evidence: Report went to Cabinet in March.', '    evidence: >-\n      Report went to Cabinet\n      in March.');
    writeFileSync(join(dir, 'audit.yaml'), text);
    expect((await runAudit(['verify', 'audit.yaml'], { cwd: dir })).code).toBe(0);
  });

  it('reports a change to a rating, evidence or action as changed, exit status 1', async () => {
    for (const [from, to] of [
      ['    rating: 1\n', '    rating: 2\n'],
      ['Confirmed at Cabinet.', 'Confirmed at Cabinet, 2025.'],
      ['status: open', 'status: done'],
    ]) {
      const dir = workspace(files());
      await runAudit(SIGN, { cwd: dir });
      writeFileSync(join(dir, 'audit.yaml'), read(dir, 'audit.yaml').replace(from!, to!));
      const { code, stdout } = await runAudit(['verify', 'audit.yaml'], { cwd: dir });
      expect(code, to).toBe(1);
      // The criterion is named (trial H #4).
      expect(stdout).toMatch(/^CHANGED {2}audit\.yaml: changed since it was signed off by Jane Smith .*:\n  - the organisation's answers changed \(rating, evidence, action or not-applicable\): [LW]-\d\n/);
      expect(stdout).toContain('then sign it off again: audit sign audit.yaml --by NAME --role ROLE --force');
    }
  });

  it('reports an audit never signed off as a failed check, exit status 1, and gives JSON', async () => {
    const dir = workspace(files());
    const text = await runAudit(['verify', 'audit.yaml'], { cwd: dir });
    expect(text.code).toBe(1);
    expect(text.stdout).toBe('NOT SIGNED OFF  audit.yaml: sign it off with: audit sign audit.yaml --by NAME --role ROLE\n');
    const json = await runAudit(['verify', 'audit.yaml', '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ file: 'audit.yaml', status: 'unsigned', signoff: null, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('will not replace a sign-off without --force', async () => {
    const dir = workspace(files());
    await runAudit(SIGN, { cwd: dir });
    const before = read(dir, 'audit.yaml');
    const again = await runAudit(['sign', 'audit.yaml', '--by', 'Someone Else', '--role', 'Chief Executive'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^audit: audit\.yaml: already signed off by Jane Smith \(Director of Children's Services\) on .*; pass --force to replace that sign-off\n$/);
    expect(read(dir, 'audit.yaml')).toBe(before);
    const forced = await runAudit(['sign', 'audit.yaml', '--by', 'Someone Else', '--role', 'Chief Executive', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('It replaces the sign-off by Jane Smith');
    expect(read(dir, 'audit.yaml').match(/^signoff:/gm)).toHaveLength(1);
    expect((await runAudit(['verify', 'audit.yaml'], { cwd: dir })).code).toBe(0);
  });

  it('refuses a missing --role or an invalid audit with exit status 2', async () => {
    const dir = workspace({ ...files(), 'bad.yaml': fixture('mini-audit.yaml').replace('period: 2025-26', 'period:') });
    expect((await runAudit(['sign', 'audit.yaml', '--by', 'X'], { cwd: dir })).code).toBe(2);
    const bad = await runAudit(['verify', 'bad.yaml'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^audit: bad\.yaml:4:\d+: /);
  });
});
