/**
 * The guided walk through a framework's criteria (`audit start`, `audit resume`): which
 * criteria to visit, moving forward and back, where the officer is, and the suggestions
 * offered with each question. Pure: the prompts and the saving live in src/session.
 */
import { effectiveRating, standingOf, type Audit } from './audit.js';
import { addMonths, readTypedDate } from './dates.js';
import { countCriteria, type Framework, type Standard } from './framework.js';
import { scoreCriteria, type Priority } from './gap-analysis.js';

/**
 * `unrated`: the criteria not yet answered (start, resume). `review`: the answered ones again,
 * rated or not applicable.
 */
export type WalkMode = 'unrated' | 'review';

export interface WalkScope {
  mode: WalkMode;
  /** Only this standard's criteria. */
  standard?: string;
}

/**
 * The criteria a walk visits, in framework order: fixed when the walk begins, so that
 * going back and forward again passes the same criteria even once they are rated.
 */
export function planWalk(framework: Framework, audit: Audit, scope: WalkScope): string[] {
  const steps: string[] = [];
  for (const standard of framework.standards) {
    if (scope.standard !== undefined && standard.id !== scope.standard) continue;
    for (const criterion of standard.criteria) {
      const answered = standingOf(audit.responses[criterion.id]).status !== 'not-assessed';
      if (answered === (scope.mode === 'review')) steps.push(criterion.id);
    }
  }
  return steps;
}

/** Where a walk stands: `index` equal to the number of steps means it is finished. */
export interface WalkState {
  readonly steps: readonly string[];
  readonly index: number;
}

export function startWalk(steps: readonly string[]): WalkState {
  return { steps, index: 0 };
}

/** The criterion to ask about now; undefined once the walk is finished. */
export function currentStep(state: WalkState): string | undefined {
  return state.steps[state.index];
}

export function canGoBack(state: WalkState): boolean {
  return state.index > 0;
}

/** `next` after an answer or a skip; `back` to the criterion shown before this one. */
export function moveWalk(state: WalkState, move: 'next' | 'back'): WalkState {
  if (move === 'back') return { ...state, index: Math.max(0, state.index - 1) };
  return { ...state, index: Math.min(state.steps.length, state.index + 1) };
}

/** What the officer sees at the top of each criterion's screen. */
export interface WalkProgress {
  standard: Standard;
  /** 1-based position of the standard in the framework. */
  standardNumber: number;
  standardCount: number;
  /** 1-based position of the criterion across the whole framework. */
  criterionNumber: number;
  criterionCount: number;
  /** Criteria with a rating, in the whole audit. */
  rated: number;
  /** Criteria answered as not applicable, in the whole audit. */
  notApplicable: number;
  /** Whole per cent of the criteria answered (rated or not applicable), rounded down so 100 means all. */
  percentAnswered: number;
  /** 1-based position in this walk, and its length. */
  stepNumber: number;
  stepCount: number;
}

export function progressOf(framework: Framework, audit: Audit, state: WalkState): WalkProgress {
  const id = currentStep(state);
  let criterionNumber = 0;
  let found: { standard: Standard; standardNumber: number; criterionNumber: number } | undefined;
  framework.standards.forEach((standard, s) => {
    for (const criterion of standard.criteria) {
      criterionNumber++;
      if (criterion.id === id) found = { standard, standardNumber: s + 1, criterionNumber };
    }
  });
  if (!found) throw new Error(`progressOf: ${String(id)} is not a criterion of ${framework.id}`);
  const criterionCount = countCriteria(framework);
  const rated = countRated(framework, audit);
  const notApplicable = countNotApplicable(framework, audit);
  return {
    ...found,
    standardCount: framework.standards.length,
    criterionCount,
    rated,
    notApplicable,
    percentAnswered: Math.floor(((rated + notApplicable) * 100) / criterionCount),
    stepNumber: state.index + 1,
    stepCount: state.steps.length,
  };
}

/** Criteria of the framework with a rating (self or moderated). */
export function countRated(framework: Framework, audit: Audit): number {
  return framework.standards
    .flatMap((standard) => standard.criteria)
    .filter((criterion) => effectiveRating(audit.responses[criterion.id]) !== undefined).length;
}

/** Criteria of the framework answered as not applicable (and not challenged by a panel). */
export function countNotApplicable(framework: Framework, audit: Audit): number {
  return framework.standards
    .flatMap((standard) => standard.criteria)
    .filter((criterion) => standingOf(audit.responses[criterion.id]).status === 'not-applicable').length;
}

/** Self-rated criteria with no evidence: a rating no one could check. */
export function ratedWithoutEvidence(framework: Framework, audit: Audit): string[] {
  return framework.standards
    .flatMap((standard) => standard.criteria)
    .filter((criterion) => {
      const response = audit.responses[criterion.id];
      return typeof response?.rating === 'number' && !response.evidence?.trim();
    })
    .map((criterion) => criterion.id);
}

/** How a rating given to one criterion stands against its target. */
export interface RatingJudgement {
  target: number;
  gap: number;
  /** Set when the rating is below target. */
  priority: Priority | undefined;
}

/**
 * Judges `rating` for `criterionId` as the gap analysis would, so the walk asks for an
 * improvement action exactly where the plan will show a gap. A moderated rating, where a
 * panel has given one, still wins, as it does everywhere else.
 */
export function judgeRating(framework: Framework, audit: Audit, criterionId: string, rating: number): RatingJudgement {
  // A rating replaces a not-applicable answer, as it does when saved.
  const { notApplicable: _replaced, ...response } = { ...audit.responses[criterionId], rating };
  const after: Audit = { ...audit, responses: { ...audit.responses, [criterionId]: response } };
  const result = scoreCriteria(framework, after).find((r) => r.criterion === criterionId);
  if (!result) throw new Error(`judgeRating: ${criterionId} is not a criterion of ${framework.id}`);
  return { target: result.target, gap: result.gap, priority: result.priority };
}

/**
 * Months to allow for an action, by priority: the Climbié report's own timescales, where the
 * most urgent recommendations were due within 3 months and the next within 6.
 */
export const MONTHS_TO_ACT: Readonly<Record<Priority, number>> = Object.freeze({ high: 3, medium: 6 });

/** The due date suggested for a new action: today plus the months its priority allows. */
export function suggestDueDate(priority: Priority, today: string): string {
  return addMonths(today, MONTHS_TO_ACT[priority]);
}

/**
 * Owners to offer for an action: those already used in this audit first (people reuse
 * them), then the roles the framework names. Each once, comparing without case or spacing.
 */
export function suggestOwners(framework: Framework, audit: Audit): string[] {
  const owners: string[] = [];
  const seen = new Set<string>();
  const add = (name: string | undefined) => {
    const trimmed = name?.trim();
    if (!trimmed) return;
    const key = ownerKey(trimmed);
    if (seen.has(key)) return;
    seen.add(key);
    owners.push(trimmed);
  };
  for (const standard of framework.standards) {
    for (const criterion of standard.criteria) add(audit.responses[criterion.id]?.action?.owner ?? undefined);
  }
  for (const role of framework.roles ?? []) add(role);
  return owners;
}

/** Two ways of writing one owner ("HR lead", "HR  Lead") compare equal. */
export function isSameOwner(a: string, b: string): boolean {
  return ownerKey(a) === ownerKey(b);
}

function ownerKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * The period to offer for a new audit: the UK financial year that `today` falls in
 * (April to March), written as councils write it, e.g. 2025-26.
 */
export function financialYearOf(today: string): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const start = month >= 4 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** A date as an officer types it (readTypedDate): the ISO date, or undefined when it is no real date. */
export function readDate(text: string): string | undefined {
  return readTypedDate(text).date;
}
