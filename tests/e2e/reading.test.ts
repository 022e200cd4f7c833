import { readdirSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/callHandlers.ts';
import { serve } from '../support/startFixtureServer.ts';
import { articlePage, paragraphsAbout } from '../integration/offline/offlinePages.ts';
import { pngImage } from '../unit/extract/images/imageFixtures.ts';
import { spineFeedXml } from './fixtures/spineFeed.ts';
import { FirstRunPanel } from './pages/FirstRunPanel.ts';
import { ReadingSettingsPanel } from './pages/ReadingSettingsPanel.ts';
import { startReaderWorld, type ReaderWorld } from './startReaderWorld.ts';

const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));
const rendererAssets = fileURLToPath(new URL('../../out/renderer/assets/', import.meta.url));

const COPPER = 'How copper smelters are paid, and why their fees can fall below zero';
const SAMPLE_COUNT = 6;
/** The themes' --paper, as getComputedStyle reports the body's background. */
const PAPER = {
  light: 'rgb(251, 250, 247)',
  dark: 'rgb(28, 29, 31)',
  sepia: 'rgb(244, 236, 216)',
} as const;

/** A desktop-sized window: wide enough for the reader's column to reach its full measure. */
const VIEWPORT = { width: 1600, height: 1000 };

/** A screenshot without the focus ring the last click or key left (the popover's button keeps focus). */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  });
  await page.screenshot({ path: `${resultsDir}${name}` });
}

function bodyBackground(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
}

/** The article text's computed size, its column's width, and that width in `ch` of its own font. */
function bodyMetrics(page: Page): Promise<{ fontSize: string; fontFamily: string; width: number; chars: number }> {
  return page.evaluate(() => {
    const body = document.querySelector('.reader-body');
    if (!(body instanceof HTMLElement)) throw new Error('no .reader-body');
    const style = getComputedStyle(body);
    // A box 100ch wide inside the text: `ch` as CSS resolves it there, the unit of the reader's measure.
    const probe = document.createElement('div');
    probe.style.width = '100ch';
    body.append(probe);
    const ch = probe.getBoundingClientRect().width / 100;
    probe.remove();
    const width = body.getBoundingClientRect().width;
    return { fontSize: style.fontSize, fontFamily: style.fontFamily, width, chars: width / ch };
  });
}

/**
 * Reading: the first run of an empty library, the sample library, and how
 * the reader reads — bundled fonts from the host only, themes that follow
 * the OS or the reader's choice and survive a reload, text size and line
 * width, and the toolbar's connection badge.
 */
describe('reading: first run, typography, themes', () => {
  let world: ReaderWorld;
  let page: Page;
  let firstRun: FirstRunPanel;
  let settings: ReadingSettingsPanel;
  const requests: string[] = [];

  beforeAll(async () => {
    world = await startReaderWorld('reading');
    ({ page } = world.browser);
    await page.setViewportSize(VIEWPORT);
    await page.emulateMedia({ colorScheme: 'light' });
    page.on('request', (request) => {
      requests.push(request.url());
    });
    firstRun = new FirstRunPanel(page);
    settings = new ReadingSettingsPanel(page);
    await mkdir(resultsDir, { recursive: true });
  });

  afterAll(async () => {
    await world.close();
  });

  it('explains an empty library in both panes', async () => {
    await world.reader.open(world.host.url);
    await firstRun.region.waitFor();
    for (const step of ['Follow a feed', 'Import your subscriptions', 'Clip one page']) {
      expect(await firstRun.region.getByRole('heading', { level: 3, name: step }).count()).toBe(1);
    }
    expect(await world.reader.articlesPane.textContent()).toContain('Your library is empty');
    // Nothing refreshed yet, and online: the badge says nothing.
    expect(await page.getByRole('banner').getByRole('status', { name: 'Connection' }).textContent()).toBe('');
    await screenshot(page, 'first-run.png');
  });

  it('fills the list with the sample articles and leaves the first run', async () => {
    await firstRun.loadSampleButton.click();
    await expect.poll(() => world.reader.articleRows().count()).toBe(SAMPLE_COUNT);
    await firstRun.region.waitFor({ state: 'detached' });
    await world.reader.feedRow('Sample articles').waitFor();
  });

  it('reads an article in the bundled serif, loaded from the host and nowhere else', async () => {
    await world.reader.readArticle(COPPER);
    expect(await world.reader.byline().textContent()).toContain('Mara Lindqvist');
    expect(await world.reader.byline().textContent()).toContain('Sample articles');

    const loaded = await page.evaluate(async () => {
      await document.fonts.ready;
      const faces: string[] = [];
      document.fonts.forEach((face) => {
        if (face.status === 'loaded') faces.push(`${face.family.replace(/"/g, '')} ${face.style}`);
      });
      return faces;
    });
    expect(loaded).toContain('Source Serif 4 Variable normal');
    expect(loaded).toContain('Inter Variable normal');
    expect(await page.evaluate(() => document.fonts.check('18px "Source Serif 4 Variable"'))).toBe(true);
    const metrics = await bodyMetrics(page);
    expect(metrics.fontFamily).toMatch(/^"Source Serif 4 Variable"/);
    expect(metrics.fontSize).toBe('18px');
    // The default measure: 66 characters of the reading face.
    expect(metrics.chars).toBeGreaterThan(64);
    expect(metrics.chars).toBeLessThan(68);

    // Every request went to the host; the font files came from its built assets.
    const origin = new URL(world.host.url).origin;
    const web = requests.filter((url) => /^https?:/.test(url));
    expect(web.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    const fonts = web.filter((url) => url.endsWith('.woff2')).map((url) => new URL(url).pathname);
    expect(fonts.some((path) => /^\/assets\/source-serif-4-latin-opsz-normal-[\w-]+\.woff2$/.test(path))).toBe(true);
    expect(fonts.some((path) => /^\/assets\/inter-latin-wght-normal-[\w-]+\.woff2$/.test(path))).toBe(true);

    // Only the faces and subsets the app uses are in the build.
    const built = readdirSync(rendererAssets)
      .filter((name) => name.endsWith('.woff2'))
      .map((name) => name.replace(/-[\w-]{8}\.woff2$/, ''))
      .sort();
    expect(built).toEqual([
      'inter-latin-ext-wght-normal',
      'inter-latin-wght-normal',
      'source-serif-4-latin-ext-opsz-italic',
      'source-serif-4-latin-ext-opsz-normal',
      'source-serif-4-latin-opsz-italic',
      'source-serif-4-latin-opsz-normal',
    ]);
  });

  it('styles figure captions as notes under their figure, in the UI face', async () => {
    const caption = world.reader.articleBody().locator('figcaption');
    expect(await caption.textContent()).toContain('Who pays whom');
    const style = await caption.evaluate((element) => {
      const computed = getComputedStyle(element);
      return { family: computed.fontFamily, size: parseFloat(computed.fontSize), color: computed.color };
    });
    expect(style.family).toMatch(/^"Inter Variable"/);
    expect(style.size).toBeLessThan(18);
    expect(style.color).toBe('rgb(89, 99, 110)');
  });

  it('switches to dark and sepia, and keeps the choice across a reload', async () => {
    expect(await bodyBackground(page)).toBe(PAPER.light);
    await settings.chooseTheme('Light');
    await settings.close();
    await screenshot(page, 'reader-light.png');

    await settings.chooseTheme('Dark');
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    expect(await bodyBackground(page)).toBe(PAPER.dark);
    await screenshot(page, 'reading-settings.png');
    await settings.close();
    await screenshot(page, 'reader-dark.png');

    await settings.chooseTheme('Sepia');
    expect(await bodyBackground(page)).toBe(PAPER.sepia);
    await settings.close();
    await screenshot(page, 'reader-sepia.png');

    await world.reader.reload();
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('sepia');
    expect(await bodyBackground(page)).toBe(PAPER.sepia);
    await world.reader.readArticle(COPPER);
    await settings.open();
    expect(await settings.theme('Sepia').isChecked()).toBe(true);
    await settings.close();
  });

  it("keeps the reading settings in the library's settings.json, shared with the host and the CLI", async () => {
    // What the last test chose is in the file, so a page with nothing kept of its own shows it.
    const file = JSON.parse(await readFile(join(world.dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(file).toMatchObject({ theme: 'sepia' });
    await page.evaluate(() => {
      localStorage.clear();
    });
    await world.reader.reload();
    await page.waitForFunction(() => document.documentElement.dataset['theme'] === 'sepia');

    // A change another program makes (here the library's own settings, as `offprint settings set` would) reaches the page.
    world.library.settings.update({ theme: 'dark', lineWidth: 'wide' });
    await page.waitForFunction(() => document.documentElement.dataset['theme'] === 'dark');
    expect(await page.evaluate(() => document.documentElement.style.getPropertyValue('--reader-width'))).toBe('76');
    world.library.settings.update({ theme: 'sepia', lineWidth: 'standard' });
    await page.waitForFunction(() => document.documentElement.dataset['theme'] === 'sepia');
    await world.reader.readArticle(COPPER);
  });

  it('follows the OS when the theme is System', async () => {
    await settings.chooseTheme('System');
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-theme'))).toBe(false);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await bodyBackground(page)).toBe(PAPER.dark);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await bodyBackground(page)).toBe(PAPER.light);
    await settings.close();
  });

  it('works from the keyboard: Enter opens the settings, Tab goes in, arrows choose, Escape returns', async () => {
    await settings.toggle.focus();
    await page.keyboard.press('Enter');
    await settings.dialog.waitFor();
    // The popover comes right after its button in the tab order; the theme group's stop is its checked radio.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('system');
    await page.keyboard.press('ArrowRight');
    expect(await settings.theme('Light').isChecked()).toBe(true);
    expect(await bodyBackground(page)).toBe(PAPER.light);
    await page.keyboard.press('Escape');
    await settings.dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('AaReading settings');
    await settings.chooseTheme('System');
    await settings.close();
  });

  it('changes the text size and the line width, and keeps them across a reload', async () => {
    await settings.open();
    await settings.largerButton.click();
    expect((await bodyMetrics(page)).fontSize).toBe('20px');
    await settings.smallerButton.click();
    await settings.smallerButton.click();
    expect((await bodyMetrics(page)).fontSize).toBe('17px');
    expect(await settings.dialog.getByRole('status').textContent()).toBe('17 px');

    const standard = await bodyMetrics(page);
    await settings.chooseWidth('Narrow');
    const narrow = await bodyMetrics(page);
    await settings.chooseWidth('Wide');
    const wide = await bodyMetrics(page);
    expect(narrow.width).toBeLessThan(standard.width);
    expect(wide.width).toBeGreaterThan(standard.width);
    expect(Math.round(narrow.chars)).toBe(58);
    expect(Math.round(wide.chars)).toBe(76);
    await settings.close();

    await world.reader.reload();
    await world.reader.readArticle(COPPER);
    const kept = await bodyMetrics(page);
    expect(kept.fontSize).toBe('17px');
    expect(Math.round(kept.chars)).toBe(76);
    await settings.chooseWidth('Standard');
    await settings.close();
  });

  it('says when the feeds were last refreshed, and "Offline" while the network is gone', async () => {
    const badge = page.getByRole('banner').getByRole('status', { name: 'Connection' });
    world.web.route('/feed.xml', serve(spineFeedXml(world.web.origin), 'application/rss+xml; charset=utf-8'));
    await call(world.library, 'feeds:add', { url: `${world.web.origin}/feed.xml` });
    await expect.poll(() => badge.textContent()).toMatch(/^Last refreshed \S/);
    expect(await badge.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);

    await world.browser.context.setOffline(true);
    await expect.poll(() => badge.textContent()).toBe('Offline');
    await screenshot(page, 'offline-badge.png');
    await world.browser.context.setOffline(false);
    await expect.poll(() => badge.textContent()).toMatch(/^Last refreshed /);
  });
});

describe('reading: the other ways into an empty library', () => {
  let world: ReaderWorld;
  let firstRun: FirstRunPanel;

  beforeAll(async () => {
    world = await startReaderWorld('first-run');
    await world.browser.page.setViewportSize(VIEWPORT);
    world.web.route('/feed.xml', serve(spineFeedXml(world.web.origin), 'application/rss+xml; charset=utf-8'));
    world.web.route(
      '/story/rare-earths',
      serve(
        articlePage({
          title: 'Magnet makers queue for rare earth licences',
          byline: 'Ana Reyes',
          published: '2026-11-20T07:30:00Z',
          paragraphs: paragraphsAbout('rare earths', 6),
          figures: [
            '<figure><img src="/img/wide.png" alt="Licence applications by month" width="1600" height="500">' +
              '<figcaption>Applications by month.</figcaption></figure>',
          ],
        }),
        'text/html; charset=utf-8',
      ),
    );
    world.web.route('/img/wide.png', serve(pngImage({ width: 1600, height: 500, color: [47, 93, 138] }), 'image/png'));
    firstRun = new FirstRunPanel(world.browser.page);
  });

  afterAll(async () => {
    await world.close();
  });

  it('clips a page by its address and opens it, its image scaled to the column', async () => {
    await world.reader.open(world.host.url);
    await firstRun.clip(`${world.web.origin}/story/rare-earths`);
    await world.reader.reader
      .getByRole('heading', { level: 2, name: 'Magnet makers queue for rare earth licences' })
      .waitFor();
    const image = world.reader.articleBody().getByRole('img', { name: 'Licence applications by month' });
    await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBe(1600);
    const fits = await image.evaluate((element) => {
      const body = element.closest('.reader-body');
      if (body === null) throw new Error('image outside the body');
      return element.getBoundingClientRect().width <= body.getBoundingClientRect().width + 0.5;
    });
    expect(fits).toBe(true);
    await screenshot(world.browser.page, 'reader-clipped.png');
  });
});

describe('reading: OPML import on first run', () => {
  let world: ReaderWorld;

  beforeAll(async () => {
    world = await startReaderWorld('first-run-opml');
    world.web.route('/feed.xml', serve(spineFeedXml(world.web.origin), 'application/rss+xml; charset=utf-8'));
  });

  afterAll(async () => {
    await world.close();
  });

  it('imports the feeds of an OPML file and fetches them', async () => {
    const firstRun = new FirstRunPanel(world.browser.page);
    await world.reader.open(world.host.url);
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
<outline text="Harbour Trade Notes" type="rss" xmlUrl="${world.web.origin}/feed.xml"/>
</body></opml>`;
    await firstRun.opmlInput.setInputFiles({
      name: 'subscriptions.opml',
      mimeType: 'text/x-opml',
      buffer: Buffer.from(opml),
    });
    await world.reader.feedRow('Harbour Trade Notes').waitFor();
    await expect.poll(() => world.reader.articleRows().count()).toBe(3);
    expect(await firstRun.region.count()).toBe(0);
  });
});
