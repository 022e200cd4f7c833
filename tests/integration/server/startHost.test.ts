import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ImageStore, type StoredImage } from '../../../electron/core/extract/images/ImageStore.ts';
import { MAX_BODY_BYTES, startHost, type Host } from '../../../electron/server/startHost.ts';
import { createMemoryLibrary, type MemoryLibrary } from '../../support/createMemoryLibrary.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import { GIF_3X2, pngImage } from '../../unit/extract/images/imageFixtures.ts';

interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** node:http sends the path verbatim (fetch would normalize `/../`), which the traversal tests need. */
function rawRequest(
  origin: string,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { hostname, port, path: options.path, method: options.method ?? 'GET', headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
        });
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

const SECRET = 'top-secret-package-json';

let workDir: string;
let rendererDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'offprint-host-'));
  rendererDir = join(workDir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(workDir, 'package.json'), JSON.stringify({ name: SECRET }));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Offprint test</title><div id="root"></div>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  await writeFile(join(rendererDir, 'assets', 'app.css'), 'body { margin: 0 }');
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('startHost', () => {
  let host: Host;
  let library: MemoryLibrary;

  const call = (name: string, body: unknown, token: string | null = host.token) =>
    fetch(`${host.origin}/api/calls/${name}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    library = createMemoryLibrary();
    host = await startHost({ handlers: library.handlers, events: library.events, rendererDir });
  });

  afterAll(async () => {
    await host.close();
  });

  it('listens on 127.0.0.1 with a fresh 64-hex-digit token in the URL fragment', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
    expect(host.url).toBe(`${host.origin}/#token=${host.token}`);
  });

  it('refuses calls without a token or with a wrong one', async () => {
    const missing = await call('app:info', {}, null);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const wrong = await call('app:info', {}, 'not-the-token');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(library.received.some((entry) => entry.name === 'app:info')).toBe(false);
  });

  it('answers a call with the right token with the ok envelope', async () => {
    const response = await call('app:info', {});
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ ok: true, value: { name: 'offprint', feedCount: 0 } });
  });

  it('accepts a percent-encoded call name and an empty body', async () => {
    const response = await fetch(`${host.origin}/api/calls/feeds%3Alist`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}` },
    });
    expect(await response.json()).toEqual({ ok: true, value: [] });
  });

  it('answers a malformed payload with a bad-request envelope naming the field', async () => {
    const response = await call('feeds:add', { url: 'ftp://example.com/feed' });
    expect(response.status).toBe(400);
    const envelope = (await response.json()) as { ok: false; error: { code: string; message: string } };
    expect(envelope.error.code).toBe('bad-request');
    expect(envelope.error.message).toContain('url');

    const extra = await call('app:info', { surprise: true });
    expect(extra.status).toBe(400);
  });

  it('answers a body that is not JSON with bad-request', async () => {
    const response = await fetch(`${host.origin}/api/calls/app:info`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}` },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('reports a handler failure as a 200 failure envelope', async () => {
    const response = await call('articles:get', { id: 'missing' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'articles:get: no article with id missing' },
    });
  });

  it('answers an unknown call with 404 not-found', async () => {
    const response = await call('feeds:explode', {});
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const other = await call('constructor', {});
    expect(other.status).toBe(404);
  });

  it('answers a GET on a call route with 405', async () => {
    const response = await fetch(`${host.origin}/api/calls/app:info`, {
      headers: { Authorization: `Bearer ${host.token}` },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('has no image route when no image store is given', async () => {
    const response = await fetch(`${host.origin}/api/images/${'0'.repeat(64)}.png?token=${host.token}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining('no API route') as unknown },
    });
  });

  it('refuses a foreign Host header (DNS rebinding) with 403', async () => {
    const { port } = new URL(host.origin);
    const foreign = await rawRequest(host.origin, {
      path: '/api/calls/app:info',
      method: 'POST',
      headers: { Host: `evil.example:${port}`, Authorization: `Bearer ${host.token}` },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const wrongPort = await rawRequest(host.origin, { path: '/', headers: { Host: '127.0.0.1:1' } });
    expect(wrongPort.status).toBe(403);

    const localhost = await rawRequest(host.origin, {
      path: '/api/calls/app:info',
      method: 'POST',
      headers: { Host: `localhost:${port}`, Authorization: `Bearer ${host.token}` },
      body: '{}',
    });
    expect(localhost.status).toBe(200);
  });

  it('answers an oversize body with 413', async () => {
    const content = 'x'.repeat(MAX_BODY_BYTES + 1024);
    const response = await call('opml:import', { content });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(library.received.some((entry) => entry.name === 'opml:import')).toBe(false);
  });

  it('counts a chunked oversize body too (no Content-Length)', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BODY_BYTES) {
          controller.close();
          return;
        }
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${host.origin}/api/calls/app:info`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}` },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  describe('events', () => {
    afterEach(() => {
      expect(library.events.listenerCount).toBeLessThanOrEqual(1);
    });

    it('refuses the event stream without the token', async () => {
      const response = await fetch(`${host.origin}/api/events?token=wrong`);
      expect(response.status).toBe(401);
    });

    it('streams a contract event as Server-Sent Events and unsubscribes on disconnect', async () => {
      const controller = new AbortController();
      const response = await fetch(`${host.origin}/api/events?token=${host.token}`, { signal: controller.signal });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      if (response.body === null) throw new Error('startHost test: event stream has no body');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();

      const first = await reader.read();
      expect(first.value).toContain(': connected');
      expect(library.events.listenerCount).toBe(1);

      library.events.emit('library:changed', { reason: 'feeds', feedIds: [7] });
      let received = '';
      while (!received.includes('\n\n')) {
        const next = await reader.read();
        if (next.done) break;
        received += next.value;
      }
      expect(received).toBe('event: library:changed\ndata: {"reason":"feeds","feedIds":[7]}\n\n');

      controller.abort();
      await expect.poll(() => library.events.listenerCount).toBe(0);
    });
  });

  describe('static files', () => {
    it('serves index.html for / with the security headers', async () => {
      const response = await fetch(`${host.origin}/`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      // Article images come only from the host's own image route.
      expect(response.headers.get('content-security-policy')?.split('; ')).toContain("img-src 'self' data:");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await response.text()).toContain('Offprint test');
    });

    it('serves assets with their content types', async () => {
      const script = await fetch(`${host.origin}/assets/app.js`);
      expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(await script.text()).toContain('console.log');
      const style = await fetch(`${host.origin}/assets/app.css`);
      expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
      const head = await fetch(`${host.origin}/assets/app.js`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
    });

    it('answers unknown page paths with index.html and missing files with 404', async () => {
      const page = await fetch(`${host.origin}/feeds/12`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Offprint test');
      const missing = await fetch(`${host.origin}/assets/missing.js`);
      expect(missing.status).toBe(404);
    });

    it.each([
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2e%2e%2fpackage.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/..%5cpackage.json',
      '/%00',
    ])('never serves files outside the renderer directory: %s', async (path) => {
      const response = await rawRequest(host.origin, { path });
      expect(response.body).not.toContain(SECRET);
      expect([200, 403, 404]).toContain(response.status);
    });

    it('refuses non-GET methods on static paths with 405', async () => {
      const response = await fetch(`${host.origin}/`, { method: 'POST' });
      expect(response.status).toBe(405);
    });
  });
});

describe('startHost cached images', () => {
  let host: Host;
  let dataDir: { path: string; dispose: () => void };
  let png: StoredImage;
  let gif: StoredImage;
  const pngBytes = pngImage({ width: 3, height: 2, color: [20, 90, 160] });

  const imageUrl = (name: string, token: string | null = host.token) =>
    `${host.origin}/api/images/${name}${token === null ? '' : `?token=${token}`}`;

  beforeAll(async () => {
    dataDir = createTempDirectory('host-images');
    const images = new ImageStore(dataDir.path);
    png = await images.put(pngBytes, 'image/png');
    gif = await images.put(GIF_3X2, 'image/gif');
    const library = createMemoryLibrary();
    host = await startHost({ handlers: library.handlers, events: library.events, rendererDir, images });
  });

  afterAll(async () => {
    await host.close();
    dataDir.dispose();
  });

  it('serves a cached image by hash and extension, with its stored type and strict headers', async () => {
    const response = await fetch(imageUrl(`${png.hash}.png`));
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(pngBytes)).toBe(true);
    const expected = {
      'content-type': 'image/png',
      'content-length': String(pngBytes.byteLength),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=31536000, immutable',
      'content-security-policy': "default-src 'none'; sandbox",
      'referrer-policy': 'no-referrer',
    };
    for (const [name, value] of Object.entries(expected)) expect(response.headers.get(name), name).toBe(value);

    const other = await fetch(imageUrl(`${gif.hash}.gif`));
    expect(other.headers.get('content-type')).toBe('image/gif');
    expect(Buffer.from(await other.arrayBuffer()).equals(GIF_3X2)).toBe(true);
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await fetch(imageUrl(`${png.hash}.png`), { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-length')).toBe(String(pngBytes.byteLength));
    expect(await response.text()).toBe('');
  });

  it('refuses a missing or wrong token with 401 before looking at the name', async () => {
    for (const url of [
      imageUrl(`${png.hash}.png`, null),
      imageUrl(`${png.hash}.png`, 'not-the-token'),
      imageUrl(`${png.hash}.png`, ''),
      imageUrl(`${'0'.repeat(64)}.png`, 'not-the-token'),
    ]) {
      const response = await fetch(url);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // A bearer header is not what this route reads.
    const bearer = await fetch(imageUrl(`${png.hash}.png`, null), {
      headers: { Authorization: `Bearer ${host.token}` },
    });
    expect(bearer.status).toBe(401);
  });

  it('answers an unknown hash, and a known one under another type, with 404', async () => {
    for (const name of [`${'0'.repeat(64)}.png`, `${png.hash}.gif`, `${png.hash}.webp`, `${gif.hash}.png`]) {
      const response = await fetch(imageUrl(name));
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'not-found' } });
    }
  });

  it.each([
    ['upper-case hex', (hash: string) => `${hash.toUpperCase()}.png`],
    ['an upper-case extension', (hash: string) => `${hash}.PNG`],
    ['svg', (hash: string) => `${hash}.svg`],
    ['no extension', (hash: string) => hash],
    ['a short hash', (hash: string) => `${hash.slice(1)}.png`],
    ['a long hash', (hash: string) => `${hash}0.png`],
    ['a double extension', (hash: string) => `${hash}.png.png`],
    ['a leading dot segment', (hash: string) => `../${hash}.png`],
    ['an encoded dot segment', (hash: string) => `%2e%2e/${hash}.png`],
    ['an extra segment before', (hash: string) => `${hash.slice(0, 2)}/${hash}.png`],
    ['an extra segment after', (hash: string) => `${hash}.png/x`],
    ['an encoded slash', (hash: string) => `${hash.slice(0, 2)}%2F${hash}.png`],
    ['an encoded name', (hash: string) => `${hash}%2Epng`],
    ['a backslash', (hash: string) => `${hash.slice(0, 2)}%5C${hash}.png`],
    ['a NUL', (hash: string) => `${hash}.png%00`],
    ['nothing', () => ''],
  ])('answers a near-miss name (%s) with 404', async (_label, name) => {
    const response = await rawRequest(host.origin, { path: `/api/images/${name(png.hash)}?token=${host.token}` });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('answers other methods with 405', async () => {
    const response = await fetch(imageUrl(`${png.hash}.png`), { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const put = await fetch(imageUrl(`${png.hash}.png`), { method: 'PUT', body: 'x' });
    expect(put.status).toBe(405);
  });
});

describe('startHost without a built renderer', () => {
  it('answers / with 503 and says how to build it', async () => {
    const emptyDir = await mkdtemp(join(tmpdir(), 'offprint-empty-'));
    const library = createMemoryLibrary();
    const host = await startHost({
      handlers: library.handlers,
      events: library.events,
      rendererDir: emptyDir,
      token: 'a'.repeat(32),
    });
    try {
      expect(host.token).toBe('a'.repeat(32));
      const response = await fetch(`${host.origin}/`);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('renderer not built: run npm run build:renderer');
    } finally {
      await host.close();
      await rm(emptyDir, { recursive: true, force: true });
    }
  });

  it('ends open event streams on close so the process can exit', async () => {
    const library = createMemoryLibrary();
    const host = await startHost({ handlers: library.handlers, events: library.events, rendererDir });
    const response = await fetch(`${host.origin}/api/events?token=${host.token}`);
    if (response.body === null) throw new Error('startHost test: event stream has no body');
    const reader = response.body.getReader();
    await reader.read();
    expect(library.events.listenerCount).toBe(1);
    await host.close();
    expect(library.events.listenerCount).toBe(0);
    // The stream ends (or errors, if the socket is cut first); either way it stops.
    await reader.read().then(
      (next) => {
        expect(next.done).toBe(true);
      },
      () => undefined,
    );
  });
});
