import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../support/startFixtureServer.ts';
import {
  CHART,
  FAILING_METALS_STORY,
  GALLIUM_STORY,
  MAP_ALT,
  METALS_FEED_TITLE,
  METALS_STORIES,
  PHOTO,
  POTASH_STORY,
  WIRE_FEED_TITLE,
  WIRE_SITE_NAME,
  delayed,
  metalsRoutes,
  serverError,
  wireRoutes,
  type OfflineStory,
} from './fixtures/offlineSite.ts';
import type { ReaderPage } from './pages/ReaderPage.ts';
import { ScriptProbe } from './pages/ScriptProbe.ts';
import { startReaderWorld, type ReaderWorld } from './startReaderWorld.ts';

const READER_SCREENSHOT = '/tmp/offline-reader.png';
const LIST_SCREENSHOT = '/tmp/offline-list.png';
const SUMMARY_SCREENSHOT = '/tmp/offline-summary.png';

const MAP_PLACEHOLDER = `${MAP_ALT}. Image not saved for offline reading (server said 404).`;

/**
 * The trip: subscribe to a feed of teasers, let the refresh fetch every full
 * page and image, switch the feed's web server off, and read. Text and
 * images are there, the reader asks nobody but the host for anything, and
 * none of the pages' script runs. Then "Save for offline" on a second feed
 * (full text turned on from the feed's settings, by keyboard): progress,
 * a summary and the page that could not be fetched.
 */
describe('offline: read with the network gone', () => {
  let world: ReaderWorld;
  let reader: ReaderPage;
  let probe: ScriptProbe;
  let metals: FixtureServer;
  const requested: string[] = [];

  beforeAll(async () => {
    world = await startReaderWorld('offline', { routes: wireRoutes() });
    reader = world.reader;
    metals = await startFixtureServer(metalsRoutes());
    probe = await ScriptProbe.attach(world.browser.page);
    world.browser.page.on('request', (request) => {
      requested.push(request.url());
    });
    await reader.open(world.host.url);
  });

  afterAll(async () => {
    await metals.close();
    await world.close();
  });

  /** Opens a story and checks it is the page's text, not the teaser, with no sign of script. */
  async function readStory(story: OfflineStory): Promise<void> {
    await reader.feedRow(WIRE_FEED_TITLE).click();
    await reader.readArticle(story.title);
    const body = reader.articleBody();
    await body.getByText(story.pageOnly).waitFor();
    await probe.settle(body);
    expect(await body.textContent()).not.toContain(story.teaser);
    expect(await probe.unsafeNodes(body)).toEqual([]);
    expect(await probe.marker()).toBeUndefined();
    expect(probe.dialogs).toEqual([]);
    expect(world.browser.page.frames()).toHaveLength(1);
  }

  async function naturalWidth(alt: string): Promise<number> {
    const image = reader.articleBody().getByRole('img', { name: alt, exact: true });
    return image.evaluate((element: HTMLImageElement) => (element.complete ? element.naturalWidth : 0));
  }

  it('subscribes to a feed of teasers and saves each full page with its images before reporting', async () => {
    await reader.addFeed(world.web.url('/wire.xml'));
    // The add fetches pages and images before it answers; the offline pass reports as it ends.
    await expect
      .poll(() => reader.offlineStatus.textContent(), { timeout: 20_000 })
      .toMatch(/^Saved for offline: 1 of 2 articles ready · \d+ KB downloaded$/);
    await expect.poll(() => reader.feedRow(WIRE_FEED_TITLE).getAttribute('aria-current')).toBe('true');
    await expect.poll(() => reader.articleRows().count()).toBe(2);
    // The gallium page's map 404s, so that article is not wholly offline; potash is.
    await expect.poll(() => reader.offlineMarks().count()).toBe(1);
    expect(await reader.offlineMark(GALLIUM_STORY.title).count()).toBe(1);
    expect(await reader.offlineMark(POTASH_STORY.title).count()).toBe(0);
    await reader.offlineProblemsToggle().click();
    const problem = reader.offlineProblems.getByRole('listitem');
    expect(await problem.textContent()).toMatch(
      new RegExp(`^${GALLIUM_STORY.title}Images not saved: 1 image could not be saved: .*map\\.png.*404`),
    );
    await reader.offlineProblemsToggle().click();
  });

  it('refreshes, then the web server goes away', async () => {
    await reader.refreshButton.click();
    await expect.poll(() => reader.refreshStatus.textContent()).toMatch(/^Refreshed 1 feed, 0 new articles\.$/);
    expect(world.web.hits(GALLIUM_STORY.path)).toBe(1);
    expect(world.web.hits('/img/chart.png')).toBe(1);
    await world.web.close();
    await expect(fetch(world.web.url('/wire.xml'))).rejects.toThrow();
  });

  it('shows the whole gallium article, its cached chart, the 404 map as a placeholder, and says what is missing', async () => {
    await readStory(GALLIUM_STORY);
    await expect.poll(() => naturalWidth(CHART.alt)).toBe(CHART.width);
    const placeholder = reader.articleBody().getByRole('img', { name: MAP_PLACEHOLDER, exact: true });
    expect(await placeholder.isVisible()).toBe(true);
    // The tracking pixel is dropped, not kept as an image or a placeholder.
    expect(await reader.articleBody().locator('img').count()).toBe(1);
    expect(await reader.articleBody().getByRole('img').count()).toBe(2);
    // The hostile paragraphs' text stays; their handlers and the script do not.
    expect(await reader.articleBody().textContent()).toContain('Quotas are reviewed each quarter.');
    expect(await reader.articleBody().textContent()).not.toContain('script ran');

    // The byline: feed, the page's own site name, the page's author.
    for (const words of [WIRE_FEED_TITLE, WIRE_SITE_NAME, 'Ana Reyes']) {
      expect(await reader.byline().getByText(words, { exact: true }).count()).toBe(1);
    }
    const notice = reader.offlineNotice();
    expect(await notice.innerText()).toBe('1 image not saved');
    await notice.getByText('1 image not saved').click();
    expect(await notice.getByRole('listitem').textContent()).toMatch(/map\.png.*404/);
    await reader.screenshot(READER_SCREENSHOT);
  });

  it('shows the whole potash article with its cached photo and no notice', async () => {
    await readStory(POTASH_STORY);
    await expect.poll(() => naturalWidth(PHOTO.alt)).toBe(PHOTO.width);
    expect(await reader.offlineNotice().count()).toBe(0);
  });

  it('asked nobody but the host, and ran none of the pages script', async () => {
    expect(requested.length).toBeGreaterThan(0);
    const elsewhere = requested.filter((url) => new URL(url).origin !== world.host.origin);
    expect(elsewhere).toEqual([]);
    // The library fetched each image once; the browser never went near the web server.
    expect(world.web.hits('/img/chart.png')).toBe(1);
    expect(world.web.hits('/img/photo.png')).toBe(1);
    expect(world.web.hits('/frame.html')).toBe(0);
    expect(await probe.marker()).toBeUndefined();
    expect(probe.dialogs).toEqual([]);
    expect(probe.pageErrors).toEqual([]);
  });

  it('turns full text on for a feed of whole articles from its settings, by keyboard', async () => {
    await reader.addFeed(metals.url('/metals.xml'));
    await expect.poll(() => reader.feedRow(METALS_FEED_TITLE).getAttribute('aria-current')).toBe('true');
    await expect.poll(() => reader.articleRows().count()).toBe(3);
    // Whole articles: full text stays off and every article is already readable offline.
    expect(await reader.offlineMarks().count()).toBe(0);

    const page = world.browser.page;
    await reader.feedRow(METALS_FEED_TITLE).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      `Settings for ${METALS_FEED_TITLE}`,
    );
    await page.keyboard.press('Enter');
    const checkbox = reader.fullTextCheckbox(METALS_FEED_TITLE);
    await checkbox.waitFor();
    expect(await checkbox.isChecked()).toBe(false);
    await page.keyboard.press('Tab');
    expect(await checkbox.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Space');
    await expect.poll(() => checkbox.isChecked()).toBe(true);
    // The pages are wanted now, not fetched yet: every row says so.
    await expect.poll(() => reader.offlineMarks().count()).toBe(3);
    await page.keyboard.press('Escape');
    await expect.poll(() => reader.feedSettings(METALS_FEED_TITLE).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      `Settings for ${METALS_FEED_TITLE}`,
    );
    expect(await reader.feedSettingsButton(METALS_FEED_TITLE).getAttribute('aria-expanded')).toBe('false');
  });

  it('saves the feed for offline with progress, and lists the page that could not be fetched', async () => {
    expect(await reader.saveOfflineButton.textContent()).toBe('Save feed for offline');
    await reader.saveOfflineButton.click();
    await expect
      .poll(() => reader.offlineStatus.textContent())
      .toMatch(/^Saving for offline: [0-2]\/3 · [\d.,]+ (bytes|KB|MB)( · 1 problem)?$/);
    expect(await reader.cancelOfflineButton.isVisible()).toBe(true);
    await expect
      .poll(() => reader.offlineStatus.textContent(), { timeout: 20_000 })
      .toMatch(/^Saved for offline: 2 of 3 articles ready · \d+ KB downloaded$/);
    expect(await reader.cancelOfflineButton.count()).toBe(0);
    await expect.poll(() => reader.offlineMarks().count()).toBe(1);
    expect(await reader.offlineMark(FAILING_METALS_STORY.title).count()).toBe(1);

    await reader.offlineProblemsToggle().click();
    const problems = reader.offlineProblems.getByRole('listitem');
    expect(await problems.count()).toBe(1);
    expect(await problems.textContent()).toMatch(
      new RegExp(`^${FAILING_METALS_STORY.title}Full text not fetched: .*${FAILING_METALS_STORY.path}.*500`),
    );
    await reader.screenshot(SUMMARY_SCREENSHOT);
    // The list drops over the page; Escape folds it back.
    await world.browser.page.keyboard.press('Escape');
    await expect.poll(() => reader.offlineProblems.count()).toBe(0);

    await reader.readArticle(FAILING_METALS_STORY.title);
    expect(await reader.offlineNotice().innerText()).toMatch(
      /^Showing the feed's summary: the full article could not be fetched \(.*500.*\)\.$/,
    );
    await reader.readArticle(METALS_STORIES[0].title);
    expect(await reader.offlineNotice().count()).toBe(0);
  });

  it('stops a pass on Cancel and says so', async () => {
    metals.route(FAILING_METALS_STORY.path, delayed(5000, serverError));
    await reader.saveOfflineButton.click();
    // Cancel once the pass is under way (the tin page now answers only after 5 s).
    await expect.poll(() => reader.offlineStatus.textContent()).toBe('Saving for offline: 0/1 · 0 bytes');
    await reader.cancelOfflineButton.click();
    await expect
      .poll(() => reader.offlineStatus.textContent())
      .toMatch(/^Stopped saving for offline: 2 of 3 articles ready$/);
    expect(await reader.saveOfflineButton.isEnabled()).toBe(true);
  });

  it('marks what is not offline in the whole list, and still asked nobody but the host', async () => {
    await reader.feedRow('All articles').click();
    await expect.poll(() => reader.articleRows().count()).toBe(5);
    await expect.poll(() => reader.offlineMarks().count()).toBe(2);
    expect(await reader.saveOfflineButton.textContent()).toBe('Save all for offline');
    await reader.readArticle(GALLIUM_STORY.title);
    await expect.poll(() => naturalWidth(CHART.alt)).toBe(CHART.width);
    await reader.screenshot(LIST_SCREENSHOT);
    expect(requested.filter((url) => new URL(url).origin !== world.host.origin)).toEqual([]);
    expect(await probe.marker()).toBeUndefined();
  });
});
