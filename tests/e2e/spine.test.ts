import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../electron/server/startHost.ts';
import type { LaunchedChromium } from '../support/launchChromium.ts';
import { serve, type FixtureServer } from '../support/startFixtureServer.ts';
import { PLAIN_PAGE_HTML, spineFeedXml } from './fixtures/spineFeed.ts';
import type { ReaderPage } from './pages/ReaderPage.ts';
import { startReaderWorld, type ReaderWorld } from './startReaderWorld.ts';

const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));

// `npm run test:e2e` builds the renderer first; say so plainly when run on its own.

/**
 * The spine: subscribe to a feed through the UI, list its articles, read
 * one, see it marked read; and a page that is not a feed fails in words.
 * Real library in a throwaway data directory, real host, system Chromium.
 */
describe('spine: subscribe and read', () => {
  let world: ReaderWorld;
  let host: Host;
  let web: FixtureServer;
  let browser: LaunchedChromium;
  let reader: ReaderPage;

  beforeAll(async () => {
    world = await startReaderWorld('spine', {
      routes: { '/page.html': serve(PLAIN_PAGE_HTML, 'text/html; charset=utf-8') },
    });
    ({ host, web, browser, reader } = world);
    // The feed names its own absolute URLs, so it is built once the port is known.
    web.route('/feed.xml', serve(spineFeedXml(web.origin), 'application/rss+xml; charset=utf-8'));
  });

  afterAll(async () => {
    await world.close();
  });

  it('opens the reader and hides the token from the address bar', async () => {
    await reader.open(host.url);
    expect(new URL(browser.page.url()).hash).toBe('');
    await reader.feedsNav.getByText('No feeds yet').waitFor();
  });

  it('adds a feed by URL and lists its three articles', async () => {
    await reader.addFeed(`${web.origin}/feed.xml`);
    await reader.feedRow('Harbour Trade Notes').waitFor();
    await expect.poll(() => reader.articleRows().count()).toBe(3);
    expect(await reader.feedRow('Harbour Trade Notes').getByLabel('3 unread').count()).toBe(1);
    expect(await reader.feedUrlInput.inputValue()).toBe('');
  });

  it('opens an article, shows its title, text and resolved link, and marks it read', async () => {
    const title = 'Port congestion eases at the northern terminals';
    expect(await reader.unreadDot(title).count()).toBe(1);
    await reader.openArticle(title);

    await expect.poll(() => reader.readerTitle().textContent()).toBe(title);
    expect(await reader.reader.textContent()).toContain('Waiting times for container ships');
    expect(await reader.reader.textContent()).toContain('Harbour Trade Notes');
    // The item's link was relative; the library resolves it against the feed.
    const link = reader.readerLink();
    expect(await link.getAttribute('href')).toBe(`${web.origin}/notes/port-congestion`);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');

    await expect.poll(() => reader.unreadDot(title).count()).toBe(0);
    expect(await reader.articlesPane.getByRole('img', { name: 'Unread' }).count()).toBe(2);
    await expect.poll(() => reader.feedRow('Harbour Trade Notes').getByLabel('2 unread').count()).toBe(1);
  });

  it('says in plain words when a URL is a page without a feed', async () => {
    await reader.addFeed(`${web.origin}/page.html`);
    await reader.addFeedError.waitFor();
    const message = (await reader.addFeedError.textContent()) ?? '';
    expect(message).toContain('Could not add this feed.');
    expect(message).toContain(`${web.origin}/page.html`);
    expect(message).toMatch(/no feed|not a feed/i);
    // Plain words: the call name that prefixes the library's message is for logs, not people.
    expect(message).not.toContain('feeds:add');
    expect(await reader.feedUrlInput.getAttribute('aria-invalid')).toBe('true');
  });

  it('refreshes with a progress line and leaves a screenshot', async () => {
    await reader.refreshButton.click();
    await expect.poll(() => reader.refreshStatus.textContent()).toMatch(/^Refreshed 1 feed/);
    await mkdir(resultsDir, { recursive: true });
    await reader.screenshot(join(resultsDir, 'spine.png'));
  });
});
