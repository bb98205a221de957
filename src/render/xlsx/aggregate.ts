/**
 * `audit aggregate --format xlsx -o FILE`: the partnership view as a workbook. Heat map: one
 * row per agency, each standard's mean on its RAG colour and followed by the RAG in words
 * (`3.50 Amber`, a number still), and the partnership's row beneath. Standards and Shortfalls:
 * the partnership figures.
 */
import type { PartnershipView } from '../../core/aggregate.js';
import { addRows, filterAll, headerRow, meanCell, newWorkbook, printA4Landscape, ragCell, workbookBytes, wrappedRowHeight } from './workbook.js';

export async function renderAggregateWorkbook(view: PartnershipView, options: { created: Date; creator: string }): Promise<Uint8Array> {
  const title = `Partnership view: ${view.framework.title}, ${view.periods.join(', ')}`;
  const workbook = await newWorkbook({ title, ...options });
  const pageHeader = `${title} (${view.framework.id}, edition ${view.framework.version})`;

  const heat = workbook.addWorksheet('Heat map');
  const fixed = ['Agency', 'Period', 'Rated', 'Below target', 'Overall'];
  const trailing = ['Moderated', 'Signed off by', 'Signed off', 'File'];
  const headers = [...fixed, ...view.standards.map((s, i) => `${i + 1}. ${s.title}`), ...trailing];
  const widths = [30, 8, 6, 7, 12, ...view.standards.map(() => 12), 9, 16, 11, 24];
  headerRow(heat, headers, widths, 1);
  const standardCell = (i: number) => fixed.length + 1 + i;
  for (const a of view.agencies) {
    addRows(heat, [[a.organisation, a.period, a.summary.rated, a.summary.belowTarget, null, ...a.standards.map(() => null), a.moderated, a.signoff?.by ?? null, a.signoff?.date.slice(0, 10) ?? null, a.file]]);
    const row = heat.lastRow!;
    row.height = wrappedRowHeight([a.organisation, ...headers.slice(1).map(() => null), a.file], widths);
    meanCell(row.getCell(fixed.length), a.summary.meanRating, a.summary.rag);
    a.standards.forEach((s, i) => meanCell(row.getCell(standardCell(i)), s.meanRating, s.rag));
  }
  const agencyRows = heat.rowCount;
  const partnership = heat.addRow(['Partnership (mean of agencies; RAG of the worst)']);
  partnership.font = { bold: true };
  partnership.alignment = { vertical: 'top', wrapText: true };
  meanCell(partnership.getCell(fixed.length), view.summary.meanRating, view.summary.rag);
  view.standards.forEach((s, i) => meanCell(partnership.getCell(standardCell(i)), s.meanRating, s.rag));
  // Filters over the agencies only, so sorting never moves the partnership row among them.
  heat.autoFilter = { from: { row: 1, column: 1 }, to: { row: agencyRows, column: headers.length } };
  printA4Landscape(heat, pageHeader);

  const standards = workbook.addWorksheet('Standards');
  headerRow(standards, ['Standard', 'Title', 'Partnership mean', 'RAG (worst agency)', 'Agencies below target', 'Agencies rated', 'Red', 'Amber', 'Green'], [10, 44, 12, 12, 12, 10, 7, 7, 7]);
  for (const s of view.standards) {
    addRows(standards, [[s.id, s.title, s.meanRating, null, s.agenciesBelowTarget, s.agenciesRated, s.agenciesByRag.red, s.agenciesByRag.amber, s.agenciesByRag.green]]);
    ragCell(standards.lastRow!.getCell(4), s.rag);
  }
  printA4Landscape(standards, pageHeader);

  const shortfalls = workbook.addWorksheet('Shortfalls');
  headerRow(shortfalls, ['Criterion', 'Standard', 'Statement', 'Agencies below target', 'Agencies rated', 'Mean'], [10, 10, 70, 12, 10, 8], 1);
  addRows(shortfalls, view.shortfalls.map((s) => [s.criterion, s.standard, s.text, s.agenciesBelowTarget, s.agenciesRated, s.meanRating]));
  filterAll(shortfalls, 6);
  printA4Landscape(shortfalls, pageHeader);
  return workbookBytes(workbook);
}
