/**
 * "Not applicable", with a reason, as the cycle of an audit meets it, through the built CLI:
 * recording and clearing it, a panel's challenge, carrying it to next year, comparing years,
 * the partnership view and both PDF reports (read back with a PDF library). The fixtures are
 * described in test/helpers/kinds.ts.
 */
import { parse as parseCsvText } from 'csv-parse/sync';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { read, runAudit } from '../helpers/cli.js';
import { KINDS_AUDIT as AUDIT, kindsWorkspace, returnOf, VOLUNTARY } from '../helpers/kinds.js';
import { flat, readPdf } from '../helpers/pdf.js';
import { fillWorkbook, readWithSheetJS } from '../helpers/xlsx.js';

describe('audit rate', () => {
  it('records not applicable with a reason in place of a rating, and a rating in place of not applicable', async () => {
    const dir = kindsWorkspace();
    const na = await runAudit(['rate', 'audit.yaml', 'W-1', '--not-applicable', '  Volunteers only;\n no staff  '], { cwd: dir });
    expect(na.stdout).toBe('W-1 is not applicable: Volunteers only; no staff; it counts in no mean, gap or RAG\n');
    expect(na.code).toBe(0);
    expect(read(dir, 'audit.yaml')).toBe(AUDIT.replace('  W-1:\n    rating: 3\n', '  W-1:\n    notApplicable: Volunteers only; no staff\n'));

    const rated = await runAudit(['rate', 'audit.yaml', 'W-2', '--rating', '2'], { cwd: dir });
    expect(rated.stdout).toBe(
      'W-2 was marked not applicable (We employ no paid staff: volunteers only); it applies now.\n' +
        'W-2 rated 2 (Partly met): 1 below its target of 3, medium priority; no improvement action yet (add one with --action TEXT --owner NAME --due YYYY-MM-DD)\n',
    );
    expect(read(dir, 'audit.yaml')).toContain('  W-2:\n    rating: 2\n  W-3:');

    const cleared = await runAudit(['rate', 'audit.yaml', 'L-2', '--applicable'], { cwd: dir });
    expect(cleared.stdout).toBe(`L-2 was marked not applicable (${VOLUNTARY}); it applies now.\nL-2: not yet rated\n`);
    const gap = JSON.parse((await runAudit(['gap', 'audit.yaml', '--format', 'json'], { cwd: dir })).stdout);
    expect(gap.summary).toMatchObject({ rated: 2, notAssessed: 2, notApplicable: 2 });
  });

  it('refuses a blank reason, a reason with a rating, and not applicable beside an open action unless it is marked done', async () => {
    const withAction = AUDIT.replace('    evidence: Named in the group handbook.\n', '    evidence: Named in the group handbook.\n    action:\n      text: Name a deputy\n');
    const dir = kindsWorkspace({ 'audit.yaml': withAction });
    const blank = await runAudit(['rate', 'audit.yaml', 'L-1', '--not-applicable', ' '], { cwd: dir });
    expect([blank.code, blank.stderr]).toEqual([2, 'audit: --not-applicable needs the reason the criterion does not apply, e.g. --not-applicable "We employ no staff; volunteers only"\n']);
    const both = await runAudit(['rate', 'audit.yaml', 'L-1', '--not-applicable', 'No board', '--rating', '2'], { cwd: dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give --rating or --not-applicable, not both');
    const open = await runAudit(['rate', 'audit.yaml', 'L-1', '--not-applicable', 'No board'], { cwd: dir });
    expect(open.code).toBe(2);
    expect(open.stderr).toBe(
      'audit: audit.yaml: L-1 has an open improvement action (status open); a criterion that does not apply has no gap to close, ' +
        'so mark the action done in the same command (--status done), or remove it from the file, first; nothing was changed\n',
    );
    expect(read(dir, 'audit.yaml')).toBe(withAction);
    const done = await runAudit(['rate', 'audit.yaml', 'L-1', '--not-applicable', 'No board', '--status', 'done'], { cwd: dir });
    expect(done.code).toBe(0);
    expect(read(dir, 'audit.yaml')).toContain('  L-1:\n    notApplicable: No board\n    evidence: Named in the group handbook.\n    action:\n      text: Name a deputy\n      status: done\n');
  });
});

describe('audit import --into', () => {
  it('lets a rating in the returned workbook replace a not-applicable answer, as audit rate does', async () => {
    const dir = kindsWorkspace();
    expect((await runAudit(['export', 'audit.yaml', '-o', 'return.xlsx'], { cwd: dir })).code).toBe(0);
    const rows = readWithSheetJS(join(dir, 'return.xlsx')).rows('Return');
    const header = rows.findIndex((r) => r.includes('Rating'));
    const row = rows.findIndex((r) => r.includes('W-2')) + 1;
    const column = String.fromCharCode(65 + rows[header]!.indexOf('Rating'));
    await fillWorkbook(join(dir, 'return.xlsx'), { cells: { [`Return!${column}${row}`]: 2 } });
    const imported = await runAudit(['import', 'return.xlsx', '--into', 'audit.yaml'], { cwd: dir });
    expect(imported.code, imported.stderr).toBe(0);
    expect(read(dir, 'audit.yaml')).toContain('  W-2:\n    rating: 2\n  W-3:');
    expect((await runAudit(['gap', 'audit.yaml', '--format', 'json'], { cwd: dir })).code).toBe(0);
  });
});

describe('audit moderate --applicable', () => {
  it('challenges a not applicable, so that it counts as applicable; --clear lets it stand again', async () => {
    const dir = kindsWorkspace();
    const challenge = await runAudit(['moderate', 'audit.yaml', 'W-2', '--applicable', '--note', 'Sessional coaches are paid', '--by', 'Partnership panel', '--date', '2026-05-12'], { cwd: dir });
    expect(challenge.stdout).toBe(
      'W-2: Partnership panel holds that it applies, though it was marked not applicable (We employ no paid staff: volunteers only); it counts as applicable and not assessed until rated\n',
    );
    expect(read(dir, 'audit.yaml')).toContain(
      '    notApplicable: "We employ no paid staff: volunteers only"\n    moderated:\n      applicable: true\n      note: Sessional coaches are paid\n      by: Partnership panel\n      date: 2026-05-12\n',
    );
    let gap = JSON.parse((await runAudit(['gap', 'audit.yaml', '--format', 'json'], { cwd: dir })).stdout);
    expect(gap.summary).toMatchObject({ rated: 2, notAssessed: 2, notApplicable: 2 });

    const rated = await runAudit(['moderate', 'audit.yaml', 'W-2', '--applicable', '--rating', '1', '--note', 'No checks for coaches', '--by', 'Partnership panel'], { cwd: dir });
    expect(rated.stdout).toBe(
      'W-2: Partnership panel holds that it applies, though it was marked not applicable (We employ no paid staff: volunteers only); rated 1: 2 below its target of 3, high priority\n',
    );
    gap = JSON.parse((await runAudit(['gap', 'audit.yaml', '--format', 'json'], { cwd: dir })).stdout);
    expect(gap.gaps.find((g: { criterion: string }) => g.criterion === 'W-2')).toMatchObject({ rating: 1, selfRating: null, moderation: { rating: 1, applicable: true } });
    expect((await runAudit(['gap', 'audit.yaml'], { cwd: dir })).stdout).toMatch(/HIGH\s+W-2\s+1 \(moderated; self: not applicable\) → 3/);

    const cleared = await runAudit(['moderate', 'audit.yaml', 'W-2', '--clear'], { cwd: dir });
    expect(cleared.stdout).toBe('Removed the moderated rating of W-2 (1 by Partnership panel); its not-applicable answer stands again (We employ no paid staff: volunteers only)\n');
    expect(read(dir, 'audit.yaml')).toBe(AUDIT);
  });

  it('refuses to challenge what is not marked not applicable, and to rate what is without a challenge', async () => {
    const dir = kindsWorkspace();
    const notNa = await runAudit(['moderate', 'audit.yaml', 'L-1', '--applicable', '--note', 'x', '--by', 'P'], { cwd: dir });
    expect([notNa.code, notNa.stderr]).toEqual([
      2,
      'audit: audit.yaml: L-1 is not marked not applicable, so there is nothing to challenge; to moderate its rating, give --rating without --applicable\n',
    ]);
    const na = await runAudit(['moderate', 'audit.yaml', 'W-2', '--rating', '2', '--note', 'x', '--by', 'P'], { cwd: dir });
    expect([na.code, na.stderr]).toEqual([
      2,
      'audit: audit.yaml: W-2 is marked not applicable (We employ no paid staff: volunteers only); a panel that holds it applies says so with --applicable (and may rate it with --rating)\n',
    ]);
    expect(read(dir, 'audit.yaml')).toBe(AUDIT);
  });
});

describe('audit new --from', () => {
  it('carries not applicable with its reason and the kind, and leaves a challenged one to be rated', async () => {
    const dir = kindsWorkspace();
    const { code, stdout } = await runAudit(['new', '--from', 'audit.yaml', '--period', '2026-27', '-o', 'next.yaml'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('Not applicable: 3 carried with their reasons (answer any with audit rate next.yaml ID --rating N).');
    const text = read(dir, 'next.yaml');
    expect(text).toContain('kind: voluntary-community\n');
    expect(text).toContain('  W-2:\n    notApplicable: "We employ no paid staff: volunteers only"\n');
    expect(text).toContain('  A-1:\n    notApplicable: |-\n      Allegations are handled by the county Scout office,\n      which refers them to the LADO.\n');
    // Challenged by the panel: to be rated afresh, the organisation's reason kept in the evidence (trial H #1).
    expect(text).toMatch(/  W-3:\n    rating:\n    evidence: "\[not applicable in 2025-26 \(Leaders supervise one another; [^\n]*the partnership panel held that it applies: rate it\]"\n\n  # ── Standard 3/);
    expect(stdout).toContain('Not applicable last period, but the panel held it applies: W-3');
  });
});

describe('audit compare', () => {
  it('shows what became not applicable, with the reason, and counts it apart', async () => {
    const next = AUDIT.replace('period: 2025-26', 'period: 2026-27')
      .replace('  W-1:\n    rating: 3\n', '  W-1:\n    notApplicable: Training is given by the county\n')
      .replace(`  L-2:\n    notApplicable: ${VOLUNTARY}\n`, '  L-2:\n    rating: 3\n');
    const dir = kindsWorkspace({ 'next.yaml': next });
    const json = JSON.parse((await runAudit(['compare', 'audit.yaml', 'next.yaml', '--format', 'json'], { cwd: dir })).stdout);
    expect(json.counts).toMatchObject({ new: 1, 'not-applicable': 3, 'not-assessed': 1 });
    expect([json.before.notApplicable, json.after.notApplicable]).toEqual([3, 3]);
    const row = (id: string) => json.criteria.find((c: { criterion: string }) => c.criterion === id);
    expect(row('W-1')).toMatchObject({ before: 3, after: null, change: 'not-applicable', notApplicable: { before: null, after: 'Training is given by the county' } });
    expect(row('L-2')).toMatchObject({ before: null, after: 3, change: 'new', notApplicable: { before: VOLUNTARY, after: null } });

    const table = (await runAudit(['compare', 'audit.yaml', 'next.yaml'], { cwd: dir })).stdout;
    expect(table).toMatch(/L-2\s+N\/A\s+3\s+\+ new/);
    expect(table).toMatch(/W-1\s+3\s+N\/A\s+· not applicable/);
    expect(table).toMatch(/Not applicable now \(3\)\nCriterion\s+Reason\nW-1\s+Training is given by the county/);
    const markdown = (await runAudit(['compare', 'audit.yaml', 'next.yaml', '--format', 'markdown'], { cwd: dir })).stdout;
    expect(markdown).toContain('| `W-1` | Everyone who works with children is trained in safeguarding. | Training is given by the county | Rated 3 |');
  });
});

describe('audit aggregate', () => {
  function returns(): string {
    return kindsWorkspace({
      'council.yaml': returnOf('Borsetshire Council', 'local-authority', { 'L-1': 3, 'L-2': 2, 'W-1': 4, 'W-2': 3, 'W-3': 2, 'A-1': 3 }),
      'academy.yaml': returnOf("St Mary's Academy", 'academy', { 'L-1': 4, 'L-2': 4, 'W-1': 4, 'W-2': 3, 'W-3': 3, 'A-1': 'The trust handles allegations centrally' }),
    });
  }

  it('counts, per criterion, the agencies that called it not applicable, and leaves those out of every mean', async () => {
    const dir = returns();
    const view = JSON.parse((await runAudit(['aggregate', 'audit.yaml', 'council.yaml', 'academy.yaml', '--format', 'json'], { cwd: dir })).stdout);
    expect(view.notApplicable.map((n: { criterion: string; agenciesNotApplicable: number }) => [n.criterion, n.agenciesNotApplicable])).toEqual([
      ['A-1', 2],
      ['L-2', 1],
      ['W-2', 1],
    ]);
    expect(view.notApplicable[0].agencies).toEqual([
      { organisation: 'Ambridge Scouts', file: 'audit.yaml', reason: 'Allegations are handled by the county Scout office,\nwhich refers them to the LADO.', byKind: false },
      { organisation: "St Mary's Academy", file: 'academy.yaml', reason: 'The trust handles allegations centrally', byKind: false },
    ]);
    const academy = view.agencies.find((a: { organisation: string }) => a.organisation === "St Mary's Academy");
    expect(academy.summary).toMatchObject({ rated: 5, notApplicable: 1, meanRating: 3.6 });
    expect(academy.kind).toEqual({ id: 'academy', label: 'Academy or free school' });
    // Standard ALLEG: only the council rated it, so the partnership mean is the council's.
    expect(view.standards.find((s: { id: string }) => s.id === 'ALLEG')).toMatchObject({ meanRating: 3, agenciesRated: 1 });
    expect(view.shortfalls.find((f: { criterion: string }) => f.criterion === 'L-2')).toMatchObject({ agenciesBelowTarget: 1, agenciesRated: 2, agenciesNotApplicable: 1 });
  });

  it('shows the same in the table, Markdown and CSV', async () => {
    const dir = returns();
    const args = ['aggregate', 'audit.yaml', 'council.yaml', 'academy.yaml'];
    const table = (await runAudit(args, { cwd: dir })).stdout;
    expect(table).toMatch(/St Mary's Academy\s+4\.0 G\s+3\.3 G\s+N\/A\s+3\.6 G/);
    expect(table).toMatch(/Not applicable to some agencies \(not for their kind, or judged so by them\), counted in no mean or RAG\nAgencies\s+Criterion\s+Statement\n\s+2 of 3\s+A-1\s+Allegations against staff/);
    const markdown = (await runAudit([...args, '--format', 'markdown'], { cwd: dir })).stdout;
    expect(markdown).toContain('## Criteria not applicable to some agencies');
    expect(markdown).toContain("| `A-1` | Allegations against staff are referred to the LADO within one working day. | 2 of 3 | Ambridge Scouts: Allegations are handled by the county Scout office, which refers them to the LADO.<br>St Mary's Academy: The trust handles allegations centrally |");
    const csv = (await runAudit([...args, '--format', 'csv'], { cwd: dir })).stdout;
    const rows = parseCsvText(csv.replace(/^\ufeff/, ''), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.organisation, r.not_applicable, r.not_applicable_criteria, r.kind])).toEqual([
      ['Ambridge Scouts', '3', 'A-1; L-2; W-2', 'voluntary-community'],
      ['Borsetshire Council', '0', '', 'local-authority'],
      ["St Mary's Academy", '1', 'A-1', 'academy'],
    ]);
  });

  it('shows them in the partnership report: reasons in Part 2, left out of Part 1', async () => {
    const dir = returns();
    const args = ['aggregate', 'audit.yaml', 'council.yaml', 'academy.yaml', '-o'];
    expect((await runAudit([...args, 'part2.pdf'], { cwd: dir })).code).toBe(0);
    expect((await runAudit([...args, 'part1.pdf', '--public', '--background-paper', 'none'], { cwd: dir })).code).toBe(0);
    const part2 = flat((await readPdf(join(dir, 'part2.pdf'))).text);
    // L-2 is not for the Scouts' kind, with the reason written for it; the rest they judged not applicable themselves.
    expect(part2).toContain("One agency’s kind of organisation is not asked by the framework to answer one of its criteria, which does not apply to it. 2 agencies judged criteria not applicable to them, giving their reasons: 2 criteria in all.");
    expect(part2).toMatch(/A-1 Allegations against staff are referred to the LADO within one working day\. Standard 3\. Allegations against staff – 2 of 3 Ambridge Scouts; St Mary's Academy/);
    expect(part2).toContain('Judged not applicable by the agency (1): A-1 (The trust handles allegations centrally).');
    expect(part2).toContain('Not for its kind of organisation (1): L-2 (does not apply to voluntary, community or faith organisation).');
    expect(part2).toContain('Judged not applicable by the agency (2): W-2 (We employ no paid staff: volunteers only);');
    expect(part2).toContain('N/A: no criterion in the standard applies to the agency');
    const part1 = flat((await readPdf(join(dir, 'part1.pdf'))).text);
    expect(part1).toContain('Judged not applicable by the agency (1): A-1.');
    expect(part1).toContain('Not for its kind of organisation (1): L-2. • Judged not applicable by the agency (2): W-2; A-1.');
    expect(part1).not.toContain('The trust handles allegations centrally');
    expect(part1).not.toContain('volunteers only');
  });
});

describe('audit report', () => {
  it('shows criteria not applicable with their reasons in a Part 2 report, and without them in a public one', async () => {
    const dir = kindsWorkspace();
    expect((await runAudit(['report', 'audit.yaml', '-o', 'part2.pdf', '--as-of', '2026-01-01'], { cwd: dir })).code).toBe(0);
    expect((await runAudit(['report', 'audit.yaml', '-o', 'part1.pdf', '--public', '--background-paper', 'none', '--as-of', '2026-01-01'], { cwd: dir })).code).toBe(0);
    const part2 = flat((await readPdf(join(dir, 'part2.pdf'))).text);
    expect(part2).toContain('Criteria rated: 2; not assessed: 1; not applicable: 3');
    expect(part2).toContain('Not applicable (1): W-2 (We employ no paid staff: volunteers only).');
    expect(part2).toContain('No criterion of this standard applies to Ambridge Scouts.');
    expect(part2).toContain('Standard 3: Allegations against staff (Not applicable)');
    expect(part2).toContain('3. Allegations against staff 0/1 1 – 3 0 N/A');
    expect(part2).toMatch(/W-2 Safer recruitment checks are made for paid staff\. Not applicable: We employ no paid staff: volunteers only Evidence: No evidence recorded Not applicable 3/);
    // W-3: the panel's challenge overturned the not-applicable, so both answers are shown.
    expect(part2).toMatch(/W-3 Staff are supervised\. Not applicable: Leaders supervise one another; there is no line management .*Not assessed Self-rating: Not applicable moderated by Partnership panel/);
    const part1 = flat((await readPdf(join(dir, 'part1.pdf'))).text);
    expect(part1).toContain('Not applicable (1): W-2.');
    expect(part1).toMatch(/W-2 Safer recruitment checks are made for paid staff\. Not applicable 3/);
    expect(part1).toContain('and so are the reasons given for criteria marked not applicable');
    expect(part1).not.toContain('volunteers only');
    expect(part1).not.toContain('county Scout office');
  });
});
