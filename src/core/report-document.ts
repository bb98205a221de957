/**
 * What every committee report is made of, whichever findings it carries (the Cabinet report
 * of one audit, the partnership report of many): a cover, numbered sections and appendices of
 * blocks (paragraphs, lists, tables, a chart, a heat map) that a renderer only has to draw,
 * and the builders both reports use to fill them from their templates, so that numbered
 * paragraphs, the sign-off, the chart and the rating scale read the same in each.
 */
import type { Framework } from './framework.js';
import type { Rag } from './gap-analysis.js';
import type { Verification } from './signoff.js';
import { parseTextBlocks, type DocumentLabels } from './template-text.js';

/** How wide a column needs to be; the renderer turns kinds into widths. */
export type ColumnKind =
  | 'id'
  | 'criterion'
  | 'number'
  | 'ratio'
  | 'priority'
  | 'rating'
  | 'rag'
  | 'date'
  | 'short'
  | 'heat'
  | 'text'
  | 'long';

export interface ReportColumn {
  header: string;
  kind: ColumnKind;
  align?: 'left' | 'right' | 'center';
  /** What an abbreviated header stands for ("1" → "Standard 1: Leadership"), read by screen readers. */
  expansion?: string;
}

export interface ReportCell {
  text: string;
  /** A further paragraph in the cell at full size (the evidence under a statement). */
  detail?: string;
  /** A second, smaller line (the standard under a criterion id, who moderated a rating). */
  note?: string;
  /** Drawn with a colour swatch beside the word. */
  rag?: Rag;
  /** The cell filled with the RAG rating's colour, as in a heat map (the word is in the text). */
  fill?: Rag;
  strong?: boolean;
  /** The language of `text` when it is not the document's (a framework's English statement in a Welsh report). */
  lang?: string;
}

export interface ChartBar {
  label: string;
  /** The standard's number ("1"): what a chart with no room for the labels names its bars by. */
  number: string;
  mean: number | null;
  target: number;
  rag: Rag;
  /** The words beside the bar: "2.50 · Amber". */
  valueText: string;
  /** The target is the mean of criteria targets that differ. */
  mixedTargets?: boolean;
  /** The label's language, when not the document's. */
  lang?: string;
}

/** One small line chart of a direction of travel: a standard's mean rating in each period. */
export interface TrendChart {
  label: string;
  /** The label's language, when not the document's. */
  lang?: string;
  /** One point per period, in period order; `mean` null where nothing was rated (or could be read onto this edition). */
  points: { mean: number | null; rag: Rag }[];
  target: number;
  /** Every figure of the chart, in words. */
  alt: string;
}

/** A row of a heat map: its name, a cell for each column, and its overall cell. */
export interface HeatMapRow {
  header: string;
  cells: ReportCell[];
  overall: ReportCell;
  /** A summary row (the partnership), set apart from the rows above it. */
  total?: boolean;
}

/** A run of text in a language of its own (framework text in a report of another language). */
export interface Phrase {
  text: string;
  /** BCP 47; absent: the document's language. */
  lang?: string;
}

/** How a list's items are labelled, as PDF's ListNumbering attribute names it. */
export type ListNumbering = 'Disc' | 'Decimal' | 'LowerAlpha' | 'UpperAlpha' | 'LowerRoman' | 'UpperRoman' | 'None';

export type ReportBlock =
  /** `lang`: the paragraph is wholly in another language than the document's (a framework's legal basis). */
  | { kind: 'paragraph'; text: string; number?: string; note?: boolean; lang?: string }
  /** `label` is "•" for bullets, else the item's own "(a)" or "1."; `numbering` says which. */
  | { kind: 'list'; numbering: ListNumbering; items: { label: string; text: string; lang?: string }[] }
  /** A heading within a section, numbered in its sequence (4.2, A.1); `phrases` when part of it is in another language. */
  | { kind: 'subheading'; id: string; number?: string; text: string; phrases?: Phrase[] }
  /**
   * `rowHeader`: the column that names each row (tagged as a row header for screen readers).
   * `summary` says what the table is, for screen readers.
   */
  | { kind: 'table'; columns: ReportColumn[]; rows: ReportCell[][]; summary: string; rowHeader?: number; caption?: string }
  | {
      kind: 'chart';
      caption: string;
      alt: string;
      /** What the bars are ("Standard"), for an axis that names them by number. */
      categoryTitle: string;
      scale: { min: number; max: number };
      targetLabel: string;
      /** The bars' key: what a bar is, then each RAG colour it may take, named. */
      meanLabel: string;
      ragKey: { rag: Rag; text: string }[];
      /** Why a target marker falls between points of the scale, when one does. */
      targetNote?: string;
      bars: ChartBar[];
    }
  /**
   * Rows by numbered columns, each cell a figure and a RAG rating in words and colour. Drawn as
   * a tagged table; `summary` gives its figures in words. When the columns do not fit the page
   * they are drawn in groups, each captioned with `part` ({from}, {to}: column numbers).
   */
  | {
      kind: 'heatmap';
      caption: string;
      summary: string;
      rowHeader: string;
      columns: { header: string; expansion: string }[];
      overall: string;
      rows: HeatMapRow[];
      part: string;
    }
  /**
   * A direction of travel: a small line chart per standard, over the same periods and scale,
   * each with its own alternative text; `key` (read as text, before them) says how to read them.
   */
  | {
      kind: 'trend';
      caption: string;
      key: string;
      periods: string[];
      scale: { min: number; max: number };
      targetLabel: string;
      charts: TrendChart[];
    }
  /** What the colours mean: a swatch and the words for each. */
  | { kind: 'legend'; caption: string; items: { rag: Rag; text: string }[] }
  /** What numbers or abbreviations stand for, set compactly in columns: "1  Leadership". */
  | { kind: 'key'; caption: string; items: { label: string; text: string; lang?: string }[] };

export interface ReportSection {
  /** For links and bookmarks: purpose, appendix-a. */
  id: string;
  /** "1" … "11" for sections, "A", "B" for appendices. */
  number: string;
  /** The heading without its number: "Purpose of the report", "Ratings and evidence". */
  title: string;
  /** As shown: "1. Purpose of the report", "Appendix A: Ratings and evidence". */
  heading: string;
  appendix: boolean;
  blocks: ReportBlock[];
}

/** A committee report as the PDF and Word renderers draw it. */
export interface ReportDocument {
  language: string;
  title: string;
  metadata: { title: string; author: string; subject: string; keywords: string };
  runningHeader: string;
  /** Still holds {page} and {pages}, filled as pages are numbered. */
  pageOf: string;
  contentsHeading: string;
  /** The words "Appendix {letter}", for a renderer that numbers appendices itself (Word). */
  appendixLabel: string;
  cover: {
    /** Whose report it is: the council, the agency, the partnership. */
    organisation: string;
    title: string;
    isPublic: boolean;
    part: string;
    /** The exemption notice of a private item. */
    notice?: string;
    rows: { label: string; value: string }[];
    /** What the cover's table holds, for screen readers: its rows' labels (coverSummary). */
    summary: string;
  };
  sections: ReportSection[];
}

export type Fill = (text: string, extra?: Record<string, string>) => string;

/**
 * Builds the sections of a report: numbered sections (1, 2 …) and lettered appendices (A, B
 * …) in the order they are begun. Within a section, paragraphs and sub-headings share one
 * sequence (4.1 a paragraph, 4.2 a sub-heading …) and the paragraphs under a sub-heading go
 * unnumbered, as council reports set them; within an appendix only sub-headings are numbered
 * (A.1, A.2 …). Paragraph numbers are left out when the template says so.
 */
export class SectionWriter {
  readonly sections: ReportSection[] = [];
  private sectionCount = 0;
  private appendixCount = 0;

  constructor(
    private readonly options: { numberParagraphs: boolean; fill: Fill; appendixLabel: (letter: string) => string },
  ) {}

  /** The number the next section will have: for placeholders that refer to sections. */
  get nextSection(): string {
    return String(this.sectionCount + 1);
  }

  /** The next numbered section, with `build` adding its blocks. */
  section(id: string, title: string, build: (scope: SectionScope) => void): void {
    const number = String(++this.sectionCount);
    const scope = new SectionScope(number, false, this.options);
    build(scope);
    this.sections.push({ id, number, title, heading: `${number}. ${title}`, appendix: false, blocks: scope.blocks });
  }

  /** The next appendix, lettered A, B …, with `build` adding its blocks. */
  appendix(id: string, title: string, build: (scope: SectionScope) => void): void {
    const letter = String.fromCharCode(65 + this.appendixCount++);
    const scope = new SectionScope(letter, true, this.options);
    build(scope);
    this.sections.push({ id, number: letter, title, heading: `${this.options.appendixLabel(letter)}: ${title}`, appendix: true, blocks: scope.blocks });
  }
}

/** The blocks of one section, numbered in its sequence as they are added. */
export class SectionScope {
  readonly blocks: ReportBlock[] = [];
  private n = 0;
  private inSubsection = false;

  constructor(
    readonly number: string,
    private readonly appendix: boolean,
    private readonly options: { numberParagraphs: boolean; fill: Fill },
  ) {}

  /** Template text as paragraphs and lists, filled; paragraphs numbered in the sequence. */
  prose(text: string, lang?: string): this {
    for (const block of parseTextBlocks(text)) {
      if (block.kind === 'list') {
        this.blocks.push(listBlock(block.items.map((item) => ({ label: item.label ?? '•', text: this.options.fill(item.text) }))));
      } else {
        this.paragraph(this.options.fill(block.text), { ...(lang ? { lang } : {}) });
      }
    }
    return this;
  }

  /** A paragraph of the report's own words (already filled). */
  paragraph(text: string, options: { note?: boolean; lang?: string; unnumbered?: boolean } = {}): this {
    const number = options.unnumbered ? undefined : this.nextParagraphNumber();
    this.blocks.push({ kind: 'paragraph', text, ...(number ? { number } : {}), ...(options.note ? { note: true } : {}), ...(options.lang ? { lang: options.lang } : {}) });
    return this;
  }

  /** A sub-heading, taking the next number of the sequence (4.2, A.1). */
  subheading(id: string, text: string, phrases?: Phrase[]): this {
    this.inSubsection = true;
    this.blocks.push({ kind: 'subheading', id, number: `${this.number}.${++this.n}`, text, ...(phrases ? { phrases } : {}) });
    return this;
  }

  add(...blocks: ReportBlock[]): this {
    this.blocks.push(...blocks);
    return this;
  }

  private nextParagraphNumber(): string | undefined {
    if (this.appendix || this.inSubsection || !this.options.numberParagraphs) return undefined;
    return `${this.number}.${++this.n}`;
  }
}

/** A list block, its numbering told from its labels: "•" bullets, "(a)" letters, "1." numbers. */
export function listBlock(items: { label: string; text: string; lang?: string }[]): ReportBlock {
  return { kind: 'list', numbering: listNumbering(items.map((i) => i.label)), items };
}

export function listNumbering(labels: string[]): ListNumbering {
  const bare = labels.map((l) => l.replace(/^\(|[.)]$/g, '').replace(/\)$/, ''));
  if (labels.every((l) => /^[•*-]$/.test(l))) return 'Disc';
  if (bare.every((l) => /^[0-9]+$/.test(l))) return 'Decimal';
  if (bare.every((l) => /^[ivxlc]+$/.test(l)) && bare[0] === 'i') return 'LowerRoman';
  if (bare.every((l) => /^[a-z]$/.test(l))) return 'LowerAlpha';
  if (bare.every((l) => /^[A-Z]$/.test(l))) return 'UpperAlpha';
  return 'None';
}

/** "(a)", "(b)" … "(z)", "(aa)": the labels of lettered items. */
export function letterLabel(index: number): string {
  let n = index;
  let letters = '';
  do {
    letters = String.fromCharCode(97 + (n % 26)) + letters;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return `(${letters})`;
}

/** "Signed off by … on …", with a warning when the content changed since; or "Not signed off." */
export function signoffWords(verification: Verification, labels: DocumentLabels, language: string, fill: Fill): string {
  if (!verification.signoff) return labels.notSignedOff;
  return fill(verification.status === 'changed' ? labels.signedOffChanged : labels.signedOff, {
    signedBy: verification.signoff.by,
    signedRole: verification.signoff.role,
    signedDate: formatDate(verification.signoff.date.slice(0, 10), language),
  });
}

/**
 * The bar chart of mean rating by standard against target, with alternative text that gives
 * every figure it shows. `bars` are in framework order, labelled as the report numbers them.
 */
export function standardsChart(bars: ChartBar[], scale: { min: number; max: number }, labels: DocumentLabels, fill: Fill): ReportBlock {
  const rags = (['red', 'amber', 'green'] as const).filter((rag) => bars.some((bar) => bar.mean !== null && bar.rag === rag));
  return {
    kind: 'chart',
    caption: fill(labels.figureCaption),
    alt: [
      fill(labels.chartAlt),
      ...bars.map((bar) =>
        bar.mean === null
          ? fill(labels.chartAltUnrated, { standard: bar.label, target: formatNumber(bar.target) })
          : fill(labels.chartAltItem, {
              standard: bar.label,
              mean: formatMean(bar.mean, labels.chartNoRating),
              target: formatNumber(bar.target),
              rag: labels.rag[bar.rag],
            }),
      ),
      ...(bars.some((bar) => bar.mixedTargets) ? [fill(labels.chartTargetMean)] : []),
    ].join(' '),
    scale,
    categoryTitle: labels.columns.standard,
    targetLabel: fill(labels.chartTarget),
    meanLabel: fill(labels.chartMean),
    ragKey: rags.map((rag) => ({ rag, text: labels.rag[rag] })),
    ...(bars.some((bar) => bar.mixedTargets) ? { targetNote: fill(labels.chartTargetMean) } : {}),
    bars,
  };
}

/** The words beside a chart bar: "2.50 · Amber", or "Not rated". */
export function barValueText(mean: number | null, rag: Rag, labels: DocumentLabels): string {
  return mean === null ? labels.rag.unrated : `${formatMean(mean, labels.chartNoRating)} · ${labels.rag[rag]}`;
}

/** The framework's rating scale as a table: level, label, what it means (in the framework's language). */
export function scaleTable(framework: Framework, labels: DocumentLabels, lang?: string): ReportBlock {
  const inLang = lang ? { lang } : {};
  return {
    kind: 'table',
    summary: labels.scaleTableSummary,
    rowHeader: 0,
    columns: [
      { header: labels.columns.level, kind: 'number', align: 'right' },
      { header: labels.columns.label, kind: 'text' },
      { header: labels.columns.description, kind: 'long' },
    ],
    rows: framework.scale.map((level) => [{ text: String(level.value) }, { text: level.label, strong: true, ...inLang }, { text: level.description, ...inLang }]),
  };
}

/** The rule that makes a gap high priority, in the template's words. */
export function priorityRuleWords(policy: { highGap: number; bottomIsHigh: boolean }, labels: DocumentLabels, fill: Fill): string {
  return fill(policy.bottomIsHigh ? labels.priorityRule : labels.priorityRuleGapOnly, { highGap: String(policy.highGap) });
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/**
 * What a cover's table holds, in the template's own words: the labels of its rows ("Report
 * of, Committee, Date of meeting, …"), for the table's summary.
 */
export function coverSummary(rows: readonly { label: string }[]): string {
  return `${rows.map((row) => row.label).join(', ')}.`;
}

export function formatMean(mean: number | null, none: string): string {
  return mean === null ? none : mean.toFixed(2);
}

/**
 * "21 July 2026" in the template's language; the ISO date when the language is not known.
 * Months are always written in full, so that one style runs through the report (en-GB's short
 * form would set "Sept" beside "Jun").
 */
export function formatDate(iso: string, language: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  const months = MONTH_NAMES[language.toLowerCase()];
  if (months) return `${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  try {
    return dateFormat(language).format(date);
  } catch {
    return iso;
  }
}

/**
 * The months of the languages whose dates read "21 July 2026", written out as Intl writes them
 * (the tests compare the two over seventy years): making the first Intl formatter of a run
 * loads the locale data, a fiftieth of the time of a whole report.
 */
const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WELSH_MONTHS = ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr'];
const MONTH_NAMES: Record<string, readonly string[] | undefined> = { 'en-gb': ENGLISH_MONTHS, cy: WELSH_MONTHS, 'cy-gb': WELSH_MONTHS };

// Making a formatter costs far more than using one, and a plan may hold hundreds of dates.
const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(language: string): Intl.DateTimeFormat {
  let format = formats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    formats.set(language, format);
  }
  return format;
}

/**
 * Criteria not applicable as a report lists them: "W-2, W-3 (no paid staff); A-1 (…)", grouped
 * by reason so that the criteria a kind does not answer do not repeat its reason; without the
 * reasons ("W-2; W-3; A-1") in a public report, where free text the organisation wrote is left out.
 */
export function notApplicableList(items: readonly { criterion: string; reason: string | null }[], withReasons: boolean): string {
  if (!withReasons || items.some((n) => n.reason === null)) return items.map((n) => n.criterion).join('; ');
  const byReason = new Map<string, string[]>();
  for (const n of items) {
    const reason = (n.reason ?? '').replace(/\s+/g, ' ').trim();
    byReason.set(reason, [...(byReason.get(reason) ?? []), n.criterion]);
  }
  return [...byReason].map(([reason, ids]) => `${ids.join(', ')} (${reason})`).join('; ');
}
