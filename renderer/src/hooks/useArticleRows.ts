import type { OffprintApi } from '../../../electron/shared/contract.ts';
import { MAX_PAGE_SIZE } from '../../../electron/shared/contract.ts';
import type { ArticlePage, ArticleSummary } from '../../../electron/shared/model.ts';
import { afterFor, type DateRange } from '../state/dateRange.ts';
import { articlesRequestFor, viewKey, type View } from '../state/view.ts';
import { usePagedRows, type PagedRows } from './usePagedRows.ts';

/**
 * The most rows one list shows. Chromium lays a page out up to ~33.5M px tall, and a list row is 84 px or
 * more: a longer list could not scroll to its end. The older articles stay reachable with the date range,
 * a feed, a topic or a search.
 */
export const ARTICLE_LIST_MAX_ROWS = 250_000;

/** The view's articles through `articles:list`, a page at a time (newest first; the saved list by when saved). */
export function useArticleRows(
  client: OffprintApi,
  view: View,
  revision: number,
  range: DateRange = 'any',
): PagedRows<ArticleSummary, ArticlePage> {
  return usePagedRows<ArticleSummary, ArticlePage>({
    key: `articles ${viewKey(view)} ${range}`,
    revision,
    maxLimit: MAX_PAGE_SIZE,
    maxRows: ARTICLE_LIST_MAX_ROWS,
    load: (offset, limit) =>
      client.articles.list({ ...articlesRequestFor(view), ...afterFor(range, new Date()), offset, limit }),
  });
}
