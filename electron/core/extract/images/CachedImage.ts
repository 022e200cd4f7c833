import type { FetchErrorCode } from '../../feeds/FetchError.ts';
import type { ImageType } from './ImageType.ts';

/** One image URL of an article, cached: the row the store keeps (url → local file). */
export interface CachedImage {
  /** The absolute URL the article referenced (before redirects). */
  readonly url: string;
  /** SHA-256 of the bytes: the file in the ImageStore and the local URL. */
  readonly hash: string;
  readonly type: ImageType;
  readonly bytes: number;
  /** Intrinsic size, when the file's header says. */
  readonly width?: number;
  readonly height?: number;
}

/**
 * Why an image could not be cached: the fetcher's codes, plus
 * - `unsupported-type`: the server sent something that is not an allowed raster image (HTML, SVG, …);
 * - `type-mismatch`: the bytes are not the image type the server claimed;
 * - `article-too-large`: the article's image budget was spent;
 * - `fetch-failed`: the fetcher failed in a way it does not classify.
 */
export type ImageFailureCode =
  FetchErrorCode | 'unsupported-type' | 'type-mismatch' | 'article-too-large' | 'fetch-failed';

/** An image that could not be cached; worth retrying later (an article with failures is not fully offline). */
export interface ImageFailure {
  readonly url: string;
  /** One sentence for people, naming the URL. */
  readonly reason: string;
  readonly code: ImageFailureCode;
}

/**
 * What a placeholder's `data-offprint-missing` says: a failure code, or
 * `unsupported-source` for an image with no http(s) source at all (data:,
 * javascript:, empty) — never fetched, so not a failure to retry.
 */
export type MissingImageReason = ImageFailureCode | 'unsupported-source';
