/**
 * Every layout constant of the PDF report in one place: page, type, colours, spacing, column
 * widths. Units are PDF points (1/72 inch). Colours are chosen for contrast on white: text and
 * RAG marks meet WCAG 2.2 AA (4.5:1 for text, 3:1 for marks), and RAG is always a word too.
 */
import type { ColumnKind } from '../../core/report-document.js';

/**
 * A4, portrait unless a section needs the width (a wide heat map). The top and bottom margins
 * leave room for the running header and footer.
 */
export const PAGE = {
  size: 'A4' as const,
  width: 595.28,
  height: 841.89,
  margins: { top: 72, bottom: 64, left: 54, right: 54 },
};

export type PageLayout = 'portrait' | 'landscape';

/** Width and height of a page set in `layout`. */
export function pageSize(layout: PageLayout): { width: number; height: number } {
  return layout === 'portrait' ? { width: PAGE.width, height: PAGE.height } : { width: PAGE.height, height: PAGE.width };
}

/** The width text and tables may use on a page set in `layout`. */
export function contentWidth(layout: PageLayout): number {
  return pageSize(layout).width - PAGE.margins.left - PAGE.margins.right;
}

export const CONTENT_WIDTH = contentWidth('portrait');

/** Sizes of type, in points: what a committee reads at arm's length, or large print. */
export interface TypeScale {
  body: number;
  small: number;
  tableBody: number;
  tableNote: number;
  tableHeader: number;
  h1: number;
  h2: number;
  h3: number;
  coverOrganisation: number;
  furniture: number;
  lineGap: number;
  tableLineGap: number;
}

/**
 * Body text at 11 pt and tables at 9 pt at the least (nothing smaller anywhere); large print
 * sets everything at 12 pt and above, the RNIB's clear-print minimum, body at 14 pt.
 */
export function typeScale(largePrint: boolean): TypeScale {
  return largePrint
    ? { body: 14, small: 12, tableBody: 12, tableNote: 12, tableHeader: 12, h1: 28, h2: 19, h3: 15.5, coverOrganisation: 22, furniture: 12, lineGap: 3.5, tableLineGap: 1.6 }
    : { body: 11, small: 9, tableBody: 9, tableNote: 9, tableHeader: 9, h1: 24, h2: 16, h3: 12.5, coverOrganisation: 18, furniture: 9, lineGap: 2.5, tableLineGap: 1.2 };
}

export const SPACE = {
  paragraph: 7,
  beforeH2: 10,
  afterH2: 8,
  beforeH3: 8,
  afterH3: 4,
  /** Room a heading needs below it, so that it never ends a page on its own. */
  keepWithHeading: 60,
  /** The hanging indent of numbered paragraphs (1.1, 1.2 …) and list labels. */
  numberIndent: 34,
  listIndent: 22,
  cellPadding: 4,
  tableAfter: 10,
};

export const COLOURS = {
  text: '#0b0c0c',
  muted: '#505a5f',
  detail: '#2e3538',
  heading: '#1d3461',
  rule: '#b1b4b6',
  headerFill: '#e7e9ec',
  band: '#f3f2f1',
  notice: '#1d3461',
  rag: { red: '#b1221c', amber: '#b35900', green: '#00703c', unrated: '#6f777b' },
  /**
   * Heat-map fills: light tints of the RAG colours, under text in the text colour (contrast
   * above 10:1 on each), so the colour helps and the words carry the meaning.
   */
  ragFill: { red: '#f4c7c3', amber: '#fbd7b0', green: '#c4e3cf', unrated: '#e7e9ec' },
} as const;

/** Fixed widths by kind of column; 'text' and 'long' share what is left, 1 : 2. */
export const COLUMN_WIDTH: Record<ColumnKind, number | { share: number }> = {
  id: 50,
  criterion: 62,
  number: 40,
  ratio: 50,
  priority: 46,
  rating: 62,
  rag: 60,
  date: 62,
  short: 58,
  /** A heat-map cell: a mean over its RAG rating in words ("3.75" / "Amber"). */
  heat: 42,
  text: { share: 1 },
  long: { share: 2 },
};

export const HEAT_MAP = {
  /** A strip of the full RAG colour down the left of each cell, so that the tints stay distinct. */
  strip: 3,
};

export const CHART = {
  labelWidth: 170,
  valueWidth: 84,
  /** Between the plot's right end (where a target at the top of the scale is marked) and the values. */
  valueGap: 16,
  barHeight: 12,
  rowHeight: 24,
  axisHeight: 22,
  legendHeight: 18,
};
