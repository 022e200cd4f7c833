import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toImportedArticle } from '../../electron/core/ingest/importArticles.ts';
import { openLibrary, type Library } from '../../electron/core/Library.ts';
import type { EventName } from '../../electron/shared/contract.ts';
import { call } from '../support/callHandlers.ts';
import { createTempDirectory } from '../support/tempDirectory.ts';

const samplePath = new URL('../../assets/sample-library.jsonl', import.meta.url);
const sampleLines = readFileSync(samplePath, 'utf8').trim().split('\n');

/** The sample library a first-run user can load (library:loadSample): the shipped file, imported as it is. */
describe('library:loadSample', () => {
  let temp: ReturnType<typeof createTempDirectory>;
  let library: Library;
  let events: EventName[];

  beforeEach(async () => {
    temp = createTempDirectory('sample');
    library = await openLibrary({ dataDir: temp.path });
    events = [];
    library.events.subscribe((name) => {
      events.push(name);
    });
  });

  afterEach(async () => {
    await library.close();
    temp.dispose();
  });

  it('ships 5–8 short articles, each one usable as it is', () => {
    expect(sampleLines.length).toBeGreaterThanOrEqual(5);
    expect(sampleLines.length).toBeLessThanOrEqual(8);
    for (const line of sampleLines) {
      const parsed = toImportedArticle(JSON.parse(line));
      if (typeof parsed === 'string') throw new Error(`sample-library.jsonl: ${parsed}: ${line.slice(0, 80)}`);
      expect(parsed.source).toBe('Sample articles');
      expect(parsed.article.guid).toMatch(/^offprint-sample-\d+$/);
      expect(parsed.article.author).not.toBeNull();
      expect(parsed.article.publishedAt).not.toBeNull();
      const words = parsed.article.text.split(/\s+/).length;
      expect(words).toBeGreaterThan(80);
      expect(words).toBeLessThan(400);
    }
  });

  it('imports every sample article into one source titled "Sample articles" and says the library changed', async () => {
    const report = await call(library, 'library:loadSample', {});
    expect(report).toEqual({ added: sampleLines.length, alreadyThere: 0 });
    expect(events).toContain('library:changed');

    const feeds = await call(library, 'feeds:list', {});
    expect(feeds.map((feed) => [feed.title, feed.kind, feed.articleCount])).toEqual([
      ['Sample articles', 'import', sampleLines.length],
    ]);
    const page = await call(library, 'articles:list', {});
    expect(page.total).toBe(sampleLines.length);
    expect(page.items.every((item) => item.feedTitle === 'Sample articles' && !item.read)).toBe(true);

    // Stored like any article: sanitized HTML with its figure and caption, plain text for search.
    const copper = page.items.find((item) => item.title.startsWith('How copper smelters'));
    if (!copper) throw new Error('the copper article is missing');
    const article = await call(library, 'articles:get', { id: copper.id });
    expect(article.author).toBe('Mara Lindqvist');
    expect(article.contentHtml).toContain('<figcaption>');
    expect(article.text).toContain('treatment charge');
  });

  it('is searchable once loaded', async () => {
    await call(library, 'library:loadSample', {});
    await library.search().index.catchUp();
    const results = await call(library, 'search:query', { query: 'cocoa' });
    expect(results.items.map((item) => item.article.title)).toContain(
      'Cocoa after the squeeze: why chocolate prices lag the futures market',
    );
  });

  it('loads the same articles again without duplicating them', async () => {
    await call(library, 'library:loadSample', {});
    const again = await call(library, 'library:loadSample', {});
    expect(again).toEqual({ added: 0, alreadyThere: sampleLines.length });
    expect((await call(library, 'articles:list', {})).total).toBe(sampleLines.length);
    expect(await call(library, 'feeds:list', {})).toHaveLength(1);
  });
});
