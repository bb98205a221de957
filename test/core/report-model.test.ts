import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Audit } from '../../src/core/audit.js';
import type { Framework } from '../../src/core/framework.js';
import { formatDate, type ReportBlock } from '../../src/core/report-document.js';
import { buildReportModel, type ReportModel } from '../../src/core/report-model.js';
import { COLUMN_KEYS, LABEL_KEYS, type ReportTemplate } from '../../src/core/report-template.js';
import { signOff } from '../../src/core/signoff.js';
import { loadReportTemplate } from '../../src/io/report-template.js';
import { frameworkWithAuditArb } from './arbitraries.js';

let template: ReportTemplate;
beforeAll(async () => {
  template = (await loadReportTemplate(undefined)).template;
});

const framework: Framework = {
  id: 'mini',
  title: 'Mini',
  version: '1',
  source: { title: 'Test' },
  scale: [1, 2, 3, 4].map((value) => ({ value, label: `L${value}`, description: `Level ${value}` })),
  target: 3,
  standards: [
    { id: 'LEAD', title: 'Leadership', criteria: [{ id: 'L-1', text: 'one' }, { id: 'L-2', text: 'two', target: 4 }] },
    { id: 'WORK', title: 'Workforce', criteria: [{ id: 'W-1', text: 'three' }, { id: 'W-2', text: 'four' }] },
  ],
};

const audit: Audit = {
  framework: 'mini',
  organisation: 'Borsetshire',
  period: '2025-26',
  responses: {
    'L-1': { rating: 3, evidence: 'Private evidence about a named child', moderated: { rating: 2, by: 'Panel', note: 'Private panel note' } },
    'L-2': { rating: 2, action: { text: 'Do the thing', owner: 'DCS', due: '2026-01-31' } },
    'W-1': { rating: 3, previous: { period: '2024-25', rating: 1 } },
  },
};

const blocks = (model: ReportModel, id: string): ReportBlock[] => model.sections.find((s) => s.id === id)!.blocks;
const tables = (model: ReportModel, id: string) => blocks(model, id).filter((b): b is Extract<ReportBlock, { kind: 'table' }> => b.kind === 'table');
const allText = (model: ReportModel) => JSON.stringify(model.sections) + JSON.stringify(model.cover);

describe('buildReportModel', () => {
  const build = (extra: Partial<Parameters<typeof buildReportModel>[2]> = {}) =>
    buildReportModel(framework, audit, { template, isPublic: false, asOf: '2026-03-01', ...extra });

  it('arranges a committee report in the template’s order, leaving out sections nobody gave words for', () => {
    const model = build();
    expect(model.sections.map((s) => [s.number, s.heading])).toEqual([
      ['1', '1. Purpose of the report'],
      ['2', '2. Recommendations'],
      ['3', '3. Summary of findings'],
      ['4', '4. Gap analysis'],
      ['5', '5. Improvement plan'],
      ['6', '6. Other options considered'],
      ['7', '7. Reasons for the recommendations'],
      ['8', '8. Implications'],
      ['A', 'Appendix A: Ratings and evidence'],
      ['B', 'Appendix B: Rating scale and method'],
    ]);
    expect(model.warnings.map((w) => w.code)).toEqual(['section-left-out', 'section-left-out', 'section-left-out', 'no-author', 'legal-basis-missing']);
    const purpose = blocks(model, 'purpose');
    expect(purpose[0]).toMatchObject({ kind: 'paragraph', number: '1.1' });
    expect((purpose[0] as { text: string }).text).toContain('To report to Cabinet the findings of the self-audit by Borsetshire');
    expect((purpose[1] as { text: string }).text).toContain('where the council falls short');
  });

  it('numbers sub-sections within their section and appendix (4.2, 8.1, A.1), never from 1 again', () => {
    const model = build();
    const numbers = (id: string) => blocks(model, id).filter((b) => b.kind === 'subheading' || (b.kind === 'paragraph' && b.number)).map((b) => (b as { number?: string }).number);
    expect(numbers('gap-analysis')).toEqual(['4.1', '4.2', '4.3']);
    expect(numbers('implications')).toEqual(['8.1', '8.2', '8.3', '8.4']);
    expect(numbers('appendix-ratings')).toEqual(['A.1', 'A.2']);
    const heading = blocks(model, 'gap-analysis').find((b) => b.kind === 'subheading') as { text: string };
    expect(heading.text).toBe('Standard 1: Leadership (Red)');
  });

  it('takes the report’s facts from its details: people, background papers, consultation, children’s words', () => {
    const model = build({
      details: {
        author: { name: 'Jo Bloggs', role: 'Head of Safeguarding', telephone: '01234 567890', email: 'jo@example.gov.uk' },
        portfolioHolder: 'Cllr A. Hartley',
        backgroundPapers: ['Self-audit workbook, March 2026'],
        consultation: 'The partnership’s panel saw the draft {not a placeholder}.',
        childrensVoice: 'Children in care said they want one worker.',
      },
    });
    expect(model.cover.rows).toEqual(
      expect.arrayContaining([
        { label: 'Cabinet member (portfolio holder)', value: 'Cllr A. Hartley' },
        { label: 'Report author', value: 'Jo Bloggs, Head of Safeguarding\nTelephone: 01234 567890\nEmail: jo@example.gov.uk' },
        { label: 'Contact officer', value: 'Jo Bloggs, Head of Safeguarding\nTelephone: 01234 567890\nEmail: jo@example.gov.uk' },
      ]),
    );
    expect(model.sections.map((s) => s.id)).toEqual(expect.arrayContaining(['childrens-voice', 'consultation', 'background-papers']));
    expect(allText(model)).toContain('{not a placeholder}');
    expect(blocks(model, 'background-papers')).toContainEqual(expect.objectContaining({ kind: 'list', items: [{ label: '•', text: 'Self-audit workbook, March 2026' }] }));
    expect(model.warnings.map((w) => w.code)).toEqual(['legal-basis-missing']);
  });

  it('makes a recommendation only when its count is more than nought, lettered in order', () => {
    const items = (model: ReportModel) => (blocks(model, 'recommendations').find((b) => b.kind === 'list') as { items: { label: string; text: string }[] }).items;
    const withGaps = items(build());
    expect(withGaps.map((i) => i.label)).toEqual(['(a)', '(b)', '(c)', '(d)', '(e)', '(f)']);
    // One gap reads as one, never "the 1 gaps"; the last item made ends the list with a full stop.
    expect(withGaps[2]!.text).toBe('asks that an action, an owner and a due date are agreed for the gap that does not yet have them;');
    expect(withGaps.at(-1)!.text).toMatch(/\.$/);
    expect(withGaps.slice(0, -1).every((i) => i.text.endsWith(';'))).toBe(true);
    expect(withGaps[1]!.text).toBe('approves the improvement plan at section 5;');
    const allActioned: Audit = { ...audit, responses: { ...audit.responses, 'L-1': { rating: 3, action: { text: 'x', due: '2026-12-31' } }, 'W-2': { rating: 3 } } };
    const none = items(buildReportModel(framework, allActioned, { template, isPublic: false, asOf: '2026-01-01' }));
    expect(none.map((i) => i.text).join(' ')).not.toMatch(/do not yet have|past their due date|not yet assessed/);
  });

  it('words the report for the kind of organisation and the nation', () => {
    const police = build({ kind: 'police' });
    expect(police.cover.rows).toEqual(expect.arrayContaining([{ label: 'Committee', value: 'Chief Officer Group' }, { label: 'Report of', value: 'Head of Public Protection' }]));
    expect(police.cover.notice).not.toContain('Schedule 12A');
    expect(police.cover.part).toBe('Not for publication');
    expect(allText(police)).toContain('where the force falls short');
    expect(allText(police)).not.toContain('the council');
    const welsh = build({ nation: 'wales' });
    expect(welsh.cover.notice).toContain('paragraphs 12 and 13 of Part 4 of Schedule 12A');
    // A framework's finer kind reads as its sector's.
    const academy = buildReportModel({ ...framework, kinds: [{ id: 'academy', label: 'Academy', sector: 'education' }] }, audit, { template, isPublic: false, asOf: '2026-03-01', kind: 'academy' });
    expect(academy.kind).toBe('education');
    expect(build({ kind: 'parish-council' }).kind).toBe('other');
  });

  it('takes the legal basis from the framework for the nation, and says when it has none', () => {
    const withBasis = { ...framework, legalBasis: { england: 'Children Act 1989, sections 17 and 47.' } };
    const england = buildReportModel(withBasis, audit, { template, isPublic: false, asOf: '2026-03-01' });
    expect(allText(england)).toContain('Children Act 1989, sections 17 and 47.');
    expect(england.warnings.map((w) => w.code)).not.toContain('legal-basis-missing');
    const wales = buildReportModel(withBasis, audit, { template, isPublic: false, asOf: '2026-03-01', nation: 'wales' });
    expect(allText(wales)).toContain('does not state its legal basis in Wales');
    expect(wales.warnings.map((w) => w.code)).toContain('legal-basis-missing');
  });

  it('marks English framework text in a Welsh report as English', () => {
    const cy = { ...template, language: 'cy' };
    const model = buildReportModel({ ...framework, legalBasis: { england: 'The Act.' } }, audit, { template: cy, isPublic: false, asOf: '2026-03-01' });
    const [gaps] = tables(model, 'gap-analysis');
    expect(gaps!.rows[0]![1]).toMatchObject({ lang: 'en' });
    const heading = blocks(model, 'gap-analysis').find((b) => b.kind === 'subheading') as { phrases: { text: string; lang?: string }[] };
    expect(heading.phrases).toContainEqual({ text: 'Leadership', lang: 'en' });
    const legal = blocks(model, 'implications').find((b) => b.kind === 'paragraph' && b.text === 'The Act.');
    expect(legal).toMatchObject({ lang: 'en' });
  });

  it('shows the moderated rating, the self-rating beside it, and last period’s', () => {
    const [leadership] = tables(build(), 'appendix-ratings');
    const l1 = leadership!.rows[0]!;
    expect(l1[2]).toMatchObject({ text: '2', strong: true, note: 'Self-rating: 3\nmoderated by Panel' });
    expect(l1[1]!.detail).toBe('Evidence: Private evidence about a named child\nModerated: Private panel note');
    const [, workforce] = tables(build(), 'appendix-ratings');
    expect(workforce!.rows[0]![2]!.note).toBe('2024-25: 1');
    expect(workforce!.rows[1]![2]!.text).toBe('Not assessed');
    expect(workforce!.rows[1]![1]!.detail).toBe('Evidence: No evidence recorded');
  });

  it('leaves every evidence and moderation note out of a public report, and says so', () => {
    const model = build({ isPublic: true });
    const text = allText(model);
    expect(text).not.toContain('Private evidence');
    expect(text).not.toContain('Private panel note');
    expect(text).not.toContain('"detail"');
    expect(text).toContain('evidence notes are left out');
    expect(model.sections.find((s) => s.id === 'appendix-ratings')!.heading).toBe('Appendix A: Ratings (evidence left out of this public version)');
    expect(model.cover).toMatchObject({ isPublic: true, part: 'Part 1: public item' });
    expect(model.cover.notice).toBeUndefined();
    expect(build().cover.notice).toContain('Schedule 12A to the Local Government Act 1972');
  });

  it('puts every gap in its standard’s table and in the plan, with overdue and missing actions in words', () => {
    const model = build();
    const gapRows = tables(model, 'gap-analysis').flatMap((t) => t.rows.map((r) => r[0]!.text));
    expect(gapRows.sort()).toEqual(['L-1', 'L-2']);
    const [plan] = tables(model, 'improvement-plan');
    expect(plan!.rows.map((r) => [r[1]!.text, r[3]!.text, r[3]!.note, r[5]!.text, r[6]!.text, r[6]!.note])).toEqual([
      ['L-2', 'Do the thing', 'Standard 1: Leadership', '31 January 2026', 'Overdue', 'Open'],
      ['L-1', 'Needs an action', 'Standard 1: Leadership', '–', 'Needs an action', undefined],
    ]);
  });

  it('draws one chart bar per standard, its RAG rating in words and its alternative text', () => {
    const chart = blocks(build(), 'summary').find((b) => b.kind === 'chart');
    expect(chart).toMatchObject({
      kind: 'chart',
      bars: [
        { label: '1. Leadership', mean: 2, target: 3.5, rag: 'red', valueText: '2.00 · Red' },
        { label: '2. Workforce', mean: 3, target: 3, rag: 'green', valueText: '3.00 · Green' },
      ],
    });
    expect((chart as { alt: string }).alt).toContain('1. Leadership: mean 2.00 against a target of 3.50, Red.');
  });

  it('describes an audit with nothing rated yet without inventing figures', () => {
    const model = buildReportModel(framework, { ...audit, responses: {} }, { template, isPublic: false, asOf: '2026-03-01' });
    const chart = blocks(model, 'summary').find((b) => b.kind === 'chart') as { alt: string; bars: { valueText: string }[] };
    expect(chart.bars.map((b) => b.valueText)).toEqual(['Not rated', 'Not rated']);
    expect(chart.alt).toContain('1. Leadership: not yet rated (target 3.50).');
    expect(JSON.stringify(blocks(model, 'summary'))).toContain('No criterion has been rated yet, so no judgement can be made.');
    expect(blocks(model, 'improvement-plan').at(-1)).toMatchObject({ kind: 'paragraph', text: 'No gaps: there is nothing to plan.' });
  });

  it('reports a sign-off, and says when the audit changed after it', () => {
    const signoff = signOff(audit, { by: 'A. Director', role: 'DCS' }, new Date('2026-04-02T09:00:00Z'), framework);
    const signed = buildReportModel(framework, { ...audit, signoff }, { template, isPublic: false, asOf: '2026-03-01' });
    const summary = JSON.stringify(blocks(signed, 'summary'));
    expect(summary).toContain('Signed off by A. Director (DCS) on 2 April 2026.');
    expect(summary).toContain('Ratings changed by a moderation panel: 1.');
    const edited = { ...audit, responses: { ...audit.responses, 'W-2': { rating: 4 } }, signoff };
    const changed = buildReportModel(framework, edited, { template, isPublic: false, asOf: '2026-03-01' });
    expect(changed.cover.rows).toContainEqual({
      label: 'Sign-off',
      value: 'Signed off by A. Director (DCS) on 2 April 2026, but the audit has changed since then: it needs to be signed off again.',
    });
  });

  it('keeps every standard, gap and action for any framework and audit, and no evidence when public', () => {
    fc.assert(
      fc.property(frameworkWithAuditArb, fc.boolean(), ({ framework: f, audit: a }, isPublic) => {
        const withEvidence: Audit = {
          ...a,
          responses: Object.fromEntries(Object.entries(a.responses).map(([id, r]) => [id, { ...r, evidence: `secret-${id}` }])),
        };
        const model = buildReportModel(f, withEvidence, { template, isPublic, asOf: '2026-01-01' });
        const chart = blocks(model, 'summary').find((b) => b.kind === 'chart') as { bars: unknown[] };
        expect(chart.bars).toHaveLength(f.standards.length);
        const gapIds = tables(model, 'gap-analysis').flatMap((t) => t.rows.map((r) => r[0]!.text));
        expect(gapIds.sort()).toEqual(model.analysis.gaps.map((g) => g.criterion).sort());
        const planIds = tables(model, 'improvement-plan').flatMap((t) => t.rows.map((r) => r[1]!.text));
        expect(planIds).toEqual(model.plan.actions.map((p) => p.criterion));
        const appendixIds = tables(model, 'appendix-ratings').flatMap((t) => t.rows.map((r) => r[0]!.text));
        expect(appendixIds).toEqual(f.standards.flatMap((s) => s.criteria.map((c) => c.id)));
        expect(allText(model).includes('secret-')).toBe(!isPublic && Object.keys(a.responses).length > 0);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the bundled template', () => {
  it('gives every label and column its words', () => {
    for (const key of LABEL_KEYS) expect(template.labels[key], key).toMatch(/\S/);
    for (const key of COLUMN_KEYS) expect(template.labels.columns[key], key).toMatch(/\S/);
    for (const rag of ['red', 'amber', 'green', 'unrated'] as const) {
      expect(template.labels.rag[rag]).toMatch(/\S/);
      expect(template.judgements[rag]).toMatch(/\S/);
    }
  });
});

describe('formatDate', () => {
  it('writes dates in the template’s language', () => {
    expect(formatDate('2026-07-21', 'en-GB')).toBe('21 July 2026');
    // One month style throughout: never en-GB's short "Sept" beside "Jun".
    expect(formatDate('2026-09-28', 'en-GB')).toBe('28 September 2026');
    expect(formatDate('2026-07-21', 'cy')).toBe('21 Gorffennaf 2026');
  });

  it('writes English and Welsh dates as Intl does, without loading its locale data', () => {
    for (const language of ['en-GB', 'cy', 'cy-GB']) {
      const intl = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
      const ours: string[] = [];
      const theirs: string[] = [];
      for (let day = Date.UTC(1990, 0, 1); day <= Date.UTC(2060, 0, 1); day += 86_400_000) {
        const date = new Date(day);
        ours.push(formatDate(date.toISOString().slice(0, 10), language));
        theirs.push(intl.format(date));
      }
      expect(ours).toEqual(theirs);
    }
  });

  it('leaves a date that is not one as it was written, and other languages to Intl', () => {
    expect(formatDate('not a date', 'cy')).toBe('not a date');
    expect(formatDate('2026-07-21', 'EN-gb')).toBe('21 July 2026');
    expect(formatDate('2026-07-21', 'fr')).toBe('21 juillet 2026');
  });
});
