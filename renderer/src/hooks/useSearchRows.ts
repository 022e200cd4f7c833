import { useState } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import type { SearchHit, SearchResults } from '../../../electron/shared/model.ts';
import type { SearchState } from '../state/search.ts';
import { searchFiltersFor, viewKey, type View } from '../state/view.ts';
import { usePagedRows, type PagedRows } from './usePagedRows.ts';
import { afterFor, type DateRange } from '../state/dateRange.ts';

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
 * Search as you type within the view. The text goes out as soon as no
 * query is in flight: the first key at once, and keys typed while the
 * library answers fold into one query sent when it does (the newest text
 * wins). So the library works on one query at a time, however fast the
 * typing, and each answer is at most one query old. Results are read a page
 * at a time; answers to older queries are dropped, and the old results stay
 * (dimmed) until the new ones arrive.
 */
export function useSearchRows(
  client: OffprintApi,
  search: SearchState,
  view: View,
  revision: number,
  range: DateRange = 'any',
): SearchRows {
  const typed = search.query.trim();
  // The text last sent to the library (or about to be).
  const [asked, setAsked] = useState(typed);
  const searching = typed !== '';
  const key = searching && asked !== '' ? `search ${JSON.stringify([asked, search.sort, viewKey(view), range])}` : null;
  const rows = usePagedRows<SearchHit, SearchResults>({
    key,
    revision,
    maxLimit: SEARCH_MAX_LIMIT,
    maxRows: SEARCH_MAX_OFFSET,
    load: (offset, limit) =>
      client.search.query({
        query: asked,
        sort: search.sort,
        ...searchFiltersFor(view),
        ...afterFor(range, new Date()),
        offset,
        limit,
      }),
  });
  // Nothing in flight: ask for the newest text now. Set while rendering, React renders again at once, so
  // the query leaves with the commit of the key that typed it.
  if (asked !== typed && !rows.pending) setAsked(typed);
  const stale = typed !== asked || rows.pending;
  const problems = searching && rows.state.status === 'ready' ? (rows.state.answer?.problems ?? []) : [];
  return { rows, searching, stale, problems };
}
