/**
 * "Not applicable" and kinds of organisation in Excel returns, as a voluntary group and its
 * partnership meet them: the built CLI on real workbooks, filled in as an agency would (typed
 * into cells and saved by another program), and every workbook read back with SheetJS.
 * The kinds fixtures are described in test/helpers/kinds.ts: a voluntary group answers L-1 and
 * W-1 alone.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixture, isCleanError, listFiles, read, runAudit, workspace } from '../helpers/cli.js';
import { kindsWorkspace, returnOf, VOLUNTARY } from '../helpers/kinds.js';
import { fillWorkbook, readWithSheetJS } from '../helpers/xlsx.js';
import { workbookParts } from '../helpers/zip.js';

const KINDS = ['Local authority', 'Academy or free school', 'Voluntary, community or faith organisation'];
/** The Return sheet's row of each criterion of the kinds framework. */
const ROW = { 'L-1': 2, 'L-2': 3, 'W-1': 4, 'W-2': 5, 'W-3': 6, 'A-1': 7 } as const;

interface AuditYaml {
  kind?: string;
  assessor?: string;
  responses: Record<string, { rating?: number; notApplicable?: string; evidence?: string; action?: Record<string, string> } | null>;
}

/** A blank return for Ambridge Scouts, a voluntary group (or of no kind), in a new folder with the kinds framework. */
async function scoutsReturn(kind: string[] = ['--kind', 'voluntary-community']): Promise<string> {
  const dir = kindsWorkspace();
  const made = await runAudit(['export', '--framework', './kinds-framework.yaml', '--org', 'Ambridge Scouts', '--period', '2025-26', ...kind, '-o', 'scouts.xlsx'], { cwd: dir });
  expect(made.code, made.stderr).toBe(0);
  return dir;
}

describe('audit export --kind', () => {
  it('sends what does not apply to the kind already marked Not applicable with its reason, and the kind chosen from a drop-down', async () => {
    const dir = await scoutsReturn();
    expect(listFiles(dir)).toContain('scouts.xlsx');
    const book = readWithSheetJS(join(dir, 'scouts.xlsx'));
    const rows = book.rows('Return');
    expect(rows[0]!.slice(4)).toEqual(['Rating', 'Evidence', 'Action', 'Owner', 'Due', 'Status', 'Why not applicable']);
    const byId = Object.fromEntries(rows.slice(1).map((r) => [r[1], r]));
    for (const id of ['L-2', 'W-2', 'W-3', 'A-1']) expect([byId[id]![4], byId[id]![10]], id).toEqual(['Not applicable', VOLUNTARY]);
    for (const id of ['L-1', 'W-1']) expect([byId[id]![4], byId[id]![10]], id).toEqual([null, null]);

    // The kind on the Instructions sheet, its drop-down the framework's kinds, and the Metadata the import checks against.
    expect([book.cell('Instructions', 'A9')?.v, book.cell('Instructions', 'B9')?.v]).toEqual(['Kind of organisation', 'Voluntary, community or faith organisation']);
    expect(book.rows('Lists').map((r) => r[2]).filter(Boolean)).toEqual(KINDS);
    expect(book.rows('Lists').map((r) => r[0])).toContain('Not applicable');
    const meta = Object.fromEntries(book.rows('Metadata').filter((r) => r[0]));
    expect(meta).toMatchObject({ formatVersion: '2', kind: 'voluntary-community' });
    expect(meta.notApplicableSent).toMatch(/^L-2:[0-9a-f]{12} W-2:[0-9a-f]{12} W-3:[0-9a-f]{12} A-1:[0-9a-f]{12}$/);
    expect(book.rows('Instructions').flat().join('\n')).toContain('choose Not applicable as its Rating and say why in the last column, Why not applicable; a reason is needed');

    const parts = new Map(workbookParts(join(dir, 'scouts.xlsx')).map((p) => [p.name, p.data.toString('utf8')]));
    expect(parts.get('xl/workbook.xml')).toContain('<definedName name="KindChoices">Lists!$C$1:$C$3</definedName>');
    expect(parts.get('xl/worksheets/sheet1.xml')).toMatch(/<dataValidation type="list"[^>]*sqref="B9"><formula1>KindChoices<\/formula1>/);
    const sheet = parts.get('xl/worksheets/sheet2.xml')!;
    // Rows marked Not applicable stand out; a reason at odds with its rating shows red before the return is sent.
    expect(sheet).toMatch(/<conditionalFormatting sqref="A2:K7"><cfRule type="expression" dxfId="\d+" priority="2"><formula>\$E2=&quot;Not applicable&quot;<\/formula>/);
    expect(sheet).toMatch(/<conditionalFormatting sqref="K2:K7">/);
    expect(sheet).toMatch(/<dataValidation type="custom"[^>]*sqref="K2:K7">/);
  });

  it('refuses a kind the framework does not declare, and a kind other than the audit records', async () => {
    const dir = kindsWorkspace({ 'mini-framework.yaml': fixture('mini-framework.yaml') });
    const unknown = await runAudit(['export', '--framework', './kinds-framework.yaml', '--org', 'X', '--period', '2025-26', '--kind', 'school'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('audit: --kind: "school" is not a kind of organisation mini-kinds declares; its kinds are local-authority, academy, voluntary-community\n');
    const other = await runAudit(['export', 'audit.yaml', '--kind', 'academy'], { cwd: dir });
    expect(other.code).toBe(2);
    expect(other.stderr).toBe(
      "audit: audit.yaml: records its kind of organisation as voluntary-community; the return goes out as the audit stands, so leave out --kind academy (or change the audit's kind first)\n",
    );
    expect(listFiles(dir)).toEqual(['audit.yaml', 'kinds-framework.yaml', 'mini-framework.yaml']);
  });
});

describe('audit import of a return with criteria not applicable', () => {
  it('reads back the kind and every not-applicable answer with its reason: one marked by the agency, pre-marked ones changed to ratings', async () => {
    const dir = await scoutsReturn();
    await fillWorkbook(join(dir, 'scouts.xlsx'), {
      cells: {
        'Instructions!B8': 'Akela',
        'Return!E2': '2 – Partly met',
        // Marked not applicable by the agency, its reason over two lines.
        'Return!E4': 'Not applicable',
        'Return!K4': 'Training is given by the county;\nwe keep its certificates',
        // Marked when sent; it applies after all: rated, and its reason cleared.
        'Return!E3': '3 – Met',
        'Return!K3': null,
        'Return!F3': 'Trustees receive the report each March.',
        // Rated too, the reason it went out with left in its cell: the rating is the agency's answer.
        'Return!E6': 2,
      },
    });
    const result = await runAudit(['import', 'scouts.xlsx', '-o', 'scouts.yaml'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Read scouts.xlsx: mini-kinds (edition 1), 6 criteria: 3 rated, 3 not applicable, 0 not assessed, 0 actions.');
    const text = read(dir, 'scouts.yaml');
    expect(text).toContain('organisation: Ambridge Scouts\nkind: voluntary-community\n');
    const audit = parse(text) as AuditYaml;
    expect(audit.assessor).toBe('Akela');
    expect(audit.responses).toEqual({
      'L-1': { rating: 2 },
      'L-2': { rating: 3, evidence: 'Trustees receive the report each March.' },
      'W-1': { notApplicable: 'Training is given by the county;\nwe keep its certificates' },
      'W-2': { notApplicable: VOLUNTARY },
      'W-3': { rating: 2 },
      'A-1': { notApplicable: VOLUNTARY },
    });

    // check reads the return itself: not applicable is neither a gap nor "not assessed", and JUnit skips it with its reason.
    const junit = await runAudit(['check', 'scouts.xlsx', '--require-complete', '--format', 'junit'], { cwd: dir });
    expect(junit.code, junit.stdout + junit.stderr).toBe(0);
    expect(junit.stdout).toContain('<skipped message="not applicable: Training is given by the county; we keep its certificates"/>');
    expect(junit.stdout.match(/<skipped /g)).toHaveLength(3);
  });

  it('reports every fault at its cell, at once (a blank reason, a reason beside a rating, an open action, an unknown kind), exit 2, nothing written', async () => {
    const dir = await scoutsReturn();
    await fillWorkbook(join(dir, 'scouts.xlsx'), {
      cells: {
        'Instructions!B9': 'Scout group',
        'Return!E2': 'N/A',
        'Return!K2': '   ',
        'Return!E3': '3',
        'Return!K3': 'We have no board, only a committee',
        'Return!E4': 'Not applicable',
        'Return!K4': 'No paid staff',
        'Return!G4': 'Train the new leaders',
        'Return!J4': 'In progress',
        'Return!E5': null,
        'Return!E6': 7,
      },
    });
    const result = await runAudit(['import', 'scouts.xlsx'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(isCleanError(result.stderr)).toBe(true);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'audit: scouts.xlsx: Instructions!B9: kind of organisation "Scout group" is not one that mini-kinds declares: choose from the list (Local authority; Academy or free school; Voluntary, community or faith organisation)',
      'audit: scouts.xlsx: Return!K2: L-1 is marked Not applicable but gives no reason: write here why it does not apply to your organisation',
      'audit: scouts.xlsx: Return!K3: L-2 is rated 3 – Met and also given a reason it does not apply: a criterion is either rated or not applicable, so clear this cell, or choose Not applicable as its rating',
      'audit: scouts.xlsx: Return!J4: W-1 is marked Not applicable but its improvement action is in progress: with no gap there is nothing to close, so set its Status to Done, or rate the criterion',
      'audit: scouts.xlsx: Return!K5: a reason W-2 does not apply is given, but its rating is not "Not applicable": choose Not applicable as its rating, or clear this cell if it applies',
      'audit: scouts.xlsx: Return!E6: rating 7 is not on the scale 1–4',
    ]);
    expect(listFiles(dir)).toEqual(['audit.yaml', 'kinds-framework.yaml', 'scouts.xlsx']);
  });

  it('reports the faults of a row\'s cells and of the row as a whole in one import, not one after another', async () => {
    const dir = await scoutsReturn();
    await fillWorkbook(join(dir, 'scouts.xlsx'), {
      cells: {
        // Not applicable with no reason and an open action: two faults of one row.
        'Return!E2': 'Not applicable',
        'Return!G2': 'Recruit a welfare officer',
        'Return!J2': 'Open',
        // A rating off the scale (a cell's fault) beside an owner with no action (the row's).
        'Return!E4': 7,
        'Return!H4': 'Group Scout Leader',
        // A status nobody offered: its own fault, and no second one about an "open" action at the same cell.
        'Return!E5': 'Not applicable',
        'Return!K5': 'No paid staff',
        'Return!G5': 'Old action',
        'Return!J5': 'Finished',
      },
    });
    const result = await runAudit(['import', 'scouts.xlsx'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'audit: scouts.xlsx: Return!J2: L-1 is marked Not applicable but its improvement action is open: with no gap there is nothing to close, so set its Status to Done, or rate the criterion',
      'audit: scouts.xlsx: Return!K2: L-1 is marked Not applicable but gives no reason: write here why it does not apply to your organisation',
      'audit: scouts.xlsx: Return!E4: rating 7 is not on the scale 1–4',
      'audit: scouts.xlsx: Return!G4: an owner, due date or status is given for W-1 but no action: write the action itself here',
      'audit: scouts.xlsx: Return!J5: status "Finished" is not one of Open (or Not started, To do), In progress (or Ongoing, Underway), Done (or Complete, Completed, Closed)',
    ]);
    expect(listFiles(dir)).toEqual(['audit.yaml', 'kinds-framework.yaml', 'scouts.xlsx']);
  });

  it('a kind chosen in a return sent without one marks what does not apply to it, as audit new --kind does', async () => {
    const dir = await scoutsReturn([]);
    const sent = readWithSheetJS(join(dir, 'scouts.xlsx'));
    expect(sent.cell('Instructions', 'B9')?.v).toBeUndefined();
    await fillWorkbook(join(dir, 'scouts.xlsx'), { cells: { 'Instructions!B9': 'Voluntary, community or faith organisation', 'Return!E2': 2, 'Return!E5': 'Not applicable', 'Return!K5': 'No paid staff' } });
    const result = await runAudit(['import', 'scouts.xlsx', '-o', 'scouts.yaml'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'The return names its kind as voluntary, community or faith organisation: 3 criteria left blank that do not apply to it are marked not applicable (L-2, W-3, A-1).',
    );
    const audit = parse(read(dir, 'scouts.yaml')) as AuditYaml;
    expect(audit.kind).toBe('voluntary-community');
    expect(audit.responses).toMatchObject({ 'L-1': { rating: 2 }, 'L-2': { notApplicable: VOLUNTARY }, 'W-1': null, 'W-2': { notApplicable: 'No paid staff' }, 'A-1': { notApplicable: VOLUNTARY } });

    // Into an audit of no kind: the kind is recorded where audit new writes it, and the same criteria marked.
    expect((await runAudit(['new', '--framework', './kinds-framework.yaml', '--org', 'Ambridge Scouts', '--period', '2025-26', '-o', 'none.yaml'], { cwd: dir })).code).toBe(0);
    const into = await runAudit(['import', 'scouts.xlsx', '--into', 'none.yaml'], { cwd: dir });
    expect(into.code, into.stderr).toBe(0);
    expect(into.stdout).toContain('Kind of organisation recorded: Voluntary, community or faith organisation.\n');
    expect(into.stdout).toContain('Recorded into none.yaml: 5 criteria changed.');
    const recorded = read(dir, 'none.yaml');
    expect(recorded).toContain('organisation: Ambridge Scouts\nkind: voluntary-community\n');
    expect((parse(recorded) as AuditYaml).responses).toEqual(audit.responses);
  });
});

describe('audit import --into, by the rules of audit rate', () => {
  it('records not applicable over a rating, a rating over not applicable, and a cleared mark as applying; the rest of the file untouched', async () => {
    const dir = kindsWorkspace();
    expect((await runAudit(['new', '--framework', './kinds-framework.yaml', '--org', 'Ambridge Scouts', '--kind', 'voluntary-community', '--period', '2025-26', '-o', 'scouts.yaml'], { cwd: dir })).code).toBe(0);
    expect((await runAudit(['rate', 'scouts.yaml', 'L-1', '--rating', '2', '--evidence', 'Named in the handbook'], { cwd: dir })).code).toBe(0);
    expect((await runAudit(['export', 'scouts.yaml'], { cwd: dir })).code).toBe(0);
    const before = read(dir, 'scouts.yaml');
    await fillWorkbook(join(dir, 'scouts.xlsx'), {
      cells: {
        'Return!E2': 'Not applicable',
        'Return!K2': 'The county names our lead',
        // W-2 applies after all, not yet assessed: both cells cleared.
        'Return!E5': null,
        'Return!K5': null,
        'Return!E6': 'Partly met',
        'Return!K6': null,
      },
    });
    const result = await runAudit(['import', 'scouts.xlsx', '--into', 'scouts.yaml'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Marked not applicable when sent, and applying now (not assessed until rated): W-2.');
    expect(result.stdout).toContain('Recorded into scouts.yaml: 3 criteria changed.');
    const text = read(dir, 'scouts.yaml');
    expect(text).toContain('  L-1:\n    notApplicable: The county names our lead\n    evidence: Named in the handbook\n');
    expect(text).toContain('  W-3:\n    rating: 2\n');
    // Not assessed: an empty answer (written `{}`, as audit rate --applicable leaves it).
    expect((parse(text) as AuditYaml).responses['W-2'] ?? {}).toEqual({});
    // Comments, the header and the answers not changed stay byte for byte.
    const untouched = (t: string) => t.split('\n').filter((line) => !/^ {4}|^ {2}(L-1|W-2|W-3):/.test(line));
    expect(untouched(text)).toEqual(untouched(before));

    // An open action the audit holds stands in the way of "not applicable" from a return sent blank, at the cell that mends it.
    expect((await runAudit(['rate', 'scouts.yaml', 'W-1', '--rating', '1', '--action', 'Train every leader'], { cwd: dir })).code).toBe(0);
    const rated = read(dir, 'scouts.yaml');
    expect((await runAudit(['export', '--framework', './kinds-framework.yaml', '--org', 'Ambridge Scouts', '--period', '2025-26', '-o', 'blank.xlsx'], { cwd: dir })).code).toBe(0);
    await fillWorkbook(join(dir, 'blank.xlsx'), { cells: { 'Return!E4': 'Not applicable', 'Return!K4': 'Training is the county’s' } });
    const refused = await runAudit(['import', 'blank.xlsx', '--into', 'scouts.yaml'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'audit: blank.xlsx: Return!J4: W-1 is marked Not applicable but its improvement action is open: with no gap there is nothing to close, so set its Status to Done, or rate the criterion\n',
    );
    expect(read(dir, 'scouts.yaml')).toBe(rated);
  });
});

describe('audit aggregate and check on returns with criteria not applicable', () => {
  it('count them as the YAML audits do, and the heat-map workbook shows N/A cells and each agency\'s count', async () => {
    const council = returnOf('Ambridge Council', 'local-authority', { 'L-1': 3, 'L-2': 4, 'W-1': 3, 'W-2': 2, 'W-3': 3, 'A-1': 4 });
    const scouts = returnOf('Ambridge Scouts', 'voluntary-community', { 'L-1': 2, 'L-2': VOLUNTARY, 'W-1': 3, 'W-2': 'We employ no paid staff, volunteers only', 'W-3': VOLUNTARY, 'A-1': VOLUNTARY });
    const dir = workspace({ 'kinds-framework.yaml': fixture('kinds-framework.yaml'), 'council.yaml': council, 'scouts.yaml': scouts });
    expect((await runAudit(['export', 'scouts.yaml'], { cwd: dir })).code).toBe(0);

    const [fromReturn, fromYaml] = await Promise.all([
      runAudit(['aggregate', 'council.yaml', 'scouts.xlsx', '--format', 'json'], { cwd: dir }),
      runAudit(['aggregate', 'council.yaml', 'scouts.yaml', '--format', 'json'], { cwd: dir }),
    ]);
    expect(fromReturn.code, fromReturn.stderr).toBe(0);
    const view = JSON.parse(fromReturn.stdout.replaceAll('scouts.xlsx', 'scouts.yaml'));
    expect(view).toEqual(JSON.parse(fromYaml.stdout));
    expect(view.agencies.find((a: { organisation: string }) => a.organisation === 'Ambridge Scouts').summary).toMatchObject({ rated: 2, notApplicable: 4, notAssessed: 0 });
    expect(view.notApplicable.map((n: { criterion: string; agenciesNotApplicable: number }) => [n.criterion, n.agenciesNotApplicable])).toEqual([
      ['L-2', 1],
      ['W-2', 1],
      ['W-3', 1],
      ['A-1', 1],
    ]);

    const heat = await runAudit(['aggregate', 'council.yaml', 'scouts.xlsx', '-o', 'heat.xlsx'], { cwd: dir });
    expect(heat.code, heat.stderr).toBe(0);
    const book = readWithSheetJS(join(dir, 'heat.xlsx'));
    const rows = book.rows('Heat map');
    expect(rows[0]!.slice(0, 10)).toEqual(['Agency', 'Kind', 'Period', 'Rated', 'Not applicable', 'Below target', 'Overall', '1. Leadership', '2. Workforce', '3. Allegations against staff']);
    expect(rows[2]!.slice(0, 6)).toEqual(['Ambridge Scouts', 'Voluntary, community or faith organisation', '2025-26', 2, 4, 1]);
    expect(rows[1]![4]).toBe(0);
    // No criterion of standard 3 applies to the scouts: N/A, in words and on its own fill, not "not rated".
    expect(book.cell('Heat map', 'J3')?.v).toBe('N/A');
    expect(book.cell('Heat map', 'J3')?.s).toMatchObject({ fgColor: { rgb: 'DDEBF7' } });
    expect(book.cell('Heat map', 'J2')?.w).toBe('4.00 GREEN');
    const notApplicable = book.rows('Not applicable');
    expect(notApplicable[0]).toEqual(['Criterion', 'Standard', 'Statement', 'Agencies not applicable', 'Agencies and their reasons']);
    expect(notApplicable.slice(1).map((r) => [r[0], r[3]])).toEqual([
      ['L-2', 1],
      ['W-2', 1],
      ['W-3', 1],
      ['A-1', 1],
    ]);
    expect(notApplicable[2]![4]).toBe('Ambridge Scouts: We employ no paid staff, volunteers only');

    const check = await runAudit(['check', 'scouts.xlsx', '--require-complete', '--fail-on', 'none'], { cwd: dir });
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });
});
