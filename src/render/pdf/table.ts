/// <reference types="pdfkit" />
/**
 * Tagged tables drawn by hand, because pdfkit's doc.table() neither repeats its header row on
 * a new page nor splits a row too tall for one. Here:
 * - the header row (TH cells, scope Column) starts the table and is drawn again, as a
 *   pagination artifact, at the top of every page the table continues on;
 * - a row that does not fit moves whole to the next page; only a row taller than a whole page
 *   (pages of evidence) is split, between lines, and carries on under the repeated header;
 * - long text wraps within its column; nothing is cut off or clipped;
 * - a heat-map cell is filled with its RAG colour (an artifact: the rating is in its words).
 */
import type { ReportCell, ReportColumn } from '../../core/report-document.js';
import { drawTextLine } from './pdfkit-tuning.js';
import { setAttributes, type StructElement, type TaggedWriter } from './tagged-writer.js';
import { wrapText, type WrappedText } from './text-layout.js';
import { COLOURS, COLUMN_WIDTH, HEAT_MAP, SPACE } from './theme.js';

export interface PdfTable {
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** Index of the column whose cells name their rows (tagged TH, scope Row). */
  rowHeader?: number;
  /** Draw no header row (a table of labels and values, like the cover's). */
  noHeader?: boolean;
  /** Fixed widths overriding the column kinds, in points. */
  widths?: number[];
  /** What the table shows, in words: its Summary attribute, for screen readers. */
  summary?: string;
  /** Shown above the table and tagged as its Caption. */
  caption?: string;
  /** Rows from this index on are totals, ruled off from the rows above. */
  totalsFrom?: number;
}

const PAD = SPACE.cellPadding;
const SWATCH = 7;
const SWATCH_GAP = 4;
const SEGMENT_GAP = 2;

/** The parts of a cell, top to bottom, each in its own type. */
type SegmentStyle = 'main' | 'strong' | 'detail' | 'note';
interface Segment {
  style: SegmentStyle;
  text: string;
}
/** A segment broken into lines for its column. */
type Laid = { style: SegmentStyle } & WrappedText;

/** Column widths from their kinds: fixed ones first, the rest shared out 1 : 2 (text : long). */
export function columnWidths(columns: ReportColumn[], total: number): number[] {
  const specs = columns.map((c) => COLUMN_WIDTH[c.kind]);
  const fixed = specs.reduce<number>((sum, s) => sum + (typeof s === 'number' ? s : 0), 0);
  const shares = specs.reduce<number>((sum, s) => sum + (typeof s === 'number' ? 0 : s.share), 0);
  if (shares === 0 || fixed >= total * 0.8) {
    // Nothing flexible, or too little left for it: scale everything to fit.
    const weights = specs.map((s) => (typeof s === 'number' ? s : s.share * 80));
    const sum = weights.reduce((a, b) => a + b, 0);
    return weights.map((w) => (w / sum) * total);
  }
  const unit = (total - fixed) / shares;
  return specs.map((s) => (typeof s === 'number' ? s : s.share * unit));
}

/**
 * The widths grown, where a column of fixed width cannot hold the longest word of its header or
 * cells ("Medium", "September", "Criterion" in large print), by what it lacks, taken from the
 * columns with room to spare (the flexible ones first): a word is broken between letters only
 * when no share of the page would hold it.
 */
function wholeWordWidths(w: TaggedWriter, table: PdfTable, widths: number[]): number[] {
  const doc = w.doc;
  const flexible = table.columns.map((column) => typeof COLUMN_WIDTH[column.kind] !== 'number');
  const needed = table.columns.map((column, c) => {
    // A flexible column's text wraps within its share; what it must keep is room for a short word.
    if (flexible[c]) return Math.min(widths[c]!, 60);
    w.font('bold', w.type.tableHeader);
    let widest = longestWord(doc, column.header);
    for (const row of table.rows) {
      const cell = row[c];
      if (!cell) continue;
      for (const segment of cellSegments(cell, c === table.rowHeader)) {
        useSegmentFont(w, segment.style);
        widest = Math.max(widest, longestWord(doc, segment.text) + (cell.rag ? SWATCH + SWATCH_GAP : 0));
      }
    }
    return widest + 2 * PAD + 0.5;
  });
  const lacking = needed.map((n, c) => Math.max(0, n - widths[c]!));
  const wanted = lacking.reduce((a, b) => a + b, 0);
  if (wanted === 0) return widths;
  const slack = widths.map((width, c) => (lacking[c]! > 0 ? 0 : Math.max(0, width - needed[c]!)));
  const available = slack.reduce((a, b) => a + b, 0);
  if (available <= 0) return widths;
  const given = Math.min(wanted, available);
  return widths.map((width, c) => width + (lacking[c]! / wanted) * given - (slack[c]! / available) * given);
}

/** The width of the longest unbreakable run of `text`: words split at spaces and after hyphens, dashes and slashes. */
function longestWord(doc: PDFKit.PDFDocument, text: string): number {
  let widest = 0;
  for (const word of text.split(/\s+|(?<=[\-‐–—/])/)) if (word) widest = Math.max(widest, doc.widthOfString(word));
  return widest;
}

export function drawTable(w: TaggedWriter, parent: StructElement, table: PdfTable): void {
  const doc = w.doc;
  const widths = table.widths ?? wholeWordWidths(w, table, columnWidths(table.columns, w.width));
  const xs = widths.map((_, i) => w.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const element = w.group('Table', parent);
  if (table.summary) setAttributes(element, { O: 'Table', Summary: new String(table.summary) });

  // Header cells are broken into lines once, however many pages they are repeated on.
  w.font('bold', w.type.tableHeader);
  const headerLines = table.columns.map((column, i) => wrapText(doc, column.header, widths[i]! - 2 * PAD, w.type.tableLineGap));
  const headerHeight = table.noHeader ? 0 : Math.max(...headerLines.map((h) => h.lines.length * h.lineHeight)) + 2 * PAD;
  const drawHeader = (structural: boolean) => {
    if (table.noHeader) return;
    const y = doc.y;
    w.artifact(() => {
      doc.rect(w.left, y, w.width, headerHeight).fill(COLOURS.headerFill);
    });
    const tr = structural ? w.group('TR', element) : undefined;
    table.columns.forEach((column, i) => {
      const draw = () => {
        w.font('bold', w.type.tableHeader);
        const { lines, lineHeight } = headerLines[i]!;
        lines.forEach((line, n) => {
          const x = alignedX(column.align, xs[i]! + PAD, widths[i]! - 2 * PAD, () => doc.widthOfString(line));
          drawTextLine(doc, spaced(line, n < lines.length - 1), x, y + PAD + n * lineHeight);
        });
      };
      if (tr) w.tag('TH', tr, draw, { scope: 'Column', ...(column.expansion ? { expanded: column.expansion } : {}) });
      else w.artifact(draw, 'Pagination');
    });
    tr?.end();
    doc.y = y + headerHeight;
  };
  const continueOnNewPage = () => {
    w.newPage();
    drawHeader(false);
  };

  const fullPage = w.bottom - w.top - headerHeight;
  const minRow = w.type.tableBody * 1.4;
  const layoutRow = (row: ReportCell[]) => row.map((cell, c) => layoutCell(w, cell, cellSegments(cell, c === table.rowHeader), widths[c]!));

  // The header (and caption) never stand alone at the foot of a page: they go with the first row.
  const firstRow = table.rows[0];
  const firstHeight = firstRow ? rowHeight(layoutRow(firstRow), minRow) : 0;
  w.font('bold', w.type.small);
  const captionHeight = table.caption ? doc.heightOfString(table.caption, { width: w.width }) + 4 : 0;
  w.ensure(captionHeight + headerHeight + Math.min(firstHeight, fullPage / 3));
  if (table.caption) {
    w.tag('Caption', element, () => {
      w.font('bold', w.type.small, COLOURS.text);
      doc.text(table.caption!, w.left, doc.y, { width: w.width });
    });
    doc.y += 4;
  }
  drawHeader(true);

  for (const [r, row] of table.rows.entries()) {
    let remaining = layoutRow(row);
    let height = rowHeight(remaining, minRow);
    if (doc.y + height > w.bottom && height <= fullPage) continueOnNewPage();
    const tr = w.group('TR', element);
    const cells = row.map((_, c) => {
      const type = c === table.rowHeader ? 'TH' : 'TD';
      return { element: w.group(type, tr, c === table.rowHeader ? { scope: 'Row' } : {}), type };
    });
    for (;;) {
      const room = w.bottom - doc.y;
      let pieces = remaining;
      let rest: Laid[][] | undefined;
      if (height > room) {
        // Taller than what is left of a page that cannot hold it whole: draw what fits.
        const split = remaining.map((laid) => splitLaid(laid, room - 2 * PAD));
        pieces = split.map(([head]) => head);
        rest = split.map(([, tail]) => tail);
        if (pieces.every((p) => p.length === 0)) {
          continueOnNewPage();
          continue;
        }
        height = room;
      }
      drawRow(w, table, row, pieces, cells, xs, widths, height, rest);
      if (!rest || rest.every((laid) => laid.length === 0)) break;
      remaining = rest;
      continueOnNewPage();
      height = rowHeight(remaining, minRow);
    }
    for (const cell of cells) cell.element.end();
    tr.end();
    if (table.totalsFrom !== undefined && r === table.totalsFrom - 1) ruleOff(w);
  }
  element.end();
  doc.x = w.left;
  doc.y += SPACE.tableAfter;
}

/**
 * The height `table` takes when it is drawn whole on one page (its header once, every row), so
 * that a page that must hold it (the cover) can be fitted before it is drawn.
 */
export function tableHeight(w: TaggedWriter, table: PdfTable): number {
  const doc = w.doc;
  const widths = table.widths ?? wholeWordWidths(w, table, columnWidths(table.columns, w.width));
  w.font('bold', w.type.tableHeader);
  const headerHeight = table.noHeader
    ? 0
    : Math.max(...table.columns.map((column, i) => {
        const { lines, lineHeight } = wrapText(doc, column.header, widths[i]! - 2 * PAD, w.type.tableLineGap);
        return lines.length * lineHeight;
      })) + 2 * PAD;
  const minRow = w.type.tableBody * 1.4;
  const rows = table.rows.map((row) => rowHeight(row.map((cell, c) => layoutCell(w, cell, cellSegments(cell, c === table.rowHeader), widths[c]!)), minRow));
  return headerHeight + rows.reduce((sum, h) => sum + h, 0) + SPACE.tableAfter;
}

/** A heavier rule under the last row before the totals. */
function ruleOff(w: TaggedWriter): void {
  const y = w.doc.y;
  w.artifact(() => {
    w.doc.moveTo(w.left, y).lineTo(w.left + w.width, y).lineWidth(1.5).stroke(COLOURS.heading);
  });
}

/** Where a line of text starts in a box from `x`, `width` wide (measured only when not left-aligned). */
function alignedX(align: 'left' | 'right' | 'center' | undefined, x: number, width: number, textWidth: () => number): number {
  if (align === 'right') return x + width - textWidth();
  if (align === 'center') return x + (width - textWidth()) / 2;
  return x;
}

function cellSegments(cell: ReportCell, isRowHeader: boolean): Segment[] {
  const segments: Segment[] = [];
  if (cell.text) segments.push({ style: cell.strong || isRowHeader ? 'strong' : 'main', text: cell.text });
  if (cell.detail) segments.push({ style: 'detail', text: cell.detail });
  if (cell.note) segments.push({ style: 'note', text: cell.note });
  return segments;
}

function useSegmentFont(w: TaggedWriter, style: SegmentStyle): void {
  if (style === 'note') w.font('regular', w.type.tableNote, COLOURS.muted);
  else if (style === 'detail') w.font('regular', w.type.tableBody, COLOURS.detail);
  else w.font(style === 'strong' ? 'bold' : 'regular', w.type.tableBody);
}

function textWidth(cell: ReportCell, width: number): number {
  return width - 2 * PAD - (cell.rag ? SWATCH + SWATCH_GAP : 0);
}

/** Breaks each segment of a cell into lines for its column. */
function layoutCell(w: TaggedWriter, cell: ReportCell, segments: Segment[], width: number): Laid[] {
  const inner = textWidth(cell, width);
  return segments.map((segment) => {
    useSegmentFont(w, segment.style);
    return { style: segment.style, ...wrapText(w.doc, segment.text, inner, w.type.tableLineGap) };
  });
}

function laidHeight(laid: Laid[]): number {
  return laid.reduce((sum, part, i) => sum + (i ? SEGMENT_GAP : 0) + part.lines.length * part.lineHeight, 0);
}

function rowHeight(cells: Laid[][], minimum: number): number {
  return Math.max(...cells.map(laidHeight), minimum) + 2 * PAD;
}

/** The lines that fit in `height`, and the rest. */
function splitLaid(laid: Laid[], height: number): [Laid[], Laid[]] {
  const head: Laid[] = [];
  let used = 0;
  for (let i = 0; i < laid.length; i++) {
    const part = laid[i]!;
    const gap = head.length ? SEGMENT_GAP : 0;
    const fit = Math.max(0, Math.floor((height - used - gap + 0.01) / part.lineHeight));
    if (fit >= part.lines.length) {
      head.push(part);
      used += gap + part.lines.length * part.lineHeight;
      continue;
    }
    if (fit > 0) head.push({ ...part, lines: part.lines.slice(0, fit) });
    return [head, [{ ...part, lines: part.lines.slice(fit) }, ...laid.slice(i + 1)]];
  }
  return [head, []];
}

function drawRow(
  w: TaggedWriter,
  table: PdfTable,
  row: ReportCell[],
  pieces: Laid[][],
  cells: { element: StructElement; type: string }[],
  xs: number[],
  widths: number[],
  height: number,
  rest: Laid[][] | undefined,
): void {
  const doc = w.doc;
  const y = doc.y;
  row.forEach((cell, c) => {
    const laid = pieces[c]!;
    if (laid.length === 0) return;
    const x = xs[c]! + PAD;
    const width = textWidth(cell, widths[c]!);
    if (cell.fill) {
      const fill = cell.fill;
      w.artifact(() => {
        // A hairline of white between neighbouring cells keeps them apart.
        doc.rect(xs[c]!, y + 0.5, widths[c]! - 1, height - 1).fill(COLOURS.ragFill[fill]);
        doc.rect(xs[c]!, y + 0.5, HEAT_MAP.strip, height - 1).fill(COLOURS.rag[fill]);
      });
    }
    if (cell.rag) {
      w.artifact(() => {
        doc.rect(x, y + PAD + 2.5, SWATCH, SWATCH).fill(COLOURS.rag[cell.rag!]);
      });
    }
    const textX = cell.rag ? x + SWATCH + SWATCH_GAP : x;
    const align = table.columns[c]?.align;
    // Every line but the cell's last ends in a space, so that the words of a wrapped cell do
    // not run together in the text a screen reader is given.
    const continues = Boolean(rest?.[c]?.length);
    const total = laid.reduce((n, part) => n + part.lines.length, 0);
    let drawn = 0;
    let top = y + PAD;
    const drawPart = (part: Laid, i: number) => {
      if (i) top += SEGMENT_GAP;
      useSegmentFont(w, part.style);
      for (const line of part.lines) {
        drawn++;
        const lineX = alignedX(align, textX, width, () => doc.widthOfString(line));
        if (line) drawTextLine(doc, spaced(line, drawn < total || continues), lineX, top);
        top += part.lineHeight;
      }
    };
    const { element, type } = cells[c]!;
    laid.forEach((part, i) => {
      // The cell's own words in another language (a framework's statement) are a Span with it;
      // its other parts are then Spans too, so that the cell holds elements alone, in order.
      const isMain = part.style === 'main' || part.style === 'strong';
      if (cell.lang) w.tag('Span', element, () => drawPart(part, i), isMain ? { lang: cell.lang } : undefined);
      else w.mark(element, type, () => drawPart(part, i));
    });
  });
  w.artifact(() => {
    doc.moveTo(w.left, y + height).lineTo(w.left + w.width, y + height).lineWidth(0.5).stroke(COLOURS.rule);
  });
  doc.x = w.left;
  doc.y = y + height;
}

/** A line as drawn: with a space after it when more of the same text follows on another line. */
function spaced(line: string, more: boolean): string {
  return more && !/[\s\-\u2010\u2013\u2014/]$/.test(line) ? `${line} ` : line;
}
