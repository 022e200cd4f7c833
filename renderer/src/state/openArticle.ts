import type { ArticleSummary } from '../../../electron/shared/model.ts';

/**
 * The article in the reader, and where it was in the list it was opened
 * from, so j/k can step from it even after it left that list (the unread
 * view drops an article once it is read).
 */
export interface OpenArticle {
  readonly article: ArticleSummary | null;
  /** Its row in the list named `listKey` when it was opened; null when opened from elsewhere (related articles). */
  readonly index: number | null;
  readonly listKey: string | null;
}

export type OpenArticleAction =
  | {
      readonly type: 'opened';
      readonly article: ArticleSummary;
      readonly index: number | null;
      readonly listKey: string | null;
    }
  /** A fresher summary of the open article (after saving it or marking it read). */
  | { readonly type: 'updated'; readonly article: ArticleSummary }
  | { readonly type: 'closed' };

export const NO_OPEN_ARTICLE: OpenArticle = { article: null, index: null, listKey: null };

export function openArticleReducer(state: OpenArticle, action: OpenArticleAction): OpenArticle {
  switch (action.type) {
    case 'opened':
      return { article: action.article, index: action.index, listKey: action.listKey };
    case 'updated':
      return state.article?.id === action.article.id ? { ...state, article: action.article } : state;
    case 'closed':
      return state.article === null ? state : NO_OPEN_ARTICLE;
  }
}

/**
 * The row j (`step` 1) or k (-1) opens in the list `listKey` of `count`
 * rows, where the open article is at `foundAt` (-1: not among the rows in
 * memory). Null at either end.
 */
export function neighbourIndex(
  open: OpenArticle,
  listKey: string,
  foundAt: number,
  step: 1 | -1,
  count: number,
): number | null {
  let next: number;
  if (foundAt >= 0) next = foundAt + step;
  else if (open.article !== null && open.listKey === listKey && open.index !== null) {
    // The open article left the list: the one after it now has its place.
    next = step === 1 ? open.index : open.index - 1;
  } else next = 0;
  return next >= 0 && next < count ? next : null;
}
