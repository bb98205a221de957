import { describe, expect, it } from 'vitest';
import { bridgeFromCrosswalk, type Crosswalk } from '../../src/core/crosswalk.js';
import type { Framework } from '../../src/core/framework.js';
import { analyseTrend, trendProblem, type TrendInput } from '../../src/core/trend.js';
import { auditOf, mini } from './mini.js';

const next: Framework = {
  ...mini,
  id: 'mini',
  version: '2',
  standards: [mini.standards[0]!, { id: 'WORK', title: 'Workforce', criteria: [{ id: 'W-1', text: 'three' }, { id: 'W-4', text: 'six' }] }],
};
const crosswalk: Crosswalk = {
  from: { framework: 'mini', version: '1' },
  to: { framework: 'mini', version: '2' },
  mappings: [
    { from: 'L-1', to: 'L-1', relationship: 'equal' },
    { from: 'L-2', to: 'L-2', relationship: 'equal' },
    { from: 'W-1', to: 'W-1', relationship: 'equal' },
    { from: 'W-2', relationship: 'none' },
    { from: 'W-3', to: 'W-4', relationship: 'subset' },
  ],
};

const inputs: TrendInput[] = [
  {
    file: 'c.yaml',
    framework: next,
    audit: auditOf(
      { 'L-1': { rating: 4 }, 'L-2': { rating: 2, action: { text: 'Report in October', status: 'in-progress' } }, 'W-1': { rating: 3 }, 'W-4': { rating: 2, action: { text: 'Supervise all' } } },
      { period: '2026-27' },
    ),
  },
  {
    file: 'a.yaml',
    framework: mini,
    bridge: bridgeFromCrosswalk(crosswalk, 'x.yaml', mini, next),
    audit: auditOf(
      {
        'L-1': { rating: 2, action: { text: 'Name a lead' } },
        'L-2': { rating: 2, action: { text: 'Report in October' } },
        'W-1': { rating: 1, action: { text: 'Train everyone' } },
        'W-2': { rating: 3 },
        'W-3': { rating: 3, action: { text: 'Supervise all' } },
      },
      { period: '2024-25' },
    ),
  },
  {
    file: 'b.yaml',
    framework: mini,
    bridge: bridgeFromCrosswalk(crosswalk, 'x.yaml', mini, next),
    audit: auditOf(
      { 'L-1': { rating: 3, action: { text: 'Name a lead', status: 'done' } }, 'L-2': { rating: 2, action: { text: 'Report in October' } }, 'W-1': { rating: 2 }, 'W-3': { rating: 2, action: { text: 'Supervise all' } } },
      { period: '2025-26' },
    ),
  },
];

describe('analyseTrend', () => {
  const trend = analyseTrend(inputs);

  it('puts the periods in period order, each with its own figures and how it was read onto the newest edition', () => {
    expect(trend.periods.map((p) => [p.period, p.file, p.framework.version, p.meanRating, p.rag, p.rated, p.belowTarget])).toEqual([
      ['2024-25', 'a.yaml', '1', 2.2, 'red', 5, 3],
      ['2025-26', 'b.yaml', '1', 2.25, 'red', 4, 3],
      ['2026-27', 'c.yaml', '2', 2.75, 'red', 4, 2],
    ]);
    expect(trend.periods[0]!.mapping).toEqual({ via: 'crosswalk', crosswalk: 'x.yaml', equal: 3, criteria: 4, own: { equal: 3, criteria: 5 } });
    expect(trend.periods[0]!.onNewestEdition).toEqual({ meanRating: 1.67, rag: 'red', rated: 3 });
    expect(trend.periods[2]!.mapping).toBeNull();
    expect(trend.framework).toEqual({ id: 'mini', title: 'Mini', version: '2' });
  });

  it('gives each standard and criterion of the newest edition a series, null where not rated or not mappable', () => {
    expect(trend.standards.map((s) => [s.id, s.series.map((p) => p.meanRating)])).toEqual([
      ['LEAD', [2, 2.5, 3]],
      ['WORK', [1, 2, 2.5]],
    ]);
    expect(trend.criteria.find((c) => c.criterion === 'W-4')!.series.map((p) => p.rating)).toEqual([null, null, 2]);
    expect(trend.criteria.find((c) => c.criterion === 'W-1')!.series.map((p) => p.rating)).toEqual([1, 2, 3]);
  });

  it('names the criteria that improved or declined most over the span', () => {
    expect(trend.improved.map((m) => [m.criterion, m.from, m.to, m.change])).toEqual([
      ['L-1', { period: '2024-25', rating: 2, selfRating: null }, { period: '2026-27', rating: 4, selfRating: null }, 2],
      ['W-1', { period: '2024-25', rating: 1, selfRating: null }, { period: '2026-27', rating: 3, selfRating: null }, 2],
    ]);
    expect(trend.declined).toEqual([]);
  });

  it('follows actions across the years: closed, still open since when, dropped', () => {
    expect(trend.actions.closed.map((a) => [a.criterion, a.text, a.since, a.closedIn, a.how])).toEqual([['L-1', 'Name a lead', '2024-25', '2025-26', 'done']]);
    expect(trend.actions.stillOpen.map((a) => [a.criterion, a.text, a.since, a.status])).toEqual([
      ['L-2', 'Report in October', '2024-25', 'in-progress'],
      ['W-4', 'Supervise all', '2024-25', 'open'],
    ]);
    expect(trend.actions.dropped.map((a) => [a.criterion, a.text, a.droppedIn])).toEqual([['W-1', 'Train everyone', '2025-26']]);
  });
});

describe('analyseTrend, with criteria not applicable', () => {
  it('counts a criterion not applicable in no mean: its point is null, as where not rated', () => {
    const [now, first, second] = inputs;
    const trend = analyseTrend([
      now!,
      first!,
      { ...second!, audit: { ...second!.audit, responses: { ...second!.audit.responses, 'W-1': { notApplicable: 'No staff that year' } } } },
    ]);
    expect(trend.criteria.find((c) => c.criterion === 'W-1')!.series.map((p) => p.rating)).toEqual([1, null, 3]);
    expect(trend.standards.find((s) => s.id === 'WORK')!.series.map((p) => p.meanRating)).toEqual([1, null, 2.5]);
    expect(trend.periods[1]!.rated).toBe(3);
  });
});

describe('trendProblem', () => {
  const of = (organisation: string, period: string, file: string) => ({ file, audit: { organisation, period } });

  it('wants three periods or more, of one organisation, one audit each', () => {
    expect(trendProblem([of('A', '1', 'a'), of('A', '2', 'b')])).toBe('a trend needs audits of 3 or more periods; for two, use audit compare OLD NEW');
    expect(trendProblem([of('Police', '1', 'a'), of(' police ', '2', 'b'), of('Council', '3', 'c')])).toBe(
      'a trend follows one organisation, but these audits are of 2: Police (a, b); Council (c). For several agencies side by side, use audit aggregate',
    );
    expect(trendProblem([of('A', '1', 'a'), of('A', '1', 'b'), of('A', '3', 'c')])).toBe('two audits of the period 1: a, b; give one audit per period');
    expect(trendProblem([of('A', '1', 'a'), of('A', '2', 'b'), of('A', '3', 'c')])).toBeUndefined();
  });
});
