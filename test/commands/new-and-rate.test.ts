import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixture, isCleanError, listFiles, read, runAudit, workspace } from '../helpers/cli.js';

describe('audit new', () => {
  it('writes an audit listing every criterion as a form, named after organisation, framework and period', async () => {
    const dir = workspace();
    const { code, stdout } = await runAudit(['new', '--framework', 'climbie-2003', '--org', 'Leicester City Council', '--period', '2003-04', '--assessor', 'Pat N'], { cwd: dir });
    expect(code).toBe(0);
    const file = 'leicester-city-council-climbie-2003-2003-04.yaml';
    expect(listFiles(dir)).toEqual([file]);
    expect(stdout).toContain(`Created ${file}`);
    const text = read(dir, file);
    const data = parse(text) as { framework: string; frameworkVersion: string; period: string; responses: Record<string, unknown> };
    expect(data).toMatchObject({ framework: 'climbie-2003', frameworkVersion: '2003', organisation: 'Leicester City Council', period: '2003-04', assessor: 'Pat N' });
    expect(Object.keys(data.responses).length).toBeGreaterThanOrEqual(55);
    expect(Object.values(data.responses).every((r) => r === null)).toBe(true);
    expect(text).toContain('# ── Standard 1: Referral ──');
    expect(text).toMatch(/ {2}# REF-1: [^\n]+\n( {2}# [^\n]+\n)* {2}REF-1:\n/);

    const gap = await runAudit(['gap', file, '--format', 'json'], { cwd: dir });
    expect(JSON.parse(gap.stdout).summary).toMatchObject({ rated: 0, rag: 'unrated' });
  });

  it('records a framework given by path relative to the new audit file', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml') });
    const { code } = await runAudit(['new', '--framework', './mini-framework.yaml', '--org', 'Org', '--period', '2025', '-o', 'audit.yaml'], { cwd: dir });
    expect(code).toBe(0);
    expect(read(dir, 'audit.yaml')).toContain('framework: ./mini-framework.yaml');
  });

  it('never overwrites an existing file without --force', async () => {
    const dir = workspace({ 'audit.yaml': 'precious\n' });
    const args = ['new', '--framework', 'section-11', '--org', 'Org', '--period', '2025', '-o', 'audit.yaml'];
    const refused = await runAudit(args, { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/audit\.yaml: already exists/);
    expect(read(dir, 'audit.yaml')).toBe('precious\n');
    expect((await runAudit([...args, '--force'], { cwd: dir })).code).toBe(0);
    expect(read(dir, 'audit.yaml')).toContain('framework: section-11');
  });

  it('refuses a target off the scale and missing options, with usage', async () => {
    const dir = workspace();
    const bad = await runAudit(['new', '--framework', 'climbie-2003', '--org', 'Org', '--period', '2025', '--target', '5'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--target 5 is not on the scale of climbie-2003 (1–4)');
    const missing = await runAudit(['new', '--framework', 'climbie-2003'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--period <period>' not specified");
    expect(missing.stderr).toContain('Usage: audit new');
    // --org may be left out only when carrying forward last period's audit (--from), which names it.
    const noOrg = await runAudit(['new', '--framework', 'climbie-2003', '--period', '2025'], { cwd: dir });
    expect(noOrg.code).toBe(2);
    expect(noOrg.stderr).toBe("audit: missing --org (or start from last period's audit with --from FILE)\n");
    expect(listFiles(dir)).toEqual([]);
  });
});

describe('audit rate', () => {
  it('records rating, multi-line evidence and an action, changing only those lines', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
    const before = read(dir, 'audit.yaml');
    const { code, stdout } = await runAudit(
      ['rate', 'audit.yaml', 'W-2', '--rating', '2', '--evidence', '-', '--action', 'Chase missing DBS checks', '--owner', 'HR lead', '--due', '2026-01-31'],
      { cwd: dir, input: 'Sampled 20 files:\n19 complete\n' },
    );
    expect(code).toBe(0);
    expect(stdout).toBe('W-2 rated 2 (Partly met): 1 below its target of 3, medium priority; action: Chase missing DBS checks (owner HR lead, due 2026-01-31)\n');
    expect(read(dir, 'audit.yaml')).toBe(
      before.replace(
        '  W-2:\n',
        '  W-2:\n    rating: 2\n    evidence: |-\n      Sampled 20 files:\n      19 complete\n    action:\n      text: Chase missing DBS checks\n      owner: HR lead\n      due: 2026-01-31\n',
      ),
    );
  });

  it('says when a rating meets its target, and updates an action’s status alone', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
    expect((await runAudit(['rate', 'audit.yaml', 'W-3', '--rating', '4'], { cwd: dir })).stdout).toBe('W-3 rated 4 (Evidenced): meets its target of 3\n');
    const status = await runAudit(['rate', 'audit.yaml', 'L-2', '--status', 'done'], { cwd: dir });
    expect(status.code).toBe(0);
    expect(read(dir, 'audit.yaml')).toContain('      status: done\n');
    expect(read(dir, 'audit.yaml')).toContain('rating: 2   # report late this year');
  });

  it.each([
    [['W-1', '--rating', '5'], '--rating 5 is not on the scale of mini (1–4)'],
    [['W-1', '--rating', 'three'], '--rating "three" is not a whole number on the scale of mini (1–4)'],
    [['W-1', '--rating', '2.5'], '--rating "2.5" is not a whole number'],
    [['W-9', '--rating', '2'], 'mini has no criterion "W-9"'],
    [['W-1', '--due', '2026-02-30', '--action', 'x'], '--due "2026-02-30" is not a real date (day, month, year): write it as 31/03/2027 or 2027-03-31'],
    [['W-1', '--owner', 'HR'], 'W-1 has no improvement action yet: give its text with --action'],
    [['W-1', '--action', 'x', '--status', 'pending'], '--status "pending" is not one of Open (or Not started, To do), In progress (or Ongoing, Underway), Done (or Complete, Completed, Closed)'],
    [['W-1'], 'nothing to record'],
  ])('refuses %j with exit 2 and leaves the file alone', async (args, message) => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
    const { code, stdout, stderr } = await runAudit(['rate', 'audit.yaml', ...args], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(isCleanError(stderr)).toBe(true);
    expect(read(dir, 'audit.yaml')).toBe(fixture('mini-audit.yaml'));
    expect(listFiles(dir)).toEqual(['audit.yaml', 'mini-framework.yaml']);
  });

  it('keeps a Windows (CRLF) file in CRLF', async () => {
    const crlf = fixture('mini-audit.yaml').replace(/\n/g, '\r\n');
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': crlf });
    expect((await runAudit(['rate', 'audit.yaml', 'W-3', '--rating', '3', '--evidence', 'Supervision audit, May'], { cwd: dir })).code).toBe(0);
    expect(read(dir, 'audit.yaml')).toBe(`${crlf}  W-3:\r\n    rating: 3\r\n    evidence: Supervision audit, May\r\n`);
  });
});
