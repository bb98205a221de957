/**
 * Direction of travel between two periods' audits of one framework, or of two a crosswalk
 * joins (`audit compare`).
 *
 * Ratings are effective ratings (moderated where moderated). For each criterion of the later
 * framework:
 * - `new`          not rated before (including criteria the later edition added, and criteria
 *                  not applicable before), rated now;
 * - `not-assessed` not rated now;
 * - `not-applicable` not applicable now (the reasons before and after are given);
 * - `improved`, `declined`, `unchanged` by the difference of the two ratings.
 * Standards (and the whole) change like for like: by the means of their criteria rated and
 * comparable in both periods, from unrounded sums (src/core/mean-change.ts), so that a new or
 * not-comparable criterion does not move a standard none of whose criteria moved; `new` and
 * `not-assessed` mean no rated criterion before or now, `not-applicable` none applicable now,
 * `not-comparable` rated in both but on no criterion in common.
 *
 * Across a crosswalk, last period's audit is first read onto this period's framework
 * (projectAudit): a criterion is compared with its `equal` counterpart; one whose counterparts
 * are all subset, superset or intersects is `not-comparable`; one with none is `new`. Standards
 * are this period's, their earlier means taken from the comparable criteria.
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
import { bridgeCoverage, equalCounterpart, projectAudit, type Bridge, type PairRelationship } from './crosswalk.js';
import { compareEditions, rewordedCriteria, type EditionChange } from './editions.js';
import type { Framework } from './framework.js';
import { analyseGaps, overruledSelfRating, type CriterionRow, type GapAnalysis, type Rag } from './gap-analysis.js';
import { meanChange, type MeanChange } from './mean-change.js';

export const CHANGES = ['improved', 'declined', 'unchanged', 'new', 'not-assessed', 'not-applicable', 'not-comparable'] as const;
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
  /**
   * The organisation's own rating where a partnership panel's moderated rating is the one in
   * `before` or `after` and differs from it (null otherwise), so a reader knows whose rating moved.
   */
  selfRating: { before: number | null; after: number | null };
  /**
   * Rated differently from last period on the very evidence last period gave (carried forward by
   * `audit new --from` and not updated): a moderation panel's first question. False otherwise.
   */
  sameEvidence: boolean;
  /** Across a crosswalk, its counterparts in last period's framework; null when compared by id. */
  counterparts: { criterion: string; relationship: PairRelationship }[] | null;
}

export interface StandardChange {
  id: string;
  title: string;
  /** Mean rating before and after, each of the criteria rated then. */
  before: number | null;
  after: number | null;
  /** By `likeForLike`: a standard moves only as its comparable criteria moved. */
  change: Change;
  /** likeForLike.delta: the change on the criteria rated in both, not the difference of `before` and `after`. */
  delta: number | null;
  /** The means of the criteria rated and comparable in both periods, and their change. */
  likeForLike: MeanChange;
  /** Whether `before` and `after` are of the same criteria, so that the change is their difference. */
  sameCriteria: boolean;
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
  /** The framework the audit was made against. */
  frameworkId: string;
  frameworkVersion: string;
  /** The same as `frameworkId` and `frameworkVersion`, named as trend's periods name it. */
  framework: { id: string; version: string };
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
  /** Present when a crosswalk joins the two audits' editions: how comparable they are. */
  crosswalk: CrosswalkComparison | null;
  /**
   * Compared by id: criteria whose statements differ between the two frameworks (a locally
   * edited copy keeping the id and edition, say), `not-comparable` whatever their ratings.
   */
  reworded: string[];
  counts: Record<Change, number>;
  /** The overall change, like for like: on every criterion rated and comparable in both periods. */
  overall: MeanChange & { sameCriteria: boolean };
  criteria: CriterionChange[];
  standards: StandardChange[];
  actions: {
    closed: ClosedAction[];
    opened: ActionRecord[];
    stillOpen: ActionRecord[];
    dropped: ActionRecord[];
  };
}

/** How far two audits across a crosswalk can be compared. */
export interface CrosswalkComparison {
  file: string;
  from: { framework: string; version: string; criteria: number; equal: number };
  to: { framework: string; version: string; criteria: number; equal: number };
  /** Whether ratings cross at all (the two frameworks share a scale). */
  ratingsCross: boolean;
  /** Criteria rated in both periods through an equal pair, and their means then and now. */
  likeForLike: { criteria: number; before: number | null; after: number | null };
}

export interface ComparedAudit {
  file: string;
  framework: Framework;
  audit: Audit;
  /** Criteria answered in the audit that its framework, as read, no longer has. */
  retired?: readonly string[];
}

/**
 * `bridge`, when given, is the crosswalk from last period's edition onto this period's; without
 * it criteria are matched by id.
 */
export function compareAudits(before: ComparedAudit, after: ComparedAudit, bridge?: Bridge): Comparison {
  const own = analyseGaps(before.framework, before.audit);
  const beforeAudit = bridge ? projectAudit(before.audit, bridge, after.framework) : before.audit;
  const old = bridge ? analyseGaps(after.framework, beforeAudit) : own;
  const now = analyseGaps(after.framework, after.audit);
  const oldRows = new Map(old.criteria.map((r) => [r.criterion, r]));
  const reworded = bridge ? [] : rewordedCriteria(before.framework, after.framework);

  const criteria: CriterionChange[] = now.criteria.map((row) => {
    const old = oldRows.get(row.criterion);
    const was = old?.rating ?? null;
    const counterparts = bridge ? (bridge.backward.get(row.criterion) ?? []).map((c) => ({ criterion: c.criterion, relationship: c.relationship })) : null;
    const comparable = counterparts
      ? !counterparts.length || (bridge!.ratingsCross && counterparts.some((c) => c.relationship === 'equal'))
      : !reworded.includes(row.criterion) || was === null;
    return {
      criterion: row.criterion,
      standard: row.standard,
      text: row.text,
      before: was,
      after: row.rating,
      change: row.status === 'not-applicable' ? 'not-applicable' : !comparable && row.rating !== null ? 'not-comparable' : changeOf(was, row.rating),
      delta: comparable && was !== null && row.rating !== null ? row.rating - was : null,
      target: row.target,
      notApplicable: { before: old?.notApplicable ?? null, after: row.notApplicable },
      selfRating: { before: overruledSelfRating(old), after: overruledSelfRating(row) },
      sameEvidence:
        comparable &&
        was !== null &&
        row.rating !== null &&
        was !== row.rating &&
        sameEvidenceText(evidenceOf(before.audit, bridge ? equalCounterpart(bridge, row.criterion) : row.criterion), evidenceOf(after.audit, row.criterion)),
      counterparts,
    };
  });

  // Like for like: a standard's change is that of its criteria rated and comparable in both.
  const compared = criteria.filter((c) => c.change === 'improved' || c.change === 'declined' || c.change === 'unchanged');
  const oldStandards = new Map(old.standards.map((s) => [s.id, s]));
  const standards: StandardChange[] = now.standards.map((s) => {
    const was = oldStandards.get(s.id);
    const b = was?.meanRating ?? null;
    const a = s.meanRating;
    const likeForLike = meanChange(compared.filter((c) => c.standard === s.id).map((c) => [c.before, c.after] as const));
    return {
      id: s.id,
      title: s.title,
      before: b,
      after: a,
      change: s.criteria > 0 && s.notApplicable === s.criteria ? 'not-applicable' : standardChangeOf(b, a, likeForLike),
      delta: likeForLike.delta,
      likeForLike,
      sameCriteria: likeForLike.criteria === (was?.rated ?? 0) && likeForLike.criteria === s.rated,
      ragBefore: was?.rag ?? 'unrated',
      ragAfter: s.rag,
    };
  });
  const overall = meanChange(compared.map((c) => [c.before, c.after] as const));

  const counts = Object.fromEntries(CHANGES.map((c) => [c, 0])) as Record<Change, number>;
  for (const c of criteria) counts[c.change]++;

  return {
    framework: { id: after.framework.id, title: after.framework.title },
    before: periodSummary(before, own),
    after: periodSummary(after, now),
    edition:
      before.framework.id === after.framework.id
        ? (compareEditions(
            { framework: before.framework, audit: before.audit, ...(before.retired ? { retired: before.retired } : {}) },
            after.framework,
          ) ?? null)
        : null,
    crosswalk: bridge ? crosswalkComparison(bridge, criteria) : null,
    reworded,
    counts,
    overall: { ...overall, sameCriteria: overall.criteria === old.summary.rated && overall.criteria === now.summary.rated },
    criteria,
    standards,
    actions: bridge ? compareActionsAcross(before.audit, after.audit, now.criteria, bridge) : compareActions(before.audit, after.audit, now.criteria),
  };
}

/** A criterion's evidence, empty when none was given. */
function evidenceOf(audit: Audit, criterion: string | undefined): string {
  const evidence = criterion === undefined ? undefined : audit.responses[criterion]?.evidence;
  return typeof evidence === 'string' ? evidence : '';
}

function crosswalkComparison(bridge: Bridge, criteria: readonly CriterionChange[]): CrosswalkComparison {
  const coverage = bridgeCoverage(bridge);
  const both = criteria.filter((c) => c.before !== null && c.after !== null && equalCounterpart(bridge, c.criterion) !== undefined);
  const mean = (values: number[]) => (values.length ? Math.round((values.reduce((a, b) => a + b, 0) * 100) / values.length) / 100 : null);
  return {
    file: bridge.via.kind === 'crosswalk' ? bridge.via.file : '',
    from: { ...coverage.from.edition, criteria: coverage.from.criteria, equal: coverage.from.equal },
    to: { ...coverage.to.edition, criteria: coverage.to.criteria, equal: coverage.to.equal },
    ratingsCross: bridge.ratingsCross,
    likeForLike: { criteria: both.length, before: mean(both.map((c) => c.before!)), after: mean(both.map((c) => c.after!)) },
  };
}

function changeOf(before: number | null, after: number | null): Change {
  if (after === null) return 'not-assessed';
  if (before === null) return 'new';
  return after > before ? 'improved' : after < before ? 'declined' : 'unchanged';
}

/** A standard's change: new or not assessed by its means, else by its like-for-like change. */
function standardChangeOf(before: number | null, after: number | null, likeForLike: MeanChange): Change {
  if (after === null) return 'not-assessed';
  if (before === null) return 'new';
  if (likeForLike.delta === null) return 'not-comparable';
  return likeForLike.delta > 0 ? 'improved' : likeForLike.delta < 0 ? 'declined' : 'unchanged';
}

function periodSummary(side: ComparedAudit, analysis: GapAnalysis): PeriodSummary {
  return {
    file: side.file,
    organisation: side.audit.organisation,
    period: side.audit.period,
    frameworkId: side.framework.id,
    frameworkVersion: side.audit.frameworkVersion ?? side.framework.version,
    framework: { id: side.framework.id, version: side.audit.frameworkVersion ?? side.framework.version },
    meanRating: analysis.summary.meanRating,
    rag: analysis.summary.rag,
    rated: analysis.summary.rated,
    belowTarget: analysis.summary.belowTarget,
    notApplicable: analysis.summary.notApplicable,
  };
}

/** Actions matched by criterion between two audits of one framework; `rows` is the later audit's gap analysis. */
export function compareActions(before: Audit, after: Audit, rows: readonly CriterionRow[]): Comparison['actions'] {
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

/**
 * Actions followed between audits of two editions or frameworks, where criteria differ: by
 * their text, wherever it sits in the later audit (an action carried across a crosswalk keeps
 * its text, and may sit at several counterparts). An action of last period not found now is
 * closed when its criterion's counterparts all meet their targets now (or no longer apply), and
 * dropped otherwise; with no bridge to tell its counterparts, dropped. Criteria are named as
 * in the later audit, or as in the earlier one for an action that did not reach it.
 */
export function compareActionsAcross(before: Audit, after: Audit, rows: readonly CriterionRow[], bridge?: Bridge): Comparison['actions'] {
  const closed: ClosedAction[] = [];
  const opened: ActionRecord[] = [];
  const stillOpen: ActionRecord[] = [];
  const dropped: ActionRecord[] = [];
  const rowOf = new Map(rows.map((r) => [r.criterion, r]));
  const now = new Map<string, { criterion: string; action: Action }>();
  for (const row of rows) {
    const action = after.responses[row.criterion]?.action;
    if (action && !now.has(normalised(action.text))) now.set(normalised(action.text), { criterion: row.criterion, action });
  }
  const followed = new Set<string>();
  for (const [criterion, response] of Object.entries(before.responses)) {
    const action = response?.action;
    if (!action || status(action) === 'done' || followed.has(normalised(action.text))) continue;
    followed.add(normalised(action.text));
    const found = now.get(normalised(action.text));
    if (found) {
      const standing = rowOf.get(found.criterion)?.status;
      if (status(found.action) === 'done') closed.push({ ...record(found.criterion, found.action), how: 'done' });
      else if (standing === 'meets-target') closed.push({ ...record(found.criterion, found.action), how: 'gap-closed' });
      else if (standing === 'not-applicable') closed.push({ ...record(found.criterion, found.action), how: 'not-applicable' });
      else stillOpen.push(record(found.criterion, found.action));
      continue;
    }
    const counterparts = bridge?.forward.get(criterion) ?? [];
    const standing = counterparts.map((c) => rowOf.get(c.criterion)?.status);
    const where = (counterparts.find((c) => c.relationship === 'equal') ?? counterparts[0])?.criterion ?? criterion;
    if (standing.length && standing.every((s) => s === 'not-applicable')) closed.push({ ...record(where, action), how: 'not-applicable' });
    else if (standing.length && standing.every((s) => s === 'meets-target' || s === 'not-applicable')) closed.push({ ...record(where, action), how: 'gap-closed' });
    else dropped.push(record(where, action));
  }
  for (const [text, { criterion, action }] of now) if (!followed.has(text)) opened.push(record(criterion, action));
  return { closed, opened, stillOpen, dropped };
}

function normalised(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

function status(action: Action): string {
  return action.status ?? 'open';
}

function sameText(a: string, b: string): boolean {
  const norm = (t: string) => t.trim().replace(/\s+/g, ' ');
  return norm(a) === norm(b);
}

function sameEvidenceText(a: string, b: string): boolean {
  return a.trim() !== '' && sameText(a, b);
}

function record(criterion: string, action: Action): ActionRecord {
  return { criterion, text: action.text, owner: action.owner ?? null, due: action.due ?? null, status: status(action) };
}
