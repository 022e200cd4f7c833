import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cacheArticleImages } from '../../../../electron/core/extract/images/cacheArticleImages.ts';
import type {
  CacheArticleImagesOptions,
  CachedArticleImages,
  ImageFetcher,
} from '../../../../electron/core/extract/images/cacheArticleImages.ts';
import { ImageStore } from '../../../../electron/core/extract/images/ImageStore.ts';
import { localImageUrl } from '../../../../electron/core/extract/images/localImageUrl.ts';
import { FetchError } from '../../../../electron/core/feeds/FetchError.ts';
import { fetchResource } from '../../../../electron/core/feeds/fetchResource.ts';
import { HostLimiter } from '../../../../electron/core/feeds/HostLimiter.ts';
import { serve, startFixtureServer } from '../../../support/startFixtureServer.ts';
import type { FixtureServer } from '../../../support/startFixtureServer.ts';
import { createTempDirectory } from '../../../support/tempDirectory.ts';
import {
  GIF_1X1,
  GIF_3X2,
  JPEG_3X2,
  pngImage,
  WEBP_3X2,
  WEBP_LOSSLESS_3X2,
} from '../../../unit/extract/images/imageFixtures.ts';

/** Any remote reference a browser would load as an image: src/srcset with an http(s) or protocol-relative URL. */
const REMOTE_IMAGE_REFERENCE = /\b(?:src|srcset)\s*=\s*["']?\s*(?:https?:)?\/\//i;

const PNG_RED = pngImage({ color: [200, 40, 40] });
const PNG_GREEN = pngImage({ color: [40, 200, 40] });
const PNG_BLUE = pngImage({ color: [40, 40, 200] });

let server: FixtureServer;
let dataDirectory: { path: string; dispose: () => void };
let store: ImageStore;
/** The most requests the server held open at once during a test. */
let concurrent = 0;
let maxConcurrent = 0;

function url(path: string): string {
  return server.url(path);
}

/** fetchResource for the fixture server; any other host fails as unresolvable without a DNS query (tests stay off the network). */
const localFetch: ImageFetcher = (target, options) => {
  if (new URL(target).origin !== server.origin) {
    return Promise.reject(
      new FetchError('dns', target, `GET ${target}: not the fixture server, not resolved in tests`),
    );
  }
  return fetchResource(target, options);
};

function cache(html: string, options: Partial<CacheArticleImagesOptions> = {}): Promise<CachedArticleImages> {
  return cacheArticleImages(html, url('/news/2025/story.html'), { store, fetch: localFetch, ...options });
}

/** localFetch that also writes down every URL requested. */
function recordingFetch(requested: string[]): ImageFetcher {
  return (target, options) => {
    requested.push(target);
    return localFetch(target, options);
  };
}

function filesIn(directory: string): string[] {
  try {
    return readdirSync(directory, { recursive: true, encoding: 'utf8' }).filter((name) =>
      statSync(join(directory, name)).isFile(),
    );
  } catch {
    return [];
  }
}

beforeAll(async () => {
  server = await startFixtureServer({
    '/img/red.png': serve(PNG_RED, 'image/png'),
    '/img/green.png': serve(PNG_GREEN, 'image/png'),
    '/img/blue.png': serve(PNG_BLUE, 'image/png'),
    '/img/copy-of-red.png': serve(PNG_RED, 'image/png'),
    '/img/photo.jpg': serve(JPEG_3X2, 'image/jpeg'),
    '/img/anim.gif': serve(GIF_3X2, 'image/gif'),
    '/img/lossy.webp': serve(WEBP_3X2, 'image/webp'),
    '/img/untyped.webp': serve(WEBP_LOSSLESS_3X2, 'application/octet-stream'),
    '/img/dot.gif': serve(GIF_1X1, 'image/gif'),
    '/img/page.png': serve('<!doctype html><title>Sign in</title>', 'text/html; charset=utf-8'),
    '/img/html-as.png': serve('<!doctype html><title>Sign in</title>', 'image/png'),
    '/img/jpeg-as.png': serve(JPEG_3X2, 'image/png'),
    '/img/logo.svg': serve('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'image/svg+xml'),
    '/img/moved.png': (_request, response) => {
      response.writeHead(302, { location: '/img/blue.png' }).end();
    },
    '/img/slow.png': (_request, response) => {
      // Headers, then nothing: the total timeout has to end it.
      response.writeHead(200, { 'content-type': 'image/png' });
      response.write(PNG_RED.subarray(0, 8));
    },
    '/img/pixel': serve(GIF_1X1, 'image/gif'),
    '/held.png': (request, response) => {
      // Held open briefly so concurrent requests overlap and the peak can be observed.
      concurrent += 1;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      const color = Number(new URL(request.url ?? '/', 'http://fixture.invalid').searchParams.get('c') ?? 0);
      setTimeout(() => {
        concurrent -= 1;
        response.writeHead(200, { 'content-type': 'image/png' }).end(pngImage({ color: [color, 1, 2] }));
      }, 20);
    },
  });
  for (const size of [2000, 2500, 3000]) {
    server.route(`/img/big-${size}.png`, serve(pngImage({ color: [size % 256, 3, 3], padding: size }), 'image/png'));
  }
  for (const width of [480, 800, 1600, 2400]) {
    server.route(
      `/img/sized-${width}.png`,
      serve(pngImage({ width: width / 80, color: [width % 256, 5, 5] }), 'image/png'),
    );
  }
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  dataDirectory = createTempDirectory('image-cache');
  store = new ImageStore(dataDirectory.path);
  concurrent = 0;
  maxConcurrent = 0;
});

afterEach(() => {
  dataDirectory.dispose();
});

describe('cacheArticleImages', () => {
  it('stores PNG, JPEG, GIF and WebP and points the HTML at the local copies', async () => {
    const html =
      '<p>Lead</p><img src="/img/red.png" alt="Red"><img src="/img/photo.jpg" alt="Photo" width="300"><img src="/img/anim.gif" title="Anim"><img src="/img/lossy.webp" alt="">';
    const result = await cache(html);
    expect(result.failures).toEqual([]);
    expect(result.images.map((image) => [image.url, image.type, image.width, image.height])).toEqual([
      [url('/img/red.png'), 'image/png', 2, 2],
      [url('/img/photo.jpg'), 'image/jpeg', 3, 2],
      [url('/img/anim.gif'), 'image/gif', 3, 2],
      [url('/img/lossy.webp'), 'image/webp', 3, 2],
    ]);
    const [red, photo, gif, webp] = result.images;
    expect(result.html).toBe(
      `<p>Lead</p><img src="${localImageUrl(red?.hash ?? '', 'image/png')}" alt="Red">` +
        `<img src="${localImageUrl(photo?.hash ?? '', 'image/jpeg')}" alt="Photo" width="300">` +
        `<img src="${localImageUrl(gif?.hash ?? '', 'image/gif')}" title="Anim">` +
        `<img src="${localImageUrl(webp?.hash ?? '', 'image/webp')}" alt="">`,
    );
    expect(result.bytes).toBe(PNG_RED.length + JPEG_3X2.length + GIF_3X2.length + WEBP_3X2.length);
    for (const image of result.images) expect((await store.read(image.hash))?.type).toBe(image.type);
  });

  it('resolves relative URLs against the page and leaves the rest of the HTML byte for byte', async () => {
    const html =
      '<h1 class=x>Title</h1>\n<figure><img src="../../img/red.png" alt="A &amp; B"><figcaption>Cap</figcaption></figure><!-- c -->';
    const result = await cache(html);
    expect(result.images.map((image) => image.url)).toEqual([url('/img/red.png')]);
    expect(result.html).toBe(
      `<h1 class=x>Title</h1>\n<figure><img src="${localImageUrl(result.images[0]?.hash ?? '', 'image/png')}" alt="A &amp; B"><figcaption>Cap</figcaption></figure><!-- c -->`,
    );
  });

  it('fetches the same URL once and stores the same bytes from two URLs once', async () => {
    const html = '<img src="/img/red.png"><img src="/img/red.png" alt="again"><img src="/img/copy-of-red.png">';
    const before = server.hits('/img/red.png');
    const result = await cache(html);
    expect(server.hits('/img/red.png') - before).toBe(1);
    expect(result.images.map((image) => image.url)).toEqual([url('/img/red.png'), url('/img/copy-of-red.png')]);
    expect(result.images[0]?.hash).toBe(result.images[1]?.hash);
    expect(filesIn(store.directory)).toHaveLength(1);
    expect(result.bytes).toBe(PNG_RED.length);
    const local = localImageUrl(result.images[0]?.hash ?? '', 'image/png');
    expect(result.html.split(local)).toHaveLength(4);
  });

  it('keeps images the article already has on disk without asking for them again', async () => {
    const first = await cache('<img src="/img/red.png" alt="R">');
    const red = first.images[0];
    if (red === undefined) throw new Error('red.png was not cached');
    const requested: string[] = [];
    const known = new Map([[red.url, red]]);
    const again = await cache('<img src="/img/red.png" alt="R"><img src="/img/blue.png">', {
      known,
      fetch: recordingFetch(requested),
    });
    expect(requested).toEqual([url('/img/blue.png')]);
    expect(again.images.map((image) => image.url)).toEqual([url('/img/red.png'), url('/img/blue.png')]);
    expect(again.html).toContain(localImageUrl(red.hash, 'image/png'));
    // A known image whose file has gone (a damaged or pruned cache) is fetched again.
    const emptied = new ImageStore(join(dataDirectory.path, 'elsewhere'));
    const refetched: string[] = [];
    await cacheArticleImages('<img src="/img/red.png">', url('/news/2025/story.html'), {
      store: emptied,
      fetch: recordingFetch(refetched),
      known,
    });
    expect(refetched).toEqual([url('/img/red.png')]);
  });

  it('picks one srcset candidate (widest up to 1600 px) and drops srcset', async () => {
    const html =
      '<img src="/img/sized-480.png" srcset="/img/sized-800.png 800w, /img/sized-2400.png 2400w, /img/sized-1600.png 1600w" sizes="100vw" alt="S">';
    const before = ['480', '800', '1600', '2400'].map((width) => server.hits(`/img/sized-${width}.png`));
    const result = await cache(html);
    const after = ['480', '800', '1600', '2400'].map((width) => server.hits(`/img/sized-${width}.png`));
    expect(after.map((hits, index) => hits - (before[index] ?? 0))).toEqual([0, 0, 1, 0]);
    expect(result.images.map((image) => [image.url, image.width])).toEqual([[url('/img/sized-1600.png'), 20]]);
    expect(result.html).not.toMatch(/srcset|sizes/);
  });

  it('falls back to src when the chosen srcset candidate fails', async () => {
    const result = await cache('<img src="/img/green.png" srcset="/img/gone-1200.png 1200w">');
    expect(result.images.map((image) => image.url)).toEqual([url('/img/green.png')]);
    expect(result.failures).toEqual([]);
  });

  it('replaces a <picture> by one local <img>, skipping sources of refused types', async () => {
    const html =
      '<picture><source type="image/svg+xml" srcset="/img/logo.svg"><source type="image/webp" srcset="/img/lossy.webp 1200w"><img src="/img/photo.jpg" alt="P"></picture>';
    const before = server.hits('/img/logo.svg');
    const result = await cache(html);
    expect(server.hits('/img/logo.svg')).toBe(before);
    expect(result.images.map((image) => image.url)).toEqual([url('/img/lossy.webp')]);
    expect(result.html).toBe(
      `<picture><img src="${localImageUrl(result.images[0]?.hash ?? '', 'image/webp')}" alt="P"></picture>`,
    );
  });

  it('follows redirects and records the URL the article named', async () => {
    const result = await cache('<img src="/img/moved.png">');
    expect(result.images).toMatchObject([{ url: url('/img/moved.png'), type: 'image/png' }]);
    expect(result.images[0]?.hash).toBe((await store.put(PNG_BLUE, 'image/png')).hash);
  });

  it('turns a 404 into a placeholder that keeps alt and size, and records why', async () => {
    const result = await cache(
      '<p><img src="/img/missing.png" alt="Chart of &quot;exports&quot;" width="640" height="480"></p>',
    );
    expect(result.html).toBe(
      '<p><img data-offprint-missing="http-404" alt="Chart of &quot;exports&quot;" width="640" height="480"></p>',
    );
    expect(result.failures.map((failure) => ({ url: failure.url, code: failure.code }))).toEqual([
      { url: url('/img/missing.png'), code: 'http-404' },
    ]);
    expect(result.failures[0]?.reason).toMatch(/GET .*\/img\/missing\.png: server answered 404/);
    expect(result.images).toEqual([]);
  });

  it.each([
    ['text/html at an image URL', '/img/page.png', 'unsupported-type', /answered text\/html, not one of image\/png/],
    ['HTML labelled image/png', '/img/html-as.png', 'type-mismatch', /claimed as image\/png are not an allowed image/],
    ['JPEG bytes labelled image/png', '/img/jpeg-as.png', 'type-mismatch', /claimed as image\/png are image\/jpeg/],
    ['SVG', '/img/logo.svg', 'unsupported-type', /image\/svg\+xml.*SVG is refused/],
  ])('refuses %s', async (_name, path, code, reason) => {
    const result = await cache(`<img src="${path}" alt="x">`);
    expect(result.failures.map((failure) => ({ url: failure.url, code: failure.code }))).toEqual([
      { url: url(path), code },
    ]);
    expect(result.failures[0]?.reason).toMatch(reason);
    expect(result.html).toBe(`<img data-offprint-missing="${code}" alt="x">`);
    expect(filesIn(store.directory)).toEqual([]);
  });

  it('trusts the bytes when the server sends no image type at all', async () => {
    const result = await cache('<img src="/img/untyped.webp">');
    expect(result.images).toMatchObject([{ type: 'image/webp', width: 3, height: 2 }]);
  });

  it('enforces the per-image cap', async () => {
    const result = await cache('<img src="/img/big-2000.png"><img src="/img/red.png">', { maxImageBytes: 1500 });
    expect(result.failures).toMatchObject([{ url: url('/img/big-2000.png'), code: 'too-large' }]);
    expect(result.images.map((image) => image.url)).toEqual([url('/img/red.png')]);
  });

  it('enforces the per-article cap on distinct bytes', async () => {
    const html =
      '<img src="/img/big-2000.png"><img src="/img/copy-of-red.png"><img src="/img/big-2500.png"><img src="/img/red.png"><img src="/img/big-3000.png">';
    // One download at a time makes the order in which the budget is spent the document order.
    const result = await cache(html, { maxImageBytes: 4000, maxArticleBytes: 5000, concurrency: 1 });
    expect(result.images.map((image) => image.url)).toEqual([
      url('/img/big-2000.png'),
      url('/img/copy-of-red.png'),
      url('/img/big-2500.png'),
      url('/img/red.png'),
    ]);
    expect(result.failures).toMatchObject([{ url: url('/img/big-3000.png'), code: 'article-too-large' }]);
    expect(result.bytes).toBeLessThanOrEqual(5000);
    expect(result.html).toContain('data-offprint-missing="article-too-large"');
  });

  it('gives up on a server that never finishes', async () => {
    const result = await cache('<img src="/img/slow.png">', { fetchLimits: { totalTimeoutMs: 300 } });
    expect(result.failures).toMatchObject([{ url: url('/img/slow.png'), code: 'timeout' }]);
    expect(result.html).toBe('<img data-offprint-missing="timeout">');
  });

  it('drops tracking pixels without fetching them, and 1×1 files unless the page sizes them', async () => {
    const requested: string[] = [];
    const fetch = recordingFetch(requested);
    const html = [
      '<p>a</p><img src="/img/red.png" width="1" height="1">',
      '<img src="https://www.google-analytics.com/collect?v=1&amp;t=pageview">',
      '<img src="https://www.facebook.com/tr?id=1&amp;ev=PageView">',
      '<img src="/img/pixel?id=9">',
      '<img src="/img/dot.gif">',
      '<img src="/img/dot.gif" width="400" height="300" alt="Swatch"><p>b</p>',
    ].join('');
    const result = await cache(html, { fetch });
    expect(requested).toEqual([url('/img/dot.gif')]);
    expect(result.images).toMatchObject([{ url: url('/img/dot.gif'), width: 1, height: 1 }]);
    expect(result.html).toBe(
      `<p>a</p><img src="${localImageUrl(result.images[0]?.hash ?? '', 'image/gif')}" alt="Swatch" width="400" height="300"><p>b</p>`,
    );
    expect(result.failures).toEqual([]);
  });

  it('ignores data: and javascript: sources but uses a lazy-loading source beside them', async () => {
    const requested: string[] = [];
    const fetch = recordingFetch(requested);
    const html =
      '<img src="javascript:alert(1)" alt="j"><img src="data:image/png;base64,iVBORw0KGgo=" alt="d"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/img/green.png" alt="lazy">';
    const result = await cache(html, { fetch });
    expect(requested).toEqual([url('/img/green.png')]);
    expect(result.failures).toEqual([]);
    expect(result.html).toBe(
      '<img data-offprint-missing="unsupported-source" alt="j"><img data-offprint-missing="unsupported-source" alt="d">' +
        `<img src="${localImageUrl(result.images[0]?.hash ?? '', 'image/png')}" alt="lazy">`,
    );
  });

  it('leaves no remote image reference in the output', async () => {
    const html = [
      '<img src="/img/red.png" srcset="/img/red.png 1x, /img/green.png 2x" data-src="/img/blue.png" data-original="https://cdn.invalid/a.png" longdesc="https://x.invalid/d">',
      '<img src="/img/missing.png" srcset="https://cdn.invalid/missing-2x.png 2x">',
      '<picture><source srcset="//cdn.invalid/p.webp 1x"><source srcset="/img/gone.webp 1200w"><img src="https://cdn.invalid/p.jpg"></picture>',
      '<img src="/img/page.png"><img src="/img/slow.png"><img src="https://www.facebook.com/tr?id=1" width="1" height="1">',
      '<IMG SRC=/img/html-as.png SRCSET="https://cdn.invalid/z.png 300w"><img src="/img/jpeg-as.png"',
    ].join('\n');
    const result = await cache(html, { fetchLimits: { totalTimeoutMs: 300 } });
    expect(result.failures.map((failure) => failure.code)).toEqual([
      'dns',
      'http-404',
      'http-404',
      'dns',
      'unsupported-type',
      'timeout',
      'dns',
      'type-mismatch',
    ]);
    expect(result.html).not.toMatch(REMOTE_IMAGE_REFERENCE);
    expect(result.html).not.toMatch(/https?:|\/\/cdn|srcset|<source/i);
    expect(result.html.match(/<img /g)).toHaveLength(6);
  });

  it('keeps at most `concurrency` downloads in flight, and the host limiter tighter still', async () => {
    const article = (first: number): string =>
      Array.from({ length: 8 }, (_, index) => `<img src="/held.png?c=${first + index}">`).join('');
    const wide = await cache(article(0), { concurrency: 3 });
    expect(wide.images).toHaveLength(8);
    expect(maxConcurrent).toBeLessThanOrEqual(3);
    maxConcurrent = 0;
    const polite = await cache(article(10), { concurrency: 4, limiter: new HostLimiter({ perHost: 1 }) });
    expect(polite.images).toHaveLength(8);
    expect(maxConcurrent).toBe(1);
  });

  it('rejects when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('user cancelled'));
    await expect(cache('<img src="/img/red.png">', { signal: controller.signal })).rejects.toThrow(
      /cacheArticleImages: aborted while caching the images of .*story\.html/,
    );
  });

  it('rejects when the store cannot write, rather than calling the image missing', async () => {
    const broken: Pick<ImageStore, 'put' | 'has'> = {
      put: () => Promise.reject(new Error('ImageStore.put: cannot write /full/disk')),
      has: () => Promise.resolve(false),
    };
    await expect(cache('<img src="/img/red.png">', { store: broken })).rejects.toThrow('cannot write /full/disk');
  });
});
