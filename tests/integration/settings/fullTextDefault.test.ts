import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary, type Library } from '../../../electron/core/Library.ts';
import { call } from '../../support/callHandlers.ts';
import { rssFeed, serve, startFixtureServer, type FixtureServer } from '../../support/startFixtureServer.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import { articlePage, paragraphsAbout } from '../offline/offlinePages.ts';

/** Teasers: on `auto`, a feed like this is switched to full text by its first fetch. */
const TEASERS = rssFeed('Teaser Wire', [
  { guid: 't-1', title: 'Gallium licences', link: '/story/1', body: '<p>Licences tightened.</p>' },
  { guid: 't-2', title: 'Potash eases', link: '/story/2', body: '<p>Potash eased.</p>' },
]);
/** Whole articles: on `auto`, a feed like this keeps its own content. */
const LONG = rssFeed('Long Wire', [
  {
    guid: 'l-1',
    title: 'Copper stocks build',
    link: '/story/1',
    body: `<p>${paragraphsAbout('copper', 8).join('</p><p>')}</p>`,
  },
]);
const PAGE = articlePage({ title: 'Gallium licences', paragraphs: paragraphsAbout('gallium', 6) });

let temp: ReturnType<typeof createTempDirectory>;
let server: FixtureServer;
let library: Library;

beforeEach(async () => {
  temp = createTempDirectory('full-text-default');
  server = await startFixtureServer({
    '/teasers.xml': serve(TEASERS, 'application/rss+xml'),
    '/long.xml': serve(LONG, 'application/rss+xml'),
    '/story/1': serve(PAGE, 'text/html'),
    '/story/2': serve(PAGE, 'text/html'),
  });
  library = await openLibrary({ dataDir: temp.path });
});
afterEach(async () => {
  await library.close();
  await server.close();
  temp.dispose();
});

describe('the fullTextDefault setting: what a feed subscribed to now asks for', () => {
  it('auto (the default) decides from the first fetch', async () => {
    expect((await call(library, 'feeds:add', { url: server.url('/teasers.xml') })).feed.fullText).toBe('on');
    expect((await call(library, 'feeds:add', { url: server.url('/long.xml') })).feed.fullText).toBe('off');
  });

  it("off: a teaser feed keeps its summaries and no article's page is fetched", async () => {
    await call(library, 'settings:update', { fullTextDefault: 'off' });
    const added = await call(library, 'feeds:add', { url: server.url('/teasers.xml') });
    expect(added.feed.fullText).toBe('off');
    expect(server.hits('/story/1')).toBe(0);
    expect(server.hits('/story/2')).toBe(0);
  });

  it('on: a feed of whole articles still fetches each page', async () => {
    await call(library, 'settings:update', { fullTextDefault: 'on' });
    const added = await call(library, 'feeds:add', { url: server.url('/long.xml') });
    expect(added.feed.fullText).toBe('on');
    expect(server.hits('/story/1')).toBe(1);
  });

  it('applies to the feeds an OPML import subscribes to', async () => {
    await call(library, 'settings:update', { fullTextDefault: 'off' });
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
      <outline type="rss" text="Teasers" xmlUrl="${server.url('/teasers.xml')}"/></body></opml>`;
    const report = await call(library, 'opml:import', { content: opml });
    expect(report.added.map((feed) => feed.fullText)).toEqual(['off']);
  });
});

describe('the refreshMinutes setting: when a healthy feed is next due', () => {
  it('schedules each fetch the setting’s minutes on, read at every fetch', async () => {
    await call(library, 'settings:update', { refreshMinutes: 45 });
    const { feed } = await call(library, 'feeds:add', { url: server.url('/long.xml') });
    const minutesUntilDue = (): number => {
      const fetched = library.store.reader.getFeed(feed.id)?.lastFetchedAt ?? '';
      const due = library.store.reader.getFeedRecord(feed.id)?.nextFetchAt ?? '';
      return Math.round((Date.parse(due) - Date.parse(fetched)) / 60_000);
    };
    expect(minutesUntilDue()).toBe(45);

    await call(library, 'settings:update', { refreshMinutes: 120 });
    await call(library, 'feeds:refresh', { feedIds: [feed.id] });
    expect(minutesUntilDue()).toBe(120);
  });
});
