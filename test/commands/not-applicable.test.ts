/**
 * "Not applicable", with a reason, and criteria by kind of organisation, as a user meets them:
 * the built CLI on real files. This file: making an audit with a kind, and reading it (gap,
 * plan, check, what is refused); not-applicable-cycle.test.ts: changing answers, moderation,
 * next year, the partnership view and the reports. The fixtures are described in
 * test/helpers/kinds.ts.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseCsvText } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { fixture, isCleanError, read, runAudit, workspace } from '../helpers/cli.js';
import { KINDS_AUDIT as AUDIT, kindsWorkspace, position, VOLUNTARY } from '../helpers/kinds.js';

describe('audit new --kind', () => {
  it('marks the criteria the kind does not answer not applicable, with the reason, in the file', async () => {
    const dir = kindsWorkspace();
    const made = await runAudit(['new', '--framework', './kinds-framework.yaml', '--org', 'Ambridge Scouts', '--kind', 'voluntary-community', '--period', '2026-27'], { cwd: dir });
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain(
      'Created ambridge-scouts-mini-kinds-2026-27.yaml: 6 criteria in 3 standards of mini-kinds, 2 to rate; 4 do not apply to voluntary, community or faith organisation and are marked not applicable.',
    );
    const text = read(dir, 'ambridge-scouts-mini-kinds-2026-27.yaml');
    expect(text).toContain('organisation: Ambridge Scouts\nkind: voluntary-community\n');
    expect(text).toContain(`  # L-2: The board receives a yearly safeguarding report.\n  L-2:\n    notApplicable: ${VOLUNTARY}\n`);
    expect(text).toContain('  L-1:\n  # L-2');
    expect(text).toContain('# Criteria that do not apply to its kind (Voluntary, community or faith organisation) are marked');

    const gap = JSON.parse((await runAudit(['gap', 'ambridge-scouts-mini-kinds-2026-27.yaml', '--format', 'json'], { cwd: dir })).stdout);
    expect(gap.kind).toEqual({ id: 'voluntary-community', label: 'Voluntary, community or faith organisation' });
    expect(gap.summary).toMatchObject({ criteria: 6, rated: 0, notAssessed: 2, notApplicable: 4 });
    expect(gap.notApplicable.map((n: { criterion: string }) => n.criterion)).toEqual(['L-2', 'W-2', 'W-3', 'A-1']);
  });

  it('says what --kind would do when a framework declares kinds, and refuses a kind it does not declare', async () => {
    const dir = kindsWorkspace({ 'mini-framework.yaml': fixture('mini-framework.yaml') });
    const without = await runAudit(['new', '--framework', './kinds-framework.yaml', '--org', 'Ambridge Council', '--period', '2026-27'], { cwd: dir });
    expect(without.code).toBe(0);
    expect(without.stderr).toBe(
      'note: mini-kinds declares kinds of organisation (local-authority, academy, voluntary-community); with --kind the criteria that do not apply to yours are marked not applicable\n',
    );
    const unknown = await runAudit(['new', '--framework', './kinds-framework.yaml', '--org', 'X', '--kind', 'Academy', '--period', '2026-27', '-o', 'x.yaml'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'audit: --kind: "Academy" is not a kind of organisation mini-kinds declares; its kinds are local-authority, academy, voluntary-community (did you mean academy?)\n',
    );
    const none = await runAudit(['new', '--framework', './mini-framework.yaml', '--org', 'X', '--kind', 'police', '--period', '2026-27', '-o', 'x.yaml'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('audit: --kind: mini declares no kinds of organisation, so an audit of it records none\n');
    expect(read(dir, 'audit.yaml')).toBe(AUDIT);
  });

  it('shows a framework’s kinds and what each criterion applies to', async () => {
    const { stdout } = await runAudit(['standards', 'show', 'kinds-framework.yaml'], { cwd: kindsWorkspace() });
    expect(stdout).toContain('Kinds of organisation (audit new --kind ID):\n  local-authority  Local authority: A county, unitary or metropolitan council');
    expect(stdout).toContain('  W-3  Staff are supervised.\n      Applies to: Local authority; Academy or free school\n');
  });
});

describe('audit gap with criteria not applicable', () => {
  it('gives counts that add up, the reasons, and each criterion’s status as JSON', async () => {
    const { code, stdout } = await runAudit(['gap', 'audit.yaml', '--format', 'json'], { cwd: kindsWorkspace() });
    expect(code).toBe(0);
    const gap = JSON.parse(stdout);
    expect(gap.summary).toEqual({ criteria: 6, rated: 2, notAssessed: 1, notApplicable: 3, meetingTarget: 1, belowTarget: 1, meanRating: 2.5, rag: 'amber' });
    expect(gap.standards.map((s: Record<string, unknown>) => [s.id, s.rated, s.notAssessed, s.notApplicable, s.meanRating, s.rag])).toEqual([
      ['LEAD', 1, 0, 1, 2, 'amber'],
      ['WORK', 1, 1, 1, 3, 'green'],
      ['ALLEG', 0, 0, 1, null, 'unrated'],
    ]);
    expect(gap.notAssessed).toEqual(['W-3']);
    expect(gap.notApplicable).toEqual([
      { criterion: 'L-2', reason: VOLUNTARY },
      { criterion: 'W-2', reason: 'We employ no paid staff: volunteers only' },
      { criterion: 'A-1', reason: 'Allegations are handled by the county Scout office,\nwhich refers them to the LADO.' },
    ]);
    const row = (id: string) => gap.criteria.find((c: { criterion: string }) => c.criterion === id);
    expect(row('W-2')).toMatchObject({ status: 'not-applicable', notApplicable: 'We employ no paid staff: volunteers only', rating: null, gap: 0, priority: null });
    expect(row('W-3')).toMatchObject({ status: 'not-assessed', notApplicable: null, moderation: { applicable: true, rating: null, by: 'Partnership panel' } });
    expect(row('L-1')).toMatchObject({ status: 'below-target', notApplicable: null });
  });

  it('shows them, with their reasons, in the table, Markdown and CSV', async () => {
    const dir = kindsWorkspace();
    const table = (await runAudit(['gap', 'audit.yaml'], { cwd: dir })).stdout;
    expect(table).toContain('; kind of organisation: Voluntary, community or faith organisation');
    expect(table).toContain('Overall: AMBER  2 of 6 criteria rated (1 not assessed, 3 not applicable), mean 2.50 on 1–4');
    expect(table).toMatch(/Standard\s+Mean\s+Rated\s+N\/A\s+Below\s+Min\s+RAG/);
    expect(table).toMatch(/3 Allegations against staff\s+·+\s+–\s+0\/1\s+1\s+0\s+–\s+N\/A\n/);
    expect(table).toContain('Not assessed (1): W-3');
    expect(table).toContain('Called not applicable, but a panel holds it applies (1): W-3 (Partnership panel: Volunteer leaders need supervision too)');
    expect(table).toMatch(/Not applicable \(3\): counted in no mean, gap or RAG\nCriterion\s+Reason\nL-2\s+does not apply to voluntary/);
    expect(table).toMatch(/A-1\s+Allegations are handled by the county Scout office, which refers them to the LADO\./);

    const markdown = (await runAudit(['gap', 'audit.yaml', '--format', 'markdown'], { cwd: dir })).stdout;
    expect(markdown).toContain('| Standard | Rated | Not applicable | Mean | Lowest | Below target | RAG |');
    expect(markdown).toContain('| 3. Allegations against staff | 0/1 | 1 | – | – | 0 | Not applicable |');
    expect(markdown).toContain('## Not applicable\n\nCounted in no mean, gap or RAG rating.');
    expect(markdown).toContain('| `W-2` | Safer recruitment checks are made for paid staff. | We employ no paid staff: volunteers only |');

    const rows = parseCsvText((await runAudit(['gap', 'audit.yaml', '--format', 'csv'], { cwd: dir })).stdout) as string[][];
    expect(rows[0]!.at(-1)).toBe('not_applicable_reason');
    const w2 = rows.find((r) => r[2] === 'W-2')!;
    expect([w2[4], w2[8], w2.at(-1)]).toEqual(['', 'not-applicable', 'We employ no paid staff: volunteers only']);
  });

  it('leaves them out of the plan, and lists them with their reasons', async () => {
    const dir = kindsWorkspace();
    const plan = JSON.parse((await runAudit(['plan', 'audit.yaml', '--format', 'json', '--as-of', '2026-01-01'], { cwd: dir })).stdout);
    expect(plan.summary).toMatchObject({ gaps: 1, notAssessed: 1, notApplicable: 3 });
    expect(plan.actions.map((a: { criterion: string }) => a.criterion)).toEqual(['L-1']);
    expect(plan.notApplicable[1]).toEqual({ criterion: 'W-2', standard: 'WORK', text: 'Safer recruitment checks are made for paid staff.', reason: 'We employ no paid staff: volunteers only' });
    const table = (await runAudit(['plan', 'audit.yaml', '--as-of', '2026-01-01'], { cwd: dir })).stdout;
    expect(table).toMatch(/Not applicable \(3\): no gap, so no action\nCriterion\s+Reason\nL-2\s+does not apply/);
    const markdown = (await runAudit(['plan', 'audit.yaml', '--format', 'markdown', '--as-of', '2026-01-01'], { cwd: dir })).stdout;
    expect(markdown).toContain('## Not applicable (3)');
    expect(markdown).toContain('| `A-1` | Allegations against staff are referred to the LADO within one working day. | Allegations are handled by the county Scout office, which refers them to the LADO. |');
  });
});

describe('audit check with criteria not applicable', () => {
  it('passes over them under --require-complete, failing only on what is not assessed', async () => {
    const dir = kindsWorkspace({ 'rated.yaml': AUDIT.replace('    notApplicable: Leaders supervise one another; there is no line management\n', '    rating: 3\n') });
    const json = await runAudit(['check', 'audit.yaml', '--require-complete', '--fail-on', 'none', '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(1);
    const result = JSON.parse(json.stdout);
    expect(result.reasons).toEqual([{ rule: 'require-complete', message: '1 criterion not assessed: W-3', standard: null, criteria: ['W-3'] }]);
    expect(result.criteria.find((c: { criterion: string }) => c.criterion === 'L-2')).toMatchObject({ outcome: 'not-applicable', notApplicable: VOLUNTARY, failsGate: false });

    const passed = await runAudit(['check', 'rated.yaml', '--require-complete'], { cwd: dir });
    expect(passed.stdout).toContain('Overall AMBER: 3 of 6 criteria rated (3 not applicable), mean 2.67 on 1–4');
    expect(passed.stdout).toContain(`Not applicable (3): L-2 (${VOLUNTARY}); W-2 (We employ no paid staff: volunteers only); A-1 (Allegations`);
    expect(passed.code).toBe(0);

    const markdown = (await runAudit(['check', 'rated.yaml', '--require-complete', '--format', 'markdown'], { cwd: dir })).stdout;
    expect(markdown).toContain('### Not applicable (3)');
    expect(markdown).toContain('| `W-2` Safer recruitment checks are made for paid staff. | We employ no paid staff: volunteers only |');
  });

  it('reports them to CI as skipped test cases whose message is the reason, whatever the gate', async () => {
    const dir = kindsWorkspace();
    const { code } = await runAudit(['check', 'audit.yaml', '--require-complete', '--format', 'junit', '-o', 'audit.xml'], { cwd: dir });
    expect(code).toBe(1);
    const xml = read(dir, 'audit.xml');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) }).parse(xml);
    expect(doc.testsuites).toMatchObject({ tests: '6', failures: '2', skipped: '3' });
    const cases = (doc.testsuites.testsuite as { testcase: { name: string; skipped?: { message: string }; failure?: { type: string } }[] }[]).flatMap((s) => s.testcase);
    const byId = (id: string) => cases.find((c) => c.name.startsWith(`${id}:`))!;
    expect(byId('W-2').skipped).toEqual({ message: 'not applicable: We employ no paid staff: volunteers only' });
    expect(byId('A-1').skipped).toEqual({ message: 'not applicable: Allegations are handled by the county Scout office, which refers them to the LADO.' });
    expect(byId('W-3').failure).toMatchObject({ type: 'not-assessed' });
    expect(byId('L-1').failure).toMatchObject({ type: 'below-target' });
  });
});

describe('refused: an answer that does not hold together', () => {
  const cases: [string, string, string, string][] = [
    [
      'a rating beside not applicable',
      AUDIT.replace('  W-2:\n', '  W-2:\n    rating: 3\n'),
      'notApplicable: "We',
      'W-2 has both a rating (3) and notApplicable: a criterion is either rated or not applicable; remove one',
    ],
    [
      'not applicable without a reason',
      AUDIT.replace('notApplicable: "We employ no paid staff: volunteers only"', 'notApplicable: "  "'),
      'notApplicable: "  "',
      'notApplicable of W-2 needs the reason the criterion does not apply, e.g. notApplicable: "We employ no staff; volunteers only"',
    ],
    [
      'an empty not applicable',
      AUDIT.replace('notApplicable: "We employ no paid staff: volunteers only"', 'notApplicable:'),
      'notApplicable:\n  W-3',
      'notApplicable of W-2 needs the reason the criterion does not apply, e.g. notApplicable: "We employ no staff; volunteers only"',
    ],
    [
      'an open action beside not applicable',
      AUDIT.replace('  W-2:\n', '  W-2:\n    action:\n      text: Recruit safely\n      status: open\n'),
      'action:\n      text: Recruit',
      'W-2 is marked not applicable but has an open improvement action: with no gap there is nothing to close; mark the action done or remove it',
    ],
    [
      'a panel’s rating beside not applicable, without a challenge',
      AUDIT.replace('      applicable: true\n', '      rating: 2\n'),
      'moderated:\n      rating: 2',
      'W-3 is marked not applicable but has a moderated rating: a panel rating it must challenge the not-applicable with "applicable: true" under moderated',
    ],
    ['a kind the framework does not declare', AUDIT.replace('kind: voluntary-community', 'kind: school'), 'school', 'kind: "school" is not a kind of organisation mini-kinds declares; its kinds are local-authority, academy, voluntary-community'],
  ];

  it.each(cases)('%s: exit 2, the file, line and column named, nothing changed', async (_what, text, needle, message) => {
    const dir = kindsWorkspace({ 'audit.yaml': text });
    // `rate` reads strictly, to edit; `gap` by the fast path first: both must refuse alike.
    for (const args of [['gap', 'audit.yaml'], ['rate', 'audit.yaml', 'L-1', '--rating', '3']]) {
      const { code, stdout, stderr } = await runAudit(args, { cwd: dir });
      expect(code, args[0]).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(`audit: audit.yaml:${position(text, needle)}: ${message}\n`);
      expect(isCleanError(stderr)).toBe(true);
    }
    expect(read(dir, 'audit.yaml')).toBe(text);
  });

  it('refuses a framework whose appliesTo names a kind it does not declare, at its line and column', async () => {
    const text = fixture('kinds-framework.yaml').replace(
      '        text: Staff are supervised.\n        appliesTo: [local-authority, academy]',
      '        text: Staff are supervised.\n        appliesTo: [local-authority, police]',
    );
    const dir = workspace({ 'f.yaml': text });
    const { code, stderr } = await runAudit(['standards', 'validate', 'f.yaml'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain(
      `f.yaml:${position(text, 'police]')}: appliesTo of W-3 names "police", which is not a kind the framework declares (local-authority, academy, voluntary-community)`,
    );
  });
});
