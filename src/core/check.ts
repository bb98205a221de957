/**
 * The gate `audit check` applies in CI: does an audit pass, and if not, why.
 *
 * Rules (all use the effective rating: a moderated rating wins over the self-rating):
 * - `failOn: 'gap'`   fails on any criterion below its target;
 * - `failOn: 'amber'` fails on any standard rated amber or red (with the default RAG policy
 *                     this is any standard with a criterion below target, reported by standard);
 * - `failOn: 'red'`   fails on any red standard (the default);
 * - `failOn: 'none'`  applies no RAG rule, for gates of completeness or minimum rating alone;
 * - `minRating`       fails on any rated criterion whose rating is below it;
 * - `requireComplete` fails on any criterion not assessed; one not applicable (with its
 *                     reason) is an answer, and passes.
 *
 * Each criterion's outcome is reported whatever the gate, so that a CI test report shows
 * every shortfall: below target is a failure there even when the gate lets it pass.
 */
import type { Audit } from './audit.js';
import type { Framework } from './framework.js';
import { analyseGaps, rowsByStandard, type CriterionRow, type GapAction, type GapModeration, type Priority, type Rag, type RatingSummary, type StandardResult } from './gap-analysis.js';

export const FAIL_ON = ['gap', 'amber', 'red', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface CheckGate {
  failOn: FailOn;
  minRating?: number;
  requireComplete: boolean;
}

export const DEFAULT_GATE: Readonly<CheckGate> = Object.freeze({ failOn: 'red', requireComplete: false });

export type CheckRule = 'fail-on' | 'min-rating' | 'require-complete';

/** One reason an audit fails its gate, grouped by standard where the rule is about standards. */
export interface CheckReason {
  rule: CheckRule;
  message: string;
  standard: string | null;
  criteria: string[];
}

export type CriterionOutcome = 'meets-target' | 'below-target' | 'not-assessed' | 'not-applicable';

export interface CheckedCriterion {
  criterion: string;
  standard: string;
  text: string;
  rating: number | null;
  selfRating: number | null;
  moderation: GapModeration | null;
  target: number;
  gap: number;
  priority: Priority | null;
  outcome: CriterionOutcome;
  /** Why the criterion does not apply, when its outcome is not-applicable. */
  notApplicable: string | null;
  /** Rated below the gate's minimum rating. */
  belowMinRating: boolean;
  /** This criterion is one the gate fails on. */
  failsGate: boolean;
  action: GapAction | null;
  evidence: string | null;
}

export interface CheckResult {
  passed: boolean;
  gate: { failOn: FailOn; minRating: number | null; requireComplete: boolean };
  reasons: CheckReason[];
  framework: { id: string; title: string; version: string };
  organisation: string;
  period: string;
  scale: { min: number; max: number };
  summary: RatingSummary & { rag: Rag };
  standards: StandardResult[];
  criteria: CheckedCriterion[];
}

export function evaluateCheck(framework: Framework, audit: Audit, gate: CheckGate): CheckResult {
  const analysis = analyseGaps(framework, audit);
  const rows = analysis.criteria;
  const reasons: CheckReason[] = [];
  const failing = new Set<string>();

  if (gate.failOn !== 'none') {
    const byStandard = rowsByStandard(rows);
    for (const standard of analysis.standards) {
      const own = byStandard.get(standard.id) ?? [];
      const reason = standardReason(gate.failOn, standard, own);
      if (reason) {
        reasons.push(reason);
        for (const id of reason.criteria) failing.add(id);
      }
    }
  }

  const min = gate.minRating;
  const belowMin = min === undefined ? [] : rows.filter((r) => r.rating !== null && r.rating < min);
  if (belowMin.length && min !== undefined) {
    reasons.push({
      rule: 'min-rating',
      message: `${count(belowMin.length, 'criterion', 'criteria')} rated below the minimum of ${min}: ${belowMin.map((r) => `${r.criterion} (${r.rating})`).join(', ')}`,
      standard: null,
      criteria: belowMin.map((r) => r.criterion),
    });
    for (const r of belowMin) failing.add(r.criterion);
  }

  if (gate.requireComplete && analysis.notAssessed.length) {
    reasons.push({
      rule: 'require-complete',
      message: `${count(analysis.notAssessed.length, 'criterion', 'criteria')} not assessed: ${analysis.notAssessed.join(', ')}`,
      standard: null,
      criteria: [...analysis.notAssessed],
    });
    for (const id of analysis.notAssessed) failing.add(id);
  }

  const evidence = (id: string) => {
    const text = audit.responses[id]?.evidence;
    return typeof text === 'string' && text.trim() ? text : null;
  };

  return {
    passed: reasons.length === 0,
    gate: { failOn: gate.failOn, minRating: gate.minRating ?? null, requireComplete: gate.requireComplete },
    reasons,
    framework: analysis.framework,
    organisation: analysis.organisation,
    period: analysis.period,
    scale: analysis.scale,
    summary: analysis.summary,
    standards: analysis.standards,
    criteria: rows.map((r) => ({
      criterion: r.criterion,
      standard: r.standard,
      text: r.text,
      rating: r.rating,
      selfRating: r.selfRating,
      moderation: r.moderation,
      target: r.target,
      gap: r.gap,
      priority: r.priority,
      outcome: r.status,
      notApplicable: r.notApplicable,
      belowMinRating: min !== undefined && r.rating !== null && r.rating < min,
      failsGate: failing.has(r.criterion),
      action: r.action,
      evidence: evidence(r.criterion),
    })),
  };
}

function standardReason(failOn: Exclude<FailOn, 'none'>, standard: StandardResult, own: CriterionRow[]): CheckReason | undefined {
  const below = own.filter((r) => r.status === 'below-target');
  const high = below.filter((r) => r.priority === 'high');
  const name = `${standard.id} (${standard.title})`;
  const list = (rows: CriterionRow[]) => rows.map((r) => `${r.criterion} rated ${r.rating}, target ${r.target}`).join('; ');
  switch (failOn) {
    case 'red':
      if (standard.rag !== 'red') return undefined;
      return { rule: 'fail-on', message: `standard ${name} is red: ${list(high)}`, standard: standard.id, criteria: high.map((r) => r.criterion) };
    case 'amber':
      if (standard.rag !== 'red' && standard.rag !== 'amber') return undefined;
      return {
        rule: 'fail-on',
        message: `standard ${name} is ${standard.rag}: ${list(below)}`,
        standard: standard.id,
        criteria: below.map((r) => r.criterion),
      };
    case 'gap':
      if (!below.length) return undefined;
      return {
        rule: 'fail-on',
        message: `${count(below.length, 'criterion', 'criteria')} of standard ${name} below target: ${list(below)}`,
        standard: standard.id,
        criteria: below.map((r) => r.criterion),
      };
  }
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
