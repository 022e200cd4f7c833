/**
 * Why a page yielded no article, as a stable code for programs (ingest keeps
 * the feed's summary and records the code; a `no-article` page is not
 * retried as eagerly as a network failure) plus a message naming the URL.
 */
export type ExtractionErrorCode = 'not-html' | 'no-article' | 'too-large';

export class ExtractionError extends Error {
  readonly code: ExtractionErrorCode;
  readonly url: string;

  constructor(code: ExtractionErrorCode, url: string, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ExtractionError';
    this.code = code;
    this.url = url;
  }
}
