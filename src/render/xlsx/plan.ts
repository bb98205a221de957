/**
 * `audit plan --format xlsx -o FILE`: the improvement plan as a tracker: one row per gap, filters
 * on every column, due dates as dates, priority and overdue actions on their colours (and in words).
 */
import type { Plan } from '../../core/plan.js';
import { describePlanStatus } from '../plan-status.js';
import { addRows, dateCell, filterAll, headerRow, newWorkbook, printA4Landscape, RAG_FILLS, workbookBytes, wrappedRowHeight } from './workbook.js';

const HEADERS = ['Priority', 'Standard', 'Criterion', 'Statement', 'Rating', 'Target', 'Gap', 'Action', 'Owner', 'Due', 'Status', 'Overdue', 'Days overdue', 'Needs an action', 'Done, to re-rate'];
const WIDTHS = [9, 22, 10, 38, 8, 8, 6, 38, 20, 11, 22, 9, 9, 10, 10];

export async function renderPlanWorkbook(plan: Plan, options: { created: Date; creator: string }): Promise<Uint8Array> {
  const title = `Improvement plan: ${plan.organisation}, ${plan.period}`;
  const workbook = await newWorkbook({ title, ...options });
  const sheet = workbook.addWorksheet('Plan');
  headerRow(sheet, HEADERS, WIDTHS, 3);
  const yes = (flag: boolean) => (flag ? 'Yes' : 'No');
  for (const a of plan.actions) {
    const values = [
      a.priority === 'high' ? 'High' : 'Medium',
      a.standardTitle,
      a.criterion,
      a.text,
      a.rating,
      a.target,
      a.gap,
      a.action ?? 'NONE: needs an action',
      a.owner,
      dateCell(a.due),
      describePlanStatus(a),
      yes(a.overdue),
      a.daysOverdue,
      yes(a.needsAction),
      yes(a.awaitingReassessment),
    ];
    addRows(sheet, [values]);
    const row = sheet.lastRow!;
    row.getCell(1).fill = RAG_FILLS[a.priority === 'high' ? 'red' : 'amber'];
    row.getCell(10).numFmt = 'dd/mm/yyyy';
    if (a.overdue || a.needsAction) for (const c of [8, 10, 11, 12]) row.getCell(c).fill = RAG_FILLS.red;
    row.height = wrappedRowHeight(values.map((v) => (typeof v === 'string' ? v : null)), WIDTHS);
  }
  filterAll(sheet, HEADERS.length);
  printA4Landscape(sheet, `${title} · as of ${plan.asOf} · ${plan.framework.title}`);
  return workbookBytes(workbook);
}
