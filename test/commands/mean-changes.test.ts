/**
 * Changes of a mean, like for like and rounded once, in every view that gives them. An
 * independent trial found a standard "▼ declined −0.17" across editions while no criterion in
 * it declined (its later mean counted a new criterion), and one change printed −0.33 in one
 * row and +0.34 in another (differences of means already rounded).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, ROOT, runAudit, workspace } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';

const S11 = join(ROOT, 'examples/section-11');
const S11_2026 = join(ROOT, 'examples/section-11-2026-27');

/** The mini framework with a third Leadership criterion: three criteria in each standard. */
const FRAMEWORK = fixture('mini-framework.yaml').replace(
  '        target: 4\n',
  '        target: 4\n      - id: L-3\n        text: Safeguarding is on the risk register.\n',
);

/** An audit of the mini framework with these ratings, in the order L-1 L-2 L-3 W-1 W-2 W-3. */
function audit(period: string, ratings: number[]): string {
  const ids = ['L-1', 'L-2', 'L-3', 'W-1', 'W-2', 'W-3'];
  return [
    'framework: ./framework.yaml',
    'organisation: Borsetshire County Council',
    `period: ${period}`,
    'responses:',
    ...ids.flatMap((id, i) => [`  ${id}:`, `    rating: ${ratings[i]}`]),
    '',
  ].join('\n');
}

// Leadership 1.333… → 1.666… (+1/3: +0.33, though the rounded means 1.33 and 1.67 differ by 0.34);
// Workforce 2.333… → 2.000 (−1/3: −0.33).
const FIRST = audit('2024-25', [1, 1, 2, 2, 2, 3]);
const LAST = audit('2025-26', [1, 2, 2, 2, 2, 2]);

describe('a change of mean is rounded once, from unrounded means', () => {
  it('audit compare: a rise of a third is +0.33 as a fall of a third is −0.33, in the table, Markdown and JSON', async () => {
    const dir = workspace({ 'framework.yaml': FRAMEWORK, 'first.yaml': FIRST, 'last.yaml': LAST });
    const table = await runAudit(['compare', 'first.yaml', 'last.yaml'], { cwd: dir });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/1 Leadership\s+1\.33\s+1\.67\s+▲ improved \+0\.33/);
    expect(table.stdout).toMatch(/2 Workforce\s+2\.33\s+2\.00\s+▼ declined −0\.33/);
    expect(table.stdout).toContain('Overall: mean 1.83 → 1.83 (0.00)');
    expect(table.stdout).not.toContain('0.34');
    const markdown = await runAudit(['compare', 'first.yaml', 'last.yaml', '--format', 'markdown'], { cwd: dir });
    expect(markdown.stdout).toContain('▲ Improved (+0.33)');
    expect(markdown.stdout).not.toContain('0.34');
    const json = JSON.parse((await runAudit(['compare', 'first.yaml', 'last.yaml', '--format', 'json'], { cwd: dir })).stdout);
    expect(json.standards.map((s: { delta: number }) => s.delta)).toEqual([0.33, -0.33]);
  });

  it('audit trend, its CSV and the report’s direction of travel: +0.33, and an unchanged standard is 0.00, not +0.00', async () => {
    const middle = audit('2024-25', [1, 1, 2, 2, 2, 3]).replace('period: 2024-25', 'period: 2023-24');
    // Workforce the same in the first and last periods: no change.
    const last = audit('2025-26', [1, 2, 2, 2, 2, 3]);
    const dir = workspace({ 'framework.yaml': FRAMEWORK, 'a.yaml': middle, 'b.yaml': FIRST, 'c.yaml': last });
    const table = await runAudit(['trend', 'a.yaml', 'b.yaml', 'c.yaml'], { cwd: dir });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/1 Leadership.*▲ \+0\.33/);
    expect(table.stdout).toMatch(/2 Workforce.*= 0\.00/);
    expect(table.stdout).not.toMatch(/\+0\.00|0\.34/);
    const csv = (await runAudit(['trend', 'a.yaml', 'b.yaml', 'c.yaml', '--format', 'csv'], { cwd: dir })).stdout;
    expect(csv).toMatch(/standard,LEAD,LEAD,Leadership,.*,0\.33\r?\n/);
    expect(csv).not.toContain('0.34');
    const report = await runAudit(['report', 'c.yaml', '--history', 'a.yaml', 'b.yaml', '--as-of', '2026-11-30', '--background-paper', 'none', '-o', 'r.pdf'], { cwd: dir });
    expect(report.code, report.stderr).toBe(0);
    const text = (await readPdf(join(dir, 'r.pdf'))).text.replace(/\s+/g, ' ');
    expect(text).toMatch(/Leadership [^]*?\+0\.33/);
    expect(text).not.toMatch(/\+0\.00|\+0\.34/);
  });
});

describe('a standard changes like for like across editions', () => {
  it('audit compare: no standard declines when no criterion did; a mixed basis is marked', async () => {
    const old = join(S11, 'borsetshire-childrens-services.yaml');
    const now = join(S11_2026, 'borsetshire-childrens-services.yaml');
    const json = JSON.parse((await runAudit(['compare', old, now, '--format', 'json'])).stdout);
    expect(json.counts.declined).toBe(0);
    for (const s of json.standards) expect(s.change, s.id).not.toBe('declined');
    for (const s of json.standards) {
      const own = json.criteria.filter((c: { standard: string; change: string }) => c.standard === s.id && ['improved', 'declined', 'unchanged'].includes(c.change));
      expect(s.likeForLike.criteria, s.id).toBe(own.length);
    }
    // Its first standard's mean fell (4.00 → 3.67) only because a new criterion is counted now.
    const first = json.standards[0];
    expect([first.before, first.after, first.change, first.sameCriteria]).toEqual([4, 3.67, 'unchanged', false]);
    const table = await runAudit(['compare', old, now]);
    expect(table.stdout).toContain('0 declined');
    expect(table.stdout).not.toContain('▼ declined');
    expect(table.stdout).toMatch(/1 Senior leadership and commitment\s+4\.00\s+3\.67\s+= unchanged \*/);
    expect(table.stdout).toContain('* Change like for like, on the criteria rated in both periods');
  });

  it('audit aggregate --previous: an agency’s standards change on the criteria rated in both returns', async () => {
    const json = JSON.parse((await runAudit(['aggregate', S11_2026, '--previous', S11, '--format', 'json'])).stdout);
    const council = json.agencies.find((a: { organisation: string }) => a.organisation.includes('Children'));
    const first = council.standards[0];
    expect([first.previousMean, first.meanRating, first.change]).toEqual([4, 3.67, 0]);
    const compared = JSON.parse(
      (await runAudit(['compare', join(S11, 'borsetshire-childrens-services.yaml'), join(S11_2026, 'borsetshire-childrens-services.yaml'), '--format', 'json'])).stdout,
    );
    expect(council.standards.map((s: { change: number | null }) => s.change)).toEqual(compared.standards.map((s: { delta: number | null }) => s.delta));
    expect(council.previous.change).toBe(compared.overall.delta);
    const table = (await runAudit(['aggregate', S11_2026, '--previous', S11])).stdout;
    expect(table).toContain('on the criteria the agency rated in both periods');
  });
});

