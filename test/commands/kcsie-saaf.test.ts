/**
 * The schools' KCSIE 2025 return and the NHS SAAF 2024 return as a user meets them: the built CLI
 * creates, checks, analyses, plans and reports them, and the PDF is read back.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ROOT, isCleanError, read, runAudit, workspace } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';

const SCHOOL = join(ROOT, 'examples/kcsie/borsetshire-felpersham-park-academy-2025-26.yaml');
const TRUST = join(ROOT, 'examples/nhs-saaf/borsetshire-health-nhs-trust-2025-26.yaml');

describe('audit new on the new frameworks', () => {
  it('creates a KCSIE 2025 return of every criterion, with the RAG scale explained, that the tool then reads', async () => {
    const dir = workspace();
    const created = await runAudit(['new', '--framework', 'kcsie-2025', '--org', 'Ambridge Primary School', '--period', '2025-26'], { cwd: dir });
    expect(created.code).toBe(0);
    const file = 'ambridge-primary-school-kcsie-2025-2025-26.yaml';
    const text = read(dir, file);
    expect(text).toContain('frameworkVersion: "2025"');
    expect(text).toMatch(/# Rate each criterion on the scale 1–3:/);
    expect(text).toMatch(/#   1 Red \(not in place\): /);
    expect(text).toMatch(/#   3 Green \(fully in place\): /);
    expect(Object.keys((parseYaml(text) as { responses: object }).responses)).toHaveLength(90);

    const rated = await runAudit(['rate', file, 'REC-12', '--rating', '2', '--evidence', 'SCR termly check missed in February', '--action', 'Put the SCR check in the governor visit calendar', '--owner', 'Safeguarding Governor / Trustee', '--due', '2027-05-22'], { cwd: dir });
    expect(rated.code).toBe(0);
    expect(rated.stdout).toContain('REC-12 rated 2 (Amber (partly in place)): 1 below its target of 3, medium priority');

    const offScale = await runAudit(['rate', file, 'REC-12', '--rating', '4'], { cwd: dir });
    expect(offScale.code).toBe(2);
    expect(offScale.stderr).toContain('not on the scale of kcsie-2025 (1–3)');
    expect(isCleanError(offScale.stderr)).toBe(true);
  });

  it('creates a SAAF 2024 return on the NHS assurance scale', async () => {
    const dir = workspace();
    const { code } = await runAudit(['new', '--framework', 'nhs-saaf-2024', '--org', 'NHS Borsetshire Integrated Care Board', '--period', '2025-26', '-o', 'icb.yaml'], { cwd: dir });
    expect(code).toBe(0);
    const text = read(dir, 'icb.yaml');
    expect(text).toMatch(/#   1 No assurance: /);
    expect(text).toMatch(/#   4 Substantial assurance: /);
    expect(Object.keys((parseYaml(text) as { responses: object }).responses)).toHaveLength(48);
  });
});

describe('the example returns through gap, plan and report', () => {
  it('analyses the academy return against Green, a low rating making its standard red', async () => {
    const { code, stdout, stderr } = await runAudit(['gap', SCHOOL, '--format', 'json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const gap = JSON.parse(stdout);
    expect(gap.framework).toEqual({ id: 'kcsie-2025', title: expect.stringMatching(/^Keeping Children Safe in Education 2025/), version: '2025' });
    expect(gap.scale).toEqual({ min: 1, max: 3 });
    expect(gap.summary).toMatchObject({ criteria: 90, rated: 90, notAssessed: 0, belowTarget: 18, rag: 'red' });
    const alternative = gap.standards.find((s: { id: string }) => s.id === 'AP');
    expect(alternative).toMatchObject({ rated: 4, belowTarget: 2, minRating: 1, rag: 'red' });
    expect(gap.gaps[0]).toMatchObject({ rating: 1, target: 3, gap: 2, priority: 'high' });
  });

  it('plans the academy’s actions and says which are overdue', async () => {
    const { code, stdout } = await runAudit(['plan', SCHOOL, '--format', 'json', '--as-of', '2026-05-01']);
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan.summary).toMatchObject({ gaps: 18, high: 3, withAction: 18, needsAction: 0 });
    const aiTools = plan.actions.find((a: { criterion: string }) => a.criterion === 'ONL-8');
    expect(aiTools).toMatchObject({ priority: 'high', owner: 'Deputy Headteacher (Online Safety Lead)', overdue: true });
  });

  it('leaves the criteria only an ICB answers unassessed in the trust’s return, and plans the rest', async () => {
    const gap = JSON.parse((await runAudit(['gap', TRUST, '--format', 'json'])).stdout);
    expect(gap.scale).toEqual({ min: 1, max: 4 });
    expect(gap.notAssessed).toEqual(['ICB-1', 'ICB-2', 'ICB-3', 'ICB-4', 'ICB-5', 'ICB-6', 'ICB-7', 'ICB-8', 'ICB-9', 'ICB-10', 'ICB-11', 'ICB-12', 'NAM-5']);
    expect(gap.summary).toMatchObject({ criteria: 48, rated: 35, belowTarget: 11 });
    const plan = await runAudit(['plan', TRUST, '--as-of', '2026-05-01']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/HIGH\s+CIC-1\s+1 → 3/);
  });

  it('reports each return as a committee PDF in the framework’s own scale', async () => {
    const dir = workspace();
    for (const [source, pdf, level] of [
      [SCHOOL, 'school.pdf', 'Green (fully in place)'],
      [TRUST, 'trust.pdf', 'Reasonable assurance'],
    ] as const) {
      const { code, stderr } = await runAudit(['report', source, '-o', pdf, '--public', '--background-paper', 'none', '--meeting-date', '2026-07-14', '--as-of', '2026-05-01'], { cwd: dir });
      expect(code, stderr).toBe(0);
      const reading = await readPdf(join(dir, pdf));
      const text = reading.text.replace(/\s+/g, ' ');
      expect(text).toContain(source === SCHOOL ? 'Felpersham Park Academy' : 'Borsetshire Health NHS Trust');
      expect(text).toContain(level);
      expect(reading.markInfo?.Marked).toBe(true);
    }
  });
});
