import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayloadOf } from '../../../electron/shared/contract.ts';
import type { OfflineEvent } from '../../../electron/shared/model.ts';
import { openLibrary, type Library } from '../../../electron/core/Library.ts';
import { CLIPPED_FEED_URL } from '../../../electron/core/offline/clipPage.ts';
import { attempt, call } from '../../support/callHandlers.ts';
import { expectFailure } from '../../support/expectFailure.ts';
import { rssFeed, serve, startFixtureServer, type FixtureServer } from '../../support/startFixtureServer.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import { GIF_1X1, pngImage } from '../../unit/extract/images/imageFixtures.ts';
import { articlePage, paragraphsAbout } from './offlinePages.ts';

const CHART = pngImage({ width: 40, height: 30, color: [200, 40, 40] });
const CHART_SMALL = pngImage({ width: 8, height: 6, color: [10, 200, 10] });
const PHOTO = pngImage({ width: 20, height: 20, color: [10, 10, 200] });
const IMAGE_FILE = /^[0-9a-f]{64}\.(png|jpg|gif|webp|avif)$/;

let server: FixtureServer;
let temp: ReturnType<typeof createTempDirectory>;
let library: Library;
let now: Date;
let events: { name: EventName; payload: unknown }[];

const storyOne = articlePage({
  title: 'Gallium export licences tightened',
  byline: 'Ana Reyes',
  published: '2025-09-07T07:30:00Z',
  paragraphs: paragraphsAbout('gallium', 6),
  figures: [
    '<figure><img src="/img/chart-small.png" srcset="/img/chart-small.png 320w, /img/chart.png 1200w" alt="Exports chart"><figcaption>Exports by month</figcaption></figure>',
    '<img src="/pixel.gif" width="1" height="1" alt="">',
    '<img src="/img/map.png" alt="Map of mines">',
  ],
});
const storyTwo = articlePage({
  title: 'Potash prices ease',
  paragraphs: paragraphsAbout('potash', 5),
  // The same picture under another address: stored once.
  figures: ['<img src="/img/chart-copy.png" alt="Same chart">', '<img src="/img/photo.png" alt="Port">'],
});

function shortFeed(): string {
  return rssFeed('Wire Test', [
    { guid: 's-1', title: 'Gallium export licences tightened', link: '/story/1', body: '<p>Licences tightened.</p>' },
    { guid: 's-2', title: 'Potash prices ease', link: '/story/2', body: '<p>Potash eased.</p>' },
    { guid: 's-3', title: 'Neodymium curbs', link: '/story/3', body: '<p>Curbs on magnets.</p>' },
  ]);
}

function longFeed(): string {
  const body = `<p>${paragraphsAbout('copper', 8).join('</p><p>')}</p>`;
  return rssFeed('Full Wire', [
    { guid: 'l-1', title: 'Copper stocks build', link: '/long/1', body },
    { guid: 'l-2', title: 'Copper output rises', link: '/long/2', body },
  ]);
}

async function articleByUrl(path: string) {
  const page = await call(library, 'articles:list', { limit: 100 });
  const summary = page.items.find((item) => item.url === server.url(path));
  if (summary === undefined) throw new Error(`no article for ${path}`);
  return call(library, 'articles:get', { id: summary.id });
}

function imageFiles(): string[] {
  const root = join(temp.path, 'images');
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  return names.flatMap((shard) => readdirSync(join(root, shard)).filter((name) => IMAGE_FILE.test(name)));
}

function offlineEvents(): OfflineEvent[] {
  return events.filter((event) => event.name === 'offline:progress').map((event) => event.payload as OfflineEvent);
}

beforeEach(async () => {
  // A server per test: its request counts are this test's.
  server = await startFixtureServer();
  server.route('/feed.xml', serve(shortFeed(), 'application/rss+xml'));
  server.route('/long.xml', serve(longFeed(), 'application/rss+xml'));
  server.route('/story/1', serve(storyOne, 'text/html; charset=utf-8'));
  server.route('/story/2', serve(storyTwo, 'text/html; charset=utf-8'));
  server.route('/story/3', (_request, response) => {
    response.writeHead(500, { 'content-type': 'text/plain' }).end('down');
  });
  server.route('/img/chart.png', serve(CHART, 'image/png'));
  server.route('/img/chart-copy.png', serve(CHART, 'image/png'));
  server.route('/img/chart-small.png', serve(CHART_SMALL, 'image/png'));
  server.route('/img/photo.png', serve(PHOTO, 'image/png'));
  server.route('/pixel.gif', serve(GIF_1X1, 'image/gif'));
  server.route('/img/map.png', (_request, response) => {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('gone');
  });
  temp = createTempDirectory('offline');
  now = new Date('2025-09-08T00:00:00Z');
  library = await openLibrary({
    dataDir: temp.path,
    clock: () => now,
    extractWorkers: 1,
    fetchOptions: { totalTimeoutMs: 3000, connectTimeoutMs: 1000 },
  });
  events = [];
  library.events.subscribe(<Name extends EventName>(name: Name, payload: EventPayloadOf<Name>) => {
    events.push({ name, payload });
  });
});

afterEach(async () => {
  await library.close();
  await server.close();
  temp.dispose();
});

describe('full text for feeds of teasers', () => {
  it('turns full text on for a feed of short items, extracts each page and caches its images', async () => {
    const added = await call(library, 'feeds:add', { url: server.url('/feed.xml') });
    expect(added.feed.fullText).toBe('on');
    expect(added.offline).not.toBeNull();
    expect(added.offline?.pagesFetched).toBe(2);

    const one = await articleByUrl('/story/1');
    expect(one.offline.page).toBe('ok');
    expect(one.text).toContain('Paragraph 6 on gallium');
    // The page's lists and chrome are gone; the feed's teaser is replaced by the article.
    expect(one.text).not.toContain('Copper slides');
    expect(one.text).not.toContain('Markets');
    expect(one.author).toBe('Ana Reyes');
    expect(one.siteName).toBe('Wire Test');
    // No image of the stored article points at the network: cached, or a placeholder with the reason.
    expect(one.contentHtml).not.toMatch(/<img[^>]*src="http/);
    expect(one.contentHtml).toMatch(/<img src="offprint-image:\/\/[0-9a-f]{64}\.png" alt="Exports chart"/);
    expect(one.contentHtml).toContain('data-offprint-missing="http-404"');
    // The tracking pixel is dropped, not shown as a placeholder.
    expect(one.contentHtml).not.toContain('pixel');
    expect(one.offline.imagesCached).toBe(1);
    expect(one.offline.imagesMissing).toEqual([
      { url: server.url('/img/map.png'), reason: expect.stringMatching(/map\.png.*404/) as unknown },
    ]);
    expect(one.offlineReady).toBe(false);
    // srcset: the 1200w candidate, never the small fallback.
    expect(server.hits('/img/chart.png')).toBe(1);
    expect(server.hits('/img/chart-small.png')).toBe(0);

    const two = await articleByUrl('/story/2');
    expect(two.offlineReady).toBe(true);
    expect(two.offline.imagesCached).toBe(2);
    // The chart under two addresses is one file: chart and photo, nothing else.
    expect(imageFiles()).toHaveLength(2);
    const chartSource = /offprint-image:\/\/([0-9a-f]{64})\.png/.exec(one.contentHtml ?? '')?.[1];
    expect(two.contentHtml).toContain(`offprint-image://${chartSource ?? 'missing'}.png`);

    // The stored file is the served bytes.
    const stored = await library.images.read(chartSource ?? '');
    expect(stored?.bytes.equals(CHART)).toBe(true);
  });

  it('keeps the summary of a page that fails, says why, and retries it after the back-off', async () => {
    await call(library, 'feeds:add', { url: server.url('/feed.xml') });
    const failed = await articleByUrl('/story/3');
    expect(failed.offline.page).toBe('failed');
    expect(failed.offline.pageError).toMatch(/\/story\/3.*500/);
    expect(failed.text).toBe('Curbs on magnets.');
    expect(failed.offlineReady).toBe(false);
    expect(server.hits('/story/3')).toBe(1);

    server.route(
      '/story/3',
      serve(articlePage({ title: 'Neodymium curbs', paragraphs: paragraphsAbout('magnets', 4) }), 'text/html'),
    );
    // Too soon: the back-off has not passed, so a refresh leaves the page alone.
    await call(library, 'feeds:refresh', {});
    expect(server.hits('/story/3')).toBe(1);

    now = new Date(now.getTime() + 16 * 60_000);
    const report = await call(library, 'feeds:refresh', {});
    expect(report.offline?.pagesFetched).toBe(1);
    const fixed = await articleByUrl('/story/3');
    expect(fixed.offline.page).toBe('ok');
    expect(fixed.text).toContain('Paragraph 4 on magnets');
    expect(fixed.offlineReady).toBe(true);
  });

  it('leaves a feed of whole articles alone: full text off, no page requested', async () => {
    const added = await call(library, 'feeds:add', { url: server.url('/long.xml') });
    expect(added.feed.fullText).toBe('off');
    expect(server.hits('/long/1') + server.hits('/long/2')).toBe(0);
    const page = await call(library, 'articles:list', { feedId: added.feed.id });
    expect(page.items.every((item) => item.offlineReady)).toBe(true);
  });

  it('lets the user turn full text on or off per feed', async () => {
    const added = await call(library, 'feeds:add', { url: server.url('/long.xml') });
    const updated = await call(library, 'feeds:update', { feedId: added.feed.id, fullText: 'on' });
    expect(updated.fullText).toBe('on');
    expect((await call(library, 'feeds:list', {}))[0]?.fullText).toBe('on');
    // On: the stored articles' pages are wanted now, so they are not offline-ready until fetched.
    let page = await call(library, 'articles:list', { feedId: added.feed.id });
    expect(page.items.map((item) => item.offlineReady)).toEqual([false, false]);
    await call(library, 'feeds:update', { feedId: added.feed.id, fullText: 'off' });
    expect((await call(library, 'feeds:list', {}))[0]?.fullText).toBe('off');
    page = await call(library, 'articles:list', { feedId: added.feed.id });
    expect(page.items.map((item) => item.offlineReady)).toEqual([true, true]);
    // Nothing was fetched for either change: the next pass would do that.
    expect(server.hits('/long/1') + server.hits('/long/2')).toBe(0);
    expectFailure(
      await attempt(library, 'feeds:update', { feedId: 999, fullText: 'on' }),
      'not-found',
      /no feed with id 999/,
    );
    expectFailure(
      await attempt(library, 'feeds:update', { feedId: added.feed.id, fullText: 'sometimes' }),
      'bad-request',
      /fullText/,
    );
  });
});

describe('offline:prepare', () => {
  it('retries what failed for the selection, with progress events, and reports what is still missing', async () => {
    await call(library, 'feeds:add', { url: server.url('/feed.xml') });
    server.route('/img/map.png', serve(PHOTO, 'image/png'));
    events = [];
    const report = await call(library, 'offline:prepare', {});
    // Story 1's missing map now downloads; story 3's page still fails.
    expect(report.total).toBe(3);
    expect(report.ready).toBe(2);
    expect(report.cancelled).toBe(false);
    expect(report.failures).toEqual([
      expect.objectContaining({
        stage: 'page',
        url: server.url('/story/3'),
        reason: expect.stringMatching(/500/) as unknown,
      }),
    ]);
    expect((await articleByUrl('/story/1')).offlineReady).toBe(true);
    // Only the missing image was asked for again: the chart was already on disk.
    expect(server.hits('/img/chart.png')).toBe(1);
    expect(server.hits('/img/map.png')).toBe(2);

    const progress = offlineEvents();
    expect(progress[0]).toEqual({ kind: 'started', total: 2 });
    const steps = progress.filter((event) => event.kind === 'article');
    expect(steps.map((step) => step.done)).toEqual([1, 2]);
    expect(steps.at(-1)).toMatchObject({ total: 2, failed: 1 });
    expect(progress.at(-1)).toEqual({ kind: 'finished', report });
  });

  it('limits the work to saved articles and to a date', async () => {
    await call(library, 'feeds:add', { url: server.url('/feed.xml') });
    const failed = await articleByUrl('/story/3');
    await call(library, 'articles:setSaved', { id: failed.id, saved: true });
    const saved = await call(library, 'offline:prepare', { saved: true });
    expect(saved.total).toBe(1);
    expect(server.hits('/story/3')).toBe(2);
    const future = await call(library, 'offline:prepare', { since: '2030-01-01T00:00:00Z' });
    expect(future.total).toBe(0);
    expect(server.hits('/story/3')).toBe(2);
    expectFailure(await attempt(library, 'offline:prepare', { since: 'last week' }), 'bad-request', /since/);
  });

  it('stops on offline:cancel, keeping what is done, and says it was cancelled', async () => {
    await call(library, 'feeds:add', { url: server.url('/long.xml') });
    const feeds = await call(library, 'feeds:list', {});
    const feedId = feeds[0]?.id ?? 0;
    await call(library, 'feeds:update', { feedId, fullText: 'on' });
    // Pages that answer slowly: the pass is still busy when cancel arrives.
    const slow = articlePage({ title: 'Slow', paragraphs: paragraphsAbout('copper', 12) });
    for (const path of ['/long/1', '/long/2']) {
      server.route(path, (_request, response) => {
        setTimeout(() => response.writeHead(200, { 'content-type': 'text/html' }).end(slow), 1500);
      });
    }
    const articles = await call(library, 'articles:list', { feedId });
    await call(library, 'articles:markRead', { ids: articles.items.map((item) => item.id), read: true });
    const running = call(library, 'offline:prepare', { feedIds: [feedId] });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await call(library, 'offline:cancel', {})).toEqual({ cancelled: true });
    const report = await running;
    expect(report.cancelled).toBe(true);
    expect(report.pagesFetched).toBe(0);
    expect(offlineEvents().at(-1)).toMatchObject({ kind: 'finished' });
    expect(await call(library, 'offline:cancel', {})).toEqual({ cancelled: false });
  });
});

describe('articles:clip', () => {
  it('stores a page by URL under "Clipped", with its images, and updates it when clipped again', async () => {
    const clipped = await call(library, 'articles:clip', { url: server.url('/story/2') });
    expect(clipped.article.feedTitle).toBe('Clipped');
    expect(clipped.article.title).toBe('Potash prices ease');
    expect(clipped.article.offlineReady).toBe(true);
    expect(clipped.imagesMissing).toEqual([]);
    const article = await call(library, 'articles:get', { id: clipped.article.id });
    expect(article.text).toContain('Paragraph 5 on potash');
    expect(article.contentHtml).toMatch(/offprint-image:\/\/[0-9a-f]{64}\.png/);

    const again = await call(library, 'articles:clip', { url: server.url('/story/2') });
    expect(again.article.id).toBe(clipped.article.id);
    const clippedFeed = library.store.reader.findFeedByUrl(CLIPPED_FEED_URL);
    expect(clippedFeed).not.toBeNull();
    expect((await call(library, 'articles:list', { feedId: clippedFeed?.id ?? 0 })).total).toBe(1);
    // Clipped is not a feed: refreshing never fetches it.
    expect((await call(library, 'feeds:refresh', {})).feeds).toEqual([]);
    expect((await call(library, 'feeds:list', {})).map((feed) => [feed.title, feed.kind])).toEqual([
      ['Clipped', 'import'],
    ]);
    expectFailure(
      await attempt(library, 'feeds:update', { feedId: clippedFeed?.id ?? 0, fullText: 'on' }),
      'bad-request',
      /imported or clipped articles and is never fetched/,
    );
  });

  it('stores a local HTML file, its address taken from the page, and reports images it could not save', async () => {
    const html = articlePage({
      title: 'Saved from the browser',
      paragraphs: paragraphsAbout('rare earths', 4),
      figures: ['<img src="/img/map.png" alt="Map">'],
    }).replace('<head>', `<head><link rel="canonical" href="${server.url('/saved/page')}">`);
    const file = join(temp.path, 'page.html');
    writeFileSync(file, html);
    const clipped = await call(library, 'articles:clip', { html, fileName: 'page.html' });
    expect(clipped.article.url).toBe(server.url('/saved/page'));
    expect(clipped.article.offlineReady).toBe(false);
    expect(clipped.imagesMissing).toEqual([
      { url: server.url('/img/map.png'), reason: expect.stringMatching(/404/) as unknown },
    ]);
    expect(statSync(file).size).toBeGreaterThan(0);
  });

  it('explains bad input: not HTML, a missing page, an unreachable host, a bad URL, an index page', async () => {
    server.route('/report.pdf', serve(Buffer.from('%PDF-1.7\n'), 'application/pdf'));
    expectFailure(
      await attempt(library, 'articles:clip', { url: server.url('/report.pdf') }),
      'feed-error',
      /report\.pdf.*application\/pdf, not an HTML page/,
    );
    expectFailure(
      await attempt(library, 'articles:clip', { url: server.url('/nothing') }),
      'feed-error',
      /nothing.*404/,
    );
    const closedPort = await freePort();
    expectFailure(
      await attempt(library, 'articles:clip', { url: `http://127.0.0.1:${closedPort}/x` }),
      'feed-error',
      new RegExp(`127\\.0\\.0\\.1:${closedPort}`),
    );
    expectFailure(
      await attempt(library, 'articles:clip', { url: 'ftp://example.test/x' }),
      'bad-request',
      /http or https/,
    );
    server.route(
      '/index',
      serve(
        `<html><body><ul>${Array.from({ length: 30 }, (_, index) => `<li><a href="/s/${index}">Headline number ${index} about metals</a></li>`).join('')}</ul></body></html>`,
        'text/html',
      ),
    );
    expectFailure(
      await attempt(library, 'articles:clip', { url: server.url('/index') }),
      'feed-error',
      /no article found/,
    );
  });
});

/** A port nothing listens on: bound, then released. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => {
    probe.close(() => {
      resolve();
    });
  });
  if (address === null || typeof address === 'string') throw new Error('freePort: no port');
  return address.port;
}
