/// <reference types="pdfkit" />
/**
 * Tagged tables drawn by hand, because pdfkit's doc.table() neither repeats its header row on
 * a new page nor splits a row too tall for one. Here:
 * - the header row (TH cells, scope Column) starts the table and is drawn again, as a
 *   pagination artifact, at the top of every page the table continues on;
 * - a row that does not fit moves whole to the next page; only a row taller than a whole page
 *   (pages of evidence) is split, line by line, and carries on under the repeated header;
 * - long text wraps within its column; nothing is cut off or clipped.
 */
import type { ReportCell, ReportColumn } from '../../core/report-model.js';
import type { StructElement, TaggedWriter } from './tagged-writer.js';
import { COLOURS, COLUMN_WIDTH, SPACE, TYPE } from './theme.js';

export interface PdfTable {
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** Index of the column whose cells name their rows (tagged TH, scope Row). */
  rowHeader?: number;
  /** Draw no header row (a table of labels and values, like the cover's). */
  noHeader?: boolean;
  /** Fixed widths overriding the column kinds, in points. */
  widths?: number[];
}

const PAD = SPACE.cellPadding;
const SWATCH = 7;
const SWATCH_GAP = 4;
const NOTE_GAP = 1.5;

interface CellText {
  text: string;
  note: string;
}

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

export function drawTable(w: TaggedWriter, parent: StructElement, table: PdfTable): void {
  const doc = w.doc;
  const widths = table.widths ?? columnWidths(table.columns, w.width);
  const xs = widths.map((_, i) => w.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const element = w.group('Table', parent);

  const headerHeight = table.noHeader ? 0 : measureHeader(w, table.columns, widths);
  const drawHeader = (structural: boolean) => {
    if (table.noHeader) return;
    const y = doc.y;
    w.artifact(() => {
      doc.rect(w.left, y, w.width, headerHeight).fill(COLOURS.headerFill);
    });
    const tr = structural ? w.group('TR', element) : undefined;
    table.columns.forEach((column, i) => {
      const draw = () => {
        w.font('bold', TYPE.tableHeader);
        doc.text(column.header, xs[i]! + PAD, y + PAD, { width: widths[i]! - 2 * PAD, lineGap: TYPE.tableLineGap, align: column.align ?? 'left' });
      };
      if (tr) w.tag('TH', tr, draw, { scope: 'Column' });
      else w.artifact(draw, 'Pagination');
    });
    tr?.end();
    doc.y = y + headerHeight;
  };
  const continueOnNewPage = () => {
    w.newPage();
    drawHeader(false);
  };

  const rows = table.rows.map((row) => row.map((cell): CellText => ({ text: cell.text, note: cell.note ?? '' })));
  const fullPage = w.bottom - w.top - headerHeight;

  // The header never stands alone at the foot of a page: it goes with the first row.
  const firstHeight = rows[0] ? measureRow(w, table, table.rows[0]!, rows[0], widths) : 0;
  w.ensure(headerHeight + Math.min(firstHeight, fullPage / 3));
  drawHeader(true);

  table.rows.forEach((row, r) => {
    let remaining = rows[r]!;
    let height = measureRow(w, table, row, remaining, widths);
    if (doc.y + height > w.bottom && height <= fullPage) continueOnNewPage();
    const tr = w.group('TR', element);
    const cells = row.map((_, c) => {
      const type = c === table.rowHeader ? 'TH' : 'TD';
      const cellElement = w.group(type, tr, c === table.rowHeader ? { scope: 'Row' } : {});
      return { element: cellElement, type };
    });
    for (;;) {
      const room = w.bottom - doc.y;
      let pieces = remaining;
      let rest: CellText[] | undefined;
      if (height > room) {
        // Taller than what is left of the page (and than any page): draw what fits, line by line.
        const split = remaining.map((part, c) => splitCell(w, table, row[c]!, c, part, widths[c]!, room - 2 * PAD));
        pieces = split.map(([head]) => head);
        rest = split.map(([, tail]) => tail);
        if (pieces.every((p) => !p.text && !p.note)) {
          continueOnNewPage();
          continue;
        }
        height = room;
      }
      drawRow(w, table, row, pieces, cells, xs, widths, height);
      if (!rest || rest.every((cell) => !cell.text && !cell.note)) break;
      remaining = rest;
      continueOnNewPage();
      height = measureRow(w, table, row, remaining, widths);
    }
    for (const cell of cells) cell.element.end();
    tr.end();
  });
  element.end();
  doc.x = w.left;
  doc.y += SPACE.tableAfter;
}

function measureHeader(w: TaggedWriter, columns: ReportColumn[], widths: number[]): number {
  w.font('bold', TYPE.tableHeader);
  return Math.max(...columns.map((c, i) => w.doc.heightOfString(c.header || ' ', { width: widths[i]! - 2 * PAD, lineGap: TYPE.tableLineGap }))) + 2 * PAD;
}

function textWidth(cell: ReportCell, width: number): number {
  return width - 2 * PAD - (cell.rag ? SWATCH + SWATCH_GAP : 0);
}

function useCellFont(w: TaggedWriter, table: PdfTable, cell: ReportCell, column: number): void {
  w.font(cell.strong || column === table.rowHeader ? 'bold' : 'regular', TYPE.tableBody);
}

function measureCell(w: TaggedWriter, table: PdfTable, cell: ReportCell, part: CellText, width: number, column: number): number {
  const doc = w.doc;
  let height = 0;
  if (part.text) {
    useCellFont(w, table, cell, column);
    height += doc.heightOfString(part.text, { width: textWidth(cell, width), lineGap: TYPE.tableLineGap });
  }
  if (part.note) {
    w.font('regular', TYPE.tableNote, COLOURS.muted);
    height += (part.text ? NOTE_GAP : 0) + doc.heightOfString(part.note, { width: textWidth(cell, width), lineGap: TYPE.tableLineGap });
  }
  return height;
}

function measureRow(w: TaggedWriter, table: PdfTable, row: ReportCell[], parts: CellText[], widths: number[]): number {
  const tallest = Math.max(...parts.map((part, c) => measureCell(w, table, row[c]!, part, widths[c]!, c)));
  return Math.max(tallest, TYPE.tableBody * 1.4) + 2 * PAD;
}

/** The part of a cell that fits in `height`, and the rest, cut between words (or lines). */
function splitCell(w: TaggedWriter, table: PdfTable, cell: ReportCell, column: number, part: CellText, width: number, height: number): [CellText, CellText] {
  if (measureCell(w, table, cell, part, width, column) <= height) return [part, { text: '', note: '' }];
  const doc = w.doc;
  useCellFont(w, table, cell, column);
  const tokens = part.text.split(/(?<=\s)/);
  const fits = (n: number) => doc.heightOfString(tokens.slice(0, n).join(''), { width: textWidth(cell, width), lineGap: TYPE.tableLineGap }) <= height;
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return [
    { text: tokens.slice(0, lo).join('').trimEnd(), note: '' },
    { text: tokens.slice(lo).join(''), note: part.note },
  ];
}

function drawRow(
  w: TaggedWriter,
  table: PdfTable,
  row: ReportCell[],
  parts: CellText[],
  cells: { element: StructElement; type: string }[],
  xs: number[],
  widths: number[],
  height: number,
): void {
  const doc = w.doc;
  const y = doc.y;
  row.forEach((cell, c) => {
    const part = parts[c]!;
    const x = xs[c]! + PAD;
    const width = textWidth(cell, widths[c]!);
    if (cell.rag && part.text) {
      w.artifact(() => {
        doc.rect(x, y + PAD + 2.5, SWATCH, SWATCH).fill(COLOURS.rag[cell.rag!]);
      });
    }
    const textX = cell.rag ? x + SWATCH + SWATCH_GAP : x;
    const align = table.columns[c]?.align ?? 'left';
    w.mark(cells[c]!.element, cells[c]!.type, () => {
      let top = y + PAD;
      if (part.text) {
        useCellFont(w, table, cell, c);
        doc.text(part.text, textX, top, { width, lineGap: TYPE.tableLineGap, align });
        top = doc.y + NOTE_GAP;
      }
      if (part.note) {
        w.font('regular', TYPE.tableNote, COLOURS.muted);
        doc.text(part.note, textX, top, { width, lineGap: TYPE.tableLineGap, align });
      }
    });
  });
  w.artifact(() => {
    doc.moveTo(w.left, y + height).lineTo(w.left + w.width, y + height).lineWidth(0.5).stroke(COLOURS.rule);
  });
  doc.x = w.left;
  doc.y = y + height;
}
