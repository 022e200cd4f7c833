/** How far back the article pane looks: any time, or articles published within the last period. */
export type DateRange = 'any' | 'day' | 'week' | 'month' | 'year';

export const DATE_RANGES: readonly { readonly value: DateRange; readonly label: string }[] = [
  { value: 'any', label: 'Any time' },
  { value: 'day', label: 'Past 24 hours' },
  { value: 'week', label: 'Past week' },
  { value: 'month', label: 'Past month' },
  { value: 'year', label: 'Past year' },
];

const HOUR_MS = 3_600_000;
const SPAN_MS: Readonly<Record<Exclude<DateRange, 'any'>, number>> = {
  day: 24 * HOUR_MS,
  week: 7 * 24 * HOUR_MS,
  month: 30 * 24 * HOUR_MS,
  year: 365 * 24 * HOUR_MS,
};

/** The `after` bound of a list or search request for this range, from `now`; nothing for any time. */
export function afterFor(range: DateRange, now: Date): { after?: string } {
  return range === 'any' ? {} : { after: new Date(now.getTime() - SPAN_MS[range]).toISOString() };
}
