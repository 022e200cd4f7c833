import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewArticle } from '../../electron/core/store/ArticleStore.ts';
import type { LaunchedChromium } from '../support/launchChromium.ts';
import { serve, type FixtureServer } from '../support/startFixtureServer.ts';
import { GALLIUM_METALS, JAPANESE_TITLE, metalsFeedXml } from './fixtures/searchFeeds.ts';
import { KeyboardUser } from './pages/KeyboardUser.ts';
import type { ReaderPage } from './pages/ReaderPage.ts';
import { startReaderWorld, type ReaderWorld } from './startReaderWorld.ts';

const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));
const POTASH = 'Potash prices climb as the Canadian rail strike drags on';
const COPPER = 'Copper stocks fall at London warehouses';

/**
 * The reader without a mouse: subscribe by typing, j/k through the list,
 * save, go to the saved list, help, search, open with Enter. Every step is
 * a key press; nothing is clicked.
 */
describe('keyboard only: subscribe, read, save, search', () => {
  let world: ReaderWorld;
  let web: FixtureServer;
  let browser: LaunchedChromium;
  let reader: ReaderPage;
  let keys: KeyboardUser;

  beforeAll(async () => {
    world = await startReaderWorld('keyboard', { openSearchEagerly: true });
    ({ web, browser, reader } = world);
    web.route('/metals.xml', serve(metalsFeedXml(web.origin), 'application/rss+xml; charset=utf-8'));
    keys = new KeyboardUser(browser.page);
    await mkdir(resultsDir, { recursive: true });
    await reader.open(world.host.url);
  });

  afterAll(async () => {
    await world.close();
  });

  it('adds a feed by typing its URL into the field and pressing Enter', async () => {
    await keys.tabTo(reader.feedUrlInput);
    await keys.type(`${web.origin}/metals.xml`);
    await keys.press('Enter');
    await reader.feedRow('Metals Desk').waitFor();
    await expect.poll(() => reader.articleRows().count()).toBe(5);
    expect(await reader.listTotal()).toBe('5');
  });

  it('opens the next and previous article with j and k', async () => {
    // Out of the field (where j is just a letter) onto the next control.
    await keys.press('Tab');
    await keys.press('j');
    await expect.poll(() => reader.readerTitle().textContent()).toBe(GALLIUM_METALS);
    expect(await reader.articleRow(GALLIUM_METALS).getAttribute('aria-current')).toBe('true');
    await keys.press('j');
    await expect.poll(() => reader.readerTitle().textContent()).toBe(POTASH);
    await keys.press('j', 'k');
    await expect.poll(() => reader.readerTitle().textContent()).toBe(POTASH);
    expect(await reader.articleRow(POTASH).getAttribute('aria-current')).toBe('true');
  });

  it('makes the list one tab stop: Tab lands on the open row, arrows move, Enter opens, focus shows', async () => {
    await keys.tabTo(reader.rowList());
    expect(await keys.focusedName()).toBe(POTASH);
    expect(await keys.focusIsVisible()).toBe(true);
    await keys.press('ArrowDown');
    expect(await keys.focusedName()).toBe(JAPANESE_TITLE);
    await keys.press('ArrowDown', 'Enter');
    await expect.poll(() => reader.readerTitle().textContent()).toBe(COPPER);
    // j from inside the list carries the focus along.
    await keys.press('k');
    await expect.poll(() => reader.readerTitle().textContent()).toBe(JAPANESE_TITLE);
    expect(await keys.focusedName()).toBe(JAPANESE_TITLE);
    await keys.press('Home');
    expect(await keys.focusedName()).toBe(GALLIUM_METALS);
    await keys.press('End');
    expect(await keys.focusedName()).toBe('Germanium shortage squeezes chip and solar makers');
  });

  it('marks the open article unread and read again with m', async () => {
    const dot = reader.unreadDot(JAPANESE_TITLE);
    await expect.poll(() => dot.count()).toBe(0);
    await keys.press('m');
    await expect.poll(() => dot.count()).toBe(1);
    await keys.press('m');
    await expect.poll(() => dot.count()).toBe(0);
  });

  it('opens the original page with o, in a tab of its own', async () => {
    const opened = browser.context.waitForEvent('page');
    await keys.press('o');
    const tab = await opened;
    await expect.poll(() => tab.url()).toBe(`${web.origin}/metals/japan`);
    await tab.close();
  });

  it('saves with s, marks the row ★, and g s goes to the saved list', async () => {
    await keys.press('s');
    await reader.reader.getByRole('button', { name: '★ Saved', pressed: true }).waitFor();
    await reader.articleItem(JAPANESE_TITLE).getByRole('img', { name: 'Saved', exact: true }).waitFor();
    await keys.press('g', 's');
    await reader.articlesPane.getByRole('heading', { name: /^Saved/ }).waitFor();
    await expect.poll(() => reader.articleRows().allTextContents()).toEqual([expect.stringContaining(JAPANESE_TITLE)]);

    // x selects the focused row of the saved list.
    await keys.tabTo(reader.rowList());
    await keys.press('x');
    await reader.articlesPane.getByRole('toolbar', { name: 'Selected articles' }).getByText('1 selected').waitFor();
    await keys.press('g', 'a');
    await reader.articlesPane.getByRole('heading', { name: /^All articles/ }).waitFor();
  });

  it('lists every shortcut under ?, and Escape closes the list', async () => {
    await keys.press('?');
    const help = browser.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    const text = (await help.textContent()) ?? '';
    for (const shortcut of ['Open the next article', 'Open the previous article', 'original page', 'Save or unsave']) {
      expect(text).toContain(shortcut);
    }
    for (const place of ['All articles', 'Unread', 'Saved', 'Search']) expect(text).toContain(place);
    expect(await keys.hasFocus(help)).toBe(true);
    await reader.screenshot(join(resultsDir, 'keyboard-help.png'));
    await keys.press('Escape');
    await help.waitFor({ state: 'detached' });
    // Shortcuts work again once it is closed.
    await keys.press('j');
    await expect.poll(() => reader.readerTitle().textContent()).toBe(GALLIUM_METALS);
  });

  it('searches with /, never taking typed letters as shortcuts, and opens a result with Enter', async () => {
    let tabs = 0;
    browser.context.on('page', () => {
      tabs += 1;
    });
    await keys.press('/');
    expect(await keys.hasFocus(reader.search.box)).toBe(true);
    // "potash" has an o and an s: typed in the field they are text (no tab opens, nothing is saved).
    await keys.type('potash');
    await reader.search.waitForFreshResults();
    await expect.poll(() => reader.search.resultTitles()).toEqual([POTASH]);
    expect(await reader.search.box.inputValue()).toBe('potash');
    expect(tabs).toBe(0);
    const saved = await world.library.handlers['articles:list']({ saved: true, sort: 'saved', limit: 10, offset: 0 });
    expect(saved.total).toBe(1);

    await keys.tabTo(reader.search.results);
    expect(await keys.focusedName()).toBe(POTASH);
    await keys.press('Enter');
    await expect.poll(() => reader.readerTitle().textContent()).toBe(POTASH);
    await reader.screenshot(join(resultsDir, 'keyboard-search.png'));
  });
});

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
    // The last row (its list item: the button holds only the title) sits at the bottom of the pane: nothing is
    // left out of reach below it.
    const gap = (): Promise<number> =>
      last.evaluate((button) => {
        const row = button.closest('li');
        const scroller = row?.closest('ul')?.parentElement;
        return row === null || scroller === null || scroller === undefined
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
