import { describe, expect, it } from 'vitest';
import { fixture, isCleanError, runAudit, workspace } from '../helpers/cli.js';

function withAudit(extra = ''): string {
  return workspace({
    'mini-framework.yaml': fixture('mini-framework.yaml'),
    'audit.yaml': fixture('mini-audit.yaml') + extra,
  });
}

describe('audit plan', () => {
  it('prints one row per gap, highest priority first, flagging overdue actions and gaps without one', async () => {
    const dir = withAudit();
    const result = await runAudit(['plan', 'audit.yaml', '--as-of', '2026-11-30'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    const l2 = lines.findIndex((l) => /^HIGH\s+L-2/.test(l));
    const w1 = lines.findIndex((l) => /^HIGH\s+W-1/.test(l));
    expect(l2).toBeGreaterThan(0);
    expect(w1).toBeGreaterThan(l2);
    expect(lines[l2]).toContain('overdue by 30 days');
    expect(lines[w1]).toContain('Needs an action');
  });

  it('does not call an action overdue before its due date', async () => {
    const dir = withAudit();
    const result = await runAudit(['plan', 'audit.yaml', '--as-of', '2026-10-31'], { cwd: dir });
    expect(result.stdout).not.toContain('overdue');
  });

  it('gives the JSON contract', async () => {
    const dir = withAudit();
    const result = await runAudit(['plan', 'audit.yaml', '--format', 'json', '--as-of', '2026-11-30'], { cwd: dir });
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan.asOf).toBe('2026-11-30');
    expect(plan.actions).toHaveLength(2);
    for (const row of plan.actions) {
      expect(Object.keys(row)).toEqual(
        expect.arrayContaining(['criterion', 'standard', 'priority', 'rating', 'target', 'gap', 'action', 'owner', 'due', 'status', 'overdue', 'needsAction']),
      );
    }
    expect(plan.actions[0]).toMatchObject({
      criterion: 'L-2', standard: 'LEAD', priority: 'high', rating: 2, target: 4, gap: 2,
      action: 'Bring the yearly report forward to October', owner: "Director of Children's Services",
      due: '2026-10-31', status: 'open', overdue: true, needsAction: false,
    });
    expect(plan.actions[1]).toMatchObject({ criterion: 'W-1', action: null, status: null, needsAction: true, overdue: false });
  });

  it('writes CSV and Markdown with every gap', async () => {
    const dir = withAudit();
    const csv = await runAudit(['plan', 'audit.yaml', '--format', 'csv', '--as-of', '2026-11-30'], { cwd: dir });
    expect(csv.stdout.startsWith('\ufeffpriority,standard,standard_title,criterion,')).toBe(true);
    const rows = csv.stdout.trim().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain('L-2');
    expect(rows[1]).toContain(',yes,30,no,');
    const md = await runAudit(['plan', 'audit.yaml', '--format', 'markdown', '--as-of', '2026-11-30'], { cwd: dir });
    expect(md.stdout).toContain('# Improvement plan: Borsetshire County Council, 2025-26');
    expect(md.stdout).toMatch(/\| \*\*High\*\* \| Workforce \| `W-1` .*\*\*_Needs an action_\*\*/);
  });

  it('shows a done action whose gap remains as awaiting re-rating', async () => {
    const text = fixture('mini-audit.yaml').replace('status: open', 'status: done');
    const ws = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': text });
    const result = await runAudit(['plan', 'audit.yaml', '--as-of', '2026-11-30'], { cwd: ws });
    expect(result.stdout).toContain('Done, gap remains: re-rate');
    expect(result.stdout).not.toContain('overdue by');
  });

  it('refuses an --as-of that is not a real date, with exit 2 and one clean line', async () => {
    const dir = withAudit();
    // 30/11/2026 is a date in the UK order, read as such; 11/30/2026 (the US order) is not.
    for (const [bad, what] of [['2026-02-30', 'not a real date (day, month, year)'], ['11/30/2026', 'not a real date (day, month, year)'], ['tomorrow', 'not a date']]) {
      const result = await runAudit(['plan', 'audit.yaml', '--as-of', bad!], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`--as-of "${bad}" is ${what}: write it as 31/03/2027 or 2027-03-31`);
      expect(isCleanError(result.stderr)).toBe(true);
    }
  });

  it('reports a bad audit file with its line and column, exit 2', async () => {
    const ws = workspace({
      'mini-framework.yaml': fixture('mini-framework.yaml'),
      'audit.yaml': fixture('mini-audit.yaml').replace('due: 2026-10-31', 'due: 2026-13-01'),
    });
    const result = await runAudit(['plan', 'audit.yaml'], { cwd: ws });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^audit: audit\.yaml:\d+:\d+: due date "2026-13-01" for L-2 is not a real date/);
  });
});
