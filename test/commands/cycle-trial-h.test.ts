/**
 * Trial H (a partnership's cycle over several years): what an agency wrote survives carry-forward,
 * and what is compared across the years is like for like.
 */
import { describe, expect, it } from 'vitest';
import { read, runAudit, workspace } from '../helpers/cli.js';

async function ok(args: string[], cwd: string): Promise<string> {
  const result = await runAudit(args, { cwd });
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

describe('carry-forward keeps what the agency wrote (trial H #1, #2)', () => {
  it('keeps a not-applicable reason the panel challenged, on the same edition and across a crosswalk', async () => {
    const dir = workspace();
    for (const framework of ['section-11', 'section-11@2007-2018']) {
      await ok(['new', '--framework', framework, '--org', 'Borsetshire Police', '--period', '2025-26', '-o', 'a.yaml', '--force'], dir);
      await ok(['rate', 'a.yaml', 'RES-2', '--not-applicable', 'Our staff have no contact with children'], dir);
      await ok(['moderate', 'a.yaml', 'RES-2', '--applicable', '--rating', '2', '--note', 'Front counter staff do', '--by', 'Panel'], dir);
      const stdout = await ok(['new', '--from', 'a.yaml', '--period', '2026-27', '-o', 'b.yaml', '--force'], dir);
      expect(stdout).toContain('Not applicable last period, but the panel held it applies: RES-2');
      const next = read(dir, 'b.yaml');
      expect(next).toContain('[not applicable in 2025-26 (Our staff have no contact with children); the partnership panel held that it applies: rate it]');
      // The panel's note is the panel's: it does not become the agency's evidence.
      expect(next).not.toContain('Front counter staff do');
      const gap = JSON.parse((await runAudit(['gap', 'b.yaml', '--format', 'json'], { cwd: dir })).stdout);
      expect(JSON.stringify(gap)).not.toContain('"notApplicable":"Our staff');
    }
  });

  it('names the local x- fields it does not carry', async () => {
    const dir = workspace();
    await ok(['new', '--framework', 'section-11', '--org', 'Felpersham Academy', '--period', '2025-26', '-o', 'a.yaml'], dir);
    await ok(['rate', 'a.yaml', 'COM-1', '--rating', '3', '--evidence', 'Governors minutes'], dir);
    const { writeFileSync } = await import('node:fs');
    const text = read(dir, 'a.yaml')
      .replace(/^organisation:/m, 'x-local-ref: LSCB/2025/17\norganisation:')
      .replace(/^    evidence: Governors minutes$/m, '    evidence: Governors minutes\n    x-comment: see the head teacher');
    writeFileSync(`${dir}/a.yaml`, text);
    const stdout = await ok(['new', '--from', 'a.yaml', '--period', '2026-27', '-o', 'b.yaml'], dir);
    expect(stdout).toContain('Not carried (local fields, kept only in a.yaml): x-local-ref, x-comment of COM-1.');
  });
});

describe('a council’s own copy of a framework, edited but keeping its id and edition (trial H #3)', () => {
  const ORIGINAL = 'Staff know where to find the safeguarding policy and what to do if\n          they are worried about a child.';
  const EDITED = 'Staff know where to find the Borsetshire partnership policy and\n          whom to ring the same day if they are worried about a child.';

  async function years(): Promise<string> {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { ROOT } = await import('../helpers/cli.js');
    const bundled = readFileSync(join(ROOT, 'standards/section-11.yaml'), 'utf8');
    expect(bundled).toContain(ORIGINAL);
    const dir = workspace({ 's11-local.yaml': bundled.replace(ORIGINAL, EDITED) });
    for (const [period, rating] of [['2023-24', '4'], ['2024-25', '4']] as const) {
      await ok(['new', '--framework', 'section-11', '--org', 'Borsetshire Police', '--period', period, '-o', `${period}.yaml`], dir);
      await ok(['rate', `${period}.yaml`, 'RES-3', '--rating', rating, '--evidence', `Staff survey ${period}`], dir);
      await ok(['rate', `${period}.yaml`, 'RES-1', '--rating', '3', '--evidence', 'Policy reviewed'], dir);
    }
    const carried = await ok(['new', '--from', '2024-25.yaml', '--framework', './s11-local.yaml', '--period', '2025-26', '-o', '2025-26.yaml'], dir);
    expect(carried).toContain('To check (the framework words them differently from last period\'s, marked in the evidence): RES-3.');
    expect(read(dir, '2025-26.yaml')).toContain('[carried from RES-3 as last period\'s framework worded it: its statement has changed, check it still fits]\n      Staff survey 2024-25');
    await ok(['rate', '2025-26.yaml', 'RES-3', '--rating', '2'], dir);
    await ok(['rate', '2025-26.yaml', 'RES-1', '--rating', '4'], dir);
    return dir;
  }

  it('compare and trend do not read a reworded criterion as like for like, and say so', async () => {
    const dir = await years();
    const compare = await runAudit(['compare', '2024-25.yaml', '2025-26.yaml', '--format', 'json'], { cwd: dir });
    expect(compare.code).toBe(0);
    expect(compare.stderr).toContain('warning: the two audits\' frameworks word RES-3 differently');
    const comparison = JSON.parse(compare.stdout);
    expect(comparison.reworded).toEqual(['RES-3']);
    expect(comparison.criteria.find((c: { criterion: string }) => c.criterion === 'RES-3')).toMatchObject({ before: 4, after: 2, change: 'not-comparable', delta: null });
    // Like for like is RES-1 alone: 3 → 4.
    expect(comparison.overall).toMatchObject({ criteria: 1, before: 3, after: 4, delta: 1 });

    const trend = await runAudit(['trend', '2023-24.yaml', '2024-25.yaml', '2025-26.yaml', '--format', 'json'], { cwd: dir });
    expect(trend.code).toBe(0);
    expect(trend.stderr).toContain('2023-24.yaml (2023-24) was judged against a framework that words RES-3 differently');
    const series = JSON.parse(trend.stdout);
    expect(series.periods.map((p: { reworded: string[] }) => p.reworded)).toEqual([['RES-3'], ['RES-3'], []]);
    expect(series.criteria.find((c: { criterion: string }) => c.criterion === 'RES-3').series.map((p: { rating: number | null }) => p.rating)).toEqual([null, null, 2]);
    expect(series.change).toMatchObject({ criteria: 1, before: 3, after: 4 });
  });

  it('aggregate refuses to set audits of the two texts beside each other, in one period or as last period’s (exit 2)', async () => {
    const dir = await years();
    const { mkdirSync, renameSync, copyFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    mkdirSync(join(dir, 'now'));
    mkdirSync(join(dir, 'last'));
    copyFileSync(join(dir, '2024-25.yaml'), join(dir, 'now', 'police.yaml'));
    await ok(['new', '--framework', './s11-local.yaml', '--org', 'Felpersham Police', '--period', '2024-25', '-o', 'now/felpersham.yaml'], dir);
    const mixed = await runAudit(['aggregate', 'now'], { cwd: dir });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain(
      // The folder read in name order: the first audit's text is the one the others are held to.
      'audit: cannot aggregate audits of different texts of one edition: the bundled section-11 (used by now/police.yaml) words criterion RES-3 of section-11 edition 2023 differently from s11-local.yaml (used by now/felpersham.yaml)',
    );
    // This period on the council's copy, last period on the bundled text: no change read like for like.
    renameSync(join(dir, 'now', 'police.yaml'), join(dir, 'last', 'police.yaml'));
    writeFileSync(join(dir, 'now', 'police.yaml'), read(dir, '2025-26.yaml').replace('framework: ./s11-local.yaml', 'framework: ../s11-local.yaml'));
    const previous = await runAudit(['aggregate', 'now', '--previous', 'last'], { cwd: dir });
    expect(previous.code).toBe(2);
    expect(previous.stderr).toContain('last/police.yaml is an audit of a text of section-11 edition 2023 that words RES-3 differently from the one the other audits use');
    const same = await runAudit(['aggregate', 'now'], { cwd: dir });
    expect(same.code, same.stderr).toBe(0);
  });
});

describe('verify names what changed since sign-off (trial H #4)', () => {
  it('tells a panel’s moderation from an edited answer, and names the criteria and header fields', async () => {
    const dir = workspace();
    await ok(['new', '--framework', 'section-11', '--org', 'Borsetshire ICB', '--period', '2025-26', '-o', 'a.yaml'], dir);
    for (const id of ['COM-1', 'COM-2', 'RES-1']) await ok(['rate', 'a.yaml', id, '--rating', '3', '--evidence', `Evidence for ${id}`], dir);
    await ok(['sign', 'a.yaml', '--by', 'B. Nurse', '--role', 'Chief Nurse'], dir);

    await ok(['moderate', 'a.yaml', 'COM-1', '--rating', '2', '--note', 'No minutes seen', '--by', 'Panel'], dir);
    const moderated = await runAudit(['verify', 'a.yaml'], { cwd: dir });
    expect(moderated.code).toBe(1);
    expect(moderated.stdout).toContain("  - a panel's moderation was added, changed or removed: COM-1; the organisation's own answers are as signed off\n");

    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/a.yaml`, read(dir, 'a.yaml').replace('Evidence for RES-1', 'Evidence for RES-1, amended').replace('period: "2025-26"', 'period: "2026-27"'));
    const edited = await runAudit(['verify', 'a.yaml', '--format', 'json'], { cwd: dir });
    expect(edited.code).toBe(1);
    expect(JSON.parse(edited.stdout).changes).toEqual([
      { part: 'content', message: "the audit's header changed: period" },
      { part: 'content', message: "the organisation's answers changed (rating, evidence, action or not-applicable): RES-1" },
      { part: 'content', message: "a panel's moderation was added, changed or removed: COM-1" },
    ]);
  });
});

describe('compare and trend show whose rating moved, and name fields alike (trial H #6, #7)', () => {
  it('marks a moderated rating with the self-rating it replaced, in table, Markdown and JSON', async () => {
    const dir = workspace();
    for (const period of ['2023-24', '2024-25', '2025-26']) {
      await ok(['new', '--framework', 'section-11', '--org', 'Borsetshire Police', '--period', period, '-o', `${period}.yaml`], dir);
      await ok(['rate', `${period}.yaml`, 'COM-1', '--rating', period === '2023-24' ? '3' : '4', '--evidence', 'Job description'], dir);
      await ok(['rate', `${period}.yaml`, 'RES-1', '--not-applicable', 'No staff'], dir);
    }
    await ok(['moderate', '2023-24.yaml', 'COM-1', '--rating', '1', '--note', 'No job description seen', '--by', 'Panel'], dir);
    const table = await ok(['compare', '2023-24.yaml', '2024-25.yaml'], dir);
    expect(table).toMatch(/COM-1 +1 \(self 3\) +4 +▲ improved \+3/);
    expect(table).toContain("(self N): a partnership panel's moderated rating, which counts; the organisation rated itself N.");
    expect(table).not.toContain('No job description seen');
    expect(await ok(['compare', '2023-24.yaml', '2024-25.yaml', '--format', 'markdown'], dir)).toContain('| 1 (self 3) | 4 |');
    const json = JSON.parse(await ok(['compare', '2023-24.yaml', '2024-25.yaml', '--format', 'json'], dir));
    expect(json.criteria.find((c: { criterion: string }) => c.criterion === 'COM-1').selfRating).toEqual({ before: 3, after: null });
    expect(json.before.framework).toEqual({ id: 'section-11', version: '2023' });

    const trend = JSON.parse(await ok(['trend', '2023-24.yaml', '2024-25.yaml', '2025-26.yaml', '--format', 'json'], dir));
    expect(trend.periods.map((p: { notApplicable: number }) => p.notApplicable)).toEqual([1, 1, 1]);
    expect(trend.periods[0].framework).toEqual(json.before.framework);
    // trend marks the moderated rating too: in its series, and where it lists the criteria that moved.
    const series = trend.criteria.find((c: { criterion: string }) => c.criterion === 'COM-1').series;
    expect(series).toEqual([
      { period: '2023-24', rating: 1, selfRating: 3 },
      { period: '2024-25', rating: 4, selfRating: null },
      { period: '2025-26', rating: 4, selfRating: null },
    ]);
    expect(trend.improved[0]).toMatchObject({ criterion: 'COM-1', from: { period: '2023-24', rating: 1, selfRating: 3 }, to: { period: '2025-26', rating: 4, selfRating: null } });
    const trendTable = await ok(['trend', '2023-24.yaml', '2024-25.yaml', '2025-26.yaml'], dir);
    expect(trendTable).toMatch(/COM-1 +1 \(self 3\) \(2023-24\) +4 \(2025-26\) +\+3/);
    expect(trendTable).toContain("(self N): a partnership panel's moderated rating, which counts; the organisation rated itself N.");
    expect(trendTable).not.toContain('No job description seen');
    expect(await ok(['trend', '2023-24.yaml', '2024-25.yaml', '2025-26.yaml', '--format', 'markdown'], dir)).toContain('| 1 (self 3) (2023-24) | 4 (2025-26) | +3 |');
  });
});

describe('a council’s own crosswalk (trial H #8)', () => {
  it('--strict asks why two differently worded criteria are equal', async () => {
    const { readFileSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { ROOT } = await import('../helpers/cli.js');
    const bundled = readFileSync(join(ROOT, 'standards/section-11.yaml'), 'utf8');
    const local = bundled
      .replace(/^id: section-11$/m, 'id: borsetshire-s11')
      .replace(/^version: "2023"$/m, 'version: "2024"')
      .replace('Staff know where to find the safeguarding policy and what to do if\n          they are worried about a child.', 'Staff know where to find the Borsetshire policy and whom to ring.');
    const dir = workspace();
    mkdirSync(join(dir, 'crosswalks'));
    writeFileSync(join(dir, 'borsetshire-s11.yaml'), local);
    const ids = [...bundled.matchAll(/^ {6}- id: ([A-Z]+-\d+)$/gm)].map((m) => m[1]);
    const rows = ids.map((id) => `  - { from: ${id}, to: ${id}, relationship: equal }`);
    const file = join('crosswalks', 'section-11@2023--borsetshire-s11@2024.yaml');
    const header = 'from: { framework: section-11, version: "2023" }\nto: { framework: borsetshire-s11, version: "2024" }\ntitle: Bundled to local\nsources:\n  - { title: Our copy, publisher: Borsetshire, year: 2026 }\nmappings:\n';
    writeFileSync(join(dir, file), header + rows.join('\n') + '\n');
    const env = { AUDIT_STANDARDS_PATH: dir };
    const plain = await runAudit(['standards', 'validate', file], { cwd: dir, env });
    expect(plain.code, plain.stderr).toBe(0);
    const strict = await runAudit(['standards', 'validate', '--strict', file], { cwd: dir, env });
    expect(strict.code).toBe(2);
    const line = header.split('\n').length - 1 + ids.indexOf('RES-3') + 1;
    expect(strict.stderr).toContain(`${file}:${line}:45: RES-3 → RES-3 is equal, but their statements differ: say why they are the same requirement (rationale), or make it subset, superset or intersects`);
    expect(strict.stderr.match(/statements differ/g)).toHaveLength(1);
  });
});

describe('an agency that changes its name (trial H #5)', () => {
  it('is followed by trend, compare and aggregate --previous once new --from records the former name', async () => {
    const dir = workspace();
    const { mkdirSync, copyFileSync } = await import('node:fs');
    await ok(['new', '--framework', 'section-11', '--org', 'Borsetshire ICB', '--period', '2023-24', '-o', 'y1.yaml'], dir);
    await ok(['rate', 'y1.yaml', 'COM-1', '--rating', '2', '--evidence', 'Board paper'], dir);
    await ok(['new', '--from', 'y1.yaml', '--period', '2024-25', '-o', 'y2.yaml'], dir);
    await ok(['rate', 'y2.yaml', 'COM-1', '--rating', '3'], dir);
    const renamed = await ok(['new', '--from', 'y2.yaml', '--org', 'NHS Borsetshire and Felpersham ICB', '--period', '2025-26', '-o', 'y3.yaml'], dir);
    expect(renamed).toContain('Renamed: Borsetshire ICB → NHS Borsetshire and Felpersham ICB; the former name is kept under formerNames');
    expect(read(dir, 'y3.yaml')).toContain('organisation: NHS Borsetshire and Felpersham ICB\nformerNames:\n  - Borsetshire ICB\n');
    await ok(['rate', 'y3.yaml', 'COM-1', '--rating', '4'], dir);

    const trend = JSON.parse(await ok(['trend', 'y1.yaml', 'y2.yaml', 'y3.yaml', '--format', 'json'], dir));
    expect(trend.organisation).toBe('NHS Borsetshire and Felpersham ICB');
    expect(trend.criteria.find((c: { criterion: string }) => c.criterion === 'COM-1').series.map((p: { rating: number }) => p.rating)).toEqual([2, 3, 4]);
    const compare = await runAudit(['compare', 'y2.yaml', 'y3.yaml'], { cwd: dir });
    expect([compare.code, compare.stderr]).toEqual([0, '']);

    for (const folder of ['last', 'now']) mkdirSync(`${dir}/${folder}`);
    copyFileSync(`${dir}/y2.yaml`, `${dir}/last/icb.yaml`);
    copyFileSync(`${dir}/y3.yaml`, `${dir}/now/icb.yaml`);
    const aggregate = await runAudit(['aggregate', 'now', '--previous', 'last', '--format', 'json'], { cwd: dir });
    expect(aggregate.code, aggregate.stderr).toBe(0);
    expect(aggregate.stderr).not.toMatch(/made a return last period|no return last period/);
    // The same when the agency sends its return as a workbook: the former name goes out and comes back in it.
    await ok(['export', 'y3.yaml', '-o', 'icb.xlsx'], dir);
    mkdirSync(`${dir}/returns`);
    copyFileSync(`${dir}/icb.xlsx`, `${dir}/returns/icb.xlsx`);
    const fromWorkbook = await runAudit(['aggregate', 'returns', '--previous', 'last'], { cwd: dir });
    expect(fromWorkbook.code, fromWorkbook.stderr).toBe(0);
    expect(fromWorkbook.stderr).not.toMatch(/made a return last period|no return last period/);
    await ok(['import', 'icb.xlsx', '-o', 'imported.yaml'], dir);
    expect(read(dir, 'imported.yaml')).toContain('formerNames:\n  - Borsetshire ICB\n');
    // A former name of another agency is still another agency: renamed back, the chain is kept, the new name never listed as former.
    await ok(['new', '--from', 'y3.yaml', '--org', 'Borsetshire ICB', '--period', '2026-27', '-o', 'y4.yaml'], dir);
    expect(read(dir, 'y4.yaml')).toContain('organisation: Borsetshire ICB\nformerNames:\n  - NHS Borsetshire and Felpersham ICB\n');
  });
});

describe('evidence carried forward and not updated (trial H #9)', () => {
  it('compare names the criteria rated differently on last period’s evidence, word for word', async () => {
    const dir = workspace();
    await ok(['new', '--framework', 'section-11@2007-2018', '--org', 'Felpersham Academy', '--period', '2024-25', '-o', 'y1.yaml'], dir);
    await ok(['rate', 'y1.yaml', 'COM-1', '--rating', '2', '--evidence', 'Head named as lead in 2023'], dir);
    await ok(['rate', 'y1.yaml', 'COM-2', '--rating', '2', '--evidence', 'Governors report, 2024'], dir);
    await ok(['rate', 'y1.yaml', 'RES-1', '--rating', '3', '--evidence', 'Policy reviewed 2024'], dir);
    await ok(['new', '--from', 'y1.yaml', '--period', '2025-26', '-o', 'y2.yaml'], dir);
    await ok(['rate', 'y2.yaml', 'COM-1', '--rating', '4'], dir); // last year's evidence, a better rating
    await ok(['rate', 'y2.yaml', 'COM-2', '--rating', '4', '--evidence', 'Governors report, 2025'], dir);
    await ok(['rate', 'y2.yaml', 'RES-1', '--rating', '3'], dir); // same rating, same evidence: nothing to ask
    const table = await ok(['compare', 'y1.yaml', 'y2.yaml'], dir);
    expect(table).toContain('Rated differently on the same evidence as last period, word for word (1): COM-1. Ask what changed.');
    const json = JSON.parse(await ok(['compare', 'y1.yaml', 'y2.yaml', '--format', 'json'], dir));
    expect(json.criteria.filter((c: { sameEvidence: boolean }) => c.sameEvidence).map((c: { criterion: string }) => c.criterion)).toEqual(['COM-1']);
  });
});
