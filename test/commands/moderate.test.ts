import { describe, expect, it } from 'vitest';
import { fixture, read, runAudit, workspace } from '../helpers/cli.js';

const files = () => ({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
const PANEL = ['--note', 'Named, but the post was vacant for half the year', '--by', 'Partnership panel'];

describe('audit moderate', () => {
  it('records the panel’s rating beside the self-rating, keeping the rest of the file', async () => {
    const dir = workspace(files());
    const { code, stdout } = await runAudit(['moderate', 'audit.yaml', 'L-1', '--rating', '2', ...PANEL, '--date', '2026-05-12'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toBe('L-1 moderated to 2 by Partnership panel (self-rating 3): 1 below its target of 3, medium priority\n');
    const text = read(dir, 'audit.yaml');
    expect(text).toContain(
      '  L-1:\n    rating: 3\n    evidence: |\n      Named in the constitution, 2024.\n      Confirmed at Cabinet.\n' +
        '    moderated:\n      rating: 2\n      note: Named, but the post was vacant for half the year\n      by: Partnership panel\n      date: 2026-05-12\n',
    );
    expect(text).toContain('# Mini audit used by the command tests. Comments must survive every rewrite.');
    expect(text).toContain('  # Workforce\n');
  });

  it('makes gaps and checks use the moderated rating, and shows both where they differ', async () => {
    const dir = workspace(files());
    await runAudit(['moderate', 'audit.yaml', 'L-1', '--rating', '1', ...PANEL, '--date', '2026-05-12'], { cwd: dir });
    const gap = await runAudit(['gap', 'audit.yaml'], { cwd: dir });
    expect(gap.stdout).toMatch(/HIGH\s+L-1\s+1 \(self 3\) → 3\s+2/);
    expect(gap.stdout).toContain('Moderated by Partnership panel, 2026-05-12: Named, but the post was vacant for half the year');
    const md = await runAudit(['gap', 'audit.yaml', '--format', 'markdown'], { cwd: dir });
    expect(md.stdout).toContain('| 1 (self 3) | 3 | 2 |');
    const json = JSON.parse((await runAudit(['gap', 'audit.yaml', '--format', 'json'], { cwd: dir })).stdout);
    expect(json.gaps.find((g: { criterion: string }) => g.criterion === 'L-1')).toMatchObject({ rating: 1, selfRating: 3, moderation: { rating: 1, by: 'Partnership panel' } });
    const check = await runAudit(['check', 'audit.yaml', '--format', 'json', '--fail-on', 'none', '--min-rating', '2'], { cwd: dir });
    expect(JSON.parse(check.stdout).reasons[0].message).toBe('2 criteria rated below the minimum of 2: L-1 (1), W-1 (1)');
  });

  it('removes a moderation with --clear, so the self-rating counts again', async () => {
    const dir = workspace(files());
    await runAudit(['moderate', 'audit.yaml', 'L-1', '--rating', '2', ...PANEL], { cwd: dir });
    const { code, stdout } = await runAudit(['moderate', 'audit.yaml', 'L-1', '--clear'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toBe('Removed the moderated rating of L-1 (2 by Partnership panel); the self-rating 3 counts again\n');
    expect(read(dir, 'audit.yaml')).toBe(fixture('mini-audit.yaml'));
  });

  it('warns that a change to a signed-off audit breaks its sign-off', async () => {
    const dir = workspace(files());
    await runAudit(['sign', 'audit.yaml', '--by', 'Jane Smith', '--role', 'DCS'], { cwd: dir });
    const { code, stderr } = await runAudit(['moderate', 'audit.yaml', 'W-1', '--rating', '2', ...PANEL], { cwd: dir });
    expect(code).toBe(0);
    expect(stderr).toMatch(/^note: audit\.yaml was signed off by Jane Smith on .*; after this change `audit verify` will report it changed/);
    expect((await runAudit(['verify', 'audit.yaml'], { cwd: dir })).code).toBe(1);
  });

  it('refuses incomplete or bad input with exit status 2, changing nothing', async () => {
    const dir = workspace(files());
    const cases: [string[], string][] = [
      [['moderate', 'audit.yaml', 'L-1', '--rating', '2'], 'audit: missing --note, --by: a moderation records the panel\'s rating, why, and who (see audit moderate --help)\n'],
      [['moderate', 'audit.yaml', 'L-1', '--rating', '5', ...PANEL], 'audit: --rating 5 is not on the scale of mini (1–4)\n'],
      [['moderate', 'audit.yaml', 'X-1', '--rating', '2', ...PANEL], 'audit: audit.yaml: mini has no criterion "X-1" (see audit standards show mini)\n'],
      [['moderate', 'audit.yaml', 'L-1', '--rating', '2', ...PANEL, '--date', '2026-02-30'], 'audit: --date "2026-02-30" is not a real date (day, month, year): write it as 31/03/2027 or 2027-03-31\n'],
      [['moderate', 'audit.yaml', 'L-1', '--clear', '--by', 'X'], 'audit: --clear removes the moderation; give it without --rating, --applicable, --note, --by or --date\n'],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await runAudit(args, { cwd: dir });
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toBe(message);
    }
    expect(read(dir, 'audit.yaml')).toBe(fixture('mini-audit.yaml'));
  });
});
