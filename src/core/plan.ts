/**
 * The improvement plan: one row per gap, highest priority first, with the action that is to
 * close it and whether that action is late.
 *
 * - Sort: priority (high first), then the size of the gap (largest first), then framework order.
 * - A gap with no action needs one (`needsAction`).
 * - An action is overdue when its due date is before `asOf` and it is not done; due on `asOf`
 *   itself is not yet overdue.
 * - A criterion not applicable is no gap and needs no action; the plan lists it apart, with
 *   its reason, so that a reader sees why it is missing.
 * - An action marked done while its gap remains (the criterion has not been re-rated since) is
 *   flagged `awaitingReassessment`: the plan says it is finished, the rating says it is not.
 *
 * The result is the public JSON contract of `audit plan --format json`: fields may be added,
 * never renamed or removed.
 */
import { type ActionStatus, type Audit } from './audit.js';
import { isIsoDate } from './dates.js';
import type { Framework } from './framework.js';
import { scoreCriteria, type Priority } from './gap-analysis.js';

export interface PlanAction {
  criterion: string;
  standard: string;
  priority: Priority;
  rating: number;
  target: number;
  gap: number;
  /** The action's text; null when the gap has no action yet. */
  action: string | null;
  owner: string | null;
  /** YYYY-MM-DD, or null when no due date is set. */
  due: string | null;
  /** The action's status (open when the file gives none); null when there is no action. */
  status: ActionStatus | null;
  overdue: boolean;
  needsAction: boolean;
  /** Added fields, for readers of the plan that have no framework at hand. */
  standardTitle: string;
  text: string;
  /** Days past the due date on `asOf`; 0 unless overdue. */
  daysOverdue: number;
  /** Marked done, yet the criterion still falls short: re-rate it, or reopen the action. */
  awaitingReassessment: boolean;
}

export interface PlanSummary {
  gaps: number;
  high: number;
  medium: number;
  withAction: number;
  needsAction: number;
  overdue: number;
  inProgress: number;
  done: number;
  awaitingReassessment: number;
  /** Criteria with no rating: not gaps, but not known to be met either. */
  notAssessed: number;
  /** Criteria the organisation called not applicable: never gaps. */
  notApplicable: number;
}

/** A criterion left out of the plan because it does not apply, and why. */
export interface PlanNotApplicable {
  criterion: string;
  standard: string;
  text: string;
  /** Null in a public view (src/core/public-views.ts): the organisation's own words, left out. */
  reason: string | null;
}

export interface Plan {
  framework: { id: string; title: string; version: string };
  organisation: string;
  period: string;
  /** The date overdue actions are judged against. */
  asOf: string;
  summary: PlanSummary;
  actions: PlanAction[];
  notApplicable: PlanNotApplicable[];
}

const PRIORITY_RANK: Record<Priority, number> = { high: 0, medium: 1 };

/** Whole days from `from` to `to`, both valid ISO dates. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function buildPlan(framework: Framework, audit: Audit, asOf: string): Plan {
  if (!isIsoDate(asOf)) throw new RangeError(`asOf must be a date YYYY-MM-DD, not ${asOf}`);
  const titles = new Map(framework.standards.map((s) => [s.id, s.title]));
  const results = scoreCriteria(framework, audit);

  const actions: PlanAction[] = results
    .filter((r) => r.gap > 0 && r.rating !== undefined && r.priority !== undefined)
    .sort((a, b) => PRIORITY_RANK[a.priority!] - PRIORITY_RANK[b.priority!] || b.gap - a.gap || a.order - b.order)
    .map((r) => {
      const action = audit.responses[r.criterion]?.action ?? null;
      const status: ActionStatus | null = action ? (action.status ?? 'open') : null;
      const due = action?.due ?? null;
      const late = action !== null && status !== 'done' && due !== null && isIsoDate(due) && due < asOf;
      return {
        criterion: r.criterion,
        standard: r.standard,
        priority: r.priority!,
        rating: r.rating!,
        target: r.target,
        gap: r.gap,
        action: action?.text ?? null,
        owner: action?.owner ?? null,
        due,
        status,
        overdue: late,
        needsAction: action === null,
        standardTitle: titles.get(r.standard) ?? r.standard,
        text: r.text,
        daysOverdue: late ? daysBetween(due!, asOf) : 0,
        awaitingReassessment: status === 'done',
      };
    });

  const count = (test: (a: PlanAction) => boolean) => actions.filter(test).length;
  return {
    framework: { id: framework.id, title: framework.title, version: framework.version },
    organisation: audit.organisation,
    period: audit.period,
    asOf,
    summary: {
      gaps: actions.length,
      high: count((a) => a.priority === 'high'),
      medium: count((a) => a.priority === 'medium'),
      withAction: count((a) => !a.needsAction),
      needsAction: count((a) => a.needsAction),
      overdue: count((a) => a.overdue),
      inProgress: count((a) => a.status === 'in-progress'),
      done: count((a) => a.status === 'done'),
      awaitingReassessment: count((a) => a.awaitingReassessment),
      notAssessed: results.filter((r) => r.standing === 'not-assessed').length,
      notApplicable: results.filter((r) => r.standing === 'not-applicable').length,
    },
    actions,
    notApplicable: results.flatMap((r) =>
      r.notApplicable === undefined ? [] : [{ criterion: r.criterion, standard: r.standard, text: r.text, reason: r.notApplicable }],
    ),
  };
}
