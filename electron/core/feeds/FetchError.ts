/**
 * Why a fetch failed, as a stable code for programs (ingest decides on
 * backoff, retry or "feed gone" from it) plus a one-sentence message for
 * people that names the URL.
 */
export type FetchErrorCode =
  | 'bad-url'
  | 'unsupported-scheme'
  | 'dns'
  | 'connect-timeout'
  | 'timeout'
  | 'connection'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'too-large'
  | 'decompressed-too-large'
  | 'bad-encoding'
  | `http-${number}`
  | 'aborted';

export interface FetchErrorDetails {
  /** The HTTP status for `http-<status>` errors. */
  readonly httpStatus?: number | null;
  /** Seconds to wait before retrying, from Retry-After on 429 and 503 answers. */
  readonly retryAfterSeconds?: number | null;
  readonly cause?: unknown;
}

export class FetchError extends Error {
  readonly code: FetchErrorCode;
  /** The URL the caller asked for (the message also names the redirect target, if any). */
  readonly url: string;
  readonly httpStatus: number | null;
  readonly retryAfterSeconds: number | null;

  constructor(code: FetchErrorCode, url: string, message: string, details: FetchErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'FetchError';
    this.code = code;
    this.url = url;
    this.httpStatus = details.httpStatus ?? null;
    this.retryAfterSeconds = details.retryAfterSeconds ?? null;
  }
}
