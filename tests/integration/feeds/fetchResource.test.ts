import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../../../electron/core/feeds/decodeBody.ts';
import { FetchError } from '../../../electron/core/feeds/FetchError.ts';
import type { FetchErrorCode } from '../../../electron/core/feeds/FetchError.ts';
import { DEFAULT_FETCH_LIMITS, fetchResource } from '../../../electron/core/feeds/fetchResource.ts';
import type { FetchOk, FetchOptions, FetchResult } from '../../../electron/core/feeds/fetchResource.ts';
import { HostLimiter } from '../../../electron/core/feeds/HostLimiter.ts';

type Route = (request: IncomingMessage, response: ServerResponse) => void;

const FEED = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Plain</title></channel></rss>';
const KILOBYTE = 1024;
const MEGABYTE = 1024 * KILOBYTE;

const routes = new Map<string, Route>();
const seenHeaders = new Map<string, IncomingHttpHeaders[]>();
let server: Server;
let origin: string;
let concurrent = 0;
let maxConcurrent = 0;

function route(path: string, handler: Route): void {
  routes.set(path, handler);
}

function send(
  response: ServerResponse,
  status: number,
  headers: Record<string, string | number>,
  body: Buffer | string,
): void {
  response.writeHead(status, headers);
  response.end(body);
}

/** Writes `total` bytes in 16 KB chunks, respecting backpressure, until done or the client goes away. */
function stream(response: ServerResponse, total: number): void {
  const chunk = Buffer.alloc(16 * KILOBYTE, 0x61);
  let written = 0;
  const pump = (): void => {
    while (written < total && !response.destroyed) {
      written += chunk.length;
      if (!response.write(chunk)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!response.destroyed) response.end();
  };
  pump();
}

function url(path: string): string {
  return `${origin}${path}`;
}

async function failure(target: string, options: FetchOptions = {}): Promise<FetchError> {
  try {
    await fetchResource(target, options);
  } catch (error) {
    if (error instanceof FetchError) return error;
    throw error;
  }
  throw new Error(`expected GET ${target} to fail`);
}

async function expectFailure(target: string, code: FetchErrorCode, options: FetchOptions = {}): Promise<FetchError> {
  const error = await failure(target, options);
  expect(error.code).toBe(code);
  expect(error.url).toBe(target);
  expect(error.message).toContain(`GET ${target}`);
  return error;
}

function expectOk(result: FetchResult): FetchOk {
  expect(result.status).toBe('ok');
  if (result.status !== 'ok') throw new Error(`expected ok, got ${result.status}`);
  return result;
}

async function fetchText(path: string): Promise<string> {
  const result = expectOk(await fetchResource(url(path)));
  return decodeBody(result.body, result.contentType).text;
}

beforeAll(async () => {
  const bomb = gzipSync(Buffer.alloc(16 * MEGABYTE));

  route('/plain', (_request, response) => {
    send(response, 200, { 'Content-Type': 'application/rss+xml' }, FEED);
  });
  route('/etag', (request, response) => {
    if (request.headers['if-none-match'] === '"v1"') send(response, 304, { ETag: '"v1"' }, '');
    else send(response, 200, { 'Content-Type': 'text/xml', ETag: '"v1"' }, FEED);
  });
  route('/last-modified', (request, response) => {
    const stamp = 'Tue, 03 Mar 2026 10:00:00 GMT';
    if (request.headers['if-modified-since'] === stamp) send(response, 304, { 'Last-Modified': stamp }, '');
    else send(response, 200, { 'Content-Type': 'text/xml', 'Last-Modified': stamp }, FEED);
  });
  route('/gzip', (_request, response) => {
    send(response, 200, { 'Content-Type': 'text/xml', 'Content-Encoding': 'gzip' }, gzipSync(FEED));
  });
  route('/deflate', (_request, response) => {
    send(response, 200, { 'Content-Type': 'text/xml', 'Content-Encoding': 'deflate' }, deflateSync(FEED));
  });
  route('/deflate-raw', (_request, response) => {
    send(response, 200, { 'Content-Type': 'text/xml', 'Content-Encoding': 'deflate' }, deflateRawSync(FEED));
  });
  route('/br', (_request, response) => {
    send(response, 200, { 'Content-Type': 'text/xml', 'Content-Encoding': 'br' }, brotliCompressSync(FEED));
  });
  route('/corrupt-gzip', (_request, response) => {
    send(
      response,
      200,
      { 'Content-Type': 'text/xml', 'Content-Encoding': 'gzip' },
      Buffer.from('definitely not gzip data'),
    );
  });
  route('/windows-1252', (_request, response) => {
    const body = Buffer.concat([
      Buffer.from('<rss><channel><title>'),
      Buffer.from([0x93]),
      Buffer.from('Quoted'),
      Buffer.from([0x94]),
      Buffer.from('</title></channel></rss>'),
    ]);
    send(response, 200, { 'Content-Type': 'application/rss+xml; charset=windows-1252' }, body);
  });
  route('/latin1-header-quotes', (_request, response) => {
    // Declared ISO-8859-1, but like many Windows-made feeds it uses 0x93/0x94.
    const body = Buffer.concat([
      Buffer.from('<rss><channel><title>'),
      Buffer.from([0x93, 0x61, 0x94]),
      Buffer.from('</title></channel></rss>'),
    ]);
    send(response, 200, { 'Content-Type': 'text/xml; charset=ISO-8859-1' }, body);
  });
  route('/utf8-bom', (_request, response) => {
    send(
      response,
      200,
      { 'Content-Type': 'text/xml' },
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('<rss><channel><title>Café ✓</title></channel></rss>'),
      ]),
    );
  });
  route('/utf16', (_request, response) => {
    const body = iconv.encode(
      '<?xml version="1.0" encoding="UTF-16"?><rss><channel><title>Ünïcödé “16”</title></channel></rss>',
      'utf-16le',
      { addBOM: true },
    );
    send(response, 200, { 'Content-Type': 'text/xml' }, body);
  });
  route('/prolog-latin1', (_request, response) => {
    const body = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?><rss><channel><title>Caf'),
      Buffer.from([0xe9]),
      Buffer.from('</title></channel></rss>'),
    ]);
    send(response, 200, { 'Content-Type': 'application/xml' }, body);
  });
  route('/header-overrides-prolog', (_request, response) => {
    const body = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="utf-8"?><rss><channel><title>Caf'),
      Buffer.from([0xe9]),
      Buffer.from('</title></channel></rss>'),
    ]);
    send(response, 200, { 'Content-Type': 'text/xml; charset=windows-1252' }, body);
  });
  for (let hop = 0; hop <= 6; hop += 1) {
    route(`/hop/${hop}`, (_request, response) => {
      if (hop === 0) send(response, 200, { 'Content-Type': 'text/xml' }, FEED);
      // Alternate absolute and relative Locations: both must resolve.
      else
        send(
          response,
          hop % 2 === 0 ? 301 : 302,
          { Location: hop % 2 === 0 ? url(`/hop/${hop - 1}`) : `${hop - 1}` },
          '',
        );
    });
  }
  route('/see-other', (_request, response) => {
    send(response, 303, { Location: '/hop/0' }, '');
  });
  route('/temporary', (_request, response) => {
    send(response, 307, { Location: '/permanent' }, '');
  });
  route('/permanent', (_request, response) => {
    send(response, 308, { Location: '/hop/0' }, '');
  });
  route('/loop-a', (_request, response) => {
    send(response, 302, { Location: '/loop-b' }, '');
  });
  route('/loop-b', (_request, response) => {
    send(response, 302, { Location: '/loop-a' }, '');
  });
  route('/redirect-ftp', (_request, response) => {
    send(response, 302, { Location: 'ftp://example.com/feed' }, '');
  });
  route('/redirect-without-location', (_request, response) => {
    send(response, 302, {}, '');
  });
  route('/status/404', (_request, response) => {
    send(response, 404, { 'Content-Type': 'text/html' }, '<h1>Not here</h1>');
  });
  route('/status/410', (_request, response) => {
    send(response, 410, {}, '');
  });
  route('/status/500', (_request, response) => {
    send(response, 500, {}, 'boom');
  });
  route('/status/503', (_request, response) => {
    send(response, 503, { 'Retry-After': '120' }, '');
  });
  route('/status/429', (_request, response) => {
    send(response, 429, { 'Retry-After': new Date(Date.now() + 3_600_000).toUTCString() }, '');
  });
  route('/big', (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/xml' });
    stream(response, MEGABYTE);
  });
  route('/endless', (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/xml' });
    stream(response, Number.POSITIVE_INFINITY);
  });
  route('/declared-big', (_request, response) => {
    // Declares 10 MB but never sends it: only a client that trusts Content-Length finishes.
    response.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': 10 * MEGABYTE });
    response.write('<rss>');
  });
  route('/bomb', (_request, response) => {
    send(response, 200, { 'Content-Type': 'text/xml', 'Content-Encoding': 'gzip' }, bomb);
  });
  route('/drip', (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/xml' });
    const timer = setInterval(() => response.write('.'), 200);
    response.on('close', () => {
      clearInterval(timer);
    });
  });
  route('/silent', () => {
    // Accepts the request and never answers; afterAll closes the connection.
  });
  route('/counted', (_request, response) => {
    concurrent += 1;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    setTimeout(() => {
      concurrent -= 1;
      send(response, 200, { 'Content-Type': 'text/xml' }, FEED);
    }, 50);
  });

  server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    seenHeaders.set(path, [...(seenHeaders.get(path) ?? []), request.headers]);
    const handler = routes.get(path);
    if (handler === undefined) send(response, 404, {}, 'no such route');
    else handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => {
    server.close((error) => {
      if (error === undefined) resolve();
      else reject(error);
    });
  });
});

describe('fetchResource: plain and conditional GET', () => {
  it('fetches a 200 body with the feed-preferring default headers', async () => {
    const result = expectOk(await fetchResource(url('/plain')));
    expect(result).toMatchObject({
      url: url('/plain'),
      httpStatus: 200,
      contentType: 'application/rss+xml',
      etag: null,
      lastModified: null,
      redirects: [],
    });
    expect(result.body.toString('utf8')).toBe(FEED);
    const headers = seenHeaders.get('/plain')?.at(-1);
    expect(headers?.['user-agent']).toBe(DEFAULT_FETCH_LIMITS.userAgent);
    expect(headers?.accept).toBe(DEFAULT_FETCH_LIMITS.accept);
    expect(headers?.['accept-encoding']).toBe('gzip, deflate, br');
    expect(headers?.['if-none-match']).toBeUndefined();
  });

  it('sends If-None-Match from the stored ETag and returns not-modified on 304', async () => {
    const first = expectOk(await fetchResource(url('/etag')));
    expect(first.etag).toBe('"v1"');
    const second = await fetchResource(url('/etag'), { etag: first.etag });
    expect(second).toMatchObject({
      status: 'not-modified',
      url: url('/etag'),
      httpStatus: 304,
      etag: '"v1"',
      redirects: [],
    });
    expect(seenHeaders.get('/etag')?.at(-1)?.['if-none-match']).toBe('"v1"');
  });

  it('sends If-Modified-Since from the stored Last-Modified', async () => {
    const first = expectOk(await fetchResource(url('/last-modified')));
    expect(first.lastModified).toBe('Tue, 03 Mar 2026 10:00:00 GMT');
    const second = await fetchResource(url('/last-modified'), { lastModified: first.lastModified });
    expect(second.status).toBe('not-modified');
    expect(seenHeaders.get('/last-modified')?.at(-1)?.['if-modified-since']).toBe(first.lastModified);
  });
});

describe('fetchResource: content encodings', () => {
  it.each(['/gzip', '/deflate', '/deflate-raw', '/br'])('decodes %s bodies', async (path) => {
    const result = expectOk(await fetchResource(url(path)));
    expect(result.body.toString('utf8')).toBe(FEED);
  });

  it('rejects a corrupt gzip body as bad-encoding', async () => {
    await expectFailure(url('/corrupt-gzip'), 'bad-encoding');
  });

  it('stops a gzip bomb at maxDecodedBytes', async () => {
    const error = await expectFailure(url('/bomb'), 'decompressed-too-large', { maxDecodedBytes: MEGABYTE });
    expect(error.message).toContain('1 MB');
  });
});

describe('fetchResource + decodeBody: charsets', () => {
  it('decodes windows-1252 smart quotes 0x93/0x94', async () => {
    expect(await fetchText('/windows-1252')).toContain('\u201cQuoted\u201d');
  });

  it('reads a declared ISO-8859-1 as windows-1252, as browsers do', async () => {
    expect(await fetchText('/latin1-header-quotes')).toContain('\u201ca\u201d');
  });

  it('honours a UTF-8 byte order mark and strips it', async () => {
    const text = await fetchText('/utf8-bom');
    expect(text.startsWith('<rss>')).toBe(true);
    expect(text).toContain('Café ✓');
  });

  it('decodes UTF-16 with a byte order mark', async () => {
    const text = await fetchText('/utf16');
    expect(text.startsWith('<?xml')).toBe(true);
    expect(text).toContain('Ünïcödé “16”');
  });

  it('uses the XML prolog when the header has no charset', async () => {
    expect(await fetchText('/prolog-latin1')).toContain('<title>Café</title>');
  });

  it('lets the header charset override the prolog', async () => {
    const result = expectOk(await fetchResource(url('/header-overrides-prolog')));
    const decoded = decodeBody(result.body, result.contentType);
    expect(decoded.text).toContain('<title>Café</title>');
    expect(decoded).toMatchObject({ encoding: 'windows-1252', declared: 'windows-1252' });
  });
});

describe('fetchResource: redirects', () => {
  it('follows a 3-hop chain with relative and absolute Locations and lists them', async () => {
    const result = expectOk(await fetchResource(url('/hop/3')));
    expect(result.url).toBe(url('/hop/0'));
    expect(result.redirects).toEqual([url('/hop/2'), url('/hop/1'), url('/hop/0')]);
    expect(result.body.toString('utf8')).toBe(FEED);
  });

  it('follows 303, 307 and 308', async () => {
    expect(expectOk(await fetchResource(url('/see-other'))).url).toBe(url('/hop/0'));
    expect(expectOk(await fetchResource(url('/temporary'))).redirects).toEqual([url('/permanent'), url('/hop/0')]);
  });

  it('follows exactly maxRedirects hops', async () => {
    expect(expectOk(await fetchResource(url('/hop/5'))).redirects).toHaveLength(5);
  });

  it('refuses a 6-hop chain as too-many-redirects', async () => {
    const error = await expectFailure(url('/hop/6'), 'too-many-redirects');
    expect(error.message).toContain('more than 5 redirects');
  });

  it('honours a smaller maxRedirects', async () => {
    await expectFailure(url('/hop/3'), 'too-many-redirects', { maxRedirects: 2 });
  });

  it('detects A → B → A as a redirect loop', async () => {
    const error = await expectFailure(url('/loop-a'), 'redirect-loop');
    expect(error.message).toContain(url('/loop-b'));
  });

  it('refuses a redirect to an unsupported scheme', async () => {
    await expectFailure(url('/redirect-ftp'), 'unsupported-scheme');
  });

  it('reports a redirect without Location as an HTTP error', async () => {
    const error = await expectFailure(url('/redirect-without-location'), 'http-302');
    expect(error.httpStatus).toBe(302);
  });
});

describe('fetchResource: HTTP errors', () => {
  it.each([
    [404, 'Not Found'],
    [410, 'Gone'],
    [500, 'Internal Server Error'],
  ])('maps %i to http-%i with the status in the message', async (status, reason) => {
    const error = await expectFailure(url(`/status/${status}`), `http-${status}`);
    expect(error.httpStatus).toBe(status);
    expect(error.retryAfterSeconds).toBeNull();
    expect(error.message).toBe(`GET ${url(`/status/${status}`)}: server answered ${status} ${reason}`);
  });

  it('parses Retry-After seconds on 503', async () => {
    const error = await expectFailure(url('/status/503'), 'http-503');
    expect(error.httpStatus).toBe(503);
    expect(error.retryAfterSeconds).toBe(120);
  });

  it('parses a Retry-After HTTP-date on 429', async () => {
    const error = await expectFailure(url('/status/429'), 'http-429');
    expect(error.retryAfterSeconds).toBeGreaterThan(3000);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(3600);
  });
});

describe('fetchResource: size caps', () => {
  it('aborts a streamed body past maxBytes', async () => {
    const error = await expectFailure(url('/big'), 'too-large', { maxBytes: 64 * KILOBYTE });
    expect(error.message).toContain('body exceeds 64 KB limit');
  });

  it('aborts while streaming, without waiting for the end of an endless body', async () => {
    await expectFailure(url('/endless'), 'too-large', { maxBytes: 64 * KILOBYTE });
  });

  it('refuses a Content-Length over maxBytes without reading the body', async () => {
    const error = await expectFailure(url('/declared-big'), 'too-large', { maxBytes: MEGABYTE });
    expect(error.message).toContain(`${10 * MEGABYTE} bytes`);
  });
});

describe('fetchResource: timeouts and connection failures', () => {
  it('times out a body that drips a byte every 200 ms', async () => {
    const error = await expectFailure(url('/drip'), 'timeout', { totalTimeoutMs: 500 });
    expect(error.message).toContain('0.5 s');
  });

  it('times out a server that accepts but never sends headers', async () => {
    const error = await expectFailure(url('/silent'), 'timeout', { totalTimeoutMs: 300 });
    expect(error.message).toContain('no response within 0.3 s');
  });

  it('reports connect-timeout when connecting takes too long', async () => {
    const neverResolves: FetchOptions['lookup'] = () => {
      // Never calls back: the connection attempt stalls before TCP starts.
    };
    await expectFailure('http://stalled.test/feed', 'connect-timeout', {
      connectTimeoutMs: 200,
      lookup: neverResolves,
    });
  });

  it('reports dns when the host name does not resolve', async () => {
    const notFound: FetchOptions['lookup'] = (hostname, _options, callback) => {
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      callback(error, '', 4);
    };
    const error = await expectFailure('http://missing.test/feed', 'dns', { lookup: notFound });
    expect(error.message).toContain('missing.test');
  });

  it('reports connection when the port is closed', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) =>
      closed.close(() => {
        resolve();
      }),
    );
    const error = await expectFailure(`http://127.0.0.1:${port}/feed`, 'connection');
    expect(error.message).toContain('refused');
  });

  it('speaks TLS for https: and reports a failed handshake as connection', async () => {
    // The fixture server speaks plain HTTP, so the TLS handshake must fail cleanly.
    const target = url('/plain').replace('http:', 'https:');
    const error = await expectFailure(target, 'connection');
    expect(error.message).toContain('TLS');
  });

  it('rejects with aborted when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = failure(url('/silent'), { signal: controller.signal });
    setTimeout(() => {
      controller.abort();
    }, 50);
    const error = await pending;
    expect(error.code).toBe('aborted');
    expect(error.message).toContain(url('/silent'));
  });

  it('rejects an already-aborted signal without connecting', async () => {
    const before = seenHeaders.get('/plain')?.length ?? 0;
    await expectFailure(url('/plain'), 'aborted', { signal: AbortSignal.abort() });
    expect(seenHeaders.get('/plain')?.length ?? 0).toBe(before);
  });
});

describe('fetchResource: URLs', () => {
  it.each(['ftp://example.com/feed.xml', 'file:///etc/passwd', 'javascript:alert(1)'])(
    'refuses %s as unsupported-scheme',
    async (target) => {
      await expectFailure(target, 'unsupported-scheme');
    },
  );

  it('refuses a relative or malformed URL as bad-url', async () => {
    await expectFailure('/feed.xml', 'bad-url');
    await expectFailure('http://', 'bad-url');
  });
});

describe('fetchResource with a HostLimiter', () => {
  it('never runs more than perHost requests against one host', async () => {
    maxConcurrent = 0;
    const limiter = new HostLimiter({ perHost: 2 });
    const results = await Promise.all(Array.from({ length: 5 }, () => fetchResource(url('/counted'), { limiter })));
    expect(results.map((result) => result.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(maxConcurrent).toBe(2);
    expect(limiter.runningCount('127.0.0.1')).toBe(0);
  });

  it('leaves the queue with aborted when the caller aborts while waiting', async () => {
    const limiter = new HostLimiter({ perHost: 1 });
    const blocker = new AbortController();
    const blocking = failure(url('/silent'), { limiter, signal: blocker.signal });
    const waiting = new AbortController();
    const queued = failure(url('/plain'), { limiter, signal: waiting.signal });
    await expect.poll(() => limiter.waitingCount('127.0.0.1')).toBe(1);
    waiting.abort();
    const error = await queued;
    expect(error.code).toBe('aborted');
    expect(error.message).toContain(url('/plain'));
    blocker.abort();
    expect((await blocking).code).toBe('aborted');
    expect(limiter.runningCount('127.0.0.1')).toBe(0);
  });
});
