import type { KeyboardEvent, ReactNode } from 'react';
import type { ArticlePage, ArticleSummary } from '../../../electron/shared/model.ts';
import type { PagedRows } from '../hooks/usePagedRows.ts';
import { plainMessage } from '../plainMessage.ts';
import { ArticleRow } from './ArticleRow.tsx';
import { VirtualList } from './VirtualList.tsx';

export interface ArticleListProps {
  readonly heading: string;
  readonly articles: PagedRows<ArticleSummary, ArticlePage>;
  readonly openArticleId: string | null;
  /** The open article's row, scrolled into view when it changes. */
  readonly openIndex: number | null;
  readonly onOpen: (article: ArticleSummary, index: number) => void;
  /** With a selection, each row gets a checkbox (the saved list: select several to act on them together). */
  readonly selection?: ArticleSelection;
  /** Shown above the list, e.g. the selection's actions. */
  readonly toolbar?: ReactNode;
  /** What an empty list says. */
  readonly emptyHint?: string;
}

export interface ArticleSelection {
  readonly selected: ReadonlySet<string>;
  /** `extend`: shift was held, so select the range from the last toggled row. */
  readonly onToggle: (article: ArticleSummary, index: number, extend: boolean) => void;
}

/** Rows have a title, a summary line and a meta line; wrapped titles are measured as they render. */
const ROW_HEIGHT_ESTIMATE = 84;

/**
 * The middle pane: the view's articles, newest first (the saved list by
 * when each was saved), read a page at a time as the list scrolls; unread
 * ones marked with a dot, saved ones with ★, ones not yet readable offline
 * with a hollow circle.
 */
export function ArticleList({
  heading,
  articles,
  openArticleId,
  openIndex,
  onOpen,
  selection,
  toolbar,
  emptyHint = 'No articles here yet.',
}: ArticleListProps) {
  const { state } = articles;
  let body: ReactNode;
  if (state.status === 'loading') {
    body = <p className="hint">Loading articles…</p>;
  } else if (state.status === 'failed') {
    body = (
      <p className="error" role="alert">
        Could not load articles. {plainMessage(state.message ?? '')}
      </p>
    );
  } else if (articles.count === 0) {
    body = <p className="hint">{emptyHint}</p>;
  } else {
    body = (
      <>
        {state.message !== null && (
          <p className="error" role="alert">
            Some articles could not be loaded. {plainMessage(state.message)}
          </p>
        )}
        <VirtualList
          label={heading}
          className={selection === undefined ? 'article-list' : 'article-list selectable'}
          busy={articles.pending}
          count={articles.count}
          rowAt={articles.rowAt}
          rowKey={(article) => article.id}
          onRowsShown={articles.show}
          activeIndex={openIndex}
          resetKey={articles.shownKey}
          estimateRowHeight={ROW_HEIGHT_ESTIMATE}
          renderRow={(article, index, focus) => (
            <ArticleRow
              article={article}
              index={index}
              open={article !== undefined && article.id === openArticleId}
              focus={focus}
              onOpen={onOpen}
              {...(selection === undefined
                ? {}
                : {
                    selection: {
                      selected: article !== undefined && selection.selected.has(article.id),
                      onToggle: selection.onToggle,
                    },
                  })}
            />
          )}
          {...(selection === undefined
            ? {}
            : {
                // x selects the focused row, shift+x extends from the last one, as in mail clients.
                onRowKey: (event: KeyboardEvent<HTMLElement>, index: number) => {
                  const article = articles.rowAt(index);
                  if (event.key.toLowerCase() !== 'x' || article === undefined) return;
                  event.preventDefault();
                  selection.onToggle(article, index, event.shiftKey);
                },
              })}
        />
      </>
    );
  }

  return (
    <section className="articles" aria-labelledby="articles-heading">
      <h2 id="articles-heading" className="pane-heading">
        {heading}
        {state.status === 'ready' && (
          <span className="pane-count">
            {' '}
            · {state.total.toLocaleString()}
            {articles.count < state.total && `, newest ${articles.count.toLocaleString()} shown`}
          </span>
        )}
      </h2>
      {toolbar}
      {body}
    </section>
  );
}
