/**
 * `audit aggregate --format xlsx -o FILE`: the partnership view as a workbook. Heat map: one
 * row per agency with its kind and how many criteria it called not applicable, each standard's
 * mean on its RAG colour and followed by the RAG in words (`3.50 Amber`, a number still), or
 * N/A on its own colour where none of the standard's criteria applies to the agency; the
 * partnership's row beneath. Standards, Shortfalls and, where any agency called a criterion not
 * applicable, Not applicable: the partnership figures.
 * With last period's returns, Change: each agency's change overall and by standard; with
 * returns of other editions, Other editions: which were read onto this one. With returned files
 * left out as unreadable (--skip-unreadable), a line under the heat map says how many and which,
 * where the count of agencies is read, and Not read, the second sheet, lists each with what it
 * is and its faults: the chase list, in the workbook the business unit works in.
 */
import type { PartnershipView } from '../../core/aggregate.js';
import type { Rag } from '../../core/gap-analysis.js';
import type { UnreadableFileKind } from '../../core/unreadable-files.js';
import { isAllNotApplicable, oneLine } from '../not-applicable.js';
import {
  addRows,
  filterAll,
  headerRow,
  meanCell,
  newWorkbook,
  notApplicableCell,
  printA4Landscape,
  ragCell,
  cellText,
  workbookBytes,
  wrappedRowHeight,
  type Worksheet,
} from './workbook.js';

/** A returned file left out because it could not be read. */
export interface NotReadFile {
  /** As the user knows it (folder/name). */
  file: string;
  kind: UnreadableFileKind;
  /** One of last period's returns (--previous), not this period's. */
  lastPeriod: boolean;
  /** Its faults, each placed as the terminal places them (sheet and cell, or line and column). */
  faults: readonly string[];
}

/** What each kind of file left out is, as the report's bundled wording says it. */
const FILE_KINDS: Record<UnreadableFileKind, string> = {
  xls: 'an Excel 97-2003 workbook, which audit cannot read',
  xlsb: 'an Excel Binary Workbook, which audit cannot read',
  ods: 'an OpenDocument spreadsheet, which audit cannot read',
  numbers: 'an Apple Numbers spreadsheet, which audit cannot read',
  csv: 'a CSV or text file, not a return workbook',
  workbook: 'a workbook that could not be read as a return',
  audit: 'an audit file that could not be read',
};

export async function renderAggregateWorkbook(view: PartnershipView, options: { created: Date; creator: string; notRead?: readonly NotReadFile[] }): Promise<Uint8Array> {
  const title = `Partnership view: ${view.framework.title}, ${view.periods.join(', ')}`;
  const workbook = await newWorkbook({ title, ...options });
  const pageHeader = `${title} (${view.framework.id}, edition ${view.framework.version})`;

  const heat = workbook.addWorksheet('Heat map');
  const fixed = ['Agency', 'Kind', 'Period', 'Rated', 'Not applicable', 'Below target', 'Overall'];
  const trailing = ['Moderated', 'Signed off by', 'Signed off', 'File'];
  const headers = [...fixed, ...view.standards.map((s, i) => `${i + 1}. ${s.title}`), ...trailing];
  const widths = [30, 14, 8, 6, 9, 7, 12, ...view.standards.map(() => 12), 9, 16, 11, 24];
  headerRow(heat, headers, widths, 1);
  const standardCell = (i: number) => fixed.length + 1 + i;
  for (const a of view.agencies) {
    const summary = a.summary;
    addRows(heat, [[a.organisation, a.kind?.label ?? null, a.period, summary.rated, summary.notApplicable, summary.belowTarget, null, ...a.standards.map(() => null), a.moderated, a.signoff?.by ?? null, a.signoff?.date.slice(0, 10) ?? null, a.file]]);
    const row = heat.lastRow!;
    row.height = wrappedRowHeight([a.organisation, a.kind?.label, ...headers.slice(2).map(() => null), a.file], widths);
    standingCell(row.getCell(fixed.length), summary);
    a.standards.forEach((s, i) => standingCell(row.getCell(standardCell(i)), s));
  }
  const agencyRows = heat.rowCount;
  const partnership = heat.addRow(['Partnership (mean of agencies; RAG of the worst)']);
  partnership.font = { bold: true };
  partnership.alignment = { vertical: 'top', wrapText: true };
  meanCell(partnership.getCell(fixed.length), view.summary.meanRating, view.summary.rag);
  view.standards.forEach((s, i) => meanCell(partnership.getCell(standardCell(i)), s.meanRating, s.rag));
  // Filters over the agencies only, so sorting never moves the partnership row among them.
  heat.autoFilter = { from: { row: 1, column: 1 }, to: { row: agencyRows, column: headers.length } };
  const notRead = options.notRead ?? [];
  const notReadNow = notRead.filter((n) => !n.lastPeriod);
  if (notReadNow.length) {
    // Below the table rather than above it, so that the table still starts at A1 for filters and pivots.
    heat.addRow([]);
    const n = notReadNow.length;
    const note = heat.addRow([
      cellText(
        `Not included: ${n === 1 ? '1 returned file' : `${n} returned files`} could not be read, so no row above is for ${n === 1 ? 'it' : 'them'}: ` +
          `${notReadNow.map((f) => f.file).join(', ')}. Which organisation sent ${n === 1 ? 'it' : 'each'} is not known. See the Not read sheet.`,
      ),
    ]);
    note.font = { bold: true };
  }
  printA4Landscape(heat, pageHeader);
  if (notRead.length) notReadSheet(workbook.addWorksheet('Not read'), notRead, pageHeader);

  const standards = workbook.addWorksheet('Standards');
  headerRow(standards, ['Standard', 'Title', 'Partnership mean', 'RAG (worst agency)', 'Agencies below target', 'Agencies rated', 'Red', 'Amber', 'Green'], [10, 44, 12, 12, 12, 10, 7, 7, 7]);
  for (const s of view.standards) {
    addRows(standards, [[s.id, s.title, s.meanRating, null, s.agenciesBelowTarget, s.agenciesRated, s.agenciesByRag.red, s.agenciesByRag.amber, s.agenciesByRag.green]]);
    ragCell(standards.lastRow!.getCell(4), s.rag);
  }
  printA4Landscape(standards, pageHeader);

  const shortfalls = workbook.addWorksheet('Shortfalls');
  // Every criterion below target in any agency; the last column marks those "where most agencies
  // fall short" (below target in more than half of the agencies that rated them), as every view counts them.
  headerRow(
    shortfalls,
    ['Criterion', 'Standard', 'Statement', 'Agencies below target', 'Agencies rated', 'Mean', 'Agencies not applicable', 'Below target in more than half'],
    [10, 10, 70, 12, 10, 8, 12, 12],
    1,
  );
  addRows(shortfalls, view.shortfalls.map((s) => [s.criterion, s.standard, s.text, s.agenciesBelowTarget, s.agenciesRated, s.meanRating, s.agenciesNotApplicable, s.widespread ? 'Yes' : 'No']));
  filterAll(shortfalls, 8);
  printA4Landscape(shortfalls, pageHeader);

  if (view.notApplicable.length) {
    // Per criterion, the agencies that called it not applicable and why (most agencies first).
    const notApplicable = workbook.addWorksheet('Not applicable');
    const naWidths = [10, 10, 50, 12, 60];
    headerRow(notApplicable, ['Criterion', 'Standard', 'Statement', 'Agencies not applicable', 'Agencies and their reasons'], naWidths, 1);
    for (const n of view.notApplicable) {
      const reasons = n.agencies.map((a) => `${a.organisation}: ${oneLine(a.reason)}`).join('\n');
      addRows(notApplicable, [[n.criterion, n.standard, n.text, n.agenciesNotApplicable, reasons]]);
      notApplicable.lastRow!.height = wrappedRowHeight([null, null, n.text, null, reasons], naWidths);
    }
    filterAll(notApplicable, 5);
    printA4Landscape(notApplicable, pageHeader);
  }
  if (view.previousPeriods) {
    // aggregate --previous: each agency's change since last period, overall and by standard.
    const change = workbook.addWorksheet('Change');
    const since = view.previousPeriods.join(', ') || 'last period';
    headerRow(
      change,
      ['Agency', `Mean ${since}`, 'Mean now', 'Change on criteria rated in both', ...view.standards.map((s, i) => `${i + 1}. ${s.title}`), 'Last period\'s file'],
      [30, 10, 10, 9, ...view.standards.map(() => 12), 24],
      1,
    );
    addRows(
      change,
      view.agencies.map((a) => [a.organisation, a.previous?.meanRating ?? null, a.summary.meanRating, a.previous?.change ?? null, ...a.standards.map((st) => st.change ?? null), a.previous?.file ?? null]),
    );
    filterAll(change, view.standards.length + 5);
    printA4Landscape(change, pageHeader);
  }
  if (view.mapping) {
    // Returns of other editions, read onto this one: which, how, and the criteria they could not give.
    const mapped = workbook.addWorksheet('Other editions');
    headerRow(mapped, ['Agency', 'File', 'Edition', 'Read through', 'Criteria not mapped'], [30, 30, 12, 40, 60], 1);
    addRows(mapped, view.mapping.returns.map((r) => [r.organisation, r.file, r.edition, r.crosswalk ?? 'criterion ids', r.notMapped.join(', ')]));
    printA4Landscape(mapped, pageHeader);
  }
  return workbookBytes(workbook);
}

/** Each returned file left out: its name, what it is, which period's returns it was among, and its faults. */
function notReadSheet(sheet: Worksheet, files: readonly NotReadFile[], pageHeader: string): void {
  const widths = [30, 36, 12, 90];
  headerRow(sheet, ['File', 'What it is', 'Returns of', 'Why it could not be read'], widths, 1);
  for (const f of files) {
    const faults = f.faults.join('\n');
    addRows(sheet, [[f.file, FILE_KINDS[f.kind], f.lastPeriod ? 'Last period' : 'This period', faults]]);
    sheet.lastRow!.height = wrappedRowHeight([f.file, FILE_KINDS[f.kind], null, faults], widths);
  }
  filterAll(sheet, widths.length);
  printA4Landscape(sheet, pageHeader);
}

/** A mean on its RAG colour, or N/A on its own where none of the criteria applies to the agency. */
function standingCell(cell: ReturnType<Worksheet['getCell']>, standing: { criteria: number; notApplicable: number; meanRating: number | null; rag: Rag }): void {
  if (isAllNotApplicable(standing)) notApplicableCell(cell);
  else meanCell(cell, standing.meanRating, standing.rag);
}
