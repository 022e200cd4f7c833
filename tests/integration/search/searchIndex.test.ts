import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importArticles } from '../../../electron/core/ingest/importArticles.ts';
import { openLibrary, type Library } from '../../../electron/core/Library.ts';
import type { SearchResults } from '../../../electron/shared/model.ts';
import { reutersStories } from '../../support/reutersStories.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';

let temp: ReturnType<typeof createTempDirectory>;
let library: Library;
let dataDir: string;

function writeJsonl(name: string, records: readonly object[]): string {
  const file = join(temp.path, name);
  writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n'));
  return file;
}

async function importStories(count: number): Promise<void> {
  const records = reutersStories(count).map((story, position) => ({
    id: story.id,
    title: story.title,
    body: story.body,
    source: position % 2 === 0 ? 'Reuters' : 'Reuters Commodities',
    topics: story.topics,
    date: new Date(Date.UTC(1987, 2, 1) + position * 3_600_000).toISOString(),
  }));
  await importArticles(library.store, writeJsonl('stories.jsonl', records));
}

function search(query: string, options: { limit?: number; saved?: boolean; unread?: boolean } = {}): SearchResults {
  return library
    .search()
    .service.query({ query, limit: options.limit ?? 50, offset: 0, sort: 'relevance', ...options });
}

function titles(results: SearchResults): string[] {
  return results.items.map((item) => item.article.title);
}

async function reopen(): Promise<void> {
  await library.close();
  library = await openLibrary({ dataDir });
}

beforeEach(async () => {
  temp = createTempDirectory('search');
  dataDir = join(temp.path, 'data');
  library = await openLibrary({ dataDir });
});
afterEach(async () => {
  await library.close();
  temp.dispose();
});

describe('SearchIndex over a real library', () => {
  it('indexes an imported library in workers and answers queries with snippets', async () => {
    await importStories(3000);
    const { index } = library.search();
    await index.catchUp();
    expect(index.status()).toMatchObject({
      documents: library.store.reader.countArticles(),
      pending: 0,
      phase: 'idle',
    });
    const results = search('cocoa', { limit: 3 });
    // Four stories among the first 3,000 mention cocoa; the one titled so ranks first.
    expect(results.total).toBe(4);
    expect(results.items).toHaveLength(3);
    expect(results.items[0]?.article.title).toBe('BAHIA COCOA REVIEW');
    const snippet = results.items[0]?.snippet;
    expect(snippet?.highlights.length).toBeGreaterThan(0);
    const [start, end] = snippet?.highlights[0] ?? [0, 0];
    expect(snippet?.text.slice(start, end).toLowerCase()).toBe('cocoa');
  });

  it('finds every article by a token unique to its title (against a naive scan)', async () => {
    await importStories(1500);
    await library.search().index.catchUp();
    // Titles as stored (an untitled story takes the start of its body).
    const stories = library.store.reader.listArticles({ limit: 5000, offset: 0 }).items;
    const counts = new Map<string, number>();
    // The reference: a naive scan over every title's words as lunr cuts them (whitespace, hyphens), mapped to index terms.
    const analyzer = library.search().index.analyzer;
    const wordsOf = (title: string): Map<string, string> => {
      const words = new Map<string, string>();
      for (const word of title.toLowerCase().split(/[\s-]+/)) {
        for (const term of analyzer.analyzeQueryText(word).terms) if (!words.has(term)) words.set(term, word);
      }
      return words;
    };
    for (const story of stories)
      for (const term of wordsOf(story.title).keys()) counts.set(term, (counts.get(term) ?? 0) + 1);
    let checked = 0;
    for (const story of stories) {
      // Query with plain words only, so the query language reads them as terms.
      const unique = [...wordsOf(story.title)].find(
        ([term, word]) => counts.get(term) === 1 && /^[a-z]{4,}$/.test(word),
      );
      if (!unique) continue;
      // Searched as the user would type it: the word, not the stem.
      expect(titles(search(`title:${unique[1]}`, { limit: 10 })), `title:${unique[1]}`).toEqual([story.title]);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('survives a restart from its files, and rebuilds on a version mismatch or a corrupt segment', async () => {
    await importStories(2000);
    await library.search().index.catchUp();
    const before = titles(search('oil prices'));
    expect(before.length).toBeGreaterThan(10);

    await reopen();
    const reopened = library.search().index;
    expect(reopened.status()).toMatchObject({ phase: 'idle', documents: 2000 - 0 });
    expect(titles(search('oil prices'))).toEqual(before);

    const manifestPath = join(dataDir, 'index', 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { schema: number };
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, schema: manifest.schema + 1 }));
    await reopen();
    await library.search().index.catchUp();
    expect(titles(search('oil prices'))).toEqual(before);

    const segmentFile = readdirSync(join(dataDir, 'index')).find((name) => name.endsWith('.seg'));
    if (!segmentFile) throw new Error('no segment file');
    const bytes = readFileSync(join(dataDir, 'index', segmentFile));
    bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] ?? 0) ^ 0xff;
    writeFileSync(join(dataDir, 'index', segmentFile), bytes);
    await reopen();
    await library.search().index.catchUp();
    expect(titles(search('oil prices'))).toEqual(before);
  });

  it('applies phrase, field, date and is: filters', async () => {
    await importStories(2000);
    await library.search().index.catchUp();
    const phrase = search('"crude oil"', { limit: 200 });
    expect(phrase.total).toBeGreaterThan(0);
    const loose = search('+crude +oil', { limit: 200 });
    expect(phrase.total).toBeLessThan(loose.total);

    const inTitle = search('title:oil', { limit: 200 });
    expect(inTitle.items.every((item) => /oil/i.test(item.article.title))).toBe(true);

    // Imported topics are stored as categories, which topic: searches.
    const topical = search('topic:crude', { limit: 200 });
    expect(topical.total).toBeGreaterThan(0);
    expect(topical.total).toBe(search('categories:crude', { limit: 200 }).total);

    const sourced = search('source:commodities oil', { limit: 200 });
    expect(sourced.items[0]?.article.feedTitle).toBe('Reuters Commodities');

    const after = search('oil after:1987-03-20', { limit: 200 });
    expect(after.total).toBeGreaterThan(0);
    expect(after.items.every((item) => (item.article.publishedAt ?? '') >= '1987-03-20')).toBe(true);
    const before = search('oil before:1987-03-05', { limit: 200 });
    expect(before.items.every((item) => (item.article.publishedAt ?? '') < '1987-03-05')).toBe(true);

    const first = search('oil', { limit: 1 }).items[0];
    if (!first) throw new Error('no oil');
    library.store.writer.setSaved(first.article.id, true, new Date().toISOString());
    expect(titles(search('oil is:saved'))).toEqual([first.article.title]);
    library.store.writer.markRead([first.article.id], true);
    expect(search('oil is:unread', { limit: 500 }).items.some((item) => item.article.id === first.article.id)).toBe(
      false,
    );
    expect(search('is:saved').items.map((item) => item.article.id)).toEqual([first.article.id]);

    // The list's feed and the query's feed must both hold.
    const feeds = library.store.reader.listFeeds();
    const [reuters, commodities] = [feeds[0]?.id ?? 0, feeds[1]?.id ?? 0];
    const inList = library
      .search()
      .service.query({ query: 'oil', feedId: reuters, limit: 200, offset: 0, sort: 'relevance' });
    expect(inList.total).toBeGreaterThan(0);
    expect(inList.items.every((item) => item.article.feedId === reuters)).toBe(true);
    const both = library
      .search()
      .service.query({ query: `oil feed:${commodities}`, feedId: reuters, limit: 10, offset: 0, sort: 'relevance' });
    expect(both.total).toBe(0);
  });

  it('finds Chinese and Japanese articles with Chinese and Japanese queries', async () => {
    await importArticles(
      library.store,
      writeJsonl('cjk.jsonl', [
        {
          id: 'zh-1',
          title: '商务部公告',
          body: '中国商务部宣布对镓和锗相关物项实施出口管制。',
          source: '新华社',
          language: 'zh',
        },
        {
          id: 'ja-1',
          title: '経済産業省の発表',
          body: '日本の経済産業省は半導体製造装置の輸出規制を発表した。',
          source: '共同通信',
          language: 'ja',
        },
        {
          id: 'en-1',
          title: 'Gallium curbs',
          body: 'China announced export controls on gallium.',
          source: 'Wire',
          language: 'en',
        },
      ]),
    );
    await library.search().index.catchUp();
    expect(titles(search('出口管制'))).toEqual(['商务部公告']);
    expect(titles(search('輸出規制'))).toEqual(['経済産業省の発表']);
    expect(titles(search('gallium'))).toEqual(['Gallium curbs']);
  });

  it('stems a query the way each indexed language does', async () => {
    await importArticles(
      library.store,
      writeJsonl('de.jsonl', [
        {
          id: 'de-1',
          title: 'Wohnungsmarkt',
          body: 'Die Häuser in Berlin werden teurer.',
          source: 'Zeitung',
          language: 'de',
        },
        { id: 'en-2', title: 'Housing', body: 'Houses in London got dearer.', source: 'Paper', language: 'en' },
      ]),
    );
    await library.search().index.catchUp();
    expect(titles(search('Häuser'))).toEqual(['Wohnungsmarkt']);
    expect(titles(search('Haus'))).toEqual(['Wohnungsmarkt']);
    expect(titles(search('houses'))).toEqual(['Housing']);
  });

  it('never shows stale hits after an update or a delete', async () => {
    const file = writeJsonl('one.jsonl', [
      { id: 'x1', title: 'Potash prices', body: 'Potash prices rose sharply.', source: 'Wire' },
    ]);
    await importArticles(library.store, file);
    await library.search().index.catchUp();
    expect(titles(search('potash'))).toEqual(['Potash prices']);

    await importArticles(
      library.store,
      writeJsonl('one.jsonl', [
        { id: 'x1', title: 'Lithium prices', body: 'Lithium prices rose sharply.', source: 'Wire' },
      ]),
    );
    await library.search().index.catchUp();
    expect(search('potash').total).toBe(0);
    expect(titles(search('lithium'))).toEqual(['Lithium prices']);

    const feed = library.store.reader.listFeeds().find((candidate) => candidate.title === 'Wire');
    library.store.writer.removeFeed(feed?.id ?? 0, new Date().toISOString());
    // Even before the index catches up, a deleted article is never returned.
    expect(search('lithium').total).toBe(0);
    await library.search().index.catchUp();
    expect(library.search().index.status().documents).toBe(0);
  });

  it('makes a new article searchable as soon as the library says it changed', async () => {
    await importStories(500);
    await library.search().index.catchUp();
    await importArticles(
      library.store,
      writeJsonl('new.jsonl', [
        { id: 'fresh', title: 'Germanium licences granted', body: 'First licences.', source: 'Wire' },
      ]),
    );
    library.events.emit('library:changed', { reason: 'articles', feedIds: [] });
    await expect
      .poll(() => titles(search('germanium')), { timeout: 1000, interval: 20 })
      .toEqual(['Germanium licences granted']);
  });

  it('never throws on odd queries and explains what it did', () => {
    for (const query of [
      'foo:bar:baz',
      '"unclosed',
      '+',
      '-',
      '~',
      '^',
      '*',
      'title:',
      'after:2025-13-40',
      '((',
      'OR OR',
    ]) {
      const results = search(query);
      expect(Array.isArray(results.problems)).toBe(true);
    }
    expect(search('colour:red').problems.join(' ')).toMatch(/colour/);
  });
});
