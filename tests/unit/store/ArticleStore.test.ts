import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArticleStore, type NewArticle } from '../../../electron/core/store/ArticleStore.ts';
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
