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
 * is carried with its reason, unless a panel challenged it last period: the criterion is then
 * to be rated, and the organisation's reason is kept at the head of its evidence (marked as
 * last period's answer the panel held applies), so that nothing it wrote is lost. The panel's
 * note is the panel's, and stays behind with the rest of the moderation. Criteria that do not
 * apply to the new audit's kind of organisation, and that last period neither rated nor called
 * not applicable (criteria a new edition added, say), start as not applicable for that kind.
 * When the kind changed, the old kind's own reasons ("does not apply to …") are not carried:
 * the new kind's apply instead.
 */
import { notApplicableReason, standingOf, type Action, type Audit, type PreviousAnswer, type Response } from './audit.js';
import type { Bridge, Counterpart } from './crosswalk.js';
import { indexCriteria, type Framework, type OrganisationKind } from './framework.js';
import { isKindReason, notApplicableByKind } from './kinds.js';

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
  /** Criteria of the new audit whose evidence keeps a not-applicable reason a panel challenged last period. */
  challenged: string[];
  /** Criteria whose statement changed under the same id, their evidence marked to be checked. */
  reworded: string[];
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
  /** Criteria the new framework words differently from last period's (src/core/editions.ts rewordedCriteria). */
  reworded: readonly string[] = [],
): CarryForward {
  const answers = new Map<string, CarriedAnswer>();
  const counts = { evidence: 0, actions: 0, doneActions: 0, previousRatings: 0, notApplicable: 0, notApplicableByKind: 0 };
  const challenged: string[] = [];
  const criteria = indexCriteria(framework);
  const byKind = kinds.next ? notApplicableByKind(framework, kinds.next) : new Map<string, string>();
  const oldKind = kinds.last && kinds.last.id !== kinds.next?.id ? kinds.last : undefined;
  for (const id of criteria.keys()) {
    const response = last.responses[id];
    const standing = standingOf(response);
    const answer: CarriedAnswer = {};
    if (standing.status === 'not-applicable' && !(oldKind && isKindReason(standing.reason, oldKind))) {
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
    const reason = challengedMark(response, last.period);
    if (reason !== undefined) challenged.push(id);
    const evidence = [reason, ownEvidence(response)].filter((line) => line !== undefined);
    if (evidence.length && reworded.includes(id)) evidence.unshift(`[carried from ${id} as last period's framework worded it: its statement has changed, check it still fits]`);
    if (evidence.length) {
      answer.evidence = evidence.join('\n');
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
  return { answers, counts, dropped, challenged, reworded: reworded.filter((id) => answers.get(id)?.evidence !== undefined || answers.get(id)?.action !== undefined) };
}

function ownEvidence(response: Response): string | undefined {
  return typeof response.evidence === 'string' && response.evidence.trim() ? response.evidence.replace(/\s+$/, '') : undefined;
}

/**
 * The line that keeps an organisation's not-applicable reason a panel challenged: the criterion
 * is rated now, and the assessor answers the reason knowingly. Undefined when there was none.
 */
export function challengedMark(response: Response | null | undefined, period: string): string | undefined {
  const reason = notApplicableReason(response);
  if (reason === undefined || standingOf(response).status === 'not-applicable') return undefined;
  return `[not applicable in ${period} (${reason}); the partnership panel held that it applies: rate it]`;
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
  const source = previous.criterion ? ` (${previous.criterion}${previous.relationship ? `, ${previous.relationship}` : ''})` : '';
  return `${previous.period ?? 'last period'}${source}: ${parts.join(', ')}`;
}

/** Carrying an audit across a crosswalk, and what an assessor must look at afterwards. */
export interface CarryAcross extends CarryForward {
  /** Criteria whose carried answer came through a pair other than `equal`: marked in the evidence, to be checked. */
  toCheck: string[];
  /** Open actions that arrived where another had already been placed (one action per criterion), written into the evidence instead. */
  folded: { criterion: string; from: string }[];
  /** Criteria of the new framework to which nothing was carried. */
  nothingCarried: string[];
}

/** The line that heads evidence carried through a pair other than `equal`. */
export function carriedMark(from: string, relationship: string, rated?: string): string {
  return `[carried from ${from} (${relationship})${rated ? `, ${rated}` : ''}: check it still fits]`;
}

/**
 * Next period's audit started from last period's across a bridge (a crosswalk, or another
 * edition's criterion ids). For each criterion of the new framework, what its counterparts
 * held is carried:
 * - from one `equal` counterpart, the answer as it is (evidence, open action, last rating as
 *   `previous`, naming the counterpart when its id differs);
 * - through any other pair, the evidence headed by "[carried from X (relationship): check it
 *   still fits]" (a mark is written even with no evidence, so the action's origin shows);
 * - the first open action arriving becomes the criterion's action (equal counterparts first);
 *   a criterion holds one action, so any further one is written into its evidence, whole;
 * - `previous` holds the equal counterpart's rating, else the one rated counterpart's with its
 *   criterion and relationship; other counterparts' ratings are named in their marks.
 * An answer is carried to every counterpart of its criterion; one whose criterion has none is
 * dropped and named, and the criteria to which nothing came are named.
 */
export function carryAcross(last: Audit, framework: Framework, bridge: Bridge, kinds: CarriedKinds = {}): CarryAcross {
  const answers = new Map<string, CarriedAnswer>();
  const counts = { evidence: 0, actions: 0, doneActions: 0, previousRatings: 0, notApplicable: 0, notApplicableByKind: 0 };
  const toCheck: string[] = [];
  const challenged: string[] = [];
  const folded: CarryAcross['folded'] = [];
  const nothingCarried: string[] = [];
  const byKind = kinds.next ? notApplicableByKind(framework, kinds.next) : new Map<string, string>();
  const oldKind = kinds.last && kinds.last.id !== kinds.next?.id ? kinds.last : undefined;

  for (const id of indexCriteria(framework).keys()) {
    const counterparts = bridge.backward.get(id) ?? [];
    const equal = counterparts.find((c) => c.relationship === 'equal');
    // Equal first, then the others in the earlier framework's order.
    const sources = [...(equal ? [equal] : []), ...counterparts.filter((c) => c !== equal)].filter((c) => hasContent(last.responses[c.criterion]));
    const rated = sources.filter((c) => standingOf(last.responses[c.criterion]).status === 'rated');
    const previousFrom = rated.find((c) => c.relationship === 'equal') ?? (rated.length === 1 ? rated[0] : undefined);

    // "Not applicable" is carried through an equal pair only: of any other, it is said in the mark.
    const answer: CarriedAnswer = {};
    const standing = standingOf(equal ? last.responses[equal.criterion] : undefined);
    if (standing.status === 'not-applicable' && !(oldKind && isKindReason(standing.reason, oldKind))) {
      answer.notApplicable = standing.reason;
      counts.notApplicable++;
    } else if (byKind.has(id) && !rated.length && !sources.some((c) => hasOpenAction(last.responses[c.criterion]))) {
      answer.notApplicable = byKind.get(id)!;
      counts.notApplicableByKind++;
    }
    if (!sources.length) {
      if (answer.notApplicable !== undefined) answers.set(id, answer);
      else nothingCarried.push(id);
      continue;
    }

    const blocks: string[] = [];
    let action: Action | undefined;
    for (const source of sources) {
      const response = last.responses[source.criterion]!;
      const asItIs = source.relationship === 'equal';
      const evidence = ownEvidence(response);
      const reason = challengedMark(response, last.period);
      const lines: string[] = [];
      if (!asItIs) lines.push(carriedMark(source.criterion, source.relationship, source === previousFrom ? undefined : standingIn(response, last.period)));
      if (reason !== undefined) {
        lines.push(reason);
        if (!challenged.includes(id)) challenged.push(id);
      }
      if (evidence !== undefined) lines.push(evidence);
      const open = response.action && (response.action.status ?? 'open') !== 'done' ? response.action : undefined;
      if (open && action) {
        lines.push(foldedAction(open, source));
        folded.push({ criterion: id, from: source.criterion });
      } else if (open) action = { ...open };
      if (lines.length) blocks.push(lines.join('\n'));
    }
    if (sources.some((c) => c.relationship !== 'equal')) toCheck.push(id);

    if (blocks.length) {
      answer.evidence = blocks.join('\n\n');
      counts.evidence++;
    }
    if (action) {
      answer.action = action;
      counts.actions++;
    }
    if (previousFrom) {
      answer.previous = previousAnswer(last, previousFrom, id);
      counts.previousRatings++;
    }
    answers.set(id, answer);
  }

  // Done actions are left behind once each, however many counterparts their criterion has.
  for (const [from, response] of Object.entries(last.responses)) {
    if (response?.action && (response.action.status ?? 'open') === 'done' && bridge.forward.get(from)?.length) counts.doneActions++;
  }
  const dropped = Object.entries(last.responses)
    .filter(([from, response]) => hasContent(response) && !bridge.forward.get(from)?.length)
    .map(([from]) => from);
  return { answers, counts, dropped, challenged, reworded: [], toCheck, folded, nothingCarried };
}

/** What last period said of a criterion, for a mark: "rated 3 in 2025-26", "not applicable in 2025-26 (reason)". */
function standingIn(response: Response, period: string): string | undefined {
  const standing = standingOf(response);
  if (standing.status === 'rated') return `rated ${standing.rating} in ${period}`;
  if (standing.status === 'not-applicable') return `not applicable in ${period} (${standing.reason})`;
  return undefined;
}

function previousAnswer(last: Audit, source: Counterpart, id: string): PreviousAnswer {
  const response = last.responses[source.criterion]!;
  const rating = typeof response.rating === 'number' ? response.rating : null;
  const moderated = typeof response.moderated?.rating === 'number' ? response.moderated.rating : null;
  return {
    period: last.period,
    rating,
    ...(moderated !== null ? { moderated } : {}),
    ...(source.criterion !== id || source.relationship !== 'equal' ? { criterion: source.criterion } : {}),
    ...(source.relationship !== 'equal' ? { relationship: source.relationship } : {}),
  };
}

/** An open action that could not be placed: kept whole in the evidence, for the assessor to place or merge. */
function foldedAction(action: Action, source: Counterpart): string {
  const details = [action.owner && `owner ${action.owner}`, action.due && `due ${action.due}`, `status ${action.status ?? 'open'}`].filter(Boolean).join(', ');
  return `[open action carried from ${source.criterion} (${source.relationship}); this criterion already has one] ${action.text.replace(/\s+$/, '')} (${details})`;
}

/**
 * The local `x-` fields of last period's audit that a new audit does not carry: the audit's own
 * and its answers' ("x-ref", "x-note of COM-1"). They are the organisation's words, which the
 * tool cannot know are meant for the next period too, so they are named rather than dropped unsaid.
 */
export function localFieldsLeftBehind(last: Audit): string[] {
  const own = Object.keys(last).filter(isLocalField);
  const answers = Object.entries(last.responses).flatMap(([id, response]) =>
    response && typeof response === 'object' ? Object.keys(response).filter(isLocalField).map((key) => `${key} of ${id}`) : [],
  );
  return [...own, ...answers];
}

function isLocalField(key: string): boolean {
  return key.startsWith('x-');
}
