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
import { analyseGaps, scoreCriteria, type GapAnalysis, type Priority, type Rag } from './gap-analysis.js';
import { buildPlan, type Plan, type PlanAction } from './plan.js';
import { verifySignOff } from './signoff.js';
import type { GeneralPlaceholder, LabelKey, ReportTemplate } from './report-template.js';
import { fillPlaceholders, parseTextBlocks, type TemplateSection } from './template-text.js';

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

/** How wide a column needs to be; the renderer turns kinds into widths. */
export type ColumnKind = 'id' | 'criterion' | 'number' | 'ratio' | 'priority' | 'rating' | 'rag' | 'date' | 'short' | 'text' | 'long';

export interface ReportColumn {
  header: string;
  kind: ColumnKind;
  align?: 'left' | 'right';
}

export interface ReportCell {
  text: string;
  /** A further paragraph in the cell at full size (the evidence under a statement). */
  detail?: string;
  /** A second, smaller line (the standard under a criterion id, who moderated a rating). */
  note?: string;
  /** Drawn with a colour swatch beside the word. */
  rag?: Rag;
  strong?: boolean;
}

export interface ChartBar {
  label: string;
  mean: number | null;
  target: number;
  rag: Rag;
  /** The words beside the bar: "2.50 · Amber". */
  valueText: string;
}

export type ReportBlock =
  | { kind: 'paragraph'; text: string; number?: string; note?: boolean }
  /** `label` is "•" for bullets, else the item's own "(a)" or "1.". */
  | { kind: 'list'; items: { label: string; text: string }[] }
  | { kind: 'subheading'; id: string; text: string }
  /** `rowHeader`: the column that names each row (tagged as a row header for screen readers). */
  | { kind: 'table'; columns: ReportColumn[]; rows: ReportCell[][]; summary: string; rowHeader?: number }
  | { kind: 'chart'; caption: string; alt: string; scale: { min: number; max: number }; targetLabel: string; meanLabel: string; bars: ChartBar[] };

export interface ReportSection {
  /** For links and bookmarks: section-1, appendix-a. */
  id: string;
  /** "1" … "6" for sections, "A", "B" for appendices. */
  number: string;
  /** As shown: "1. Purpose of the report", "Appendix A: Ratings and evidence". */
  heading: string;
  blocks: ReportBlock[];
}

export interface ReportModel {
  language: string;
  title: string;
  metadata: { title: string; author: string; subject: string; keywords: string };
  runningHeader: string;
  /** Still holds {page} and {pages}, filled as pages are numbered. */
  pageOf: string;
  contentsHeading: string;
  cover: {
    organisation: string;
    title: string;
    isPublic: boolean;
    part: string;
    /** The exemption notice of a Part 2 item. */
    notice?: string;
    rows: { label: string; value: string }[];
  };
  sections: ReportSection[];
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
  const committee = options.committee ?? fillPlaceholders(t.committee, facts);
  const officer = options.officer ?? fillPlaceholders(t.officer, facts);
  const title = options.title ?? fillPlaceholders(t.reportTitle, facts);
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

  values.priorityRule = label(policy.bottomIsHigh ? 'priorityRule' : 'priorityRuleGapOnly', { highGap: String(policy.highGap) });
  // A sign-off counts only for the content signed: say so when the audit changed since.
  const verification = verifySignOff(audit, audit.signoff);
  values.signoff = verification.signoff
    ? label(verification.status === 'changed' ? 'signedOffChanged' : 'signedOff', {
        signedBy: verification.signoff.by,
        signedRole: verification.signoff.role,
        signedDate: formatDate(verification.signoff.date.slice(0, 10), lang),
      })
    : labels.notSignedOff;
  values.overallJudgement = fill(t.judgements[analysis.summary.rag]);

  const standardTargets = new Map(
    framework.standards.map((s) => {
      const own = results.filter((r) => r.standard === s.id);
      return [s.id, own.length ? own.reduce((sum, r) => sum + r.target, 0) / own.length : framework.target];
    }),
  );
  const titles = new Map(framework.standards.map((s, i) => [s.id, `${i + 1}. ${s.title}`]));

  /** Template text as numbered paragraphs and lists. */
  const prose = (section: TemplateSection | { text: string }, counter?: { section: string; n: number }): ReportBlock[] =>
    parseTextBlocks(section.text).map((block) => {
      if (block.kind === 'list') {
        return { kind: 'list', items: block.items.map((item) => ({ label: item.label ?? '•', text: fill(item.text) })) };
      }
      const number = counter && t.numberParagraphs ? `${counter.section}.${++counter.n}` : undefined;
      return { kind: 'paragraph', text: fill(block.text), ...(number ? { number } : {}) };
    });

  const sections: ReportSection[] = [];
  const numbered = (number: number, id: string, section: TemplateSection, blocks: (counter: { section: string; n: number }) => ReportBlock[]) => {
    const counter = { section: String(number), n: 0 };
    const own = prose(section, counter);
    sections.push({ id, number: String(number), heading: `${number}. ${fill(section.heading)}`, blocks: [...own, ...blocks(counter)] });
  };

  numbered(1, 'purpose', t.sections.purpose, () => []);
  numbered(2, 'recommendations', t.sections.recommendations, () => []);

  // 3 Summary: the judgement, sign-off, moderation, the chart and its data as a table.
  numbered(3, 'summary', t.sections.summary, (counter) => {
    const blocks: ReportBlock[] = [];
    const para = (text: string): ReportBlock => ({
      kind: 'paragraph',
      text,
      ...(t.numberParagraphs ? { number: `${counter.section}.${++counter.n}` } : {}),
    });
    blocks.push(para(`${labels.signoffLabel}: ${values.signoff}`));
    if (moderatedChanges > 0) blocks.push(para(label('moderationNote')));
    const bars: ChartBar[] = analysis.standards.map((s) => ({
      label: titles.get(s.id)!,
      mean: s.meanRating,
      target: round2(standardTargets.get(s.id)!),
      rag: s.rag,
      valueText: s.meanRating === null ? labels.rag.unrated : `${formatMean(s.meanRating, labels.chartNoRating)} · ${labels.rag[s.rag]}`,
    }));
    blocks.push({
      kind: 'chart',
      caption: labels.figureCaption,
      alt: [
        label('chartAlt'),
        ...bars.map((bar) =>
          bar.mean === null
            ? label('chartAltUnrated', { standard: bar.label, target: formatNumber(bar.target) })
            : label('chartAltItem', {
                standard: bar.label,
                mean: formatMean(bar.mean, labels.chartNoRating),
                target: formatNumber(bar.target),
                rag: labels.rag[bar.rag],
              }),
        ),
      ].join(' '),
      scale: analysis.scale,
      targetLabel: labels.chartTarget,
      meanLabel: labels.chartMean,
      bars,
    });
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
  sections.push({
    id: 'appendix-a',
    number: 'A',
    heading: `${label('appendix', { letter: 'A' })}: ${fill(t.appendices.ratings.heading)}`,
    blocks: appendixA,
  });

  // Appendix B: the scale and the method.
  const methodBlocks = prose(t.appendices.method);
  sections.push({
    id: 'appendix-b',
    number: 'B',
    heading: `${label('appendix', { letter: 'B' })}: ${fill(t.appendices.method.heading)}`,
    blocks: [
      ...methodBlocks.slice(0, 1),
      {
        kind: 'table',
        summary: fill(t.appendices.method.heading),
        rowHeader: 0,
        columns: [
          { header: labels.columns.level, kind: 'number', align: 'right' },
          { header: labels.columns.label, kind: 'text' },
          { header: labels.columns.description, kind: 'long' },
        ],
        rows: framework.scale.map((level) => [{ text: String(level.value) }, { text: level.label, strong: true }, { text: level.description }]),
      },
      ...methodBlocks.slice(1),
    ],
  });

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
    sections,
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

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

function formatMean(mean: number | null, none: string): string {
  return mean === null ? none : mean.toFixed(2);
}

/** "21 July 2026" in the template's language; the ISO date when the language is not known. */
export function formatDate(iso: string, language: string, month: 'long' | 'short' = 'long'): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return dateFormat(language, month).format(date);
  } catch {
    return iso;
  }
}

// Making a formatter costs far more than using one, and a plan may hold hundreds of dates.
const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(language: string, month: 'long' | 'short'): Intl.DateTimeFormat {
  const key = `${language}|${month}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { day: 'numeric', month, year: 'numeric', timeZone: 'UTC' });
    formats.set(key, format);
  }
  return format;
}
