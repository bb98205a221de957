/**
 * The change in a mean rating between two periods, like for like: over the criteria rated in
 * both. A criterion rated in one period only (new to an edition, not comparable across a
 * crosswalk, or not assessed) would move the mean though no rating changed. The change is
 * taken from the unrounded sums and rounded once, so the same change never prints as −0.33 in
 * one place and +0.34 in another.
 */
import { roundMean } from './gap-analysis.js';

export interface MeanChange {
  /** Criteria rated in both periods: the ones the change is taken over. */
  criteria: number;
  /** Their means before and after (to 2 decimals); null when none is rated in both. */
  before: number | null;
  after: number | null;
  /** after − before, rounded once to 2 decimals (half away from zero); null when none is rated in both. */
  delta: number | null;
}

/** Pairs of one criterion's rating before and after; a pair with a side unrated is left out. */
export function meanChange(pairs: Iterable<readonly [number | null | undefined, number | null | undefined]>): MeanChange {
  let criteria = 0;
  let before = 0;
  let after = 0;
  for (const [b, a] of pairs) {
    if (b === null || b === undefined || a === null || a === undefined) continue;
    criteria++;
    before += b;
    after += a;
  }
  if (criteria === 0) return { criteria, before: null, after: null, delta: null };
  return { criteria, before: roundMean(before, criteria), after: roundMean(after, criteria), delta: roundChange((after - before) / criteria) };
}

/** To 2 decimals, half away from zero so a rise and a fall of the same size read the same; never −0. */
function roundChange(n: number): number {
  const r = Math.round(Math.abs(n) * 100 + 1e-9) / 100;
  return r === 0 ? 0 : Math.sign(n) * r;
}

/**
 * A change for display, signed with a true minus: "+0.25", "−0.10" and "0.00" for none for a
 * mean (2 decimals, the default); "+2", "−1", "0" for a rating (`decimals` 0).
 */
export function formatChange(delta: number, decimals = 2): string {
  if (delta === 0) return (0).toFixed(decimals);
  return `${delta < 0 ? '−' : '+'}${Math.abs(delta).toFixed(decimals)}`;
}
