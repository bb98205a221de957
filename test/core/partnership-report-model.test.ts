import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { widespreadShortfalls, type AgencyAudit } from '../../src/core/aggregate.js';
import type { Audit } from '../../src/core/audit.js';
import type { Framework } from '../../src/core/framework.js';
import { buildPartnershipReportModel, type PartnershipReportModel } from '../../src/core/partnership-report-model.js';
import {
  checkPartnershipTemplate,
  PARTNERSHIP_COLUMN_KEYS,
  PARTNERSHIP_LABEL_KEYS,
  PARTNERSHIP_REPORT_TEMPLATE,
  type PartnershipTemplate,
} from '../../src/core/partnership-template.js';
import type { ReportBlock } from '../../src/core/report-document.js';
import { COLUMN_KEYS, LABEL_KEYS } from '../../src/core/report-template.js';
import { signOff } from '../../src/core/signoff.js';
import { loadTemplate } from '../../src/io/report-template.js';
import { ROOT } from '../helpers/cli.js';
import { frameworkWithAuditArb } from './arbitraries.js';

let template: PartnershipTemplate;
beforeAll(async () => {
  template = (await loadTemplate(PARTNERSHIP_REPORT_TEMPLATE, undefined)).template;
});

const framework: Framework = {
  id: 'mini',
  title: 'Mini',
  version: '2',
  source: { title: 'Test' },
  scale: [1, 2, 3, 4].map((value) => ({ value, label: `L${value}`, description: `Level ${value}` })),
  target: 3,
  standards: [
    { id: 'LEAD', title: 'Leadership', criteria: [{ id: 'L-1', text: 'one' }, { id: 'L-2', text: 'two', target: 4 }] },
    { id: 'WORK', title: 'Workforce', criteria: [{ id: 'W-1', text: 'three' }, { id: 'W-2', text: 'four' }] },
  ],
};

const agency = (organisation: string, responses: Audit['responses'], extra: Partial<Audit> = {}): AgencyAudit => ({
  file: `${organisation.toLowerCase()}.yaml`,
  audit: { framework: 'mini', organisation, period: '2025-26', responses, ...extra },
});

const entries: AgencyAudit[] = [
  agency('Police', {
    'L-1': { rating: 3, evidence: 'secret evidence of the police' },
    'L-2': { rating: 4 },
    'W-1': { rating: 3, moderated: { rating: 2, by: 'Panel', note: 'secret panel note' } },
  }),
  agency('Health', { 'L-1': { rating: 1 }, 'L-2': { rating: 2 }, 'W-1': { rating: 2 } }, { frameworkVersion: '1' }),
  agency('Council', { 'L-1': { rating: 3 }, 'L-2': { rating: 3 }, 'W-1': { rating: 3 }, 'W-2': { rating: 3 } }),
];

const section = (model: PartnershipReportModel, id: string): ReportBlock[] => model.sections.find((s) => s.id === id)!.blocks;
const ofKind = <K extends ReportBlock['kind']>(blocks: ReportBlock[], kind: K) => blocks.filter((b): b is Extract<ReportBlock, { kind: K }> => b.kind === kind);

describe('buildPartnershipReportModel', () => {
  const build = (extra: Partial<Parameters<typeof buildPartnershipReportModel>[2]> = {}, list = entries) =>
    buildPartnershipReportModel(framework, list, { template, isPublic: false, ...extra });

  it('arranges a board report in the template’s order, with its statutory basis, then appendices A and B', () => {
    expect(build().sections.map((s) => s.heading)).toEqual([
      '1. Purpose of the report',
      '2. Recommendations',
      '3. Summary of findings',
      '4. Heat map of agencies by standard',
      '5. Partnership mean by standard',
      '6. Where most agencies fall short',
      '7. Agencies with red standards',
      '8. Legal and statutory basis',
      'Appendix A: Agency profiles',
      'Appendix B: Rating scale and method',
    ]);
    const legal = JSON.stringify(build().sections.find((s) => s.id === 'legal'));
    expect(legal).toContain('sections 16E to 16K');
    expect(JSON.stringify(build({ nation: 'wales' }).sections.find((s) => s.id === 'legal'))).toContain('Regional Safeguarding Children Board');
  });

  it('fills the cover and wording from the template, the audits and the options', () => {
    const model = build({ details: { partnership: 'Borsetshire SCP', meetingDate: '2026-07-14' } });
    expect(model.cover.organisation).toBe('Borsetshire SCP');
    expect(model.cover.rows).toContainEqual({ label: 'Board', value: 'Safeguarding Partnership Board' });
    expect(model.cover.rows).toContainEqual({ label: 'Date of meeting', value: '14 July 2026' });
    expect(model.cover.rows).toContainEqual({ label: 'Agencies', value: '3' });
    expect(model.cover.notice).toMatch(/not for publication/);
    expect(model.runningHeader).toBe('Borsetshire SCP · Safeguarding Partnership Board · 14 July 2026');
    expect(build().cover.organisation).toBe('Safeguarding children partnership');
    const publicModel = build({ isPublic: true });
    // A partnership is not a council: no Part 1 / Part 2 of local-government law.
    expect(publicModel.cover.part).toBe('For publication');
    expect(publicModel.cover.notice).toBeUndefined();
  });

  it('draws every agency as a heat-map row, then the partnership and below-target rows', () => {
    const [heatMap] = ofKind(section(build(), 'heat-map'), 'heatmap');
    expect(heatMap!.rows.map((r) => r.header)).toEqual(['Council', 'Health', 'Police', 'Partnership', 'Agencies below target']);
    expect(heatMap!.columns).toEqual([
      { header: '1', expansion: 'Standard 1. Leadership' },
      { header: '2', expansion: 'Standard 2. Workforce' },
    ]);
    const health = heatMap!.rows[1]!;
    expect(health.cells.map((c) => [c.text, c.fill])).toEqual([
      ['1.50\nRed', 'red'],
      ['2.00\nAmber', 'amber'],
    ]);
    expect(heatMap!.rows[4]!.cells.map((c) => c.text)).toEqual(['2 of 3', '2 of 3']);
    expect(heatMap!.summary).toContain('Health: overall 1.67, Red; by standard: 1 1.50 Red, 2 2.00 Amber.');
  });

  it('lists in section 6 the criteria below target in most agencies, naming them when not all', () => {
    const model = build();
    expect(model.widespread.map((f) => f.criterion)).toEqual(['L-2', 'W-1']);
    const [table] = ofKind(section(model, 'shortfalls'), 'table');
    expect(table!.rows.map((r) => [r[0]!.text, r[2]!.text, r[2]!.note])).toEqual([
      ['L-2', '2 of 3', 'Council; Health'],
      ['W-1', '2 of 3', 'Health; Police'],
    ]);
  });

  it('says why each red agency is red: its criteria with high-priority gaps', () => {
    const [table] = ofKind(section(build(), 'red-agencies'), 'table');
    expect(table!.rows.map((r) => [r[0]!.text, r[1]!.text])).toEqual([['Health', '1. Leadership: L-1 rated 1 against a target of 3; L-2 rated 2 against a target of 4']]);
  });

  it('notes returns of another edition, and profiles each agency with its sign-off and moderation', () => {
    const signed = entries.map((e) => (e.audit.organisation === 'Council' ? { ...e, audit: { ...e.audit, signoff: signOff(e.audit, { by: 'A Director', role: 'DCS' }, new Date('2026-03-31T10:00:00Z'), framework) } } : e));
    const model = build({}, signed);
    const summary = JSON.stringify(section(model, 'summary'));
    expect(summary).toContain('1 return was made against another edition of the framework (1); it is read here');
    const profiles = JSON.stringify(section(model, 'appendix-profiles'));
    expect(profiles).toContain('Sign-off: Signed off by A Director (DCS) on 31 March 2026.');
    expect(profiles).toContain('Ratings moderated by a partnership panel: 1, of which 1 differs from the self-rating.');
    expect(model.cover.rows).toContainEqual({ label: 'Returns signed off', value: '1 of 3' });
  });

  it('holds no evidence or moderation note, for any audits, public or not', () => {
    const withSecrets = frameworkWithAuditArb.map(({ framework: f, audit }) => ({
      framework: f,
      audit: {
        ...audit,
        responses: Object.fromEntries(
          Object.entries(audit.responses).map(([id, r]) => [id, { ...r, evidence: `secret-${id}`, moderated: { rating: r!.rating!, by: 'Panel', note: `secret-note-${id}` } }]),
        ),
      },
    }));
    fc.assert(
      fc.property(withSecrets, fc.boolean(), ({ framework: f, audit }, isPublic) => {
        const list = [
          { file: 'a.yaml', audit: { ...audit, organisation: 'A' } },
          { file: 'b.yaml', audit: { ...audit, organisation: 'B' } },
        ];
        const model = buildPartnershipReportModel(f, list, { template, isPublic });
        const text = JSON.stringify({ ...model, view: undefined, returns: undefined });
        expect(text).not.toContain('secret-');
        const [heatMap] = ofKind(model.sections.flatMap((s) => s.blocks), 'heatmap');
        expect(heatMap!.rows).toHaveLength(4);
        expect(heatMap!.columns).toHaveLength(f.standards.length);
      }),
      { numRuns: 40 },
    );
  });
});

describe('returned files left out as unreadable', () => {
  const build = (extra: Partial<Parameters<typeof buildPartnershipReportModel>[2]> = {}, list = entries) =>
    buildPartnershipReportModel(framework, list, { template, isPublic: false, ...extra });
  const allGreen = entries.map((e) => ({ ...e, audit: { ...e.audit, frameworkVersion: '2', responses: { 'L-1': { rating: 4 }, 'L-2': { rating: 4 }, 'W-1': { rating: 4 }, 'W-2': { rating: 4 } } } }));
  const textOf = (model: PartnershipReportModel) => JSON.stringify({ ...model, view: undefined, returns: undefined, leftOut: undefined });
  const oneLeftOut = { current: [{ file: 'st-stephens.xls', kind: 'xls' as const }], previous: [] };

  it('claims no agency it lacks: every "every agency", "no agency" and "any agency" says "whose return is included"', () => {
    const model = build({ leftOut: oneLeftOut }, allGreen);
    const text = textOf(model);
    expect(text).toContain('Every agency whose return is included is rated Green');
    expect(text).toContain('No agency whose return is included has a standard rated Red.');
    expect(text).toContain('No criterion is below target in any agency whose return is included.');
    expect(text.match(/\b(every|no|any) agency\b(?! whose return is included)/gi) ?? []).toEqual([]);
    expect(model.cover.rows).toContainEqual({ label: 'Returned files not read', value: '1' });
    // With nothing left out, the words are as they were.
    const whole = textOf(build({}, allGreen));
    expect(whole).toContain('Every agency is rated Green');
    expect(whole).not.toContain('whose return is included');
    expect(whole).not.toContain('Returned files not read');
  });

  it('names the files and what each is in Part 2, and counts them without names in a public report', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('xls', 'ods', 'csv', 'workbook', 'audit'), fc.boolean(), (name, kind, isPublic) => {
        const file = `leftout-${name}.file`;
        const model = build({ isPublic, leftOut: { current: [{ file, kind }], previous: [] } });
        const summary = JSON.stringify(section(model, 'summary'));
        expect(summary).toContain('3 agencies’ returns are included in this report. One further returned file could not be read and is not included');
        expect(JSON.stringify(model.sections).includes(JSON.stringify(file).slice(1, -1))).toBe(!isPublic);
        if (!isPublic) expect(summary).toContain(`${JSON.stringify(file).slice(1, -1)} (${template.labels.fileKinds[kind]})`);
      }),
      { numRuns: 30 },
    );
  });

  it("says under the heat map that last period's unreadable returns show no change", () => {
    const model = build({ withPrevious: true, leftOut: { current: [], previous: [{ file: 'old.ods', kind: 'ods' }] } });
    expect(JSON.stringify(section(model, 'heat-map'))).toContain('One of last period’s returned files could not be read and is not included');
    expect(model.cover.rows.map((r) => r.label)).not.toContain('Returned files not read');
  });
});

describe('widespreadShortfalls', () => {
  const f = (criterion: string, below: number, rated: number) => ({ criterion, standard: 'S', text: '', agenciesBelowTarget: below, agenciesRated: rated, meanRating: 2, agenciesNotApplicable: 0, widespread: below * 2 > rated });
  it('takes the criteria below target in more than half of the agencies that rated them', () => {
    expect(widespreadShortfalls([f('A', 3, 4), f('B', 2, 4), f('C', 1, 1)])).toEqual({ criteria: [f('A', 3, 4), f('C', 1, 1)], majority: true });
  });
  it('falls back to those below target in the most agencies when none is in most', () => {
    expect(widespreadShortfalls([f('A', 2, 10), f('B', 2, 10), f('C', 1, 10)])).toEqual({ criteria: [f('A', 2, 10), f('B', 2, 10)], majority: false });
    expect(widespreadShortfalls([])).toEqual({ criteria: [], majority: true });
  });
});

describe('the bundled partnership template', () => {
  it('gives every label and column its words', () => {
    for (const key of PARTNERSHIP_LABEL_KEYS) expect(template.labels[key], key).toMatch(/\S/);
    for (const key of PARTNERSHIP_COLUMN_KEYS) expect(template.labels.columns[key], key).toMatch(/\S/);
    for (const rag of ['red', 'amber', 'green', 'unrated'] as const) expect(template.judgements[rag]).toMatch(/\S/);
  });

  it('has a schema that allows exactly the labels the code knows, for both kinds of template', () => {
    const labelsOf = (file: string) => {
      const schema = JSON.parse(readFileSync(`${ROOT}/templates/${file}`, 'utf8'));
      const labels = schema.properties.labels.properties;
      return { labels: Object.keys(labels).filter((k) => !['rag', 'priority', 'status', 'columns', 'nations', 'fileKinds'].includes(k)).sort(), columns: Object.keys(labels.columns.properties).sort() };
    };
    expect(labelsOf('partnership-report.schema.json')).toEqual({ labels: [...PARTNERSHIP_LABEL_KEYS].sort(), columns: [...PARTNERSHIP_COLUMN_KEYS].sort() });
    expect(labelsOf('report-template.schema.json')).toEqual({ labels: [...LABEL_KEYS].sort(), columns: [...COLUMN_KEYS].sort() });
  });

  it('allows each string only the placeholders that make sense where it is', () => {
    expect(checkPartnershipTemplate({ reportTitle: '{partnership}: {framework} {period}' })).toEqual([]);
    expect(checkPartnershipTemplate({ partnership: '{partnership} board' })[0]).toMatchObject({ path: ['partnership'], token: '{partnership}' });
    expect(checkPartnershipTemplate({ committee: '{agencies} agencies' })[0]).toMatchObject({ token: '{agencies}' });
    expect(checkPartnershipTemplate({ labels: { countOf: '{count} of {total}' }, sections: { summary: { text: '{redAgencies} {organisation}' } } })).toMatchObject([
      { path: ['sections', 'summary', 'text'], token: '{organisation}' },
    ]);
  });
});
