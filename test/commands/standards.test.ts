import { describe, expect, it } from 'vitest';
import { fixture, isCleanError, runAudit, workspace } from '../helpers/cli.js';

const BUNDLED = ['ceo-briefing-2009', 'climbie-2003', 'kcsie-2025', 'nhs-saaf-2024', 'section-11', 'working-together-2013', 'working-together-2023'];

describe('audit standards list', () => {
  it('lists the bundled frameworks in a table', async () => {
    const { code, stdout, stderr } = await runAudit(['standards', 'list']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const id of BUNDLED) expect(stdout).toContain(id);
    expect(stdout).toMatch(/climbie-2003\s+2003\s+7\s+\d+\s+1–4, target 3/);
  });

  it('gives scripts JSON with --json and --format json', async () => {
    for (const args of [['--json'], ['--format', 'json']]) {
      const { code, stdout } = await runAudit(['standards', 'list', ...args]);
      expect(code).toBe(0);
      const list = JSON.parse(stdout) as { id: string; standards: number; criteria: number; bundled: boolean }[];
      expect(list.map((f) => f.id)).toEqual(BUNDLED);
      const climbie = list.find((f) => f.id === 'climbie-2003')!;
      expect(climbie.standards).toBe(7);
      expect(climbie.criteria).toBeGreaterThanOrEqual(55);
      expect(list.every((f) => f.bundled)).toBe(true);
    }
  });

  it('adds a council’s own frameworks from AUDIT_STANDARDS_PATH', async () => {
    const dir = workspace({ 'mini.yaml': fixture('mini-framework.yaml') });
    const { code, stdout } = await runAudit(['standards', 'list', '--json'], { env: { AUDIT_STANDARDS_PATH: dir } });
    expect(code).toBe(0);
    const mini = (JSON.parse(stdout) as { id: string; bundled: boolean }[]).find((f) => f.id === 'mini');
    expect(mini).toMatchObject({ id: 'mini', bundled: false });
  });
});

describe('audit standards show', () => {
  it('shows the scale, every standard and its criteria with guidance', async () => {
    const { code, stdout } = await runAudit(['standards', 'show', 'climbie-2003']);
    expect(code).toBe(0);
    expect(stdout).toContain('Rating scale:');
    expect(stdout).toMatch(/4 {2}.*monitoring/i);
    for (const heading of ['Referral', 'Assessment', 'Allocation, service provision and closure', 'Guidance', 'Training and development']) {
      expect(stdout).toContain(heading);
    }
    expect(stdout).toContain('REF-1');
    expect(stdout).toContain('Guidance:');
  });

  it('renders Markdown and JSON', async () => {
    const md = await runAudit(['standards', 'show', 'section-11', '--format', 'markdown']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Section 11/);
    expect(md.stdout).toContain('## Rating scale');
    const json = await runAudit(['standards', 'show', 'working-together-2023', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ id: 'working-together-2023', target: 4 });
  });

  it('refuses an unknown framework, listing those available', async () => {
    const { code, stdout, stderr } = await runAudit(['standards', 'show', 'climbie']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/unknown framework "climbie"; available: ceo-briefing-2009, climbie-2003/);
    expect(isCleanError(stderr)).toBe(true);
  });
});

describe('audit standards validate', () => {
  it('passes every bundled framework', async () => {
    const { code, stdout } = await runAudit(['standards', 'validate', ...BUNDLED.map((id) => `standards/${id}.yaml`)]);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(BUNDLED.length);
  });

  it('lists every fault with its line and column, and exits 2', async () => {
    const broken = fixture('mini-framework.yaml')
      .replace('id: mini', 'id: Mini Framework')
      .replace('target: 3\nroles', 'target: 7\nroles')
      .replace('id: W-3', 'id: W-1')
      .replace('text: Staff are supervised.', 'text: Staff are supervised.\n        weight: 2');
    const dir = workspace({ 'broken.yaml': broken, 'ok.yaml': fixture('mini-framework.yaml') });
    const { code, stdout, stderr } = await runAudit(['standards', 'validate', 'ok.yaml', 'broken.yaml'], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toContain('ok.yaml: valid (mini, 2 standards, 5 criteria)');
    expect(stderr).toContain('broken.yaml:2:5: "id" "Mini Framework" is not valid: it must use only lower-case letters, digits and hyphens');
    expect(stderr).toMatch(/broken\.yaml:\d+:\d+: unknown key "weight" \(expected one of: id, text, guidance/);
    expect(stderr).toContain('1 of 2 file(s) invalid');
    expect(isCleanError(stderr)).toBe(true);
  });

  it('checks the rules a schema cannot: unique ids, targets on the scale', async () => {
    const broken = fixture('mini-framework.yaml').replace('target: 3\nroles', 'target: 7\nroles').replace('id: W-3', 'id: W-1');
    const dir = workspace({ 'rules.yaml': broken });
    const { code, stderr } = await runAudit(['standards', 'validate', 'rules.yaml'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain('rules.yaml:20:9: target 7 is not on the scale (1–4)');
    expect(stderr).toMatch(/rules\.yaml:\d+:\d+: criterion id "W-1" is used twice \(also in standard WORK\)/);
  });
});
