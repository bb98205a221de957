/** Calendar dates as the audit files hold them: ISO 8601 `YYYY-MM-DD`, no time, no zone. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (so 2025-02-29 is false). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** True for a real date and time in ISO 8601 form with a zone, e.g. 2026-03-31T14:05:09Z. */
export function isIsoDateTime(value: string): boolean {
  const m = ISO_DATE_TIME.exec(value);
  return m !== null && isIsoDate(m[1]!);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The date part of `now` in UTC, `YYYY-MM-DD`. */
export function toIsoDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** `date` plus `days` calendar days. `date` must be a valid ISO date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return toIsoDate(d);
}

/**
 * `date` plus `months` calendar months, kept within the month reached: 2026-01-31 plus one
 * month is 2026-02-28, not a day in March.
 */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return toIsoDate(first);
}

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * A date as a person in the UK writes it, the one reading of every date typed (options, the
 * session's questions, a return's Due cells): `2027-03-31` (also `2027-3-31`), the UK order
 * `31/03/2027` (dots or dashes, one-digit day and month, a two-digit year of this century:
 * `31-3-27`), or `31 March 2027` (`31st Mar 2027`, `31-Mar-27`). Gives the ISO date; `date` is
 * undefined when the text is no real date (`31/02/2027`, the US order `03/31/2027`), `form`
 * says whether it was at least written as a date.
 */
export function readTypedDate(text: string): { date: string | undefined; form: boolean } {
  const typed = text.trim();
  let year: number, month: number, day: number;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed))) {
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(typed))) {
    [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{2}|\d{4})$/i.exec(typed))) {
    const token = m[2]!.toLowerCase();
    const index = token === 'sept' ? 8 : MONTH_NAMES.findIndex((name) => token.length >= 3 && name.startsWith(token));
    if (index < 0) return { date: undefined, form: false };
    [day, month, year] = [Number(m[1]), index + 1, Number(m[3])];
  } else {
    return { date: undefined, form: false };
  }
  if (year < 100) year += 2000;
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { date: isIsoDate(iso) ? iso : undefined, form: true };
}

/** `2027-03-31` as the UK writes it: 31/03/2027. */
export function ukDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}
