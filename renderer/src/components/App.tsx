import { useEffect, useReducer, useRef, useState } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import { ok } from '../../../electron/shared/errors.ts';
import type { Article, ArticleSummary, Feed, Topic } from '../../../electron/shared/model.ts';
import type { ImageSource } from '../api/createClient.ts';
import { useArticleRows } from '../hooks/useArticleRows.ts';
import { useKeyboardShortcuts } from '../hooks/useKeyboardShortcuts.ts';
import { useLibraryRevision } from '../hooks/useLibraryRevision.ts';
import { useResult } from '../hooks/useResult.ts';
import { useSearchRows } from '../hooks/useSearchRows.ts';
import { useSelection } from '../hooks/useSelection.ts';
import { isWebAddress } from '../isWebAddress.ts';
import { plainMessage } from '../plainMessage.ts';
import { NO_OPEN_ARTICLE, neighbourIndex, openArticleReducer } from '../state/openArticle.ts';
import { NO_SEARCH, searchReducer } from '../state/search.ts';
import { ALL_ARTICLES, SAVED_ARTICLES, UNREAD_ARTICLES, viewReducer, type View } from '../state/view.ts';
import { AddFeedForm } from './AddFeedForm.tsx';
import { ArticleList } from './ArticleList.tsx';
import { ArticleReader } from './ArticleReader.tsx';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { FeedList } from './FeedList.tsx';
import { FirstRun } from './FirstRun.tsx';
import { IndexProgress } from './IndexProgress.tsx';
import { LibraryNav } from './LibraryNav.tsx';
import { OfflineControl } from './OfflineControl.tsx';
import { OpmlImportField } from './OpmlImportField.tsx';
import { RefreshControl } from './RefreshControl.tsx';
import { SearchBox } from './SearchBox.tsx';
import { SearchResultList } from './SearchResultList.tsx';
import { SelectionBar } from './SelectionBar.tsx';
import { ShortcutHelp } from './ShortcutHelp.tsx';
import { TopicEditor, type TopicDraft } from './TopicEditor.tsx';
import { TopicList } from './TopicList.tsx';
import type { DateRange } from '../state/dateRange.ts';
import { DateRangeFilter } from './DateRangeFilter.tsx';
import { DropZone } from './DropZone.tsx';
import { ExportButton } from './ExportButton.tsx';
import { allOf } from '../plural.ts';

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
  const [revision, bump, contentRevision] = useLibraryRevision(client);
  // View state, a slice each (renderer/src/state/): the view, the open article, the search, the selection.
  const [view, dispatchView] = useReducer(viewReducer, ALL_ARTICLES);
  const [open, dispatchOpen] = useReducer(openArticleReducer, NO_OPEN_ARTICLE);
  const [search, dispatchSearch] = useReducer(searchReducer, NO_SEARCH);
  const selection = useSelection();
  const [topicDraft, setTopicDraft] = useState<TopicDraft | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  // Said to screen readers: what a shortcut or an action did, or why it could not.
  const [notice, setNotice] = useState('');
  const openArticleId = open.article?.id ?? null;

  const feeds = useResult(`feeds ${revision}`, () => client.feeds.list({}));
  // First run: no feeds and no articles (a removed feed's kept articles count), so the panes explain what to do.
  const library = useResult(`library ${revision}`, () => client.app.info({}));
  const libraryEmpty = library.status === 'ready' && library.value.feedCount === 0 && library.value.articleCount === 0;
  const topics = useResult(`topics ${revision}`, () => client.topics.list({}));
  const savedCount = useResult(`saved ${revision}`, async () => {
    const result = await client.articles.list({ saved: true, limit: 1 });
    return result.ok ? ok(result.value.total) : result;
  });
  const [range, setRange] = useState<DateRange>('any');
  const articles = useArticleRows(client, view, revision, range);
  const {
    rows: results,
    searching,
    stale: searchStale,
    problems,
  } = useSearchRows(client, search, view, revision, range);
  // The list on screen, for j/k: the search results while searching, else the view's articles.
  const list = searching
    ? {
        key: results.shownKey,
        pending: results.pending,
        count: results.count,
        indexOf: (id: string) => results.indexOf(id, (hit) => hit.article.id),
        load: async (index: number) => (await results.load(index))?.article,
      }
    : {
        key: articles.shownKey,
        pending: articles.pending,
        count: articles.count,
        indexOf: (id: string) => articles.indexOf(id, (article) => article.id),
        load: (index: number) => articles.load(index),
      };
  const openFoundAt = openArticleId === null ? -1 : list.indexOf(openArticleId);
  const openIndex = openFoundAt >= 0 ? openFoundAt : null;
  const idsBetween = async (first: number, last: number): Promise<string[]> =>
    (await articles.rowsBetween(first, last)).map((article) => article.id);

  const selectedFeedId = view.kind === 'feed' ? view.feedId : null;
  const selectedFeed: Feed | undefined =
    feeds.status === 'ready' ? feeds.value.find((feed) => feed.id === selectedFeedId) : undefined;
  const selectedTopic: Topic | undefined =
    topics.status === 'ready' && view.kind === 'topic'
      ? topics.value.find((topic) => topic.id === view.topicId)
      : undefined;
  const unread = feeds.status === 'ready' ? feeds.value.reduce((sum, feed) => sum + feed.unreadCount, 0) : 0;

  const articleState = articles.state;
  const { retain } = selection;
  useEffect(() => {
    // After a reload, drop selected rows that left the list, when all of it is in memory to tell.
    const ids = [...articleState.pages.values()].flatMap((page) => page.items.map((article) => article.id));
    if (articleState.status === 'ready' && ids.length === articleState.total) retain(ids);
  }, [articleState, retain]);

  function selectView(next: View): void {
    dispatchView({ type: 'selected', view: next });
    dispatchOpen({ type: 'closed' });
    dispatchSearch({ type: 'cleared' });
    selection.clear();
  }

  /** Opens an article; `index` is its row in the list on screen (null: opened from elsewhere, e.g. related). */
  function openArticle(article: ArticleSummary, index: number | null = null, listKey = list.key): void {
    dispatchOpen({ type: 'opened', article, index, listKey: index === null ? null : listKey });
  }

  /** An article on screen is read: marked once the reader shows it (the library's event reloads the lists). */
  function articleShown(article: Article): void {
    if (!article.read) void client.articles.markRead({ ids: [article.id], read: true });
  }

  async function step(direction: 1 | -1): Promise<void> {
    const { key } = list;
    if (key === null) return;
    // Another list is on its way (g s, a new search): the rows on screen are the old list's, not j's. The
    // step waits for the new list (the effect below takes it once the list is in).
    if (list.pending) {
      queuedStep.current = direction;
      setNotice('The list is loading; j and k continue when it is in.');
      return;
    }
    const index = neighbourIndex(open, key, openFoundAt, direction, list.count);
    if (index === null) return;
    const article = await list.load(index);
    if (article !== undefined) openArticle(article, index, key);
  }

  // A j or k pressed while the list was loading, taken once it is in.
  const queuedStep = useRef<1 | -1 | null>(null);
  const listPending = list.pending;
  const listKey = list.key;
  useEffect(() => {
    const direction = queuedStep.current;
    if (direction === null || listPending || listKey === null) return;
    queuedStep.current = null;
    void step(direction);
    // `step` reads this render's list: it runs when the list asked for has arrived, not when `step` changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [listPending, listKey]);

  /** s and m act on the open article as the library has it now (the reader's own buttons may have changed it). */
  async function changeOpenArticle(change: 'saved' | 'read'): Promise<void> {
    if (openArticleId === null) {
      setNotice('Open an article first: j opens the first one.');
      return;
    }
    const current = await client.articles.get({ id: openArticleId });
    if (!current.ok) {
      setNotice(plainMessage(current.error.message));
      return;
    }
    const { id, title, saved, read } = current.value;
    const result =
      change === 'saved'
        ? await client.articles.setSaved({ id, saved: !saved })
        : await client.articles.markRead({ ids: [id], read: !read });
    if (!result.ok) {
      setNotice(plainMessage(result.error.message));
      return;
    }
    bump();
    if (change === 'saved') setNotice(saved ? `Removed “${title}” from saved.` : `Saved “${title}”.`);
    else setNotice(read ? `Marked “${title}” unread.` : `Marked “${title}” read.`);
  }

  function openOriginal(): void {
    const url = open.article?.url ?? null;
    // As the reader's link: a stored javascript:, data: or file: address is no link to open.
    if (url === null || !isWebAddress(url)) {
      setNotice(openArticleId === null ? 'Open an article first: j opens the first one.' : 'This article has no link.');
      return;
    }
    // In Electron the main process sends this to the system browser; in a browser it opens a tab.
    window.open(url, '_blank', 'noopener,noreferrer');
  }

  useKeyboardShortcuts({
    next: () => void step(1),
    previous: () => void step(-1),
    openOriginal,
    toggleSaved: () => void changeOpenArticle('saved'),
    toggleRead: () => void changeOpenArticle('read'),
    goTo: (kind) => {
      selectView(kind === 'all' ? ALL_ARTICLES : kind === 'unread' ? UNREAD_ARTICLES : SAVED_ARTICLES);
    },
    showHelp: () => {
      setHelpOpen(true);
    },
  });

  function feedAdded(feed: Feed): void {
    selectView({ kind: 'feed', feedId: feed.id });
    bump();
  }

  function topicEditorClosed(saved: Topic | null): void {
    setTopicDraft(null);
    bump();
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
          revision={contentRevision}
          onAdded={bump}
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
        {feeds.status === 'ready' && feeds.value.length > 0 && (
          <div className="sidebar-import">
            <OpmlImportField
              client={client}
              onImported={(report) => {
                bump();
                // An OPML file only names feeds: fetch them now (progress shows beside Refresh).
                void client.feeds.refresh({ feedIds: report.added.map((feed) => feed.id) });
              }}
            />
          </div>
        )}
      </nav>
      <main className="content">
        <section className="article-pane" aria-label="Articles">
          <SearchBox
            query={search.query}
            onQueryChange={(query) => {
              dispatchSearch({ type: 'typed', query });
            }}
            sort={search.sort}
            onSortChange={(sort) => {
              dispatchSearch({ type: 'sorted', sort });
            }}
            problems={problems}
            onSaveAsTopic={(rule) => {
              setTopicDraft({ kind: 'new', query: rule });
            }}
          />
          <DateRangeFilter range={range} onChange={setRange} />
          {searching ? (
            <SearchResultList
              search={results}
              stale={searchStale}
              openArticleId={openArticleId}
              openIndex={openIndex}
              onOpen={openArticle}
            />
          ) : (
            <ArticleList
              heading={heading}
              articles={articles}
              openArticleId={openArticleId}
              openIndex={openIndex}
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
                      onToggle: (article: ArticleSummary, index: number, extend: boolean) => {
                        selection.toggle(article.id, index, extend, idsBetween).catch((error: unknown) => {
                          setNotice(plainMessage(error instanceof Error ? error.message : String(error)));
                        });
                      },
                    },
                    toolbar: (
                      <SelectionBar
                        client={client}
                        selection={selection}
                        total={articles.count}
                        onSelectAll={async () => {
                          selection.selectAll(await idsBetween(0, articles.count - 1));
                        }}
                      />
                    ),
                  }
                : view.kind === 'topic' && selectedTopic !== undefined && selectedTopic.counts.total > 0
                  ? {
                      toolbar: (
                        <div className="selection-bar" role="toolbar" aria-label="Topic actions">
                          <ExportButton
                            client={client}
                            scopes={[
                              {
                                label: `${allOf(selectedTopic.counts.total, 'article')} in “${selectedTopic.name}”`,
                                selection: { kind: 'topic', topicId: selectedTopic.id },
                                count: selectedTopic.counts.total,
                                title: selectedTopic.name,
                              },
                            ]}
                          />
                        </div>
                      ),
                    }
                  : {})}
            />
          )}
        </section>
        {libraryEmpty ? (
          <FirstRun client={client} onFeedAdded={feedAdded} onOpen={openArticle} onChanged={bump} />
        ) : openArticleId === null ? (
          <section className="reader reader-empty" aria-label="Reader">
            <p className="hint">Select an article to read it (j opens the first; ? lists the shortcuts).</p>
          </section>
        ) : (
          <ArticleReader
            key={openArticleId}
            client={client}
            articleId={openArticleId}
            revision={contentRevision}
            imageSource={imageSource}
            onOpen={openArticle}
            onShown={articleShown}
          />
        )}
      </main>
      {topicDraft !== null && <TopicEditor client={client} draft={topicDraft} onClose={topicEditorClosed} />}
      {helpOpen && (
        <ShortcutHelp
          onClose={() => {
            setHelpOpen(false);
          }}
        />
      )}
      <p className="visually-hidden" role="status">
        {notice}
      </p>
      <DropZone
        client={client}
        onChanged={bump}
        onClipped={(article) => {
          bump();
          openArticle(article);
        }}
      />
    </div>
  );
}
