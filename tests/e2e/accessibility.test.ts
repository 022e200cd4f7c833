import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../support/startFixtureServer.ts';
import { pngImage } from '../unit/extract/images/imageFixtures.ts';
import { metalsFeedXml } from './fixtures/searchFeeds.ts';
import { AxeAudit } from './pages/AxeAudit.ts';
import { FirstRunPanel } from './pages/FirstRunPanel.ts';
import type { ReaderPage } from './pages/ReaderPage.ts';
import { ReadingSettingsPanel, type ThemeName } from './pages/ReadingSettingsPanel.ts';
import { startReaderWorld, type ReaderWorld } from './startReaderWorld.ts';

const POTASH = 'Potash prices climb as the Canadian rail strike drags on';
/** Sample articles: one with a table in a figure, one with a block quotation. */
const COPPER = 'How copper smelters are paid, and why their fees can fall below zero';
const CANAL = 'From a canal lock to a loaf of bread: how low water travels through the grain trade';
const CHART_TITLE = 'Freight rates ease at the northern ports';
const THEMES: readonly ThemeName[] = ['Light', 'Dark', 'Sepia'];

/**
 * axe-core over the reader's main screens, in each theme: nothing serious
 * or critical (missing names, broken roles, text below WCAG AA contrast).
 * One library, host and browser for the whole file; each state is reached
 * as a user reaches it, audited, then left.
 */
describe('accessibility: axe finds nothing serious or critical', () => {
  let world: ReaderWorld;
  let page: Page;
  let reader: ReaderPage;
  let settings: ReadingSettingsPanel;
  let axe: AxeAudit;

  beforeAll(async () => {
    world = await startReaderWorld('accessibility', { openSearchEagerly: true });
    ({ page } = world.browser);
    reader = world.reader;
    settings = new ReadingSettingsPanel(page);
    axe = new AxeAudit(page);
    world.web.route('/metals.xml', serve(metalsFeedXml(world.web.origin), 'application/rss+xml; charset=utf-8'));
    await page.emulateMedia({ colorScheme: 'light' });
  });

  afterAll(async () => {
    await world.close();
  });

  it('first run: the empty library, with the OS in light and in dark mode', async () => {
    await reader.open(world.host.url);
    await new FirstRunPanel(page).region.waitFor();
    const light = await axe.seriousViolations();
    // Before any choice the theme is the OS's.
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await axe.seriousViolations();
    await page.emulateMedia({ colorScheme: 'light' });
    expect({ light, dark }).toEqual({ light: [], dark: [] });
  });

  it('a library with feeds, topics to suggest and a feed’s articles listed', async () => {
    // An article with a cached image in a figure and one image that could not be saved.
    const { library } = world;
    const chart = await library.images.put(pngImage({ width: 240, height: 90, color: [47, 93, 138] }), 'image/png');
    const now = new Date().toISOString();
    const feed = library.store.writer.addFeed({ url: `${world.web.origin}/ports.xml`, title: 'Ports Desk' }, now);
    const html = [
      '<p>Rates for a forty-foot box fell for the third week.</p>',
      `<figure><img src="offprint-image://${chart.hash}.png" alt="Weekly rate chart" width="240" height="90">`,
      '<figcaption>Weekly rate, northern ports.</figcaption></figure>',
      '<p>The route map could not be saved:</p><img data-offprint-missing="http-404" alt="Route map">',
    ].join('');
    library.store.writer.upsertArticles(
      feed.id,
      [
        {
          guid: 'ports-1',
          url: null,
          title: CHART_TITLE,
          author: 'Ines Okafor',
          publishedAt: now,
          updatedAt: null,
          language: 'en',
          summary: null,
          contentHtml: html,
          text: CHART_TITLE,
          categories: [],
        },
      ],
      now,
    );
    await library.handlers['library:loadSample']({});
    await reader.addFeed(`${world.web.origin}/metals.xml`);
    await reader.feedRow('Metals Desk').waitFor();
    await expect.poll(() => reader.articleRows().count()).toBe(5);
    // Saved now, for the saved view below.
    await reader.readArticle(POTASH);
    await reader.reader.getByRole('button', { name: '☆ Save' }).click();
    await reader.reader.getByRole('button', { name: '★ Saved', pressed: true }).waitFor();
    expect(await axe.seriousViolations()).toEqual([]);
  });

  for (const theme of THEMES) {
    describe(`${theme} theme`, () => {
      beforeAll(async () => {
        await reader.feedRow('All articles').click();
        await reader.readArticle(CHART_TITLE);
        await settings.chooseTheme(theme);
        await settings.close();
      });

      it('articles in the reader: images in a figure and missing, a table, a quotation, related articles', async () => {
        await reader.articleBody().getByRole('img', { name: 'Weekly rate chart' }).waitFor();
        const chart = await axe.seriousViolations();
        await reader.readArticle(COPPER);
        await reader.articleBody().getByRole('table').waitFor();
        // The related articles under it too: a list of buttons.
        await reader.relatedList('Related').waitFor();
        const copper = await axe.seriousViolations();
        await reader.readArticle(CANAL);
        await reader.articleBody().getByRole('blockquote').waitFor();
        expect({ chart, copper, canal: await axe.seriousViolations() }).toEqual({ chart: [], copper: [], canal: [] });
      });

      it('reading settings open', async () => {
        await settings.open();
        const found = await axe.seriousViolations();
        await settings.close();
        expect(found).toEqual([]);
      });

      it('search results with snippets, and the query language help open', async () => {
        await reader.search.search('gallium');
        await reader.search.waitForFreshResults();
        await expect.poll(async () => (await reader.search.resultTitles()).length).toBeGreaterThan(0);
        await reader.search.helpButton.click();
        await reader.search.helpPanel.waitFor();
        const found = await axe.seriousViolations();
        await reader.search.helpButton.click();
        await reader.search.helpPanel.waitFor({ state: 'detached' });
        expect(found).toEqual([]);
      });

      it('the topic editor, opened from the search with its preview', async () => {
        await page.getByRole('button', { name: 'Save as topic' }).click();
        const editor = page.getByRole('dialog', { name: 'New topic' });
        await editor.getByText(/^Matches \d+ articles? in the library$/).waitFor();
        const found = await axe.seriousViolations();
        await editor.getByRole('button', { name: 'Cancel' }).click();
        await editor.waitFor({ state: 'detached' });
        await reader.search.search('');
        await reader.articlesPane.getByRole('heading', { name: /^All articles/ }).waitFor();
        expect(found).toEqual([]);
      });

      it('the saved view with an article selected', async () => {
        await reader.feedRow('Saved').click();
        await reader.articlesPane.getByRole('checkbox', { name: `Select ${POTASH}` }).check();
        await reader.articlesPane.getByRole('toolbar', { name: 'Selected articles' }).getByText('1 selected').waitFor();
        expect(await axe.seriousViolations()).toEqual([]);
      });

      it('the keyboard shortcut sheet', async () => {
        // `?` outside a field opens it.
        await reader.feedRow('All articles').focus();
        await page.keyboard.press('?');
        const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
        await help.waitFor();
        const found = await axe.seriousViolations();
        await page.keyboard.press('Escape');
        await help.waitFor({ state: 'detached' });
        expect(found).toEqual([]);
      });
    });
  }
});
