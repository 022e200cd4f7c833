/**
 * Dates as exports write them. Every date is the stored instant read in UTC,
 * so a file exported in Tokyo and in Denver names the same day.
 */

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The UTC calendar day of an ISO 8601 instant as [year, month, day]; null when it is not a date. */
export function utcDateParts(iso: string | null): readonly [number, number, number] | null {
  if (iso === null) return null;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  const date = new Date(time);
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}

/** "2025-09-07" (the UTC day), or null when `iso` is not a date. */
export function utcDay(iso: string | null): string | null {
  const parts = utcDateParts(iso);
  if (parts === null) return null;
  const [year, month, day] = parts;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "7 September 2025" (the UTC day), or null when `iso` is not a date. */
export function longDate(iso: string | null): string | null {
  if (iso === null) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : LONG_DATE.format(time);
}
