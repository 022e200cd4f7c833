import type { ArticleSummary, SearchHit } from '../../../electron/shared/model.ts';
import { ArticleMeta } from './ArticleMeta.tsx';
import { ArticleRowFrame, ArticleRowPlaceholder } from './ArticleRowFrame.tsx';
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
 * then source and date. The row's button is named by the title alone and
 * described by the rest, so a screen reader does not read a paragraph per row.
 */
export function SearchResultRow({ hit, index, open, focus, onOpen }: SearchResultRowProps) {
  if (hit === undefined) return <ArticleRowPlaceholder kind="search-hit" focus={focus} />;
  const { article, snippet, titleHighlights } = hit;
  return (
    <ArticleRowFrame
      article={article}
      kind="search-hit"
      open={open}
      focus={focus}
      onOpen={() => {
        onOpen(article, index);
      }}
      title={<HighlightedText text={article.title} ranges={titleHighlights} />}
      detailsClassName="search-details"
      details={
        <>
          {snippet.text !== '' && (
            <span className="search-snippet">
              <HighlightedText text={snippet.text} ranges={snippet.highlights} />
            </span>
          )}
          <ArticleMeta article={article} />
        </>
      }
    />
  );
}
