/**
 * Dates for the query language's date filters. Calendar dates are read in
 * UTC so that a query means the same thing in the renderer, the core and the
 * CLI, on any machine, and in tests; the difference from local time is a few
 * hours at the edges of a range.
 */

/** A calendar period as a half-open range of epoch milliseconds. */
export interface CalendarPeriod {
  /** The first millisecond of the period. */
  readonly start: number;
  /** The first millisecond after the period. */
  readonly end: number;
}

const CALENDAR_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** `2025` (the year), `2025-03` (the month) or `2025-03-07` (the day); null if it is not a real date. */
export function parseCalendarPeriod(text: string): CalendarPeriod | null {
  const match = CALENDAR_DATE.exec(text);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = match[2] === undefined ? null : Number(match[2]);
  const day = match[3] === undefined ? null : Number(match[3]);
  if (month === null) return { start: utcTime(year, 0, 1), end: utcTime(year + 1, 0, 1) };
  if (month < 1 || month > 12) return null;
  if (day === null) return { start: utcTime(year, month - 1, 1), end: utcTime(year, month, 1) };
  if (day < 1 || day > daysInMonth(year, month - 1)) return null;
  return { start: utcTime(year, month - 1, day), end: utcTime(year, month - 1, day + 1) };
}

export type RelativeUnit = 'h' | 'd' | 'w' | 'm' | 'y';

export interface RelativeSpan {
  readonly amount: number;
  readonly unit: RelativeUnit;
}

const RELATIVE_SPAN = /^(\d{1,6})([hdwmy])$/;

/** `24h`, `7d`, `2w`, `3m` (months), `1y`; null otherwise. */
export function parseRelativeSpan(text: string): RelativeSpan | null {
  const match = RELATIVE_SPAN.exec(text);
  if (match === null) return null;
  return { amount: Number(match[1]), unit: match[2] as RelativeUnit };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The instant `span` before `now`, or null when it is out of Date's range.
 * Months and years are calendar ones; a day past the end of the target month
 * is clamped to its last day (31 March − 1m = 28 or 29 February).
 */
export function subtractRelativeSpan(now: number, span: RelativeSpan): number | null {
  let result: number;
  switch (span.unit) {
    case 'h':
      result = now - span.amount * HOUR;
      break;
    case 'd':
      result = now - span.amount * DAY;
      break;
    case 'w':
      result = now - span.amount * 7 * DAY;
      break;
    case 'm':
    case 'y': {
      const date = new Date(now);
      const months = span.unit === 'm' ? span.amount : span.amount * 12;
      const monthIndex = date.getUTCFullYear() * 12 + date.getUTCMonth() - months;
      const year = Math.floor(monthIndex / 12);
      const month = monthIndex - year * 12;
      const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
      const timeOfDay = now - utcTime(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
      result = utcTime(year, month, day) + timeOfDay;
      break;
    }
  }
  // new Date() accepts ±8.64e15 ms; anything outside is not a date.
  return Number.isFinite(result) && Math.abs(result) <= 8.64e15 ? result : null;
}

/** Date.UTC without its mapping of years 0–99 to 1900–1999. */
function utcTime(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  return date.getTime();
}

function daysInMonth(year: number, month: number): number {
  return new Date(utcTime(year, month + 1, 0)).getUTCDate();
}
