/**
 * Trial C, finding 8: sentences of the committee reports that a committee would query. Every
 * count reads right for none, one and many; every sentence that counts agencies or standards
 * adds up to all of them; a criterion not applicable because the framework does not ask the
 * agency's kind to answer it is not worded as the agency's own judgement; and the equality duty
 * is stated for the kind of organisation, never left to the committee to "confirm".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { AgencyAudit } from '../../src/core/aggregate.js';
import type { Audit } from '../../src/core/audit.js';
import type { Framework } from '../../src/core/framework.js';
import { kindReason } from '../../src/core/kinds.js';
import { buildPartnershipReportModel } from '../../src/core/partnership-report-model.js';
import { PARTNERSHIP_REPORT_TEMPLATE, type PartnershipTemplate } from '../../src/core/partnership-template.js';
import type { ReportDocument } from '../../src/core/report-document.js';
import { buildReportModel } from '../../src/core/report-model.js';
import type { ReportTemplate } from '../../src/core/report-template.js';
import { fillPlaceholders } from '../../src/core/template-text.js';
import { analyseTrend } from '../../src/core/trend.js';
import { loadReportTemplate, loadTemplate } from '../../src/io/report-template.js';
import { ROOT } from '../helpers/cli.js';
import { mini as miniFramework } from './mini.js';

let cabinet: ReportTemplate;
let partnership: PartnershipTemplate;
beforeAll(async () => {
  cabinet = (await loadReportTemplate(undefined)).template;
  partnership = (await loadTemplate(PARTNERSHIP_REPORT_TEMPLATE, undefined)).template;
});

const text = (doc: ReportDocument) => JSON.stringify(doc.sections).replace(/\\n/g, ' ');

/** Every string of a template file, with where it is. */
function strings(value: unknown, path: string[] = []): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path: path.join('.'), text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, [...path, String(i)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, [...path, k]));
  return [];
}

const NOT_WORDING = new Set(['language', 'nation', 'organisationKind', 'when', 'before', 'sections', 'appendices', 'parts']);

describe('every count in the bundled English wording', () => {
  // Every placeholder filled with 1: a count written bare before a plural noun ("1 periods") shows.
  const ones = new Proxy({}, { get: () => '1' }) as Record<string, string>;
  const bareOne = /\b1 (?:[a-z-]+ )?(?:periods|actions|gaps|criteria|agencies|returns|standards)\b/;
  for (const file of ['cabinet-report.yaml', 'partnership-report.yaml']) {
    it(`reads right for one in ${file}`, () => {
      const template = parse(readFileSync(join(ROOT, 'templates', file), 'utf8')) as Record<string, unknown>;
      const faults = strings(template)
        .filter(({ path }) => !NOT_WORDING.has(path.split('.').at(-1)!) && !path.startsWith('contents.'))
        .map(({ path, text }) => ({ path, filled: fillPlaceholders(text, ones) }))
        .filter(({ filled }) => bareOne.test(filled) && !/\b1 of 1 /.test(filled.match(bareOne)![0]));
      expect(faults.map(({ path, filled }) => `${path}: …${filled.match(bareOne)![0]}…`)).toEqual([]);
    });
  }
});

// The fixtures' mini framework, with kinds of organisation and a criterion only one kind answers.
const mini: Framework = {
  ...miniFramework,
  kinds: [
    { id: 'local-authority', label: 'Local authority', plural: 'Local authorities' },
    { id: 'academy', label: 'Academy or free school', plural: 'Academies and free schools', sector: 'education' },
  ],
  standards: [
    { id: 'LEAD', title: 'Leadership', criteria: [{ id: 'L-1', text: 'one' }, { id: 'L-2', text: 'two' }] },
    { id: 'LADO', title: 'Allegations', criteria: [{ id: 'A-1', text: 'The LADO tracks every case.', appliesTo: ['local-authority'] }] },
  ],
};
const academyKind = mini.kinds![1]!;

describe('the Cabinet report', () => {
  const audit = (period: string, responses: Audit['responses']): Audit => ({ framework: 'mini', organisation: 'Borsetshire', period, kind: 'local-authority', responses });

  it('sets the self-audit beside one earlier period as one, and beside several as several', () => {
    const years = [
      audit('2024-25', { 'L-1': { rating: 2 }, 'L-2': { rating: 2 }, 'A-1': { rating: 2 } }),
      audit('2025-26', { 'L-1': { rating: 3 }, 'L-2': { rating: 2 }, 'A-1': { rating: 3 } }),
      audit('2026-27', { 'L-1': { rating: 3 }, 'L-2': { rating: 3 }, 'A-1': { rating: 4 } }),
    ];
    const report = (earlier: Audit[]) =>
      text(
        buildReportModel(mini, years[2]!, {
          template: cabinet,
          isPublic: true,
          asOf: '2026-11-30',
          history: analyseTrend([...earlier, years[2]!].map((a) => ({ file: `${a.period}.yaml`, framework: mini, audit: a }))),
        }),
      );
    const one = report([years[1]!]);
    expect(one).toContain('This section sets the self-audit for 2026-27 beside the one for 2025-26.');
    expect(one).not.toMatch(/periods in all|earlier ones/);
    expect(report(years.slice(0, 2))).toContain('beside the 2 earlier ones, from 2024-25: 3 periods in all.');
  });

  it('counts every standard in the summary, and says a standard with nothing rated has no mean rating', () => {
    // LEAD is rated; LADO is not yet assessed.
    const model = buildReportModel(mini, audit('2026-27', { 'L-1': { rating: 3 }, 'L-2': { rating: 1 } }), { template: cabinet, isPublic: true, asOf: '2026-11-30' });
    const words = text(model);
    expect(words).toContain('Standards rated Red: 1; Amber: 0; Green: 0; not rated: 1');
    expect(words).toContain('Its criterion is not rated, so there is no mean rating to set against the target of 3.');
    expect(words).not.toMatch(/0 of 1 criterion rated|mean rating not rated/);
    // A standard none of whose criteria applies is counted as such.
    const school = buildReportModel(mini, { ...audit('2026-27', { 'L-1': { rating: 3 }, 'L-2': { rating: 3 }, 'A-1': { notApplicable: kindReason(academyKind) } }), kind: 'academy' }, {
      template: cabinet,
      isPublic: true,
      asOf: '2026-11-30',
      kind: 'academy',
    });
    expect(text(school)).toContain('Standards rated Red: 0; Amber: 0; Green: 1; not applicable: 1');
  });

  it('states the equality duty an academy has, and never asks the board to confirm which law applies', () => {
    const school = buildReportModel(mini, { ...audit('2026-27', { 'L-1': { rating: 3 } }), organisation: 'Felpersham Park Academy', kind: 'academy' }, {
      template: cabinet,
      isPublic: true,
      asOf: '2026-11-30',
      kind: 'academy',
    });
    const words = text(school);
    expect(words).toContain('The proprietor of an academy or free school (its academy trust) is one of the public authorities listed in Schedule 19 to the Equality Act 2010');
    expect(words).toContain('in all that Felpersham Park Academy does');
    expect(words).not.toMatch(/should confirm which|one of these grounds or the other/);
    // The sector's own wording (a school of any kind) states the rule for each kind of school, as a statement.
    for (const kind of ['education', 'early-years', 'health', 'other']) {
      const words = text(buildReportModel(mini, audit('2026-27', { 'L-1': { rating: 3 } }), { template: cabinet, isPublic: true, asOf: '2026-11-30', kind }));
      expect(words, kind).toContain('Schedule 19');
      expect(words, kind).not.toMatch(/should confirm which|one of these grounds or the other/);
    }
  });
});

describe('the partnership report', () => {
  const agency = (organisation: string, kind: string, responses: Audit['responses']): AgencyAudit => ({
    file: `${organisation.toLowerCase().replace(/\W+/g, '-')}.yaml`,
    audit: { framework: 'mini', organisation, period: '2026-27', kind, responses },
  });
  const kindMark = { 'A-1': { notApplicable: kindReason(academyKind) } };
  const entries = [
    agency('Borsetshire Council', 'local-authority', { 'L-1': { rating: 3 }, 'L-2': { rating: 1 }, 'A-1': { rating: 3 } }),
    // Sent back the blank form it was exported as: only the kind's marks.
    agency('Lakey Hill Academy', 'academy', { ...kindMark }),
    agency('Grey Gables Academy', 'academy', { ...kindMark, 'L-1': { rating: 3 }, 'L-2': { notApplicable: 'We have no board of our own: the trust board receives it' } }),
  ];
  const build = (extra: Partial<Parameters<typeof buildPartnershipReportModel>[2]> = {}, list = entries) =>
    buildPartnershipReportModel(mini, list, { template: partnership, isPublic: false, ...extra });

  it('says an agency that rated nothing has no mean rating, and counts it among the agencies by RAG rating', () => {
    const words = text(build());
    expect(words).toContain('None of the 3 criteria is rated, so there is no mean rating.');
    expect(words).not.toMatch(/0 of 3 criteria rated|mean rating not rated/);
    expect(words).toContain('Agencies rated Red: 1; Amber: 0; Green: 1; not rated: 1');
    // The standards table's counts by RAG rating add up to every agency.
    const standards = build().sections.find((s) => s.id === 'standards')!.blocks.find((b) => b.kind === 'table')!;
    expect(standards.kind === 'table' && standards.columns[4]!.header).toBe('Agencies red / amber / green / not rated');
    for (const row of standards.kind === 'table' ? standards.rows : []) {
      expect(row[4]!.text.split(' / ').reduce((n, c) => n + Number(c), 0)).toBe(entries.length);
    }
  });

  it('tells criteria not for an agency’s kind apart from those an agency judged not applicable', () => {
    const words = text(build());
    expect(words).toContain(
      '2 of 3 agencies are of kinds of organisation that the framework does not ask to answer some of its criteria, one criterion in all: those criteria do not apply to them.',
    );
    expect(words).toContain('One agency judged one criterion not applicable to it, giving its reason.');
    expect(words).not.toMatch(/marked criteria as not applicable|called it not applicable/);
    // The agency that returned nothing judged nothing.
    const profiles = build().sections.find((s) => s.id === 'appendix-profiles')!;
    const lakey = JSON.stringify(profiles.blocks.slice(profiles.blocks.findIndex((b) => JSON.stringify(b).includes('Lakey Hill Academy')))[1]);
    expect(lakey).toContain('Not for its kind of organisation (1): A-1');
    expect(lakey).not.toContain('Judged not applicable');
    expect(words).toContain('Judged not applicable by the agency (1): L-2 (We have no board of our own: the trust board receives it).');
    // Only the kind's marks: the note says no agency judged one.
    expect(text(build({}, entries.slice(0, 2)))).toContain('No agency judged a criterion not applicable to it for a reason of its own.');
  });

  it('quotes the dash that stands for no change, rather than leaving it to break the sentence', () => {
    const withPrevious = entries.map((e) => ({ ...e, previous: { file: `last-${e.file}`, audit: { ...e.audit, period: '2025-26' } } }));
    const words = text(build({ withPrevious: true }, withPrevious));
    expect(words).toContain('on the criteria it rated in both periods; a dash (–) where it made no return then or rated none of the same criteria.');
    expect(words).not.toContain('periods, or – where');
  });
});
