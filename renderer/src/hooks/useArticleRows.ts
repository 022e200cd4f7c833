import type { OffprintApi } from '../../../electron/shared/contract.ts';
import { MAX_PAGE_SIZE } from '../../../electron/shared/contract.ts';
import type { ArticlePage, ArticleSummary } from '../../../electron/shared/model.ts';
import { afterFor, type DateRange } from '../state/dateRange.ts';
import { articlesRequestFor, viewKey, type View } from '../state/view.ts';
import { usePagedRows, type PagedRows } from './usePagedRows.ts';

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
    load: (offset, limit) =>
      client.articles.list({ ...articlesRequestFor(view), ...afterFor(range, new Date()), offset, limit }),
  });
}
