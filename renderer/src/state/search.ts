import type { SearchSort } from '../components/SearchBox.tsx';

/** What is typed in the search box and how its results are ordered. */
export interface SearchState {
  readonly query: string;
  readonly sort: SearchSort;
}

export type SearchAction =
  | { readonly type: 'typed'; readonly query: string }
  | { readonly type: 'sorted'; readonly sort: SearchSort }
  /** Another view was chosen: searching starts again from nothing (the sort is a preference and stays). */
  | { readonly type: 'cleared' };

export const NO_SEARCH: SearchState = { query: '', sort: 'relevance' };

export function searchReducer(state: SearchState, action: SearchAction): SearchState {
  switch (action.type) {
    case 'typed':
      return state.query === action.query ? state : { ...state, query: action.query };
    case 'sorted':
      return state.sort === action.sort ? state : { ...state, sort: action.sort };
    case 'cleared':
      return state.query === '' ? state : { ...state, query: '' };
  }
}
