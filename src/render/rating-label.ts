/**
 * A rating as reports show it: the rating that counts, and the organisation's own rating
 * beside it where a partnership panel moderated it to something else ("2 (self 3)").
 */
export interface RatedRow {
  rating: number | null;
  selfRating: number | null;
  moderation: { rating: number } | null;
}

export function ratingLabel(row: RatedRow): string {
  if (row.rating === null) return '–';
  if (!row.moderation || row.selfRating === row.rating) return String(row.rating);
  return row.selfRating === null ? `${row.rating} (moderated; no self-rating)` : `${row.rating} (self ${row.selfRating})`;
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
