import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventHub } from '../../../electron/core/EventHub.ts';
import { SearchIndex } from '../../../electron/core/search/SearchIndex.ts';
import { SearchService } from '../../../electron/core/search/SearchService.ts';
import { ArticleStore, type NewArticle } from '../../../electron/core/store/ArticleStore.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';

const NOW = '2026-03-01T00:00:00.000Z';
let temp: ReturnType<typeof createTempDirectory>;
let store: ArticleStore;
let feedId: number;
let index: SearchIndex;

function open(): SearchIndex {
  // Small limits so a few hundred articles go through sealing and merging.
  return SearchIndex.open({
    directory: join(temp.path, 'index'),
    databasePath: store.path,
    store,
    events: new EventHub(),
    liveLimit: 40,
    bulkThreshold: 1_000_000,
    maxSegments: 3,
  });
}

function article(number: number, word: string): NewArticle {
  return {
    guid: `g${number}`,
    url: null,
    title: `Report ${number} on ${word}`,
    author: null,
    publishedAt: new Date(Date.UTC(2025, 0, 1) + number * 60_000).toISOString(),
    updatedAt: null,
    language: 'en',
    summary: null,
    contentHtml: null,
    text: `Token${number} appears once. The market for ${word} moved.`,
    categories: [],
  };
}

/** Every hit's article id, page by page. */
function ids(query: string): string[] {
  const service = new SearchService(index, store, () => new Date(NOW));
  const found: string[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = service.query({ query, limit: 200, offset, sort: 'date' });
    found.push(...page.items.map((item) => item.article.id));
    if (offset + 200 >= page.total) return found;
  }
}

beforeEach(() => {
  temp = createTempDirectory('lifecycle');
  store = ArticleStore.open(join(temp.path, 'library.sqlite'));
  feedId = store.writer.addFeed({ url: 'https://wire.test/feed', title: 'Wire' }, NOW).id;
  index = open();
});
afterEach(async () => {
  await index.close();
  store.close();
  temp.dispose();
});

describe('segment lifecycle: live → sealed → merged, with updates and deletes in between', () => {
  it('keeps exactly one current copy of every article through seals, merges and a restart', async () => {
    const idsByNumber = new Map<number, string>();
    for (let batch = 0; batch < 10; batch += 1) {
      const articles = Array.from({ length: 30 }, (_, offset) => article(batch * 30 + offset, 'copper'));
      const { newIds } = store.writer.upsertArticles(feedId, articles, NOW);
      newIds.forEach((id, offset) => idsByNumber.set(batch * 30 + offset, id));
      await index.catchUp();
    }
    const status = index.status();
    expect(status.documents).toBe(300);
    expect(status.segments.filter((segment) => segment.kind === 'sealed').length).toBeLessThanOrEqual(4);
    expect(ids('copper')).toHaveLength(300);

    // Update some (now about nickel) and delete others, across sealed and live segments.
    const updated = [3, 77, 150, 299].map((number) => article(number, 'nickel'));
    store.writer.upsertArticles(feedId, updated, NOW);
    const deleted = [10, 120, 298].map((number) => idsByNumber.get(number) ?? '');
    store.writer.removeFeed(feedId, NOW);
    // removeFeed deletes every unsaved article; bring back all but three to test partial deletes.
    store.writer.addFeed({ url: 'https://wire.test/feed', title: 'Wire' }, NOW);
    const survivors = Array.from({ length: 300 }, (_, number) => number).filter(
      (number) => ![10, 120, 298].includes(number),
    );
    store.writer.upsertArticles(
      feedId,
      survivors.map((number) => article(number, [3, 77, 150, 299].includes(number) ? 'nickel' : 'copper')),
      NOW,
    );
    await index.catchUp();

    const check = (): void => {
      expect(ids('copper').sort()).toEqual(
        survivors
          .filter((number) => ![3, 77, 150, 299].includes(number))
          .map((number) => idsByNumber.get(number))
          .sort(),
      );
      expect(ids('nickel').sort()).toEqual([3, 77, 150, 299].map((number) => idsByNumber.get(number)).sort());
      for (const id of deleted) expect(ids('copper OR nickel')).not.toContain(id);
      // A term unique to one article finds exactly that article, once.
      expect(ids('token42')).toEqual([idsByNumber.get(42)]);
      expect(index.status().documents).toBe(297);
    };
    check();

    await index.close();
    index = open();
    await index.catchUp();
    check();
  });
});

describe('an index owned by another process', () => {
  it('is searched read-only: changes are caught up in memory, files are left alone, rebuild is refused', async () => {
    store.writer.upsertArticles(feedId, [article(1, 'copper'), article(2, 'copper')], NOW);
    await index.catchUp();
    await index.close();
    // The app (here: our parent process, which is alive) holds the lock.
    writeFileSync(join(temp.path, 'index.lock'), String(process.ppid));
    const manifest = readFileSync(join(temp.path, 'index', 'manifest.json'));
    index = open();
    expect(index.readOnly).toBe(true);
    store.writer.upsertArticles(feedId, [article(3, 'copper')], NOW);
    await index.catchUp();
    expect(ids('copper')).toHaveLength(3);
    await expect(index.rebuild()).rejects.toThrow(/belongs to another Offprint process \(pid \d+\)/);
    expect(readFileSync(join(temp.path, 'index', 'manifest.json')).equals(manifest)).toBe(true);
    // Queued changes stay queued for the owner.
    expect(store.reader.pendingSearchExtent(0).count).toBeGreaterThan(0);
    await index.close();
    expect(existsSync(join(temp.path, 'index.lock'))).toBe(true);

    // A lock whose process is gone is taken over.
    writeFileSync(join(temp.path, 'index.lock'), '999999999');
    index = open();
    expect(index.readOnly).toBe(false);
    await index.catchUp();
    expect(ids('copper')).toHaveLength(3);
    // Applied; the queue rows themselves stay until the live segment is sealed (durable).
    expect(index.status().pending).toBe(0);
  });
});
