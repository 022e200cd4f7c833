import { useEffect, useState } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import type { ArticleSummary, Feed } from '../../../electron/shared/model.ts';
import { useResult } from '../hooks/useResult.ts';
import { AddFeedForm } from './AddFeedForm.tsx';
import { ArticleList } from './ArticleList.tsx';
import { ArticleReader } from './ArticleReader.tsx';
import { FeedList } from './FeedList.tsx';
import { RefreshControl } from './RefreshControl.tsx';

export interface AppProps {
  readonly client: OffprintApi;
}

/**
 * The first plain screen: feeds, the selected feed's articles, the open
 * article. View state is three values; the library is the source of truth
 * and lists reload whenever it says it changed.
 */
export function App({ client }: AppProps) {
  // Bumped on every `library:changed` (and after our own writes) to reload lists.
  const [revision, setRevision] = useState(0);
  const [selectedFeedId, setSelectedFeedId] = useState<number | null>(null);
  const [openArticleId, setOpenArticleId] = useState<string | null>(null);

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

  const selectedFeed: Feed | undefined =
    feeds.status === 'ready' ? feeds.value.find((feed) => feed.id === selectedFeedId) : undefined;

  function selectFeed(feedId: number | null): void {
    setSelectedFeedId(feedId);
    setOpenArticleId(null);
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
        <RefreshControl client={client} />
      </header>
      <nav className="sidebar" aria-label="Feeds">
        <AddFeedForm client={client} onAdded={feedAdded} />
        <FeedList feeds={feeds} selectedFeedId={selectedFeedId} onSelect={selectFeed} />
      </nav>
      <main className="content">
        <ArticleList
          heading={selectedFeed?.title ?? 'All articles'}
          articles={articles}
          openArticleId={openArticleId}
          onOpen={openArticle}
        />
        {openArticleId === null ? (
          <section className="reader reader-empty" aria-label="Reader">
            <p className="hint">Select an article to read it.</p>
          </section>
        ) : (
          <ArticleReader key={openArticleId} client={client} articleId={openArticleId} />
        )}
      </main>
    </div>
  );
}
