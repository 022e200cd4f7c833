import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredImage } from '../../electron/core/extract/images/ImageStore.ts';
import type { NewArticle } from '../../electron/core/store/ArticleStore.ts';
import { serve } from '../support/startFixtureServer.ts';
import { pngImage } from '../unit/extract/images/imageFixtures.ts';
import type { ReaderPage } from './pages/ReaderPage.ts';
import { startReaderWorld, type ReaderWorld } from './startReaderWorld.ts';

const FEED_TITLE = 'Offline Desk';
const CACHED_TITLE = 'Freight rates ease at the northern ports';
const RAW_TITLE = 'An old article that still points at the web';
const SCREENSHOT = '/tmp/reader-images.png';

const NOT_SAVED_404 = 'Image not saved for offline reading (server said 404).';
const NOT_DOWNLOADED = 'Image not saved for offline reading (not downloaded yet).';
const NOT_SAVED = 'Image not saved for offline reading.';

function article(title: string, guid: string, contentHtml: string, minutesAgo: number): NewArticle {
  return {
    guid,
    url: null,
    title,
    author: null,
    publishedAt: new Date(Date.UTC(2026, 10, 20, 9, 0) - minutesAgo * 60_000).toISOString(),
    updatedAt: null,
    language: 'en',
    summary: null,
    contentHtml,
    text: title,
    categories: [],
  };
}

/**
 * Cached images through the whole read path: bytes in the library's
 * ImageStore, article HTML naming `offprint-image://<sha256>.png`, the
 * renderer mapping it to the host's image route, Chromium loading it. Images
 * the cache does not hold show as placeholders, and the reader never asks
 * anyone but the host for anything.
 */
describe('images: cached images and placeholders, never the network', () => {
  let world: ReaderWorld;
  let reader: ReaderPage;
  let chart: StoredImage;
  const requested: string[] = [];

  beforeAll(async () => {
    world = await startReaderWorld('images');
    const { library, web, browser } = world;
    reader = world.reader;
    // A real image on the fixture web: if the reader ever loaded remote images, this one would work.
    web.route('/photo.png', serve(pngImage({ width: 40, height: 20 }), 'image/png'));

    chart = await library.images.put(pngImage({ width: 240, height: 90, color: [47, 93, 138] }), 'image/png');
    const now = new Date().toISOString();
    const feed = library.store.writer.addFeed({ url: `${web.origin}/offline.xml`, title: FEED_TITLE }, now);
    const cachedHtml = [
      '<p>Rates for a forty-foot box fell for the third week.</p>',
      `<figure><img src="offprint-image://${chart.hash}.png" alt="Chart" width="240" height="90">`,
      '<figcaption>Weekly rate, northern ports.</figcaption></figure>',
      '<p>The route map could not be saved:</p>',
      '<img data-offprint-missing="http-404" alt="Map">',
      '<p>Closing paragraph.</p>',
    ].join('');
    // Stored as is, past core's sanitizer (an old database, a bug): the reader's own pass must hold.
    const rawHtml = [
      '<p>Remote images stay remote.</p>',
      `<img src="${web.origin}/photo.png" alt="Harbour photo">`,
      '<img src="https://images.example/remote.jpg" data-offprint-missing="http-404" alt="Crane">',
      '<img src="data:image/png;base64,iVBORw0KGgo=" alt="Inline">',
      `<img src="offprint-image://${chart.hash.toUpperCase()}.png" alt="Shouting hash">`,
      '<img data-offprint-missing="some-future-code" alt="Later">',
      '<img data-offprint-missing="javascript:alert(1)" alt="Bad reason">',
      '<img data-offprint-missing="Server said 404 &lt;b&gt;" alt="Prose reason">',
      '<img data-other="1" alt="Nothing">',
      '<p>End.</p>',
    ].join('');
    library.store.writer.upsertArticles(
      feed.id,
      [article(CACHED_TITLE, 'cached-1', cachedHtml, 0), article(RAW_TITLE, 'raw-1', rawHtml, 5)],
      now,
    );

    browser.page.on('request', (request) => {
      requested.push(request.url());
    });
    await reader.open(world.host.url);
    await reader.feedRow(FEED_TITLE).click();
  });

  afterAll(async () => {
    await world.close();
  });

  it('loads a cached image through the host image route', async () => {
    await reader.readArticle(CACHED_TITLE);
    const image = reader.articleBody().getByRole('img', { name: 'Chart', exact: true });
    await image.waitFor();
    const src = (await image.getAttribute('src')) ?? '';
    expect(src).toBe(`${world.host.origin}/api/images/${chart.hash}.png?token=${world.host.token}`);
    await expect
      .poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth))
      .toBe(240);
    expect(requested).toContain(src);
  });

  it('shows an image that is not on disk as a placeholder with its alt text and reason', async () => {
    const placeholder = reader.articleBody().getByRole('img', { name: `Map. ${NOT_SAVED_404}`, exact: true });
    await placeholder.waitFor();
    expect(await placeholder.isVisible()).toBe(true);
    expect(await placeholder.innerText()).toBe(`Map\n${NOT_SAVED_404}`);
    const box = await placeholder.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(20);
    expect(await reader.articleBody().locator('img:not([src])').count()).toBe(0);
    await reader.screenshot(SCREENSHOT);
  });

  it('refuses remote, data and malformed sources in stored HTML, and keeps only well-formed reasons', async () => {
    await reader.readArticle(RAW_TITLE);
    const body = reader.articleBody();
    await body.getByText('End.').waitFor();
    // The only <img> elements left would be cached ones; here there are none.
    expect(await body.locator('img').count()).toBe(0);
    const labels = await body
      .getByRole('img')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label')));
    expect(labels).toEqual([
      `Harbour photo. ${NOT_DOWNLOADED}`,
      `Crane. ${NOT_SAVED_404}`,
      `Inline. ${NOT_DOWNLOADED}`,
      `Shouting hash. ${NOT_DOWNLOADED}`,
      `Later. ${NOT_SAVED}`,
    ]);
    expect(await body.textContent()).not.toContain('Bad reason');
    expect(await body.innerHTML()).not.toMatch(/javascript:|data-offprint-missing|data-other|images\.example/);
  });

  it('never asked anything but the host', () => {
    const elsewhere = requested.filter((url) => new URL(url).origin !== world.host.origin);
    expect(elsewhere).toEqual([]);
    expect(world.web.hits('/photo.png')).toBe(0);
  });
});
