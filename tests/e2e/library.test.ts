import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../electron/server/startHost.ts';
import type { LaunchedChromium } from '../support/launchChromium.ts';
import { rssFeed, serve, type FixtureServer } from '../support/startFixtureServer.ts';
import { GALLIUM_METALS, metalsFeedXml } from './fixtures/searchFeeds.ts';
import type { ReaderPage } from './pages/ReaderPage.ts';
import { startReaderWorld, type ReaderWorld } from './startReaderWorld.ts';

const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));
const POTASH = 'Potash prices climb as the Canadian rail strike drags on';
const GERMANIUM = 'Germanium shortage squeezes chip and solar makers';

/**
 * What an analyst keeps: a topic made from a search (with its live
 * preview), the saved list with multi-select, notes and highlights in the
 * reader. Real library, host and Chromium.
 */
describe('topics, saved list, notes and highlights in the reader', () => {
  let world: ReaderWorld;
  let host: Host;
  let web: FixtureServer;
  let browser: LaunchedChromium;
  let reader: ReaderPage;

  beforeAll(async () => {
    world = await startReaderWorld('library', { openSearchEagerly: true });
    ({ host, web, browser, reader } = world);
    web.route('/metals.xml', serve(metalsFeedXml(web.origin), 'application/rss+xml; charset=utf-8'));
    await mkdir(resultsDir, { recursive: true });
    await reader.open(host.url);
    await reader.addFeed(`${web.origin}/metals.xml`);
    await reader.feedRow('Metals Desk').waitFor();
  });

  afterAll(async () => {
    await world.close();
  });

  it('imports an OPML file from the sidebar and groups the feeds by folder, with summed unread counts', async () => {
    const story = (guid: string, title: string) => ({ guid, title, link: `/${guid}`, body: `<p>${title}.</p>` });
    web.route(
      '/nickel.xml',
      serve(rssFeed('Nickel Notes', [story('n1', 'Nickel output rises')]), 'application/rss+xml'),
    );
    web.route(
      '/zinc.xml',
      serve(
        rssFeed('Zinc Notes', [story('z1', 'Zinc smelter restarts'), story('z2', 'Zinc premiums widen')]),
        'application/rss+xml',
      ),
    );
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>Desk</title></head><body>
      <outline text="Base metals">
        <outline type="rss" text="Nickel Notes" xmlUrl="${web.origin}/nickel.xml"/>
        <outline type="rss" text="Zinc Notes" xmlUrl="${web.origin}/zinc.xml"/>
      </outline></body></opml>`;
    await reader.feedsNav.getByLabel('Import an OPML file…').setInputFiles({
      name: 'desk.opml',
      mimeType: 'text/x-opml',
      buffer: Buffer.from(opml),
    });
    const folder = reader.feedsNav.getByRole('button', { name: /Base metals/ });
    await folder.waitFor();
    expect(await folder.getAttribute('aria-expanded')).toBe('true');
    const members = reader.feedsNav.getByRole('list', { name: 'Base metals' });
    await expect
      .poll(() => members.getByRole('listitem').allTextContents())
      .toEqual([expect.stringContaining('Nickel Notes'), expect.stringContaining('Zinc Notes')]);
    // The import fetches the feeds: the folder's row sums its feeds' unread articles.
    await folder.getByLabel('3 unread').waitFor();
    await folder.click();
    expect(await folder.getAttribute('aria-expanded')).toBe('false');
    await members.waitFor({ state: 'detached' });
    await folder.click();
    await members.waitFor();
    await reader.screenshot(join(resultsDir, 'library-folders.png'));
  });

  it('offers starter topics built from the library, and creates one only when accepted', async () => {
    // A desk whose feed files its stories under categories: what starter topics are made from.
    const items = ['Magnet makers seek new suppliers', 'Quota cut lifts oxide prices', 'Mine restarts in Laos'].map(
      (title, index) => ({
        guid: `desk-${index}`,
        title,
        link: `/desk/${index}`,
        body: `<p>${title}, traders said on ${index + 2} September.</p>`,
        categories: ['Rare earths'],
      }),
    );
    web.route('/desk.xml', serve(rssFeed('Rare Earth Desk', items), 'application/rss+xml; charset=utf-8'));
    await world.library.handlers['feeds:add']({ url: `${web.origin}/desk.xml` });
    const suggested = reader.feedsNav.getByRole('list', { name: 'Suggested topics' });
    // The desk's category is offered once the list has caught up with the new feed (it reloads as the library changes).
    const rareEarths = suggested.getByRole('button', { name: 'Add topic Rare Earths', exact: true });
    await rareEarths.waitFor();
    expect((await world.library.handlers['topics:list']({})).length).toBe(0);

    await rareEarths.click();
    await reader.feedRow('Rare Earths').waitFor();
    const topics = await world.library.handlers['topics:list']({});
    expect(topics.map((topic) => [topic.name, topic.categories])).toEqual([['Rare Earths', ['Rare earths']]]);
    // With a topic of its own, the library stops offering.
    await suggested.waitFor({ state: 'detached' });
  });

  it('saves a search as a topic after previewing what it matches, and filters by it', async () => {
    await reader.search.search('gallium OR germanium');
    await reader.search.waitForFreshResults();
    await browser.page.getByRole('button', { name: 'Save as topic' }).click();

    const editor = browser.page.getByRole('dialog', { name: 'New topic' });
    await expect.poll(() => editor.getByLabel('Rule').inputValue()).toBe('gallium OR germanium');
    await editor.getByText('Matches 2 articles in the library').waitFor();
    expect((await editor.getByRole('listitem').allTextContents()).sort()).toEqual([GALLIUM_METALS, GERMANIUM].sort());
    await editor.getByLabel('Name').fill('Chip metals');
    await editor.getByRole('button', { name: 'Save topic' }).click();
    await editor.waitFor({ state: 'detached' });

    const topic = reader.feedRow('Chip metals');
    await topic.waitFor();
    await expect.poll(() => topic.getAttribute('aria-current')).toBe('true');
    await expect.poll(async () => (await reader.articleRows().allTextContents()).length).toBe(2);
    expect(await reader.articlesPane.getByRole('heading', { level: 2 }).textContent()).toMatch(/^Chip metals/);
  });

  it('edits the rule with a live preview; the list follows the new rule', async () => {
    await browser.page.getByRole('button', { name: 'Edit topic Chip metals' }).click();
    const editor = browser.page.getByRole('dialog', { name: 'Edit topic' });
    await editor.getByLabel('Rule').fill('potash');
    await editor.getByText('Matches 1 article in the library').waitFor();
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await editor.waitFor({ state: 'detached' });
    await expect.poll(() => reader.articleRows().allTextContents()).toEqual([expect.stringContaining(POTASH)]);
  });

  it('saves an article, lists it under Saved, and unsaves it with the selection bar', async () => {
    await reader.readArticle(POTASH);
    const saveButton = reader.reader.getByRole('button', { name: '☆ Save' });
    await saveButton.click();
    await reader.reader.getByRole('button', { name: '★ Saved', pressed: true }).waitFor();

    await reader.feedRow('Saved').click();
    await expect.poll(() => reader.articleRows().count()).toBe(1);
    const selectionBar = reader.articlesPane.getByRole('toolbar', { name: 'Selected articles' });
    await reader.articlesPane.getByRole('checkbox', { name: `Select ${POTASH}` }).check();
    await selectionBar.getByText('1 selected').waitFor();
    await selectionBar.getByRole('button', { name: 'Unsave' }).click();
    await reader.articlesPane.getByText('Nothing saved yet.', { exact: false }).waitFor();
  });

  it('adds, edits and deletes a note', async () => {
    await reader.feedRow('All articles').click();
    await reader.readArticle(POTASH);
    const notes = reader.reader.getByRole('region', { name: 'Highlights and notes' });
    await notes.getByLabel('New note').fill('Ask the desk about **rail** capacity.');
    await notes.getByRole('button', { name: 'Add note' }).click();
    await notes.getByText('Ask the desk about **rail** capacity.').waitFor();

    await notes.getByRole('button', { name: 'Edit' }).click();
    await notes.getByLabel('Edit note').fill('Rail capacity: check with the desk.');
    await notes.getByRole('button', { name: 'Save note' }).click();
    await notes.getByText('Rail capacity: check with the desk.').waitFor();

    await notes.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => notes.getByRole('listitem').count()).toBe(0);
  });

  it('highlights selected text: marked in the article and listed under it', async () => {
    await reader.readArticle(POTASH);
    // Select "rail strike" in the body as a user dragging over it would.
    await reader.articleBody().evaluate((body) => {
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const at = (node.textContent ?? '').indexOf('rail strike');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 'rail strike'.length);
        document.getSelection()?.removeAllRanges();
        document.getSelection()?.addRange(range);
        return;
      }
      throw new Error('no "rail strike" in the article body');
    });
    await reader.reader
      .getByRole('toolbar', { name: 'Selected text' })
      .getByRole('button', { name: 'Highlight', exact: true })
      .click();

    await expect
      .poll(() => reader.articleBody().locator('mark.offprint-highlight').allTextContents())
      .toEqual(['rail strike']);
    const annotations = reader.reader.getByRole('region', { name: 'Highlights and notes' });
    await annotations.getByRole('blockquote').filter({ hasText: 'rail strike' }).waitFor();
    await reader.screenshot(join(resultsDir, 'library-highlight.png'));

    await annotations.getByRole('button', { name: /^Remove highlight/ }).click();
    await expect.poll(() => reader.articleBody().locator('mark.offprint-highlight').count()).toBe(0);
  });

  it('narrows the list and a search to a date range, combined with the view and the text', async () => {
    const fresh = new Date(Date.now() - 2 * 3_600_000).toUTCString();
    web.route(
      '/today.xml',
      serve(
        rssFeed('Today Desk', [
          {
            guid: 't1',
            title: 'Gallium buyers return',
            link: '/t1',
            body: '<p>Gallium buyers return.</p>',
            date: fresh,
          },
        ]),
        'application/rss+xml',
      ),
    );
    await world.library.handlers['feeds:add']({ url: `${web.origin}/today.xml` });
    await reader.feedRow('All articles').click();
    const published = reader.articlesPane.getByLabel('Published');
    await published.selectOption({ label: 'Past week' });
    await expect
      .poll(() => reader.articleRows().allTextContents())
      .toEqual([expect.stringContaining('Gallium buyers return')]);
    // A search keeps the range: the 2025 gallium stories stay out.
    await reader.search.search('gallium');
    await reader.search.waitForFreshResults();
    await expect.poll(() => reader.search.resultTitles()).toEqual(['Gallium buyers return']);
    await published.selectOption({ label: 'Any time' });
    await expect.poll(async () => (await reader.search.resultTitles()).length).toBeGreaterThan(1);
    await reader.search.search('');
  });
});
