import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayloadOf } from '../../../electron/shared/contract.ts';
import { dispatchCall } from '../../../electron/shared/dispatch.ts';
import { openLibrary, type Library } from '../../../electron/core/Library.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import { expectFailure } from '../../support/expectFailure.ts';
import {
  rssFeed,
  serve,
  startFixtureServer,
  type FixtureItem,
  type FixtureServer,
} from '../../support/startFixtureServer.ts';

const stories: [FixtureItem, ...FixtureItem[]] = [
  {
    guid: 'w-1',
    title: 'Gallium export licences tightened',
    link: '/articles/1',
    body: '<p>Licences for <b>gallium</b> exports.</p>',
  },
  {
    guid: 'w-2',
    title: 'Potash prices ease',
    link: '/articles/2',
    body: '<p>Potash eased.</p><script>alert(1)</script>',
  },
  {
    guid: 'w-3',
    title: 'Neodymium magnets: new curbs',
    link: '/articles/3',
    body: '<p onclick="x()">Curbs on magnets.</p>',
    categories: ['rare earths'],
  },
];

let server: FixtureServer;
let temp: ReturnType<typeof createTempDirectory>;
let library: Library;
let events: { name: EventName; payload: unknown }[];

beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  temp = createTempDirectory('ingest');
  library = await openLibrary({
    dataDir: temp.path,
    fetchOptions: { totalTimeoutMs: 1500, connectTimeoutMs: 1000, maxBytes: 256 * 1024 },
  });
  events = [];
  library.events.subscribe(<Name extends EventName>(name: Name, payload: EventPayloadOf<Name>) => {
    events.push({ name, payload });
  });
});
afterEach(async () => {
  await library.close();
  temp.dispose();
});

async function call(name: Parameters<typeof dispatchCall>[1], payload: unknown) {
  return dispatchCall(library.handlers, name, payload);
}

function feedWithEtag(body: string, etag: string) {
  return serve(body, 'application/rss+xml; charset=utf-8', { etag });
}

describe('subscribe and refresh against a local server', () => {
  it('adds a feed, stores its items sanitized, and answers 304s with not-modified', async () => {
    const xml = rssFeed(
      'Example Wire',
      stories.map((story) => ({ ...story, link: server.url(story.link) })),
    );
    server.route('/wire.xml', (request, response) => {
      if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
      feedWithEtag(xml, '"v1"')(request, response);
    });
    const added = await call('feeds:add', { url: server.url('/wire.xml') });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    const { feed, refresh } = added.value as {
      feed: { id: number; title: string };
      refresh: { newCount: number; status: string };
    };
    expect(feed.title).toBe('Example Wire');
    expect(refresh).toMatchObject({ status: 'ok', newCount: 3 });

    const list = await call('articles:list', { feedId: feed.id });
    if (!list.ok) throw new Error(list.error.message);
    const page = list.value as { total: number; items: { id: string; title: string }[] };
    expect(page.total).toBe(3);
    const potash = page.items.find((item) => item.title === 'Potash prices ease');
    const article = await call('articles:get', { id: potash?.id });
    if (!article.ok) throw new Error(article.error.message);
    const stored = article.value as { contentHtml: string; text: string; url: string };
    expect(stored.contentHtml).not.toMatch(/script|alert/);
    expect(stored.text).toBe('Potash eased.');
    expect(stored.url).toBe(server.url('/articles/2'));
    const magnets = page.items.find((item) => item.title.startsWith('Neodymium'));
    const magnetArticle = await call('articles:get', { id: magnets?.id });
    if (!magnetArticle.ok) throw new Error(magnetArticle.error.message);
    expect((magnetArticle.value as { contentHtml: string }).contentHtml).not.toMatch(/onclick/);
    expect((magnetArticle.value as { categories: string[] }).categories).toEqual(['rare earths']);

    const second = await call('feeds:refresh', {});
    if (!second.ok) throw new Error(second.error.message);
    const report = second.value as { feeds: { status: string; newCount: number }[] };
    expect(report.feeds).toEqual([expect.objectContaining({ status: 'not-modified', newCount: 0 })]);
    expect(events.map((event) => event.name)).toContain('ingest:progress');
  });

  it('subscribes to the feed a web page advertises', async () => {
    server.route(
      '/feeds/news.xml',
      serve(
        rssFeed(
          'Discovered Wire',
          stories.slice(0, 1).map((story) => ({ ...story, link: server.url(story.link) })),
        ),
        'application/rss+xml',
      ),
    );
    server.route(
      '/home',
      serve(
        '<html><head><title>Home</title><link rel="alternate" type="application/rss+xml" href="/feeds/news.xml"></head><body>Hi</body></html>',
        'text/html; charset=utf-8',
      ),
    );
    const added = await call('feeds:add', { url: server.url('/home') });
    if (!added.ok) throw new Error(added.error.message);
    expect(added.value).toMatchObject({
      discoveredFrom: server.url('/home'),
      feed: { url: server.url('/feeds/news.xml'), title: 'Discovered Wire' },
    });
  });

  it('refuses a page without a feed, and a second subscription to the same feed, in plain words', async () => {
    server.route('/plain', serve('<html><head><title>No feed</title></head><body>nothing</body></html>', 'text/html'));
    const noFeed = await call('feeds:add', { url: server.url('/plain') });
    expectFailure(noFeed, 'feed-error', /is a web page that advertises no feed/);

    server.route('/once.xml', serve(rssFeed('Once', []), 'application/rss+xml'));
    expect((await call('feeds:add', { url: server.url('/once.xml') })).ok).toBe(true);
    const again = await call('feeds:add', { url: server.url('/once.xml') });
    expectFailure(again, 'conflict', /already subscribed/);
    expect(((await call('feeds:list', {})) as { value: unknown[] }).value).toHaveLength(1);
  });

  it('reports each failing feed with a clear message while the others proceed and stored articles stay', async () => {
    let failing = false;
    server.route('/flaky.xml', (request, response) => {
      if (failing) return void response.writeHead(503, { 'retry-after': '7200' }).end('busy');
      serve(
        rssFeed(
          'Flaky',
          stories.map((story) => ({ ...story, link: server.url(story.link) })),
        ),
        'application/rss+xml',
      )(request, response);
    });
    server.route(
      '/gzip.xml',
      serve(
        gzipSync(
          rssFeed(
            'Zipped',
            stories.slice(0, 2).map((story) => ({ ...story, link: server.url(story.link) })),
          ),
        ),
        'application/rss+xml',
        { 'content-encoding': 'gzip' },
      ),
    );
    const flaky = await call('feeds:add', { url: server.url('/flaky.xml') });
    const zipped = await call('feeds:add', { url: server.url('/gzip.xml') });
    if (!flaky.ok || !zipped.ok) throw new Error('setup failed');
    const flakyId = (flaky.value as { feed: { id: number } }).feed.id;

    failing = true;
    server.route('/huge.xml', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(
        `<rss version="2.0"><channel><title>Huge</title>${'<item><title>x</title></item>'.repeat(20_000)}</channel></rss>`,
      );
    });
    server.route('/html-error.xml', serve('<html><body><h1>Maintenance</h1></body></html>', 'text/xml'));
    server.route('/gone.xml', (_request, response) => void response.writeHead(410).end());
    // Subscribed through OPML so that no first fetch happens before the refresh.
    const opml = `<opml version="2.0"><body>
      <outline text="Huge" xmlUrl="${server.url('/huge.xml')}"/>
      <outline text="Broken" xmlUrl="${server.url('/html-error.xml')}"/>
      <outline text="Gone" xmlUrl="${server.url('/gone.xml')}"/>
    </body></opml>`;
    const imported = await call('opml:import', { content: opml });
    expect(imported).toMatchObject({ ok: true, value: { added: [{}, {}, {}], problems: [] } });

    const refreshed = await call('feeds:refresh', {});
    if (!refreshed.ok) throw new Error(refreshed.error.message);
    const results = (
      refreshed.value as {
        feeds: { url: string; status: string; errorCode: string | null; errorMessage: string | null }[];
      }
    ).feeds;
    const byPath = (path: string) => results.find((result) => result.url === server.url(path));
    expect(byPath('/gzip.xml')).toMatchObject({ status: 'ok' });
    expect(byPath('/flaky.xml')).toMatchObject({ status: 'error', errorCode: 'http-503' });
    expect(byPath('/flaky.xml')?.errorMessage).toMatch(new RegExp(`^feed ${flakyId}: .*503`));
    expect(byPath('/huge.xml')).toMatchObject({ status: 'error', errorCode: 'too-large' });
    expect(byPath('/huge.xml')?.errorMessage).toMatch(/^feed \d+: .*huge\.xml.*limit/);
    expect(byPath('/html-error.xml')).toMatchObject({ status: 'error', errorCode: 'not-a-feed' });
    expect(byPath('/gone.xml')).toMatchObject({ status: 'error', errorCode: 'http-410' });

    // The flaky feed's three articles survive its failure; it backs off at least as long as Retry-After asked.
    const listed = await call('articles:list', { feedId: flakyId });
    expect((listed as { value: { total: number } }).value.total).toBe(3);
    const feeds = (await call('feeds:list', {})) as {
      value: { id: number; lastStatus: string; errorCount: number; nextFetchAt: string; lastError: string }[];
    };
    const flakyFeed = feeds.value.find((feed) => feed.id === flakyId);
    expect(flakyFeed).toMatchObject({ lastStatus: 'error', errorCount: 1 });
    expect(Date.parse(flakyFeed?.nextFetchAt ?? '') - Date.now()).toBeGreaterThan(7000 * 1000);
  });

  it('updates a changed item in place and keeps read and saved state', async () => {
    let title = 'Gallium export licences tightened';
    server.route('/changing.xml', (request, response) => {
      serve(rssFeed('Changing', [{ ...stories[0], title, link: server.url('/articles/1') }]), 'application/rss+xml')(
        request,
        response,
      );
    });
    const added = await call('feeds:add', { url: server.url('/changing.xml') });
    if (!added.ok) throw new Error(added.error.message);
    const feedId = (added.value as { feed: { id: number } }).feed.id;
    const page = (await call('articles:list', { feedId })) as { value: { items: { id: string }[] } };
    const id = page.value.items[0]?.id ?? '';
    events = [];
    await call('articles:markRead', { ids: [id], read: true });
    // Reading changes flags only: the event says so, so an open reader need not reload the article.
    expect(events).toEqual([{ name: 'library:changed', payload: { reason: 'read', feedIds: [] } }]);
    await call('articles:setSaved', { id, saved: true });

    title = 'Gallium export licences tightened again';
    const refreshed = (await call('feeds:refresh', { feedIds: [feedId] })) as {
      value: { feeds: { updatedCount: number; newCount: number }[] };
    };
    expect(refreshed.value.feeds[0]).toMatchObject({ updatedCount: 1, newCount: 0 });
    const article = (await call('articles:get', { id })) as {
      value: { title: string; read: boolean; saved: boolean; updatedAt: string | null };
    };
    expect(article.value).toMatchObject({ title, read: true, saved: true });
    expect(article.value.updatedAt).not.toBeNull();
  });
});

describe('encodings, redirects and slow servers end to end', () => {
  it('stores a windows-1252 feed with its smart quotes intact', async () => {
    const xml = Buffer.concat([
      Buffer.from(
        '<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>Caf\xe9 Wire</title>',
        'latin1',
      ),
      Buffer.from(
        '<item><guid>q</guid><title>\x93Quoted\x94 \x96 en dash</title><description>\x85</description></item>',
        'latin1',
      ),
      Buffer.from('</channel></rss>', 'latin1'),
    ]);
    server.route('/cp1252.xml', serve(xml, 'application/rss+xml'));
    const added = await call('feeds:add', { url: server.url('/cp1252.xml') });
    if (!added.ok) throw new Error(added.error.message);
    const { feed } = added.value as { feed: { id: number; title: string } };
    expect(feed.title).toBe('Café Wire');
    const page = (await call('articles:list', { feedId: feed.id })) as { value: { items: { title: string }[] } };
    expect(page.value.items.map((item) => item.title)).toEqual(['\u201cQuoted\u201d \u2013 en dash']);
  });

  it('follows redirects to the feed', async () => {
    server.route('/old-feed', (_request, response) => {
      response.writeHead(301, { location: '/moved-feed' }).end();
    });
    server.route('/moved-feed', (_request, response) => {
      response.writeHead(302, { location: server.url('/final-feed.xml') }).end();
    });
    server.route('/final-feed.xml', serve(rssFeed('Moved Wire', [stories[0]]), 'application/rss+xml'));
    const added = await call('feeds:add', { url: server.url('/old-feed') });
    if (!added.ok) throw new Error(added.error.message);
    expect(added.value).toMatchObject({ feed: { title: 'Moved Wire' }, refresh: { status: 'ok', newCount: 1 } });
  });

  it('gives up on a server that drips its body, with a timeout status, keeping the feed', async () => {
    let dripping = false;
    const timers = new Set<NodeJS.Timeout>();
    const whole = serve(rssFeed('Drip Wire', [stories[0]]), 'application/rss+xml');
    server.route('/drip.xml', (request, response) => {
      if (!dripping) {
        whole(request, response);
        return;
      }
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => response.write(' '), 200);
      timers.add(timer);
      response.on('close', () => {
        clearInterval(timer);
      });
    });
    const added = await call('feeds:add', { url: server.url('/drip.xml') });
    if (!added.ok) throw new Error(added.error.message);
    const feedId = (added.value as { feed: { id: number } }).feed.id;
    dripping = true;
    const refreshed = (await call('feeds:refresh', { feedIds: [feedId] })) as {
      value: { feeds: { status: string; errorCode: string; errorMessage: string }[] };
    };
    for (const timer of timers) clearInterval(timer);
    expect(refreshed.value.feeds[0]).toMatchObject({ status: 'error', errorCode: 'timeout' });
    expect(refreshed.value.feeds[0]?.errorMessage).toMatch(new RegExp(`^feed ${feedId}: GET .*drip\\.xml`));
    expect(((await call('articles:list', { feedId })) as { value: { total: number } }).value.total).toBe(1);
  });
});

describe('contract errors', () => {
  it('names the call and the value for unknown ids and bad payloads', async () => {
    expect(await call('articles:get', { id: 'nope' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'articles:get: no article with id nope' },
    });
    expect(await call('feeds:remove', { feedId: 42 })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'feeds:remove: no feed with id 42' },
    });
    expectFailure(await call('feeds:add', { url: 'ftp://x.test/feed' }), 'bad-request', /^feeds:add: invalid url/);
    expect(await call('articles:list', { limit: 10_000 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
