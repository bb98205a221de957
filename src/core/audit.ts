/**
 * The audit model: one organisation's self-audit against one framework for one period.
 * Shapes mirror schemas/audit.schema.json; rules that need the framework live here.
 */
import { isIsoDate, isIsoDateTime } from './dates.js';
import { describeScale, indexCriteria, isOnScale, type Framework } from './framework.js';
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

/** A partnership panel's view of a self-rating (Section 11 moderation). */
export interface Moderation {
  rating: number;
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
}

export interface Response {
  /** The self-rating: a value on the framework's scale; absent or null means not yet assessed. */
  rating?: number | null;
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
  /** An Ed25519 signature of the seal by a key the signer holds (`audit sign --key`). */
  signature?: { algorithm: 'ed25519'; key: string; value: string };
}

export interface Audit {
  /** A bundled framework id, or a path to a framework file relative to the audit file. */
  framework: string;
  /** The framework edition the audit was made against, recorded by `audit new`. */
  frameworkVersion?: string;
  organisation: string;
  period: string;
  assessor?: string;
  /** The organisation's kind: an id from the framework's kinds or the shared vocabulary. */
  kind?: string;
  /** Overrides the framework's default target. */
  target?: number;
  /** Criterion id → response. A key with no value is a criterion not yet assessed. */
  responses: Record<string, Response | null>;
  signoff?: SignOff | null;
}

/**
 * The rating that counts for gaps, plans and checks: the moderated rating where a panel has
 * given one, else the self-rating. Undefined when not assessed.
 */
export function effectiveRating(response: Response | null | undefined): number | undefined {
  const moderated = response?.moderated?.rating;
  if (typeof moderated === 'number') return moderated;
  const rating = response?.rating;
  return typeof rating === 'number' ? rating : undefined;
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

  if (audit.target !== undefined && !isOnScale(framework, audit.target)) {
    violations.push({ path: ['target'], message: `target ${audit.target} is not on the scale of ${framework.id} (${scale})` });
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
    if (rating !== undefined && rating !== null && !isOnScale(framework, rating)) {
      violations.push({
        path: ['responses', id, 'rating'],
        message: `rating ${rating} for ${id} is not on the scale of ${framework.id} (${scale})`,
      });
    }
    const moderated = response.moderated?.rating;
    if (moderated !== undefined && !isOnScale(framework, moderated)) {
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

/** ", did you mean REF-1?" when an id differs from a known one only by case or punctuation. */
function suggest(id: string, known: string[]): string {
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const match = known.find((k) => squash(k) === squash(id));
  return match ? ` (did you mean ${match}?)` : '';
}
