/**
 * A rating as reports show it: the rating that counts, and the organisation's own rating
 * beside it where a partnership panel moderated it to something else ("2 (self 3)").
 */
export interface RatedRow {
  rating: number | null;
  selfRating: number | null;
  moderation: { rating: number | null; applicable?: boolean } | null;
}

export function ratingLabel(row: RatedRow): string {
  if (row.rating === null) return '–';
  if (!row.moderation || row.selfRating === row.rating) return String(row.rating);
  if (row.selfRating !== null) return `${row.rating} (self ${row.selfRating})`;
  // A panel that rated a criterion the organisation called not applicable challenged that first.
  return row.moderation.applicable ? `${row.rating} (moderated; self: not applicable)` : `${row.rating} (moderated; no self-rating)`;
}

/** True when the rating that counts is not the organisation's own. */
export function isModeratedAway(row: RatedRow): boolean {
  return row.moderation !== null && row.selfRating !== row.rating;
}

/** "Moderated by Partnership panel, 2026-05-12: evidence did not support a 3". */
export function moderationNote(m: { by: string; date: string | null; note: string | null }): string {
  return `Moderated by ${m.by}${m.date ? `, ${m.date}` : ''}${m.note ? `: ${m.note.replace(/\s+/g, ' ')}` : ''}`;
}

/** A mean rating to two decimals, or – when nothing was rated. */
export function formatMean(mean: number | null): string {
  return mean === null ? '–' : mean.toFixed(2);
}
