import { useEffect, useState } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import { ok } from '../../../electron/shared/errors.ts';
import type { ArticleSummary, Feed, Topic } from '../../../electron/shared/model.ts';
import type { ImageSource } from '../api/createClient.ts';
import { useDebouncedValue } from '../hooks/useDebouncedValue.ts';
import { useResult } from '../hooks/useResult.ts';
import { useSelection } from '../hooks/useSelection.ts';
import { ALL_ARTICLES, articlesRequestFor, searchFiltersFor, viewKey, type View } from '../state/view.ts';
import { AddFeedForm } from './AddFeedForm.tsx';
import { ArticleList } from './ArticleList.tsx';
import { ArticleReader } from './ArticleReader.tsx';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { FeedList } from './FeedList.tsx';
import { FirstRun } from './FirstRun.tsx';
import { IndexProgress } from './IndexProgress.tsx';
import { LibraryNav } from './LibraryNav.tsx';
import { OfflineControl } from './OfflineControl.tsx';
import { RefreshControl } from './RefreshControl.tsx';
import { SearchBox, type SearchSort } from './SearchBox.tsx';
import { SearchResultList, type AnsweredSearch } from './SearchResultList.tsx';
import { SelectionBar } from './SelectionBar.tsx';
import { TopicEditor, type TopicDraft } from './TopicEditor.tsx';
import { TopicList } from './TopicList.tsx';

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
  const [view, setView] = useState<View>(ALL_ARTICLES);
  const [openArticleId, setOpenArticleId] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SearchSort>('relevance');
  const [topicDraft, setTopicDraft] = useState<TopicDraft | null>(null);
  const selection = useSelection();

  useEffect(() => {
    const bump = (): void => {
      setRevision((value) => value + 1);
    };
    const stopLibrary = client.on('library:changed', bump);
    // A topic's rule applied, or new matches: its counts changed.
    const stopTopics = client.on('topics:progress', (event) => {
      if (event.kind !== 'applying') bump();
    });
    return () => {
      stopLibrary();
      stopTopics();
    };
  }, [client]);

  const feeds = useResult(`feeds ${revision}`, () => client.feeds.list({}));
  // First run: no feeds and no articles (a removed feed's kept articles count), so the panes explain what to do.
  const library = useResult(`library ${revision}`, () => client.app.info({}));
  const libraryEmpty = library.status === 'ready' && library.value.feedCount === 0 && library.value.articleCount === 0;
  const topics = useResult(`topics ${revision}`, () => client.topics.list({}));
  const savedCount = useResult(`saved ${revision}`, async () => {
    const result = await client.articles.list({ saved: true, limit: 1 });
    return result.ok ? ok(result.value.total) : result;
  });
  const articles = useResult(`articles ${viewKey(view)} ${revision}`, () =>
    client.articles.list(articlesRequestFor(view)),
  );

  const typedQuery = query.trim();
  const settledQuery = useDebouncedValue(typedQuery, SEARCH_DELAY_MS);
  const searching = typedQuery !== '';
  // useResult drops answers to any key but the latest, so a slow older query never replaces a newer one.
  const search = useResult<AnsweredSearch>(
    searching && settledQuery !== '' ? JSON.stringify([settledQuery, sort, viewKey(view), revision]) : null,
    async () => {
      const asked = { query: settledQuery, sort };
      const result = await client.search.query({ ...asked, ...searchFiltersFor(view), limit: SEARCH_LIMIT });
      return result.ok ? ok({ ...asked, results: result.value }) : result;
    },
  );
  const searchStale = search.status === 'ready' && (search.value.query !== typedQuery || search.value.sort !== sort);
  const problems = searching && search.status === 'ready' ? search.value.results.problems : [];

  const selectedFeedId = view.kind === 'feed' ? view.feedId : null;
  const selectedFeed: Feed | undefined =
    feeds.status === 'ready' ? feeds.value.find((feed) => feed.id === selectedFeedId) : undefined;
  const selectedTopic: Topic | undefined =
    topics.status === 'ready' && view.kind === 'topic'
      ? topics.value.find((topic) => topic.id === view.topicId)
      : undefined;
  const unread = feeds.status === 'ready' ? feeds.value.reduce((sum, feed) => sum + feed.unreadCount, 0) : 0;
  const visibleIds = articles.status === 'ready' ? articles.value.items.map((article) => article.id) : [];

  useEffect(() => {
    selection.retain(visibleIds);
    // visibleIds is derived from `articles`; its identity changes on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [articles, selection.retain]);

  function selectView(next: View): void {
    setView(next);
    setOpenArticleId(null);
    setQuery('');
    selection.clear();
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
    selectView({ kind: 'feed', feedId: feed.id });
    setRevision((value) => value + 1);
  }

  function topicEditorClosed(saved: Topic | null): void {
    setTopicDraft(null);
    setRevision((value) => value + 1);
    if (saved !== null) selectView({ kind: 'topic', topicId: saved.id });
    else if (view.kind === 'topic' && topics.status === 'ready') {
      // The open topic may just have been deleted.
      const stillThere = topics.value.some((topic) => topic.id === view.topicId);
      if (!stillThere) selectView(ALL_ARTICLES);
    }
  }

  const heading =
    view.kind === 'all'
      ? 'All articles'
      : view.kind === 'unread'
        ? 'Unread'
        : view.kind === 'saved'
          ? 'Saved'
          : view.kind === 'feed'
            ? (selectedFeed?.title ?? 'Feed')
            : (selectedTopic?.name ?? 'Topic');

  return (
    <div className="app">
      <header className="toolbar">
        <h1 className="brand">Offprint</h1>
        <IndexProgress client={client} />
        <ConnectionBadge feeds={feeds} />
        <RefreshControl client={client} />
        <OfflineControl client={client} feed={selectedFeed ?? null} />
      </header>
      <nav className="sidebar" aria-label="Library">
        <AddFeedForm client={client} onAdded={feedAdded} />
        <LibraryNav
          view={view}
          onSelect={selectView}
          unread={unread}
          saved={savedCount.status === 'ready' ? savedCount.value : null}
        />
        <TopicList
          client={client}
          revision={revision}
          onAdded={() => {
            setRevision((value) => value + 1);
          }}
          topics={topics}
          view={view}
          onSelect={selectView}
          onNew={() => {
            setTopicDraft({ kind: 'new', query: '' });
          }}
          onEdit={(topic) => {
            setTopicDraft({ kind: 'edit', topic });
          }}
        />
        <FeedList
          client={client}
          feeds={feeds}
          selectedFeedId={selectedFeedId}
          onSelect={(feedId) => {
            selectView({ kind: 'feed', feedId });
          }}
        />
      </nav>
      <main className="content">
        <section className="article-pane" aria-label="Articles">
          <SearchBox
            query={query}
            onQueryChange={setQuery}
            sort={sort}
            onSortChange={setSort}
            problems={problems}
            onSaveAsTopic={(rule) => {
              setTopicDraft({ kind: 'new', query: rule });
            }}
          />
          {searching ? (
            <SearchResultList search={search} stale={searchStale} openArticleId={openArticleId} onOpen={openArticle} />
          ) : (
            <ArticleList
              heading={heading}
              articles={articles}
              openArticleId={openArticleId}
              onOpen={openArticle}
              emptyHint={
                view.kind === 'saved'
                  ? 'Nothing saved yet. Save an article with the Save button in the reader.'
                  : view.kind === 'topic'
                    ? 'No articles match this topic yet.'
                    : libraryEmpty
                      ? 'Your library is empty: the pane on the right shows how to fill it.'
                      : 'No articles here yet.'
              }
              {...(view.kind === 'saved'
                ? {
                    selection: {
                      selected: selection.selected,
                      onToggle: (article: ArticleSummary, extend: boolean) => {
                        selection.toggle(article.id, extend, visibleIds);
                      },
                    },
                    toolbar: <SelectionBar client={client} selection={selection} visibleIds={visibleIds} />,
                  }
                : {})}
            />
          )}
        </section>
        {libraryEmpty ? (
          <FirstRun
            client={client}
            onFeedAdded={feedAdded}
            onOpen={openArticle}
            onChanged={() => {
              setRevision((value) => value + 1);
            }}
          />
        ) : openArticleId === null ? (
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
      {topicDraft !== null && <TopicEditor client={client} draft={topicDraft} onClose={topicEditorClosed} />}
    </div>
  );
}
