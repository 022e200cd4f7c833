import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImageStore } from '../../../electron/core/extract/images/ImageStore.ts';
import { localImageUrl } from '../../../electron/core/extract/images/localImageUrl.ts';
import { serveCachedImage } from '../../../electron/main/protocol/serveCachedImage.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import { GIF_3X2, pngImage } from '../extract/images/imageFixtures.ts';

const HASH = 'ab'.repeat(32);

/** A store that must not be asked: the URL alone decides the answer. */
function untouchedStore() {
  return { read: vi.fn(() => Promise.reject(new Error('the store was read'))) };
}

function expectNoCaching(response: Response): void {
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
}

describe('serveCachedImage over a real ImageStore', () => {
  let dataDirectory: ReturnType<typeof createTempDirectory>;
  let store: ImageStore;

  beforeEach(() => {
    dataDirectory = createTempDirectory('serve-cached-image');
    store = new ImageStore(dataDirectory.path);
  });

  afterEach(() => {
    dataDirectory.dispose();
  });

  it('serves the stored bytes with their type, length and content-addressed caching', async () => {
    const png = pngImage();
    const { hash } = await store.put(png, 'image/png');
    const response = await serveCachedImage({ images: store })(new Request(localImageUrl(hash, 'image/png')));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-length')).toBe(String(png.byteLength));
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(response.headers.has('cross-origin-resource-policy')).toBe(false);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(png);
  });

  it('accepts the trailing slash Chromium adds to a standard scheme', async () => {
    const { hash } = await store.put(GIF_3X2, 'image/gif');
    const response = await serveCachedImage({ images: store })(new Request(`${localImageUrl(hash, 'image/gif')}/`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/gif');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(GIF_3X2);
  });

  it('answers HEAD with the headers and no body', async () => {
    const png = pngImage({ padding: 100 });
    const { hash } = await store.put(png, 'image/png');
    const response = await serveCachedImage({ images: store })(
      new Request(localImageUrl(hash, 'image/png'), { method: 'HEAD' }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-length')).toBe(String(png.byteLength));
    expect(response.body).toBeNull();
  });

  it('answers 404, not cached, for a hash the store does not hold', async () => {
    const response = await serveCachedImage({ images: store })(new Request(localImageUrl(HASH, 'image/png')));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expectNoCaching(response);
  });

  it('answers 404 when the URL extension names another type than the stored one', async () => {
    const { hash } = await store.put(pngImage(), 'image/png');
    const handle = serveCachedImage({ images: store });
    for (const type of ['image/jpeg', 'image/gif', 'image/webp', 'image/avif'] as const) {
      const response = await handle(new Request(localImageUrl(hash, type)));
      expect(response.status, type).toBe(404);
      expectNoCaching(response);
    }
  });
});

describe('serveCachedImage refusals', () => {
  it.each([
    ['upper-case hex', `offprint-image://${HASH.toUpperCase()}.png`],
    ['63 hex digits', `offprint-image://${HASH.slice(1)}.png`],
    ['65 hex digits', `offprint-image://${HASH}a.png`],
    ['an svg', `offprint-image://${HASH}.svg`],
    ['an upper-case extension', `offprint-image://${HASH}.PNG`],
    ['no extension', `offprint-image://${HASH}`],
    ['a query string', `offprint-image://${HASH}.png?size=large`],
    ['a fragment', `offprint-image://${HASH}.png#x`],
    ['a dot-dot segment', `offprint-image://${HASH}.png/../../etc/passwd`],
    ['a dot-dot host', `offprint-image://../${HASH}.png`],
    ['an encoded dot-dot', `offprint-image://${HASH}.png/%2e%2e/secret`],
    ['an extra path segment', `offprint-image://${HASH}.png/more`],
    ['two trailing slashes', `offprint-image://${HASH}.png//`],
    ['the hash as a path', `offprint-image:///${HASH}.png`],
    ['a port', `offprint-image://${HASH}.png:80`],
    ['the app scheme', `offprint-app://${HASH}.png`],
    ['https', `https://${HASH}.png/`],
    ['file', `file:///images/ab/${HASH}.png`],
  ])('answers 400 to %s without asking the store', async (_name, url) => {
    const images = untouchedStore();
    const response = await serveCachedImage({ images })(new Request(url));
    expect(response.status).toBe(400);
    expectNoCaching(response);
    expect(images.read).not.toHaveBeenCalled();
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS'])('answers 405 to %s without asking the store', async (method) => {
    const images = untouchedStore();
    const body = method === 'POST' || method === 'PUT' ? 'x' : null;
    const response = await serveCachedImage({ images })(
      new Request(localImageUrl(HASH, 'image/png'), { method, body }),
    );
    expect(response.status).toBe(405);
    expect(images.read).not.toHaveBeenCalled();
  });

  it('answers 500 naming the hash when the store cannot read, and does not throw', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const images = { read: vi.fn(() => Promise.reject(new Error('EIO: i/o error'))) };
      const response = await serveCachedImage({ images })(new Request(localImageUrl(HASH, 'image/png')));
      expect(images.read).toHaveBeenCalledWith(HASH);
      expect(response.status).toBe(500);
      expect(await response.text()).toContain(HASH);
      expectNoCaching(response);
      expect(consoleError).toHaveBeenCalledOnce();
    } finally {
      consoleError.mockRestore();
    }
  });
});
