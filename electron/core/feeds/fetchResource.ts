import { request as requestHttp, STATUS_CODES } from 'node:http';
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { request as requestHttps } from 'node:https';
import type { LookupFunction, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Transform } from 'node:stream';
import {
  constants as zlibConstants,
  createBrotliDecompress,
  createGunzip,
  createInflate,
  createInflateRaw,
} from 'node:zlib';
import { FetchError } from './FetchError.ts';
import type { FetchErrorCode, FetchErrorDetails } from './FetchError.ts';
import type { HostLimiter } from './HostLimiter.ts';

export interface FetchLimits {
  readonly userAgent: string;
  readonly accept: string;
  /** DNS lookup plus TCP (and TLS) handshake, per request. */
  readonly connectTimeoutMs: number;
  /** Everything from sending the request to the last body byte, summed over redirect hops (time queued in a HostLimiter does not count). */
  readonly totalTimeoutMs: number;
  readonly maxRedirects: number;
  /** Raw bytes on the wire, enforced while streaming and against Content-Length. */
  readonly maxBytes: number;
  /** Bytes after Content-Encoding is undone, enforced while streaming (gzip bombs). */
  readonly maxDecodedBytes: number;
}

const MEGABYTE = 1024 * 1024;

export const DEFAULT_FETCH_LIMITS: FetchLimits = Object.freeze({
  userAgent: 'Offprint/0.1 (+offline news reader; feed fetcher)',
  accept:
    'application/rss+xml, application/atom+xml, application/feed+json, application/xml, text/xml, text/html;q=0.8, */*;q=0.5',
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 60_000,
  maxRedirects: 5,
  maxBytes: 20 * MEGABYTE,
  maxDecodedBytes: 50 * MEGABYTE,
});

export interface FetchOptions extends Partial<FetchLimits> {
  /** Validators from the previous successful fetch; sent as If-None-Match / If-Modified-Since. */
  readonly etag?: string | null;
  readonly lastModified?: string | null;
  readonly signal?: AbortSignal;
  readonly limiter?: HostLimiter;
  /** Replaces dns.lookup: the seam for tests and for a future private-address filter. */
  readonly lookup?: LookupFunction;
}

interface FetchResponseInfo {
  /** The URL that finally answered, after redirects. */
  readonly url: string;
  readonly httpStatus: number;
  readonly etag: string | null;
  readonly lastModified: string | null;
  /** Each Location followed, in order; the last one equals `url`. Empty without redirects. */
  readonly redirects: readonly string[];
}

export interface FetchNotModified extends FetchResponseInfo {
  readonly status: 'not-modified';
}

export interface FetchOk extends FetchResponseInfo {
  readonly status: 'ok';
  readonly contentType: string | null;
  /** The body with Content-Encoding undone; charset decoding is decodeBody's job. */
  readonly body: Buffer;
}

export type FetchResult = FetchOk | FetchNotModified;

type HopOutcome =
  | { readonly kind: 'redirect'; readonly httpStatus: number; readonly location: string | null }
  | { readonly kind: 'not-modified'; readonly headers: IncomingHttpHeaders }
  | {
      readonly kind: 'body';
      readonly httpStatus: number;
      readonly headers: IncomingHttpHeaders;
      readonly body: Buffer;
    };

interface FetchContext {
  readonly requestedUrl: string;
  readonly limits: FetchLimits;
  readonly headers: Readonly<Record<string, string>>;
  readonly signal: AbortSignal | undefined;
  readonly lookup: LookupFunction | undefined;
  /** What is left of totalTimeoutMs; each hop spends from it. */
  remainingMs: number;
}

type ContentCoding = 'identity' | 'gzip' | 'deflate' | 'br';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const DNS_ERROR_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NODATA',
  'EAI_NONAME',
  'ENODATA',
  'ESERVFAIL',
  'ENONAME',
]);
/** Node refuses header values with control characters; a corrupt stored validator must not break the fetch. */
const SENDABLE_HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * GET `url` with conditional headers, manual redirects, timeouts and size
 * caps, and Content-Encoding undone. Resolves for 2xx and 304; everything
 * else rejects with a FetchError whose message names the URL.
 */
export async function fetchResource(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const limits = resolveLimits(options);
  let current = parseRequestedUrl(url);
  const context: FetchContext = {
    requestedUrl: url,
    limits,
    headers: requestHeaders(limits, options),
    signal: options.signal,
    lookup: options.lookup,
    remainingMs: limits.totalTimeoutMs,
  };
  const initialHref = current.href;
  const seen = new Set([current.href]);
  const redirects: string[] = [];
  for (;;) {
    const hop = current;
    const fail = failureFor(context, hop, initialHref);
    if (options.signal?.aborted === true) throw fail('aborted', 'aborted by the caller');
    const outcome = await runHop(hop, context, fail, options.limiter);
    if (outcome.kind === 'redirect') {
      current = followRedirect(hop, outcome, limits, seen, redirects, fail);
      continue;
    }
    const headers = outcome.headers;
    const common = {
      url: hop.href,
      etag: headerValue(headers, 'etag'),
      lastModified: headerValue(headers, 'last-modified'),
      redirects,
    };
    if (outcome.kind === 'not-modified') return { status: 'not-modified', httpStatus: 304, ...common };
    return {
      status: 'ok',
      httpStatus: outcome.httpStatus,
      contentType: headerValue(headers, 'content-type'),
      body: outcome.body,
      ...common,
    };
  }
}

function resolveLimits(options: FetchOptions): FetchLimits {
  return {
    userAgent: options.userAgent ?? DEFAULT_FETCH_LIMITS.userAgent,
    accept: options.accept ?? DEFAULT_FETCH_LIMITS.accept,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_FETCH_LIMITS.connectTimeoutMs,
    totalTimeoutMs: options.totalTimeoutMs ?? DEFAULT_FETCH_LIMITS.totalTimeoutMs,
    maxRedirects: options.maxRedirects ?? DEFAULT_FETCH_LIMITS.maxRedirects,
    maxBytes: options.maxBytes ?? DEFAULT_FETCH_LIMITS.maxBytes,
    maxDecodedBytes: options.maxDecodedBytes ?? DEFAULT_FETCH_LIMITS.maxDecodedBytes,
  };
}

function parseRequestedUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new FetchError('bad-url', url, `GET ${url}: not a valid absolute URL`, { cause: error });
  }
  if (!isHttp(parsed)) {
    throw new FetchError(
      'unsupported-scheme',
      url,
      `GET ${url}: the ${parsed.protocol} scheme is not supported, only http: and https:`,
    );
  }
  parsed.hash = '';
  return parsed;
}

function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

function requestHeaders(limits: FetchLimits, options: FetchOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'User-Agent': limits.userAgent,
    Accept: limits.accept,
    'Accept-Encoding': 'gzip, deflate, br',
  };
  if (options.etag != null && options.etag !== '' && SENDABLE_HEADER_VALUE.test(options.etag))
    headers['If-None-Match'] = options.etag;
  if (options.lastModified != null && options.lastModified !== '' && SENDABLE_HEADER_VALUE.test(options.lastModified)) {
    headers['If-Modified-Since'] = options.lastModified;
  }
  return headers;
}

type Fail = (code: FetchErrorCode, sentence: string, details?: FetchErrorDetails) => FetchError;

/** Messages name the URL the caller asked for, and the hop that failed when a redirect moved us. */
function failureFor(context: FetchContext, hop: URL, initialHref: string): Fail {
  const subject =
    hop.href === initialHref ? context.requestedUrl : `${context.requestedUrl} (redirected to ${hop.href})`;
  return (code, sentence, details) =>
    new FetchError(code, context.requestedUrl, `GET ${subject}: ${sentence}`, details);
}

function followRedirect(
  hop: URL,
  outcome: { readonly httpStatus: number; readonly location: string | null },
  limits: FetchLimits,
  seen: Set<string>,
  redirects: string[],
  fail: Fail,
): URL {
  const { httpStatus, location } = outcome;
  if (location === null || location.trim() === '') {
    throw fail(`http-${httpStatus}`, `server answered ${httpStatus} without a Location header`, { httpStatus });
  }
  let next: URL;
  try {
    next = new URL(location.trim(), hop);
  } catch (error) {
    throw fail('bad-url', `server redirected to an invalid Location "${location}"`, { cause: error });
  }
  if (!isHttp(next)) {
    throw fail(
      'unsupported-scheme',
      `server redirected to ${next.href}, whose ${next.protocol} scheme is not supported`,
    );
  }
  next.hash = '';
  if (seen.has(next.href)) throw fail('redirect-loop', `redirect loop: ${next.href} was already visited`);
  if (redirects.length >= limits.maxRedirects) {
    throw fail('too-many-redirects', `more than ${limits.maxRedirects} redirects (next was ${next.href})`);
  }
  seen.add(next.href);
  redirects.push(next.href);
  return next;
}

async function runHop(
  hop: URL,
  context: FetchContext,
  fail: Fail,
  limiter: HostLimiter | undefined,
): Promise<HopOutcome> {
  const timed = async (): Promise<HopOutcome> => {
    const started = performance.now();
    try {
      return await requestOnce(hop, context, fail);
    } finally {
      context.remainingMs -= performance.now() - started;
    }
  };
  if (limiter === undefined) return timed();
  try {
    return await limiter.run(hop.hostname, timed, context.signal);
  } catch (error) {
    // The limiter rejects with the signal's reason when the caller aborts while queued.
    if (!(error instanceof FetchError) && context.signal?.aborted === true) {
      throw fail('aborted', 'aborted by the caller', { cause: error });
    }
    throw error;
  }
}

/** One request/response exchange. Every timer, listener and socket is released before the promise settles. */
function requestOnce(target: URL, context: FetchContext, fail: Fail): Promise<HopOutcome> {
  const { limits, signal } = context;
  const totalSeconds = formatSeconds(limits.totalTimeoutMs);
  if (context.remainingMs <= 0) return Promise.reject(fail('timeout', `no response within ${totalSeconds}`));

  return new Promise<HopOutcome>((resolve, reject) => {
    let settled = false;
    let request: ClientRequest | undefined;
    let response: IncomingMessage | undefined;
    let decoder: Transform | undefined;

    const finish = (error: FetchError | null, outcome?: HopOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
      signal?.removeEventListener('abort', onAbort);
      // Listeners stay attached so late 'error' events after destroy() are swallowed, not unhandled.
      decoder?.destroy();
      response?.destroy();
      request?.destroy();
      if (error !== null) reject(error);
      else if (outcome !== undefined) resolve(outcome);
    };

    const connectTimer = setTimeout(() => {
      finish(
        fail('connect-timeout', `could not connect to ${target.host} within ${formatSeconds(limits.connectTimeoutMs)}`),
      );
    }, limits.connectTimeoutMs);
    const totalTimer = setTimeout(
      () => {
        finish(
          fail(
            'timeout',
            response === undefined
              ? `no response within ${totalSeconds}`
              : `response not complete within ${totalSeconds}`,
          ),
        );
      },
      Math.max(1, Math.ceil(context.remainingMs)),
    );
    const onAbort = (): void => {
      finish(fail('aborted', 'aborted by the caller'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    const onResponse = (incoming: IncomingMessage): void => {
      response = incoming;
      // Seen for a response cut off mid-body; after a normal end, 'close' follows with complete === true.
      incoming.on('error', (error) => {
        finish(
          fail('connection', `connection lost while reading the body (${describeSystemError(error)})`, {
            cause: error,
          }),
        );
      });
      incoming.on('close', () => {
        if (!incoming.complete) finish(fail('connection', 'connection closed before the body was complete'));
      });
      const httpStatus = incoming.statusCode ?? 0;
      if (REDIRECT_STATUSES.has(httpStatus)) {
        finish(null, { kind: 'redirect', httpStatus, location: headerValue(incoming.headers, 'location') });
        return;
      }
      if (httpStatus === 304) {
        finish(null, { kind: 'not-modified', headers: incoming.headers });
        return;
      }
      if (httpStatus < 200 || httpStatus > 299) {
        finish(httpStatusError(incoming, httpStatus, fail));
        return;
      }
      const declaredLength = Number(headerValue(incoming.headers, 'content-length') ?? Number.NaN);
      if (Number.isFinite(declaredLength) && declaredLength > limits.maxBytes) {
        finish(
          fail(
            'too-large',
            `body of ${declaredLength} bytes (Content-Length) exceeds ${formatBytes(limits.maxBytes)} limit`,
          ),
        );
        return;
      }
      let coding: ContentCoding;
      try {
        coding = parseContentCoding(headerValue(incoming.headers, 'content-encoding'));
      } catch (error) {
        finish(fail('bad-encoding', error instanceof Error ? error.message : String(error), { cause: error }));
        return;
      }
      readBody(incoming, coding);
    };

    const readBody = (incoming: IncomingMessage, coding: ContentCoding): void => {
      const chunks: Buffer[] = [];
      let rawBytes = 0;
      let decodedBytes = 0;
      // Raw deflate or zlib-wrapped deflate is decided from the first two bytes.
      let deflateHead: Buffer | null = coding === 'deflate' ? Buffer.alloc(0) : null;
      const done = (): void => {
        finish(null, {
          kind: 'body',
          httpStatus: incoming.statusCode ?? 200,
          headers: incoming.headers,
          body: Buffer.concat(chunks),
        });
      };
      const attachDecoder = (created: Transform): void => {
        decoder = created;
        created.on('data', (chunk: Buffer) => {
          decodedBytes += chunk.length;
          if (decodedBytes > limits.maxDecodedBytes) {
            finish(
              fail('decompressed-too-large', `decompressed body exceeds ${formatBytes(limits.maxDecodedBytes)} limit`),
            );
            return;
          }
          chunks.push(chunk);
        });
        created.on('drain', () => incoming.resume());
        created.on('end', done);
        created.on('error', (error) => {
          finish(fail('bad-encoding', `${coding} body could not be decoded (${error.message})`, { cause: error }));
        });
      };
      const feed = (chunk: Buffer): void => {
        if (decoder === undefined) {
          chunks.push(chunk);
        } else if (!decoder.write(chunk)) {
          incoming.pause();
        }
      };
      if (coding === 'gzip' || coding === 'br') attachDecoder(createDecoder(coding, null));

      incoming.on('data', (chunk: Buffer) => {
        rawBytes += chunk.length;
        if (rawBytes > limits.maxBytes) {
          finish(fail('too-large', `body exceeds ${formatBytes(limits.maxBytes)} limit`));
          return;
        }
        if (deflateHead === null) {
          feed(chunk);
          return;
        }
        deflateHead = Buffer.concat([deflateHead, chunk]);
        if (deflateHead.length >= 2) {
          attachDecoder(createDecoder('deflate', deflateHead));
          const head = deflateHead;
          deflateHead = null;
          feed(head);
        }
      });
      incoming.on('end', () => {
        if (deflateHead !== null) {
          if (deflateHead.length === 0) {
            done();
            return;
          }
          attachDecoder(createDecoder('deflate', deflateHead));
          feed(deflateHead);
          deflateHead = null;
        }
        if (decoder === undefined) done();
        else decoder.end();
      });
    };

    const send = target.protocol === 'https:' ? requestHttps : requestHttp;
    try {
      // agent: false gives every request a fresh socket that closes with the response: nothing lingers for vitest or app quit.
      request = send(
        target,
        {
          method: 'GET',
          headers: context.headers,
          agent: false,
          ...(context.lookup === undefined ? {} : { lookup: context.lookup }),
        },
        onResponse,
      );
    } catch (error) {
      finish(fail('connection', `could not send the request (${describeSystemError(error)})`, { cause: error }));
      return;
    }
    request.on('socket', (socket: Socket) => {
      socket.once(target.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
        clearTimeout(connectTimer);
      });
    });
    request.on('error', (error) => {
      finish(classifyRequestError(error, target, fail));
    });
    request.on('close', () => {
      if (response === undefined) finish(fail('connection', 'connection closed without a response'));
    });
    request.end();
  });
}

function createDecoder(coding: 'gzip' | 'deflate' | 'br', deflateHead: Buffer | null): Transform {
  // Sync flush at the end accepts truncated streams, as browsers do; corrupt data still errors.
  if (coding === 'gzip') return createGunzip({ finishFlush: zlibConstants.Z_SYNC_FLUSH });
  if (coding === 'br') return createBrotliDecompress({ finishFlush: zlibConstants.BROTLI_OPERATION_FLUSH });
  return hasZlibHeader(deflateHead)
    ? createInflate({ finishFlush: zlibConstants.Z_SYNC_FLUSH })
    : createInflateRaw({ finishFlush: zlibConstants.Z_SYNC_FLUSH });
}

/** RFC 1950: compression method 8 in the low nibble and a header checksum divisible by 31. Some servers send raw RFC 1951 instead. */
function hasZlibHeader(head: Buffer | null): boolean {
  const first = head?.[0];
  const second = head?.[1];
  if (first === undefined || second === undefined) return false;
  return (first & 0x0f) === 8 && first >> 4 <= 7 && ((first << 8) | second) % 31 === 0;
}

function parseContentCoding(header: string | null): ContentCoding {
  const codings = (header ?? '')
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token !== '' && token !== 'identity');
  if (codings.length === 0) return 'identity';
  const [coding] = codings;
  if (codings.length === 1 && coding !== undefined) {
    if (coding === 'gzip' || coding === 'x-gzip') return 'gzip';
    if (coding === 'deflate') return 'deflate';
    if (coding === 'br') return 'br';
  }
  throw new Error(`unsupported Content-Encoding "${header ?? ''}"`);
}

function httpStatusError(response: IncomingMessage, httpStatus: number, fail: Fail): FetchError {
  const reason =
    response.statusMessage !== undefined && response.statusMessage !== ''
      ? response.statusMessage
      : (STATUS_CODES[httpStatus] ?? 'Unknown Status');
  const retryAfterSeconds =
    httpStatus === 429 || httpStatus === 503 ? parseRetryAfter(headerValue(response.headers, 'retry-after')) : null;
  const retryNote = retryAfterSeconds === null ? '' : ` (retry after ${retryAfterSeconds} s)`;
  return fail(`http-${httpStatus}`, `server answered ${httpStatus} ${reason}${retryNote}`, {
    httpStatus,
    retryAfterSeconds,
  });
}

/** Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function classifyRequestError(error: unknown, target: URL, fail: Fail): FetchError {
  const code = systemErrorCode(error);
  if (code !== null && DNS_ERROR_CODES.has(code)) {
    return fail('dns', `could not resolve host ${target.hostname} (${code})`, { cause: error });
  }
  if (code === 'ECONNREFUSED') return fail('connection', `connection refused by ${target.host}`, { cause: error });
  if (code === 'ECONNRESET') return fail('connection', `connection reset by ${target.host}`, { cause: error });
  if (code !== null && code.startsWith('HPE_'))
    return fail('connection', `malformed HTTP response (${code})`, { cause: error });
  if (target.protocol === 'https:' && isTlsError(code, error)) {
    return fail('connection', `TLS handshake with ${target.host} failed (${describeSystemError(error)})`, {
      cause: error,
    });
  }

  return fail('connection', `connection to ${target.host} failed (${describeSystemError(error)})`, { cause: error });
}

function isTlsError(code: string | null, error: unknown): boolean {
  if (code !== null && (code === 'EPROTO' || code.includes('CERT') || code.includes('TLS') || code.includes('SSL')))
    return true;
  return error instanceof Error && error.message.includes('SSL routines');
}

function systemErrorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  return typeof error.code === 'string' ? error.code : null;
}

function describeSystemError(error: unknown): string {
  const code = systemErrorCode(error);
  // OpenSSL messages run over several lines; the first says what went wrong.
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.trim() ?? '';
  return code === null || message.includes(code) ? message : `${code}: ${message}`;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

function formatSeconds(milliseconds: number): string {
  return `${milliseconds / 1000} s`;
}

function formatBytes(bytes: number): string {
  if (bytes >= MEGABYTE && bytes % MEGABYTE === 0) return `${bytes / MEGABYTE} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}
