/**
 * The committee report as one view model, built once: the gap analysis, the improvement plan,
 * the report's details and the template's wording with its placeholders filled, arranged as
 * sections of blocks (paragraphs, lists, tables, a chart) in the order the template's
 * `contents` gives, for the PDF and Word renderers to draw.
 *
 * Policy:
 * - Public (Part 1) reports leave out every evidence note and every moderation note, and the
 *   reasons given for criteria not applicable, because they may hold personal details; ratings,
 *   gaps, the plan and which criteria are not applicable stay complete, and the appendix's
 *   heading says that the evidence is left out.
 * - A criterion not applicable is counted apart (section 3), listed under its standard in the
 *   gap analysis, and shown as such in the appendix of ratings, with its reason in Part 2.
 * - The wording follows the kind of organisation (its word for itself, who the report is of,
 *   the committee, how a private item is marked) and the nation (the framework's legal basis,
 *   and a council's exemption notice; no other kind of organisation has one in law).
 * - A section whose text must come from the report's details (consultation, what children
 *   and families told us, background papers) is left out when they do not give it, and the
 *   model says so in `warnings`, rather than print words nobody wrote.
 * - A recommendation with `when` is made only when its count is more than nought.
 * - The direction of travel is in the report only when earlier periods are given (`history`),
 *   and then always: after the summary when the template's contents do not name it.
 */
import { notApplicableReason, type Audit, type Response } from './audit.js';
import type { Framework } from './framework.js';
import { ragPolicy } from './framework.js';
import { analyseGaps, scoreCriteria, type GapAnalysis, type Priority, type StandardResult } from './gap-analysis.js';
import { isCouncil, vocabularyKind, type VocabularyKind } from './organisation-kinds.js';
import { buildPlan, type Plan, type PlanAction } from './plan.js';
import type { ReportDetails } from './report-details.js';
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
  SectionWriter,
  signoffWords,
  standardsChart,
  type ChartBar,
  type ReportCell,
  type ReportColumn,
  type ReportDocument,
  type SectionScope,
} from './report-document.js';
import {
  appendixPlaceholder,
  sectionPlaceholder,
  type LabelKey,
  type OrganisationWords,
  type ReportLabels,
  type ReportSections,
  type ReportTemplate,
} from './report-template.js';
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
import { historyBlocks, historyValues } from './report-history.js';
import { verifySignOff } from './signoff.js';
import type { Trend } from './trend.js';
import { fillPhrases, fillPlaceholders, mergeTemplate, wordingAt, type ItemsSection, type Nation, type TemplateSection } from './template-text.js';

export interface ReportOptions {
  template: ReportTemplate;
  /** A Part 1 (public) item: no evidence or moderation notes. */
  isPublic: boolean;
  /** YYYY-MM-DD: the date the plan's progress is reported at (overdue actions are judged against it). */
  asOf: string;
  /** The report's own facts, the command line's laid over the details file's. */
  details?: ReportDetails;
  /** The organisation's kind, as resolved by the command (the audit's, an option's or the template's). */
  kind?: string;
  nation?: Nation;
  /** The organisation's earlier periods with this one (audit report --history), for the direction of travel. */
  history?: Trend;
}

export interface ReportModel extends ReportDocument {
  /** The figures behind the words, for tests and for anyone checking the report. */
  analysis: GapAnalysis;
  plan: Plan;
  /** The vocabulary kind whose wording the report uses, and the nation whose law. */
  kind: VocabularyKind;
  nation: Nation;
  warnings: ReportWarning[];
}

export function buildReportModel(framework: Framework, audit: Audit, options: ReportOptions): ReportModel {
  const t = options.template;
  const labels = t.labels;
  const details = options.details ?? {};
  const lang = t.language;
  const nation = options.nation ?? t.nation;
  const kindId = options.kind ?? t.organisationKind;
  const kind = vocabularyKind(kindId, framework);
  const words = organisationWords(t, kind, framework.kinds?.some((k) => k.id === kindId) ? kindId : undefined);
  // The law at the meeting (or, without one, at the date progress is reported) chooses wording
  // that depends on it: a report for a meeting in 2004 cites no Act of 2010.
  const lawDate = (options.details ?? {}).meetingDate ?? options.asOf;
  const sections = mergeTemplate(t.sections, (words.sections ?? {}) as ReportSections);
  const foreign = foreignLanguage(framework, lang);
  const inForeign = foreign ? { lang: foreign } : {};

  const analysis = analyseGaps(framework, audit);
  const plan = buildPlan(framework, audit, options.asOf);
  const results = scoreCriteria(framework, audit);

  const facts: Record<string, string> = {
    organisation: audit.organisation,
    period: audit.period,
    framework: framework.title,
    frameworkEdition: framework.version,
    assessor: audit.assessor ?? '',
  };
  // Words from the command line may use the facts the template's own may (checked when parsed;
  // a details file's braces are escaped there, so they print as written).
  const committee = fillPlaceholders(details.committee ?? t.committee ?? words.committee, facts);
  const officer = fillPlaceholders(details.officer ?? t.officer ?? words.officer, facts);
  const title = fillPlaceholders(details.title ?? t.reportTitle, facts);
  const meetingDate = details.meetingDate ? formatDate(details.meetingDate, lang) : labels.toBeConfirmed;
  const moderatedChanges = countModeratedChanges(audit);
  const policy = ragPolicy(framework);
  const publicItem = words.publicItem ?? labels.publicItem;
  const exemptItem = words.exemptItem ?? labels.exemptItem;
  const partWords = options.isPublic ? publicItem : exemptItem;
  const legal = legalBasisFor(framework, nation);

  // Which sections the report will have, and so their numbers, before any text is filled.
  const listed = includedSections(t.contents.sections, sections, details);
  const warnings = listed.warnings;
  const included = withHistory(listed.included, options.history !== undefined);
  const numbers: Record<string, string> = {};
  included.forEach((key, i) => (numbers[sectionPlaceholder(key)] = String(i + 1)));
  t.contents.appendices.forEach((key, i) => (numbers[appendixPlaceholder(key)] = String.fromCharCode(65 + i)));

  // Every standard counted once: by its RAG rating, as not rated, or as not applicable.
  const standardRags = { red: 0, amber: 0, green: 0, unrated: 0, notApplicable: 0 };
  for (const s of analysis.standards) standardRags[isAllNotApplicable(s) ? 'notApplicable' : s.rag]++;

  const values: Record<string, string> = {
    ...facts,
    committee,
    theCommittee: committee,
    officer,
    reportTitle: title,
    meetingDate,
    part: partWords,
    asOf: formatDate(options.asOf, lang),
    body: words.body,
    nation: labels.nations[nation],
    legalBasis: '',
    overallRag: labels.rag[analysis.summary.rag],
    overallJudgement: '',
    standards: String(framework.standards.length),
    criteria: String(analysis.summary.criteria),
    rated: String(analysis.summary.rated),
    notAssessed: String(analysis.summary.notAssessed),
    notApplicable: String(analysis.summary.notApplicable),
    meanRating: formatMean(analysis.summary.meanRating, labels.chartNoRating),
    scaleMin: String(analysis.scale.min),
    scaleMax: String(analysis.scale.max),
    gaps: String(plan.summary.gaps),
    highGaps: String(plan.summary.high),
    mediumGaps: String(plan.summary.medium),
    withAction: String(plan.summary.withAction),
    needsAction: String(plan.summary.needsAction),
    overdue: String(plan.summary.overdue),
    moderatedChanges: String(moderatedChanges),
    redStandards: String(standardRags.red),
    amberStandards: String(standardRags.amber),
    greenStandards: String(standardRags.green),
    unratedStandards: String(standardRags.unrated),
    notApplicableStandards: String(standardRags.notApplicable),
    signoff: '',
    priorityRule: '',
    ...historyValues(options.history),
    // Sections left out of this report are referred to by a dash.
    ...Object.fromEntries([...t.contents.sections.map(sectionPlaceholder), ...t.contents.appendices.map(appendixPlaceholder)].map((name) => [name, '–'])),
    ...numbers,
  };
  const fill = (text: string, extra: Record<string, string> = {}) => fillPlaceholders(text, { ...values, ...extra }, lang);
  const label = (key: LabelKey, extra: Record<string, string> = {}) => fill(labels[key], extra);

  values.theCommittee = committeeWithArticle(committee, t.committeesWithoutArticle, (name) => label('committeeWithArticle', { committee: name }));
  values.legalBasis = legal ?? label('legalBasisMissing');
  if (!legal) {
    warnings.push({
      code: 'legal-basis-missing',
      message: `${framework.id} states no legal basis for ${labels.nations[nation]}: the legal implications say so; add legalBasis.${nation} to the framework, or choose another nation with --nation`,
    });
  }
  values.priorityRule = priorityRuleWords(policy, labels, fill);
  // A sign-off counts only for the content signed: say so when the audit changed since.
  values.signoff = signoffWords(verifySignOff(audit, audit.signoff, framework), labels, lang, fill);
  values.overallJudgement = fill(t.judgements[analysis.summary.rag]);

  const standardTargets = new Map(
    framework.standards.map((s) => {
      const own = results.filter((r) => r.standard === s.id);
      const targets = new Set(own.map((r) => r.target));
      return [s.id, { target: own.length ? own.reduce((sum, r) => sum + r.target, 0) / own.length : framework.target, mixed: targets.size > 1 }];
    }),
  );
  const standardNumber = new Map(framework.standards.map((s, i) => [s.id, String(i + 1)]));
  const titles = new Map(framework.standards.map((s, i) => [s.id, `${i + 1}. ${s.title}`]));
  /** The legal-basis paragraph is the framework's own text: in its language. */
  const legalLang = (paragraph: string) => (foreign && paragraph.trim() === '{legalBasis}' && legal ? foreign : undefined);

  const writer = new SectionWriter({ numberParagraphs: t.numberParagraphs, fill, appendixLabel: (letter) => label('appendix', { letter }) });
  const prose = (scope: SectionScope, section: TemplateSection) => proseWithLanguage(scope, section.text, legalLang);

  for (const key of included) {
    const section = wordingAt(sections[key]!, lawDate);
    writer.section(key === 'gapAnalysis' ? 'gap-analysis' : key === 'improvementPlan' ? 'improvement-plan' : kebab(key), fill(section.heading), (scope) => {
      switch (key) {
        case 'recommendations':
          prose(scope, section);
          recommendationItems(scope, section as ItemsSection, values, fill);
          break;
        case 'summary':
          prose(scope, section);
          scope.paragraph(`${labels.signoffLabel}: ${values.signoff}`);
          if (moderatedChanges > 0) scope.paragraph(label('moderationNote'));
          summaryFigures(scope);
          break;
        case 'gapAnalysis':
          prose(scope, section);
          gapsByStandard(scope);
          break;
        case 'improvementPlan':
          prose(scope, section);
          planTable(scope);
          break;
        case 'directionOfTravel':
          prose(scope, section);
          historyBlocks(scope, options.history!, {
            labels,
            fill,
            titles,
            targets: new Map([...standardTargets].map(([id, t]) => [id, round2(t.target)])),
            ...(foreign ? { lang: foreign } : {}),
          });
          break;
        case 'implications':
          prose(scope, section);
          for (const part of sections.implications.parts) {
            const own = sections.implications[part] as TemplateSection | undefined;
            if (!own) continue;
            const sub = wordingAt(own, lawDate);
            scope.subheading(`implications-${kebab(part)}`, fill(sub.heading));
            prose(scope, sub);
          }
          break;
        default:
          detailSectionBlocks(scope, key, section, details, labels.noBackgroundPapers, prose) || prose(scope, section);
      }
    });
  }

  function summaryFigures(scope: SectionScope): void {
    const bars: ChartBar[] = analysis.standards.map((s) => ({
      label: titles.get(s.id)!,
      number: standardNumber.get(s.id)!,
      mean: s.meanRating,
      target: round2(standardTargets.get(s.id)!.target),
      rag: s.rag,
      valueText: barValueText(s.meanRating, s.rag, labels),
      ...(standardTargets.get(s.id)!.mixed ? { mixedTargets: true } : {}),
      ...inForeign,
    }));
    // The not-applicable column only where a criterion is not applicable, so other reports read as before.
    const withNa = analysis.summary.notApplicable > 0;
    scope.add(standardsChart(bars, analysis.scale, labels, fill), {
      kind: 'table',
      summary: label('summaryTableSummary'),
      rowHeader: 0,
      columns: [
        { header: labels.columns.standard, kind: 'text' },
        { header: labels.columns.rated, kind: 'number', align: 'right' },
        ...(withNa ? [{ header: labels.columns.notApplicable, kind: 'short', align: 'right' } as const] : []),
        { header: labels.columns.mean, kind: 'number', align: 'right' },
        { header: labels.columns.target, kind: 'number', align: 'right' },
        { header: labels.columns.belowTarget, kind: 'number', align: 'right' },
        { header: labels.columns.rag, kind: 'rag' },
      ],
      rows: analysis.standards.map((s) => [
        { text: titles.get(s.id)!, ...inForeign },
        { text: `${s.rated}/${s.criteria}` },
        ...(withNa ? [{ text: String(s.notApplicable) }] : []),
        { text: formatMean(s.meanRating, '–') },
        { text: formatNumber(round2(standardTargets.get(s.id)!.target)) },
        { text: String(s.belowTarget) },
        { text: ragWords(s, labels, labels.notApplicableShort), rag: s.rag },
      ]),
    });
  }

  function gapsByStandard(scope: SectionScope): void {
    const standardOf = new Map(analysis.criteria.map((c) => [c.criterion, c.standard]));
    analysis.standards.forEach((s, i) => {
      const gaps = analysis.gaps.filter((g) => g.standard === s.id);
      const headingValues = { ...values, number: String(i + 1), title: s.title, rag: ragWords(s, labels) };
      const phrases = fillPhrases(labels.standardHeading, headingValues, foreign ? { title: foreign } : {}, lang);
      scope.subheading(`gaps-${s.id}`, phrases.map((p) => p.text).join(''), foreign ? phrases : undefined);
      scope.paragraph(
        label('standardSummary', {
          rated: String(s.rated),
          criteria: String(s.criteria),
          mean: formatMean(s.meanRating, labels.chartNoRating),
          target: formatNumber(round2(standardTargets.get(s.id)!.target)),
          belowTarget: String(s.belowTarget),
        }),
      );
      const notApplicable = analysis.notApplicable.filter((n) => standardOf.get(n.criterion) === s.id);
      if (notApplicable.length) {
        const list = notApplicableList(notApplicable, !options.isPublic);
        scope.paragraph(label('standardNotApplicable', { count: String(notApplicable.length), list }), { note: true });
      }
      if (gaps.length === 0) {
        const words = s.rated ? labels.noGaps : notApplicable.length === s.criteria ? label('allNotApplicable') : labels.notAssessed;
        scope.paragraph(words, { note: true });
        return;
      }
      scope.add({
        kind: 'table',
        summary: label('gapTableSummary', { number: String(i + 1) }),
        rowHeader: 0,
        columns: [
          { header: labels.columns.criterion, kind: 'id' },
          { header: labels.columns.statement, kind: 'long' },
          { header: labels.columns.rating, kind: 'number', align: 'right' },
          { header: labels.columns.target, kind: 'number', align: 'right' },
          { header: labels.columns.gap, kind: 'number', align: 'right' },
          { header: labels.columns.priority, kind: 'priority' },
        ],
        rows: gaps.map((g) => [
          { text: g.criterion },
          { text: g.text, ...inForeign },
          { text: String(g.rating) },
          { text: String(g.target) },
          { text: String(g.gap) },
          { text: priorityWord(g.priority, labels), strong: g.priority === 'high' },
        ]),
      });
    });
  }

  function planTable(scope: SectionScope): void {
    if (plan.actions.length === 0) {
      scope.paragraph(labels.noPlan, { note: true });
      return;
    }
    scope.add({
      kind: 'table',
      summary: label('planTableSummary'),
      rowHeader: 1,
      columns: [
        { header: labels.columns.priority, kind: 'priority' },
        { header: labels.columns.criterion, kind: 'id' },
        { header: `${labels.columns.rating} / ${labels.columns.target}`, kind: 'ratio', align: 'right' },
        { header: labels.columns.action, kind: 'long' },
        { header: labels.columns.owner, kind: 'text' },
        { header: labels.columns.due, kind: 'date' },
        { header: labels.columns.status, kind: 'short' },
      ],
      rows: plan.actions.map((a) => {
        // The standard goes under the action, where the column is wide enough to hold it.
        const standard = label('planStandard', { number: standardNumber.get(a.standard)!, title: a.standardTitle });
        return [
          { text: priorityWord(a.priority, labels), strong: a.priority === 'high' },
          { text: a.criterion },
          { text: `${a.rating} / ${a.target}` },
          a.action === null ? { text: labels.status.needsAction, strong: true, note: standard } : { text: a.action, note: standard },
          { text: a.owner ?? '–' },
          { text: a.due ? formatDate(a.due, lang) : '–' },
          planStatusCell(a, labels),
        ];
      }),
    });
  }

  // Appendices, in the template's order.
  const resultById = new Map(results.map((r) => [r.criterion, r]));
  for (const key of t.contents.appendices) {
    const appendix = t.appendices[key]!;
    const heading = key === 'ratings' && options.isPublic && t.appendices.ratings.publicHeading ? t.appendices.ratings.publicHeading : appendix.heading;
    writer.appendix(kebab(`appendix-${key}`), fill(heading), (scope) => {
      if (key === 'ratings') ratingsAppendix(scope, appendix);
      else if (key === 'method') {
        // The scale goes after the method's first paragraph, which introduces it.
        const [first = '', ...rest] = appendix.text.split(/\n\s*\n/);
        proseWithLanguage(scope, first, legalLang);
        scope.add(scaleTable(framework, labels, foreign));
        proseWithLanguage(scope, rest.join('\n\n'), legalLang);
      } else prose(scope, appendix);
    });
  }

  // Appendix of ratings: every criterion's rating and evidence. The evidence sits under the
  // statement, where the text has the page's width to run in, and both ratings under the one that counts.
  function ratingsAppendix(scope: SectionScope, appendix: TemplateSection): void {
    // The public version's own introduction: the full one promises the evidence and reasons it leaves out.
    const publicText = options.isPublic ? t.appendices.ratings.publicText : undefined;
    prose(scope, publicText ? { ...appendix, text: publicText } : appendix);
    if (options.isPublic) scope.paragraph(labels.evidenceOmitted, { note: true });
    framework.standards.forEach((standard, i) => {
      const headingValues = { ...values, number: String(i + 1), title: standard.title };
      const phrases = fillPhrases(labels.standardTitle, headingValues, foreign ? { title: foreign } : {}, lang);
      scope.subheading(`ratings-${standard.id}`, phrases.map((p) => p.text).join(''), foreign ? phrases : undefined);
      const columns: ReportColumn[] = [
        { header: labels.columns.criterion, kind: 'id' },
        { header: options.isPublic ? labels.columns.statement : `${labels.columns.statement}; ${labels.columns.evidence}`, kind: 'long' },
        { header: labels.columns.rating, kind: 'rating', align: 'right' },
        { header: labels.columns.target, kind: 'number', align: 'right' },
      ];
      const rows = standard.criteria.map((criterion): ReportCell[] => {
        const response = audit.responses[criterion.id];
        const result = resultById.get(criterion.id)!;
        const moderation = response?.moderated;
        const reason = notApplicableReason(response);
        const notes: string[] = [];
        // A panel's rating differs from the self-rating, or its challenge overturns a not-applicable.
        const moderatedAway = Boolean(moderation) && (moderation!.applicable ? reason !== undefined : moderation!.rating !== response?.rating);
        if (moderation) {
          if (moderatedAway) notes.push(`${labels.columns.selfRating}: ${selfAnswerWords(response, labels)}`);
          notes.push(label('moderatedBy', { by: moderation.by }));
        }
        const previous = response?.previous;
        const previousRating = previous ? (previous.moderated ?? previous.rating) : undefined;
        if (typeof previousRating === 'number') {
          notes.push(label('previousPeriod', { period: String(previous?.period ?? labels.columns.previous), rating: String(previousRating) }));
        }
        const detail: string[] = [];
        if (!options.isPublic) {
          if (reason !== undefined) detail.push(`${labels.notApplicable}: ${oneLine(reason)}`);
          detail.push(`${labels.columns.evidence}: ${response?.evidence?.trim() || labels.noEvidence}`);
          if (moderation?.note?.trim()) detail.push(`${labels.columns.moderated}: ${moderation.note.trim()}`);
        }
        return [
          { text: criterion.id },
          { text: criterion.text, ...inForeign, ...(detail.length ? { detail: detail.join('\n') } : {}) },
          {
            text: result.rating !== undefined ? String(result.rating) : result.standing === 'not-applicable' ? labels.notApplicable : labels.notAssessed,
            strong: moderatedAway,
            ...(notes.length ? { note: notes.join('\n') } : {}),
          },
          { text: String(result.target) },
        ];
      });
      const summaryKey = options.isPublic ? 'ratingsTableSummary' : 'ratingsTableSummaryEvidence';
      scope.add({ kind: 'table', summary: label(summaryKey, { number: String(i + 1) }), columns, rows, rowHeader: 0 });
    });
  }

  const coverRows: { label: string; value: string }[] = [
    { label: labels.committeeLabel, value: committee },
    { label: labels.meetingDateLabel, value: meetingDate },
    { label: labels.reportOf, value: officer },
    ...peopleRows(details, labels, words.portfolioHolder),
    { label: labels.frameworkLabel, value: label('frameworkEdition') },
    { label: labels.periodLabel, value: audit.period },
    ...(audit.assessor ? [{ label: labels.assessorLabel, value: audit.assessor }] : []),
    { label: labels.signoffLabel, value: values.signoff },
    { label: labels.statusLabel, value: partWords },
    ...[...t.cover.rows, ...(words.cover?.rows ?? [])].map((row) => ({ label: fill(row.label), value: fill(row.value) })),
  ];

  return {
    language: lang,
    title,
    metadata: {
      title,
      author: `${officer}, ${audit.organisation}`,
      subject: `${audit.organisation}: ${framework.title}, ${audit.period}`,
      keywords: ['safeguarding', 'self-audit', framework.id, audit.period, committee].join(', '),
    },
    runningHeader: fill(t.runningHeader),
    // Everything but the page numbers, which only the renderer knows.
    pageOf: label('pageOf', { page: '{page}', pages: '{pages}' }),
    contentsHeading: labels.contents,
    appendixLabel: labels.appendix,
    cover: {
      organisation: audit.organisation,
      title,
      isPublic: options.isPublic,
      part: partWords,
      ...(options.isPublic ? {} : { notice: fill(exemptNotice(words, labels, kind, nation)) }),
      rows: coverRows,
      summary: coverSummary(coverRows),
    },
    sections: writer.sections,
    analysis,
    plan,
    kind,
    nation,
    warnings,
  };
}

/** The sections with the direction of travel only when there is a history to show: after the summary when not named. */
function withHistory(included: readonly string[], history: boolean): string[] {
  const without = included.filter((key) => key !== 'directionOfTravel');
  if (!history) return without;
  if (included.includes('directionOfTravel')) return [...included];
  const at = without.indexOf('summary');
  return at < 0 ? [...without, 'directionOfTravel'] : [...without.slice(0, at + 1), 'directionOfTravel', ...without.slice(at + 1)];
}

/**
 * The template's wording for `kind`, else for `other`, else the bare minimum; with the wording
 * of the framework's finer kind (`finer`, an academy within education) laid over it, where the
 * template gives any: the law a report states can depend on the finer kind.
 */
function organisationWords(t: ReportTemplate, kind: VocabularyKind, finer: string | undefined): OrganisationWords {
  const words = t.organisations[kind] ?? t.organisations.other ?? { body: 'the organisation', officer: 'Designated Safeguarding Lead', committee: 'Board', portfolioHolder: 'Board member' };
  const own = finer !== undefined && finer !== kind ? t.organisations[finer] : undefined;
  return own ? mergeTemplate(words, own) : words;
}

/** A council's notice follows the nation's law; any other organisation has none in law, so the general one. */
function exemptNotice(words: OrganisationWords, labels: ReportLabels, kind: VocabularyKind, nation: Nation): string {
  const notice = words.exemptNotice;
  if (notice === undefined) return labels.exemptNotice;
  if (typeof notice === 'string') return notice;
  return (isCouncil(kind) ? notice[nation] : undefined) ?? labels.exemptNotice;
}

function planStatusCell(a: PlanAction, labels: ReportTemplate['labels']): ReportCell {
  if (a.needsAction) return { text: labels.status.needsAction, strong: true };
  const base = labels.status[a.status ?? 'open'];
  // The due date is in its own column: an overdue action says so, and what state it is in.
  if (a.overdue) return { text: labels.status.overdue, note: base, strong: true };
  if (a.awaitingReassessment) return { text: labels.status.awaitingReassessment };
  return { text: base };
}

function priorityWord(priority: Priority, labels: ReportTemplate['labels']): string {
  return labels.priority[priority];
}

/**
 * Ratings a moderation panel set to something other than the self-rating, counting a panel's
 * challenge of a not-applicable as such a change.
 */
export function countModeratedChanges(audit: Audit): number {
  return Object.values(audit.responses).filter((r) => {
    if (r?.moderated?.applicable && notApplicableReason(r) !== undefined) return true;
    const moderated = r?.moderated?.rating;
    return typeof moderated === 'number' && moderated !== r?.rating;
  }).length;
}

/** A standard's RAG in words; "Not applicable" where none of its criteria applies, rather than "Not rated". */
function ragWords(s: StandardResult, labels: ReportTemplate['labels'], notApplicable = labels.notApplicable): string {
  return isAllNotApplicable(s) ? notApplicable : labels.rag[s.rag];
}

/** None of the standard's criteria applies to the organisation. */
function isAllNotApplicable(s: StandardResult): boolean {
  return s.criteria > 0 && s.notApplicable === s.criteria;
}

/** The organisation's own answer, beside a moderation that changed it. */
function selfAnswerWords(response: Response | null | undefined, labels: ReportTemplate['labels']): string {
  if (typeof response?.rating === 'number') return String(response.rating);
  return notApplicableReason(response) !== undefined ? labels.notApplicable : labels.notAssessed;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
