import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePage, paragraphsAbout } from '../integration/offline/offlinePages.ts';
import { call } from '../support/callHandlers.ts';
import { serve } from '../support/startFixtureServer.ts';
import { spineFeedXml } from './fixtures/spineFeed.ts';
import { AxeAudit } from './pages/AxeAudit.ts';
import { WindowDrop } from './pages/WindowDrop.ts';
import { startReaderWorld, type ReaderWorld } from './startReaderWorld.ts';

const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));

const DROP_HINT = 'Drop a link to clip it, an OPML file to import feeds, or a saved web page.';
const CLIPPED_TITLE = 'Smelters weigh a cap on copper treatment charges';
/** A page saved by a browser in windows-1252, as many older sites still serve: é is the one byte 0xE9. */
const SAVED_TITLE = 'Café owners count the cost of dearer robusta';
const savedPage = Buffer.from(
  `<!DOCTYPE html><html lang="en"><head><meta charset="windows-1252"><title>${SAVED_TITLE}</title></head>` +
    `<body><article><h1>${SAVED_TITLE}</h1>${paragraphsAbout('coffee', 5)
      .map((paragraph) => `<p>${paragraph}</p>`)
      .join('')}</article></body></html>`,
  'latin1',
);

const bytesOf = (text: string) => [...Buffer.from(text)];

/**
 * Drag and drop onto the reader's window (issue 8), in Chromium through the
 * Node host: a link is clipped, an OPML file's feeds are added and fetched,
 * a saved web page is clipped in its own charset, an image is refused in
 * words; every drop is cancelled at the page, so the window never navigates.
 */
describe('drag and drop onto the window', () => {
  let world: ReaderWorld;
  let drops: WindowDrop;
  let startUrl: string;

  beforeAll(async () => {
    world = await startReaderWorld('drag-drop');
    await world.browser.page.setViewportSize({ width: 1400, height: 900 });
    world.web.route('/feed.xml', serve(spineFeedXml(world.web.origin), 'application/rss+xml; charset=utf-8'));
    world.web.route(
      '/story/treatment-charges',
      serve(
        articlePage({ title: CLIPPED_TITLE, byline: 'Ana Reyes', paragraphs: paragraphsAbout('copper smelting', 6) }),
        'text/html; charset=utf-8',
      ),
    );
    await world.reader.open(world.host.url);
    startUrl = world.browser.page.url();
    drops = new WindowDrop(world.browser.page);
  });

  afterAll(async () => {
    await world.close();
  });

  it('imports the feeds of a dropped OPML file and fetches them', async () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
<outline text="Harbour Trade Notes" type="rss" xmlUrl="${world.web.origin}/feed.xml"/>
</body></opml>`;
    const cancelled = await drops.drop({
      files: [{ name: 'subscriptions.opml', type: 'text/x-opml', bytes: bytesOf(opml) }],
    });
    expect(cancelled).toBe(true);
    await world.reader.feedRow('Harbour Trade Notes').waitFor();
    await expect
      .poll(() => drops.status.textContent())
      .toBe('Added 1 feed from subscriptions.opml; fetching them now.');
    await expect.poll(() => world.reader.articleRows().count()).toBe(3);
    expect(world.browser.page.url()).toBe(startUrl);
  });

  it('shows a calm overlay while a file is dragged over the window, announced and passing axe', async () => {
    const page = world.browser.page;
    const contents = { files: [{ name: 'story.html', type: 'text/html', bytes: bytesOf('<p>hi</p>') }] };
    expect(await drops.dragOver(contents)).toBe(true);
    const overlay = page.locator('.drop-overlay');
    await overlay.waitFor();
    expect(await overlay.textContent()).toBe(DROP_HINT);
    expect(await overlay.getAttribute('aria-hidden')).toBe('true');
    expect(await drops.status.textContent()).toBe(DROP_HINT);
    // The overlay never takes focus nor the pointer: whatever had focus keeps it, clicks go through.
    expect(await overlay.evaluate((element) => getComputedStyle(element).pointerEvents)).toBe('none');
    expect(await overlay.evaluate((element) => element.contains(document.activeElement))).toBe(false);
    await page.screenshot({ path: `${resultsDir}drop-overlay.png` });
    expect(await new AxeAudit(page).seriousViolations()).toEqual([]);

    await drops.leave(contents);
    await overlay.waitFor({ state: 'detached' });
    expect(page.url()).toBe(startUrl);
  });

  it('clips a dropped link: the page is saved under "Clipped" and opened', async () => {
    const url = `${world.web.origin}/story/treatment-charges`;
    expect(await drops.drop({ uriList: url, text: url })).toBe(true);
    await world.reader.reader.getByRole('heading', { level: 2, name: CLIPPED_TITLE }).waitFor();
    await expect.poll(() => drops.status.textContent()).toBe(`Clipped “${CLIPPED_TITLE}”.`);
    await world.reader.feedRow('Clipped').click();
    await world.reader.articleRow(CLIPPED_TITLE).waitFor();
    expect(world.browser.page.url()).toBe(startUrl);
  });

  it('clips a dropped web page read in the charset it declares', async () => {
    expect(await drops.drop({ files: [{ name: 'robusta.htm', bytes: [...savedPage] }] })).toBe(true);
    await world.reader.reader.getByRole('heading', { level: 2, name: SAVED_TITLE, exact: true }).waitFor();
    await expect.poll(() => drops.status.textContent()).toBe(`Clipped “${SAVED_TITLE}” from robusta.htm.`);
    await world.reader.feedRow('Clipped').click();
    await world.reader.articleRow(SAVED_TITLE).waitFor();
    expect(await world.reader.articleTitles()).toEqual(expect.arrayContaining([SAVED_TITLE, CLIPPED_TITLE]));
    expect(world.browser.page.url()).toBe(startUrl);
  });

  it('says an image is not something it takes, and what it does take', async () => {
    const before = await call(world.library, 'articles:list', { limit: 1 });
    const png = [137, 80, 78, 71, 13, 10, 26, 10];
    expect(await drops.drop({ files: [{ name: 'chart.png', type: 'image/png', bytes: png }] })).toBe(true);
    const alert = world.browser.page.getByRole('alert').filter({ hasText: 'chart.png' });
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      'Offprint cannot take in chart.png. It takes a link to clip, an OPML file (.opml, .xml) to import feeds, ' +
        'or a saved web page (.html, .htm) to clip.',
    );
    await world.browser.page.screenshot({ path: `${resultsDir}drop-refused.png` });
    const after = await call(world.library, 'articles:list', { limit: 1 });
    expect(after.total).toBe(before.total);
    await world.browser.page.getByRole('button', { name: 'Dismiss' }).click();
    await alert.waitFor({ state: 'detached' });
    expect(world.browser.page.url()).toBe(startUrl);
  });
});
