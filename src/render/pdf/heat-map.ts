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
import { HEAT_MAP_COLUMNS, heatColumnsPerTable, heatMapGroups } from '../heat-map-layout.js';
import { contentWidth, SPACE, type PageLayout } from './theme.js';

type HeatMapBlock = Extract<ReportBlock, { kind: 'heatmap' }>;

/** Whether every column fits across a page set in `layout` at the narrowest allowed width. */
export function heatMapFits(block: HeatMapBlock, layout: PageLayout): boolean {
  return heatColumnsPerTable(contentWidth(layout)) >= block.columns.length;
}

export function drawHeatMap(w: TaggedWriter, parent: StructElement, block: HeatMapBlock): void {
  const groups = heatMapGroups(block.columns.length, w.width);
  const totalsFrom = block.rows.findIndex((row) => row.total);
  for (const [g, { from, to }] of groups.entries()) {
    const shown = block.columns.slice(from, to);
    const columnWidth = Math.min(HEAT_MAP_COLUMNS.maxColumn, (w.width - HEAT_MAP_COLUMNS.minRowHeader) / (shown.length + 1));
    // The overall column holds its heading's longest word whole ("Cyffredinol" is longer than "Overall").
    w.font('bold', w.type.tableHeader);
    const overallWord = Math.max(...block.overall.split(/\s+/).map((word) => w.doc.widthOfString(word)));
    const overallWidth = Math.max(columnWidth, overallWord + 2 * SPACE.cellPadding + 1);
    const columns: ReportColumn[] = [
      { header: block.rowHeader, kind: 'text' },
      ...shown.map((c): ReportColumn => ({ header: c.header, kind: 'heat', align: 'center', expansion: c.expansion })),
      { header: block.overall, kind: 'heat', align: 'center' },
    ];
    const part = groups.length > 1 ? block.part.replace(/\{from\}/g, shown[0]!.header).replace(/\{to\}/g, shown[shown.length - 1]!.header) : '';
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
