import { readFile as readFileFromDisk } from 'node:fs/promises';
import path from 'node:path';
import { appOrigin } from '../rendererLocation.ts';
import { originOf } from '../originOf.ts';
import { contentTypeOf } from '../../shared/contentTypeOf.ts';

/**
 * The file under `rootDirectory` that an `offprint-app://renderer/…` URL names,
 * or null when the URL is not ours or tries to leave the directory. Chromium
 * normalizes `/../` before we see it, but encoded separators (`%2f`, `%5c`),
 * encoded dots, backslashes, NUL and drive letters are checked here so the
 * answer never depends on that.
 */
export function resolveRendererPath(rootDirectory: string, requestUrl: string): string | null {
  if (originOf(requestUrl) !== appOrigin) return null;
  // Only the raw path: the query and fragment never name a file.
  const rawPath = new URL(requestUrl).pathname;
  if (rawPath.includes('\\') || /%(2f|5c|00)/i.test(rawPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  const segments = decoded.replace(/^\//, '').split('/');
  // A trailing slash names the directory's index; any other empty segment (`//etc/passwd`) is refused.
  if (segments.at(-1) === '') segments[segments.length - 1] = 'index.html';
  // ':' covers Windows drive letters and alternate data streams (`index.html::$DATA`).
  const unsafe = (segment: string) => segment === '' || segment === '.' || segment === '..' || /[\\:\0]/.test(segment);
  if (segments.some(unsafe)) return null;
  const root = path.resolve(rootDirectory);
  const resolved = path.resolve(root, ...segments);
  const fromRoot = path.relative(root, resolved);
  if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) return null;
  return resolved;
}

export interface ServeRendererFileOptions {
  readonly rootDirectory: string;
  readonly contentSecurityPolicy: string;
  /** Injected for tests; the real one reads from disk (and from app.asar in a packaged app). */
  readonly readFile?: (filePath: string) => Promise<Uint8Array>;
}

/** The `protocol.handle('offprint-app', …)` handler: built renderer files only, with the app's CSP. */
export function serveRendererFile({
  rootDirectory,
  contentSecurityPolicy,
  readFile = readFileFromDisk,
}: ServeRendererFileOptions): (request: Request) => Promise<Response> {
  const headersFor = (contentType: string) => ({
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
  });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('method not allowed', { status: 405, headers: headersFor('text/plain; charset=utf-8') });
    }
    const filePath = resolveRendererPath(rootDirectory, request.url);
    if (filePath === null) {
      return new Response('not found', { status: 404, headers: headersFor('text/plain; charset=utf-8') });
    }
    let body: Uint8Array;
    try {
      body = await readFile(filePath);
    } catch {
      return new Response('not found', { status: 404, headers: headersFor('text/plain; charset=utf-8') });
    }
    const contentType = contentTypeOf(filePath);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: headersFor(contentType),
    });
  };
}
