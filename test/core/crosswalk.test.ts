import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Audit } from '../../src/core/audit.js';
import { carryAcross } from '../../src/core/carry-forward.js';
import {
  bridgeByCriterionIds,
  bridgeCoverage,
  bridgeFromCrosswalk,
  checkCrosswalkRules,
  checkCrosswalkStrict,
  nameCriteria,
  projectAudit,
  ratingsNotCrossing,
  type Crosswalk,
} from '../../src/core/crosswalk.js';
import type { Framework } from '../../src/core/framework.js';
import { auditOf, mini } from './mini.js';

/** The next edition of mini: W-3 replaced by W-4 (supervision and training), a new standard SAFE. */
const next: Framework = {
  ...mini,
  id: 'next',
  version: '2026',
  standards: [
    mini.standards[0]!,
    { id: 'WORK', title: 'Workforce', criteria: [{ id: 'W-1', text: 'three' }, { id: 'W-2', text: 'four' }, { id: 'W-4', text: 'six' }] },
    { id: 'SAFE', title: 'Safety', criteria: [{ id: 'S-1', text: 'seven' }] },
  ],
};

const crosswalk = (mappings: Crosswalk['mappings'], extra: Partial<Crosswalk> = {}): Crosswalk => ({
  from: { framework: 'mini', version: '1' },
  to: { framework: 'next', version: '2026' },
  sources: [{ title: 'Test' }],
  mappings,
  ...extra,
});

const GOOD = crosswalk([
  { from: 'L-1', to: 'L-1', relationship: 'equal' },
  { from: 'L-2', to: 'L-2', relationship: 'equal' },
  { from: 'W-1', to: 'W-1', relationship: 'equal' },
  { from: 'W-1', to: 'W-4', relationship: 'subset', rationale: 'W-4 adds supervision' },
  { from: 'W-2', to: 'W-2', relationship: 'equal' },
  { from: 'W-3', to: 'W-4', relationship: 'subset', rationale: 'W-4 adds training' },
  { to: 'S-1', relationship: 'none', rationale: 'new' },
]);

const messages = (c: Crosswalk) => checkCrosswalkRules(c, mini, next).map((v) => [v.path.join('.'), v.message]);

describe('checkCrosswalkRules', () => {
  it('accepts a sound crosswalk', () => {
    expect(messages(GOOD)).toEqual([]);
    expect(checkCrosswalkStrict(GOOD, mini, next)).toEqual([]);
  });

  it('finds ids in neither edition, or on the wrong side, with a suggestion', () => {
    expect(messages(crosswalk([{ from: 'X-9', to: 'L-1', relationship: 'equal' }, { from: 'l1', to: 'L-2', relationship: 'equal' }, { from: 'S-1', to: 'S-1', relationship: 'equal' }]))).toEqual([
      ['mappings.0.from', 'unknown criterion "X-9": mini@1 has no such criterion, nor has next@2026'],
      ['mappings.1.from', 'unknown criterion "l1": mini@1 has no such criterion, nor has next@2026 (did you mean L-1?)'],
      ['mappings.2.from', 'unknown criterion "S-1": mini@1 has no such criterion: it is a criterion of next@2026, the to side'],
    ]);
  });

  it('finds a pair mapped twice, with the same or conflicting relationships', () => {
    expect(
      messages(
        crosswalk([
          { from: 'L-1', to: 'L-1', relationship: 'equal' },
          { from: 'L-1', to: 'L-1', relationship: 'subset' },
          { from: 'W-1', to: 'W-4', relationship: 'subset' },
          { from: 'W-1', to: 'W-4', relationship: 'subset' },
        ]),
      ),
    ).toEqual([
      ['mappings.1.relationship', 'L-1 → L-1 is mapped twice with conflicting relationships: subset here, equal at item 1 of mappings'],
      ['mappings.3.relationship', 'W-1 → W-4 is listed twice (also item 3 of mappings)'],
    ]);
  });

  it('finds a criterion said to have no counterpart that has one, and rows missing an end', () => {
    expect(
      messages(
        crosswalk([
          { from: 'L-1', to: 'L-1', relationship: 'equal' },
          { from: 'L-1', relationship: 'none' },
          { from: 'L-2', relationship: 'equal' },
          { from: 'W-1', to: 'W-1', relationship: 'none' },
          { relationship: 'none' },
        ]),
      ),
    ).toEqual([
      ['mappings.1.relationship', 'L-1 is said here to have no counterpart, but item 1 of mappings gives it one: keep one of the two'],
      ['mappings.2', 'relationship equal joins two criteria: give both from and to'],
      ['mappings.3.relationship', 'relationship none says nothing corresponds to a criterion: give only from (nothing in next@2026) or only to (nothing in mini@1), not both'],
      ['mappings.4.relationship', 'relationship none needs the criterion it is about: from (or to)'],
    ]);
  });

  it('allows a criterion one equal counterpart at most, on either side', () => {
    expect(
      messages(
        crosswalk([
          { from: 'W-1', to: 'W-1', relationship: 'equal' },
          { from: 'W-1', to: 'W-4', relationship: 'equal' },
          { from: 'W-3', to: 'W-1', relationship: 'equal' },
        ]),
      ).map(([, message]) => message),
    ).toEqual([
      'W-1 is equal to both W-1 (item 1) and W-4: a criterion is equal to one counterpart at most (equal means the same statement); make the others subset, superset or intersects',
      'W-1 is equal to both W-1 (item 1) and W-3: a criterion is equal to one counterpart at most (equal means the same statement); make the others subset, superset or intersects',
    ]);
  });

  it('keeps to the scope a side declares, and joins two different editions', () => {
    const scoped = crosswalk([{ from: 'L-1', to: 'S-1', relationship: 'intersects' }], { to: { framework: 'next', version: '2026', standards: ['LEAD', 'NOPE'] } });
    expect(messages(scoped)).toEqual([
      ['to.standards.1', 'next@2026 has no standard "NOPE"'],
      ['mappings.0.to', 'S-1 is in standard SAFE, outside the crosswalk\'s scope (to.standards: LEAD, NOPE)'],
    ]);
    expect(checkCrosswalkRules(crosswalk([{ from: 'L-1', to: 'L-1', relationship: 'equal' }], { to: { framework: 'mini', version: '1' } }), mini, mini)[0]!.message).toBe(
      'the crosswalk joins mini@1 to itself: from and to must be different editions',
    );
  });

  it('strictly, wants every criterion of the from edition accounted for, a rationale where not equal, and sources', () => {
    const loose = crosswalk([{ from: 'L-1', to: 'L-1', relationship: 'intersects' }], { sources: undefined });
    expect(checkCrosswalkStrict(loose, mini, next).map((v) => v.message)).toEqual([
      'the crosswalk cites no sources: name the documents of both editions it was written from (sources)',
      'L-1 → L-1 is intersects with no rationale: say what differs, citing the sources',
      '4 criteria of mini@1 are not in the crosswalk: L-2, W-1, W-2, W-3. Give each its counterparts, or a row "from: ID, relationship: none" with the reason nothing corresponds',
    ]);
  });
});

describe('bridges', () => {
  const forward = bridgeFromCrosswalk(GOOD, 'x.yaml', mini, next);
  const backward = bridgeFromCrosswalk(GOOD, 'x.yaml', next, mini);

  it('reads a crosswalk forwards, or backwards with each relationship inverted', () => {
    expect(forward.backward.get('W-4')).toEqual([
      { criterion: 'W-1', relationship: 'subset', rationale: 'W-4 adds supervision' },
      { criterion: 'W-3', relationship: 'subset', rationale: 'W-4 adds training' },
    ]);
    expect(backward.via).toMatchObject({ kind: 'crosswalk', reversed: true });
    expect(backward.forward.get('W-4')).toEqual([
      { criterion: 'W-1', relationship: 'superset', rationale: 'W-4 adds supervision' },
      { criterion: 'W-3', relationship: 'superset', rationale: 'W-4 adds training' },
    ]);
    expect(backward.from.none.has('S-1')).toBe(true);
  });

  it('says how comparable the two editions are', () => {
    const coverage = bridgeCoverage(forward);
    expect(coverage.from).toMatchObject({ criteria: 5, equal: 4, mapped: 5, none: [], unmapped: [] });
    expect(coverage.to).toMatchObject({ criteria: 6, equal: 4, mapped: 5, none: ['S-1'], unmapped: [] });
    expect(coverage.pairs).toEqual({ equal: 4, subset: 2, superset: 0, intersects: 0 });
    expect(ratingsNotCrossing(forward, next)).toEqual(['W-4', 'S-1']);
  });

  it('matches editions of one framework by id where no crosswalk joins them', () => {
    const bridge = bridgeByCriterionIds(mini, { ...next, id: 'mini' });
    expect(bridge.via).toEqual({ kind: 'criterion-ids' });
    expect(bridgeCoverage(bridge).from.unmapped).toEqual(['W-3']);
    expect(bridgeCoverage(bridge).to.unmapped).toEqual(['W-4', 'S-1']);
  });

  it('reads an audit onto the later edition: ratings only through equal pairs, actions followed', () => {
    const audit = auditOf({
      'L-1': { rating: 3, previous: { period: '2024-25', rating: 2 } },
      'W-1': { rating: 2, action: { text: 'Train' } },
      'W-3': { rating: 1, action: { text: 'Supervise' } },
    });
    expect(projectAudit(audit, forward, next).responses).toEqual({
      'L-1': { rating: 3 },
      'W-1': { rating: 2, action: { text: 'Train' } },
      'W-4': { action: { text: 'Train' } },
    });
    // Ratings never cross between different scales.
    const other = { ...next, scale: next.scale.map((l) => ({ ...l, label: `Other ${l.value}` })) };
    expect(projectAudit(audit, bridgeFromCrosswalk(GOOD, 'x.yaml', mini, other), other).responses['L-1']).toBeUndefined();
  });

  it('names criteria shortly, whole standards as such', () => {
    expect(nameCriteria(['L-1', 'L-2', 'W-4', 'S-1', 'Z-9'], next)).toBe('all of LEAD (2); W-4, S-1, Z-9');
  });
});

describe('carryAcross', () => {
  const last = auditOf(
    {
      'L-1': { rating: 3, evidence: 'Constitution.', moderated: { rating: 2, by: 'Panel' } },
      'W-1': { rating: 2, evidence: 'Records patchy.\n', action: { text: 'Train everyone', owner: 'HR', due: '2026-06-30' } },
      'W-2': { rating: 4, action: { text: 'Recheck', status: 'done' } },
      'W-3': { rating: 1, evidence: 'Social workers only.', action: { text: 'Supervise all staff', status: 'in-progress' } },
    },
    { period: '2025-26' },
  );
  const carried = carryAcross(last, next, bridgeFromCrosswalk(GOOD, 'x.yaml', mini, next));

  it('carries an equal pair as it is, and marks what came through any other', () => {
    expect(carried.answers.get('L-1')).toEqual({ evidence: 'Constitution.', previous: { period: '2025-26', rating: 3, moderated: 2 } });
    expect(carried.answers.get('W-1')).toEqual({
      evidence: 'Records patchy.',
      action: { text: 'Train everyone', owner: 'HR', due: '2026-06-30' },
      previous: { period: '2025-26', rating: 2 },
    });
    expect(carried.answers.get('W-4')).toEqual({
      evidence:
        '[carried from W-1 (subset), rated 2 in 2025-26: check it still fits]\nRecords patchy.\n\n' +
        '[carried from W-3 (subset), rated 1 in 2025-26: check it still fits]\nSocial workers only.\n' +
        '[open action carried from W-3 (subset); this criterion already has one] Supervise all staff (status in-progress)',
      action: { text: 'Train everyone', owner: 'HR', due: '2026-06-30' },
    });
    expect(carried.toCheck).toEqual(['W-4']);
    expect(carried.folded).toEqual([{ criterion: 'W-4', from: 'W-3' }]);
  });

  it('keeps last rating under previous with the criterion it came from when only one counterpart is rated', () => {
    const one = carryAcross(auditOf({ 'W-3': { rating: 1 } }, { period: '2025-26' }), next, bridgeFromCrosswalk(GOOD, 'x.yaml', mini, next));
    expect(one.answers.get('W-4')).toEqual({
      evidence: '[carried from W-3 (subset): check it still fits]',
      previous: { period: '2025-26', rating: 1, criterion: 'W-3', relationship: 'subset' },
    });
  });

  it('names the criteria nothing came to, and the answers that went nowhere', () => {
    expect(carried.nothingCarried).toEqual(['L-2', 'S-1']);
    expect(carried.counts).toEqual({ evidence: 3, actions: 2, doneActions: 1, previousRatings: 3, notApplicable: 0, notApplicableByKind: 0 });
    const lost = carryAcross(last, next, bridgeFromCrosswalk(crosswalk(GOOD.mappings.filter((m) => m.from !== 'W-3')), 'x.yaml', mini, next));
    expect(lost.dropped).toEqual(['W-3']);
  });
});

describe('carryAcross, for criteria not applicable', () => {
  const withKinds: Framework = {
    ...next,
    kinds: [
      { id: 'police', label: 'Police' },
      { id: 'health', label: 'Health' },
    ],
    standards: next.standards.map((s) => (s.id === 'SAFE' ? { ...s, criteria: [{ id: 'S-1', text: 'seven', appliesTo: ['health'] }] } : s)),
  };
  const last = auditOf({ 'L-1': { notApplicable: 'No board: the organisation is run by its members' }, 'W-3': { notApplicable: 'No paid staff' } }, { period: '2025-26' });
  const carried = carryAcross(last, withKinds, bridgeFromCrosswalk(GOOD, 'x.yaml', mini, withKinds), { next: { id: 'police', label: 'Police' } });

  it('carries "not applicable" with its reason through an equal pair, and says it in the mark of any other', () => {
    expect(carried.answers.get('L-1')).toEqual({ notApplicable: 'No board: the organisation is run by its members' });
    expect(carried.answers.get('W-4')).toEqual({ evidence: '[carried from W-3 (subset), not applicable in 2025-26 (No paid staff): check it still fits]' });
  });

  it('marks a criterion that does not apply to the new audit’s kind, and nothing came to, as not applicable for it', () => {
    expect(carried.answers.get('S-1')).toEqual({ notApplicable: 'does not apply to police' });
    expect(carried.nothingCarried).not.toContain('S-1');
    expect(carried.counts).toMatchObject({ notApplicable: 1, notApplicableByKind: 1 });
  });
});

describe('across an equal-only crosswalk and back', () => {
  /** Two editions of a framework whose criteria are renamed, and an equal-only crosswalk between some of them. */
  const world = fc
    .record({
      size: fc.integer({ min: 1, max: 12 }),
      mapped: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
      shuffle: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
      answers: fc.array(
        fc.record({
          rating: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
          evidence: fc.option(fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '' && !/\s$/.test(s)), { nil: undefined }),
          action: fc.option(fc.record({ text: fc.string({ minLength: 1, maxLength: 20 }), status: fc.constantFrom('open' as const, 'in-progress' as const, 'done' as const) }), { nil: undefined }),
        }),
        { minLength: 12, maxLength: 12 },
      ),
    })
    .map(({ size, mapped, shuffle, answers }) => {
      const a: Framework = { ...mini, id: 'a', version: '1', standards: [{ id: 'S', title: 'S', criteria: Array.from({ length: size }, (_, i) => ({ id: `A-${i}`, text: `a${i}` })) }] };
      // The later edition renames and reorders: A-i becomes B-(a permutation of i).
      const order = Array.from({ length: size }, (_, i) => i).sort((x, y) => (shuffle[x]! - shuffle[y]!) || x - y);
      const b: Framework = { ...mini, id: 'b', version: '2', standards: [{ id: 'T', title: 'T', criteria: order.map((i) => ({ id: `B-${i}`, text: `b${i}` })) }] };
      const c: Crosswalk = {
        from: { framework: 'a', version: '1' },
        to: { framework: 'b', version: '2' },
        mappings: Array.from({ length: size }, (_, i) => (mapped[i] ? { from: `A-${i}`, to: `B-${i}`, relationship: 'equal' as const } : { from: `A-${i}`, relationship: 'none' as const })),
      };
      const audit: Audit = {
        framework: 'a',
        organisation: 'Org',
        period: '2025-26',
        responses: Object.fromEntries(Array.from({ length: size }, (_, i) => [`A-${i}`, answers[i]!])),
      };
      return { a, b, c, audit, mapped: mapped.slice(0, size) };
    });

  it('loses no evidence or open action of a criterion with a counterpart, and names those without one', () => {
    fc.assert(
      fc.property(world, ({ a, b, c, audit, mapped }) => {
        expect(checkCrosswalkRules(c, a, b)).toEqual([]);
        const there = carryAcross(audit, b, bridgeFromCrosswalk(c, 'c.yaml', a, b));
        const thereAudit: Audit = { ...audit, framework: 'b', period: '2026-27', responses: Object.fromEntries(there.answers) };
        const back = carryAcross(thereAudit, a, bridgeFromCrosswalk(c, 'c.yaml', b, a));
        for (const [i, isMapped] of mapped.entries()) {
          const id = `A-${i}`;
          const before = audit.responses[id]!;
          const after = back.answers.get(id);
          const open = before.action && before.action.status !== 'done' ? before.action : undefined;
          const hasContent = before.evidence !== undefined || before.action !== undefined || before.rating !== undefined;
          if (!isMapped) {
            expect(after).toBeUndefined();
            expect(there.dropped.includes(id)).toBe(hasContent);
            continue;
          }
          expect(after?.evidence).toBe(before.evidence);
          expect(after?.action).toEqual(open);
          // Nothing is marked to check: every pair is equal.
          expect(after?.evidence ?? '').not.toContain('[carried from');
        }
        expect(there.toCheck).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
