import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ImageStore } from '../core/extract/images/ImageStore.ts';
import { LOCAL_IMAGE_SCHEME, parseLocalImageUrl } from '../core/extract/images/localImageUrl.ts';
import { isCallName, type Handlers } from '../shared/contract.ts';
import { dispatchCall } from '../shared/dispatch.ts';
import { failure, type ErrorInfo, type Result } from '../shared/errors.ts';
import { EventStreams, type EventPublisher } from './EventStreams.ts';
import { readRequestBody } from './readRequestBody.ts';
import { serveStatic } from './serveStatic.ts';

export interface HostOptions {
  readonly handlers: Handlers;
  readonly events: EventPublisher;
  /** The built renderer, e.g. out/renderer. */
  readonly rendererDir: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Defaults to 32 random bytes in hex, new for every run. */
  readonly token?: string;
  /** Cached article images, served at `/api/images/<sha256>.<ext>`; without it there is no such route. */
  readonly images?: Pick<ImageStore, 'read'>;
}

export interface Host {
  /** Opens the renderer with its token: `http://127.0.0.1:PORT/#token=...`. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
}

/** One OPML import is the largest legitimate request; 16 MB leaves room for it. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

const CALLS_PREFIX = '/api/calls/';
const EVENTS_PATH = '/api/events';
const IMAGES_PREFIX = '/api/images/';

/**
 * Sent with every cached image. The name is the hash of the bytes, so what it
 * names never changes; the CSP only matters if the image is opened as a
 * document (it then runs and loads nothing).
 */
const IMAGE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'private, max-age=31536000, immutable',
  'Content-Security-Policy': "default-src 'none'; sandbox",
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

function sendEnvelope(
  response: ServerResponse,
  status: number,
  envelope: Result<unknown>,
  extra?: Record<string, string>,
): void {
  const body = JSON.stringify(envelope);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...extra,
  });
  response.end(body);
}

function sendError(response: ServerResponse, status: number, error: ErrorInfo, extra?: Record<string, string>): void {
  sendEnvelope(response, status, failure(error), extra);
}

/** True if the request's method is one of `allowed`; otherwise answers 405 with an Allow header. */
function methodAllowed(
  request: IncomingMessage,
  response: ServerResponse,
  what: string,
  allowed: readonly [string, ...string[]],
): boolean {
  const method = request.method ?? '?';
  if (allowed.includes(method)) return true;
  sendError(
    response,
    405,
    { code: 'bad-request', message: `startHost: ${what} needs ${allowed[0]}, got ${method}` },
    { Allow: allowed.join(', ') },
  );
  request.resume();
  return false;
}

/** Compares digests so the comparison takes the same time whatever the lengths. */
function tokensMatch(expected: Buffer, candidate: string | null | undefined): boolean {
  if (typeof candidate !== 'string' || candidate === '') return false;
  const candidateDigest = createHash('sha256').update(candidate).digest();
  return timingSafeEqual(expected, candidateDigest);
}

function bearerTokenOf(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * The Node host: the contract over HTTP on 127.0.0.1, plus the built
 * renderer. Used for development, the CLI and the end-to-end tests; the
 * Electron app uses IPC instead but dispatches through the same
 * `dispatchCall`.
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? randomBytes(32).toString('hex');
  if (token.length < 16) throw new Error('startHost: token must be at least 16 characters');
  const tokenDigest = createHash('sha256').update(token).digest();
  const streams = new EventStreams(options.events);
  // Filled in once listening; the Host check needs the real port.
  let allowedHosts = new Set<string>();

  async function handleCall(name: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!methodAllowed(request, response, name, ['POST'])) return;
    if (!tokensMatch(tokenDigest, bearerTokenOf(request))) {
      sendError(response, 401, { code: 'forbidden', message: `startHost: ${name}: missing or wrong bearer token` });
      request.resume();
      return;
    }
    if (!isCallName(name)) {
      sendError(response, 404, { code: 'not-found', message: `startHost: no call named ${JSON.stringify(name)}` });
      request.resume();
      return;
    }
    const body = await readRequestBody(request, MAX_BODY_BYTES);
    if (body.kind === 'aborted') return;
    if (body.kind === 'too-large') {
      sendError(
        response,
        413,
        { code: 'bad-request', message: `startHost: ${name}: request body exceeds ${body.limitBytes} bytes` },
        { Connection: 'close' },
      );
      return;
    }
    let payload: unknown;
    if (body.text.trim() !== '') {
      try {
        payload = JSON.parse(body.text) as unknown;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        sendError(response, 400, { code: 'bad-request', message: `startHost: ${name}: body is not JSON (${reason})` });
        return;
      }
    }
    const envelope = await dispatchCall(options.handlers, name, payload);
    const status = !envelope.ok && envelope.error.code === 'bad-request' ? 400 : 200;
    if (!response.destroyed) sendEnvelope(response, status, envelope);
  }

  function handleEvents(url: URL, request: IncomingMessage, response: ServerResponse): void {
    if (!methodAllowed(request, response, EVENTS_PATH, ['GET'])) return;
    // EventSource cannot send headers, so this one route takes the token from the query.
    if (!tokensMatch(tokenDigest, url.searchParams.get('token'))) {
      sendError(response, 401, { code: 'forbidden', message: `startHost: ${EVENTS_PATH}: missing or wrong token` });
      return;
    }
    streams.open(response);
  }

  /**
   * `GET|HEAD /api/images/<sha256>.<ext>?token=…`: the stored article HTML's
   * `offprint-image://<sha256>.<ext>`, for the renderer over HTTP. The name is
   * judged only by parseLocalImageUrl, as the Electron scheme's is.
   */
  async function handleImage(
    images: Pick<ImageStore, 'read'>,
    url: URL,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const { pathname } = url;
    if (!methodAllowed(request, response, pathname, ['GET', 'HEAD'])) return;
    // <img> cannot send headers either: the token comes in the query, as for the event stream.
    if (!tokensMatch(tokenDigest, url.searchParams.get('token'))) {
      sendError(response, 401, { code: 'forbidden', message: `startHost: ${pathname}: missing or wrong token` });
      return;
    }
    const reference = parseLocalImageUrl(`${LOCAL_IMAGE_SCHEME}://${pathname.slice(IMAGES_PREFIX.length)}`);
    const image = reference === null ? null : await images.read(reference.hash);
    if (reference === null || image === null || image.type !== reference.type) {
      sendError(response, 404, { code: 'not-found', message: `startHost: no cached image at ${pathname}` });
      return;
    }
    response.writeHead(200, {
      ...IMAGE_HEADERS,
      'Content-Type': image.type,
      'Content-Length': String(image.bytes.byteLength),
    });
    response.end(request.method === 'HEAD' ? undefined : image.bytes);
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // DNS rebinding: a page on evil.example resolved to 127.0.0.1 still sends its own Host.
    const hostHeader = (request.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(hostHeader)) {
      sendError(response, 403, { code: 'forbidden', message: `startHost: Host ${JSON.stringify(hostHeader)} refused` });
      request.resume();
      return;
    }
    const url = new URL(request.url ?? '/', `http://${hostHeader}`);
    const { pathname } = url;

    if (pathname.startsWith(CALLS_PREFIX)) {
      let name: string;
      try {
        name = decodeURIComponent(pathname.slice(CALLS_PREFIX.length));
      } catch {
        name = pathname.slice(CALLS_PREFIX.length);
      }
      await handleCall(name, request, response);
      return;
    }
    if (pathname === EVENTS_PATH) {
      handleEvents(url, request, response);
      return;
    }
    if (options.images !== undefined && pathname.startsWith(IMAGES_PREFIX)) {
      await handleImage(options.images, url, request, response);
      return;
    }
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      sendError(response, 404, { code: 'not-found', message: `startHost: no API route ${pathname}` });
      request.resume();
      return;
    }
    if (!methodAllowed(request, response, pathname, ['GET', 'HEAD'])) return;
    await serveStatic(options.rendererDir, pathname, request, response);
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`startHost: ${request.method ?? '?'} ${request.url ?? '?'} failed:`, error);
      if (!response.headersSent) {
        sendError(response, 500, { code: 'internal', message: `startHost: ${request.url ?? '?'}: ${reason}` });
      } else {
        response.destroy();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // 127.0.0.1 only: the API must never be reachable from another machine.
    server.listen({ host: '127.0.0.1', port: options.port ?? 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origin = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        streams.closeAll();
        server.close((error) => {
          if (error) reject(new Error(`startHost: closing ${origin} failed: ${error.message}`, { cause: error }));
          else resolve();
        });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
