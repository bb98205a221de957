import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseGaps, roundMean, worstRag, type Rag } from '../../src/core/gap-analysis.js';
import { frameworkWithAuditArb } from './arbitraries.js';
import { auditOf, mini } from './mini.js';

const framework = mini;
const audit = auditOf;

describe('analyseGaps', () => {
  it('scores each criterion against its own, the audit’s or the framework’s target', () => {
    const result = analyseGaps(
      framework,
      audit({ 'L-1': { rating: 3 }, 'L-2': { rating: 2, action: { text: 'Bring report forward', owner: 'DCS' } }, 'W-1': { rating: 1 }, 'W-2': null }),
    );
    expect(result.summary).toEqual({ criteria: 5, rated: 3, notAssessed: 2, notApplicable: 0, meetingTarget: 1, belowTarget: 2, meanRating: 2, rag: 'red' });
    expect(result.standards.map((s) => [s.id, s.rated, s.meanRating, s.minRating, s.rag])).toEqual([
      ['LEAD', 2, 2.5, 2, 'red'],
      ['WORK', 1, 1, 1, 'red'],
    ]);
    expect(result.gaps).toEqual([
      {
        criterion: 'L-2',
        standard: 'LEAD',
        text: 'two',
        rating: 2,
        target: 4,
        gap: 2,
        priority: 'high',
        action: { text: 'Bring report forward', owner: 'DCS', due: null, status: 'open' },
        selfRating: 2,
        moderation: null,
      },
      { criterion: 'W-1', standard: 'WORK', text: 'three', rating: 1, target: 3, gap: 2, priority: 'high', action: null, selfRating: 1, moderation: null },
    ]);
    expect(result.notAssessed).toEqual(['W-2', 'W-3']);
  });

  it('scores a moderated rating and keeps the self-rating and the moderation beside it', () => {
    const result = analyseGaps(
      framework,
      audit({
        'L-1': { rating: 3, moderated: { rating: 2, by: 'Panel', note: 'One team only', date: '2026-05-01' } },
        'W-1': { moderated: { rating: 3, by: 'Panel' } },
      }),
    );
    expect(result.gaps).toMatchObject([
      { criterion: 'L-1', rating: 2, selfRating: 3, gap: 1, moderation: { rating: 2, by: 'Panel', note: 'One team only', date: '2026-05-01' } },
    ]);
    expect(result.criteria.find((c) => c.criterion === 'W-1')).toMatchObject({
      rating: 3,
      selfRating: null,
      status: 'meets-target',
      moderation: { rating: 3, by: 'Panel', note: null, date: null },
    });
  });

  it('makes a gap of one medium priority and its standard amber', () => {
    const result = analyseGaps(framework, audit({ 'W-1': { rating: 2 }, 'W-2': { rating: 3 } }));
    expect(result.gaps).toMatchObject([{ criterion: 'W-1', gap: 1, priority: 'medium' }]);
    expect(result.standards.map((s) => s.rag)).toEqual(['unrated', 'amber']);
    expect(result.summary.rag).toBe('amber');
  });

  it('treats a rating at the bottom of the scale as high priority even when the gap is one', () => {
    const result = analyseGaps({ ...framework, target: 2 }, audit({ 'W-1': { rating: 1 } }));
    expect(result.gaps[0]).toMatchObject({ gap: 1, priority: 'high' });
  });

  it('lets a framework change the thresholds', () => {
    const result = analyseGaps({ ...framework, rag: { highGap: 3, bottomIsHigh: false } }, audit({ 'W-1': { rating: 1 } }));
    expect(result.gaps[0]).toMatchObject({ gap: 2, priority: 'medium' });
    expect(result.standards[1]!.rag).toBe('amber');
  });

  it('applies the audit’s target override below a criterion’s own target', () => {
    const result = analyseGaps(framework, audit({ 'L-1': { rating: 3 }, 'L-2': { rating: 3 } }, { target: 4 }));
    expect(result.gaps.map((g) => [g.criterion, g.target])).toEqual([
      ['L-1', 4],
      ['L-2', 4],
    ]);
  });

  it('is green when everything rated meets target, unrated when nothing is rated', () => {
    expect(analyseGaps(framework, audit({ 'L-1': { rating: 4 } })).summary.rag).toBe('green');
    const empty = analyseGaps(framework, audit({}));
    expect(empty.summary).toMatchObject({ rated: 0, meanRating: null, rag: 'unrated' });
    expect(empty.standards.every((s) => s.rag === 'unrated' && s.minRating === null)).toBe(true);
  });

  it('rounds means half up to two decimals', () => {
    expect(roundMean(8, 3)).toBe(2.67);
    expect(roundMean(535, 200)).toBe(2.68);
    expect(roundMean(0, 0)).toBeNull();
  });
});

describe('gap analysis properties', () => {
  it('holds the policy for every criterion', () => {
    fc.assert(
      fc.property(frameworkWithAuditArb, ({ framework: fw, audit: a }) => {
        const result = analyseGaps(fw, a);
        const min = Math.min(...fw.scale.map((l) => l.value));
        const highGap = fw.rag?.highGap ?? 2;
        const bottomIsHigh = fw.rag?.bottomIsHigh ?? true;
        const byId = new Map(fw.standards.flatMap((s) => s.criteria.map((c) => [c.id, c])));
        for (const row of result.criteria) {
          const criterion = byId.get(row.criterion)!;
          expect(row.target).toBe(criterion.target ?? a.target ?? fw.target);
          if (row.rating === null) {
            expect(row).toMatchObject({ gap: 0, priority: null, status: 'not-assessed' });
            continue;
          }
          expect(row.gap).toBe(Math.max(0, row.target - row.rating));
          const high = row.gap >= highGap || (bottomIsHigh && row.rating === min);
          expect(row.priority).toBe(row.gap === 0 ? null : high ? 'high' : 'medium');
        }
      }),
    );
  });

  it('keeps the counts consistent and never counts an unrated criterion as a zero', () => {
    fc.assert(
      fc.property(frameworkWithAuditArb, ({ framework: fw, audit: a }) => {
        const result = analyseGaps(fw, a);
        const s = result.summary;
        expect(s.rated + s.notAssessed).toBe(s.criteria);
        expect(s.meetingTarget + s.belowTarget).toBe(s.rated);
        expect(result.gaps).toHaveLength(s.belowTarget);
        expect(result.notAssessed).toHaveLength(s.notAssessed);
        const ratings = result.criteria.flatMap((c) => (c.rating === null ? [] : [c.rating]));
        if (ratings.length === 0) expect(s.meanRating).toBeNull();
        else {
          const exact = ratings.reduce((x, y) => x + y, 0) / ratings.length;
          expect(Math.abs(s.meanRating! - exact)).toBeLessThanOrEqual(0.005 + 1e-9);
          expect(s.meanRating!).toBeGreaterThanOrEqual(Math.min(...ratings));
          expect(s.meanRating!).toBeLessThanOrEqual(Math.max(...ratings));
        }
      }),
    );
  });

  it('derives RAG from the gaps and the overall RAG from the worst rated standard', () => {
    const severity: Record<Rag, number> = { unrated: -1, green: 0, amber: 1, red: 2 };
    fc.assert(
      fc.property(frameworkWithAuditArb, ({ framework: fw, audit: a }) => {
        const result = analyseGaps(fw, a);
        for (const standard of result.standards) {
          const rows = result.criteria.filter((c) => c.standard === standard.id);
          const expected: Rag = rows.every((r) => r.rating === null)
            ? 'unrated'
            : rows.some((r) => r.priority === 'high')
              ? 'red'
              : rows.some((r) => r.gap > 0)
                ? 'amber'
                : 'green';
          expect(standard.rag).toBe(expected);
        }
        const rated = result.standards.filter((x) => x.rag !== 'unrated');
        const worst = rated.length ? rated.reduce((w, x) => (severity[x.rag] > severity[w.rag] ? x : w)).rag : 'unrated';
        expect(result.summary.rag).toBe(worst);
        expect(worstRag(result.standards.map((x) => x.rag))).toBe(worst);
      }),
    );
  });

  it('lists gaps largest first, then in framework order', () => {
    fc.assert(
      fc.property(frameworkWithAuditArb, ({ framework: fw, audit: a }) => {
        const { criteria, gaps } = analyseGaps(fw, a);
        const order = criteria.map((c) => c.criterion);
        for (let i = 1; i < gaps.length; i++) {
          const [prev, cur] = [gaps[i - 1]!, gaps[i]!];
          expect(prev.gap > cur.gap || (prev.gap === cur.gap && order.indexOf(prev.criterion) < order.indexOf(cur.criterion))).toBe(true);
        }
      }),
    );
  });

  it('never worsens when a rating rises', () => {
    const severity: Record<Rag, number> = { unrated: -1, green: 0, amber: 1, red: 2 };
    fc.assert(
      fc.property(frameworkWithAuditArb, fc.nat(), ({ framework: fw, audit: a }, pick) => {
        const rated = Object.keys(a.responses);
        fc.pre(rated.length > 0);
        const id = rated[pick % rated.length]!;
        const max = Math.max(...fw.scale.map((l) => l.value));
        const before = analyseGaps(fw, a);
        const raised = analyseGaps(fw, { ...a, responses: { ...a.responses, [id]: { rating: max } } });
        const total = (r: typeof before) => r.gaps.reduce((n, g) => n + g.gap, 0);
        expect(total(raised)).toBeLessThanOrEqual(total(before));
        expect(severity[raised.summary.rag]).toBeLessThanOrEqual(severity[before.summary.rag]);
      }),
    );
  });
});
