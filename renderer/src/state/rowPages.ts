/** One answer to a page request: some rows and how many the whole list has. */
export interface PageAnswer<T> {
  readonly items: readonly T[];
  readonly total: number;
}

/** A page of rows and the library revision it was read at. */
export interface LoadedPage<T> {
  readonly items: readonly T[];
  readonly revision: number;
}

/**
 * The rows of one long list that are in memory: a few pages around what is
 * on screen, the list's total, and the newest answer (for what a page says
 * beside its rows, such as a search's problems). `key` names the list the
 * rows belong to (a view, a query); while another is being asked for, these
 * rows stay on screen until its first page arrives, so nothing flickers.
 */
export interface RowPages<T, A extends PageAnswer<T>> {
  readonly key: string | null;
  readonly status: 'loading' | 'ready' | 'failed';
  /** Why the list, or one of its pages, could not be read. */
  readonly message: string | null;
  readonly total: number;
  /** The newest revision any page was read at. */
  readonly revision: number;
  readonly pages: ReadonlyMap<number, LoadedPage<T>>;
  readonly answer: A | null;
}

export type RowPagesAction<T, A extends PageAnswer<T>> =
  | {
      readonly type: 'answered';
      readonly key: string;
      readonly revision: number;
      readonly page: number;
      readonly answer: A;
    }
  | { readonly type: 'failed'; readonly key: string; readonly page: number; readonly message: string }
  /** Pages outside [first, last] are far from the screen: let them go. */
  | { readonly type: 'trimmed'; readonly first: number; readonly last: number };

export function emptyRowPages<T, A extends PageAnswer<T>>(): RowPages<T, A> {
  return { key: null, status: 'loading', message: null, total: 0, revision: -1, pages: new Map(), answer: null };
}

export function rowPagesReducer<T, A extends PageAnswer<T>>(
  state: RowPages<T, A>,
  action: RowPagesAction<T, A>,
): RowPages<T, A> {
  switch (action.type) {
    case 'answered': {
      const { key, revision, page, answer } = action;
      const loaded: LoadedPage<T> = { items: answer.items, revision };
      if (key !== state.key) {
        // The first answer for another list replaces the rows shown.
        return {
          key,
          status: 'ready',
          message: null,
          total: answer.total,
          revision,
          pages: new Map([[page, loaded]]),
          answer,
        };
      }
      const existing = state.pages.get(page);
      // An answer that was overtaken (the page was read again since) changes nothing.
      if (existing !== undefined && existing.revision > revision) return state;
      const newest = revision >= state.revision;
      const total = newest ? answer.total : state.total;
      const pages = new Map(state.pages);
      pages.set(page, loaded);
      return {
        key,
        status: 'ready',
        message: null,
        total,
        revision: newest ? revision : state.revision,
        pages,
        answer: newest ? answer : state.answer,
      };
    }
    case 'failed':
      if (action.key !== state.key) {
        return { ...emptyRowPages<T, A>(), key: action.key, status: 'failed', message: action.message };
      }
      return state.message === action.message ? state : { ...state, message: action.message };
    case 'trimmed': {
      const kept = [...state.pages].filter(([page]) => page >= action.first && page <= action.last);
      return kept.length === state.pages.size ? state : { ...state, pages: new Map(kept) };
    }
  }
}

/** The row at `index`, if its page is in memory. */
export function rowAt<T, A extends PageAnswer<T>>(
  state: RowPages<T, A>,
  pageSize: number,
  index: number,
): T | undefined {
  if (index < 0 || index >= state.total) return undefined;
  return state.pages.get(Math.floor(index / pageSize))?.items[index % pageSize];
}
