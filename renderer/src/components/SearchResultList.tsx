import type { ReactNode } from 'react';
import type { ArticleSummary, SearchResults } from '../../../electron/shared/model.ts';
import { plainMessage } from '../plainMessage.ts';
import type { LoadState } from '../hooks/useResult.ts';
import type { SearchSort } from './SearchBox.tsx';
import { SearchResultRow } from './SearchResultRow.tsx';

/** Results together with the query they answer, so the screen can tell fresh from stale. */
export interface AnsweredSearch {
  readonly query: string;
  readonly sort: SearchSort;
  readonly results: SearchResults;
}

export interface SearchResultListProps {
  readonly search: LoadState<AnsweredSearch>;
  /** True while the results shown answer an older query than the one typed. */
  readonly stale: boolean;
  readonly openArticleId: string | null;
  readonly onOpen: (article: ArticleSummary) => void;
}

function countLine(results: SearchResults): string {
  const noun = results.total === 1 ? 'article' : 'articles';
  const shown = results.items.length < results.total ? `, first ${results.items.length} shown` : '';
  return `${results.total.toLocaleString()} ${noun}${shown}`;
}

/** The middle pane while searching: hits with highlighted titles and snippets, in the order the library ranked them. */
export function SearchResultList({ search, stale, openArticleId, onOpen }: SearchResultListProps) {
  let body: ReactNode;
  if (search.status === 'loading') {
    body = <p className="hint">Searching…</p>;
  } else if (search.status === 'failed') {
    body = (
      <p className="error" role="alert">
        Search failed. {plainMessage(search.message)}
      </p>
    );
  } else if (search.value.results.items.length === 0) {
    body = <p className="hint">No articles match this search.</p>;
  } else {
    body = (
      <ul className="article-list search-results" aria-label="Search results" aria-busy={stale}>
        {search.value.results.items.map((hit) => (
          <li key={hit.article.id}>
            <SearchResultRow hit={hit} open={openArticleId === hit.article.id} onOpen={onOpen} />
          </li>
        ))}
      </ul>
    );
  }

  return (
    <section className="articles" aria-labelledby="search-heading">
      <h2 id="search-heading" className="pane-heading">
        Search results
        {search.status === 'ready' && <span className="pane-count"> · {countLine(search.value.results)}</span>}
      </h2>
      {body}
    </section>
  );
}
