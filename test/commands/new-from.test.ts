import { describe, expect, it } from 'vitest';
import { fixture, listFiles, read, runAudit, workspace } from '../helpers/cli.js';

const LAST = fixture('mini-audit.yaml')
  .replace('  W-1:\n    rating: 1\n', '  W-1:\n    rating: 1\n    action:\n      text: Train all staff\n      status: done\n')
  .replace('  L-1:\n    rating: 3\n', '  L-1:\n    rating: 3\n    moderated:\n      rating: 2\n      by: Partnership panel\n');

/** Edition 2 of the mini framework: W-3 removed, W-4 added. */
const FRAMEWORK_V2 = fixture('mini-framework.yaml')
  .replace('version: "1"', 'version: "2"')
  .replace('      - id: W-3\n        text: Staff are supervised.\n', '      - id: W-4\n        text: Staff know how to escalate concerns.\n');

const files = () => ({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'last.yaml': LAST });

describe('audit new --from', () => {
  it('starts next period’s audit from last period’s: evidence and open actions carried, ratings cleared', async () => {
    const dir = workspace(files());
    const { code, stdout } = await runAudit(['new', '--from', 'last.yaml', '--period', '2026-27'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toBe(
      'Created borsetshire-county-council-mini-2026-27.yaml for 2026-27 from last.yaml (2025-26): 5 criteria of mini to rate afresh.\n' +
        "Carried forward: evidence for 2, 1 open action, last period's rating for 3 (under previous:); 1 done action left behind.\n" +
        'Next: audit resume borsetshire-county-council-mini-2026-27.yaml\n',
    );
    expect(read(dir, 'last.yaml')).toBe(LAST);
    const text = read(dir, 'borsetshire-county-council-mini-2026-27.yaml');
    expect(text).toContain('# Carried forward from 2025-26: evidence and open actions are copied, ratings are cleared;');
    expect(text).toContain('framework: ./mini-framework.yaml\nframeworkVersion: "1"\norganisation: Borsetshire County Council\nperiod: "2026-27"\nassessor: Jo Bloggs\n');
    expect(text).toContain(
      '  L-1:\n    rating:\n    evidence: |-\n      Named in the constitution, 2024.\n      Confirmed at Cabinet.\n    previous:\n      period: "2025-26"\n      rating: 3\n      moderated: 2\n',
    );
    expect(text).toContain(
      "  L-2:\n    rating:\n    evidence: Report went to Cabinet in March.\n    action:\n      text: Bring the yearly report forward to October\n      owner: Director of Children's Services\n      due: 2026-10-31\n      status: open\n    previous:\n      period: \"2025-26\"\n      rating: 2\n",
    );
    // The done action stays behind; the rating is still shown as last period's.
    expect(text).toContain('  W-1:\n    rating:\n    previous:\n      period: "2025-26"\n      rating: 1\n');

    // It is a valid audit with nothing rated yet, and compares with last period's.
    const gap = JSON.parse((await runAudit(['gap', 'borsetshire-county-council-mini-2026-27.yaml', '--format', 'json'], { cwd: dir })).stdout);
    expect(gap.summary).toMatchObject({ rated: 0, notAssessed: 5 });
    const compare = JSON.parse((await runAudit(['compare', 'last.yaml', 'borsetshire-county-council-mini-2026-27.yaml', '--format', 'json'], { cwd: dir })).stdout);
    expect(compare.counts['not-assessed']).toBe(5);
    expect(compare.actions.stillOpen.map((a: { criterion: string }) => a.criterion)).toEqual(['L-2']);
  });

  it('moves to a newer edition given with --framework, naming the criteria that changed', async () => {
    const dir = workspace({ ...files(), 'mini-framework-v2.yaml': FRAMEWORK_V2, 'last.yaml': LAST.replace(/  W-2:\n$/, '  W-2:\n  W-3:\n    rating: 2\n    evidence: Supervision audit\n') });
    const { code, stdout } = await runAudit(['new', '--from', 'last.yaml', '--period', '2026-27', '--framework', './mini-framework-v2.yaml', '-o', 'next.yaml'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('Framework changed: mini edition 1 → 2: 1 criterion added (W-4), 1 removed (W-3).');
    expect(stdout).toContain('Not carried (no longer in the framework): answers to W-3.');
    const text = read(dir, 'next.yaml');
    expect(text).toContain('framework: ./mini-framework-v2.yaml\nframeworkVersion: "2"\n');
    expect(text).toContain('  W-4:\n');
    expect(text).not.toContain('W-3');
  });

  it('carries forward an audit made against an edition no longer available', async () => {
    const old = LAST.replace('period: 2025-26', 'frameworkVersion: "0"\nperiod: 2025-26').replace(/  W-2:\n$/, '  W-2:\n  X-9:\n    rating: 2\n');
    const dir = workspace({ ...files(), 'last.yaml': old });
    const { code, stdout } = await runAudit(['new', '--from', 'last.yaml', '--period', '2026-27', '-o', 'next.yaml'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('Framework changed: mini edition 0 → 1: 1 criterion added (W-3), 1 removed (X-9) (edition 0 is not available; inferred from the earlier audit\'s entries).');
    expect(stdout).toContain('Not carried (no longer in the framework): answers to X-9.');
  });

  it('takes --org, --assessor and -o over last period’s, and writes beside last period’s file by default', async () => {
    const dir = workspace();
    await runAudit(['new', '--framework', 'section-11', '--org', 'Borsetshire Police', '--period', '2025-26', '-o', 'audits-2025.yaml'], { cwd: dir });
    const { code } = await runAudit(['new', '--from', 'audits-2025.yaml', '--period', '2026-27', '--org', 'Borsetshire Constabulary', '--assessor', 'DI Jones'], { cwd: dir });
    expect(code).toBe(0);
    const text = read(dir, 'borsetshire-constabulary-section-11-2026-27.yaml');
    expect(text).toContain('framework: section-11\n');
    // The former name is kept, so that trend and aggregate --previous follow the force (trial H #5).
    expect(text).toContain('organisation: Borsetshire Constabulary\nformerNames:\n  - Borsetshire Police\nperiod: "2026-27"\nassessor: DI Jones\n');
  });

  it('refuses the same period, an existing file, another framework and a missing --period, with exit status 2', async () => {
    const dir = workspace({ ...files(), 'taken.yaml': 'x: 1\n' });
    const cases: [string[], RegExp][] = [
      [['new', '--from', 'last.yaml', '--period', '2025-26'], /^audit: --period 2025-26 is the period of last\.yaml itself; give the period the new audit covers\n$/],
      [['new', '--from', 'last.yaml', '--period', '2026-27', '-o', 'taken.yaml'], /^audit: taken\.yaml: already exists; choose another file with -o, or pass --force to replace it\n$/],
      [['new', '--from', 'last.yaml', '--period', '2026-27', '-o', 'last.yaml', '--force'], /^audit: -o last\.yaml is the audit being carried forward, which the command reads; it would be overwritten/],
      [['new', '--from', 'last.yaml', '--period', '2026-27', '--framework', 'section-11'], /^audit: last\.yaml is an audit of mini@1, but --framework names section-11@[^,]+, and no crosswalk joins mini@1 and section-11@.*Answers carry across frameworks only through a crosswalk/],
      [['new', '--from', 'last.yaml'], /required option '--period <period>' not specified/],
      [['new', '--from', 'nowhere.yaml', '--period', '2026-27'], /^audit: nowhere\.yaml: audit file not found\n$/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await runAudit(args, { cwd: dir });
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(message);
    }
    expect(listFiles(dir)).toEqual(['last.yaml', 'mini-framework.yaml', 'taken.yaml']);
    expect(read(dir, 'taken.yaml')).toBe('x: 1\n');
  });
});
