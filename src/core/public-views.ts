/**
 * The gap analysis and improvement plan as they may be shared or published (`audit gap --public`,
 * `audit plan --public`): every piece of free text the organisation wrote other than its actions
 * left out (evidence, reasons a criterion does not apply, moderation notes), since it may name a
 * child, a family or a member of staff. Ratings, gaps and the actions with their owners, due dates
 * and status stay: the return tells agencies those are published. That a criterion does not apply
 * stays too, without its reason. `audit check --public` and `audit report --public` leave out the same.
 */
import type { GapAnalysis, GapModeration } from './gap-analysis.js';
import type { Plan } from './plan.js';

const withoutNote = (m: GapModeration | null): GapModeration | null => m && { ...m, note: null };

export function publicGapAnalysis(analysis: GapAnalysis): GapAnalysis {
  return {
    ...analysis,
    gaps: analysis.gaps.map((g) => ({ ...g, moderation: withoutNote(g.moderation) })),
    criteria: analysis.criteria.map((c) => ({ ...c, evidence: null, notApplicable: null, moderation: withoutNote(c.moderation) })),
    notApplicable: analysis.notApplicable.map((n) => ({ ...n, reason: null })),
  };
}

export function publicPlan(plan: Plan): Plan {
  return { ...plan, notApplicable: plan.notApplicable.map((n) => ({ ...n, reason: null })) };
}
