/** `audit trend` as a user meets it: three or more periods of one organisation, in any order given. */
import { parse as parseCsv } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, isCleanError, read, ROOT, runAudit, workspace } from '../helpers/cli.js';

const BASE = fixture('mini-audit.yaml');
/** Three years of one council's mini audits: leadership improving, the workforce action open throughout. */
const YEARS = {
  'council-2025-26.yaml': BASE,
  'council-2023-24.yaml': BASE.replace('period: 2025-26', 'period: 2023-24').replace('rating: 3\n', 'rating: 1\n').replace('rating: 2   # report late this year', 'rating: 1'),
  'council-2024-25.yaml': BASE.replace('period: 2025-26', 'period: 2024-25').replace('rating: 3\n', 'rating: 2\n').replace('status: open', 'status: in-progress'),
};

describe('audit trend', () => {
  it('puts the periods in order whatever order they are given in, with means, RAG, movers and actions', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), ...YEARS });
    const { code, stdout, stderr } = await runAudit(['trend', 'council-2025-26.yaml', 'council-2023-24.yaml', 'council-2024-25.yaml'], { cwd: dir });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Direction of travel: Borsetshire County Council, 2023-24 to 2025-26 (3 periods)\n');
    expect(stdout).toMatch(/^2023-24 +1 +1\.00 +RED +3 +3 +\(this edition\)$/m);
    expect(stdout).toMatch(/^2025-26 +1 +2\.00 +RED +3 +2 +\(this edition\)$/m);
    expect(stdout).toMatch(/^1 Leadership +1\.0 R +2\.0 R +2\.5 R +▲ \+1\.50$/m);
    expect(stdout).toMatch(/^L-1 +1 \(2023-24\) +3 \(2025-26\) +\+2 +A senior lead for safeguarding is named\.$/m);
    expect(stdout).toContain('Actions over the 3 periods: 0 closed, 1 still open, 0 dropped without being done');
    expect(stdout).toContain("    L-2  Bring the yearly report forward to October · Director of Children's Services · open since 2023-24, due 2026-10-31");
  });

  it('gives JSON with the fields scripts rely on, and CSV and Markdown for papers', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), ...YEARS });
    const files = Object.keys(YEARS);
    const run = (format: string) => runAudit(['trend', ...files, '--format', format], { cwd: dir });
    const [json, csv, markdown] = await Promise.all([run('json'), run('csv'), run('markdown')]);
    const trend = JSON.parse(json.stdout);
    expect(trend.organisation).toBe('Borsetshire County Council');
    expect(trend.periods.map((p: Record<string, unknown>) => [p.period, p.file, p.framework, p.meanRating, p.rag, p.rated, p.belowTarget])).toEqual([
      ['2023-24', 'council-2023-24.yaml', { id: 'mini', version: '1' }, 1, 'red', 3, 3],
      ['2024-25', 'council-2024-25.yaml', { id: 'mini', version: '1' }, 1.67, 'red', 3, 3],
      ['2025-26', 'council-2025-26.yaml', { id: 'mini', version: '1' }, 2, 'red', 3, 2],
    ]);
    expect(trend.standards[0]).toEqual({
      id: 'LEAD',
      title: 'Leadership',
      series: [
        { period: '2023-24', meanRating: 1, rag: 'red' },
        { period: '2024-25', meanRating: 2, rag: 'red' },
        { period: '2025-26', meanRating: 2.5, rag: 'red' },
      ],
      change: { criteria: 2, before: 1, after: 2.5, delta: 1.5 },
    });
    expect(trend.criteria.find((c: { criterion: string }) => c.criterion === 'W-2')).toEqual({
      criterion: 'W-2',
      standard: 'WORK',
      text: 'Safer recruitment checks are made.',
      series: [
        { period: '2023-24', rating: null, selfRating: null },
        { period: '2024-25', rating: null, selfRating: null },
        { period: '2025-26', rating: null, selfRating: null },
      ],
    });
    const rows = parseCsv(csv.stdout, { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['level', 'id', 'standard', 'title', '2023-24', '2023-24 rag', '2024-25', '2024-25 rag', '2025-26', '2025-26 rag', 'change']);
    expect(rows.map((r) => `${r.level} ${r.id}`).slice(0, 4)).toEqual(['overall mini', 'standard LEAD', 'standard WORK', 'criterion L-1']);
    expect(rows[1]).toMatchObject({ '2023-24': '1', '2025-26': '2.5', '2025-26 rag': 'red', change: '1.5' });
    expect(markdown.stdout).toMatch(/^# Direction of travel: Borsetshire County Council, 2023-24 to 2025-26$/m);
    expect(markdown.stdout).toContain('| 1. Leadership | 1.00 🔴 Red | 2.00 🔴 Red | 2.50 🔴 Red | ▲ +1.50 |');
  });

  it('reads earlier editions onto the newest through the bundled crosswalk', async () => {
    const police = readFileSync(join(ROOT, 'examples/section-11/borsetshire-police.yaml'), 'utf8');
    const dir = workspace({ 'police-2025-26.yaml': police, 'police-2024-25.yaml': police.replace('period: "2025-26"', 'period: "2024-25"') });
    expect((await runAudit(['new', '--from', 'police-2025-26.yaml', '--period', '2026-27', '-o', 'police-2026-27.yaml'], { cwd: dir })).code).toBe(0);
    await runAudit(['rate', 'police-2026-27.yaml', 'COM-1', '--rating', '4'], { cwd: dir });
    const { code, stdout } = await runAudit(['trend', 'police-2026-27.yaml', 'police-2024-25.yaml', 'police-2025-26.yaml', '--format', 'json'], { cwd: dir });
    expect(code).toBe(0);
    const trend = JSON.parse(stdout);
    expect(trend.framework).toMatchObject({ id: 'section-11', version: '2023' });
    expect(trend.periods.map((p: { framework: { version: string } }) => p.framework.version)).toEqual(['2007-2018', '2007-2018', '2023']);
    expect(trend.periods[0].mapping).toEqual({ via: 'crosswalk', crosswalk: 'bundled crosswalks/section-11@2007-2018--section-11@2023.yaml', equal: 47, criteria: 66, own: { equal: 47, criteria: 53 } });
    expect(trend.criteria.find((c: { criterion: string }) => c.criterion === 'COM-5').series.map((p: { rating: number | null }) => p.rating)).toEqual([null, null, null]);
    expect(trend.criteria.find((c: { criterion: string }) => c.criterion === 'COM-1').series.map((p: { rating: number | null }) => p.rating)).toEqual([4, 4, 4]);
    // The actions carried into 2026-27 are still open, and were open since the first period.
    expect(trend.actions.stillOpen.length).toBeGreaterThan(10);
    expect(trend.actions.stillOpen.find((a: { criterion: string }) => a.criterion === 'RES-2').since).toBe('2024-25');
  });

  it('refuses fewer than three periods, two organisations, a period twice and frameworks nothing joins', async () => {
    const dir = workspace({
      'mini-framework.yaml': fixture('mini-framework.yaml'),
      ...YEARS,
      'police.yaml': BASE.replace('Borsetshire County Council', 'Borsetshire Police').replace('period: 2025-26', 'period: 2026-27'),
      'again.yaml': BASE,
    });
    await runAudit(['new', '--framework', 'section-11', '--org', 'Borsetshire County Council', '--period', '2026-27', '-o', 'other.yaml'], { cwd: dir });
    const cases: [string[], string][] = [
      [['council-2023-24.yaml', 'council-2024-25.yaml'], 'audit: a trend needs audits of 3 or more periods; for two, use audit compare OLD NEW\n'],
      [
        ['council-2023-24.yaml', 'council-2024-25.yaml', 'police.yaml'],
        'audit: a trend follows one organisation, but these audits are of 2: Borsetshire County Council (council-2023-24.yaml, council-2024-25.yaml); Borsetshire Police (police.yaml). For several agencies side by side, use audit aggregate\n',
      ],
      [['council-2023-24.yaml', 'council-2025-26.yaml', 'again.yaml'], 'audit: two audits of the period 2025-26: council-2025-26.yaml, again.yaml; give one audit per period\n'],
      [['council-2023-24.yaml', 'council-2023-24.yaml', 'council-2024-25.yaml'], 'audit: the same audit file is named twice: give each period once\n'],
    ];
    for (const [files, message] of cases) {
      const { code, stdout, stderr } = await runAudit(['trend', ...files], { cwd: dir });
      expect(code, files.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(message);
      expect(isCleanError(stderr)).toBe(true);
    }
    const apart = await runAudit(['trend', ...Object.keys(YEARS), 'other.yaml'], { cwd: dir });
    expect(apart.code).toBe(2);
    expect(apart.stderr).toMatch(/^audit: council-2023-24\.yaml is an audit of mini@1 and the latest, other\.yaml, of section-11@2023; no crosswalk joins mini@1 and section-11@2023 \(/);
    expect(read(dir, 'council-2025-26.yaml')).toBe(BASE);
  });
});
