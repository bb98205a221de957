import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateAudits, oneReturnPerAgency } from '../../src/core/aggregate.js';
import { analyseGaps } from '../../src/core/gap-analysis.js';
import { frameworkWithAuditArb } from './arbitraries.js';
import { allRated, auditOf, mini } from './mini.js';

describe('aggregateAudits', () => {
  const agencies = [
    { file: 'police.yaml', audit: auditOf(allRated(4), { organisation: 'Police' }) },
    // Leadership 1 and 4 → mean 2.5, red; Workforce 2, 2, 2 → amber.
    { file: 'health.yaml', audit: auditOf(allRated(2, { 'L-1': { rating: 1 }, 'L-2': { rating: 4 } }), { organisation: 'Health' }) },
    // Only one criterion of Workforce rated: 3 of 3.
    { file: 'school.yaml', audit: auditOf({ 'W-1': { rating: 3 } }, { organisation: 'academy trust', period: '2024-25' }) },
  ];
  const view = aggregateAudits(mini, agencies);

  it('gives each agency its standing by standard, sorted by name', () => {
    expect(view.agencies.map((a) => a.organisation)).toEqual(['academy trust', 'Health', 'Police']);
    expect(view.agencies[1]!.standards).toEqual([
      { id: 'LEAD', meanRating: 2.5, rag: 'red', rated: 2, criteria: 2, belowTarget: 1, notApplicable: 0, notInEdition: 0 },
      { id: 'WORK', meanRating: 2, rag: 'amber', rated: 3, criteria: 3, belowTarget: 3, notApplicable: 0, notInEdition: 0 },
    ]);
    expect(view.agencies[0]!.standards[0]).toMatchObject({ meanRating: null, rag: 'unrated' });
  });

  it('averages agencies, not criteria, and counts agencies below target', () => {
    expect(view.standards).toEqual([
      {
        id: 'LEAD',
        title: 'Leadership',
        meanRating: 3.25, // (2.5 + 4) / 2: the academy trust rated nothing here
        rag: 'red',
        agenciesBelowTarget: 1,
        agenciesRated: 2,
        agenciesByRag: { red: 1, amber: 0, green: 1, unrated: 1 },
      },
      {
        id: 'WORK',
        title: 'Workforce',
        meanRating: 3, // (4 + 2 + 3) / 3
        rag: 'amber',
        agenciesBelowTarget: 1,
        agenciesRated: 3,
        agenciesByRag: { red: 0, amber: 1, green: 2, unrated: 0 },
      },
    ]);
    expect(view.summary).toEqual({ agencies: 3, meanRating: 3.07, // (4 + 2.2 + 3) / 3
      rag: 'red', agenciesByRag: { red: 1, amber: 0, green: 2, unrated: 0 }, widespreadShortfalls: 0 });
    expect(view.periods).toEqual(['2024-25', '2025-26']);
  });

  it('lists the shortfalls most shared first, and the agencies with red standards', () => {
    // None is below target in more than half of the agencies that rated it: 1 of 2 is half.
    expect(view.shortfalls.map((s) => [s.criterion, s.agenciesBelowTarget, s.agenciesRated, s.meanRating, s.widespread])).toEqual([
      ['L-1', 1, 2, 2.5, false],
      ['W-1', 1, 3, 3, false],
      ['W-2', 1, 2, 3, false],
      ['W-3', 1, 2, 3, false],
    ]);
    expect(view.redAgencies).toEqual([{ organisation: 'Health', file: 'health.yaml', standards: [{ id: 'LEAD', title: 'Leadership' }] }]);
  });

  it('keeps one return an agency: its latest period’s; two of one period are a conflict', () => {
    const earlier = { file: 'police-2024.yaml', audit: auditOf({ 'L-1': { rating: 1 } }, { organisation: 'police ', period: '2024-25' }) };
    const one = oneReturnPerAgency([...agencies, earlier]);
    expect(one.kept).toEqual(agencies);
    expect(one.superseded).toEqual([{ organisation: 'police ', file: 'police-2024.yaml', period: '2024-25', by: 'police.yaml' }]);
    expect(one.conflicts).toEqual([]);
    const twice = oneReturnPerAgency([...agencies, { file: 'police-v2.yaml', audit: auditOf({}, { organisation: 'POLICE' }) }]);
    expect(twice.conflicts).toEqual([{ organisation: 'Police', period: '2025-26', files: ['police.yaml', 'police-v2.yaml'] }]);
    expect(twice.kept.map((a) => a.file)).toEqual(agencies.filter((a) => a.audit.organisation !== 'Police').map((a) => a.file));
  });

  it('agrees with each agency’s own gap analysis', () => {
    fc.assert(
      fc.property(frameworkWithAuditArb, ({ framework, audit }) => {
        const single = aggregateAudits(framework, [{ file: 'a.yaml', audit }]);
        const own = analyseGaps(framework, audit);
        expect(single.standards.map((s) => [s.meanRating, s.rag, s.agenciesBelowTarget])).toEqual(
          own.standards.map((s) => [s.meanRating, s.rag, s.belowTarget > 0 ? 1 : 0]),
        );
        expect(single.summary.meanRating).toBe(own.summary.meanRating);
      }),
      { numRuns: 200 },
    );
  });
});
