/**
 * The committee report as one view model, built once: the gap analysis, the improvement plan
 * and the template's wording with its placeholders filled, arranged as sections of blocks
 * (paragraphs, lists, tables, a chart) that a renderer only has to draw.
 *
 * Public (Part 1) reports leave out every evidence note and every moderation note, because
 * they may hold personal details; ratings, gaps and the plan stay complete.
 */
import type { Audit } from './audit.js';
import type { Framework } from './framework.js';
import { ragPolicy } from './framework.js';
import { analyseGaps, scoreCriteria, type GapAnalysis, type Priority } from './gap-analysis.js';
import { buildPlan, type Plan, type PlanAction } from './plan.js';
import {
  barValueText,
  formatDate,
  formatMean,
  formatNumber,
  priorityRuleWords,
  round2,
  scaleTable,
  SectionWriter,
  signoffWords,
  standardsChart,
  type ChartBar,
  type ReportBlock,
  type ReportCell,
  type ReportColumn,
  type ReportDocument,
} from './report-document.js';
import type { GeneralPlaceholder, LabelKey, ReportTemplate } from './report-template.js';
import { fillPlaceholders } from './template-text.js';
import { verifySignOff } from './signoff.js';

export interface ReportOptions {
  template: ReportTemplate;
  /** A Part 1 (public) item: no evidence or moderation notes. */
  isPublic: boolean;
  /** YYYY-MM-DD: the date overdue actions are judged against. */
  asOf: string;
  /** Override the template's defaults. */
  title?: string;
  committee?: string;
  officer?: string;
  /** YYYY-MM-DD, or undefined when not yet known. */
  meetingDate?: string;
}

export interface ReportModel extends ReportDocument {
  /** The figures behind the words, for tests and for anyone checking the report. */
  analysis: GapAnalysis;
  plan: Plan;
}

export function buildReportModel(framework: Framework, audit: Audit, options: ReportOptions): ReportModel {
  const t = options.template;
  const labels = t.labels;
  const analysis = analyseGaps(framework, audit);
  const plan = buildPlan(framework, audit, options.asOf);
  const results = scoreCriteria(framework, audit);
  const lang = t.language;

  const facts: Record<string, string> = {
    organisation: audit.organisation,
    period: audit.period,
    framework: framework.title,
    frameworkEdition: framework.version,
    assessor: audit.assessor ?? '',
  };
  // The command line's words may use the same facts as the template's (checked when parsed).
  const committee = fillPlaceholders(options.committee ?? t.committee, facts);
  const officer = fillPlaceholders(options.officer ?? t.officer, facts);
  const title = fillPlaceholders(options.title ?? t.reportTitle, facts);
  const meetingDate = options.meetingDate ? formatDate(options.meetingDate, lang) : labels.toBeConfirmed;
  const moderatedChanges = countModeratedChanges(audit);
  const policy = ragPolicy(framework);

  const values: Record<GeneralPlaceholder, string> = {
    organisation: facts.organisation!,
    period: facts.period!,
    framework: facts.framework!,
    frameworkEdition: facts.frameworkEdition!,
    assessor: facts.assessor!,
    committee,
    officer,
    reportTitle: title,
    meetingDate,
    part: options.isPublic ? labels.publicItem : labels.exemptItem,
    asOf: formatDate(options.asOf, lang),
    overallRag: labels.rag[analysis.summary.rag],
    overallJudgement: '',
    standards: String(framework.standards.length),
    criteria: String(analysis.summary.criteria),
    rated: String(analysis.summary.rated),
    notAssessed: String(analysis.summary.notAssessed),
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
    signoff: '',
    priorityRule: '',
  };
  const fill = (text: string, extra: Record<string, string> = {}) => fillPlaceholders(text, { ...values, ...extra });
  const label = (key: LabelKey, extra: Record<string, string> = {}) => fill(labels[key], extra);

  values.priorityRule = priorityRuleWords(policy, labels, fill);
  // A sign-off counts only for the content signed: say so when the audit changed since.
  values.signoff = signoffWords(verifySignOff(audit, audit.signoff, framework), labels, lang, fill);
  values.overallJudgement = fill(t.judgements[analysis.summary.rag]);

  const standardTargets = new Map(
    framework.standards.map((s) => {
      const own = results.filter((r) => r.standard === s.id);
      return [s.id, own.length ? own.reduce((sum, r) => sum + r.target, 0) / own.length : framework.target];
    }),
  );
  const titles = new Map(framework.standards.map((s, i) => [s.id, `${i + 1}. ${s.title}`]));

  const writer = new SectionWriter({ numberParagraphs: t.numberParagraphs, fill, appendixLabel: (letter) => label('appendix', { letter }) });
  const prose = writer.prose.bind(writer);
  const numbered = writer.numbered.bind(writer);

  numbered(1, 'purpose', t.sections.purpose);
  numbered(2, 'recommendations', t.sections.recommendations);

  // 3 Summary: the judgement, sign-off, moderation, the chart and its data as a table.
  numbered(3, 'summary', t.sections.summary, (counter) => {
    const blocks: ReportBlock[] = [];
    blocks.push(writer.paragraph(`${labels.signoffLabel}: ${values.signoff}`, counter));
    if (moderatedChanges > 0) blocks.push(writer.paragraph(label('moderationNote'), counter));
    const bars: ChartBar[] = analysis.standards.map((s) => ({
      label: titles.get(s.id)!,
      mean: s.meanRating,
      target: round2(standardTargets.get(s.id)!),
      rag: s.rag,
      valueText: barValueText(s.meanRating, s.rag, labels),
    }));
    blocks.push(standardsChart(bars, analysis.scale, labels, fill));
    blocks.push({
      kind: 'table',
      summary: labels.figureCaption,
      rowHeader: 0,
      columns: [
        { header: labels.columns.standard, kind: 'text' },
        { header: labels.columns.rated, kind: 'number', align: 'right' },
        { header: labels.columns.mean, kind: 'number', align: 'right' },
        { header: labels.columns.target, kind: 'number', align: 'right' },
        { header: labels.columns.belowTarget, kind: 'number', align: 'right' },
        { header: labels.columns.rag, kind: 'rag' },
      ],
      rows: analysis.standards.map((s) => [
        { text: titles.get(s.id)! },
        { text: `${s.rated}/${s.criteria}` },
        { text: formatMean(s.meanRating, '–') },
        { text: formatNumber(round2(standardTargets.get(s.id)!)) },
        { text: String(s.belowTarget) },
        { text: labels.rag[s.rag], rag: s.rag },
      ]),
    });
    return blocks;
  });

  // 4 Gap analysis, standard by standard.
  numbered(4, 'gap-analysis', t.sections.gapAnalysis, () =>
    analysis.standards.flatMap((s, i): ReportBlock[] => {
      const gaps = analysis.gaps.filter((g) => g.standard === s.id);
      const blocks: ReportBlock[] = [
        {
          kind: 'subheading',
          id: `gaps-${s.id}`,
          text: label('standardHeading', { number: String(i + 1), title: s.title, rag: labels.rag[s.rag] }),
        },
        {
          kind: 'paragraph',
          text: label('standardSummary', {
            rated: String(s.rated),
            criteria: String(s.criteria),
            mean: formatMean(s.meanRating, labels.chartNoRating),
            target: formatNumber(round2(standardTargets.get(s.id)!)),
            belowTarget: String(s.belowTarget),
          }),
        },
      ];
      if (gaps.length === 0) {
        blocks.push({ kind: 'paragraph', text: s.rated ? labels.noGaps : labels.notAssessed, note: true });
        return blocks;
      }
      blocks.push({
        kind: 'table',
        summary: `${titles.get(s.id)}: ${labels.columns.gap}`,
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
          { text: g.text },
          { text: String(g.rating) },
          { text: String(g.target) },
          { text: String(g.gap) },
          { text: priorityWord(g.priority, labels), strong: g.priority === 'high' },
        ]),
      });
      return blocks;
    }),
  );

  // 5 Improvement plan.
  numbered(5, 'improvement-plan', t.sections.improvementPlan, () => {
    if (plan.actions.length === 0) return [{ kind: 'paragraph', text: labels.noPlan, note: true }];
    return [
      {
        kind: 'table',
        summary: fill(t.sections.improvementPlan.heading),
        rowHeader: 1,
        columns: [
          { header: labels.columns.priority, kind: 'priority' },
          { header: labels.columns.criterion, kind: 'criterion' },
          { header: `${labels.columns.rating} / ${labels.columns.target}`, kind: 'ratio' },
          { header: labels.columns.action, kind: 'long' },
          { header: labels.columns.owner, kind: 'text' },
          { header: labels.columns.due, kind: 'date' },
          { header: labels.columns.status, kind: 'short' },
        ],
        rows: plan.actions.map((a) => [
          { text: priorityWord(a.priority, labels), strong: a.priority === 'high' },
          { text: a.criterion, note: titles.get(a.standard) },
          { text: `${a.rating} / ${a.target}` },
          a.action === null ? { text: labels.status.needsAction, strong: true } : { text: a.action },
          { text: a.owner ?? '–' },
          { text: a.due ? formatDate(a.due, lang, 'short') : '–' },
          planStatusCell(a, labels, lang, fill),
        ]),
      },
    ];
  });

  // 6 Implications: financial, legal, risk, equalities.
  numbered(6, 'implications', t.sections.implications, (counter) => {
    const parts = [t.sections.implications.financial, t.sections.implications.legal, t.sections.implications.risk, t.sections.implications.equalities];
    const ids = ['financial', 'legal', 'risk', 'equalities'];
    return parts.flatMap((part, i): ReportBlock[] => [
      { kind: 'subheading', id: `implications-${ids[i]}`, text: fill(part.heading) },
      ...prose(part, counter),
    ]);
  });

  // Appendix A: every criterion's rating and evidence. The evidence sits under the statement,
  // where the text has the page's width to run in, and both ratings under the one that counts.
  const appendixA: ReportBlock[] = [...prose(t.appendices.ratings)];
  if (options.isPublic) appendixA.push({ kind: 'paragraph', text: labels.evidenceOmitted, note: true });
  const resultById = new Map(results.map((r) => [r.criterion, r]));
  for (const standard of framework.standards) {
    appendixA.push({ kind: 'subheading', id: `ratings-${standard.id}`, text: titles.get(standard.id)! });
    const columns: ReportColumn[] = [
      { header: labels.columns.criterion, kind: 'id' },
      { header: options.isPublic ? labels.columns.statement : `${labels.columns.statement}; ${labels.columns.evidence}`, kind: 'long' },
      { header: labels.columns.rating, kind: 'rating' },
      { header: labels.columns.target, kind: 'number', align: 'right' },
    ];
    const rows = standard.criteria.map((criterion): ReportCell[] => {
      const response = audit.responses[criterion.id];
      const result = resultById.get(criterion.id)!;
      const moderation = response?.moderated;
      const notes: string[] = [];
      if (moderation) {
        if (moderation.rating !== response?.rating) {
          notes.push(`${labels.columns.selfRating}: ${typeof response?.rating === 'number' ? response.rating : labels.notAssessed}`);
        }
        notes.push(label('moderatedBy', { by: moderation.by }));
      }
      const previous = response?.previous;
      const previousRating = previous ? (previous.moderated ?? previous.rating) : undefined;
      if (typeof previousRating === 'number') {
        notes.push(label('previousPeriod', { period: String(previous?.period ?? labels.columns.previous), rating: String(previousRating) }));
      }
      const details: string[] = [];
      if (!options.isPublic) {
        details.push(`${labels.columns.evidence}: ${response?.evidence?.trim() || labels.noEvidence}`);
        if (moderation?.note?.trim()) details.push(`${labels.columns.moderated}: ${moderation.note.trim()}`);
      }
      return [
        { text: criterion.id },
        { text: criterion.text, ...(details.length ? { detail: details.join('\n') } : {}) },
        {
          text: result.rating === undefined ? labels.notAssessed : String(result.rating),
          strong: moderation !== undefined && moderation !== null && moderation.rating !== response?.rating,
          ...(notes.length ? { note: notes.join('\n') } : {}),
        },
        { text: String(result.target) },
      ];
    });
    appendixA.push({ kind: 'table', summary: titles.get(standard.id)!, columns, rows, rowHeader: 0 });
  }
  writer.appendix('A', 'appendix-a', t.appendices.ratings.heading, appendixA);

  // Appendix B: the scale and the method.
  const methodBlocks = prose(t.appendices.method);
  writer.appendix('B', 'appendix-b', t.appendices.method.heading, [
    ...methodBlocks.slice(0, 1),
    scaleTable(framework, labels, fill(t.appendices.method.heading)),
    ...methodBlocks.slice(1),
  ]);

  const partWords = options.isPublic ? labels.publicItem : labels.exemptItem;
  const coverRows: { label: string; value: string }[] = [
    { label: labels.committeeLabel, value: committee },
    { label: labels.meetingDateLabel, value: meetingDate },
    { label: labels.reportOf, value: officer },
    { label: labels.frameworkLabel, value: label('frameworkEdition') },
    { label: labels.periodLabel, value: audit.period },
    ...(audit.assessor ? [{ label: labels.assessorLabel, value: audit.assessor }] : []),
    { label: labels.signoffLabel, value: values.signoff },
    { label: labels.statusLabel, value: partWords },
    ...t.cover.rows.map((row) => ({ label: fill(row.label), value: fill(row.value) })),
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
    cover: {
      organisation: audit.organisation,
      title,
      isPublic: options.isPublic,
      part: partWords,
      ...(options.isPublic ? {} : { notice: label('exemptNotice') }),
      rows: coverRows,
    },
    sections: writer.sections,
    analysis,
    plan,
  };
}

function planStatusCell(
  a: PlanAction,
  labels: ReportTemplate['labels'],
  lang: string,
  fill: (text: string, extra?: Record<string, string>) => string,
): ReportCell {
  if (a.needsAction) return { text: labels.status.needsAction, strong: true };
  const base = labels.status[a.status ?? 'open'];
  if (a.overdue) return { text: fill(labels.overdueSince, { due: formatDate(a.due!, lang, 'short') }), note: base, strong: true };
  if (a.awaitingReassessment) return { text: labels.status.awaitingReassessment };
  return { text: base };
}

function priorityWord(priority: Priority, labels: ReportTemplate['labels']): string {
  return labels.priority[priority];
}

/** Ratings a moderation panel set to something other than the self-rating. */
export function countModeratedChanges(audit: Audit): number {
  return Object.values(audit.responses).filter((r) => {
    const moderated = r?.moderated?.rating;
    return typeof moderated === 'number' && moderated !== r?.rating;
  }).length;
}
