/**
 * Direction of travel between two periods' audits of one framework (`audit compare`).
 *
 * Ratings are effective ratings (moderated where moderated). For each criterion of the later
 * framework:
 * - `new`          not rated before (including criteria the later edition added, and criteria
 *                  not applicable before), rated now;
 * - `not-assessed` not rated now;
 * - `not-applicable` not applicable now (the reasons before and after are given);
 * - `improved`, `declined`, `unchanged` by the difference of the two ratings.
 * Standards compare their means (of rated criteria only) the same way, `new` and
 * `not-assessed` meaning no rated criterion before or now, `not-applicable` none applicable now.
 *
 * Actions, matched by criterion (a response holds one action):
 * - closed:     not done before, and now done (same text), or its gap is closed (rated at or
 *               above target now), or the criterion is now not applicable;
 * - opened:     present now and not before (a criterion without an action before, or with
 *               an action of other text);
 * - still open: not done before, the same action still not done and the gap still open;
 * - dropped:    not done before, gone or reworded now, and the gap still open — an action
 *               that was never followed up, or was rewritten.
 */
import type { Action, Audit } from './audit.js';
import { compareEditions, type EditionChange } from './editions.js';
import type { Framework } from './framework.js';
import { analyseGaps, type CriterionRow, type GapAnalysis, type Rag } from './gap-analysis.js';

export const CHANGES = ['improved', 'declined', 'unchanged', 'new', 'not-assessed', 'not-applicable'] as const;
export type Change = (typeof CHANGES)[number];

export interface CriterionChange {
  criterion: string;
  standard: string;
  text: string;
  before: number | null;
  after: number | null;
  change: Change;
  /** after − before, when both are rated. */
  delta: number | null;
  target: number;
  /** The reasons the criterion did not apply before and does not now (null where it did). */
  notApplicable: { before: string | null; after: string | null };
}

export interface StandardChange {
  id: string;
  title: string;
  /** Mean rating before and after. */
  before: number | null;
  after: number | null;
  change: Change;
  delta: number | null;
  ragBefore: Rag;
  ragAfter: Rag;
}

export interface ActionRecord {
  criterion: string;
  text: string;
  owner: string | null;
  due: string | null;
  status: string;
}

export interface ClosedAction extends ActionRecord {
  how: 'done' | 'gap-closed' | 'not-applicable';
}

export interface PeriodSummary {
  file: string;
  organisation: string;
  period: string;
  frameworkVersion: string;
  meanRating: number | null;
  rag: Rag;
  rated: number;
  belowTarget: number;
  notApplicable: number;
}

export interface Comparison {
  framework: { id: string; title: string };
  before: PeriodSummary;
  after: PeriodSummary;
  /** Present when the two audits use different editions of the framework. */
  edition: EditionChange | null;
  counts: Record<Change, number>;
  criteria: CriterionChange[];
  standards: StandardChange[];
  actions: {
    closed: ClosedAction[];
    opened: ActionRecord[];
    stillOpen: ActionRecord[];
    dropped: ActionRecord[];
  };
}

export interface ComparedAudit {
  file: string;
  framework: Framework;
  audit: Audit;
  /** Criteria answered in the audit that its framework, as read, no longer has. */
  retired?: readonly string[];
}

export function compareAudits(before: ComparedAudit, after: ComparedAudit): Comparison {
  const old = analyseGaps(before.framework, before.audit);
  const now = analyseGaps(after.framework, after.audit);
  const oldRows = new Map(old.criteria.map((r) => [r.criterion, r]));

  const criteria: CriterionChange[] = now.criteria.map((row) => {
    const old = oldRows.get(row.criterion);
    const was = old?.rating ?? null;
    return {
      criterion: row.criterion,
      standard: row.standard,
      text: row.text,
      before: was,
      after: row.rating,
      change: row.status === 'not-applicable' ? 'not-applicable' : changeOf(was, row.rating),
      delta: was !== null && row.rating !== null ? row.rating - was : null,
      target: row.target,
      notApplicable: { before: old?.notApplicable ?? null, after: row.notApplicable },
    };
  });

  const oldStandards = new Map(old.standards.map((s) => [s.id, s]));
  const standards: StandardChange[] = now.standards.map((s) => {
    const was = oldStandards.get(s.id);
    const b = was?.meanRating ?? null;
    const a = s.meanRating;
    return {
      id: s.id,
      title: s.title,
      before: b,
      after: a,
      change: s.criteria > 0 && s.notApplicable === s.criteria ? 'not-applicable' : changeOf(b, a),
      // Means are to 2 decimals; subtract in hundredths so 2.7 − 2.4 is 0.3, not 0.30000000000000027.
      delta: b !== null && a !== null ? (Math.round(a * 100) - Math.round(b * 100)) / 100 : null,
      ragBefore: was?.rag ?? 'unrated',
      ragAfter: s.rag,
    };
  });

  const counts = Object.fromEntries(CHANGES.map((c) => [c, 0])) as Record<Change, number>;
  for (const c of criteria) counts[c.change]++;

  return {
    framework: { id: after.framework.id, title: after.framework.title },
    before: periodSummary(before, old),
    after: periodSummary(after, now),
    edition:
      compareEditions(
        { framework: before.framework, audit: before.audit, ...(before.retired ? { retired: before.retired } : {}) },
        after.framework,
      ) ?? null,
    counts,
    criteria,
    standards,
    actions: compareActions(before.audit, after.audit, now.criteria),
  };
}

function changeOf(before: number | null, after: number | null): Change {
  if (after === null) return 'not-assessed';
  if (before === null) return 'new';
  return after > before ? 'improved' : after < before ? 'declined' : 'unchanged';
}

function periodSummary(side: ComparedAudit, analysis: GapAnalysis): PeriodSummary {
  return {
    file: side.file,
    organisation: side.audit.organisation,
    period: side.audit.period,
    frameworkVersion: side.audit.frameworkVersion ?? side.framework.version,
    meanRating: analysis.summary.meanRating,
    rag: analysis.summary.rag,
    rated: analysis.summary.rated,
    belowTarget: analysis.summary.belowTarget,
    notApplicable: analysis.summary.notApplicable,
  };
}

function compareActions(before: Audit, after: Audit, rows: CriterionRow[]): Comparison['actions'] {
  const closed: ClosedAction[] = [];
  const opened: ActionRecord[] = [];
  const stillOpen: ActionRecord[] = [];
  const dropped: ActionRecord[] = [];
  for (const row of rows) {
    const was = before.responses[row.criterion]?.action ?? undefined;
    const now = after.responses[row.criterion]?.action ?? undefined;
    const same = was !== undefined && now !== undefined && sameText(was.text, now.text);
    const gapClosed = row.status === 'meets-target';
    if (was && status(was) !== 'done') {
      if (same && status(now!) === 'done') closed.push({ ...record(row.criterion, now!), how: 'done' });
      else if (gapClosed) closed.push({ ...record(row.criterion, now && same ? now : was), how: 'gap-closed' });
      else if (row.status === 'not-applicable') closed.push({ ...record(row.criterion, now && same ? now : was), how: 'not-applicable' });
      else if (same) stillOpen.push(record(row.criterion, now!));
      else dropped.push(record(row.criterion, was));
    }
    if (now && (!same || (status(was!) === 'done' && status(now) !== 'done'))) opened.push(record(row.criterion, now));
  }
  return { closed, opened, stillOpen, dropped };
}

function status(action: Action): string {
  return action.status ?? 'open';
}

function sameText(a: string, b: string): boolean {
  const norm = (t: string) => t.trim().replace(/\s+/g, ' ');
  return norm(a) === norm(b);
}

function record(criterion: string, action: Action): ActionRecord {
  return { criterion, text: action.text, owner: action.owner ?? null, due: action.due ?? null, status: status(action) };
}
