/**
 * Crosswalks as a user meets them: the bundled ones shown and checked, a council's own kept
 * beside its frameworks, their faults, and audits carried, compared and aggregated across them.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, isCleanError, read, ROOT, runAudit, workspace } from '../helpers/cli.js';
import { dictionaryStrings, flat, readPdf } from '../helpers/pdf.js';
import { readWithSheetJS } from '../helpers/xlsx.js';

/** Edition 2 of the mini framework: W-3 (supervision) became W-4 (supervision and training). */
const MINI_V1 = fixture('mini-framework.yaml');
const MINI_V2 = MINI_V1.replace('version: "1"', 'version: "2"\nsupersedes: "1"').replace(
  '      - id: W-3\n        text: Staff are supervised.\n',
  '      - id: W-4\n        text: Staff are supervised and their practice reviewed.\n',
);
const CROSSWALK = `# a council's own crosswalk
from: { framework: mini, version: "1" }
to: { framework: mini, version: "2" }
sources:
  - title: Our guidance
mappings:
  - { from: L-1, to: L-1, relationship: equal }
  - { from: L-2, to: L-2, relationship: equal }
  - { from: W-1, to: W-1, relationship: equal }
  - { from: W-2, to: W-2, relationship: equal }
  - from: W-3
    to: W-4
    relationship: subset
    rationale: W-4 adds reviews of practice.
`;

const LAST = fixture('mini-audit.yaml')
  .replace('framework: ./mini-framework.yaml', 'framework: mini\nframeworkVersion: "1"')
  .replace(/  W-2:\n$/, '  W-2:\n  W-3:\n    rating: 2\n    evidence: Monthly supervision for social workers only.\n    action:\n      text: Extend supervision to all staff\n');

/** A council's library (mini@1, mini, their crosswalk) on AUDIT_STANDARDS_PATH, and files beside it. */
function council(files: Record<string, string> = {}, crosswalk = CROSSWALK): { dir: string; env: Record<string, string> } {
  const dir = workspace(files);
  mkdirSync(join(dir, 'lib', 'crosswalks'), { recursive: true });
  writeFileSync(join(dir, 'lib', 'mini@1.yaml'), MINI_V1);
  writeFileSync(join(dir, 'lib', 'mini.yaml'), MINI_V2);
  writeFileSync(join(dir, 'lib', 'crosswalks', 'mini-1-to-2.yaml'), crosswalk);
  return { dir, env: { AUDIT_STANDARDS_PATH: join(dir, 'lib') } };
}

describe('audit standards map', () => {
  it('shows a bundled crosswalk with how comparable the editions are, in either direction and every format', async () => {
    const [table, json, back, csv, markdown] = await Promise.all([
      runAudit(['standards', 'map', 'section-11@2007-2018', 'section-11']),
      runAudit(['standards', 'map', 'section-11@2007-2018', 'section-11', '--format', 'json']),
      runAudit(['standards', 'map', 'section-11', 'section-11@2007-2018', '--format', 'json']),
      runAudit(['standards', 'map', 'section-11@2007-2018', 'section-11', '--format', 'csv']),
      runAudit(['standards', 'map', 'section-11@2007-2018', 'section-11', '--format', 'markdown']),
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Crosswalk: section-11@2007-2018 → section-11@2023\n');
    expect(table.stdout).toContain('From bundled crosswalks/section-11@2007-2018--section-11@2023.yaml.\n');
    expect(table.stdout).toContain('Comparable: 47 of 53 criteria of section-11@2007-2018 and 47 of 66 of section-11@2023 have an equal counterpart (their ratings carry across).');
    expect(table.stdout).toMatch(/^ALG-2 +subset +ALG-5 +Both require allegations/m);
    expect(table.stdout).toContain('Nothing in section-11@2007-2018 maps to these criteria of section-11@2023 (8):\n  REC-6  Ongoing safe working practices');

    const view = JSON.parse(json.stdout);
    expect(view.matchedBy).toBe('crosswalk');
    expect(view.coverage.from).toMatchObject({ criteria: 53, equal: 47, mapped: 53, none: [], unmapped: [] });
    expect(view.pairs.find((p: { from: string }) => p.from === 'ALG-2')).toMatchObject({ to: 'ALG-5', relationship: 'subset', fromStandard: 'ALG', toStandard: 'ALG' });
    expect(view.crosswalk.sources.length).toBeGreaterThan(2);

    // Read backwards, each relationship is inverted and the crosswalk says so.
    const reversed = JSON.parse(back.stdout);
    expect(reversed.crosswalk.reversed).toBe(true);
    expect(reversed.pairs.find((p: { from: string }) => p.from === 'ALG-5')).toMatchObject({ to: 'ALG-2', relationship: 'superset' });

    const rows = parseCsv(csv.stdout, { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['from', 'from_standard', 'from_text', 'relationship', 'to', 'to_standard', 'to_text', 'rationale']);
    expect(rows.filter((r) => r.relationship === 'none').map((r) => r.to)).toEqual(['REC-6', 'CUL-3', 'ALG-6', 'IDN-1', 'IDN-2', 'IDN-3', 'IDN-4', 'IDN-5']);
    expect(markdown.stdout).toMatch(/^# Crosswalk: `section-11@2007-2018` → `section-11@2023`$/m);
    expect(markdown.stdout).toContain('**Written from:**');
  });

  it('matches editions no crosswalk joins by criterion id, and refuses two frameworks none joins', async () => {
    const byIds = JSON.parse((await runAudit(['standards', 'map', 'working-together-2023@2023', 'working-together-2023', '--format', 'json'])).stdout);
    expect(byIds.matchedBy).toBe('criterion-ids');
    expect(byIds.crosswalk).toBeNull();
    expect(byIds.coverage.from.equal).toBe(16);
    const none = await runAudit(['standards', 'map', 'climbie-2003', 'kcsie-2025']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      'audit: no crosswalk joins climbie-2003@2003 and kcsie-2025@2025 (looked in the bundled library; keep your own in a crosswalks folder inside a directory of AUDIT_STANDARDS_PATH)\n',
    );
    const same = await runAudit(['standards', 'map', 'section-11', 'section-11@2023']);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/are the same edition \(section-11@2023\)/);
  });

  it("uses a council's own crosswalk kept beside its frameworks", async () => {
    const { dir, env } = council();
    const { code, stdout } = await runAudit(['standards', 'map', 'mini@1', 'mini'], { cwd: dir, env });
    expect(code).toBe(0);
    expect(stdout).toContain('From lib/crosswalks/mini-1-to-2.yaml.');
    expect(stdout).toMatch(/^W-3 +subset +W-4 +W-4 adds reviews of practice\.$/m);
  });
});

describe('audit standards validate, for crosswalks', () => {
  it('passes every bundled crosswalk strictly, and lists them with the library', async () => {
    const files = readdirSync(join(ROOT, 'standards/crosswalks')).map((name) => `standards/crosswalks/${name}`);
    expect(files.length).toBe(3);
    const strict = await runAudit(['standards', 'validate', '--strict', ...files]);
    expect(strict.stderr).toBe('');
    expect(strict.code).toBe(0);
    expect(strict.stdout).toContain(
      'standards/crosswalks/section-11@2023--working-together-2023@2023-amended-2024-02.yaml: valid (crosswalk section-11@2023 → working-together-2023@2023-amended-2024-02: 66 → 21 criteria; 0 equal,',
    );
  });

  it('lists every fault of a crosswalk at its line and column, exit 2', async () => {
    const faulty = `from: { framework: mini, version: "1" }
to: { framework: mini, version: "2" }
mappings:
  - { from: L-1, to: L-1, relationship: equal }
  - { from: L-1, to: L-1, relationship: subset }
  - { from: X-9, to: L-2, relationship: equal }
  - { from: W-4, to: W-4, relationship: equal }
  - { from: W-1, relationship: none }
  - { from: W-1, to: W-1, relationship: equal }
  - { from: W-2, to: W-2, relationship: equal }
  - { from: W-2, to: W-4, relationship: equal }
`;
    const { dir, env } = council({ 'ours.yaml': faulty });
    const { code, stdout, stderr } = await runAudit(['standards', 'validate', 'ours.yaml'], { cwd: dir, env });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      [
        'ours.yaml:5:41: L-1 → L-1 is mapped twice with conflicting relationships: subset here, equal at item 1 of mappings',
        'ours.yaml:6:13: unknown criterion "X-9": mini@1 has no such criterion, nor has mini@2',
        'ours.yaml:7:13: unknown criterion "W-4": mini@1 has no such criterion: it is a criterion of mini@2, the to side',
        'ours.yaml:9:13: W-1 is given a counterpart here, but item 5 of mappings says it has none: keep one of the two',
        'ours.yaml:11:41: W-2 is equal to both W-2 (item 7) and W-4: a criterion is equal to one counterpart at most (equal means the same statement); make the others subset, superset or intersects',
        '1 of 1 file(s) invalid',
        '',
      ].join('\n'),
    );
    expect(isCleanError(stderr)).toBe(true);
  });

  it('refuses an edition that is not available, and a relationship not in the model', async () => {
    const { dir, env } = council({
      'gone.yaml': CROSSWALK.replace('to: { framework: mini, version: "2" }', 'to: { framework: mini, version: "3" }'),
      'other.yaml': CROSSWALK.replace('from: { framework: mini, version: "1" }', 'from: { framework: maxi, version: "1" }'),
      'word.yaml': CROSSWALK.replace('relationship: subset', 'relationship: same'),
    });
    const { code, stderr } = await runAudit(['standards', 'validate', 'gone.yaml', 'other.yaml', 'word.yaml'], { cwd: dir, env });
    expect(code).toBe(2);
    expect(stderr).toContain("gone.yaml:3:33: edition 3 of mini is not available; available: 2 (current), 1: the crosswalk's to edition must be one of them\n");
    expect(stderr).toMatch(/^other\.yaml:2:20: unknown framework "maxi": the crosswalk's from edition is not available \(frameworks: ceo-briefing-2009, .*, mini\)$/m);
    expect(stderr).toContain('word.yaml:13:19: "relationship" must be one of equal, subset, superset, intersects, none, not "same"\n');
  });

  it('says which criteria are not in a crosswalk, and with --strict refuses it', async () => {
    const partial = CROSSWALK.replace(/  - from: W-3\n[\s\S]*$/, '');
    const { dir, env } = council({ 'partial.yaml': partial });
    const loose = await runAudit(['standards', 'validate', 'partial.yaml'], { cwd: dir, env });
    expect(loose.code).toBe(0);
    expect(loose.stderr).toBe(
      'partial.yaml: note: 1 criterion of mini@1 is not in the crosswalk: W-3. Give each its counterparts, or a row "from: ID, relationship: none" with the reason nothing corresponds\n',
    );
    const strict = await runAudit(['standards', 'validate', '--strict', 'partial.yaml'], { cwd: dir, env });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/^partial\.yaml:6:1: 1 criterion of mini@1 is not in the crosswalk: W-3\./m);
  });

  it('checks the crosswalks on the search path with the library, and two joining the same editions', async () => {
    const { dir, env } = council();
    writeFileSync(join(dir, 'lib', 'crosswalks', 'copy.yaml'), CROSSWALK);
    const { code, stdout, stderr } = await runAudit(['standards', 'validate', '--library'], { cwd: dir, env });
    expect(code).toBe(2);
    expect(stdout).toContain('lib/crosswalks/mini-1-to-2.yaml: crosswalk mini@1 → mini@2: 5 → 5 criteria; 4 equal, 1 subset, 0 superset, 0 intersects; 0 with no counterpart\n');
    expect(stderr).toContain('lib/crosswalks/mini-1-to-2.yaml: it joins mini@1 and mini@2, as ' + join(dir, 'lib/crosswalks/copy.yaml') + ' does; keep one\n');
  });
});

describe('audits across a crosswalk', () => {
  it('carries an audit across with audit new --from, marking what to check and naming what carried nothing', async () => {
    const { dir, env } = council({ 'last.yaml': LAST });
    const { code, stdout } = await runAudit(['new', '--from', 'last.yaml', '--period', '2026-27', '-o', 'next.yaml'], { cwd: dir, env });
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'Created next.yaml for 2026-27 from last.yaml (2025-26), across the crosswalk mini@1 → mini@2 (lib/crosswalks/mini-1-to-2.yaml): 5 criteria of mini to rate afresh.',
        "Carried forward: evidence for 3, 2 open actions, last period's rating for 4 (under previous:).",
        'Framework changed: mini edition 1 → 2: 1 criterion added (W-4), 1 removed (W-3).',
        'To check (carried through a pair that is not equal, marked "[carried from …: check it still fits]" in the evidence): W-4.',
        'Nothing carried to 1 of 5 criteria: W-2.',
        'Next: audit resume next.yaml',
        '',
      ].join('\n'),
    );
    const text = read(dir, 'next.yaml');
    expect(text).toContain('frameworkVersion: "2"');
    expect(text).toContain('# Carried across from mini@1: evidence headed "[carried from …: check it still fits]" came from a\n');
    expect(text).toContain(
      '  W-4:\n    rating:\n    evidence: |-\n      [carried from W-3 (subset): check it still fits]\n      Monthly supervision for social workers only.\n' +
        '    action:\n      text: Extend supervision to all staff\n    previous:\n      period: "2025-26"\n      rating: 2\n      criterion: W-3\n      relationship: subset\n',
    );
    // The new audit is valid, and compares with last period's across the crosswalk.
    const compare = JSON.parse((await runAudit(['compare', 'last.yaml', 'next.yaml', '--format', 'json'], { cwd: dir, env })).stdout);
    expect(compare.crosswalk).toMatchObject({ file: 'lib/crosswalks/mini-1-to-2.yaml', from: { equal: 4, criteria: 5 }, to: { equal: 4, criteria: 5 }, ratingsCross: true });
    expect(compare.criteria.find((c: { criterion: string }) => c.criterion === 'W-4').counterparts).toEqual([{ criterion: 'W-3', relationship: 'subset' }]);
    expect(compare.actions.stillOpen.map((a: { criterion: string }) => a.criterion)).toEqual(['L-2', 'W-4']);
  });

  it('compares across a crosswalk criterion by counterpart, saying how comparable the two are', async () => {
    const { dir, env } = council({
      'last.yaml': LAST,
      'now.yaml': 'framework: mini\norganisation: Borsetshire County Council\nperiod: 2026-27\nresponses:\n  L-1: { rating: 4 }\n  L-2: { rating: 2 }\n  W-4: { rating: 3 }\n',
    });
    const { code, stdout } = await runAudit(['compare', 'last.yaml', 'now.yaml'], { cwd: dir, env });
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Compared across the crosswalk mini@1 → mini@2: 4 of 5 criteria of mini@2 and 4 of 5 of mini@1 have an equal counterpart, and only those compare.\n' +
        'Like for like, on the 2 criteria rated in both: mean 2.50 → 3.00.\n',
    );
    expect(stdout).toContain('Criteria: 1 improved, 0 declined, 1 unchanged, 0 newly rated, 2 not assessed now, 1 not comparable');
    expect(stdout).toMatch(/^W-4 +– +3 +≈ not comparable/m);
  });

  it('refuses to use a faulty crosswalk, naming it at its line', async () => {
    const { dir, env } = council({ 'last.yaml': LAST }, CROSSWALK.replace('{ from: W-2, to: W-2, relationship: equal }', '{ from: W-2, to: W-9, relationship: equal }'));
    const { code, stderr } = await runAudit(['new', '--from', 'last.yaml', '--period', '2026-27'], { cwd: dir, env });
    expect(code).toBe(2);
    expect(stderr).toBe(`audit: lib/crosswalks/mini-1-to-2.yaml:10:22: unknown criterion "W-9": mini@2 has no such criterion, nor has mini@1\n`);
    expect(readdirSync(dir).sort()).toEqual(['last.yaml', 'lib']);
  });
});

describe('audit aggregate across editions, and with last period beside this', () => {
  /** The three bundled 2025-26 returns, and next year's: police and children's services carried onto edition 2023 and rated. */
  function partnership(): string {
    const dir = workspace();
    for (const year of ['2025-26', '2026-27']) mkdirSync(join(dir, year));
    for (const name of ['borsetshire-police', 'borsetshire-health-nhs-trust', 'borsetshire-childrens-services']) {
      writeFileSync(join(dir, '2025-26', `${name}.yaml`), readFileSync(join(ROOT, 'examples/section-11', `${name}.yaml`), 'utf8'));
    }
    return dir;
  }

  it('reads returns of an earlier edition onto the newest, naming them and the criteria not mapped; shows each agency’s change', async () => {
    const dir = partnership();
    for (const name of ['borsetshire-police', 'borsetshire-childrens-services']) {
      expect((await runAudit(['new', '--from', `2025-26/${name}.yaml`, '--period', '2026-27', '-o', `2026-27/${name}.yaml`], { cwd: dir })).code).toBe(0);
      await runAudit(['rate', `2026-27/${name}.yaml`, 'COM-1', '--rating', '4'], { cwd: dir });
      await runAudit(['rate', `2026-27/${name}.yaml`, 'COM-5', '--rating', '2'], { cwd: dir });
    }
    // Health still returned on the 2007-2018 edition this year.
    writeFileSync(join(dir, '2026-27', 'borsetshire-health-nhs-trust.yaml'), read(dir, '2025-26/borsetshire-health-nhs-trust.yaml').replace('period: "2025-26"', 'period: "2026-27"'));

    const run = (format: string) => runAudit(['aggregate', '2026-27', '--previous', '2025-26', '--format', format], { cwd: dir });
    const [json, table, csv, markdown] = await Promise.all([run('json'), run('table'), run('csv'), run('markdown')]);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('note: 1 return of earlier or other editions read onto edition 2023 of section-11: 2026-27/borsetshire-health-nhs-trust.yaml\n');
    const view = JSON.parse(json.stdout);
    expect(view.framework.version).toBe('2023');
    expect(view.mapping.returns).toEqual([
      expect.objectContaining({
        organisation: 'Borsetshire Health NHS Trust',
        edition: '2007-2018',
        via: 'crosswalk',
        crosswalk: 'bundled crosswalks/section-11@2007-2018--section-11@2023.yaml',
      }),
    ]);
    expect(view.mapping.returns[0].notMapped).toHaveLength(19);
    expect(view.previousPeriods).toEqual(['2025-26']);
    const police = view.agencies.find((a: { organisation: string }) => a.organisation === 'Borsetshire Police');
    expect(police.previous).toMatchObject({ file: '2025-26/borsetshire-police.yaml', period: '2025-26' });
    // Like for like: the criteria rated in both are rated as before; COM-5, new in 2023, moves nothing.
    expect(police.previous.change).toBe(0);
    expect(police.summary.meanRating).not.toBe(police.previous.meanRating);
    expect(police.standards.find((s: { id: string }) => s.id === 'COM')).toMatchObject({ meanRating: 3, change: expect.any(Number) });

    expect(table.stdout).toMatch(/^Read onto edition 2023: Borsetshire Health NHS Trust \(2026-27\/borsetshire-health-nhs-trust\.yaml, edition 2007-2018, through bundled crosswalks\/section-11@2007-2018--section-11@2023\.yaml\); 19 criteria could not be mapped: COM-5, /m);
    expect(table.stdout).toMatch(/^Agency +1 +2 .* Overall +Change$/m);
    expect(table.stdout).toMatch(/^Borsetshire Health NHS Trust .* = 0\.00$/m);
    expect(table.stdout).toContain('Change by standard since 2025-26');
    const rows = parseCsv(csv.stdout, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.find((r) => r.organisation === 'Borsetshire Police')).toMatchObject({ previous_period: '2025-26', previous_file: '2025-26/borsetshire-police.yaml' });
    expect(rows.find((r) => r.organisation === 'Borsetshire Health NHS Trust')!.mapped_from_edition).toBe('2007-2018');
    expect(markdown.stdout).toContain('> Returns of other editions, read onto edition 2023;');

    // The workbook gives the changes and the returns read onto this edition a sheet each.
    expect((await runAudit(['aggregate', '2026-27', '--previous', '2025-26', '-o', 'heat-map.xlsx'], { cwd: dir })).code).toBe(0);
    const book = readWithSheetJS(join(dir, 'heat-map.xlsx'));
    expect(book.names).toEqual(['Heat map', 'Standards', 'Shortfalls', 'Change', 'Other editions']);
    const change = book.rows('Change');
    expect(change[0]!.slice(0, 4)).toEqual(['Agency', 'Mean 2025-26', 'Mean now', 'Change on criteria rated in both']);
    expect(change.find((r) => r[0] === 'Borsetshire Police')!.slice(1, 4)).toEqual([police.previous.meanRating, police.summary.meanRating, police.previous.change]);
    expect(book.rows('Other editions')[1]!.slice(0, 3)).toEqual(['Borsetshire Health NHS Trust', '2026-27/borsetshire-health-nhs-trust.yaml', '2007-2018']);

    // The partnership report's heat map gives each change under the agency's mean, and says so in its summary.
    const report = await runAudit(['aggregate', '2026-27', '--previous', '2025-26', '-o', 'partnership.pdf', '--background-paper', 'none'], { cwd: dir });
    expect(report.code, report.stderr).toBe(0);
    const pdf = await readPdf(join(dir, 'partnership.pdf'));
    const text = flat(pdf.text);
    expect(text).toContain('Under each agency’s mean rating: its change since 2025-26, on the criteria it rated in both periods; a dash (–) where it made no return then or rated none of the same criteria.');
    expect(text).toMatch(new RegExp(`Borsetshire Police ${police.standards[0].meanRating.toFixed(2)} \\S+ (?:[+−]\\d\\.\\d\\d|0\\.00)`));
    expect(dictionaryStrings(pdf.raw, 'Summary').some((summary) => /Change in each agency’s overall mean rating since 2025-26: .*Borsetshire Police (?:[+−]\d\.\d\d|0\.00)/.test(summary))).toBe(true);
    expect(text).toContain('read here against the current edition, through the crosswalk between the two');
    expect(markdown.stdout).toMatch(/\| Borsetshire Police \| .*\((?:[+−]\d\.\d\d|0\.00)\) \|$/m);
  });
});
