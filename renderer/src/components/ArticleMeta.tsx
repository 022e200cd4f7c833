import type { ArticleSummary } from '../../../electron/shared/model.ts';
import { formatDate } from '../formatDate.ts';
import { OfflineMark } from './OfflineMark.tsx';

export interface ArticleMetaProps {
  readonly article: ArticleSummary;
}

/** The small line under a row's title: source, date, ★ when saved, a hollow circle when not readable offline. */
export function ArticleMeta({ article }: ArticleMetaProps) {
  const date = article.publishedAt ?? article.fetchedAt;
  return (
    <span className="article-meta">
      {article.feedTitle !== null && <span>{article.feedTitle}</span>}
      <time dateTime={date}>{formatDate(date)}</time>
      {article.saved && (
        <span className="saved-mark" role="img" aria-label="Saved">
          ★
        </span>
      )}
      <OfflineMark ready={article.offlineReady} />
    </span>
  );
}
