import { describe, expect, it } from 'vitest';
import { fixture, isCleanError, runAudit, workspace } from '../helpers/cli.js';

const LAST = fixture('mini-audit.yaml').replace('period: 2025-26', 'period: 2024-25');
const THIS = fixture('mini-audit.yaml')
  .replace('rating: 2   # report late this year', 'rating: 4')
  .replace('      status: open', '      status: done')
  .replace('  W-1:\n    rating: 1\n', '  W-1:\n    rating: 1\n    action:\n      text: Train every new starter\n')
  .replace(/  W-2:\n$/, '  W-2:\n    rating: 3\n');

/** Edition 2 of the mini framework: W-3 removed, W-4 added. */
const FRAMEWORK_V2 = fixture('mini-framework.yaml')
  .replace('version: "1"', 'version: "2"')
  .replace('      - id: W-3\n        text: Staff are supervised.\n', '      - id: W-4\n        text: Staff know how to escalate concerns.\n');

describe('audit compare', () => {
  it('shows the direction of travel between two periods', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'last.yaml': LAST, 'this.yaml': THIS });
    const { code, stdout, stderr } = await runAudit(['compare', 'last.yaml', 'this.yaml'], { cwd: dir });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('Direction of travel: Borsetshire County Council, 2024-25 → 2025-26');
    // The whole moved like for like on L-1, L-2 and W-1; W-2 is newly rated, W-3 not assessed now.
    expect(stdout).toContain('Overall: mean 2.00 → 2.75 (+0.67 on the 3 criteria rated in both), RED → RED');
    expect(stdout).toContain('Criteria: 1 improved, 0 declined, 2 unchanged, 1 newly rated, 1 not assessed now');
    expect(stdout).toMatch(/1 Leadership\s+2\.50\s+3\.50\s+▲ improved \+1\.00\s+RED → GREEN/);
    expect(stdout).toMatch(/L-2\s+2\s+4\s+▲ improved \+2/);
    expect(stdout).toContain('Actions: 1 closed, 1 opened, 0 still open, 0 dropped');
    expect(stdout).toContain("L-2  Bring the yearly report forward to October (done) · Director of Children's Services · due 2026-10-31");
    expect(stdout).toContain('W-1  Train every new starter');
  });

  it('gives JSON with criteria and standards before and after', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'last.yaml': LAST, 'this.yaml': THIS });
    const { code, stdout } = await runAudit(['compare', 'last.yaml', 'this.yaml', '--format', 'json'], { cwd: dir });
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.criteria.map((c: Record<string, unknown>) => [c.criterion, c.standard, c.before, c.after, c.change])).toEqual([
      ['L-1', 'LEAD', 3, 3, 'unchanged'],
      ['L-2', 'LEAD', 2, 4, 'improved'],
      ['W-1', 'WORK', 1, 1, 'unchanged'],
      ['W-2', 'WORK', null, 3, 'new'],
      ['W-3', 'WORK', null, null, 'not-assessed'],
    ]);
    expect(json.standards.map((s: Record<string, unknown>) => [s.id, s.before, s.after, s.change])).toEqual([
      ['LEAD', 2.5, 3.5, 'improved'],
      // W-1 is unchanged; W-2, newly rated, raises the mean but moves nothing.
      ['WORK', 1, 2, 'unchanged'],
    ]);
    expect(json.actions.closed).toEqual([
      { criterion: 'L-2', text: 'Bring the yearly report forward to October', owner: "Director of Children's Services", due: '2026-10-31', status: 'done', how: 'done' },
    ]);
    expect(json.edition).toBeNull();
  });

  it('names the criteria added and removed when the editions differ', async () => {
    const dir = workspace({
      'mini-framework.yaml': fixture('mini-framework.yaml'),
      'mini-framework-v2.yaml': FRAMEWORK_V2,
      'last.yaml': LAST.replace('period: 2024-25', 'frameworkVersion: "1"\nperiod: 2024-25'),
      'this.yaml': THIS.replace('./mini-framework.yaml', './mini-framework-v2.yaml').replace(/  W-2:\n    rating: 3\n$/, '  W-4:\n    rating: 2\n'),
    });
    const table = await runAudit(['compare', 'last.yaml', 'this.yaml'], { cwd: dir });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Framework changed: mini edition 1 → 2: 1 criterion added (W-4), 1 removed (W-3)');
    const json = JSON.parse((await runAudit(['compare', 'last.yaml', 'this.yaml', '--format', 'json'], { cwd: dir })).stdout);
    expect(json.edition).toEqual({ id: 'mini', before: '1', after: '2', added: ['W-4'], removed: ['W-3'], inferred: false });
    expect(json.criteria.find((c: { criterion: string }) => c.criterion === 'W-4')).toMatchObject({ before: null, after: 2, change: 'new' });
  });

  it('reads last period’s audit made against an edition no longer available', async () => {
    // The audit says edition 0 and answers X-9, which edition 1 (the file it names now) lacks.
    const old = LAST.replace('period: 2024-25', 'frameworkVersion: "0"\nperiod: 2024-25').replace('  W-2:\n', '  X-9:\n    rating: 2\n  W-2:\n');
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'last.yaml': old, 'this.yaml': THIS });
    const json = JSON.parse((await runAudit(['compare', 'last.yaml', 'this.yaml', '--format', 'json'], { cwd: dir })).stdout);
    expect(json.edition).toMatchObject({ before: '0', after: '1', removed: ['X-9'], inferred: true });
  });

  it('writes Markdown for a board paper', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'last.yaml': LAST, 'this.yaml': THIS });
    const { stdout } = await runAudit(['compare', 'last.yaml', 'this.yaml', '--format', 'markdown'], { cwd: dir });
    expect(stdout).toContain('# Direction of travel: Borsetshire County Council, 2024-25 to 2025-26');
    expect(stdout).toContain('| 1. Leadership | 2.50 | 3.50 | ▲ Improved (+1.00) | 🔴 Red → 🟢 Green |');
  });

  it('refuses audits of different frameworks, naming both files, with exit status 2', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'last.yaml': LAST });
    expect((await runAudit(['new', '--framework', 'section-11', '--org', 'Police', '--period', '2025-26', '-o', 'other.yaml'], { cwd: dir })).code).toBe(0);
    const { code, stdout, stderr } = await runAudit(['compare', 'last.yaml', 'other.yaml'], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^audit: cannot compare audits of different frameworks: last\.yaml is an audit of mini, other\.yaml of section-11, and no crosswalk joins mini@1 and section-11@[^ ]+ \(looked in the bundled library; keep your own in a crosswalks folder inside a directory of AUDIT_STANDARDS_PATH\)\n$/);
    expect(isCleanError(stderr)).toBe(true);
  });

  it('warns when the organisations differ', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'last.yaml': LAST, 'this.yaml': THIS.replace('Borsetshire County Council', 'Borsetshire Police') });
    const { code, stderr } = await runAudit(['compare', 'last.yaml', 'this.yaml'], { cwd: dir });
    expect(code).toBe(0);
    expect(stderr).toContain('warning: comparing different organisations');
  });

  it('warns when the later period is given first, where both periods begin with a year', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'last.yaml': LAST, 'this.yaml': THIS });
    const swapped = await runAudit(['compare', 'this.yaml', 'last.yaml', '--format', 'json'], { cwd: dir });
    expect(swapped.code).toBe(0);
    expect(JSON.parse(swapped.stdout)).toHaveProperty('criteria');
    expect(swapped.stderr).toBe(
      'warning: this.yaml (2025-26) is of a later period than last.yaml (2024-25), so what improved shows as declined: ' +
        "give last period's first, audit compare last.yaml this.yaml\n",
    );
    // Periods that cannot be put in order are never said to be out of it.
    const terms = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'a.yaml': LAST.replace('period: 2024-25', 'period: Summer term'), 'b.yaml': THIS.replace('period: 2025-26', 'period: Autumn term') });
    expect((await runAudit(['compare', 'a.yaml', 'b.yaml'], { cwd: terms })).stderr).toBe('');
  });
});
