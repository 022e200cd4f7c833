import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewArticle } from '../../electron/core/store/ArticleStore.ts';
import { KeyboardUser } from './pages/KeyboardUser.ts';
import type { ReaderPage } from './pages/ReaderPage.ts';
import { startReaderWorld, type ReaderWorld } from './startReaderWorld.ts';

const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));

const BULK_ARTICLES = 100_000;
const BATCH = 5_000;

function bulkTitle(number: number): string {
  return `Bulk article ${String(number).padStart(6, '0')}`;
}

/** Article `number` of the bulk import: a higher number is newer, so the list starts at 100000 and ends at 000001. */
function bulkArticle(number: number): NewArticle {
  return {
    guid: `bulk-${number}`,
    url: `https://bulk.example/articles/${number}`,
    title: bulkTitle(number),
    author: null,
    publishedAt: new Date(Date.UTC(2025, 0, 1) + number * 60_000).toISOString(),
    updatedAt: null,
    language: 'en',
    summary: `Summary of bulk article ${number}: a line long enough to be cut at the edge of the list pane.`,
    contentHtml: null,
    text: `Body of bulk article ${number}.`,
    categories: [],
  };
}

/**
 * The list at library scale: 100,000 articles stored straight through the
 * library; the list says 100,000, keeps at most 60 rows in the DOM, and
 * reads the last articles once scrolled to the end.
 */
describe('virtual article list: 100,000 articles', () => {
  let world: ReaderWorld;
  let reader: ReaderPage;
  let keys: KeyboardUser;
  const listCalls: { offset: number; limit: number }[] = [];

  beforeAll(async () => {
    world = await startReaderWorld('virtual');
    ({ reader } = world);
    await mkdir(resultsDir, { recursive: true });
    keys = new KeyboardUser(world.browser.page);
    const { library } = world;
    // Open the (empty) search index first: opened after the import it would index all of it, which is not
    // what this test is about. The articles' index changes stay queued; nothing here says the library changed.
    await library.search().index.catchUp();
    const now = new Date().toISOString();
    const feed = library.store.writer.addFeed(
      { url: 'offprint-import:bulk', title: 'Bulk import', kind: 'import' },
      now,
    );
    for (let start = 1; start <= BULK_ARTICLES; start += BATCH) {
      const batch = Array.from({ length: BATCH }, (_, offset) => bulkArticle(start + offset));
      library.store.transaction(() => library.store.writer.upsertArticles(feed.id, batch, now));
    }
    // Starter-topic suggestions catch the search index up first, which would index all 100,000 (minutes of
    // CPU that this test is not about): the sidebar is offered none.
    await world.browser.page.route('**/api/calls/topics:suggest', (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: [] }) }),
    );
    world.browser.page.on('request', (request) => {
      if (!request.url().endsWith('/api/calls/articles:list')) return;
      const body = request.postDataJSON() as { offset?: number; limit?: number };
      listCalls.push({ offset: body.offset ?? 0, limit: body.limit ?? 0 });
    });
    await reader.open(world.host.url);
  }, 180_000);

  afterAll(async () => {
    await world.close();
  });

  it('says 100,000 and holds at most 60 rows in the DOM', async () => {
    await reader.articleRow(bulkTitle(BULK_ARTICLES)).waitFor();
    expect(await reader.listTotal()).toBe('100,000');
    const rows = reader.articlesPane.getByRole('listitem');
    expect(await rows.count()).toBeLessThanOrEqual(60);
    expect(await rows.first().getAttribute('aria-setsize')).toBe(String(BULK_ARTICLES));
    // Read a page at a time, never the whole list.
    expect(listCalls.reduce((rows, call) => rows + call.limit, 0)).toBeLessThan(1_000);
    await reader.screenshot(join(resultsDir, 'virtual-list.png'));
  });

  it('reads the last articles when scrolled to the end, still with at most 60 rows', async () => {
    // Drag the scroll bar to the bottom, as it were.
    await reader.rowList().evaluate((list) => {
      const scroller = list.parentElement;
      if (scroller !== null) scroller.scrollTop = scroller.scrollHeight;
    });
    const last = reader.articleRow(bulkTitle(1));
    await last.waitFor();
    await expect.poll(() => last.evaluate((row) => row.closest('li')?.getAttribute('aria-posinset'))).toBe('100000');
    expect(await reader.articlesPane.getByRole('listitem').count()).toBeLessThanOrEqual(60);
    expect(listCalls.some((call) => call.offset >= BULK_ARTICLES - 100)).toBe(true);
    // The last row sits at the bottom of the pane: nothing is left out of reach below it.
    const gap = (): Promise<number> =>
      last.evaluate((row) => {
        const scroller = row.closest('ul')?.parentElement;
        return scroller === null || scroller === undefined
          ? Number.NaN
          : Math.abs(scroller.getBoundingClientRect().bottom - row.getBoundingClientRect().bottom);
      });
    await expect.poll(gap).toBeLessThan(2);
    await reader.screenshot(join(resultsDir, 'virtual-list-end.png'));
  });

  it('goes back to the top with Home, and to the end with End, from the keyboard', async () => {
    await keys.tabTo(reader.rowList());
    await keys.press('Home');
    await expect.poll(() => keys.focusedName()).toBe(bulkTitle(BULK_ARTICLES));
    await keys.press('End');
    await expect.poll(() => keys.focusedName()).toBe(bulkTitle(1));
    expect(await reader.articlesPane.getByRole('listitem').count()).toBeLessThanOrEqual(60);
  });
});
