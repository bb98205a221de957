/**
 * Crosswalks between two frameworks, or two editions of one: for each criterion of one edition
 * (`from`), its counterparts in the other (`to`), each with a relationship, after the OSCAL
 * control mapping model and CISO Assistant's mapping sets:
 *
 * - `equal`      the same requirement in other words: a rating of one stands for the other;
 * - `subset`     the from criterion asks for part of what its counterpart asks;
 * - `superset`   it asks for more than its counterpart;
 * - `intersects` they overlap, each asking for something the other does not;
 * - `none`       nothing corresponds (a row with only `from`, or only `to`).
 *
 * A crosswalk is used in either direction (a `subset` read backwards is a `superset`). Where a
 * crosswalk is used, it becomes a Bridge: the counterparts of every criterion, both ways. Two
 * editions of one framework without a crosswalk are bridged by criterion id, which the
 * criterion register keeps meaning the same statement.
 *
 * Ratings cross only an `equal` pair, and only between the same scale; evidence and actions
 * cross every pair but `none` (see carry-forward.ts). Shapes mirror
 * standards/crosswalk.schema.json; rules the schema cannot state live here.
 */
import type { Audit, Response } from './audit.js';
import { indexCriteria, type Framework } from './framework.js';
import type { Violation } from './violation.js';

export const RELATIONSHIPS = ['equal', 'subset', 'superset', 'intersects', 'none'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
/** The relationship of a pair of counterparts: any but `none`. */
export type PairRelationship = Exclude<Relationship, 'none'>;

/** One edition of one framework. */
export interface EditionKey {
  framework: string;
  version: string;
}

export interface CrosswalkSide extends EditionKey {
  /** Only these standards are in the crosswalk's scope; absent, every standard is. */
  standards?: string[];
}

export interface CrosswalkMapping {
  from?: string;
  to?: string;
  relationship: Relationship;
  rationale?: string;
}

export interface CrosswalkSource {
  title: string;
  publisher?: string;
  year?: number;
  url?: string;
  citation?: string;
}

export interface Crosswalk {
  title?: string;
  description?: string;
  from: CrosswalkSide;
  to: CrosswalkSide;
  sources?: CrosswalkSource[];
  method?: string;
  mappings: CrosswalkMapping[];
}

/** "section-11@2007-2018". */
export function editionLabel(edition: EditionKey): string {
  return `${edition.framework}@${edition.version}`;
}

export function sameEdition(a: EditionKey, b: EditionKey): boolean {
  return a.framework === b.framework && a.version === b.version;
}

export function editionOf(framework: Framework): EditionKey {
  return { framework: framework.id, version: framework.version };
}

/** The relationship read the other way: what the counterpart asks for, set beside the criterion. */
export function invertRelationship<R extends Relationship>(relationship: R): R {
  if (relationship === 'subset') return 'superset' as R;
  if (relationship === 'superset') return 'subset' as R;
  return relationship;
}

/** Criterion id → its standard, for the standards in a side's scope, in framework order. */
function criteriaInScope(framework: Framework, side: Pick<CrosswalkSide, 'standards'>): Map<string, string> {
  const inScope = new Map<string, string>();
  for (const standard of framework.standards) {
    if (side.standards && !side.standards.includes(standard.id)) continue;
    for (const criterion of standard.criteria) inScope.set(criterion.id, standard.id);
  }
  return inScope;
}

/**
 * Rules a schema cannot state, given the two editions the crosswalk names: it joins two
 * different editions; its scopes name their standards; each row has the ends its relationship
 * needs, naming criteria of the right edition and in scope; no pair is listed twice, whether
 * with the same relationship or conflicting ones; a criterion said to have no counterpart has
 * none elsewhere; and a criterion is `equal` to at most one counterpart (equal means the same
 * statement, so two would be one another's duplicates). Assumes the schema passed.
 */
export function checkCrosswalkRules(crosswalk: Crosswalk, from: Framework, to: Framework): Violation[] {
  const violations: Violation[] = [];
  if (sameEdition(crosswalk.from, crosswalk.to)) {
    violations.push({ path: ['to'], message: `the crosswalk joins ${editionLabel(crosswalk.from)} to itself: from and to must be different editions` });
  }
  const sides = { from: { framework: from, side: crosswalk.from }, to: { framework: to, side: crosswalk.to } } as const;
  for (const end of ['from', 'to'] as const) {
    const { framework, side } = sides[end];
    const ids = new Set(framework.standards.map((s) => s.id));
    side.standards?.forEach((id, i) => {
      if (!ids.has(id)) {
        violations.push({ path: [end, 'standards', i], message: `${editionLabel(side)} has no standard "${id}"${suggest(id, [...ids])}` });
      }
    });
  }
  const scope = { from: criteriaInScope(from, crosswalk.from), to: criteriaInScope(to, crosswalk.to) };
  const everyCriterion = { from: indexCriteria(from), to: indexCriteria(to) };

  const pairs = new Map<string, number>();
  const noneRows = { from: new Map<string, number>(), to: new Map<string, number>() };
  const pairedRows = { from: new Map<string, number>(), to: new Map<string, number>() };
  const equalRows = { from: new Map<string, number>(), to: new Map<string, number>() };

  crosswalk.mappings.forEach((row, i) => {
    const at = ['mappings', i] as const;
    const ends = (['from', 'to'] as const).filter((end) => row[end] !== undefined);
    if (row.relationship === 'none') {
      if (ends.length !== 1) {
        violations.push({
          path: [...at, 'relationship'],
          message: ends.length
            ? `relationship none says nothing corresponds to a criterion: give only from (nothing in ${editionLabel(crosswalk.to)}) or only to (nothing in ${editionLabel(crosswalk.from)}), not both`
            : 'relationship none needs the criterion it is about: from (or to)',
        });
        return;
      }
    } else if (ends.length !== 2) {
      violations.push({ path: [...at], message: `relationship ${row.relationship} joins two criteria: give both from and to` });
      return;
    }
    let known = true;
    for (const end of ends) {
      const id = row[end]!;
      const other = end === 'from' ? 'to' : 'from';
      const side = crosswalk[end];
      if (!everyCriterion[end].has(id)) {
        known = false;
        const hint = everyCriterion[other].has(id)
          ? `: it is a criterion of ${editionLabel(crosswalk[other])}, the ${other} side`
          : `, nor has ${editionLabel(crosswalk[other])}${suggest(id, [...everyCriterion[end].keys()])}`;
        violations.push({ path: [...at, end], message: `unknown criterion "${id}": ${editionLabel(side)} has no such criterion${hint}` });
      } else if (!scope[end].has(id)) {
        known = false;
        violations.push({
          path: [...at, end],
          message: `${id} is in standard ${everyCriterion[end].get(id)!.standard.id}, outside the crosswalk's scope (${end}.standards: ${side.standards!.join(', ')})`,
        });
      }
    }
    if (!known) return;

    if (row.relationship === 'none') {
      const end = ends[0]!;
      const id = row[end]!;
      const twice = noneRows[end].get(id);
      if (twice !== undefined) violations.push({ path: [...at], message: `${id} is said to have no counterpart twice (also item ${twice + 1} of mappings)` });
      const paired = pairedRows[end].get(id);
      if (paired !== undefined) {
        violations.push({ path: [...at, 'relationship'], message: `${id} is said here to have no counterpart, but item ${paired + 1} of mappings gives it one: keep one of the two` });
      }
      noneRows[end].set(id, i);
      return;
    }

    const key = `${row.from}\0${row.to}`;
    const earlier = pairs.get(key);
    if (earlier !== undefined) {
      const was = crosswalk.mappings[earlier]!.relationship;
      violations.push({
        path: [...at, 'relationship'],
        message:
          was === row.relationship
            ? `${row.from} → ${row.to} is listed twice (also item ${earlier + 1} of mappings)`
            : `${row.from} → ${row.to} is mapped twice with conflicting relationships: ${row.relationship} here, ${was} at item ${earlier + 1} of mappings`,
      });
      return;
    }
    pairs.set(key, i);
    for (const end of ['from', 'to'] as const) {
      const id = row[end]!;
      const none = noneRows[end].get(id);
      if (none !== undefined) {
        violations.push({ path: [...at, end], message: `${id} is given a counterpart here, but item ${none + 1} of mappings says it has none: keep one of the two` });
      }
      if (!pairedRows[end].has(id)) pairedRows[end].set(id, i);
      if (row.relationship === 'equal') {
        const equal = equalRows[end].get(id);
        if (equal !== undefined) {
          const first = crosswalk.mappings[equal]![end === 'from' ? 'to' : 'from'];
          const second = row[end === 'from' ? 'to' : 'from'];
          violations.push({
            path: [...at, 'relationship'],
            message: `${id} is equal to both ${first} (item ${equal + 1}) and ${second}: a criterion is equal to one counterpart at most (equal means the same statement); make the others subset, superset or intersects`,
          });
        } else equalRows[end].set(id, i);
      }
    }
  });
  return violations;
}

/**
 * What a careful editor checks beyond validity (`audit standards validate --strict`, which the
 * bundled crosswalks pass): every criterion of the from edition in scope accounted for (a
 * counterpart, or a row saying it has none), a rationale wherever the relationship is not
 * `equal`, and the sources cited. Criteria of the to edition that nothing maps are new in it:
 * `audit standards map` lists them, and a row with only `to` may say why.
 */
export function checkCrosswalkStrict(crosswalk: Crosswalk, from: Framework, to: Framework): Violation[] {
  const violations: Violation[] = [];
  if (!crosswalk.sources?.length) {
    violations.push({ path: [], message: 'the crosswalk cites no sources: name the documents of both editions it was written from (sources)' });
  }
  const fromCriteria = indexCriteria(from);
  const toCriteria = indexCriteria(to);
  crosswalk.mappings.forEach((row, i) => {
    if (row.relationship !== 'equal' && !row.rationale?.trim()) {
      const which = row.from !== undefined && row.to !== undefined ? `${row.from} → ${row.to}` : (row.from ?? row.to);
      violations.push({ path: ['mappings', i, 'relationship'], message: `${which} is ${row.relationship} with no rationale: say what differs, citing the sources` });
    }
    // Equal carries ratings across as the same requirement: worded differently, an editor says why.
    const a = row.from !== undefined ? fromCriteria.get(row.from)?.criterion.text : undefined;
    const b = row.to !== undefined ? toCriteria.get(row.to)?.criterion.text : undefined;
    if (row.relationship === 'equal' && a !== undefined && b !== undefined && oneSpaced(a) !== oneSpaced(b) && !row.rationale?.trim()) {
      violations.push({
        path: ['mappings', i, 'relationship'],
        message: `${row.from} → ${row.to} is equal, but their statements differ: say why they are the same requirement (rationale), or make it subset, superset or intersects`,
      });
    }
  });
  const unreviewed = reviewedCriteria(crosswalk, from, to).from.unreviewed;
  if (unreviewed.length) violations.push({ path: ['mappings'], atKey: true, message: unreviewedMessage(crosswalk, unreviewed) });
  return violations;
}

/** "3 criteria of section-11@2007-2018 are not in the crosswalk: …", for strict faults and notes. */
export function unreviewedMessage(crosswalk: Crosswalk, ids: readonly string[]): string {
  const side = editionLabel(crosswalk.from);
  const what = ids.length === 1 ? `1 criterion of ${side} is` : `${ids.length} criteria of ${side} are`;
  return `${what} not in the crosswalk: ${ids.join(', ')}. Give each its counterparts, or a row "from: ID, relationship: none" with the reason nothing corresponds`;
}

/** The criteria in scope on each side that no row of the crosswalk names. */
export function reviewedCriteria(crosswalk: Crosswalk, from: Framework, to: Framework): Record<'from' | 'to', { unreviewed: string[] }> {
  const named = { from: new Set<string>(), to: new Set<string>() };
  for (const row of crosswalk.mappings) {
    if (row.from !== undefined) named.from.add(row.from);
    if (row.to !== undefined) named.to.add(row.to);
  }
  const unreviewed = (end: 'from' | 'to', framework: Framework) =>
    [...criteriaInScope(framework, crosswalk[end]).keys()].filter((id) => !named[end].has(id));
  return { from: { unreviewed: unreviewed('from', from) }, to: { unreviewed: unreviewed('to', to) } };
}

/** A counterpart of a criterion, with the relationship of the from criterion to the to criterion. */
export interface Counterpart {
  criterion: string;
  relationship: PairRelationship;
  rationale?: string;
}

/** Where a bridge's pairs came from. */
export type BridgeSource =
  | { kind: 'crosswalk'; file: string; crosswalk: Crosswalk; reversed: boolean }
  /** Editions of one framework with no crosswalk: criteria with the same id are the same. */
  | { kind: 'criterion-ids' };

/** One side of a bridge: its edition and the criteria in the crosswalk's scope, in framework order. */
export interface BridgeSide {
  edition: EditionKey;
  criteria: string[];
  /** Criteria said to have no counterpart (relationship none), with the rationale given. */
  none: ReadonlyMap<string, string | undefined>;
}

/** A crosswalk in the direction it is used: from an earlier audit's edition onto another. */
export interface Bridge {
  from: BridgeSide;
  to: BridgeSide;
  via: BridgeSource;
  /** From criterion → its counterparts in the to edition, in the to edition's order. */
  forward: ReadonlyMap<string, readonly Counterpart[]>;
  /** To criterion → its counterparts in the from edition, in the from edition's order; relationships still from → to. */
  backward: ReadonlyMap<string, readonly Counterpart[]>;
  /** Whether ratings can cross at all: the two editions share one scale. */
  ratingsCross: boolean;
}

/** The crosswalk as a bridge from `from` to `to`, which it joins in one direction or the other. */
export function bridgeFromCrosswalk(crosswalk: Crosswalk, file: string, from: Framework, to: Framework): Bridge {
  const reversed = !sameEdition(crosswalk.from, editionOf(from));
  const [fromSide, toSide] = reversed ? [crosswalk.to, crosswalk.from] : [crosswalk.from, crosswalk.to];
  const pairs: { from: string; to: string; relationship: PairRelationship; rationale?: string }[] = [];
  const none = { from: new Map<string, string | undefined>(), to: new Map<string, string | undefined>() };
  for (const row of crosswalk.mappings) {
    const a = reversed ? row.to : row.from;
    const b = reversed ? row.from : row.to;
    if (row.relationship === 'none') {
      if (a !== undefined) none.from.set(a, row.rationale);
      if (b !== undefined) none.to.set(b, row.rationale);
      continue;
    }
    pairs.push({
      from: a!,
      to: b!,
      relationship: reversed ? invertRelationship(row.relationship) : row.relationship,
      ...(row.rationale !== undefined ? { rationale: row.rationale } : {}),
    });
  }
  return assemble(
    { edition: editionOf(from), criteria: [...criteriaInScope(from, fromSide).keys()], none: none.from },
    { edition: editionOf(to), criteria: [...criteriaInScope(to, toSide).keys()], none: none.to },
    { kind: 'crosswalk', file, crosswalk, reversed },
    pairs,
    from,
    to,
  );
}

/** Two editions of one framework without a crosswalk: a criterion kept by id is the same criterion. */
export function bridgeByCriterionIds(from: Framework, to: Framework): Bridge {
  const fromIds = [...indexCriteria(from).keys()];
  const toIds = new Set(indexCriteria(to).keys());
  const pairs = fromIds.filter((id) => toIds.has(id)).map((id) => ({ from: id, to: id, relationship: 'equal' as const }));
  return assemble(
    { edition: editionOf(from), criteria: fromIds, none: new Map() },
    { edition: editionOf(to), criteria: [...toIds], none: new Map() },
    { kind: 'criterion-ids' },
    pairs,
    from,
    to,
  );
}

function assemble(
  fromSide: BridgeSide,
  toSide: BridgeSide,
  via: BridgeSource,
  pairs: readonly { from: string; to: string; relationship: PairRelationship; rationale?: string }[],
  from: Framework,
  to: Framework,
): Bridge {
  const fromOrder = indexCriteria(from);
  const toOrder = indexCriteria(to);
  const forward = new Map<string, Counterpart[]>();
  const backward = new Map<string, Counterpart[]>();
  const byOrder = (index: ReturnType<typeof indexCriteria>) => (a: Counterpart, b: Counterpart) =>
    (index.get(a.criterion)?.order ?? 0) - (index.get(b.criterion)?.order ?? 0);
  for (const pair of pairs) {
    const rationale = pair.rationale !== undefined ? { rationale: pair.rationale } : {};
    forward.set(pair.from, [...(forward.get(pair.from) ?? []), { criterion: pair.to, relationship: pair.relationship, ...rationale }]);
    backward.set(pair.to, [...(backward.get(pair.to) ?? []), { criterion: pair.from, relationship: pair.relationship, ...rationale }]);
  }
  for (const list of forward.values()) list.sort(byOrder(toOrder));
  for (const list of backward.values()) list.sort(byOrder(fromOrder));
  return { from: fromSide, to: toSide, via, forward, backward, ratingsCross: sameScale(from, to) };
}

/** Ratings mean the same only on the same scale: the same values with the same labels. */
export function sameScale(a: Framework, b: Framework): boolean {
  return (
    a.scale.length === b.scale.length &&
    a.scale.every((level, i) => level.value === b.scale[i]!.value && level.label.trim().toLowerCase() === b.scale[i]!.label.trim().toLowerCase())
  );
}

/** The one `equal` counterpart of a criterion of the to edition, if it has one. */
export function equalCounterpart(bridge: Bridge, toCriterion: string): string | undefined {
  return bridge.backward.get(toCriterion)?.find((c) => c.relationship === 'equal')?.criterion;
}

/** How far one side of a bridge is matched by the other. */
export interface SideCoverage {
  edition: EditionKey;
  /** Criteria in scope. */
  criteria: number;
  /** With an `equal` counterpart: ratings can be compared. */
  equal: number;
  /** With any counterpart. */
  mapped: number;
  /** Said to have no counterpart. */
  none: string[];
  /** Named by no row of the crosswalk (or, between editions by id, in this edition only). */
  unmapped: string[];
}

export interface Coverage {
  from: SideCoverage;
  to: SideCoverage;
  /** Pairs by relationship. */
  pairs: Record<PairRelationship, number>;
}

export function bridgeCoverage(bridge: Bridge): Coverage {
  const side = (s: BridgeSide, links: ReadonlyMap<string, readonly Counterpart[]>): SideCoverage => {
    const none = s.none;
    return {
      edition: s.edition,
      criteria: s.criteria.length,
      equal: s.criteria.filter((id) => links.get(id)?.some((c) => c.relationship === 'equal')).length,
      mapped: s.criteria.filter((id) => links.get(id)?.length).length,
      none: s.criteria.filter((id) => none.has(id)),
      unmapped: s.criteria.filter((id) => !links.get(id)?.length && !none.has(id)),
    };
  };
  const pairs: Record<PairRelationship, number> = { equal: 0, subset: 0, superset: 0, intersects: 0 };
  for (const list of bridge.forward.values()) for (const c of list) pairs[c.relationship]++;
  return { from: side(bridge.from, bridge.forward), to: side(bridge.to, bridge.backward), pairs };
}

/**
 * An earlier audit read onto the to edition, for comparing and aggregating: each criterion of
 * the to edition takes the whole answer of its `equal` counterpart (its rating counts); one
 * without an `equal` counterpart is not rated, and takes the first action of its other
 * counterparts, so that actions can be followed from one period to the next.
 */
export function projectAudit(audit: Audit, bridge: Bridge, to: Framework): Audit {
  const responses: Record<string, Response | null> = {};
  for (const id of indexCriteria(to).keys()) {
    const counterparts = bridge.backward.get(id) ?? [];
    const equal = counterparts.find((c) => c.relationship === 'equal');
    const response = equal ? audit.responses[equal.criterion] : undefined;
    if (response && bridge.ratingsCross) {
      const { previous: _previous, ...answer } = response;
      responses[id] = answer;
      continue;
    }
    const action = [...(equal ? [equal] : []), ...counterparts.filter((c) => c !== equal)]
      .map((c) => audit.responses[c.criterion]?.action)
      .find((a) => a);
    if (action) responses[id] = { action };
  }
  const { target, ...rest } = audit;
  return { ...rest, ...(bridge.ratingsCross && target !== undefined ? { target } : {}), responses };
}

/** Criteria of the to edition whose rating cannot be taken from the from edition. */
export function ratingsNotCrossing(bridge: Bridge, to: Framework): string[] {
  return [...indexCriteria(to).keys()].filter((id) => !bridge.ratingsCross || equalCounterpart(bridge, id) === undefined);
}

/** ", did you mean LEAD-1?" for an id that differs from a known one only by case or punctuation. */
function suggest(id: string, known: string[]): string {
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const match = known.find((k) => squash(k) === squash(id));
  return match ? ` (did you mean ${match}?)` : '';
}

/**
 * Criterion ids in a few words, whole standards named as such: "all of COL (5), LRN (4);
 * LEAD-9, WORK-12". In framework order.
 */
export function nameCriteria(ids: readonly string[], framework: Framework): string {
  const wanted = new Set(ids);
  const wholes: string[] = [];
  const singles: string[] = [];
  for (const standard of framework.standards) {
    const own = standard.criteria.filter((c) => wanted.has(c.id)).map((c) => c.id);
    if (own.length > 1 && own.length === standard.criteria.length) wholes.push(`${standard.id} (${own.length})`);
    else singles.push(...own);
  }
  const known = new Set(indexCriteria(framework).keys());
  singles.push(...ids.filter((id) => !known.has(id)));
  return [wholes.length ? `all of ${wholes.join(', ')}` : '', singles.join(', ')].filter(Boolean).join('; ');
}

function oneSpaced(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}
