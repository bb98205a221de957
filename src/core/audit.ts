/**
 * The audit model: one organisation's self-audit against one framework for one period.
 * Shapes mirror schemas/audit.schema.json; rules that need the framework live here.
 */
import { isIsoDate, isIsoDateTime } from './dates.js';
import { describeScale, indexCriteria, scaleMembership, type Framework } from './framework.js';
import { unknownKindMessage } from './kinds.js';
import type { Violation } from './violation.js';

export const ACTION_STATUSES = ['open', 'in-progress', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface Action {
  text: string;
  owner?: string;
  /** ISO date, YYYY-MM-DD. */
  due?: string;
  status?: ActionStatus;
}

/**
 * A partnership panel's view of a self-rating (Section 11 moderation): its own rating, and/or
 * (`applicable`) its challenge of a criterion the organisation called not applicable.
 */
export interface Moderation {
  /** The panel's rating; it counts instead of the self-rating. */
  rating?: number;
  /** The panel holds that a criterion the organisation called not applicable does apply. */
  applicable?: boolean;
  note?: string;
  by: string;
  /** ISO date, YYYY-MM-DD. */
  date?: string;
}

/** Last period's answer, kept for reference when an audit is carried forward. */
export interface PreviousAnswer {
  period?: string | number;
  rating?: number | null;
  moderated?: number | null;
  /** The criterion the answer was given to, when it is another (carried across a crosswalk). */
  criterion?: string;
  /** How that criterion relates to this one, when not `equal` (see src/core/crosswalk.ts). */
  relationship?: 'subset' | 'superset' | 'intersects';
}

export interface Response {
  /** The self-rating: a value on the framework's scale; absent or null means not yet assessed. */
  rating?: number | null;
  /**
   * The criterion does not apply to the organisation, and this is why. Never beside a rating:
   * it counts in no mean, gap or RAG, and is neither rated nor "not assessed".
   */
  notApplicable?: string | null;
  evidence?: string | null;
  action?: Action | null;
  moderated?: Moderation | null;
  previous?: PreviousAnswer | null;
}

/** What an audit's ratings were judged against, as recorded in its sign-off. */
export interface JudgementBasis {
  id: string;
  version: string;
  /** SHA-256 of everything below and of every level's description: the whole of what ratings were judged against. */
  sha256: string;
  target: number;
  /** Each level of the scale: its value and label. */
  scale: Record<string, string>;
  rag: { highGap: number; bottomIsHigh: boolean };
  /** Criteria with a target of their own. */
  targets: Record<string, number>;
  /** Each criterion: 12 hex digits of its standard and its wording. */
  criteria: Record<string, string>;
}

/**
 * Short digests (12 hex digits) of the parts of an audit's content at sign-off: each header
 * field, each criterion's answer (moderation aside) and each criterion's moderation.
 */
export interface ContentParts {
  header: Record<string, string>;
  answers: Record<string, string>;
  moderation: Record<string, string>;
}

export interface SignOff {
  by: string;
  role: string;
  /** ISO 8601 date-time. */
  date: string;
  /**
   * SHA-256 (hex) sealing what the sign-off covers (src/core/signoff.ts); in sign-offs made
   * before `content` and `framework` were recorded, of the audit's content alone.
   */
  sha256: string;
  /** SHA-256 (hex) of the audit's content when signed. */
  content?: string;
  /** What the ratings were judged against when signed. */
  framework?: JudgementBasis;
  /** Short digests of each part of the content when signed, so that `verify` can name what changed. */
  parts?: ContentParts;
  /** An Ed25519 signature of the seal by a key the signer holds (`audit sign --key`). */
  signature?: { algorithm: 'ed25519'; key: string; value: string };
}

export interface Audit {
  /** A bundled framework id, or a path to a framework file relative to the audit file. */
  framework: string;
  /** The framework edition the audit was made against, recorded by `audit new`. */
  frameworkVersion?: string;
  organisation: string;
  /** Names the organisation audited under in earlier periods (`audit new --from … --org NEW`). */
  formerNames?: string[];
  period: string;
  assessor?: string;
  /** The organisation's kind: an id of the framework's `kinds` (checkAuditRules holds it to them). */
  kind?: string;
  /** Overrides the framework's default target. */
  target?: number;
  /** Criterion id → response. A key with no value is a criterion not yet assessed. */
  responses: Record<string, Response | null>;
  signoff?: SignOff | null;
}

/**
 * Where a criterion stands: rated (the rating that counts), not assessed, or not applicable
 * (with the organisation's reason). Every count, mean, gap and RAG is built on this.
 */
export type Standing =
  | { status: 'rated'; rating: number }
  | { status: 'not-assessed' }
  | { status: 'not-applicable'; reason: string };

/**
 * The standing that counts. A panel's challenge (`moderated.applicable`) overrides the
 * organisation's "not applicable": the criterion then counts as applicable, rated by the panel's
 * rating, else by a self-rating, else not assessed. Otherwise a not-applicable answer stands,
 * and a rated criterion counts the panel's rating where there is one, else the self-rating.
 */
export function standingOf(response: Response | null | undefined): Standing {
  const moderated = response?.moderated;
  const challenged = moderated?.applicable === true;
  const reason = notApplicableReason(response);
  if (reason !== undefined && !challenged) return { status: 'not-applicable', reason };
  if (typeof moderated?.rating === 'number') return { status: 'rated', rating: moderated.rating };
  const rating = response?.rating;
  return typeof rating === 'number' ? { status: 'rated', rating } : { status: 'not-assessed' };
}

/** The organisation's reason for calling the criterion not applicable, if it did (challenged or not). */
export function notApplicableReason(response: Response | null | undefined): string | undefined {
  const reason = response?.notApplicable;
  return typeof reason === 'string' && reason.trim() ? reason.trim() : undefined;
}

/**
 * The rating that counts for gaps, plans and checks: the moderated rating where a panel has
 * given one, else the self-rating. Undefined when not assessed or not applicable.
 */
export function effectiveRating(response: Response | null | undefined): number | undefined {
  const standing = standingOf(response);
  return standing.status === 'rated' ? standing.rating : undefined;
}

/** Target for one criterion: its own, else the audit's, else the framework's. */
export function targetFor(framework: Framework, audit: Audit, criterionTarget: number | undefined): number {
  return criterionTarget ?? audit.target ?? framework.target;
}

/**
 * Rules that need the framework: every response names a criterion of it, ratings and the
 * audit's target lie on its scale, dates are real dates. Assumes the schema passed.
 */
export function checkAuditRules(audit: Audit, framework: Framework): Violation[] {
  const violations: Violation[] = [];
  const criteria = indexCriteria(framework);
  const scale = describeScale(framework);
  const onScale = scaleMembership(framework);

  if (audit.target !== undefined && !onScale(audit.target)) {
    violations.push({ path: ['target'], message: `target ${audit.target} is not on the scale of ${framework.id} (${scale})` });
  }
  if (audit.kind !== undefined && !framework.kinds?.some((kind) => kind.id === audit.kind)) {
    violations.push({ path: ['kind'], message: `kind: ${unknownKindMessage(framework, audit.kind)}` });
  }

  const signedOn = audit.signoff?.date;
  if (signedOn !== undefined && !isIsoDateTime(signedOn)) {
    violations.push({ path: ['signoff', 'date'], message: `sign-off date "${signedOn}" is not a real date and time in the form 2026-03-31T14:05:09Z` });
  }

  for (const [id, response] of Object.entries(audit.responses)) {
    if (!criteria.has(id)) {
      violations.push({
        path: ['responses', id],
        atKey: true,
        message: `unknown criterion "${id}": ${framework.id} has no such criterion${suggest(id, [...criteria.keys()])}`,
      });
      continue;
    }
    if (!response) continue;
    const rating = response.rating;
    if (rating !== undefined && rating !== null && !onScale(rating)) {
      violations.push({
        path: ['responses', id, 'rating'],
        message: `rating ${rating} for ${id} is not on the scale of ${framework.id} (${scale})`,
      });
    }
    const moderated = response.moderated?.rating;
    if (moderated !== undefined && !onScale(moderated)) {
      violations.push({
        path: ['responses', id, 'moderated', 'rating'],
        message: `moderated rating ${moderated} for ${id} is not on the scale of ${framework.id} (${scale})`,
      });
    }
    const moderatedOn = response.moderated?.date;
    if (moderatedOn !== undefined && !isIsoDate(moderatedOn)) {
      violations.push({
        path: ['responses', id, 'moderated', 'date'],
        message: `moderation date "${moderatedOn}" for ${id} is not a real date in the form YYYY-MM-DD`,
      });
    }
    const conflicts = answerConflicts(id, response);
    if (conflicts.length) violations.push(...conflicts);
    const due = response.action?.due;
    if (due !== undefined && !isIsoDate(due)) {
      violations.push({
        path: ['responses', id, 'action', 'due'],
        message: `due date "${due}" for ${id} is not a real date in the form YYYY-MM-DD`,
      });
    }
  }
  return violations;
}

/** Which rule of `answerConflicts` an answer breaks, so a reader of returns can word it for its cells. */
export type AnswerConflictRule = 'moderation-without-rating' | 'reason-missing' | 'rated' | 'open-action' | 'panel-rating';

export interface AnswerConflict extends Violation {
  rule: AnswerConflictRule;
}

/**
 * What one answer cannot hold together: "not applicable" needs its reason and sits beside no
 * rating, no open improvement action (with no gap there is nothing to close) and no panel
 * rating unless the panel challenged it; a moderation gives a rating or that challenge.
 * Shared by the file's rules, the commands that change an answer and the reading of returns,
 * so all refuse alike.
 */
export function answerConflicts(id: string, response: Response): AnswerConflict[] {
  const violations: AnswerConflict[] = [];
  const moderation = response.moderated;
  if (moderation && typeof moderation.rating !== 'number' && moderation.applicable !== true) {
    violations.push({
      rule: 'moderation-without-rating',
      path: ['responses', id, 'moderated'],
      message: `the moderation of ${id} gives no rating: a panel records its rating, or "applicable: true" to challenge a criterion called not applicable`,
    });
  }
  if (response.notApplicable === undefined) return violations;
  const here = ['responses', id];
  const at = { path: [...here, 'notApplicable'], atKey: true } as const;
  if (notApplicableReason(response) === undefined) {
    // The other rules still apply, so that every fault of the answer is reported at once.
    violations.push({ ...at, rule: 'reason-missing', message: `notApplicable of ${id} needs the reason the criterion does not apply, e.g. notApplicable: "We employ no staff; volunteers only"` });
  }
  if (typeof response.rating === 'number') {
    violations.push({ ...at, rule: 'rated', message: `${id} has both a rating (${response.rating}) and notApplicable: a criterion is either rated or not applicable; remove one` });
  }
  if (response.action && (response.action.status ?? 'open') !== 'done') {
    violations.push({
      rule: 'open-action',
      path: [...here, 'action'],
      atKey: true,
      message: `${id} is marked not applicable but has an open improvement action: with no gap there is nothing to close; mark the action done or remove it`,
    });
  }
  if (moderation && typeof moderation.rating === 'number' && moderation.applicable !== true) {
    violations.push({
      rule: 'panel-rating',
      path: [...here, 'moderated'],
      atKey: true,
      message: `${id} is marked not applicable but has a moderated rating: a panel rating it must challenge the not-applicable with "applicable: true" under moderated`,
    });
  }
  return violations;
}

/** ", did you mean REF-1?" when an id differs from a known one only by case or punctuation. */
function suggest(id: string, known: string[]): string {
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const match = known.find((k) => squash(k) === squash(id));
  return match ? ` (did you mean ${match}?)` : '';
}

/** An organisation's name as matched across periods and returns: case and spacing aside. */
export function organisationKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Every name an audit's organisation is known by: its own, then the former names it records. */
export function organisationNames(audit: Pick<Audit, 'organisation' | 'formerNames'>): string[] {
  return [audit.organisation, ...(Array.isArray(audit.formerNames) ? audit.formerNames : [])];
}

/** Whether two audits are of one organisation: a name of one is a name of the other. */
export function sameOrganisation(a: Pick<Audit, 'organisation' | 'formerNames'>, b: Pick<Audit, 'organisation' | 'formerNames'>): boolean {
  const names = new Set(organisationNames(a).map(organisationKey));
  return organisationNames(b).some((name) => names.has(organisationKey(name)));
}
