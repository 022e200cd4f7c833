import { useId } from 'react';
import type { ArticleSummary } from '../../../electron/shared/model.ts';
import { formatDate } from '../formatDate.ts';

export interface RelatedListProps {
  readonly heading: string;
  readonly articles: readonly { readonly article: ArticleSummary }[];
  readonly onOpen: (article: ArticleSummary) => void;
}

/** One headed list of related articles (title, source, date); nothing at all when empty. */
export function RelatedList({ heading, articles, onOpen }: RelatedListProps) {
  const headingId = useId();
  if (articles.length === 0) return null;
  return (
    <>
      <h3 id={headingId} className="related-heading">
        {heading}
      </h3>
      <ul className="related-list" aria-labelledby={headingId}>
        {articles.map(({ article }) => {
          const date = article.publishedAt ?? article.fetchedAt;
          return (
            <li key={article.id}>
              <button
                type="button"
                className="related-row"
                onClick={() => {
                  onOpen(article);
                }}
              >
                <span className="related-title">{article.title}</span>
                <span className="article-meta">
                  {article.feedTitle !== null && <span>{article.feedTitle}</span>}
                  <time dateTime={date}>{formatDate(date)}</time>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
