import type { RequestOf } from '../../../electron/shared/contract.ts';

/**
 * What the article pane shows: the whole library, the unread or saved
 * articles, one feed, or one topic. Searching narrows any of them.
 */
export type View =
  | { readonly kind: 'all' }
  | { readonly kind: 'unread' }
  | { readonly kind: 'saved' }
  | { readonly kind: 'feed'; readonly feedId: number }
  | { readonly kind: 'topic'; readonly topicId: number };

export const ALL_ARTICLES: View = { kind: 'all' };
export const UNREAD_ARTICLES: View = { kind: 'unread' };
export const SAVED_ARTICLES: View = { kind: 'saved' };

export type ViewAction =
  | { readonly type: 'selected'; readonly view: View }
  /** Topics or feeds went away: a view of one that is gone falls back to all articles. */
  | {
      readonly type: 'pruned';
      readonly topicIds: readonly number[] | null;
      readonly feedIds: readonly number[] | null;
    };

export function viewReducer(state: View, action: ViewAction): View {
  switch (action.type) {
    case 'selected':
      return viewKey(state) === viewKey(action.view) ? state : action.view;
    case 'pruned':
      if (state.kind === 'topic' && action.topicIds !== null && !action.topicIds.includes(state.topicId)) {
        return ALL_ARTICLES;
      }
      if (state.kind === 'feed' && action.feedIds !== null && !action.feedIds.includes(state.feedId)) {
        return ALL_ARTICLES;
      }
      return state;
  }
}

/** The articles:list request for a view: the saved list is ordered by when each article was saved. */
export function articlesRequestFor(view: View): RequestOf<'articles:list'> {
  switch (view.kind) {
    case 'all':
      return {};
    case 'unread':
      return { unread: true };
    case 'saved':
      return { saved: true, sort: 'saved' };
    case 'feed':
      return { feedId: view.feedId };
    case 'topic':
      return { topicIds: [view.topicId] };
  }
}

/** The same narrowing for a search, so a query searches within the view (search has its own order). */
export function searchFiltersFor(
  view: View,
): Pick<RequestOf<'search:query'>, 'feedId' | 'topicIds' | 'unread' | 'saved'> {
  const { sort: _order, ...filters } = articlesRequestFor(view);
  return filters;
}

/** A stable string for reload keys. */
export function viewKey(view: View): string {
  return JSON.stringify(view);
}
