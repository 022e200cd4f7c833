import { decodeBody, sniffContentKind } from '../feeds/decodeBody.ts';
import type { FetchOptions, FetchResult } from '../feeds/fetchResource.ts';
import { ExtractionError } from '../extract/article/ExtractionError.ts';
import { MAX_HTML_LENGTH } from '../extract/article/extractArticle.ts';

export type PageFetcher = (url: string, options: FetchOptions) => Promise<FetchResult>;

export interface ArticlePage {
  /** The page's address after redirects: links and images resolve against it. */
  readonly url: string;
  readonly html: string;
  /** Bytes received (after Content-Encoding). */
  readonly bytes: number;
}

/** The same limits as feeds (timeouts, redirects), with a page-sized byte cap and an HTML Accept. */
export const PAGE_FETCH_LIMITS = Object.freeze({
  accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
  maxBytes: 5 * 1024 * 1024,
  maxDecodedBytes: MAX_HTML_LENGTH,
});

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
/** Types that claim nothing: the bytes decide. */
const UNTYPED = new Set(['', 'text/plain', 'application/octet-stream']);

/**
 * Fetches an article's web page and decodes it (charset from the header or
 * the page's own <meta>). Throws the fetcher's FetchError for network and
 * HTTP failures, and ExtractionError `not-html` for a PDF, an image or a feed.
 */
export async function fetchArticlePage(
  url: string,
  fetch: PageFetcher,
  options: Omit<FetchOptions, 'etag' | 'lastModified'> = {},
): Promise<ArticlePage> {
  const result = await fetch(url, { ...PAGE_FETCH_LIMITS, ...options });
  if (result.status !== 'ok') {
    throw new ExtractionError('not-html', url, `GET ${url}: server answered 304 to an unconditional request`);
  }
  const mediaType = (result.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!HTML_TYPES.has(mediaType) && !UNTYPED.has(mediaType)) {
    throw new ExtractionError('not-html', url, `GET ${url}: answered ${mediaType}, not an HTML page`);
  }
  const html = decodeBody(result.body, result.contentType).text;
  if (!HTML_TYPES.has(mediaType) && sniffContentKind(html, result.contentType) !== 'html') {
    throw new ExtractionError(
      'not-html',
      url,
      `GET ${url}: answered ${mediaType === '' ? 'without a Content-Type' : mediaType} and the body is not HTML`,
    );
  }
  return { url: result.url, html, bytes: result.body.length };
}
