import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Audit } from '../../src/core/audit.js';
import { analyseGaps } from '../../src/core/gap-analysis.js';
import { buildPlan } from '../../src/core/plan.js';
import { frameworkWithAuditArb } from './arbitraries.js';
import { auditOf, mini } from './mini.js';

const framework = mini;
const audit = (responses: Audit['responses']) => auditOf(responses);

describe('buildPlan', () => {
  it('lists one row per gap: high priority first, then the larger gap, then framework order', () => {
    const plan = buildPlan(
      framework,
      audit({ 'L-1': { rating: 2 }, 'L-2': { rating: 3 }, 'W-1': { rating: 1 }, 'W-2': { rating: 2 }, 'W-3': { rating: 3 } }),
      '2026-01-01',
    );
    // W-1 is high (bottom of scale, gap 2); L-1, L-2 and W-2 are medium with gap 1, in framework order.
    expect(plan.actions.map((a) => [a.criterion, a.priority, a.gap])).toEqual([
      ['W-1', 'high', 2],
      ['L-1', 'medium', 1],
      ['L-2', 'medium', 1],
      ['W-2', 'medium', 1],
    ]);
    expect(plan.summary).toMatchObject({ gaps: 4, high: 1, medium: 3, needsAction: 4, withAction: 0, notAssessed: 0 });
  });

  it('shows a gap without an action as needing one, with no status', () => {
    const [row] = buildPlan(framework, audit({ 'W-1': { rating: 2 } }), '2026-01-01').actions;
    expect(row).toMatchObject({ action: null, owner: null, due: null, status: null, needsAction: true, overdue: false });
  });

  it('marks an action overdue only when its due date has passed and it is not done', () => {
    const plan = buildPlan(
      framework,
      audit({
        'L-1': { rating: 2, action: { text: 'late', due: '2025-12-31' } },
        'L-2': { rating: 2, action: { text: 'due today', due: '2026-01-01', status: 'in-progress' } },
        'W-1': { rating: 1, action: { text: 'late but done', due: '2025-06-01', status: 'done' } },
        'W-2': { rating: 2, action: { text: 'no date' } },
      }),
      '2026-01-01',
    );
    const byId = Object.fromEntries(plan.actions.map((a) => [a.criterion, a]));
    expect(byId['L-1']).toMatchObject({ status: 'open', overdue: true, daysOverdue: 1 });
    expect(byId['L-2']).toMatchObject({ status: 'in-progress', overdue: false, daysOverdue: 0 });
    expect(byId['W-1']).toMatchObject({ status: 'done', overdue: false, awaitingReassessment: true });
    expect(byId['W-2']).toMatchObject({ due: null, overdue: false });
    expect(plan.summary).toMatchObject({ overdue: 1, done: 1, inProgress: 1, awaitingReassessment: 1, needsAction: 0 });
  });

  it('uses the moderated rating where a panel gave one', () => {
    const plan = buildPlan(framework, audit({ 'L-1': { rating: 3, moderated: { rating: 2, by: 'Panel' } }, 'W-1': { rating: 1, moderated: { rating: 3, by: 'Panel' } } }), '2026-01-01');
    expect(plan.actions.map((a) => [a.criterion, a.rating])).toEqual([['L-1', 2]]);
  });

  it('counts unrated criteria as not assessed, never as gaps', () => {
    const plan = buildPlan(framework, audit({ 'L-1': null, 'W-1': { rating: null, action: { text: 'x' } } }), '2026-01-01');
    expect(plan.actions).toEqual([]);
    expect(plan.summary.notAssessed).toBe(5);
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => buildPlan(framework, audit({}), '2026-02-30')).toThrow(RangeError);
  });

  it('holds exactly the gaps of the gap analysis, sorted, for any framework and audit', () => {
    fc.assert(
      fc.property(frameworkWithAuditArb, ({ framework: f, audit: a }) => {
        const plan = buildPlan(f, a, '2026-01-01');
        const gaps = analyseGaps(f, a).gaps;
        expect(plan.actions.map((r) => r.criterion).sort()).toEqual(gaps.map((g) => g.criterion).sort());
        const rank = (p: string) => (p === 'high' ? 0 : 1);
        for (let i = 1; i < plan.actions.length; i++) {
          const [x, y] = [plan.actions[i - 1]!, plan.actions[i]!];
          expect(rank(x.priority) < rank(y.priority) || (rank(x.priority) === rank(y.priority) && x.gap >= y.gap)).toBe(true);
        }
        expect(plan.summary.high + plan.summary.medium).toBe(plan.summary.gaps);
        expect(plan.summary.withAction + plan.summary.needsAction).toBe(plan.summary.gaps);
      }),
    );
  });
});
