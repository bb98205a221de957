/**
 * A crosswalk as `audit standards map` shows it, in the direction asked: every pair of
 * counterparts with its relationship and rationale, how comparable the two editions are, and
 * the criteria of each side that nothing maps (said to have no counterpart, or not in the
 * crosswalk at all). One view for every format; its JSON is a contract.
 */
import { bridgeCoverage, type Bridge, type Coverage, type CrosswalkSource, type PairRelationship } from './crosswalk.js';
import { indexCriteria, type Framework } from './framework.js';

export interface MappedPair {
  from: string;
  fromStandard: string;
  fromText: string;
  relationship: PairRelationship;
  to: string;
  toStandard: string;
  toText: string;
  rationale: string | null;
}

/** A criterion of one side that nothing on the other corresponds to. */
export interface UnmatchedCriterion {
  criterion: string;
  standard: string;
  text: string;
  /** True when the crosswalk says it has no counterpart (relationship none); false when no row names it. */
  declared: boolean;
  rationale: string | null;
}

export interface EditionSummary {
  framework: string;
  version: string;
  title: string;
}

export interface CrosswalkView {
  from: EditionSummary;
  to: EditionSummary;
  /** How the criteria were matched: a crosswalk file, or (editions of one framework without one) by id. */
  matchedBy: 'crosswalk' | 'criterion-ids';
  crosswalk: {
    file: string;
    title: string | null;
    /** True when the file maps the other way, and is read backwards. */
    reversed: boolean;
    sources: CrosswalkSource[];
    method: string | null;
  } | null;
  /** Whether ratings carry across equal pairs (the two share a scale). */
  ratingsCross: boolean;
  coverage: Coverage;
  pairs: MappedPair[];
  unmatched: { from: UnmatchedCriterion[]; to: UnmatchedCriterion[] };
}

/** `file` names the crosswalk file as the user should see it (relative to where they are). */
export function crosswalkView(bridge: Bridge, from: Framework, to: Framework, file?: string): CrosswalkView {
  const fromIndex = indexCriteria(from);
  const toIndex = indexCriteria(to);
  const pairs: MappedPair[] = [];
  for (const id of bridge.from.criteria) {
    for (const counterpart of bridge.forward.get(id) ?? []) {
      const a = fromIndex.get(id)!;
      const b = toIndex.get(counterpart.criterion)!;
      pairs.push({
        from: id,
        fromStandard: a.standard.id,
        fromText: a.criterion.text,
        relationship: counterpart.relationship,
        to: counterpart.criterion,
        toStandard: b.standard.id,
        toText: b.criterion.text,
        rationale: counterpart.rationale ?? null,
      });
    }
  }
  const coverage = bridgeCoverage(bridge);
  const unmatched = (side: 'from' | 'to', index: ReturnType<typeof indexCriteria>): UnmatchedCriterion[] => {
    const none = bridge[side].none;
    const ids = new Set([...coverage[side].none, ...coverage[side].unmapped]);
    return bridge[side].criteria
      .filter((id) => ids.has(id))
      .map((id) => {
        const place = index.get(id)!;
        return { criterion: id, standard: place.standard.id, text: place.criterion.text, declared: none.has(id), rationale: none.get(id) ?? null };
      });
  };
  const summary = (f: Framework): EditionSummary => ({ framework: f.id, version: f.version, title: f.title });
  return {
    from: summary(from),
    to: summary(to),
    matchedBy: bridge.via.kind,
    crosswalk:
      bridge.via.kind === 'crosswalk'
        ? {
            file: file ?? bridge.via.file,
            title: bridge.via.crosswalk.title ?? null,
            reversed: bridge.via.reversed,
            sources: bridge.via.crosswalk.sources ?? [],
            method: bridge.via.crosswalk.method ?? null,
          }
        : null,
    ratingsCross: bridge.ratingsCross,
    coverage,
    pairs,
    unmatched: { from: unmatched('from', fromIndex), to: unmatched('to', toIndex) },
  };
}
