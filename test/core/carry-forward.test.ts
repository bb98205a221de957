import { describe, expect, it } from 'vitest';
import { carryForward } from '../../src/core/carry-forward.js';
import { auditOf, mini } from './mini.js';

describe('carryForward', () => {
  const last = auditOf(
    {
      'L-1': { rating: 3, evidence: 'Constitution, 2024.\n', moderated: { rating: 2, by: 'Panel' } },
      'L-2': { rating: 2, action: { text: 'Report in October', owner: 'DCS', due: '2026-10-31', status: 'in-progress' } },
      'W-1': { rating: 4, evidence: '  ', action: { text: 'Train everyone', status: 'done' } },
      'W-2': null,
    },
    { period: '2025-26' },
  );

  it('carries evidence, open actions and last ratings, never the ratings themselves', () => {
    const carried = carryForward(last, mini);
    expect([...carried.answers]).toEqual([
      ['L-1', { evidence: 'Constitution, 2024.', previous: { period: '2025-26', rating: 3, moderated: 2 } }],
      ['L-2', { action: { text: 'Report in October', owner: 'DCS', due: '2026-10-31', status: 'in-progress' }, previous: { period: '2025-26', rating: 2 } }],
      ['W-1', { previous: { period: '2025-26', rating: 4 } }],
    ]);
    expect(carried.counts).toEqual({ evidence: 1, actions: 1, doneActions: 1, previousRatings: 3, notApplicable: 0, notApplicableByKind: 0 });
    expect(carried.dropped).toEqual([]);
  });

  it('names the answers it cannot carry to a framework without their criteria', () => {
    const carried = carryForward(last, mini, { 'X-1': { rating: 2 }, 'X-2': null });
    expect(carried.dropped).toEqual(['X-1']);
  });
});
