import { parseLocalImageUrl } from '../../core/extract/images/localImageUrl.ts';
import type { ImageStore } from '../../core/extract/images/ImageStore.ts';

export interface ServeCachedImageOptions {
  /** Where the bytes come from: the handler never touches the file system itself. */
  readonly images: Pick<ImageStore, 'read'>;
}

/**
 * Sent with every answer. The CSP only matters if an image (or an error) is
 * opened as a document: then it runs nothing and loads nothing.
 *
 * No Cross-Origin-Resource-Policy: each image is its own origin
 * (`offprint-image://<hash>.<ext>`) on another scheme than the page
 * (`offprint-app://renderer`, or the dev server), so `same-site` or
 * `same-origin` would block the app's own `<img>`; and only the app's pages
 * can ask for the scheme at all.
 */
const COMMON_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; sandbox",
  'X-Content-Type-Options': 'nosniff',
} as const;

function plainText(status: number, message: string): Response {
  // A miss may be filled later (the cache is written while the app runs), so it is never cached.
  return new Response(message, {
    status,
    headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/**
 * The `protocol.handle('offprint-image', …)` handler: cached article images by
 * content address. Only a URL that parseLocalImageUrl accepts reaches the
 * store; anything else is 400 (it names no image at all). A hash the store
 * does not hold, or holds as another type than the URL's extension says, is
 * 404. A failing read is 500. The handler never throws.
 */
export function serveCachedImage({ images }: ServeCachedImageOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plainText(405, 'method not allowed');
    const reference = parseLocalImageUrl(request.url);
    if (reference === null) return plainText(400, 'not a cached image URL');
    let image: Awaited<ReturnType<ImageStore['read']>>;
    try {
      image = await images.read(reference.hash);
    } catch (error) {
      console.error(`serveCachedImage: cannot read image ${reference.hash}:`, error);
      return plainText(500, `cannot read cached image ${reference.hash}`);
    }
    if (image === null || image.type !== reference.type) return plainText(404, 'image not cached');
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(image.bytes), {
      status: 200,
      headers: {
        ...COMMON_HEADERS,
        'Content-Type': image.type,
        'Content-Length': String(image.bytes.byteLength),
        // The name is the hash of the bytes: what it names never changes.
        'Cache-Control': 'private, max-age=31536000, immutable',
      },
    });
  };
}
