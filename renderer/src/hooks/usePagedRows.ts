import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef } from 'react';
import type { Result } from '../../../electron/shared/errors.ts';
import {
  emptyRowPages,
  rowAt,
  rowPagesReducer,
  type PageAnswer,
  type RowPages,
  type RowPagesAction,
} from '../state/rowPages.ts';

/** Reads `limit` rows from `offset` of the list. */
export type PageLoader<A> = (offset: number, limit: number) => Promise<Result<A>>;

export interface PagedRowsOptions<A> {
  /** Names the list (a view, a query); null: nothing to show. A new key starts again from the top. */
  readonly key: string | null;
  /** Bumped when the library changed: the pages in memory are read again. */
  readonly revision: number;
  readonly load: PageLoader<A>;
  readonly pageSize?: number;
  /** The largest request the call accepts, for reading many rows at once (`rowsBetween`). */
  readonly maxLimit?: number;
  /** Rows past this cannot be asked for (search pages stop at an offset). */
  readonly maxRows?: number;
}

export interface PagedRows<T, A extends PageAnswer<T>> {
  readonly state: RowPages<T, A>;
  /** The key the rows on screen answer (the asked-for one once its first page is in). */
  readonly shownKey: string | null;
  /** The rows on screen answer another list than the one asked for, whose first page is on its way. */
  readonly pending: boolean;
  /** Rows the list can show: the total, capped at `maxRows`. */
  readonly count: number;
  readonly rowAt: (index: number) => T | undefined;
  /** Index of the row with this id among the rows in memory, or -1. */
  readonly indexOf: (id: string, idOf: (row: T) => string) => number;
  /** The list shows rows first..last now: read their pages (and a little beyond), let far ones go. */
  readonly show: (first: number, last: number) => void;
  /** The row at `index`, reading its page if needed (undefined past the end or on failure). */
  readonly load: (index: number) => Promise<T | undefined>;
  /** Every row from first to last (inclusive), read in large requests; not kept. */
  readonly rowsBetween: (first: number, last: number) => Promise<readonly T[]>;
}

const DEFAULT_PAGE_SIZE = 100;
/** Pages read ahead of the screen, and pages kept beyond it before they are let go. */
const READ_AHEAD_ROWS = 30;
const KEPT_PAGES = 2;

/**
 * A long list read a page at a time through the contract: the pages near
 * the screen are kept, far ones dropped, and the first page's `total`
 * sizes the list. Answers for a list that is no longer asked for are
 * dropped; a page read at an older revision is shown until its newer copy
 * arrives.
 */
export function usePagedRows<T, A extends PageAnswer<T>>({
  key,
  revision,
  load,
  pageSize = DEFAULT_PAGE_SIZE,
  maxLimit = pageSize,
  maxRows = Number.POSITIVE_INFINITY,
}: PagedRowsOptions<A>): PagedRows<T, A> {
  const [state, dispatch] = useReducer(
    rowPagesReducer as (state: RowPages<T, A>, action: RowPagesAction<T, A>) => RowPages<T, A>,
    undefined,
    emptyRowPages<T, A>,
  );
  // The loader is read through a ref so callers need not memoize it; `key` and `revision` say when to read.
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load;
  });
  const wanted = useRef<{ key: string | null; revision: number }>({ key, revision });
  const inFlight = useRef(new Map<string, Promise<readonly T[] | null>>());
  // Pages that failed at a revision are not asked for again until the library changes (no retry loop).
  const failed = useRef(new Set<string>());
  const onScreen = useRef({ first: 0, last: 0 });

  const readPage = useCallback(
    (page: number): Promise<readonly T[] | null> => {
      const { key: asked, revision: at } = wanted.current;
      if (asked === null) return Promise.resolve(null);
      const id = `${at}\u0000${page}\u0000${asked}`;
      const pending = inFlight.current.get(id);
      if (pending !== undefined) return pending;
      const reading = loadRef
        .current(page * pageSize, pageSize)
        .then(
          (result): readonly T[] | null => {
            // Answers for a list no longer asked for are dropped (a slow query never replaces a newer one).
            if (wanted.current.key !== asked) return null;
            if (result.ok) {
              dispatch({ type: 'answered', key: asked, revision: at, page, answer: result.value });
              return result.value.items;
            }
            failed.current.add(id);
            dispatch({ type: 'failed', key: asked, page, message: result.error.message });
            return null;
          },
          (error: unknown) => {
            failed.current.add(id);
            if (wanted.current.key === asked) {
              const message = error instanceof Error ? error.message : String(error);
              dispatch({ type: 'failed', key: asked, page, message });
            }
            return null;
          },
        )
        .finally(() => {
          inFlight.current.delete(id);
        });
      inFlight.current.set(id, reading);
      return reading;
    },
    [pageSize],
  );

  // Pages around the screen that are missing or older than the library: read them.
  const readAround = useCallback(
    (pages: RowPages<T, A>, first: number, last: number): void => {
      const from = Math.max(0, Math.floor((first - READ_AHEAD_ROWS) / pageSize));
      const lastRow = Math.min(last + READ_AHEAD_ROWS, Math.min(pages.total, maxRows) - 1);
      const to = Math.max(from, Math.floor(lastRow / pageSize));
      const { key: asked, revision: at } = wanted.current;
      for (let page = from; page <= to; page += 1) {
        const loaded = pages.pages.get(page);
        const stale = loaded === undefined || loaded.revision < at;
        if (stale && !failed.current.has(`${at}\u0000${page}\u0000${asked ?? ''}`)) void readPage(page);
      }
    },
    [maxRows, pageSize, readPage],
  );

  const lastKey = useRef<string | null>(null);
  useEffect(() => {
    if (wanted.current.revision !== revision || wanted.current.key !== key) failed.current.clear();
    wanted.current = { key, revision };
    if (key === null) return;
    if (key !== lastKey.current) {
      // Another list: start from its first page; the old rows stay until it arrives.
      lastKey.current = key;
      onScreen.current = { first: 0, last: 0 };
      void readPage(0);
    }
    // A new revision is handled below, once `state` is known to answer this key.
  }, [key, revision, readPage]);

  useEffect(() => {
    if (state.key === null || state.key !== key) return;
    readAround(state, onScreen.current.first, onScreen.current.last);
  }, [state, key, revision, readAround]);

  const show = useCallback(
    (first: number, last: number): void => {
      onScreen.current = { first, last };
      if (state.key === null || state.key !== wanted.current.key) return;
      readAround(state, first, last);
      const keepFrom = Math.floor(first / pageSize) - KEPT_PAGES;
      const keepTo = Math.floor(last / pageSize) + KEPT_PAGES;
      if ([...state.pages.keys()].some((page) => page < keepFrom || page > keepTo)) {
        dispatch({ type: 'trimmed', first: keepFrom, last: keepTo });
      }
    },
    [state, pageSize, readAround],
  );

  const count = Math.min(state.total, maxRows);

  const loadRow = useCallback(
    async (index: number): Promise<T | undefined> => {
      if (index < 0 || index >= count) return undefined;
      const inMemory = rowAt(state, pageSize, index);
      if (inMemory !== undefined) return inMemory;
      const items = await readPage(Math.floor(index / pageSize));
      return items?.[index % pageSize];
    },
    [state, count, pageSize, readPage],
  );

  const rowsBetween = useCallback(
    async (first: number, last: number): Promise<readonly T[]> => {
      const rows: T[] = [];
      const end = Math.min(last, count - 1);
      for (let offset = Math.max(0, first); offset <= end; offset += maxLimit) {
        const result = await loadRef.current(offset, Math.min(maxLimit, end - offset + 1));
        if (!result.ok) throw new Error(result.error.message);
        rows.push(...result.value.items);
        if (result.value.items.length === 0) break;
      }
      return rows;
    },
    [count, maxLimit],
  );

  return useMemo(
    () => ({
      state,
      shownKey: state.key,
      pending: key !== null && state.key !== key,
      count,
      rowAt: (index: number) => rowAt(state, pageSize, index),
      indexOf: (id: string, idOf: (row: T) => string) => {
        for (const [page, loaded] of state.pages) {
          const at = loaded.items.findIndex((row) => idOf(row) === id);
          if (at >= 0) return page * pageSize + at;
        }
        return -1;
      },
      show,
      load: loadRow,
      rowsBetween,
    }),
    [state, key, count, pageSize, show, loadRow, rowsBetween],
  );
}
