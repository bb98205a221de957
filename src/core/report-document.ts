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
import { parseTextBlocks, type DocumentLabels, type TemplateSection } from './template-text.js';

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
}

export interface ChartBar {
  label: string;
  mean: number | null;
  target: number;
  rag: Rag;
  /** The words beside the bar: "2.50 · Amber". */
  valueText: string;
}

/** A row of a heat map: its name, a cell for each column, and its overall cell. */
export interface HeatMapRow {
  header: string;
  cells: ReportCell[];
  overall: ReportCell;
  /** A summary row (the partnership), set apart from the rows above it. */
  total?: boolean;
}

export type ReportBlock =
  | { kind: 'paragraph'; text: string; number?: string; note?: boolean }
  /** `label` is "•" for bullets, else the item's own "(a)" or "1.". */
  | { kind: 'list'; items: { label: string; text: string }[] }
  | { kind: 'subheading'; id: string; text: string }
  /** `rowHeader`: the column that names each row (tagged as a row header for screen readers). */
  | { kind: 'table'; columns: ReportColumn[]; rows: ReportCell[][]; summary: string; rowHeader?: number; caption?: string }
  | { kind: 'chart'; caption: string; alt: string; scale: { min: number; max: number }; targetLabel: string; meanLabel: string; bars: ChartBar[] }
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
  /** What the colours mean: a swatch and the words for each. */
  | { kind: 'legend'; caption: string; items: { rag: Rag; text: string }[] }
  /** What numbers or abbreviations stand for, set compactly in columns: "1  Leadership". */
  | { kind: 'key'; caption: string; items: { label: string; text: string }[] };

export interface ReportSection {
  /** For links and bookmarks: purpose, appendix-a. */
  id: string;
  /** "1" … "6" for sections, "A", "B" for appendices. */
  number: string;
  /** As shown: "1. Purpose of the report", "Appendix A: Ratings and evidence". */
  heading: string;
  blocks: ReportBlock[];
}

/** A committee report as the PDF renderer draws it. */
export interface ReportDocument {
  language: string;
  title: string;
  metadata: { title: string; author: string; subject: string; keywords: string };
  runningHeader: string;
  /** Still holds {page} and {pages}, filled as pages are numbered. */
  pageOf: string;
  contentsHeading: string;
  cover: {
    /** Whose report it is: the council, the agency, the partnership. */
    organisation: string;
    title: string;
    isPublic: boolean;
    part: string;
    /** The exemption notice of a Part 2 item. */
    notice?: string;
    rows: { label: string; value: string }[];
  };
  sections: ReportSection[];
}

export type Fill = (text: string, extra?: Record<string, string>) => string;

/** Counts the numbered paragraphs of one section: 3.1, 3.2 … */
export interface ParagraphCounter {
  section: string;
  n: number;
}

/**
 * Builds the sections of a report from template text: numbered sections whose paragraphs are
 * numbered 1.1, 1.2 … when the template asks for it, and lettered appendices.
 */
export class SectionWriter {
  readonly sections: ReportSection[] = [];

  constructor(
    private readonly options: { numberParagraphs: boolean; fill: Fill; appendixLabel: (letter: string) => string },
  ) {}

  /** Template text as paragraphs and lists; paragraphs are numbered when a counter is given. */
  prose(section: { text: string }, counter?: ParagraphCounter): ReportBlock[] {
    const { fill } = this.options;
    return parseTextBlocks(section.text).map((block): ReportBlock => {
      if (block.kind === 'list') {
        return { kind: 'list', items: block.items.map((item) => ({ label: item.label ?? '•', text: fill(item.text) })) };
      }
      const number = counter ? this.nextNumber(counter) : undefined;
      return { kind: 'paragraph', text: fill(block.text), ...(number ? { number } : {}) };
    });
  }

  /** A paragraph of the report's own (not the template's), numbered in its section's sequence. */
  paragraph(text: string, counter: ParagraphCounter, note = false): ReportBlock {
    const number = this.nextNumber(counter);
    return { kind: 'paragraph', text, ...(number ? { number } : {}), ...(note ? { note: true } : {}) };
  }

  /** Section `number`: the template's heading and text, then the blocks `more` adds. */
  numbered(number: number, id: string, section: TemplateSection, more: (counter: ParagraphCounter) => ReportBlock[] = () => []): void {
    const counter = { section: String(number), n: 0 };
    const own = this.prose(section, counter);
    this.sections.push({ id, number: String(number), heading: `${number}. ${this.options.fill(section.heading)}`, blocks: [...own, ...more(counter)] });
  }

  /** Appendix `letter`: "Appendix A: <heading>", and its blocks. */
  appendix(letter: string, id: string, heading: string, blocks: ReportBlock[]): void {
    this.sections.push({ id, number: letter, heading: `${this.options.appendixLabel(letter)}: ${this.options.fill(heading)}`, blocks });
  }

  private nextNumber(counter: ParagraphCounter): string | undefined {
    return this.options.numberParagraphs ? `${counter.section}.${++counter.n}` : undefined;
  }
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
    ].join(' '),
    scale,
    targetLabel: fill(labels.chartTarget),
    meanLabel: fill(labels.chartMean),
    bars,
  };
}

/** The words beside a chart bar: "2.50 · Amber", or "Not rated". */
export function barValueText(mean: number | null, rag: Rag, labels: DocumentLabels): string {
  return mean === null ? labels.rag.unrated : `${formatMean(mean, labels.chartNoRating)} · ${labels.rag[rag]}`;
}

/** The framework's rating scale as a table: level, label, what it means. */
export function scaleTable(framework: Framework, labels: DocumentLabels, summary: string): ReportBlock {
  return {
    kind: 'table',
    summary,
    rowHeader: 0,
    columns: [
      { header: labels.columns.level, kind: 'number', align: 'right' },
      { header: labels.columns.label, kind: 'text' },
      { header: labels.columns.description, kind: 'long' },
    ],
    rows: framework.scale.map((level) => [{ text: String(level.value) }, { text: level.label, strong: true }, { text: level.description }]),
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

export function formatMean(mean: number | null, none: string): string {
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

/**
 * Criteria not applicable as a report lists them: "W-2, W-3 (no paid staff); A-1 (…)", grouped
 * by reason so that the criteria a kind does not answer do not repeat its reason; without the
 * reasons ("W-2; W-3; A-1") in a public report, where free text the organisation wrote is left out.
 */
export function notApplicableList(items: readonly { criterion: string; reason: string }[], withReasons: boolean): string {
  if (!withReasons) return items.map((n) => n.criterion).join('; ');
  const byReason = new Map<string, string[]>();
  for (const n of items) {
    const reason = n.reason.replace(/\s+/g, ' ').trim();
    byReason.set(reason, [...(byReason.get(reason) ?? []), n.criterion]);
  }
  return [...byReason].map(([reason, ids]) => `${ids.join(', ')} (${reason})`).join('; ');
}
