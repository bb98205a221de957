/** `audit plan --format csv`: one row per gap, for a spreadsheet or a tracker. */
import type { Plan } from '../../core/plan.js';
import { toCsv } from './csv.js';

const COLUMNS = [
  'priority', 'standard', 'standard_title', 'criterion', 'text', 'rating', 'target', 'gap',
  'action', 'owner', 'due', 'status', 'overdue', 'days_overdue', 'needs_action', 'awaiting_reassessment',
];

export function renderPlanCsv(plan: Plan): string {
  return toCsv(
    plan.actions.map((a) => ({
      priority: a.priority,
      standard: a.standard,
      standard_title: a.standardTitle,
      criterion: a.criterion,
      text: a.text,
      rating: a.rating,
      target: a.target,
      gap: a.gap,
      action: a.action ?? '',
      owner: a.owner ?? '',
      due: a.due ?? '',
      status: a.status ?? '',
      overdue: a.overdue ? 'yes' : 'no',
      days_overdue: a.daysOverdue,
      needs_action: a.needsAction ? 'yes' : 'no',
      awaiting_reassessment: a.awaitingReassessment ? 'yes' : 'no',
    })),
    COLUMNS,
  );
}
