import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FullTextSetting, PageStatus } from '../../../electron/shared/model.ts';
import type { CachedImage, ImageFailure } from '../../../electron/core/extract/images/CachedImage.ts';
import {
  ArticleStore,
  type ExtractedPage,
  type NewArticle,
  type OfflineTask,
  type UpsertOptions,
} from '../../../electron/core/store/ArticleStore.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';

const T0 = '2026-03-01T10:00:00.000Z';
const T1 = '2026-03-01T11:00:00.000Z';

function article(overrides: Partial<NewArticle> = {}): NewArticle {
  return {
    guid: null,
    url: null,
    title: 'Magnet export curbs widen',
    author: 'A. Writer',
    publishedAt: '2026-02-28T09:00:00.000Z',
    updatedAt: null,
    language: 'en',
    summary: 'Curbs widen.',
    contentHtml: '<p>Curbs widen to more rare earths.</p>',
    text: 'Curbs widen to more rare earths.',
    categories: ['rare earths'],
    ...overrides,
  };
}

let temp: ReturnType<typeof createTempDirectory>;
let store: ArticleStore;
let feedId: number;

beforeEach(() => {
  temp = createTempDirectory('store');
  store = ArticleStore.open(join(temp.path, 'library.sqlite'));
  feedId = store.writer.addFeed({ url: 'https://wire.test/feed.xml', title: 'Example Wire' }, T0).id;
});
afterEach(() => {
  store.close();
  temp.dispose();
});

describe('ArticleStore dedupe', () => {
  it('stores an item once per guid, however often it is seen', () => {
    const first = store.writer.upsertArticles(feedId, [article({ guid: 'g1' })], T0);
    const again = store.writer.upsertArticles(feedId, [article({ guid: 'g1' })], T1);
    expect(first.newIds).toHaveLength(1);
    expect(again).toEqual({ newIds: [], updatedIds: [] });
    expect(store.reader.countArticles()).toBe(1);
  });

  it('falls back to the URL, then to the content hash, when there is no guid', () => {
    store.writer.upsertArticles(
      feedId,
      [article({ url: 'https://wire.test/a' }), article({ title: 'No link or guid' })],
      T0,
    );
    const again = store.writer.upsertArticles(
      feedId,
      [article({ url: 'https://wire.test/a', title: 'Changed title' }), article({ title: 'No link or guid' })],
      T1,
    );
    expect(again.newIds).toHaveLength(0);
    expect(again.updatedIds).toHaveLength(1);
    expect(store.reader.countArticles()).toBe(2);
  });

  it('updates a changed article in place: same id, read and saved kept, update time recorded', () => {
    const [id] = store.writer.upsertArticles(feedId, [article({ guid: 'g1' })], T0).newIds;
    if (!id) throw new Error('no id');
    store.writer.markRead([id], true);
    store.writer.setSaved(id, true, T0);
    const outcome = store.writer.upsertArticles(
      feedId,
      [article({ guid: 'g1', title: 'Magnet export curbs widen further', text: 'More.', contentHtml: '<p>More.</p>' })],
      T1,
    );
    expect(outcome.updatedIds).toEqual([id]);
    const stored = store.reader.getArticle(id);
    expect(stored?.title).toBe('Magnet export curbs widen further');
    expect(stored?.text).toBe('More.');
    expect(stored?.read).toBe(true);
    expect(stored?.saved).toBe(true);
    expect(stored?.savedAt).toBe(T0);
    expect(stored?.updatedAt).toBe(T1);
  });

  it('keeps the same guid in two feeds as two articles', () => {
    const other = store.writer.addFeed({ url: 'https://other.test/rss', title: 'Other' }, T0).id;
    store.writer.upsertArticles(feedId, [article({ guid: 'shared' })], T0);
    store.writer.upsertArticles(other, [article({ guid: 'shared' })], T0);
    expect(store.reader.countArticles()).toBe(2);
  });

  it('takes the first of two identical items in one document', () => {
    const outcome = store.writer.upsertArticles(
      feedId,
      [article({ guid: 'g' }), article({ guid: 'g', title: 'dup' })],
      T0,
    );
    expect(outcome.newIds).toHaveLength(1);
    expect(store.reader.getArticle(outcome.newIds[0] ?? '')?.title).toBe('Magnet export curbs widen');
  });
});

describe('ArticleStore lists and state', () => {
  it('lists newest first with filters, paging and totals', () => {
    const items = Array.from({ length: 5 }, (_, index) =>
      article({ guid: `g${index}`, title: `Story ${index}`, publishedAt: `2026-02-0${index + 1}T00:00:00.000Z` }),
    );
    const { newIds } = store.writer.upsertArticles(feedId, items, T0);
    store.writer.markRead([newIds[4] ?? ''], true);
    store.writer.setSaved(newIds[0] ?? '', true, T1);

    const page = store.reader.listArticles({ limit: 2, offset: 0 });
    expect(page.total).toBe(5);
    expect(page.items.map((item) => item.title)).toEqual(['Story 4', 'Story 3']);
    expect(store.reader.listArticles({ limit: 2, offset: 4 }).items.map((item) => item.title)).toEqual(['Story 0']);
    expect(store.reader.listArticles({ unread: true, limit: 10, offset: 0 }).total).toBe(4);
    expect(store.reader.listArticles({ saved: true, limit: 10, offset: 0 }).items.map((item) => item.title)).toEqual([
      'Story 0',
    ]);
    expect(store.reader.listArticles({ feedId: feedId + 1, limit: 10, offset: 0 }).total).toBe(0);
    expect(store.reader.listFeeds()[0]).toMatchObject({ articleCount: 5, unreadCount: 4 });
  });

  it('markRead counts only real changes', () => {
    const { newIds } = store.writer.upsertArticles(feedId, [article({ guid: 'a' }), article({ guid: 'b' })], T0);
    expect(store.writer.markRead(newIds, true)).toBe(2);
    expect(store.writer.markRead(newIds, true)).toBe(0);
    expect(store.writer.markRead(['missing'], true)).toBe(0);
  });

  it('removing a feed keeps articles with notes or highlights, as it keeps saved ones', () => {
    const { newIds } = store.writer.upsertArticles(
      feedId,
      [article({ guid: 'noted' }), article({ guid: 'highlighted' }), article({ guid: 'plain' })],
      T0,
    );
    const [noted = '', highlighted = '', plain = ''] = newIds;
    store.database
      .prepare('INSERT INTO notes (article_id, text, created_at, updated_at) VALUES (?, ?, ?, ?)')
      .run(noted, 'Ask the desk.', T0, T0);
    store.database
      .prepare(
        'INSERT INTO highlights (article_id, quote, start, end, created_at, updated_at) VALUES (?, ?, 0, 5, ?, ?)',
      )
      .run(highlighted, 'Story', T0, T0);
    expect(store.writer.removeFeed(feedId, T1)).toEqual({ articlesDeleted: 1, articlesKept: 2 });
    expect(store.reader.getArticle(noted)?.notes.map((note) => note.text)).toEqual(['Ask the desk.']);
    expect(store.reader.getArticle(highlighted)?.highlights).toHaveLength(1);
    expect(store.reader.getArticle(plain)).toBeNull();
  });

  it('removing a feed deletes its unsaved articles and keeps the saved ones', () => {
    const { newIds } = store.writer.upsertArticles(feedId, [article({ guid: 'keep' }), article({ guid: 'drop' })], T0);
    store.writer.setSaved(newIds[0] ?? '', true, T0);
    expect(store.writer.removeFeed(feedId, T1)).toEqual({ articlesDeleted: 1, articlesKept: 1 });
    expect(store.reader.listFeeds()).toEqual([]);
    const kept = store.reader.getArticle(newIds[0] ?? '');
    expect(kept?.feedTitle).toBe('Example Wire');
    expect(kept?.categories).toEqual(['rare earths']);
    // Subscribing again revives the feed and its kept article.
    store.writer.addFeed({ url: 'https://wire.test/feed.xml', title: 'Example Wire' }, T1);
    expect(store.reader.listFeeds()[0]?.articleCount).toBe(1);
  });

  it('records fetch outcomes with backoff state and conditional-GET validators', () => {
    store.writer.recordFetch(feedId, {
      startedAt: T0,
      durationMs: 12,
      status: 'ok',
      httpStatus: 200,
      etag: '"v1"',
      lastModified: 'Sat, 28 Feb 2026 09:00:00 GMT',
      nextFetchAt: T1,
    });
    store.writer.recordFetch(feedId, {
      startedAt: T1,
      durationMs: 5,
      status: 'error',
      httpStatus: 503,
      errorCode: 'http-503',
      errorMessage: 'feed 1: server answered 503',
      nextFetchAt: '2026-03-01T11:15:00.000Z',
    });
    const record = store.reader.getFeedRecord(feedId);
    expect(record).toMatchObject({ etag: '"v1"', lastModified: 'Sat, 28 Feb 2026 09:00:00 GMT', errorCount: 1 });
    expect(store.reader.getFeed(feedId)).toMatchObject({
      lastStatus: 'error',
      lastError: 'feed 1: server answered 503',
    });
    expect(store.reader.feedsToRefresh('2026-03-01T11:10:00.000Z')).toEqual([]);
    expect(store.reader.feedsToRefresh('2026-03-01T11:15:00.000Z')).toHaveLength(1);
  });
});

// ---- offline: pages and images ----

const CHART: CachedImage = { url: 'https://wire.test/chart.png', hash: 'a'.repeat(64), type: 'image/png', bytes: 120 };
const MAP_FAILURE: ImageFailure = {
  url: 'https://wire.test/map.png',
  code: 'http-404',
  reason: 'GET https://wire.test/map.png: server answered 404',
};
const REMOTE_HTML = '<p>Curbs widen.</p><img src="https://wire.test/chart.png" alt="Chart">';
const CACHED_HTML = `<p>Curbs widen.</p><img src="offprint-image://${'a'.repeat(64)}.png" alt="Chart">`;

/** Reads the database behind the store directly, for what no store method exposes. */
function queryRaw<T>(sql: string, ...parameters: SQLInputValue[]): T[] {
  const database = new DatabaseSync(store.path, { readOnly: true });
  try {
    return database.prepare(sql).all(...parameters) as T[];
  } finally {
    database.close();
  }
}

function storeOne(overrides: Partial<NewArticle> = {}, options: UpsertOptions = {}): string {
  const [id] = store.writer.upsertArticles(feedId, [article({ guid: 'g1', ...overrides })], T0, options).newIds;
  if (id === undefined) throw new Error('article was not stored as new');
  return id;
}

function pageOf(id: string): PageStatus | undefined {
  return store.reader.offlineTask(id)?.page;
}

describe('ArticleStore offline readiness', () => {
  type Images = 'ok' | 'partial' | 'pending';
  /** An article whose page and images stand as given, reached through the store's own writes. */
  function articleIn(guid: string, page: 'none' | 'ok', images: Images): string {
    const [id] = store.writer.upsertArticles(
      feedId,
      [article({ guid, url: `https://wire.test/${guid}`, sourceHtml: images === 'ok' ? null : REMOTE_HTML })],
      T0,
      page === 'ok' ? { isPage: true } : {},
    ).newIds;
    if (id === undefined) throw new Error('not stored');
    if (images === 'partial') {
      store.writer.storeArticleImages(id, { html: CACHED_HTML, images: [CHART], failures: [MAP_FAILURE] }, T1);
    }
    return id;
  }

  it.each([
    ['none', 'ok', true],
    ['none', 'partial', false],
    ['none', 'pending', false],
    ['ok', 'ok', true],
    ['ok', 'partial', false],
    ['ok', 'pending', false],
  ] as const)('page %s with images %s: offline ready is %s', (page, images, ready) => {
    const id = articleIn(`${page}-${images}`, page, images);
    expect(store.reader.offlineTask(id)).toMatchObject({ page, images });
    expect(store.reader.getArticleSummary(id)?.offlineReady).toBe(ready);
    expect(store.reader.getArticle(id)?.offlineReady).toBe(ready);
    expect(store.reader.listArticles({ limit: 10, offset: 0 }).items[0]?.offlineReady).toBe(ready);
    expect(store.reader.countOfflineReady([id, 'missing'])).toBe(ready ? 1 : 0);
  });

  it('is never ready while the page is wanted or failed, whatever the images', () => {
    const id = storeOne({ url: 'https://wire.test/a' }, { fullText: true });
    expect(pageOf(id)).toBe('pending');
    expect(store.reader.getArticleSummary(id)?.offlineReady).toBe(false);
    store.writer.recordPageFailure(id, { reason: 'GET https://wire.test/a: server answered 500', retryAt: T1 });
    expect(pageOf(id)).toBe('failed');
    expect(store.reader.getArticleSummary(id)?.offlineReady).toBe(false);
    expect(store.reader.getArticle(id)?.offline).toEqual({
      page: 'failed',
      pageError: 'GET https://wire.test/a: server answered 500',
      imagesCached: 0,
      imagesMissing: [],
    });
  });
});

describe('ArticleStore.storeArticleImages', () => {
  it('stores an image two articles share once, and each article its own use of it', () => {
    const first = storeOne({ guid: 'one', sourceHtml: REMOTE_HTML });
    const second = storeOne({ guid: 'two', sourceHtml: REMOTE_HTML });
    const copy: CachedImage = { ...CHART, url: 'https://mirror.test/chart-copy.png', width: 40, height: 30 };
    store.writer.storeArticleImages(first, { html: CACHED_HTML, images: [CHART], failures: [] }, T0);
    store.writer.storeArticleImages(second, { html: CACHED_HTML, images: [copy], failures: [] }, T1);

    // The first store of the bytes wins: one file, one row, the time it first arrived.
    expect(queryRaw('SELECT hash, type, bytes, width, height, stored_at FROM images')).toEqual([
      { hash: CHART.hash, type: 'image/png', bytes: 120, width: null, height: null, stored_at: T0 },
    ]);
    expect(queryRaw('SELECT article_id, url, hash FROM article_images ORDER BY url')).toEqual([
      { article_id: second, url: 'https://mirror.test/chart-copy.png', hash: CHART.hash },
      { article_id: first, url: 'https://wire.test/chart.png', hash: CHART.hash },
    ]);
    for (const id of [first, second]) {
      expect(store.reader.getArticle(id)).toMatchObject({
        contentHtml: CACHED_HTML,
        offlineReady: true,
        offline: { imagesCached: 1, imagesMissing: [] },
      });
    }
  });

  it('drops the remote-image HTML only when every image is cached', () => {
    const id = storeOne({ sourceHtml: REMOTE_HTML, url: 'https://wire.test/a' });
    expect(store.reader.imageSource(id)).toEqual({ html: REMOTE_HTML, baseUrl: 'https://wire.test/a' });

    store.writer.storeArticleImages(id, { html: CACHED_HTML, images: [CHART], failures: [MAP_FAILURE] }, T0);
    // Partial: the source stays, so a later pass can try the map again.
    expect(store.reader.imageSource(id)).toEqual({ html: REMOTE_HTML, baseUrl: 'https://wire.test/a' });
    expect(store.reader.offlineTask(id)?.images).toBe('partial');
    expect(store.reader.getArticle(id)?.offline).toMatchObject({
      imagesCached: 1,
      imagesMissing: [{ url: MAP_FAILURE.url, reason: MAP_FAILURE.reason }],
    });

    store.writer.storeArticleImages(id, { html: CACHED_HTML, images: [CHART], failures: [] }, T1);
    expect(store.reader.imageSource(id)).toBeNull();
    expect(store.reader.offlineTask(id)?.images).toBe('ok');
    // The retry replaced the article's rows: the map's failure is gone.
    expect(store.reader.getArticle(id)?.offline).toMatchObject({ imagesCached: 1, imagesMissing: [] });
  });
});

describe('ArticleStore pages', () => {
  const PAGE: ExtractedPage = {
    contentHtml: '<p>The whole article, four words.</p>',
    sourceHtml: null,
    text: 'The whole article, four words.',
    author: 'Page Author',
    publishedAt: '2026-02-27T08:00:00.000Z',
    language: 'de',
    siteName: 'Wire',
    leadImageUrl: 'https://wire.test/lead.jpg',
    excerpt: 'From the page.',
  };

  it("replaces the feed's content with the extracted page, keeping what the feed already said", () => {
    const id = storeOne({ url: 'https://wire.test/a', publishedAt: null, summary: null }, { fullText: true });
    store.writer.storeExtractedPage(id, { ...PAGE, sourceHtml: REMOTE_HTML });
    const stored = store.reader.getArticle(id);
    expect(stored).toMatchObject({
      text: PAGE.text,
      contentHtml: PAGE.contentHtml,
      wordCount: 5,
      // The feed's author and language stand; the page fills what the feed left out.
      author: 'A. Writer',
      language: 'en',
      publishedAt: PAGE.publishedAt,
      summary: 'From the page.',
      siteName: 'Wire',
      leadImageUrl: 'https://wire.test/lead.jpg',
      offline: { page: 'ok', pageError: null },
    });
    expect(store.reader.offlineTask(id)).toMatchObject({ page: 'ok', pageAttempts: 1, images: 'pending' });
    // The page's date orders the article, since the feed gave none.
    expect(store.reader.listArticles({ limit: 1, offset: 0 }).items[0]?.publishedAt).toBe(PAGE.publishedAt);
    expect(store.reader.offlineTasks({ since: '2026-02-27T08:00:00.000Z' }).total).toBe(1);
    expect(store.reader.offlineTasks({ since: '2026-02-27T08:00:00.001Z' }).total).toBe(0);
  });

  it('keeps the page of a changed item and fetches it again while full text is on', () => {
    const id = storeOne({ url: 'https://wire.test/a' }, { fullText: true });
    store.writer.storeExtractedPage(id, PAGE);
    const outcome = store.writer.upsertArticles(
      feedId,
      [article({ guid: 'g1', url: 'https://wire.test/a', title: 'Curbs widen again', text: 'Teaser two.' })],
      T1,
      { fullText: true },
    );
    expect(outcome.updatedIds).toEqual([id]);
    const stored = store.reader.getArticle(id);
    expect(stored).toMatchObject({ title: 'Curbs widen again', text: PAGE.text, contentHtml: PAGE.contentHtml });
    expect(stored?.offline.page).toBe('pending');
    expect(store.reader.offlineTask(id)?.pageAttempts).toBe(0);
  });

  it('keeps the page of a changed item without asking for it again when full text is off or the link is gone', () => {
    const id = storeOne({ url: 'https://wire.test/a' }, { fullText: true });
    store.writer.storeExtractedPage(id, PAGE);
    store.writer.upsertArticles(feedId, [article({ guid: 'g1', url: 'https://wire.test/a', title: 'Off' })], T1, {
      fullText: false,
    });
    expect(store.reader.getArticle(id)).toMatchObject({ title: 'Off', text: PAGE.text, offline: { page: 'ok' } });
    store.writer.upsertArticles(feedId, [article({ guid: 'g1', url: null, title: 'No link' })], T1, {
      fullText: true,
    });
    expect(store.reader.getArticle(id)).toMatchObject({ title: 'No link', text: PAGE.text, offline: { page: 'ok' } });
    // Nothing for the offline pass: a page without a URL could never be fetched.
    expect(store.reader.dueOfflineTasks(T1, 6)).toEqual([]);
  });

  it('accepts the feed content when the page adds nothing: done, and counted as an attempt', () => {
    const id = storeOne({ url: 'https://wire.test/a' }, { fullText: true });
    store.writer.recordPageFailure(id, { reason: 'timeout', retryAt: T0 });
    store.writer.acceptFeedContent(id);
    expect(store.reader.getArticle(id)).toMatchObject({
      text: 'Curbs widen to more rare earths.',
      offlineReady: true,
      offline: { page: 'ok', pageError: null },
    });
    expect(store.reader.offlineTask(id)?.pageAttempts).toBe(2);
  });

  it('retries a failed page once its retry time has come, and not after the last automatic attempt', () => {
    const id = storeOne({ url: 'https://wire.test/a' }, { fullText: true });
    expect(store.reader.dueOfflineTasks(T0, 3).map((task) => task.id)).toEqual([id]);
    store.writer.recordPageFailure(id, { reason: 'server answered 503', retryAt: T1 });
    expect(store.reader.offlineTask(id)).toMatchObject({ page: 'failed', pageAttempts: 1 });
    expect(store.reader.dueOfflineTasks(T0, 3)).toEqual([]);
    expect(store.reader.dueOfflineTasks('2026-03-01T10:59:59.999Z', 3)).toEqual([]);
    expect(store.reader.dueOfflineTasks(T1, 3).map((task) => task.id)).toEqual([id]);

    store.writer.recordPageFailure(id, { reason: 'server answered 503', retryAt: T0 });
    expect(store.reader.dueOfflineTasks(T1, 3).map((task) => task.id)).toEqual([id]);
    // The third failure is the last automatic one: no retry time, and never due again on its own.
    store.writer.recordPageFailure(id, { reason: 'server answered 503', retryAt: null });
    expect(store.reader.offlineTask(id)?.pageAttempts).toBe(3);
    expect(store.reader.dueOfflineTasks('2030-01-01T00:00:00.000Z', 3)).toEqual([]);
    // The user still can: a prepare asks for the page again.
    store.writer.requestPages([id]);
    expect(store.reader.dueOfflineTasks(T0, 3).map((task) => task.id)).toEqual([id]);
  });

  it('offers images never tried to the automatic pass, but not images that failed before', () => {
    const pending = storeOne({ guid: 'pending', sourceHtml: REMOTE_HTML });
    const partial = storeOne({ guid: 'partial', sourceHtml: REMOTE_HTML });
    storeOne({ guid: 'done' });
    store.writer.storeArticleImages(partial, { html: CACHED_HTML, images: [], failures: [MAP_FAILURE] }, T0);
    expect(store.reader.dueOfflineTasks(T0, 6).map((task) => task.id)).toEqual([pending]);
  });

  it('requestPages asks again for failed and unfetched pages, never for a page in or an article without URL', () => {
    const failed = storeOne({ guid: 'failed', url: 'https://wire.test/failed' }, { fullText: true });
    const done = storeOne({ guid: 'done', url: 'https://wire.test/done' }, { fullText: true });
    const feedOnly = storeOne({ guid: 'feed-only', url: 'https://wire.test/feed-only' });
    const noUrl = storeOne({ guid: 'no-url', url: null });
    store.writer.recordPageFailure(failed, { reason: 'down', retryAt: '2030-01-01T00:00:00.000Z' });
    store.writer.storeExtractedPage(done, PAGE);

    store.writer.requestPages([failed, done, feedOnly, noUrl, 'missing']);
    expect([failed, done, feedOnly, noUrl].map(pageOf)).toEqual(['pending', 'ok', 'pending', 'none']);
    // The retry time is cleared: the next pass takes the failed page at once.
    expect(
      store.reader
        .dueOfflineTasks(T0, 6)
        .map((task) => task.id)
        .sort(),
    ).toEqual([failed, feedOnly].sort());
    expect(store.reader.getArticle(done)?.text).toBe(PAGE.text);
  });
});

describe('ArticleStore.offlineTasks', () => {
  let other: number;
  let ids: Record<'old' | 'recent' | 'savedRecent' | 'ready' | 'elsewhere', string>;

  beforeEach(() => {
    other = store.writer.addFeed({ url: 'https://other.test/rss', title: 'Other' }, T0).id;
    const at = (day: string) => `2026-02-${day}T09:00:00.000Z`;
    const wanted = (guid: string, day: string) =>
      article({ guid, url: `https://wire.test/${guid}`, publishedAt: at(day), title: guid });
    const [old, recent, savedRecent] = store.writer.upsertArticles(
      feedId,
      [wanted('old', '01'), wanted('recent', '20'), wanted('saved-recent', '21')],
      T0,
      { fullText: true },
    ).newIds;
    const [ready] = store.writer.upsertArticles(feedId, [wanted('ready', '22')], T0).newIds;
    const [elsewhere] = store.writer.upsertArticles(other, [wanted('elsewhere', '23')], T0, {
      fullText: true,
    }).newIds;
    if (!old || !recent || !savedRecent || !ready || !elsewhere) throw new Error('not stored');
    ids = { old, recent, savedRecent, ready, elsewhere };
    store.writer.setSaved(savedRecent, true, T0);
  });

  const taskIds = (result: { tasks: readonly OfflineTask[] }) => result.tasks.map((task) => task.id);

  it('lists everything not yet offline, newest first, and counts the ready ones in the total', () => {
    const all = store.reader.offlineTasks({});
    expect(all.total).toBe(5);
    expect(taskIds(all)).toEqual([ids.elsewhere, ids.savedRecent, ids.recent, ids.old]);
    expect(all.tasks[0]).toEqual({
      id: ids.elsewhere,
      title: 'elsewhere',
      url: 'https://wire.test/elsewhere',
      page: 'pending',
      pageAttempts: 0,
      wordCount: 6,
      images: 'ok',
    });
  });

  it('selects by feeds, saved, date and ids, each narrowing the others', () => {
    const byFeed = store.reader.offlineTasks({ feedIds: [feedId] });
    expect(byFeed.total).toBe(4);
    expect(taskIds(byFeed)).toEqual([ids.savedRecent, ids.recent, ids.old]);
    expect(taskIds(store.reader.offlineTasks({ feedIds: [feedId, other] }))).toHaveLength(4);
    expect(store.reader.offlineTasks({ feedIds: [] })).toEqual({ total: 0, tasks: [] });

    expect(store.reader.offlineTasks({ saved: true })).toEqual({
      total: 1,
      tasks: [expect.objectContaining({ id: ids.savedRecent }) as unknown],
    });
    expect(taskIds(store.reader.offlineTasks({ saved: false }))).toEqual([ids.elsewhere, ids.recent, ids.old]);

    // `since` is an instant in any offset; on or after it counts.
    const since = store.reader.offlineTasks({ since: '2026-02-20T10:00:00+01:00' });
    expect(since.total).toBe(4);
    expect(taskIds(since)).toEqual([ids.elsewhere, ids.savedRecent, ids.recent]);
    expect(taskIds(store.reader.offlineTasks({ since: '2026-02-20T12:00:00Z', feedIds: [feedId] }))).toEqual([
      ids.savedRecent,
    ]);

    const byIds = store.reader.offlineTasks({ articleIds: [ids.old, ids.ready, 'missing'] });
    expect(byIds).toEqual({ total: 2, tasks: [expect.objectContaining({ id: ids.old }) as unknown] });
    expect(store.reader.offlineTasks({ articleIds: [] })).toEqual({ total: 0, tasks: [] });
  });
});

describe('ArticleStore.updateFeedSettings', () => {
  it('changes only the settings given; a null folder moves the feed to the top level', () => {
    store.writer.updateFeedSettings(feedId, { folder: 'Metals' });
    expect(store.reader.getFeed(feedId)).toMatchObject({ title: 'Example Wire', folder: 'Metals', fullText: 'auto' });
    store.writer.updateFeedSettings(feedId, { fullText: 'on' });
    expect(store.reader.getFeedRecord(feedId)).toMatchObject({ folder: 'Metals', fullText: 'on' });
    store.writer.updateFeedSettings(feedId, { title: 'Wire, renamed', folder: null, fullText: 'off' });
    expect(store.reader.getFeed(feedId)).toMatchObject({ title: 'Wire, renamed', folder: null, fullText: 'off' });
    store.writer.updateFeedSettings(feedId, {});
    expect(store.reader.getFeed(feedId)).toMatchObject({ title: 'Wire, renamed', folder: null, fullText: 'off' });
  });

  it('refuses a full-text setting the schema does not know, changing nothing', () => {
    expect(() => {
      store.writer.updateFeedSettings(feedId, { title: 'Half', fullText: 'sometimes' as FullTextSetting });
    }).toThrow(/CHECK/);
    expect(store.reader.getFeed(feedId)).toMatchObject({ title: 'Example Wire', fullText: 'auto' });
  });
});
