import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareAudits } from '../../src/core/compare.js';
import { compareEditions } from '../../src/core/editions.js';
import type { Framework } from '../../src/core/framework.js';
import { frameworkWithAuditArb } from './arbitraries.js';
import { auditOf, mini } from './mini.js';

const side = (audit: ReturnType<typeof auditOf>, framework: Framework = mini, file = 'x.yaml') => ({ file, framework, audit });

describe('compareAudits', () => {
  const before = auditOf(
    {
      'L-1': { rating: 2, action: { text: 'Name a deputy', status: 'open' } },
      'L-2': { rating: 2, action: { text: 'Report  in October', owner: 'DCS' } },
      'W-1': { rating: 3 },
      'W-2': { rating: 2, action: { text: 'Chase DBS checks', status: 'in-progress' } },
      'W-3': { rating: 1, action: { text: 'Start supervision', status: 'open' } },
    },
    { period: '2024-25' },
  );
  const after = auditOf({
    'L-1': { rating: 3, action: { text: 'Name a deputy', status: 'open' } },
    'L-2': { rating: 3, action: { text: 'Report in October', owner: 'DCS', status: 'done' } },
    'W-1': { rating: 2, action: { text: 'Refresh training', status: 'open' } },
    'W-2': { rating: 2, action: { text: 'Chase DBS checks', status: 'in-progress' } },
  });

  it('classifies each criterion and compares standard means', () => {
    const c = compareAudits(side(before, mini, 'old.yaml'), side(after, mini, 'new.yaml'));
    expect(c.criteria.map((r) => [r.criterion, r.before, r.after, r.change, r.delta])).toEqual([
      ['L-1', 2, 3, 'improved', 1],
      ['L-2', 2, 3, 'improved', 1],
      ['W-1', 3, 2, 'declined', -1],
      ['W-2', 2, 2, 'unchanged', 0],
      ['W-3', 1, null, 'not-assessed', null],
    ]);
    expect(c.standards).toEqual([
      {
        id: 'LEAD', title: 'Leadership', before: 2, after: 3, change: 'improved', delta: 1,
        likeForLike: { criteria: 2, before: 2, after: 3, delta: 1 }, sameCriteria: true, ragBefore: 'red', ragAfter: 'amber',
      },
      // Its means are both 2, but like for like W-1 fell (3 → 2) and W-2 held: W-3 is not assessed now.
      {
        id: 'WORK', title: 'Workforce', before: 2, after: 2, change: 'declined', delta: -0.5,
        likeForLike: { criteria: 2, before: 2.5, after: 2, delta: -0.5 }, sameCriteria: false, ragBefore: 'red', ragAfter: 'amber',
      },
    ]);
    expect(c.counts).toEqual({ improved: 2, declined: 1, unchanged: 1, new: 0, 'not-assessed': 1, 'not-applicable': 0, 'not-comparable': 0 });
    expect(c.before).toMatchObject({ file: 'old.yaml', period: '2024-25', meanRating: 2 });
    expect(c.after).toMatchObject({ file: 'new.yaml', period: '2025-26', meanRating: 2.5 });
    expect(c.edition).toBeNull();
  });

  it('follows up actions: closed by being done or by the gap closing, opened, still open, dropped', () => {
    const { actions } = compareAudits(side(before), side(after));
    // L-1 meets its target of 3 now; L-2 is done (its text differs only in spacing).
    expect(actions.closed.map((a) => [a.criterion, a.how])).toEqual([
      ['L-1', 'gap-closed'],
      ['L-2', 'done'],
    ]);
    expect(actions.opened.map((a) => [a.criterion, a.text])).toEqual([['W-1', 'Refresh training']]);
    expect(actions.stillOpen.map((a) => a.criterion)).toEqual(['W-2']);
    // W-3's action vanished with the gap still open (not even rated now).
    expect(actions.dropped.map((a) => [a.criterion, a.text])).toEqual([['W-3', 'Start supervision']]);
  });

  it('uses moderated ratings on both sides', () => {
    const was = auditOf({ 'L-1': { rating: 3, moderated: { rating: 2, by: 'Panel' } } });
    const now = auditOf({ 'L-1': { rating: 2 } });
    expect(compareAudits(side(was), side(now)).criteria[0]).toMatchObject({ before: 2, after: 2, change: 'unchanged' });
  });

  it('names the criteria a newer edition added and removed', () => {
    const v2: Framework = {
      ...mini,
      version: '2',
      standards: [mini.standards[0]!, { ...mini.standards[1]!, criteria: [...mini.standards[1]!.criteria.slice(0, 2), { id: 'W-4', text: 'six' }] }],
    };
    const c = compareAudits(side(auditOf({ 'W-3': { rating: 2 } }, { frameworkVersion: '1' })), side(auditOf({ 'W-4': { rating: 3 } }), v2));
    expect(c.edition).toEqual({ id: 'mini', before: '1', after: '2', added: ['W-4'], removed: ['W-3'], inferred: false });
    expect(c.criteria.find((r) => r.criterion === 'W-4')).toMatchObject({ before: null, after: 3, change: 'new' });
    expect(c.criteria.some((r) => r.criterion === 'W-3')).toBe(false);
  });

  it('is the identity on an audit compared with itself', () => {
    fc.assert(
      fc.property(frameworkWithAuditArb, ({ framework, audit }) => {
        const c = compareAudits(side(audit, framework), side(audit, framework));
        for (const r of c.criteria) expect(r.change).toBe(r.after === null ? 'not-assessed' : 'unchanged');
        expect(c.counts.improved + c.counts.declined + c.counts.new).toBe(0);
        expect(c.actions.opened).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('compareEditions', () => {
  it('infers the changes from the earlier audit when its edition is no longer available', () => {
    // Made against edition 0, read against edition 1: X-9 is gone, W-3 was never listed.
    const earlier = auditOf({ 'L-1': null, 'L-2': null, 'W-1': null, 'W-2': null }, { frameworkVersion: '0' });
    expect(compareEditions({ framework: mini, audit: earlier, retired: ['X-9'] }, mini)).toEqual({
      id: 'mini',
      before: '0',
      after: '1',
      added: ['W-3'],
      removed: ['X-9'],
      inferred: true,
    });
    expect(compareEditions({ framework: mini, audit: auditOf({}, { frameworkVersion: '1' }) }, mini)).toBeUndefined();
  });
});
