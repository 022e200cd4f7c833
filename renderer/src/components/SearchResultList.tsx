import type { ReactNode } from 'react';
import type { ArticleSummary, SearchHit, SearchResults } from '../../../electron/shared/model.ts';
import type { PagedRows } from '../hooks/usePagedRows.ts';
import { plainMessage } from '../plainMessage.ts';
import { SearchResultRow } from './SearchResultRow.tsx';
import { VirtualList } from './VirtualList.tsx';

export interface SearchResultListProps {
  readonly search: PagedRows<SearchHit, SearchResults>;
  /** True while the results shown answer an older query than the one typed. */
  readonly stale: boolean;
  readonly openArticleId: string | null;
  /** The open article's row, scrolled into view when it changes. */
  readonly openIndex: number | null;
  readonly onOpen: (article: ArticleSummary, index: number) => void;
}

/** A hit has a title, a snippet of up to three lines and a meta line. */
const ROW_HEIGHT_ESTIMATE = 110;

function countLine(total: number, reachable: number): string {
  const noun = total === 1 ? 'article' : 'articles';
  const shown = reachable < total ? `, first ${reachable.toLocaleString()} shown` : '';
  return `${total.toLocaleString()} ${noun}${shown}`;
}

/**
 * The middle pane while searching: hits with highlighted titles and
 * snippets, in the order the library ranked them, read a page at a time as
 * the list scrolls.
 */
export function SearchResultList({ search, stale, openArticleId, openIndex, onOpen }: SearchResultListProps) {
  const { state } = search;
  let body: ReactNode;
  if (state.status === 'loading') {
    body = <p className="hint">Searching…</p>;
  } else if (state.status === 'failed') {
    body = (
      <p className="error" role="alert">
        Search failed. {plainMessage(state.message ?? '')}
      </p>
    );
  } else if (search.count === 0) {
    body = <p className="hint">No articles match this search.</p>;
  } else {
    body = (
      <>
        {state.message !== null && (
          <p className="error" role="alert">
            Some results could not be loaded. {plainMessage(state.message)}
          </p>
        )}
        <VirtualList
          label="Search results"
          className="article-list search-results"
          busy={stale}
          count={search.count}
          rowAt={search.rowAt}
          rowKey={(hit) => hit.article.id}
          onRowsShown={search.show}
          activeIndex={openIndex}
          resetKey={search.shownKey}
          estimateRowHeight={ROW_HEIGHT_ESTIMATE}
          renderRow={(hit, index, focus) => (
            <SearchResultRow
              hit={hit}
              index={index}
              open={hit !== undefined && hit.article.id === openArticleId}
              focus={focus}
              onOpen={onOpen}
            />
          )}
        />
      </>
    );
  }

  return (
    <section className="articles" aria-labelledby="search-heading">
      <h2 id="search-heading" className="pane-heading">
        Search results
        {state.status === 'ready' && <span className="pane-count"> · {countLine(state.total, search.count)}</span>}
      </h2>
      {body}
    </section>
  );
}
