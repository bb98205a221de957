/**
 * The partnership report as one view model: what a safeguarding partnership's board reads about
 * its agencies' audits of one framework (a Local Safeguarding Children Board's Section 11
 * returns). Built once from the partnership view (src/core/aggregate.ts) and the template's
 * wording, as the sections of blocks of a ReportDocument that the PDF renderer draws.
 *
 * Policy:
 * - the heat map, the partnership means and RAG ratings are the partnership view's, unchanged;
 * - section 6 lists the criteria below target in more than half of the agencies that rated
 *   them ("where most agencies fall short"); when no criterion is, it lists those below
 *   target in the most agencies, and says so;
 * - a return counts as signed off when its sign-off still matches its content (verifySignOff);
 * - no evidence note and no moderation note appears anywhere: the partnership view holds only
 *   ratings, and a profile says only how many ratings a panel moderated;
 * - criteria not applicable to an agency count in none of its figures: the summary tells those
 *   the framework does not ask its kind of organisation to answer (the kind's marks, never
 *   worded as the agency's judgement) from those the agency judged not applicable, naming the
 *   agencies of each for every criterion, and each profile lists its own, apart, with the
 *   reasons. A public (Part 1) report leaves those reasons out, like evidence, and differs from
 *   a Part 2 one only in that and its marking.
 * - counts of agencies by RAG rating add up to every agency: one with nothing rated is counted
 *   as not rated.
 * - returned files left out because they could not be read (--skip-unreadable) are counted on
 *   the cover and told in the summary before its figures, as files, since which organisation
 *   sent each is unknown; {unreadableFiles} lets every sentence that speaks of all the agencies
 *   say "whose return is included". A Part 2 report names the files and what each is; a public
 *   one gives their number only, as a file's name is whatever its sender typed (a person's or
 *   a child's name among it, for all the board can tell) and nobody has checked it.
 */
import type { AgencyAudit, AgencyStandard, AgencyStanding, NotApplicableAgency, PartnershipView, Shortfall } from './aggregate.js';
import { aggregateAudits, widespreadShortfalls } from './aggregate.js';
import type { Audit } from './audit.js';
import { ragPolicy, type Framework } from './framework.js';
import { scoreCriteria, type Rag } from './gap-analysis.js';
import { formatChange } from './mean-change.js';
import type { PartnershipLabelKey, PartnershipPlaceholder, PartnershipTemplate } from './partnership-template.js';
import {
  barValueText,
  coverSummary,
  formatDate,
  formatMean,
  formatNumber,
  notApplicableList,
  priorityRuleWords,
  round2,
  scaleTable,
  listBlock,
  SectionWriter,
  signoffWords,
  standardsChart,
  type ChartBar,
  type HeatMapRow,
  type ReportCell,
  type ReportDocument,
  type SectionScope,
} from './report-document.js';
import type { ReportDetails } from './report-details.js';
import { appendixPlaceholder, sectionPlaceholder } from './report-template.js';
import {
  committeeWithArticle,
  detailSectionBlocks,
  foreignLanguage,
  includedSections,
  kebab,
  legalBasisFor,
  peopleRows,
  proseWithLanguage,
  recommendationItems,
  type ReportWarning,
} from './report-sections.js';
import { countModeratedChanges } from './report-model.js';
import { verifySignOff, type Verification } from './signoff.js';
import { fillPlaceholders, wordingAt, type ItemsSection, type Nation, type TemplateSection } from './template-text.js';
import { NOTHING_LEFT_OUT, type LeftOutFiles } from './unreadable-files.js';

export interface PartnershipReportOptions {
  template: PartnershipTemplate;
  /** A public item; otherwise marked not for publication. */
  isPublic: boolean;
  /** The report's own facts (partnership, title, committee, officer, meeting date, people, papers), the command line's over the details file's. */
  details?: ReportDetails;
  nation?: Nation;
  /** Last period's returns were given (entries' `previous`): each agency's change goes under its means in the heat map. */
  withPrevious?: boolean;
  /** Returned files that could not be read and were left out (--skip-unreadable). */
  leftOut?: LeftOutFiles;
}

/** What the report says of one agency's return beyond the partnership view. */
export interface AgencyReturn {
  standing: AgencyStanding;
  /** Whether its sign-off still matches its content. */
  verification: Verification;
  /** Ratings a panel set to something other than the self-rating. */
  moderatedChanges: number;
}

export interface PartnershipReportModel extends ReportDocument {
  /** The figures behind the words, for tests and for anyone checking the report. */
  view: PartnershipView;
  /** The criteria section 6 lists. */
  widespread: Shortfall[];
  /** The returned files left out, as the report tells them. */
  leftOut: LeftOutFiles;
  returns: AgencyReturn[];
  nation: Nation;
  warnings: ReportWarning[];
}

/**
 * The most agencies a table cell names (who is below target, who a criterion does not apply to):
 * about half a page of a narrow column; more are counted, not named.
 */
const NAMED_IN_A_CELL = 10;

export function buildPartnershipReportModel(framework: Framework, entries: readonly AgencyAudit[], options: PartnershipReportOptions): PartnershipReportModel {
  const t = options.template;
  const labels = t.labels;
  const lang = t.language;
  const details = options.details ?? {};
  const nation = options.nation ?? t.nation;
  const foreign = foreignLanguage(framework, lang);
  const inForeign = foreign ? { lang: foreign } : {};
  const view = aggregateAudits(framework, entries, options.withPrevious === true);
  const leftOut = options.leftOut ?? NOTHING_LEFT_OUT;
  const audits = new Map(entries.map((e) => [e.file, e.audit]));
  const auditOf = (agency: AgencyStanding): Audit => audits.get(agency.file)!;

  // What each agency's criteria are: targets for the chart, and who falls short of which criterion.
  const results = new Map(view.agencies.map((a) => [a.file, scoreCriteria(framework, auditOf(a))]));
  const belowBy = new Map<string, string[]>();
  const targetSums = new Map<string, { sum: number; n: number; values: Set<number> }>();
  for (const agency of view.agencies) {
    for (const r of results.get(agency.file)!) {
      if (r.rating !== undefined && r.gap > 0) belowBy.set(r.criterion, [...(belowBy.get(r.criterion) ?? []), agency.organisation]);
      const target = targetSums.get(r.standard) ?? { sum: 0, n: 0, values: new Set<number>() };
      target.values.add(r.target);
      target.sum += r.target;
      target.n++;
      targetSums.set(r.standard, target);
    }
  }
  const standardTarget = (id: string) => {
    const target = targetSums.get(id);
    return round2(target?.n ? target.sum / target.n : framework.target);
  };
  const targetsVary = (id: string) => (targetSums.get(id)?.values.size ?? 0) > 1;

  const returns: AgencyReturn[] = view.agencies.map((standing) => {
    const audit = auditOf(standing);
    return { standing, verification: verifySignOff(audit, audit.signoff, framework), moderatedChanges: countModeratedChanges(audit) };
  });

  const widespread = widespreadShortfalls(view.shortfalls);
  const periods = listWords(view.periods, lang);
  const facts = { framework: framework.title, frameworkEdition: framework.version, period: periods };
  // Words from the command line may use the facts the template's own may (checked when parsed;
  // a details file's braces are escaped there, so they print as written).
  const partnership = fillPlaceholders(details.partnership ?? t.partnership, facts);
  const withPartnership = { ...facts, partnership };
  const committee = fillPlaceholders(details.committee ?? t.committee ?? '', withPartnership);
  const officer = fillPlaceholders(details.officer ?? t.officer ?? '', withPartnership);
  const title = fillPlaceholders(details.title ?? t.reportTitle, withPartnership);
  const meetingDate = details.meetingDate ? formatDate(details.meetingDate, lang) : labels.toBeConfirmed;
  const { included, warnings } = includedSections(t.contents.sections, t.sections, details);
  const legal = legalBasisFor(framework, nation);
  const partWords = options.isPublic ? labels.publicItem : labels.exemptItem;
  const count = (status: Verification['status']) => String(returns.filter((r) => r.verification.status === status).length);

  const values: Record<string, string> = {
    ...withPartnership,
    nation: labels.nations[nation],
    legalBasis: '',
    partnershipDuties: '',
    committee,
    theCommittee: committee,
    meetingDate,
    officer,
    reportTitle: title,
    part: partWords,
    agencies: String(view.summary.agencies),
    unreadableFiles: String(leftOut.current.length),
    // What was left unrated, so that the report says how complete the returns are.
    // A criterion not in the edition an agency returned on was not left unrated by it: counted apart.
    agenciesWithUnrated: String(view.agencies.filter((a) => a.summary.notAssessed > a.notInEdition).length),
    unratedCriteria: String(view.agencies.reduce((n, a) => n + a.summary.notAssessed - a.notInEdition, 0)),
    agenciesOnOtherEditions: String(view.agencies.filter((a) => a.notInEdition > 0).length),
    notInEditionCriteria: String(view.agencies.reduce((n, a) => n + a.notInEdition, 0)),
    standards: String(framework.standards.length),
    criteria: String(framework.standards.reduce((n, s) => n + s.criteria.length, 0)),
    scaleMin: String(view.scale.min),
    scaleMax: String(view.scale.max),
    meanRating: formatMean(view.summary.meanRating, labels.chartNoRating),
    overallRag: labels.rag[view.summary.rag],
    overallJudgement: '',
    redAgencies: String(view.summary.agenciesByRag.red),
    amberAgencies: String(view.summary.agenciesByRag.amber),
    greenAgencies: String(view.summary.agenciesByRag.green),
    unratedAgencies: String(view.summary.agenciesByRag.unrated),
    shortfalls: String(view.shortfalls.length),
    widespreadShortfalls: String(view.summary.widespreadShortfalls),
    signedOff: count('unchanged'),
    changedSinceSignoff: count('changed'),
    notSignedOff: count('unsigned'),
    moderatedAgencies: String(view.agencies.filter((a) => a.moderated > 0).length),
    priorityRule: '',
    ...Object.fromEntries([...t.contents.sections.map(sectionPlaceholder), ...t.contents.appendices.map(appendixPlaceholder)].map((name) => [name, '–'])),
    ...Object.fromEntries(included.map((key, i) => [sectionPlaceholder(key), String(i + 1)])),
    ...Object.fromEntries(t.contents.appendices.map((key, i) => [appendixPlaceholder(key), String.fromCharCode(65 + i)])),
  } satisfies Record<PartnershipPlaceholder, string>;
  const fill = (text: string, extra: Record<string, string> = {}) => fillPlaceholders(text, { ...values, ...extra }, lang);
  const label = (key: PartnershipLabelKey, extra: Record<string, string> = {}) => fill(labels[key], extra);
  values.theCommittee = committeeWithArticle(committee, t.committeesWithoutArticle, (name) => label('committeeWithArticle', { committee: name }));
  values.legalBasis = legal ?? label('legalBasisMissing');
  values.partnershipDuties = t.partnershipDuties[nation] ?? label('legalBasisMissing');
  if (!legal) {
    warnings.push({
      code: 'legal-basis-missing',
      message: `${framework.id} states no legal basis for ${labels.nations[nation]}: the legal section says so; add legalBasis.${nation} to the framework, or choose another nation with --nation`,
    });
  }
  values.priorityRule = priorityRuleWords(ragPolicy(framework), labels, fill);
  values.overallJudgement = fill(t.judgements[view.summary.rag]);

  const total = String(view.summary.agencies);
  const countOf = (n: number, of = total) => label('countOf', { count: String(n), total: of });
  const meanWords = (mean: number | null, rag: Rag) => (mean === null ? labels.rag.unrated : `${formatMean(mean, labels.chartNoRating)} ${labels.rag[rag]}`);
  // The figure over its word in every cell, so that the columns read alike.
  const heatCell = (mean: number | null, rag: Rag, strong = false): ReportCell => ({
    text: mean === null ? labels.rag.unrated : `${formatMean(mean, labels.chartNoRating)}\n${labels.rag[rag]}`,
    fill: rag,
    ...(strong ? { strong } : {}),
  });
  /**
   * Who falls short, named only when not everyone does ("3 of 3" says it all) and while they are
   * few: 50 names of 60 agencies made one row run over pages, in every table with such a cell;
   * the heat map and each agency's profile name them all.
   */
  const belowCell = (names: string[], of: number): ReportCell => ({
    text: countOf(names.length, String(of)),
    ...(names.length && names.length < of && names.length <= NAMED_IN_A_CELL ? { note: names.join('; ') } : {}),
  });
  const titles = framework.standards.map((s, i) => `${i + 1}. ${s.title}`);
  const standardOf = new Map(framework.standards.flatMap((s, i) => s.criteria.map((c) => [c.id, titles[i]!] as const)));
  const orderOf = new Map(framework.standards.flatMap((s) => s.criteria.map((c) => c.id)).map((id, i) => [id, i]));
  // Each agency's not-applicable criteria in framework order, with its reasons and whether its kind is why.
  const notApplicableOf = new Map<string, { criterion: string; reason: string; byKind: boolean }[]>();
  for (const n of view.notApplicable) {
    for (const a of n.agencies) notApplicableOf.set(a.file, [...(notApplicableOf.get(a.file) ?? []), { criterion: n.criterion, reason: a.reason, byKind: a.byKind }]);
  }
  for (const list of notApplicableOf.values()) list.sort((a, b) => orderOf.get(a.criterion)! - orderOf.get(b.criterion)!);
  // A standard none of whose criteria applies to the agency reads N/A in the heat map, and one
  // none of whose criteria is in the edition it returned on says so: neither was left unrated.
  const cellWords = (s: AgencyStandard): string | undefined =>
    isAllNotApplicable(s) ? label('notApplicableCell') : isAllNotInEdition(s) ? label('notInEditionCell') : undefined;
  const cellOf = (s: AgencyStandard): ReportCell => {
    const words = cellWords(s);
    return words !== undefined ? { text: words, fill: 'unrated' } : heatCell(s.meanRating, s.rag);
  };

  const writer = new SectionWriter({ numberParagraphs: t.numberParagraphs, fill, appendixLabel: (letter) => label('appendix', { letter }) });
  const legalLang = (paragraph: string) => (foreign && paragraph.trim() === '{legalBasis}' && legal ? foreign : undefined);
  const prose = (scope: SectionScope, section: TemplateSection) => proseWithLanguage(scope, section.text, legalLang);

  // Wording that depends on the law at the meeting; without a meeting date, the current law's.
  const lawDate = details.meetingDate ?? '9999-12-31';
  for (const key of included) {
    const section = wordingAt(t.sections[key]!, lawDate);
    writer.section(kebab(key), fill(section.heading), (scope) => {
      switch (key) {
        case 'recommendations':
          prose(scope, section);
          recommendationItems(scope, section as ItemsSection, values, fill);
          break;
        case 'summary':
          // Before the figures, so that no count of agencies is read as all the returns.
          leftOutNote(scope);
          prose(scope, section);
          summaryNotes(scope);
          break;
        case 'heatMap':
          prose(scope, section);
          heatMap(scope);
          break;
        case 'standards':
          prose(scope, section);
          standardsFigures(scope);
          break;
        case 'shortfalls':
          prose(scope, section);
          shortfallsTable(scope);
          break;
        case 'redAgencies':
          prose(scope, section);
          redAgenciesTable(scope);
          break;
        default:
          detailSectionBlocks(scope, key, section, details, labels.noBackgroundPapers, prose) || prose(scope, section);
      }
    });
  }

  // The returned files left out: named, with what each is, in Part 2; counted alone in Part 1.
  function leftOutNote(scope: SectionScope): void {
    const files = leftOut.current;
    if (!files.length) return;
    const count = String(files.length);
    const list = listWords(files.map((f) => label('unreadableFile', { file: f.file, kind: labels.fileKinds[f.kind] })), lang);
    scope.paragraph(options.isPublic ? label('unreadableNotePublic', { count }) : label('unreadableNote', { count, list }));
  }

  // The summary's figures and judgement are the template's; notes on what the returns mix.
  function summaryNotes(scope: SectionScope): void {
    if (view.periods.length > 1) {
      const byPeriod = view.periods.map((p) => `${p} (${view.agencies.filter((a) => a.period === p).length})`);
      scope.paragraph(label('periodsNote', { periods: listWords(byPeriod, lang) }));
    }
    const otherEditions = [...new Set(entries.map((e) => e.audit.frameworkVersion).filter((v): v is string => v !== undefined && v !== framework.version))];
    if (otherEditions.length) {
      const n = entries.filter((e) => e.audit.frameworkVersion !== undefined && e.audit.frameworkVersion !== framework.version).length;
      scope.paragraph(label('editionsNote', { count: String(n), editions: listWords(otherEditions.sort(), lang) }));
    }
    if (view.notApplicable.length) {
      // Criteria the framework does not ask an agency's kind to answer are told apart from
      // those an agency judged not applicable itself: only the second are its own judgement.
      const agenciesWhere = (byKind: boolean) => new Set(view.notApplicable.flatMap((n) => n.agencies.filter((a) => a.byKind === byKind).map((a) => a.file))).size;
      const criteriaWhere = (byKind: boolean) => view.notApplicable.filter((n) => n.agencies.some((a) => a.byKind === byKind)).length;
      scope.paragraph(
        label('notApplicableNote', {
          agenciesWith: String(view.agencies.filter((a) => a.summary.notApplicable > 0).length),
          count: String(view.notApplicable.length),
          kindAgencies: String(agenciesWhere(true)),
          kindCriteria: String(criteriaWhere(true)),
          ownAgencies: String(agenciesWhere(false)),
          ownCriteria: String(criteriaWhere(false)),
        }),
      );
      const agenciesCell = (agencies: readonly NotApplicableAgency[]): ReportCell =>
        agencies.length
          ? belowCell(
              agencies.map((a) => a.organisation),
              view.summary.agencies,
            )
          : { text: '–' };
      scope.add({
        kind: 'table',
        summary: label('notApplicableTableSummary'),
        rowHeader: 0,
        columns: [
          { header: labels.columns.criterion, kind: 'criterion' },
          { header: labels.columns.statement, kind: 'long' },
          { header: labels.columns.agenciesNotForKind, kind: 'text' },
          { header: labels.columns.agenciesJudgedNotApplicable, kind: 'text' },
        ],
        rows: view.notApplicable.map((n) => [
          { text: n.criterion },
          { text: n.text, note: `${labels.columns.standard} ${standardOf.get(n.criterion)!}`, ...inForeign },
          agenciesCell(n.agencies.filter((a) => a.byKind)),
          agenciesCell(n.agencies.filter((a) => !a.byKind)),
        ]),
      });
    }
  }

  // The heat map, its legend and the key to its numbered columns.
  function heatMap(scope: SectionScope): void {
    // With last period's returns, each agency's change under its mean: a figure, signed, never an arrow alone.
    const since = view.previousPeriods ? listWords(view.previousPeriods, lang) : undefined;
    const withChange = (cell: ReportCell, change: number | null | undefined): ReportCell => (since === undefined ? cell : { ...cell, note: signedChange(change) });
    const rows: HeatMapRow[] = view.agencies.map((a) => ({
      header: a.organisation,
      cells: a.standards.map((s) => withChange(cellOf(s), s.change)),
      overall: withChange(heatCell(a.summary.meanRating, a.summary.rag), a.previous?.change),
    }));
    rows.push({
      header: label('partnershipRow'),
      cells: view.standards.map((s) => heatCell(s.meanRating, s.rag, true)),
      overall: heatCell(view.summary.meanRating, view.summary.rag, true),
      total: true,
    });
    rows.push({
      header: label('belowTargetRow'),
      cells: view.standards.map((s) => ({ text: countOf(s.agenciesBelowTarget) })),
      overall: { text: countOf(view.agencies.filter((a) => a.summary.belowTarget > 0).length) },
      total: true,
    });
    const summary = [
      label('heatMapSummary'),
      ...[...view.agencies, null].map((a) =>
        label('heatMapSummaryAgency', {
          agency: a ? a.organisation : label('partnershipRow'),
          mean: formatMean(a ? a.summary.meanRating : view.summary.meanRating, labels.chartNoRating),
          rag: labels.rag[a ? a.summary.rag : view.summary.rag],
          cells: (a ? a.standards.map((s) => cellWords(s) ?? meanWords(s.meanRating, s.rag)) : view.standards.map((s) => meanWords(s.meanRating, s.rag)))
            .map((words, i) => `${i + 1} ${words}`)
            .join(', '),
        }),
      ),
      ...(since === undefined
        ? []
        : [label('heatMapSummaryChange', { periods: since, changes: view.agencies.map((a) => `${a.organisation} ${signedChange(a.previous?.change)}`).join(', ') })]),
    ].join(' ');
    if (since !== undefined) scope.paragraph(label('heatMapChange', { periods: since }));
    if (since !== undefined && leftOut.previous.length) scope.paragraph(label('unreadablePreviousNote', { count: String(leftOut.previous.length) }));
    scope.add(
      {
        kind: 'heatmap',
        caption: label('heatMapCaption'),
        summary,
        rowHeader: labels.columns.agency,
        columns: framework.standards.map((s, i) => ({ header: String(i + 1), expansion: `${labels.columns.standard} ${titles[i]}` })),
        overall: labels.columns.overall,
        rows,
        part: labels.heatMapPart,
      },
      {
        kind: 'legend',
        caption: label('legendCaption'),
        items: [
          { rag: 'red', text: label('legendRed') },
          { rag: 'amber', text: label('legendAmber') },
          { rag: 'green', text: label('legendGreen') },
          { rag: 'unrated', text: label('legendUnrated') },
          ...(view.agencies.some((a) => a.standards.some(isAllNotApplicable)) ? [{ rag: 'unrated' as const, text: label('legendNotApplicable') }] : []),
          ...(view.agencies.some((a) => a.standards.some(isAllNotInEdition)) ? [{ rag: 'unrated' as const, text: label('legendNotInEdition') }] : []),
        ],
      },
      { kind: 'key', caption: label('keyCaption'), items: framework.standards.map((s, i) => ({ label: String(i + 1), text: s.title, ...inForeign })) },
    );
  }

  // The partnership mean of each standard: the chart, then its figures and who falls short.
  function standardsFigures(scope: SectionScope): void {
    const bars: ChartBar[] = view.standards.map((s, i) => ({
      label: titles[i]!,
      number: String(i + 1),
      mean: s.meanRating,
      target: standardTarget(s.id),
      rag: s.rag,
      valueText: barValueText(s.meanRating, s.rag, labels),
      ...(targetsVary(s.id) ? { mixedTargets: true } : {}),
      ...inForeign,
    }));
    // The counts by RAG rating add up to every agency: those with nothing rated in a standard are counted too, where there are any.
    const withUnrated = view.standards.some((s) => s.agenciesByRag.unrated > 0);
    scope.add(standardsChart(bars, view.scale, labels, fill), {
      kind: 'table',
      summary: label('standardsTableSummary'),
      rowHeader: 0,
      columns: [
        { header: labels.columns.standard, kind: 'text' },
        { header: labels.columns.partnershipMean, kind: 'rating', align: 'right' },
        { header: labels.columns.target, kind: 'number', align: 'right' },
        { header: labels.columns.worstRag, kind: 'rag' },
        { header: withUnrated ? labels.columns.agenciesByRagUnrated : labels.columns.agenciesByRag, kind: 'short', align: 'right' },
        { header: labels.columns.agenciesBelowTarget, kind: 'text' },
      ],
      rows: view.standards.map((s, i) => {
        const below = view.agencies.filter((a) => a.standards[i]!.belowTarget > 0).map((a) => a.organisation);
        return [
          { text: titles[i]!, ...inForeign },
          { text: formatMean(s.meanRating, '–') },
          { text: formatNumber(standardTarget(s.id)) },
          { text: labels.rag[s.rag], rag: s.rag },
          { text: [s.agenciesByRag.red, s.agenciesByRag.amber, s.agenciesByRag.green, ...(withUnrated ? [s.agenciesByRag.unrated] : [])].join(' / ') },
          belowCell(below, view.summary.agencies),
        ];
      }),
    });
  }

  // The criteria below target in most agencies.
  function shortfallsTable(scope: SectionScope): void {
    if (!view.shortfalls.length) {
      scope.paragraph(label('noShortfalls'), { note: true });
      return;
    }
    if (!widespread.majority) scope.paragraph(label('noWidespreadShortfalls', { count: String(widespread.criteria[0]!.agenciesBelowTarget) }));
    const standardOf = new Map(framework.standards.map((s, i) => [s.id, titles[i]!]));
    scope.add({
      kind: 'table',
      summary: label('shortfallsTableSummary'),
      rowHeader: 0,
      columns: [
        { header: labels.columns.criterion, kind: 'id' },
        { header: labels.columns.statement, kind: 'long' },
        { header: labels.columns.agenciesBelowTarget, kind: 'text' },
        { header: labels.columns.mean, kind: 'number', align: 'right' },
      ],
      rows: widespread.criteria.map((f) => [
        { text: f.criterion },
        { text: f.text, note: `${labels.columns.standard} ${standardOf.get(f.standard)!}`, ...inForeign },
        belowCell(belowBy.get(f.criterion) ?? [], f.agenciesRated),
        { text: formatMean(f.meanRating, '–') },
      ]),
    });
    const others = view.shortfalls.length - widespread.criteria.length;
    if (others > 0) scope.paragraph(label('otherShortfalls', { count: String(others) }));
  }

  // Agencies with red standards, and why each standard is red: its criteria with a high-priority gap.
  function redAgenciesTable(scope: SectionScope): void {
    if (!view.redAgencies.length) {
      scope.paragraph(label('noRedAgencies'), { note: true });
      return;
    }
    const standing = new Map(view.agencies.map((a) => [a.file, a]));
    const numberOf = new Map(framework.standards.map((s, i) => [s.id, i + 1]));
    const highGaps = (file: string, standard: string) =>
      results
        .get(file)!
        .filter((r) => r.standard === standard && r.priority === 'high')
        .map((r) => label('highGapCriterion', { criterion: r.criterion, rating: String(r.rating), target: String(r.target) }))
        .join('; ');
    scope.add({
      kind: 'table',
      summary: label('redAgenciesTableSummary'),
      rowHeader: 0,
      columns: [
        { header: labels.columns.agency, kind: 'text' },
        { header: labels.columns.redStandards, kind: 'long' },
        { header: labels.columns.mean, kind: 'number', align: 'right' },
        { header: labels.columns.rag, kind: 'rag' },
      ],
      rows: view.redAgencies.map((r) => {
        const a = standing.get(r.file)!;
        return [
          { text: r.organisation },
          { text: r.standards.map((s) => `${numberOf.get(s.id)}. ${s.title}: ${highGaps(r.file, s.id)}`).join('\n') },
          { text: formatMean(a.summary.meanRating, '–') },
          { text: labels.rag[a.summary.rag], rag: a.summary.rag },
        ];
      }),
    });
  }

  for (const key of t.contents.appendices) {
    const appendix = t.appendices[key]!;
    writer.appendix(kebab(`appendix-${key}`), fill(appendix.heading), (scope) => {
      if (key === 'profiles') profilesAppendix(scope, appendix);
      else if (key === 'method') {
        // The scale goes after the method's first paragraph, which introduces it.
        const [first = '', ...rest] = appendix.text.split(/\n\s*\n/);
        proseWithLanguage(scope, first, legalLang);
        scope.add(scaleTable(framework, labels, foreign));
        proseWithLanguage(scope, rest.join('\n\n'), legalLang);
      } else prose(scope, appendix);
    });
  }

  // One profile per agency.
  function profilesAppendix(scope: SectionScope, appendix: TemplateSection): void {
    prose(scope, appendix);
    returns.forEach(({ standing: a, verification, moderatedChanges }, n) => {
      const summary = label('agencySummary', {
        rated: String(a.summary.rated),
        criteria: String(a.summary.criteria),
        mean: formatMean(a.summary.meanRating, labels.chartNoRating),
        belowTarget: String(a.summary.belowTarget),
      });
      const about = [label('agencyReturn', { file: a.file, period: a.period }), ...(a.assessor ? [label('agencyAssessor', { assessor: a.assessor })] : [])];
      const moderation = a.moderated ? label('moderatedSome', { moderated: String(a.moderated), changed: String(moderatedChanges) }) : label('moderatedNone');
      const notApplicable = notApplicableOf.get(a.file) ?? [];
      const withNa = notApplicable.length > 0;
      const naItem = (key: 'agencyNotForKind' | 'agencyNotApplicable', items: typeof notApplicable) =>
        items.length ? [label(key, { count: String(items.length), list: notApplicableList(items, !options.isPublic) })] : [];
      const notApplicableItem = [
        ...naItem('agencyNotForKind', notApplicable.filter((n) => n.byKind)),
        ...naItem('agencyNotApplicable', notApplicable.filter((n) => !n.byKind)),
      ];
      // Beside "47 of 66 criteria rated": the rest are not in the edition it returned on.
      const ownEdition = view.mapping?.returns.find((r) => r.file === a.file)?.edition;
      const notInEditionItem = a.notInEdition && ownEdition ? [label('agencyNotInEdition', { count: String(a.notInEdition), current: framework.version, edition: ownEdition })] : [];
      scope.subheading(`agency-${n + 1}`, label('agencyHeading', { agency: a.organisation, rag: labels.rag[a.summary.rag] }));
      scope.add(
        listBlock(
          [summary, ...notInEditionItem, about.join(' '), `${labels.signoffLabel}: ${signoffWords(verification, labels, lang, fill)}`, `${labels.moderationLabel}: ${moderation}`, ...notApplicableItem].map(
            (text) => ({ label: '•', text }),
          ),
        ),
        {
          kind: 'table',
          summary: label('profileTableSummary', { agency: a.organisation }),
          rowHeader: 0,
          columns: [
            { header: labels.columns.standard, kind: 'long' },
            { header: labels.columns.rated, kind: 'number', align: 'right' },
            ...(withNa ? [{ header: labels.columns.notApplicable, kind: 'short', align: 'right' } as const] : []),
            { header: labels.columns.mean, kind: 'number', align: 'right' },
            { header: labels.columns.belowTarget, kind: 'number', align: 'right' },
            { header: labels.columns.rag, kind: 'rag' },
          ],
          rows: a.standards.map((s, i) => [
            { text: titles[i]!, ...inForeign },
            { text: `${s.rated}/${s.criteria}` },
            ...(withNa ? [{ text: String(s.notApplicable) }] : []),
            { text: formatMean(s.meanRating, '–') },
            { text: String(s.belowTarget) },
            { text: isAllNotApplicable(s) ? labels.columns.notApplicable : labels.rag[s.rag], rag: s.rag },
          ]),
        },
      );
    });
  }

  const coverRows = [
    { label: labels.committeeLabel, value: committee },
    { label: labels.meetingDateLabel, value: meetingDate },
    { label: labels.reportOf, value: officer },
    ...peopleRows(details, labels, labels.portfolioHolderLabel),
    { label: labels.frameworkLabel, value: label('frameworkEdition') },
    { label: labels.periodLabel, value: periods },
    { label: labels.agenciesLabel, value: total },
    ...(leftOut.current.length ? [{ label: labels.unreadableLabel, value: String(leftOut.current.length) }] : []),
    { label: labels.returnsSignedOffLabel, value: countOf(Number(values.signedOff)) },
    { label: labels.statusLabel, value: partWords },
    ...t.cover.rows.map((row) => ({ label: fill(row.label), value: fill(row.value) })),
  ];

  return {
    language: lang,
    title,
    metadata: {
      title,
      author: `${officer}, ${partnership}`,
      subject: `${partnership}: ${framework.title}, ${periods}`,
      keywords: ['safeguarding', 'partnership', framework.id, ...view.periods, committee].join(', '),
    },
    runningHeader: fill(t.runningHeader),
    pageOf: label('pageOf', { page: '{page}', pages: '{pages}' }),
    contentsHeading: labels.contents,
    appendixLabel: labels.appendix,
    cover: {
      organisation: partnership,
      title,
      isPublic: options.isPublic,
      part: partWords,
      ...(options.isPublic ? {} : { notice: label('exemptNotice') }),
      rows: coverRows,
      summary: coverSummary(coverRows),
    },
    sections: writer.sections,
    view,
    widespread: widespread.criteria,
    leftOut,
    returns,
    nation,
    warnings,
  };
}


/** None of the standard's criteria is in the edition the agency returned on (all not in it, or not applicable). */
function isAllNotInEdition(s: AgencyStandard): boolean {
  return s.rated === 0 && s.notInEdition > 0 && s.notInEdition + s.notApplicable === s.criteria;
}

/** No criterion of the standard applies to the agency: its heat-map cell says so rather than "not rated". */
function isAllNotApplicable(s: AgencyStandard): boolean {
  return s.criteria > 0 && s.notApplicable === s.criteria;
}

/** "2024-25 and 2025-26" in the template's language. */
function listWords(items: readonly string[], language: string): string {
  try {
    return new Intl.ListFormat(language, { type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** A change of mean, signed with a true minus ("+0.25", "−0.10", "0.00"); "–" where there is none to give. */
function signedChange(change: number | null | undefined): string {
  if (change === null || change === undefined) return '–';
  return formatChange(change);
}
