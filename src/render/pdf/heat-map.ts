/// <reference types="pdfkit" />
/**
 * The heat map of rows (agencies) by numbered columns (standards), drawn as a tagged table:
 * a screen reader meets each cell's figure and RAG rating in words with its row and column
 * headers, each numbered header carrying the standard's title as its expansion, and the table's
 * Summary gives every figure in words. The colour is an artifact laid under the words.
 *
 * Width: the columns are as wide as the page allows up to a comfortable width. A section whose
 * heat map does not fit a portrait page is set on landscape pages (see report.ts); a heat map
 * too wide even for those is drawn as several tables of consecutive columns, each with the row
 * names and the overall column, and a caption naming its columns.
 */
import type { ReportBlock, ReportCell, ReportColumn } from '../../core/report-document.js';
import { drawTable } from './table.js';
import type { StructElement, TaggedWriter } from './tagged-writer.js';
import { contentWidth, HEAT_MAP, SPACE, type PageLayout } from './theme.js';

type HeatMapBlock = Extract<ReportBlock, { kind: 'heatmap' }>;

/** The widest a heat-map column is drawn, however much room there is. */
const MAX_COLUMN = 56;

/** Whether every column fits across a page set in `layout` at the narrowest allowed width. */
export function heatMapFits(block: HeatMapBlock, layout: PageLayout): boolean {
  return columnsPerTable(contentWidth(layout)) >= block.columns.length;
}

/** How many of the numbered columns one table holds beside the row names and the overall column. */
function columnsPerTable(width: number): number {
  return Math.max(1, Math.floor((width - HEAT_MAP.minRowHeader) / HEAT_MAP.minColumn) - 1);
}

export function drawHeatMap(w: TaggedWriter, parent: StructElement, block: HeatMapBlock): void {
  const perTable = columnsPerTable(w.width);
  const groups = Math.ceil(block.columns.length / perTable);
  // Groups of even size: 13 columns in two tables are 7 and 6, not 12 and 1.
  const size = Math.ceil(block.columns.length / groups);
  const totalsFrom = block.rows.findIndex((row) => row.total);
  for (let g = 0; g < groups; g++) {
    const from = g * size;
    const to = Math.min(block.columns.length, from + size);
    const shown = block.columns.slice(from, to);
    const columnWidth = Math.min(MAX_COLUMN, (w.width - HEAT_MAP.minRowHeader) / (shown.length + 1));
    // The overall column holds its heading's longest word whole ("Cyffredinol" is longer than "Overall").
    w.font('bold', w.type.tableHeader);
    const overallWord = Math.max(...block.overall.split(/\s+/).map((word) => w.doc.widthOfString(word)));
    const overallWidth = Math.max(columnWidth, overallWord + 2 * SPACE.cellPadding + 1);
    const columns: ReportColumn[] = [
      { header: block.rowHeader, kind: 'text' },
      ...shown.map((c): ReportColumn => ({ header: c.header, kind: 'heat', align: 'center', expansion: c.expansion })),
      { header: block.overall, kind: 'heat', align: 'center' },
    ];
    const part = groups > 1 ? block.part.replace(/\{from\}/g, shown[0]!.header).replace(/\{to\}/g, shown[shown.length - 1]!.header) : '';
    if (g > 0) w.doc.y += SPACE.paragraph;
    drawTable(w, parent, {
      columns,
      rows: block.rows.map((row): ReportCell[] => [{ text: row.header, strong: true }, ...row.cells.slice(from, to), row.overall]),
      rowHeader: 0,
      widths: [w.width - columnWidth * shown.length - overallWidth, ...shown.map(() => columnWidth), overallWidth],
      caption: part ? `${block.caption} (${part})` : block.caption,
      summary: block.summary,
      ...(totalsFrom > 0 ? { totalsFrom } : {}),
    });
  }
}
