import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Article, ClipResult, Feed, OfflineReport } from '../../../electron/shared/model.ts';
import { EXIT, parseSince } from '../../../electron/cli/runCli.ts';
import { rssFeed, serve, startFixtureServer, type FixtureServer } from '../../support/startFixtureServer.ts';
import { createOffprint, runOffprint, runOffprintProcess, type OffprintRun } from '../../support/runOffprint.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import { articlePage, paragraphsAbout } from '../offline/offlinePages.ts';

const DAY = 24 * 3_600_000;

let server: FixtureServer;
let temp: ReturnType<typeof createTempDirectory>;
let dataDir: string;
let libraries = 0;

/** Runs the CLI in-process; `interrupt` stands for Ctrl-C (by default it never comes). */
function offprint(args: readonly string[], interrupt?: Promise<void>): Promise<OffprintRun> {
  return runOffprint(dataDir, args, interrupt === undefined ? {} : { untilInterrupted: () => interrupt });
}

const { json } = createOffprint(() => dataDir);

/** A feed of whole articles (full text is decided off), one from yesterday and one from a month ago. */
function wireFeed(): string {
  const body = `<p>${paragraphsAbout('copper', 8).join('</p><p>')}</p>`;
  const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toUTCString();
  return rssFeed('Copper Wire', [
    { guid: 'recent', title: 'Copper stocks build', link: '/story/recent', body, date: daysAgo(1) },
    { guid: 'old', title: 'Copper output rises', link: '/story/old', body, date: daysAgo(30) },
  ]);
}

const recentPage = articlePage({
  title: 'Copper stocks build',
  byline: 'Ana Reyes',
  paragraphs: paragraphsAbout('copper stocks', 14),
});

beforeAll(async () => {
  server = await startFixtureServer({
    '/wire.xml': serve(wireFeed(), 'application/rss+xml'),
    '/story/recent': serve(recentPage, 'text/html; charset=utf-8'),
    '/story/old': serve(articlePage({ title: 'Old', paragraphs: paragraphsAbout('old copper', 14) }), 'text/html'),
    '/clip/potash': serve(
      articlePage({ title: 'Potash prices ease', paragraphs: paragraphsAbout('potash', 5) }),
      'text/html; charset=utf-8',
    ),
    '/report.pdf': serve(Buffer.from('%PDF-1.7\n'), 'application/pdf'),
  });
  temp = createTempDirectory('cli-offline');
});
afterAll(async () => {
  await server.close();
  temp.dispose();
});
beforeEach(() => {
  // A library per test: what one test fetched is not another's to find done.
  libraries += 1;
  dataDir = join(temp.path, `library-${libraries}`);
});
afterEach(() => {
  server.route('/story/recent', serve(recentPage, 'text/html; charset=utf-8'));
});

async function addWire(): Promise<Feed> {
  const added = await json<{ feed: Feed }>('feeds', 'add', server.url('/wire.xml'));
  expect(added.feed.fullText).toBe('off');
  return added.feed;
}

describe('offprint clip', () => {
  it('clips a page by URL into "Clipped", readable offline', async () => {
    const run = await offprint(['clip', server.url('/clip/potash')]);
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toMatch(/^Clipped Potash prices ease \([\w-]{16}\)\n {2}ready offline\n$/);

    const clipped = await json<ClipResult>('clip', server.url('/clip/potash'));
    expect(clipped).toMatchObject({
      article: { title: 'Potash prices ease', feedTitle: 'Clipped', url: server.url('/clip/potash') },
      imagesMissing: [],
    });
    expect(clipped.article.offlineReady).toBe(true);
    expect(run.stdout).toContain(`(${clipped.article.id})`);
    const article = await json<Article>('articles', 'show', clipped.article.id);
    expect(article.text).toContain('Paragraph 5 on potash');
  });

  it('clips a saved file in the charset its <meta> declares', async () => {
    const directory = join(temp.path, 'saved-pages');
    mkdirSync(directory, { recursive: true });
    const page = (title: string, charset: string) =>
      iconv.encode(
        articlePage({ title, paragraphs: paragraphsAbout('café prices', 4) }).replace(
          '<meta charset="utf-8">',
          `<meta charset=${charset}>`,
        ),
        charset,
      );
    // é is one byte, 0xE9, in windows-1252; read as UTF-8 it would be a replacement character.
    writeFileSync(join(directory, 'page.html'), page('Café crème prices', 'windows-1252'));
    // windows-1251 proves the declaration decides: undeclared, these bytes would be read as windows-1252.
    writeFileSync(join(directory, 'cyrillic.html'), page('Цены на медь', 'windows-1251'));

    // As a real process from the file's folder: a relative path is the user's working directory.
    const { stdout } = await runOffprintProcess(dataDir, ['--json', 'clip', './page.html'], { cwd: directory });
    const clipped = JSON.parse(stdout) as ClipResult;
    expect(clipped.article.title).toBe('Café crème prices');
    // A saved file without a canonical link has no address.
    expect(clipped.article.url).toBeNull();
    expect((await json<Article>('articles', 'show', clipped.article.id)).text).toContain('on café prices');

    const cyrillic = await json<ClipResult>('clip', join(directory, 'cyrillic.html'));
    expect(cyrillic.article.title).toBe('Цены на медь');
  });

  it('refuses a PDF with a clear message and a non-zero exit', async () => {
    const run = await offprint(['clip', server.url('/report.pdf')]);
    // Not a usage error: the command was right, the page is not an article.
    expect(run.code).toBe(EXIT.failed);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `offprint: articles:clip: GET ${server.url('/report.pdf')}: answered application/pdf, not an HTML page\n`,
    );
    const asJson = await offprint(['--json', 'clip', server.url('/report.pdf')]);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ ok: false, error: { code: 'feed-error' } });
  });

  it('says which file it could not read', async () => {
    const run = await offprint(['clip', join(temp.path, 'no-such-page.html')]);
    expect(run.code).toBe(EXIT.failed);
    expect(run.stderr).toMatch(/^offprint: clip: cannot read .*no-such-page\.html: ENOENT/);
  });
});

describe('offprint feeds set', () => {
  it('turns full text on and off, and refuses other values as usage errors', async () => {
    const feed = await addWire();
    const on = await offprint(['feeds', 'set', String(feed.id), '--full-text', 'on']);
    expect(on.code).toBe(EXIT.ok);
    expect(on.stdout).toContain('full text on');
    // The stored articles now want their pages.
    const list = await json<{ items: { offlineReady: boolean }[] }>('articles', 'list');
    expect(list.items.map((item) => item.offlineReady)).toEqual([false, false]);

    const off = await json<Feed>('feeds', 'set', String(feed.id), '--full-text', 'off');
    expect(off).toMatchObject({ id: feed.id, title: 'Copper Wire', fullText: 'off' });
    expect((await json<Feed[]>('feeds', 'list'))[0]?.fullText).toBe('off');

    const renamed = await json<Feed>('feeds', 'set', String(feed.id), '--title', 'Copper', '--folder', 'Metals');
    expect(renamed).toMatchObject({ title: 'Copper', folder: 'Metals', fullText: 'off' });

    const bad = await offprint(['feeds', 'set', String(feed.id), '--full-text', 'sometimes']);
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toBe('offprint: --full-text must be on or off, got "sometimes"\n');
    const nothing = await offprint(['feeds', 'set', String(feed.id)]);
    expect(nothing.code).toBe(EXIT.usage);
    expect(nothing.stderr).toContain('feeds set needs --full-text, --folder or --title');
    const unknown = await offprint(['feeds', 'set', '999', '--full-text', 'on']);
    expect(unknown.code).toBe(EXIT.failed);
    expect(unknown.stderr).toMatch(/no feed with id 999/);
    expect((await json<Feed[]>('feeds', 'list'))[0]?.fullText).toBe('off');
  });
});

describe('offprint prepare', () => {
  it('fetches the selected pages, with progress on stderr and the report on stdout', async () => {
    const feed = await addWire();
    await json<Feed>('feeds', 'set', String(feed.id), '--full-text', 'on');
    const run = await offprint(['prepare', '--since', '14d', '--feed', String(feed.id)]);
    expect(run.code).toBe(EXIT.ok);
    expect(run.stderr).toMatch(/^offline: 1\/1 articles, \d+ KB, 0 problems\n$/);
    expect(run.stdout).toMatch(/^1 of 1 articles ready offline; 1 page and 0 images saved \(\d+ KB\), 0 problems\n$/);
    // Only yesterday's article was in the selection.
    expect(server.hits('/story/old')).toBe(0);
    const articles = await json<{ items: { title: string; offlineReady: boolean }[] }>('articles', 'list');
    expect(articles.items).toEqual([
      expect.objectContaining({ title: 'Copper stocks build', offlineReady: true }),
      expect.objectContaining({ title: 'Copper output rises', offlineReady: false }),
    ]);
  });

  it('prints one JSON report with --json, and no progress', async () => {
    const feed = await addWire();
    await json<Feed>('feeds', 'set', String(feed.id), '--full-text', 'on');
    server.route('/story/recent', (_request, response) => {
      response.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
    });
    const run = await offprint(['--json', 'prepare', '--feed', String(feed.id), '--feed', String(feed.id)]);
    expect(run.code).toBe(EXIT.ok);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as OfflineReport;
    expect(Object.keys(report).sort()).toEqual(
      [
        'bytes',
        'cancelled',
        'failures',
        'finishedAt',
        'imagesCached',
        'pagesFetched',
        'ready',
        'startedAt',
        'total',
      ].sort(),
    );
    expect(report).toMatchObject({ total: 2, ready: 1, pagesFetched: 1, imagesCached: 0, cancelled: false });
    expect(report.bytes).toBeGreaterThan(recentPage.length / 2);
    expect(report.failures).toEqual([
      {
        articleId: expect.any(String) as unknown,
        title: 'Copper stocks build',
        url: server.url('/story/recent'),
        stage: 'page',
        reason: expect.stringMatching(/story\/recent.*503/) as unknown,
      },
    ]);
    expect(Number.isNaN(Date.parse(report.startedAt))).toBe(false);
  });

  it('stops on Ctrl-C and still reports what was done', async () => {
    const feed = await addWire();
    await json<Feed>('feeds', 'set', String(feed.id), '--full-text', 'on');
    // Ctrl-C comes while the page is on its way: the server has the request, the answer is slow.
    let interrupt = (): void => undefined;
    const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
    server.route('/story/recent', (_request, response) => {
      interrupt();
      setTimeout(() => response.writeHead(200, { 'content-type': 'text/html' }).end(recentPage), 1500);
    });
    const started = Date.now();
    const run = await offprint(['prepare', '--since', '14d'], interrupted);
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toMatch(/^Cancelled: 0 of 1 articles ready offline; 0 pages and 0 images saved/);
    expect(Date.now() - started).toBeLessThan(1500);
    expect((await json<{ items: { offlineReady: boolean }[] }>('articles', 'list')).items[0]?.offlineReady).toBe(false);
  });

  it('refuses a --since it cannot read, and a --feed that is not a number, as usage errors', async () => {
    const since = await offprint(['prepare', '--since', 'yesterday']);
    expect(since.code).toBe(EXIT.usage);
    expect(since.stderr).toBe(
      'offprint: --since must be like 14d, 12h, 2w or a date like 2026-11-01, got "yesterday"\n',
    );
    expect(since.stdout).toBe('');
    const feed = await offprint(['prepare', '--feed', 'copper']);
    expect(feed.code).toBe(EXIT.usage);
    expect(feed.stderr).toContain('--feed must be a whole number, got "copper"');
    const unknown = await offprint(['prepare', '--feed', '999']);
    expect(unknown.code).toBe(EXIT.failed);
    expect(unknown.stderr).toMatch(/no feed with id 999/);
  });
});

describe('parseSince', () => {
  const now = new Date('2026-11-28T12:00:00.000Z');

  it.each([
    ['14d', '2026-11-14T12:00:00.000Z'],
    ['12h', '2026-11-28T00:00:00.000Z'],
    ['2w', '2026-11-14T12:00:00.000Z'],
    ['0d', '2026-11-28T12:00:00.000Z'],
    [' 1d ', '2026-11-27T12:00:00.000Z'],
    ['2026-11-01', '2026-11-01T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2026-11-01T08:30:00+02:00', '2026-11-01T06:30:00.000Z'],
    ['2026-11-01T08:30Z', '2026-11-01T08:30:00.000Z'],
  ])('reads %j as %s', (value, expected) => {
    expect(parseSince(value, now)).toBe(expected);
  });

  it.each([
    '',
    'yesterday',
    '14',
    '14 days',
    '-3d',
    '1.5d',
    '3m',
    '1',
    'March 5',
    '2026-02-30',
    '2026-13-01',
    '2026-11-01T25:00Z',
    '2026-11-01 08:30',
    '99999999999w',
  ])('refuses %j', (value) => {
    expect(() => parseSince(value, now)).toThrow(/^--since must be like 14d, 12h, 2w or a date like 2026-11-01, got /);
  });
});
