/** How a plan row's state reads in words, the same in every text renderer. */
import type { PlanAction } from '../core/plan.js';

export function describePlanStatus(action: PlanAction): string {
  if (action.needsAction) return 'Needs an action';
  const base = action.status === 'in-progress' ? 'In progress' : action.status === 'done' ? 'Done' : 'Open';
  if (action.overdue) return `${base}, overdue by ${action.daysOverdue} day${action.daysOverdue === 1 ? '' : 's'}`;
  if (action.awaitingReassessment) return 'Done, gap remains: re-rate';
  return base;
}
