/**
 * Editions of a framework between two periods: which criteria the later edition added and
 * which it removed, for `audit compare` and `audit new --from`.
 *
 * When both editions' files are at hand the answer comes from their criterion ids. When last
 * period's audit names an edition no longer available (a bundled framework updated since), it
 * is inferred from the audit itself: `audit new` lists every criterion of its edition, so
 * answers to criteria the current edition lacks were removed, and criteria of the current
 * edition the audit never mentions were added.
 */
import type { Audit } from './audit.js';
import { indexCriteria, type Framework } from './framework.js';

export interface EditionChange {
  id: string;
  /** The edition last period's audit was made against. */
  before: string;
  after: string;
  /** Criterion ids in the later edition only, in its order. */
  added: string[];
  /** Criterion ids in the earlier edition only. */
  removed: string[];
  /** True when the earlier edition was not available and the lists come from the audit's own entries. */
  inferred: boolean;
}

export interface EarlierAudit {
  framework: Framework;
  audit: Audit;
  /** Answers set aside because the framework read no longer has their criteria. */
  retired?: readonly string[];
}

/** Undefined when both periods use the same edition. */
export function compareEditions(earlier: EarlierAudit, later: Framework): EditionChange | undefined {
  const laterIds = [...indexCriteria(later).keys()];
  const recorded = earlier.audit.frameworkVersion ?? earlier.framework.version;

  if (earlier.framework.version !== later.version) {
    const earlierIds = new Set(indexCriteria(earlier.framework).keys());
    for (const id of earlier.retired ?? []) earlierIds.add(id);
    const laterSet = new Set(laterIds);
    return {
      id: later.id,
      before: earlier.framework.version,
      after: later.version,
      added: laterIds.filter((id) => !earlierIds.has(id)),
      removed: [...earlierIds].filter((id) => !laterSet.has(id)),
      inferred: false,
    };
  }

  if (recorded !== later.version) {
    const mentioned = new Set([...Object.keys(earlier.audit.responses), ...(earlier.retired ?? [])]);
    return {
      id: later.id,
      before: recorded,
      after: later.version,
      added: laterIds.filter((id) => !mentioned.has(id)),
      removed: [...(earlier.retired ?? [])],
      inferred: true,
    };
  }
  return undefined;
}

/** "edition 2013 → 2023: 2 criteria added (A-1, A-2), 1 removed (B-3)", for messages. */
export function describeEditionChange(change: EditionChange): string {
  const parts: string[] = [];
  if (change.added.length) parts.push(`${change.added.length} ${change.added.length === 1 ? 'criterion' : 'criteria'} added (${change.added.join(', ')})`);
  if (change.removed.length) parts.push(`${change.removed.length} removed (${change.removed.join(', ')})`);
  const what = parts.length ? parts.join(', ') : 'the same criteria';
  return `${change.id} edition ${change.before} → ${change.after}: ${what}${change.inferred ? ` (edition ${change.before} is not available; inferred from the earlier audit's entries)` : ''}`;
}
