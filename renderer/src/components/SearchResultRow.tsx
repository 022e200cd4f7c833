import { useId } from 'react';
import type { ArticleSummary, SearchHit } from '../../../electron/shared/model.ts';
import { formatDate } from '../formatDate.ts';
import { HighlightedText } from './HighlightedText.tsx';
import { OfflineMark } from './OfflineMark.tsx';

export interface SearchResultRowProps {
  readonly hit: SearchHit;
  readonly open: boolean;
  readonly onOpen: (article: ArticleSummary) => void;
}

/**
 * One search hit: the title and the snippet with the matched words marked,
 * then source and date. The button is named by the title alone and described
 * by the rest, so a screen reader does not read a paragraph per row.
 */
export function SearchResultRow({ hit, open, onOpen }: SearchResultRowProps) {
  const titleId = useId();
  const detailsId = useId();
  const { article, snippet, titleHighlights } = hit;
  const date = article.publishedAt ?? article.fetchedAt;
  return (
    <button
      type="button"
      className={article.read ? 'row article-row search-hit' : 'row article-row search-hit unread'}
      aria-current={open ? 'true' : undefined}
      aria-labelledby={titleId}
      aria-describedby={detailsId}
      onClick={() => {
        onOpen(article);
      }}
    >
      <span className="unread-slot">
        {!article.read && <span className="unread-dot" role="img" aria-label="Unread" />}
      </span>
      <span id={titleId} className="article-title">
        <HighlightedText text={article.title} ranges={titleHighlights} />
      </span>
      <span id={detailsId} className="search-details">
        {snippet.text !== '' && (
          <span className="search-snippet">
            <HighlightedText text={snippet.text} ranges={snippet.highlights} />
          </span>
        )}
        <span className="article-meta">
          {article.feedTitle !== null && <span>{article.feedTitle}</span>}
          <time dateTime={date}>{formatDate(date)}</time>
          <OfflineMark ready={article.offlineReady} />
        </span>
      </span>
    </button>
  );
}
