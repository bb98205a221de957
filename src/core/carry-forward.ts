/**
 * Starting next period's audit from last period's (`audit new --from`), so that agencies are
 * not asked to start from nothing every year.
 *
 * Carried, for each criterion the new framework has: the evidence, the improvement action if
 * it is not done (open or in progress, with its owner, due date and status), and last
 * period's ratings as `previous {period, rating, moderated}` for reference. Not carried: the
 * ratings themselves (every criterion is rated afresh), done actions, moderation (it judged
 * last period's rating) and the sign-off. Answers to criteria the new framework lacks are
 * dropped and named.
 *
 * "Not applicable" is a fact about the organisation rather than a judgement of the year, so it
 * is carried with its reason, unless a panel challenged it last period (the criterion is then
 * to be rated). Criteria that do not apply to the new audit's kind of organisation, and that
 * last period neither rated nor called not applicable (criteria a new edition added, say),
 * start as not applicable for that kind. When the kind changed, the old kind's own reasons
 * ("does not apply to …") are not carried: the new kind's apply instead.
 */
import { standingOf, type Action, type Audit, type PreviousAnswer, type Response } from './audit.js';
import { indexCriteria, type Framework, type OrganisationKind } from './framework.js';
import { kindReason, notApplicableByKind } from './kinds.js';

export interface CarriedAnswer {
  notApplicable?: string;
  evidence?: string;
  action?: Action;
  previous?: PreviousAnswer;
}

export interface CarryForward {
  /** Criterion id → what the new audit starts with, in the new framework's order. */
  answers: Map<string, CarriedAnswer>;
  counts: {
    evidence: number;
    actions: number;
    /** Done actions left behind. */
    doneActions: number;
    previousRatings: number;
    /** Not-applicable answers carried with their reasons. */
    notApplicable: number;
    /** Criteria marked not applicable because they do not apply to the new audit's kind. */
    notApplicableByKind: number;
  };
  /** Criteria answered last period that the new framework does not have: their answers are not carried. */
  dropped: string[];
}

/** The kinds of organisation of last period's audit and of the new one, where they record one. */
export interface CarriedKinds {
  last?: OrganisationKind;
  next?: OrganisationKind;
}

export function carryForward(
  last: Audit,
  framework: Framework,
  retired: Readonly<Record<string, Response | null>> = {},
  kinds: CarriedKinds = {},
): CarryForward {
  const answers = new Map<string, CarriedAnswer>();
  const counts = { evidence: 0, actions: 0, doneActions: 0, previousRatings: 0, notApplicable: 0, notApplicableByKind: 0 };
  const criteria = indexCriteria(framework);
  const byKind = kinds.next ? notApplicableByKind(framework, kinds.next) : new Map<string, string>();
  const oldKindReason = kinds.last && kinds.last.id !== kinds.next?.id ? kindReason(kinds.last) : undefined;
  for (const id of criteria.keys()) {
    const response = last.responses[id];
    const standing = standingOf(response);
    const answer: CarriedAnswer = {};
    if (standing.status === 'not-applicable' && standing.reason !== oldKindReason) {
      answer.notApplicable = standing.reason;
      counts.notApplicable++;
    } else if (byKind.has(id) && standing.status !== 'rated' && !response?.moderated?.applicable && !hasOpenAction(response)) {
      answer.notApplicable = byKind.get(id)!;
      counts.notApplicableByKind++;
    }
    if (!response) {
      if (Object.keys(answer).length) answers.set(id, answer);
      continue;
    }
    if (typeof response.evidence === 'string' && response.evidence.trim()) {
      answer.evidence = response.evidence.replace(/\s+$/, '');
      counts.evidence++;
    }
    if (response.action) {
      if ((response.action.status ?? 'open') === 'done') counts.doneActions++;
      else {
        answer.action = { ...response.action };
        counts.actions++;
      }
    }
    const rating = typeof response.rating === 'number' ? response.rating : null;
    const moderated = typeof response.moderated?.rating === 'number' ? response.moderated.rating : null;
    if (rating !== null || moderated !== null) {
      answer.previous = { period: last.period, rating, ...(moderated !== null ? { moderated } : {}) };
      counts.previousRatings++;
    }
    if (Object.keys(answer).length) answers.set(id, answer);
  }
  const dropped = Object.entries({ ...retired, ...last.responses })
    .filter(([id, response]) => !criteria.has(id) && hasContent(response))
    .map(([id]) => id);
  return { answers, counts, dropped };
}

function hasOpenAction(response: Response | null | undefined): boolean {
  return Boolean(response?.action) && (response!.action!.status ?? 'open') !== 'done';
}

function hasContent(response: Response | null | undefined): boolean {
  if (!response) return false;
  return (
    typeof response.rating === 'number' ||
    (typeof response.notApplicable === 'string' && response.notApplicable.trim() !== '') ||
    (typeof response.evidence === 'string' && response.evidence.trim() !== '') ||
    Boolean(response.action) ||
    Boolean(response.moderated)
  );
}

/**
 * Last period's answer as an assessor sees it beside a cleared rating, e.g. "2025-26: rated 3,
 * moderated to 2"; undefined when there was no rating.
 */
export function describePrevious(previous: PreviousAnswer | null | undefined): string | undefined {
  if (!previous) return undefined;
  const rating = typeof previous.rating === 'number' ? previous.rating : undefined;
  const moderated = typeof previous.moderated === 'number' ? previous.moderated : undefined;
  if (rating === undefined && moderated === undefined) return undefined;
  const parts = [
    ...(rating !== undefined ? [`rated ${rating}`] : []),
    ...(moderated !== undefined && moderated !== rating ? [`moderated to ${moderated}`] : []),
  ];
  return `${previous.period ?? 'last period'}: ${parts.join(', ')}`;
}
