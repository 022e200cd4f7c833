import type { ArticleSummary } from '../../../electron/shared/model.ts';
import { formatDate } from '../formatDate.ts';
import { plural } from '../plural.ts';
import { OfflineMark } from './OfflineMark.tsx';

export interface ArticleMetaProps {
  readonly article: ArticleSummary;
}

/** "2 notes, 1 highlight": what the reader added to an article, for the mark's label; null when nothing. */
function annotationWords({ noteCount, highlightCount }: ArticleSummary): string | null {
  const parts = [
    noteCount > 0 ? plural(noteCount, 'note') : null,
    highlightCount > 0 ? plural(highlightCount, 'highlight') : null,
  ].filter((part) => part !== null);
  return parts.length === 0 ? null : parts.join(', ');
}

/**
 * The small line under a row's title: source, date, ★ when saved, ✎ when it has notes or highlights (the
 * label says how many), a hollow circle when not readable offline.
 */
export function ArticleMeta({ article }: ArticleMetaProps) {
  const date = article.publishedAt ?? article.fetchedAt;
  const annotations = annotationWords(article);
  return (
    <span className="article-meta">
      {article.feedTitle !== null && <span>{article.feedTitle}</span>}
      <time dateTime={date}>{formatDate(date)}</time>
      {article.saved && (
        <span className="saved-mark" role="img" aria-label="Saved">
          ★
        </span>
      )}
      {annotations !== null && (
        <span className="annotation-mark" role="img" aria-label={annotations} title={annotations}>
          ✎
        </span>
      )}
      <OfflineMark ready={article.offlineReady} />
    </span>
  );
}
