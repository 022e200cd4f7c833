import { FetchError } from '../../feeds/FetchError.ts';
import { fetchResource } from '../../feeds/fetchResource.ts';
import type { FetchLimits, FetchOptions, FetchResult } from '../../feeds/fetchResource.ts';
import type { HostLimiter } from '../../feeds/HostLimiter.ts';
import type { CachedImage, ImageFailure, MissingImageReason } from './CachedImage.ts';
import { findArticleImages } from './findArticleImages.ts';
import type { ArticleImage } from './findArticleImages.ts';
import { imageHash } from './ImageStore.ts';
import type { ImageStore, StoredImage } from './ImageStore.ts';
import { contentTypeEssence, IMAGE_TYPES, parseImageContentType } from './ImageType.ts';
import { localImageUrl } from './localImageUrl.ts';
import { probeImage } from './probeImage.ts';
import type { ImageProbe } from './probeImage.ts';

/** The network seam: fetchResource in the app, anything with its signature in tests. */
export type ImageFetcher = (url: string, options: FetchOptions) => Promise<FetchResult>;

export interface CacheArticleImagesOptions {
  readonly store: Pick<ImageStore, 'put' | 'has'>;
  /**
   * Images this article already has on disk, by URL (a retry after some
   * failed): each is kept as it is, without a request, while its file exists.
   */
  readonly known?: ReadonlyMap<string, CachedImage>;
  /** Defaults to fetchResource. */
  readonly fetch?: ImageFetcher;
  /** Shared with the rest of ingest, so articles from one site together stay polite. */
  readonly limiter?: HostLimiter;
  readonly signal?: AbortSignal;
  /** Largest image kept, in bytes (default 5 MB). */
  readonly maxImageBytes?: number;
  /** Largest total of distinct images kept for one article (default 25 MB). */
  readonly maxArticleBytes?: number;
  /** Downloads at once for this article (default 4). */
  readonly concurrency?: number;
  /** srcset choice: the widest candidate up to this many pixels (default 1600). */
  readonly maxCandidateWidth?: number;
  /** Timeouts, redirects, user agent; the byte caps come from maxImageBytes. */
  readonly fetchLimits?: Partial<Omit<FetchLimits, 'maxBytes' | 'maxDecodedBytes'>>;
}

export interface CachedArticleImages {
  /** The article with every kept image pointing at its local URL and every other one a placeholder or gone. */
  readonly html: string;
  /** One entry per image URL kept, in document order. */
  readonly images: readonly CachedImage[];
  /** One entry per image URL that could not be kept, in document order. */
  readonly failures: readonly ImageFailure[];
  /** Total size of the distinct files the article's images use. */
  readonly bytes: number;
}

const MEGABYTE = 1024 * 1024;
export const DEFAULT_MAX_IMAGE_BYTES = 5 * MEGABYTE;
export const DEFAULT_MAX_ARTICLE_BYTES = 25 * MEGABYTE;
export const DEFAULT_IMAGE_CONCURRENCY = 4;

export const DEFAULT_IMAGE_FETCH_LIMITS: Readonly<Partial<FetchLimits>> = Object.freeze({
  accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1',
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxRedirects: 5,
});

/** Attributes a rewritten image keeps: nothing that can name a URL, nothing the sanitizer would drop anyway. */
const KEPT_ATTRIBUTES = ['alt', 'title', 'width', 'height', 'lang', 'dir'] as const;
/** Content types that claim nothing: the bytes decide (S3 and many CDNs serve images so). */
const UNTYPED = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

type Download =
  | { readonly ok: true; readonly bytes: Buffer; readonly hash: string; readonly probe: ImageProbe }
  | { readonly ok: false; readonly failure: ImageFailure };

type Outcome =
  | { readonly kind: 'drop' }
  | { readonly kind: 'kept'; readonly image: CachedImage }
  | { readonly kind: 'missing'; readonly reason: MissingImageReason; readonly failures: readonly ImageFailure[] };

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Downloads an article's images into the ImageStore and rewrites the HTML to
 * match: each kept image becomes `<img src="offprint-image://…">` (srcset and
 * `<source>` removed), each image that cannot be kept becomes
 * `<img data-offprint-missing="<reason>" alt="…">` without src, and tracking
 * pixels disappear. No http(s) image URL survives in the output.
 *
 * The same URL is fetched once; the same bytes from two URLs are stored once.
 * Rejects only when the caller aborts or the store cannot write; every
 * network or content problem is a failure in the result.
 */
export async function cacheArticleImages(
  html: string,
  baseUrl: string,
  options: CacheArticleImagesOptions,
): Promise<CachedArticleImages> {
  const scan = findArticleImages(html, baseUrl, { maxCandidateWidth: options.maxCandidateWidth });
  const cache = new ArticleImageCache(options);
  const settled = await Promise.allSettled(scan.images.map((image) => cache.resolve(image)));
  if (options.signal?.aborted === true) {
    throw new Error(`cacheArticleImages: aborted while caching the images of ${baseUrl}`, {
      cause: options.signal.reason,
    });
  }
  const outcomes = settled.map((result) => {
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  });

  const edits: Edit[] = [];
  const images = new Map<string, CachedImage>();
  const failures = new Map<string, ImageFailure>();
  scan.images.forEach((image, index) => {
    const outcome = outcomes[index];
    if (outcome === undefined) return;
    for (const removal of image.removals) edits.push({ ...removal, text: '' });
    edits.push({ ...image.span, text: replacementFor(image, outcome) });
    if (outcome.kind === 'kept' && !images.has(outcome.image.url)) images.set(outcome.image.url, outcome.image);
    if (outcome.kind === 'missing') {
      for (const failure of outcome.failures) if (!failures.has(failure.url)) failures.set(failure.url, failure);
    }
  });
  const sizes = new Map([...images.values()].map((image) => [image.hash, image.bytes]));
  return {
    html: applyEdits(html.slice(0, scan.end), edits),
    images: [...images.values()],
    failures: [...failures.values()],
    bytes: [...sizes.values()].reduce((total, size) => total + size, 0),
  };
}

/** The per-article state: URL and hash memos, the byte budget, the download slots. */
class ArticleImageCache {
  readonly #options: CacheArticleImagesOptions;
  readonly #fetch: ImageFetcher;
  readonly #maxImageBytes: number;
  readonly #maxArticleBytes: number;
  readonly #slots: Slots;
  readonly #downloads = new Map<string, Promise<Download>>();
  readonly #stored = new Map<string, Promise<StoredImage>>();
  /** Bytes of the distinct images admitted so far; a hash is counted once however many URLs serve it. */
  readonly #admitted = new Set<string>();
  #spentBytes = 0;

  constructor(options: CacheArticleImagesOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? fetchResource;
    this.#maxImageBytes = options.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES;
    this.#maxArticleBytes = options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
    this.#slots = new Slots(options.concurrency ?? DEFAULT_IMAGE_CONCURRENCY);
  }

  async resolve(image: ArticleImage): Promise<Outcome> {
    if (image.tracking !== null) return { kind: 'drop' };
    if (image.candidates.length === 0) return { kind: 'missing', reason: 'unsupported-source', failures: [] };
    const failures: ImageFailure[] = [];
    for (const url of image.candidates) {
      const known = this.#options.known?.get(url);
      if (known !== undefined && (await this.#options.store.has(known.hash))) return { kind: 'kept', image: known };
      const download = await this.#download(url);
      if (!download.ok) {
        failures.push(download.failure);
        continue;
      }
      const { width, height } = download.probe;
      // A 1×1 file is a beacon unless the page stretches it on purpose.
      if (!image.sized && ((width !== undefined && width <= 1) || (height !== undefined && height <= 1))) {
        return { kind: 'drop' };
      }
      const stored = await this.#store(download);
      return {
        kind: 'kept',
        image: {
          url,
          hash: stored.hash,
          type: stored.type,
          bytes: stored.bytes,
          ...(width === undefined ? {} : { width }),
          ...(height === undefined ? {} : { height }),
        },
      };
    }
    return { kind: 'missing', reason: failures[0]?.code ?? 'fetch-failed', failures };
  }

  #download(url: string): Promise<Download> {
    let download = this.#downloads.get(url);
    if (download === undefined) {
      download = this.#slots.run(() => this.#fetchImage(url));
      this.#downloads.set(url, download);
    }
    return download;
  }

  #store(download: Download & { ok: true }): Promise<StoredImage> {
    let stored = this.#stored.get(download.hash);
    if (stored === undefined) {
      stored = this.#options.store.put(download.bytes, download.probe.type);
      this.#stored.set(download.hash, stored);
    }
    return stored;
  }

  async #fetchImage(url: string): Promise<Download> {
    const fail = (code: ImageFailure['code'], reason: string): Download => ({
      ok: false,
      failure: { url, code, reason },
    });
    const remaining = this.#maxArticleBytes - this.#spentBytes;
    if (remaining <= 0) {
      return fail(
        'article-too-large',
        `GET ${url}: skipped, the article's ${formatBytes(this.#maxArticleBytes)} image budget is spent`,
      );
    }
    const limit = Math.min(this.#maxImageBytes, remaining);
    let result: FetchResult;
    try {
      result = await this.#fetch(url, {
        ...DEFAULT_IMAGE_FETCH_LIMITS,
        ...this.#options.fetchLimits,
        maxBytes: limit,
        maxDecodedBytes: limit,
        ...(this.#options.limiter === undefined ? {} : { limiter: this.#options.limiter }),
        ...(this.#options.signal === undefined ? {} : { signal: this.#options.signal }),
      });
    } catch (error) {
      if (!(error instanceof FetchError)) {
        return fail('fetch-failed', `GET ${url}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const overBudget =
        limit < this.#maxImageBytes && (error.code === 'too-large' || error.code === 'decompressed-too-large');
      return overBudget
        ? fail(
            'article-too-large',
            `${error.message} (what is left of the article's ${formatBytes(this.#maxArticleBytes)} image budget)`,
          )
        : fail(error.code, error.message);
    }
    if (result.status !== 'ok') return fail('http-304', `GET ${url}: server answered 304 to an unconditional request`);
    const essence = contentTypeEssence(result.contentType);
    const claimed = parseImageContentType(essence);
    const probe = probeImage(result.body);
    if (claimed === null && !(UNTYPED.has(essence) && probe !== null)) {
      const policy = essence === 'image/svg+xml' ? ' (SVG is refused: it is a document, not a picture)' : '';
      return fail(
        'unsupported-type',
        `GET ${url}: answered ${essence === '' ? 'without a Content-Type' : essence}, not one of ${IMAGE_TYPES.join(', ')}${policy}`,
      );
    }
    if (probe === null || (claimed !== null && probe.type !== claimed)) {
      return fail(
        'type-mismatch',
        `GET ${url}: ${result.body.length} bytes claimed as ${claimed ?? essence} are ${probe === null ? 'not an allowed image' : probe.type}`,
      );
    }
    const hash = imageHash(result.body);
    if (!this.#admitted.has(hash)) {
      // Counted when downloaded, not when stored: concurrent downloads then never overspend together.
      if (this.#spentBytes + result.body.length > this.#maxArticleBytes) {
        return fail(
          'article-too-large',
          `GET ${url}: ${result.body.length} bytes would pass the article's ${formatBytes(this.#maxArticleBytes)} image budget`,
        );
      }
      this.#admitted.add(hash);
      this.#spentBytes += result.body.length;
    }
    return { ok: true, bytes: result.body, hash, probe };
  }
}

/** A counting semaphore: at most `limit` tasks run at once, the rest start in arrival order. */
class Slots {
  readonly #limit: number;
  readonly #waiting: (() => void)[] = [];
  #running = 0;

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`cacheArticleImages: concurrency must be a positive integer, got ${String(limit)}`);
    }
    this.#limit = limit;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#limit) {
      await new Promise<void>((resolve) => {
        this.#waiting.push(resolve);
      });
    } else {
      this.#running += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      // The slot passes straight to the next waiter: the running count stays the same.
      if (next === undefined) this.#running -= 1;
      else next();
    }
  }
}

function replacementFor(image: ArticleImage, outcome: Outcome): string {
  if (outcome.kind === 'drop') return '';
  const kept = KEPT_ATTRIBUTES.flatMap((name) => {
    const value = image.attributes[name];
    return value === undefined ? [] : [` ${name}="${escapeAttribute(value)}"`];
  }).join('');
  if (outcome.kind === 'kept') {
    return `<img src="${localImageUrl(outcome.image.hash, outcome.image.type)}"${kept}>`;
  }
  return `<img data-offprint-missing="${outcome.reason}"${kept}>`;
}

function applyEdits(html: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((left, right) => left.start - right.start);
  let output = '';
  let position = 0;
  for (const edit of sorted) {
    if (edit.start < position) continue; // overlapping spans cannot come from one parse; ignore defensively
    output += html.slice(position, edit.start) + edit.text;
    position = edit.end;
  }
  return output + html.slice(position);
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function formatBytes(bytes: number): string {
  return bytes >= MEGABYTE && bytes % MEGABYTE === 0 ? `${bytes / MEGABYTE} MB` : `${bytes} bytes`;
}
