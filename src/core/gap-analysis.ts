/**
 * Gap analysis: each rated criterion against its target, rolled up by standard.
 *
 * Policy (a framework's `rag` may change the thresholds):
 * - gap = max(0, target − rating);
 * - a gap is high priority when gap ≥ highGap (default 2) or the rating is the bottom of
 *   the scale, else medium;
 * - a standard is red with any high gap, amber with any gap, green with none, and
 *   unrated when nothing in it is rated; the overall RAG is the worst rated standard's;
 * - means are of rated criteria only, to 2 decimals: a criterion not assessed is never a zero;
 * - a criterion not applicable (with its reason) counts in no mean, gap or RAG, and is counted
 *   apart: rated + notAssessed + notApplicable = criteria, overall and in every standard.
 *
 * The result is the public JSON contract of `audit gap --format json`.
 */
import { standingOf, targetFor, type Action, type Audit, type Response, type Standing } from './audit.js';
import { ragPolicy, scaleBounds, type Framework } from './framework.js';
import { findKind } from './kinds.js';

export type Rag = 'red' | 'amber' | 'green' | 'unrated';
export type Priority = 'high' | 'medium';

export interface RatingSummary {
  criteria: number;
  rated: number;
  /** Neither rated nor not applicable. */
  notAssessed: number;
  notApplicable: number;
  meetingTarget: number;
  belowTarget: number;
  meanRating: number | null;
}

export interface StandardResult extends RatingSummary {
  id: string;
  title: string;
  minRating: number | null;
  rag: Rag;
}

export interface GapAction {
  text: string;
  owner: string | null;
  due: string | null;
  status: string;
}

/** A partnership panel's moderation, shown beside the self-rating it replaced. */
export interface GapModeration {
  /** The panel's rating; null when it only challenged a not-applicable. */
  rating: number | null;
  /** The panel holds that a criterion the organisation called not applicable applies. */
  applicable: boolean;
  by: string;
  note: string | null;
  date: string | null;
}

export interface Gap {
  criterion: string;
  standard: string;
  text: string;
  /** The rating that counts: the moderated one where there is one. */
  rating: number;
  target: number;
  gap: number;
  priority: Priority;
  action: GapAction | null;
  /** The organisation's own rating, which `rating` differs from when moderated. */
  selfRating: number | null;
  moderation: GapModeration | null;
}

/**
 * The organisation's own rating where a partnership panel's moderated rating is the one that
 * counts and differs from it (null otherwise), so that a reader of a comparison or a trend knows
 * whose rating moved.
 */
export function overruledSelfRating(row: CriterionRow | undefined): number | null {
  if (!row || row.rating === null || typeof row.moderation?.rating !== 'number') return null;
  return row.selfRating !== null && row.selfRating !== row.rating ? row.selfRating : null;
}

/** Every criterion's standing, for formats that list them all (CSV, appendices). */
export interface CriterionRow {
  criterion: string;
  standard: string;
  text: string;
  rating: number | null;
  target: number;
  gap: number;
  priority: Priority | null;
  status: 'meets-target' | 'below-target' | 'not-assessed' | 'not-applicable';
  /** Why the criterion does not apply, when its status is not-applicable. */
  notApplicable: string | null;
  action: GapAction | null;
  selfRating: number | null;
  moderation: GapModeration | null;
  /** The evidence given for the rating, for formats that carry it (CSV, workbook). */
  evidence: string | null;
}

/** A criterion the organisation called not applicable, and why (null in a public view: see public-views.ts). */
export interface NotApplicableCriterion {
  criterion: string;
  reason: string | null;
}

export interface GapAnalysis {
  framework: { id: string; title: string; version: string };
  organisation: string;
  period: string;
  assessor: string | null;
  scale: { min: number; max: number };
  summary: RatingSummary & { rag: Rag };
  standards: StandardResult[];
  gaps: Gap[];
  notAssessed: string[];
  criteria: CriterionRow[];
  /** The organisation's kind, where the audit records one. */
  kind: { id: string; label: string } | null;
  notApplicable: NotApplicableCriterion[];
}

/** One criterion's standing; the building block of gaps, plans, checks and comparisons. */
export interface CriterionResult {
  criterion: string;
  standard: string;
  text: string;
  /** Framework order across all standards. */
  order: number;
  standing: Standing['status'];
  /** The rating that counts; undefined unless rated. */
  rating: number | undefined;
  /** The reason, when not applicable. */
  notApplicable: string | undefined;
  target: number;
  gap: number;
  priority: Priority | undefined;
}

const RAG_SEVERITY: Record<Rag, number> = { unrated: -1, green: 0, amber: 1, red: 2 };

/** The worse of RAG values, ignoring unrated ones; unrated only when all are. */
export function worstRag(rags: Iterable<Rag>): Rag {
  let worst: Rag = 'unrated';
  for (const rag of rags) if (RAG_SEVERITY[rag] > RAG_SEVERITY[worst]) worst = rag;
  return worst;
}

export function roundMean(sum: number, count: number): number | null {
  // sum is an integer, so sum * 100 / count is exact enough for half-up rounding.
  return count === 0 ? null : Math.round((sum * 100) / count) / 100;
}

/** Every criterion of the framework, in framework order, scored against its target. */
export function scoreCriteria(framework: Framework, audit: Audit): CriterionResult[] {
  const policy = ragPolicy(framework);
  const { min } = scaleBounds(framework);
  const results: CriterionResult[] = [];
  let order = 0;
  for (const standard of framework.standards) {
    for (const criterion of standard.criteria) {
      const standing = standingOf(audit.responses[criterion.id]);
      const rating = standing.status === 'rated' ? standing.rating : undefined;
      const target = targetFor(framework, audit, criterion.target);
      const gap = rating === undefined ? 0 : Math.max(0, target - rating);
      let priority: Priority | undefined;
      if (gap > 0) {
        priority = gap >= policy.highGap || (policy.bottomIsHigh && rating === min) ? 'high' : 'medium';
      }
      results.push({
        criterion: criterion.id,
        standard: standard.id,
        text: criterion.text,
        order: order++,
        standing: standing.status,
        rating,
        notApplicable: standing.status === 'not-applicable' ? standing.reason : undefined,
        target,
        gap,
        priority,
      });
    }
  }
  return results;
}

function summarise(results: CriterionResult[]): RatingSummary {
  let rated = 0;
  let sum = 0;
  let meetingTarget = 0;
  let notApplicable = 0;
  for (const r of results) {
    if (r.standing === 'not-applicable') notApplicable++;
    if (r.rating === undefined) continue;
    rated++;
    sum += r.rating;
    if (r.gap === 0) meetingTarget++;
  }
  return {
    criteria: results.length,
    rated,
    notAssessed: results.length - rated - notApplicable,
    notApplicable,
    meetingTarget,
    belowTarget: rated - meetingTarget,
    meanRating: roundMean(sum, rated),
  };
}

function ragOf(results: CriterionResult[]): Rag {
  if (!results.some((r) => r.rating !== undefined)) return 'unrated';
  if (results.some((r) => r.priority === 'high')) return 'red';
  if (results.some((r) => r.gap > 0)) return 'amber';
  return 'green';
}

function toModeration(response: Response | null | undefined): GapModeration | null {
  const m = response?.moderated;
  if (!m) return null;
  return { rating: m.rating ?? null, applicable: m.applicable === true, by: m.by, note: m.note ?? null, date: m.date ?? null };
}

function selfRatingOf(response: Response | null | undefined): number | null {
  return typeof response?.rating === 'number' ? response.rating : null;
}

function toGapAction(action: Action | null | undefined): GapAction | null {
  if (!action) return null;
  return { text: action.text, owner: action.owner ?? null, due: action.due ?? null, status: action.status ?? 'open' };
}

/** Rows grouped by their standard, each group in the rows' order: one pass, rather than a filter per standard. */
export function rowsByStandard<T extends { standard: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.standard);
    if (group) group.push(row);
    else groups.set(row.standard, [row]);
  }
  return groups;
}

export function analyseGaps(framework: Framework, audit: Audit): GapAnalysis {
  const results = scoreCriteria(framework, audit);
  const byStandard = rowsByStandard(results);

  const standards: StandardResult[] = framework.standards.map((standard) => {
    const own = byStandard.get(standard.id) ?? [];
    const ratings = own.flatMap((r) => (r.rating === undefined ? [] : [r.rating]));
    return {
      id: standard.id,
      title: standard.title,
      ...summarise(own),
      minRating: ratings.length ? Math.min(...ratings) : null,
      rag: ragOf(own),
    };
  });

  const gaps: Gap[] = results
    .filter((r): r is CriterionResult & { rating: number; priority: Priority } => r.gap > 0)
    .sort((a, b) => b.gap - a.gap || a.order - b.order)
    .map((r) => ({
      criterion: r.criterion,
      standard: r.standard,
      text: r.text,
      rating: r.rating,
      target: r.target,
      gap: r.gap,
      priority: r.priority,
      action: toGapAction(audit.responses[r.criterion]?.action),
      selfRating: selfRatingOf(audit.responses[r.criterion]),
      moderation: toModeration(audit.responses[r.criterion]),
    }));

  return {
    framework: { id: framework.id, title: framework.title, version: framework.version },
    organisation: audit.organisation,
    period: audit.period,
    assessor: audit.assessor ?? null,
    scale: scaleBounds(framework),
    summary: { ...summarise(results), rag: worstRag(standards.map((s) => s.rag)) },
    standards,
    gaps,
    notAssessed: results.filter((r) => r.standing === 'not-assessed').map((r) => r.criterion),
    criteria: results.map((r) => ({
      criterion: r.criterion,
      standard: r.standard,
      text: r.text,
      rating: r.rating ?? null,
      target: r.target,
      gap: r.gap,
      priority: r.priority ?? null,
      status: r.standing === 'rated' ? (r.gap > 0 ? 'below-target' : 'meets-target') : r.standing,
      notApplicable: r.notApplicable ?? null,
      action: toGapAction(audit.responses[r.criterion]?.action),
      selfRating: selfRatingOf(audit.responses[r.criterion]),
      moderation: toModeration(audit.responses[r.criterion]),
      evidence: audit.responses[r.criterion]?.evidence ?? null,
    })),
    kind: kindOf(framework, audit),
    notApplicable: results.flatMap((r) => (r.notApplicable === undefined ? [] : [{ criterion: r.criterion, reason: r.notApplicable }])),
  };
}

function kindOf(framework: Framework, audit: Audit): GapAnalysis['kind'] {
  const kind = audit.kind === undefined ? undefined : findKind(framework, audit.kind);
  return kind ? { id: kind.id, label: kind.label } : null;
}
