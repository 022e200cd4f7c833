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
