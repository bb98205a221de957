import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Audit } from '../../src/core/audit.js';
import { addMonths, isIsoDate } from '../../src/core/dates.js';
import type { Framework } from '../../src/core/framework.js';
import {
  canGoBack,
  countRated,
  currentStep,
  financialYearOf,
  isSameOwner,
  judgeRating,
  moveWalk,
  planWalk,
  progressOf,
  ratedWithoutEvidence,
  readDate,
  startWalk,
  suggestDueDate,
  suggestOwners,
} from '../../src/core/walk.js';
import { frameworkWithAuditArb } from './arbitraries.js';
import { auditOf, mini } from './mini.js';

const framework: Framework = { ...mini, roles: ['Director of Children’s Services', 'LSCB Chair'] };
const audit = (responses: Audit['responses']) => auditOf(responses);

describe('planWalk', () => {
  const partly = audit({ 'L-1': { rating: 3 }, 'L-2': null, 'W-1': { moderated: { rating: 2, by: 'Panel' } }, 'W-3': { evidence: 'notes only' } });

  it('visits the criteria without a rating, in framework order', () => {
    expect(planWalk(framework, partly, { mode: 'unrated' })).toEqual(['L-2', 'W-2', 'W-3']);
  });

  it('in review visits the rated ones, counting a moderated rating as rated', () => {
    expect(planWalk(framework, partly, { mode: 'review' })).toEqual(['L-1', 'W-1']);
  });

  it('keeps to one standard when asked', () => {
    expect(planWalk(framework, partly, { mode: 'unrated', standard: 'WORK' })).toEqual(['W-2', 'W-3']);
    expect(planWalk(framework, partly, { mode: 'review', standard: 'LEAD' })).toEqual(['L-1']);
  });

  it('splits every criterion between the two modes, whatever the audit', () => {
    fc.assert(
      fc.property(frameworkWithAuditArb, ({ framework: f, audit: a }) => {
        const unrated = planWalk(f, a, { mode: 'unrated' });
        const rated = planWalk(f, a, { mode: 'review' });
        const all = f.standards.flatMap((s) => s.criteria.map((c) => c.id));
        expect([...unrated, ...rated].sort()).toEqual([...all].sort());
      }),
    );
  });
});

describe('moving through a walk', () => {
  it('goes forward to the end, and back no further than the first step', () => {
    let state = startWalk(['A', 'B', 'C']);
    expect(currentStep(state)).toBe('A');
    expect(canGoBack(state)).toBe(false);
    state = moveWalk(state, 'back');
    expect(currentStep(state)).toBe('A');
    state = moveWalk(moveWalk(state, 'next'), 'next');
    expect(currentStep(state)).toBe('C');
    expect(canGoBack(state)).toBe(true);
    state = moveWalk(state, 'back');
    expect(currentStep(state)).toBe('B');
    state = moveWalk(moveWalk(moveWalk(state, 'next'), 'next'), 'next');
    expect(currentStep(state)).toBeUndefined();
    expect(state.index).toBe(3);
  });

  it('never leaves the steps, whatever the moves', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.constantFrom('next' as const, 'back' as const)), (n, moves) => {
        const steps = Array.from({ length: n }, (_, i) => `C-${i}`);
        let state = startWalk(steps);
        for (const move of moves) {
          state = moveWalk(state, move);
          expect(state.index).toBeGreaterThanOrEqual(0);
          expect(state.index).toBeLessThanOrEqual(n);
        }
      }),
    );
  });
});

describe('progressOf', () => {
  it('says where the officer is in the framework and how much is rated', () => {
    const state = moveWalk(startWalk(['L-2', 'W-2', 'W-3']), 'next');
    const progress = progressOf(framework, audit({ 'L-1': { rating: 3 }, 'W-1': { rating: 1 } }), state);
    expect(progress).toMatchObject({
      standardNumber: 2,
      standardCount: 2,
      criterionNumber: 4,
      criterionCount: 5,
      rated: 2,
      percentAnswered: 40,
      stepNumber: 2,
      stepCount: 3,
    });
    expect(progress.standard.id).toBe('WORK');
  });

  it('reaches 100 per cent only when every criterion is rated', () => {
    const big: Framework = {
      ...framework,
      standards: [{ id: 'S', title: 'S', criteria: Array.from({ length: 300 }, (_, i) => ({ id: `C-${i}`, text: 't' })) }],
    };
    const responses = Object.fromEntries(Array.from({ length: 299 }, (_, i) => [`C-${i}`, { rating: 3 }]));
    expect(progressOf(big, audit(responses), startWalk(['C-299'])).percentAnswered).toBe(99);
  });
});

describe('judgeRating', () => {
  it('judges against the criterion’s own target, as the gap analysis does', () => {
    expect(judgeRating(framework, audit({}), 'L-1', 3)).toEqual({ target: 3, gap: 0, priority: undefined });
    expect(judgeRating(framework, audit({}), 'L-2', 3)).toEqual({ target: 4, gap: 1, priority: 'medium' });
    expect(judgeRating(framework, audit({}), 'L-2', 2)).toEqual({ target: 4, gap: 2, priority: 'high' });
    expect(judgeRating(framework, audit({}), 'W-1', 1)).toEqual({ target: 3, gap: 2, priority: 'high' });
  });

  it('lets a moderated rating win over the self-rating given', () => {
    const moderated = audit({ 'W-1': { rating: 1, moderated: { rating: 3, by: 'Panel' } } });
    expect(judgeRating(framework, moderated, 'W-1', 1).gap).toBe(0);
  });
});

describe('suggestions', () => {
  it('suggests a due date 3 months on for high priority and 6 for medium, within the month', () => {
    expect(suggestDueDate('high', '2025-06-02')).toBe('2025-09-02');
    expect(suggestDueDate('medium', '2025-06-02')).toBe('2025-12-02');
    expect(suggestDueDate('high', '2025-11-30')).toBe('2026-02-28');
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
  });

  it('always suggests a real date after today', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), fc.constantFrom('high' as const, 'medium' as const), (date, priority) => {
        const today = date.toISOString().slice(0, 10);
        const due = suggestDueDate(priority, today);
        expect(isIsoDate(due)).toBe(true);
        expect(due > today).toBe(true);
      }),
    );
  });

  it('offers the owners already used first, then the framework’s roles, each once', () => {
    const used = audit({
      'W-2': { rating: 1, action: { text: 'x', owner: 'HR lead' } },
      'L-1': { rating: 2, action: { text: 'y', owner: 'lscb  chair' } },
      'W-3': { rating: 2, action: { text: 'z', owner: 'HR Lead' } },
    });
    expect(suggestOwners(framework, used)).toEqual(['lscb  chair', 'HR lead', 'Director of Children’s Services']);
  });

  it('offers the UK financial year as the period', () => {
    expect(financialYearOf('2025-04-01')).toBe('2025-26');
    expect(financialYearOf('2026-03-31')).toBe('2025-26');
    expect(financialYearOf('2099-12-01')).toBe('2099-00');
  });

  it('reads dates as ISO or in the UK order, and refuses what is no date', () => {
    expect(readDate(' 2026-03-31 ')).toBe('2026-03-31');
    expect(readDate('31/03/2026')).toBe('2026-03-31');
    expect(readDate('1.4.2026')).toBe('2026-04-01');
    expect(readDate('29/02/2025')).toBeUndefined();
    expect(readDate('03/31/2026')).toBeUndefined();
    expect(readDate('next week')).toBeUndefined();
    expect(readDate('2026-3-1')).toBe('2026-03-01');
    expect(readDate('31 March 2027')).toBe('2027-03-31');
    expect(readDate('31-3-27')).toBe('2027-03-31');
  });
});

describe('what is rated', () => {
  const partly = audit({ 'L-1': { rating: 3, evidence: 'Minutes' }, 'L-2': { rating: 2, evidence: '  ' }, 'W-1': { moderated: { rating: 2, by: 'Panel' } }, 'W-2': { rating: 4 } });

  it('counts self and moderated ratings, and lists self-ratings with no evidence', () => {
    expect(countRated(framework, partly)).toBe(4);
    expect(ratedWithoutEvidence(framework, partly)).toEqual(['L-2', 'W-2']);
  });

  it('compares owners without case or spacing', () => {
    expect(isSameOwner('HR  lead ', 'hr Lead')).toBe(true);
    expect(isSameOwner('HR lead', 'HR leads')).toBe(false);
  });
});
