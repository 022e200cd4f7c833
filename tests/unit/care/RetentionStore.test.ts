import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RetentionStore } from '../../../electron/core/care/RetentionStore.ts';
import { ArticleStore } from '../../../electron/core/store/ArticleStore.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';

const NOW = '2026-11-28T12:00:00.000Z';

let temp: ReturnType<typeof createTempDirectory>;
let store: ArticleStore;
let retention: RetentionStore;
let feedId: number;

beforeEach(() => {
  temp = createTempDirectory('retention-store');
  store = ArticleStore.open(join(temp.path, 'library.sqlite'));
  retention = new RetentionStore(store.database);
  feedId = store.writer.addFeed({ url: 'https://wire.test/feed.xml', title: 'Wire' }, NOW).id;
});
afterEach(() => {
  store.close();
  temp.dispose();
});

function readArticle(guid: string, publishedAt: string): string {
  const [id] = store.writer.upsertArticles(
    feedId,
    [
      {
        guid,
        url: null,
        title: guid,
        author: null,
        publishedAt,
        updatedAt: null,
        language: null,
        summary: null,
        contentHtml: null,
        text: guid,
        categories: [],
      },
    ],
    NOW,
  ).newIds;
  if (id === undefined) throw new Error('not stored');
  store.writer.markRead([id], true);
  return id;
}

function candidates(): string[] {
  return store.transaction(() => {
    retention.selectCandidates(NOW);
    return retention.oldestCandidates(100);
  });
}

describe('RetentionStore', () => {
  it('stores the global days as a JSON setting, null keeping everything', () => {
    expect(retention.globalDays()).toBeNull();
    retention.setGlobalDays(30);
    expect(retention.globalDays()).toBe(30);
    expect(store.database.prepare("SELECT value FROM settings WHERE key = 'retention.globalDays'").get()).toEqual({
      value: '30',
    });
    retention.setGlobalDays(null);
    expect(retention.globalDays()).toBeNull();
  });

  it('deletes what is older than the cutoff to the millisecond, not what is exactly at it', () => {
    const older = readArticle('older', '2026-11-18T11:59:59.999Z');
    readArticle('exactly', '2026-11-18T12:00:00.000Z');
    readArticle('newer', '2026-11-18T12:00:00.001Z');
    retention.setGlobalDays(10);
    expect(candidates()).toEqual([older]);
  });

  it('counts days of 24 hours, a year-long setting included', () => {
    const older = readArticle('older', '2025-11-28T11:59:59.000Z');
    readArticle('newer', '2025-11-28T12:00:01.000Z');
    retention.setFeedDays(feedId, 365);
    expect(candidates()).toEqual([older]);
  });

  it('counts the images only the candidates use', () => {
    const doomed = readArticle('doomed', '2020-01-01T00:00:00.000Z');
    const kept = readArticle('kept', NOW);
    const image = (hash: string) => ({
      url: `https://wire.test/${hash}.png`,
      hash,
      type: 'image/png' as const,
      bytes: 10,
    });
    const only = 'a'.repeat(64);
    const shared = 'b'.repeat(64);
    store.writer.storeArticleImages(doomed, { html: '', images: [image(only), image(shared)], failures: [] }, NOW);
    store.writer.storeArticleImages(kept, { html: '', images: [image(shared)], failures: [] }, NOW);
    retention.setGlobalDays(1);
    const unused = store.transaction(() => {
      retention.selectCandidates(NOW);
      return retention.imagesUnusedWithoutCandidates();
    });
    expect(unused).toEqual([{ hash: only, bytes: 10 }]);
  });
});
