import type { ArticleSummary } from '../../../electron/shared/model.ts';
import { ArticleMeta } from './ArticleMeta.tsx';
import { ArticleRowFrame, ArticleRowPlaceholder } from './ArticleRowFrame.tsx';
import type { RowFocus } from './VirtualList.tsx';

export interface ArticleRowProps {
  /** Undefined while its page is being read: the same row, empty, so focus stays on it when it fills. */
  readonly article: ArticleSummary | undefined;
  readonly index: number;
  readonly open: boolean;
  readonly focus: RowFocus;
  readonly onOpen: (article: ArticleSummary, index: number) => void;
  /** With a selection, the row has a checkbox (the saved list). */
  readonly selection?: {
    readonly selected: boolean;
    /** `extend`: shift was held, so select the range from the last toggled row. */
    readonly onToggle: (article: ArticleSummary, index: number, extend: boolean) => void;
  };
}

/**
 * One article in the list: title, the first line of its summary, source,
 * date, an unread dot, ★ when saved, a hollow circle when not readable
 * offline. The row's button is named by the title and described by the rest.
 */
export function ArticleRow({ article, index, open, focus, onOpen, selection }: ArticleRowProps) {
  const check = selection !== undefined && (
    <input
      type="checkbox"
      className="row-check"
      aria-label={article === undefined ? 'Select (loading)' : `Select ${article.title}`}
      tabIndex={focus.tabIndex}
      disabled={article === undefined}
      checked={selection.selected}
      onChange={() => undefined}
      onClick={(event) => {
        if (article !== undefined) selection.onToggle(article, index, event.shiftKey);
      }}
    />
  );

  if (article === undefined) {
    return (
      <>
        {check}
        <ArticleRowPlaceholder focus={focus}>
          {/* The lines of a loaded row, empty: a row keeps its height when it fills, so the list does not jump. */}
          <span className="article-details" aria-hidden="true">
            <span className="article-summary">{'\u00a0'}</span>
            <span className="article-meta">{'\u00a0'}</span>
          </span>
        </ArticleRowPlaceholder>
      </>
    );
  }

  return (
    <>
      {check}
      <ArticleRowFrame
        article={article}
        open={open}
        focus={focus}
        onOpen={() => {
          onOpen(article, index);
        }}
        title={article.title}
        detailsClassName="article-details"
        details={
          <>
            {article.summary !== null && article.summary !== '' && (
              <span className="article-summary">{article.summary}</span>
            )}
            <ArticleMeta article={article} />
          </>
        }
      />
    </>
  );
}
