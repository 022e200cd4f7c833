import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtractionError } from '../../../electron/core/extract/article/ExtractionError.ts';
import { FetchError } from '../../../electron/core/feeds/FetchError.ts';
import { fetchResource } from '../../../electron/core/feeds/fetchResource.ts';
import { fetchArticlePage, PAGE_FETCH_LIMITS } from '../../../electron/core/offline/fetchArticlePage.ts';
import { rssFeed, serve, startFixtureServer, type FixtureServer } from '../../support/startFixtureServer.ts';

const MEGABYTE = 1024 * 1024;
/**
 * A windows-1251 page served without a charset: only its <meta> says how to read it (undeclared
 * non-UTF-8 bytes would be read as windows-1252, turning the title into "Öåíû íà ìåäü").
 */
const LEGACY_PAGE = iconv.encode(
  '<!DOCTYPE html><html><head><meta charset=windows-1251><title>Цены на медь</title></head><body><p>Цены выросли.</p></body></html>',
  'windows-1251',
);
const PAGE = '<!DOCTYPE html><html><head><title>Quota</title></head><body><p>Quota raised.</p></body></html>';
const FEED = rssFeed('Wire', [{ guid: 'a', title: 'Quota', link: '/a', body: '<p>Quota raised.</p>' }]);

let server: FixtureServer;
let accepts: (string | undefined)[];

beforeAll(async () => {
  accepts = [];
  server = await startFixtureServer({
    '/legacy': (request, response) => {
      accepts.push(request.headers.accept);
      response.writeHead(200, { 'content-type': 'text/html' }).end(LEGACY_PAGE);
    },
    '/page': serve(PAGE, 'text/html; charset=utf-8'),
    '/plain': serve(PAGE, 'text/plain'),
    '/untyped': (_request, response) => void response.writeHead(200).end(PAGE),
    '/notes.txt': serve('Just some notes, no markup at all.', 'text/plain'),
    '/report.pdf': serve(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), 'application/pdf'),
    '/feed.xml': serve(FEED, 'application/rss+xml'),
    '/feed-as-text': serve(FEED, 'text/plain'),
    '/huge': serve(`<html><body><p>${'x'.repeat(5 * MEGABYTE)}</p></body></html>`, 'text/html'),
    '/just-fits': serve(Buffer.alloc(5 * MEGABYTE, 'a').fill('<html><body><p>', 0, 15), 'text/html'),
    '/old/story': (_request, response) => void response.writeHead(301, { location: '/new/story' }).end(),
    '/new/story': serve(PAGE, 'text/html'),
    '/cached': (_request, response) => void response.writeHead(304).end(),
  });
});
afterAll(async () => {
  await server.close();
});

const fetchPage = (path: string) => fetchArticlePage(server.url(path), fetchResource, { totalTimeoutMs: 5000 });

async function rejection(path: string): Promise<unknown> {
  try {
    await fetchPage(path);
  } catch (error) {
    return error;
  }
  throw new Error(`fetching ${path} should have failed`);
}

async function expectNotHtml(path: string, message: RegExp): Promise<void> {
  const error = await rejection(path);
  expect(error).toBeInstanceOf(ExtractionError);
  expect((error as ExtractionError).code).toBe('not-html');
  expect((error as ExtractionError).url).toBe(server.url(path));
  expect((error as ExtractionError).message).toMatch(message);
}

describe('fetchArticlePage', () => {
  it('decodes an HTML page in the charset its <meta> declares, asking for HTML', async () => {
    const page = await fetchPage('/legacy');
    expect(page.html).toContain('<title>Цены на медь</title>');
    expect(page).toMatchObject({ url: server.url('/legacy'), bytes: LEGACY_PAGE.length });
    expect(accepts).toEqual([PAGE_FETCH_LIMITS.accept]);
  });

  it('accepts an HTML page served as text/plain or with no type at all: the bytes decide', async () => {
    expect((await fetchPage('/plain')).html).toBe(PAGE);
    expect((await fetchPage('/untyped')).html).toBe(PAGE);
    await expectNotHtml('/notes.txt', /notes\.txt: answered text\/plain and the body is not HTML/);
  });

  it('refuses a PDF as not HTML, naming the type', async () => {
    await expectNotHtml('/report.pdf', /report\.pdf: answered application\/pdf, not an HTML page/);
  });

  it('refuses a feed, by its type or by its bytes', async () => {
    await expectNotHtml('/feed.xml', /feed\.xml: answered application\/rss\+xml, not an HTML page/);
    await expectNotHtml('/feed-as-text', /feed-as-text: .*not HTML/);
  });

  it('stops at 5 MB', async () => {
    const error = await rejection('/huge');
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).code).toBe('too-large');
    expect((error as FetchError).message).toContain(server.url('/huge'));
    expect((await fetchPage('/just-fits')).bytes).toBe(5 * MEGABYTE);
  });

  it('follows a redirect and returns the address that answered', async () => {
    const page = await fetchPage('/old/story');
    expect(page.url).toBe(server.url('/new/story'));
    expect(page.html).toBe(PAGE);
  });

  it('treats a 304 to an unconditional request as no page', async () => {
    await expectNotHtml('/cached', /server answered 304/);
  });
});
