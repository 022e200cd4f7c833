import type { OffprintApi } from '../../../electron/shared/contract.ts';
import type { SearchHit, SearchResults } from '../../../electron/shared/model.ts';
import type { SearchState } from '../state/search.ts';
import { searchFiltersFor, viewKey, type View } from '../state/view.ts';
import { useLeadingDebouncedValue } from './useLeadingDebouncedValue.ts';
import { usePagedRows, type PagedRows } from './usePagedRows.ts';
import { afterFor, type DateRange } from '../state/dateRange.ts';

/** A pause this long ends a burst of typing: the query then goes out (the first key after a pause goes at once). */
const SEARCH_DELAY_MS = 75;
/** `search:query` takes at most 200 rows a request and offsets up to 100,000: the rows past it are not reachable. */
const SEARCH_MAX_LIMIT = 200;
const SEARCH_MAX_OFFSET = 100_000;

export interface SearchRows {
  readonly rows: PagedRows<SearchHit, SearchResults>;
  /** Something is typed: the pane shows results, not the view's list. */
  readonly searching: boolean;
  /** The results shown answer an older query or sort than the one asked for now. */
  readonly stale: boolean;
  /** The library's plain-English notes on the query shown. */
  readonly problems: readonly string[];
}

/**
 * Search as you type within the view: the query settles for a moment, then
 * its results are read a page at a time; answers to older queries are
 * dropped, and the old results stay (dimmed) until the new ones arrive.
 */
export function useSearchRows(
  client: OffprintApi,
  search: SearchState,
  view: View,
  revision: number,
  range: DateRange = 'any',
): SearchRows {
  const typed = search.query.trim();
  const settled = useLeadingDebouncedValue(typed, SEARCH_DELAY_MS);
  const searching = typed !== '';
  const key =
    searching && settled !== '' ? `search ${JSON.stringify([settled, search.sort, viewKey(view), range])}` : null;
  const rows = usePagedRows<SearchHit, SearchResults>({
    key,
    revision,
    maxLimit: SEARCH_MAX_LIMIT,
    maxRows: SEARCH_MAX_OFFSET,
    load: (offset, limit) =>
      client.search.query({
        query: settled,
        sort: search.sort,
        ...searchFiltersFor(view),
        ...afterFor(range, new Date()),
        offset,
        limit,
      }),
  });
  const stale = typed !== settled || rows.pending;
  const problems = searching && rows.state.status === 'ready' ? (rows.state.answer?.problems ?? []) : [];
  return { rows, searching, stale, problems };
}
