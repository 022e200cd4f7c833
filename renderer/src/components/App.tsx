import { useEffect, useState } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import { ok } from '../../../electron/shared/errors.ts';
import type { ArticleSummary, Feed } from '../../../electron/shared/model.ts';
import type { ImageSource } from '../api/createClient.ts';
import { useDebouncedValue } from '../hooks/useDebouncedValue.ts';
import { useResult } from '../hooks/useResult.ts';
import { AddFeedForm } from './AddFeedForm.tsx';
import { ArticleList } from './ArticleList.tsx';
import { ArticleReader } from './ArticleReader.tsx';
import { FeedList } from './FeedList.tsx';
import { IndexProgress } from './IndexProgress.tsx';
import { OfflineControl } from './OfflineControl.tsx';
import { RefreshControl } from './RefreshControl.tsx';
import { SearchBox, type SearchSort } from './SearchBox.tsx';
import { SearchResultList, type AnsweredSearch } from './SearchResultList.tsx';

/** Long enough to skip the words in between while typing, short enough to feel instant. */
const SEARCH_DELAY_MS = 150;
const SEARCH_LIMIT = 50;

export interface AppProps {
  readonly client: OffprintApi;
  /** Where this page loads cached article images from (Electron's scheme or the host's route). */
  readonly imageSource: ImageSource;
}

/**
 * The first plain screen: feeds, the selected feed's articles (or search
 * results across the library), the open article. The library is the source
 * of truth and lists reload whenever it says it changed.
 */
export function App({ client, imageSource }: AppProps) {
  // Bumped on every `library:changed` (and after our own writes) to reload lists.
  const [revision, setRevision] = useState(0);
  const [selectedFeedId, setSelectedFeedId] = useState<number | null>(null);
  const [openArticleId, setOpenArticleId] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SearchSort>('relevance');

  useEffect(
    () =>
      client.on('library:changed', () => {
        setRevision((value) => value + 1);
      }),
    [client],
  );

  const feeds = useResult(`feeds ${revision}`, () => client.feeds.list({}));
  const articles = useResult(`articles ${selectedFeedId ?? 'all'} ${revision}`, () =>
    client.articles.list(selectedFeedId === null ? {} : { feedId: selectedFeedId }),
  );

  const typedQuery = query.trim();
  const settledQuery = useDebouncedValue(typedQuery, SEARCH_DELAY_MS);
  const searching = typedQuery !== '';
  // useResult drops answers to any key but the latest, so a slow older query never replaces a newer one.
  const search = useResult<AnsweredSearch>(
    searching && settledQuery !== '' ? JSON.stringify([settledQuery, sort, revision]) : null,
    async () => {
      const asked = { query: settledQuery, sort };
      const result = await client.search.query({ ...asked, limit: SEARCH_LIMIT });
      return result.ok ? ok({ ...asked, results: result.value }) : result;
    },
  );
  const searchStale = search.status === 'ready' && (search.value.query !== typedQuery || search.value.sort !== sort);
  const problems = searching && search.status === 'ready' ? search.value.results.problems : [];

  const selectedFeed: Feed | undefined =
    feeds.status === 'ready' ? feeds.value.find((feed) => feed.id === selectedFeedId) : undefined;

  function selectFeed(feedId: number | null): void {
    setSelectedFeedId(feedId);
    setOpenArticleId(null);
    setQuery('');
  }

  function openArticle(article: ArticleSummary): void {
    setOpenArticleId(article.id);
    if (!article.read) {
      void client.articles.markRead({ ids: [article.id], read: true }).then((result) => {
        if (result.ok) setRevision((value) => value + 1);
      });
    }
  }

  function feedAdded(feed: Feed): void {
    selectFeed(feed.id);
    setRevision((value) => value + 1);
  }

  return (
    <div className="app">
      <header className="toolbar">
        <h1 className="brand">Offprint</h1>
        <IndexProgress client={client} />
        <RefreshControl client={client} />
        <OfflineControl client={client} feed={selectedFeed ?? null} />
      </header>
      <nav className="sidebar" aria-label="Feeds">
        <AddFeedForm client={client} onAdded={feedAdded} />
        <FeedList client={client} feeds={feeds} selectedFeedId={selectedFeedId} onSelect={selectFeed} />
      </nav>
      <main className="content">
        <section className="article-pane" aria-label="Articles">
          <SearchBox query={query} onQueryChange={setQuery} sort={sort} onSortChange={setSort} problems={problems} />
          {searching ? (
            <SearchResultList search={search} stale={searchStale} openArticleId={openArticleId} onOpen={openArticle} />
          ) : (
            <ArticleList
              heading={selectedFeed?.title ?? 'All articles'}
              articles={articles}
              openArticleId={openArticleId}
              onOpen={openArticle}
            />
          )}
        </section>
        {openArticleId === null ? (
          <section className="reader reader-empty" aria-label="Reader">
            <p className="hint">Select an article to read it.</p>
          </section>
        ) : (
          <ArticleReader
            key={openArticleId}
            client={client}
            articleId={openArticleId}
            revision={revision}
            imageSource={imageSource}
            onOpen={openArticle}
          />
        )}
      </main>
    </div>
  );
}
