/**
 * `audit gap --format xlsx -o FILE`: the gap analysis as a workbook. Standards: each standard's
 * figures with its RAG as a word on its colour. Criteria: every criterion with its rating,
 * target, gap, priority, RAG, evidence and action, filterable.
 */
import type { CriterionRow, GapAnalysis, Rag } from '../../core/gap-analysis.js';
import { isAllNotApplicable } from '../not-applicable.js';
import { ratingLabel } from '../rating-label.js';
import { addRows, dateCell, filterAll, headerRow, newWorkbook, notApplicableCell, printA4Landscape, ragCell, workbookBytes, wrappedRowHeight } from './workbook.js';

const STANDARD_HEADERS = ['Standard', 'Title', 'Criteria', 'Rated', 'Not assessed', 'Not applicable', 'Below target', 'Meeting target', 'Mean', 'Lowest', 'RAG'];
const CRITERIA_HEADERS = ['Standard', 'Criterion', 'Statement', 'Rating', 'Target', 'Gap', 'Priority', 'RAG', 'Evidence', 'Action', 'Owner', 'Due', 'Action status', 'Moderated by', 'Moderation note', 'Not applicable'];
const CRITERIA_WIDTHS = [10, 10, 40, 9, 8, 6, 9, 10, 48, 32, 18, 11, 12, 16, 30, 30];

export async function renderGapWorkbook(analysis: GapAnalysis, options: { created: Date; creator: string }): Promise<Uint8Array> {
  const title = `Gap analysis: ${analysis.organisation}, ${analysis.period}`;
  const workbook = await newWorkbook({ title, ...options });
  const pageHeader = `${title} · ${analysis.framework.title} (${analysis.framework.id}, edition ${analysis.framework.version})`;

  const standards = workbook.addWorksheet('Standards');
  headerRow(standards, STANDARD_HEADERS, [10, 40, 9, 9, 12, 12, 12, 14, 8, 8, 10]);
  addRows(
    standards,
    analysis.standards.map((s) => [s.id, s.title, s.criteria, s.rated, s.notAssessed, s.notApplicable, s.belowTarget, s.meetingTarget, s.meanRating, s.minRating, null]),
  );
  analysis.standards.forEach((s, i) => {
    const cell = standards.getCell(i + 2, STANDARD_HEADERS.length);
    ragCell(cell, s.rag);
    // None of its criteria applies: N/A on its own colour, not "not rated".
    if (isAllNotApplicable(s)) notApplicableCell(cell);
  });
  const summary = analysis.summary;
  const overall = standards.addRow(['Overall', null, summary.criteria, summary.rated, summary.notAssessed, summary.notApplicable, summary.belowTarget, summary.meetingTarget, summary.meanRating, null, null]);
  overall.font = { bold: true };
  ragCell(overall.getCell(STANDARD_HEADERS.length), analysis.summary.rag);
  printA4Landscape(standards, pageHeader);

  const criteria = workbook.addWorksheet('Criteria');
  headerRow(criteria, CRITERIA_HEADERS, CRITERIA_WIDTHS, 2);
  for (const c of analysis.criteria) {
    const values = [
      c.standard,
      c.criterion,
      c.text,
      c.rating === null ? null : c.moderation && c.selfRating !== c.rating ? ratingLabel(c) : c.rating,
      c.target,
      c.rating === null ? null : c.gap,
      c.priority === 'high' ? 'High' : c.priority === 'medium' ? 'Medium' : null,
      null,
      c.evidence,
      c.action?.text ?? null,
      c.action?.owner ?? null,
      dateCell(c.action?.due ?? null),
      c.action?.status ?? null,
      c.moderation?.by ?? null,
      c.moderation?.note ?? null,
      // Why the criterion does not apply; its RAG cell then says so, rather than "not rated".
      c.notApplicable,
    ];
    addRows(criteria, [values]);
    const row = criteria.lastRow!;
    ragCell(row.getCell(8), criterionRag(c));
    if (c.status === 'not-applicable') notApplicableCell(row.getCell(8));
    row.getCell(12).numFmt = 'dd/mm/yyyy';
    row.height = wrappedRowHeight(values.map((v) => (typeof v === 'string' ? v : null)), CRITERIA_WIDTHS);
  }
  filterAll(criteria, CRITERIA_HEADERS.length);
  printA4Landscape(criteria, pageHeader);
  return workbookBytes(workbook);
}

/** A criterion's RAG by the rule standards follow: red for a high-priority gap, amber for any gap. */
function criterionRag(c: CriterionRow): Rag {
  if (c.status === 'not-assessed' || c.status === 'not-applicable') return 'unrated';
  return c.priority === 'high' ? 'red' : c.priority === 'medium' ? 'amber' : 'green';
}
