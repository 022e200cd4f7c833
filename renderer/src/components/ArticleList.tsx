import type { ReactNode } from 'react';
import type { ArticlePage, ArticleSummary } from '../../../electron/shared/model.ts';
import { formatDate } from '../formatDate.ts';
import { plainMessage } from '../plainMessage.ts';
import type { LoadState } from '../hooks/useResult.ts';
import { OfflineMark } from './OfflineMark.tsx';

export interface ArticleListProps {
  readonly heading: string;
  readonly articles: LoadState<ArticlePage>;
  readonly openArticleId: string | null;
  readonly onOpen: (article: ArticleSummary) => void;
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
  readonly onToggle: (article: ArticleSummary, extend: boolean) => void;
}

/**
 * The middle pane: a page of article summaries, newest first, unread ones
 * marked with a dot, ones not yet readable offline with a hollow circle.
 */
export function ArticleList({
  heading,
  articles,
  openArticleId,
  onOpen,
  selection,
  toolbar,
  emptyHint = 'No articles here yet.',
}: ArticleListProps) {
  let body: ReactNode;
  if (articles.status === 'loading') {
    body = <p className="hint">Loading articles…</p>;
  } else if (articles.status === 'failed') {
    body = (
      <p className="error" role="alert">
        Could not load articles. {plainMessage(articles.message)}
      </p>
    );
  } else if (articles.value.items.length === 0) {
    body = <p className="hint">{emptyHint}</p>;
  } else {
    body = (
      <ul className={selection === undefined ? 'article-list' : 'article-list selectable'}>
        {articles.value.items.map((article) => (
          <li key={article.id}>
            {selection !== undefined && (
              <input
                type="checkbox"
                className="row-check"
                aria-label={`Select ${article.title}`}
                checked={selection.selected.has(article.id)}
                onChange={() => undefined}
                onClick={(event) => {
                  selection.onToggle(article, event.shiftKey);
                }}
              />
            )}
            <button
              type="button"
              className={article.read ? 'row article-row' : 'row article-row unread'}
              aria-current={openArticleId === article.id ? 'true' : undefined}
              onClick={() => {
                onOpen(article);
              }}
            >
              <span className="unread-slot">
                {!article.read && <span className="unread-dot" role="img" aria-label="Unread" />}
              </span>
              <span className="article-title">{article.title}</span>
              <span className="article-meta">
                {article.feedTitle !== null && <span>{article.feedTitle}</span>}
                <time dateTime={article.publishedAt ?? article.fetchedAt}>
                  {formatDate(article.publishedAt ?? article.fetchedAt)}
                </time>
                <OfflineMark ready={article.offlineReady} />
              </span>
            </button>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <section className="articles" aria-labelledby="articles-heading">
      <h2 id="articles-heading" className="pane-heading">
        {heading}
        {articles.status === 'ready' && <span className="pane-count"> · {articles.value.total}</span>}
      </h2>
      {toolbar}
      {body}
    </section>
  );
}
