import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../../electron/core/Library.ts';
import type { Host } from '../../electron/server/startHost.ts';
import type { LaunchedChromium } from '../support/launchChromium.ts';
import { serve, type FixtureServer } from '../support/startFixtureServer.ts';
import { GALLIUM_METALS, GALLIUM_TRADE, JAPANESE_TITLE, metalsFeedXml, tradeFeedXml } from './fixtures/searchFeeds.ts';
import type { ReaderPage } from './pages/ReaderPage.ts';
import { startReaderWorld, type ReaderWorld } from './startReaderWorld.ts';

const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));

const FEED_TYPE = 'application/rss+xml; charset=utf-8';

/**
 * Search on the first screen: instant results with highlights, the reader's
 * related lists, query problems in plain words, date order, the syntax
 * sheet and index progress. Real library and index (opened eagerly, built
 * in worker threads), real host, system Chromium.
 */
describe('search: find, read related, understand the query', () => {
  let world: ReaderWorld;
  let library: Library;
  let host: Host;
  let web: FixtureServer;
  let browser: LaunchedChromium;
  let reader: ReaderPage;

  beforeAll(async () => {
    world = await startReaderWorld('search', { openSearchEagerly: true });
    ({ library, host, web, browser, reader } = world);
    web.route('/metals.xml', serve(metalsFeedXml(web.origin), FEED_TYPE));
    web.route('/trade.xml', serve(tradeFeedXml(web.origin), FEED_TYPE));
    await mkdir(resultsDir, { recursive: true });
  });

  afterAll(async () => {
    await world.close();
  });

  it('adds two feeds and shows all eight articles', async () => {
    await reader.open(host.url);
    await reader.addFeed(`${web.origin}/metals.xml`);
    await reader.feedRow('Metals Desk').waitFor();
    await reader.addFeed(`${web.origin}/trade.xml`);
    await reader.feedRow('Asia Trade Wire').waitFor();
    await reader.feedRow('All articles').click();
    await expect.poll(() => reader.articleRows().count()).toBe(8);
  });

  it('finds gallium as you type, with the word marked in titles and snippets', async () => {
    // `/` from anywhere outside a field focuses the box.
    await reader.feedRow('All articles').focus();
    await browser.page.keyboard.press('/');
    expect(await reader.search.box.evaluate((box) => box === document.activeElement)).toBe(true);

    await browser.page.keyboard.type('gallium');
    await reader.search.waitForFreshResults();
    await expect.poll(() => reader.search.resultTitles()).toHaveLength(2);
    expect((await reader.search.resultTitles()).sort()).toEqual([GALLIUM_TRADE, GALLIUM_METALS].sort());

    // The whole result: its button holds the title, the snippet sits beside it.
    const first = reader.search.resultItems().first();
    const marks = await first.locator('mark').allTextContents();
    expect(marks.length).toBeGreaterThanOrEqual(2); // at least once in the title and once in the snippet
    for (const mark of marks) expect(mark.toLowerCase()).toBe('gallium');
    // Highlights are elements built from ranges; the title text itself is untouched.
    expect(await first.locator('.article-title mark').count()).toBe(1);
    await reader.screenshot(join(resultsDir, 'search.png'));
  });

  it('opens the first hit and lists the same story from the other feed', async () => {
    const [firstTitle = ''] = await reader.search.resultTitles();
    const otherTitle = firstTitle === GALLIUM_METALS ? GALLIUM_TRADE : GALLIUM_METALS;
    await reader.search.resultRows().first().click();
    await expect.poll(() => reader.readerTitle().textContent()).toBe(firstTitle);

    const sameStory = reader.relatedList('Same story elsewhere');
    await sameStory.waitFor();
    const row = sameStory.getByRole('button', { name: otherTitle });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain(otherTitle === GALLIUM_TRADE ? 'Asia Trade Wire' : 'Metals Desk');
    await reader.relatedList('Same story elsewhere').scrollIntoViewIfNeeded();
    await reader.screenshot(join(resultsDir, 'related.png'));

    // A related article opens like any other.
    await row.click();
    await expect.poll(() => reader.readerTitle().textContent()).toBe(otherTitle);
  });

  it('says in plain words when part of the query was not understood', async () => {
    await reader.search.search('colour:red');
    await expect.poll(() => reader.search.problemText()).toBe('Unknown field "colour:" — searched "colour" as a word.');
    await reader.search.search('gallium');
    await expect.poll(() => reader.search.problemText()).toBe('');
  });

  it('sorts a phrase-or-word query newest first', async () => {
    await reader.search.search('"export curbs" OR potash');
    await reader.search.sortButton('Newest').click();
    expect(await reader.search.sortButton('Newest').getAttribute('aria-pressed')).toBe('true');
    await reader.search.waitForFreshResults();
    await expect.poll(() => reader.search.resultTitles()).toHaveLength(4);

    const dates = await reader.search
      .resultItems()
      .locator('time')
      .evaluateAll((times) => times.map((time) => time.getAttribute('datetime') ?? ''));
    expect(dates).toHaveLength(4);
    const sorted = [...dates].sort((a, b) => Date.parse(b) - Date.parse(a));
    expect(dates).toEqual(sorted);
    expect(await reader.search.resultTitles()).toEqual([
      'Baltic ports resume fertiliser shipments',
      GALLIUM_TRADE,
      GALLIUM_METALS,
      'Potash prices climb as the Canadian rail strike drags on',
    ]);
  });

  it('finds the Japanese item by a CJK word inside its text', async () => {
    await reader.search.sortButton('Relevance').click();
    await reader.search.search('輸出規制');
    await reader.search.waitForFreshResults();
    await expect.poll(() => reader.search.resultTitles()).toEqual([JAPANESE_TITLE]);
    expect(await reader.search.resultRows().first().locator('mark').first().textContent()).toContain('輸出規制');
  });

  it('never lets a slow answer to an older query replace a newer one', async () => {
    // Hold the answer to "copper" back until "cocoa" has been asked and answered.
    await browser.page.route('**/api/calls/search:query', async (route) => {
      const request = route.request().postDataJSON() as { query?: string };
      if (request.query === 'copper') await delay(800);
      await route.continue();
    });
    try {
      await reader.search.search('copper');
      await delay(300); // past the debounce: the copper request is in flight
      await reader.search.search('cocoa');
      await reader.search.waitForFreshResults();
      await expect
        .poll(() => reader.search.resultTitles())
        .toEqual(['Cocoa futures hit a record on West African harvest worries']);
      await delay(900); // the copper answer has arrived by now, and must have been dropped
      expect(await reader.search.resultTitles()).toEqual([
        'Cocoa futures hit a record on West African harvest worries',
      ]);
    } finally {
      await browser.page.unrouteAll({ behavior: 'wait' });
    }
  });

  it('shows the syntax sheet from the ? button', async () => {
    expect(await reader.search.helpButton.getAttribute('aria-expanded')).toBe('false');
    await reader.search.helpButton.click();
    await reader.search.helpPanel.waitFor();
    expect(await reader.search.helpPanel.getByRole('heading', { name: 'Search syntax' }).count()).toBe(1);
    expect(await reader.search.helpPanel.textContent()).toContain('title:gallium');
    await reader.search.helpButton.click();
    await reader.search.helpPanel.waitFor({ state: 'detached' });
  });

  it('goes back to the normal list when the query is cleared with Escape', async () => {
    await reader.search.box.focus();
    await browser.page.keyboard.press('Escape');
    expect(await reader.search.box.inputValue()).toBe('');
    await reader.articlesPane.getByRole('heading', { name: /^All articles/ }).waitFor();
    expect(await reader.search.results.count()).toBe(0);
    await expect.poll(() => reader.articleRows().count()).toBe(8);
  });

  it('shows index progress in the header while the index works, and nothing when idle', async () => {
    library.events.emit('search:progress', { phase: 'indexing', done: 1234, total: 5000 });
    await expect.poll(() => reader.indexStatus.textContent()).toMatch(/^Indexing 1.?234 of 5.?000 articles…$/);
    library.events.emit('search:progress', { phase: 'idle', done: 5000, total: 5000 });
    await expect.poll(() => reader.indexStatus.textContent()).toBe('');
  });
});
