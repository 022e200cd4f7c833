import { useId } from 'react';
import type { ArticleSummary, SearchHit } from '../../../electron/shared/model.ts';
import { ArticleMeta } from './ArticleMeta.tsx';
import { HighlightedText } from './HighlightedText.tsx';
import type { RowFocus } from './VirtualList.tsx';

export interface SearchResultRowProps {
  /** Undefined while its page is being read: the same row, empty, so focus stays on it when it fills. */
  readonly hit: SearchHit | undefined;
  readonly index: number;
  readonly open: boolean;
  readonly focus: RowFocus;
  readonly onOpen: (article: ArticleSummary, index: number) => void;
}

/**
 * One search hit: the title and the snippet with the matched words marked,
 * then source and date. The button is named by the title alone and described
 * by the rest, so a screen reader does not read a paragraph per row.
 */
export function SearchResultRow({ hit, index, open, focus, onOpen }: SearchResultRowProps) {
  const titleId = useId();
  const detailsId = useId();
  if (hit === undefined) {
    return (
      <button type="button" className="row article-row search-hit placeholder" aria-disabled="true" {...focus}>
        <span className="unread-slot" />
        <span className="article-title">Loading…</span>
      </button>
    );
  }
  const { article, snippet, titleHighlights } = hit;
  return (
    <button
      type="button"
      className={article.read ? 'row article-row search-hit' : 'row article-row search-hit unread'}
      aria-current={open ? 'true' : undefined}
      aria-labelledby={titleId}
      aria-describedby={detailsId}
      onClick={() => {
        onOpen(article, index);
      }}
      {...focus}
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
        <ArticleMeta article={article} />
      </span>
    </button>
  );
}
