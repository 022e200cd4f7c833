import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { contentTypeOf } from '../shared/contentTypeOf.ts';

/**
 * Content security policy for the renderer's HTML. `style-src 'unsafe-inline'`
 * is there for React's style attributes; scripts stay `'self'` only. Images:
 * the host's own `/api/images/` route (same origin) and index.html's empty
 * `data:` icon; never a remote image.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const RENDERER_NOT_BUILT = 'renderer not built: run npm run build:renderer';

/** Headers every static response carries; HTML adds the CSP. */
function baseHeaders(contentType: string): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': contentType,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // The files change with every build and are read from local disk: revalidating costs nothing.
    'Cache-Control': 'no-cache',
  };
  if (contentType.startsWith('text/html')) {
    headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    headers['X-Frame-Options'] = 'DENY';
  }
  return headers;
}

function sendPlain(response: ServerResponse, status: number, message: string, headOnly: boolean): void {
  response.writeHead(status, baseHeaders('text/plain; charset=utf-8'));
  response.end(headOnly ? undefined : `${message}\n`);
}

async function regularFileAt(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the built renderer from `rootDir`. Unknown paths without a file
 * extension get index.html (the renderer is a single page); a missing file
 * with an extension is a plain 404, so a stale asset link fails visibly
 * instead of being answered with HTML.
 */
export async function serveStatic(
  rootDir: string,
  pathname: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const headOnly = request.method === 'HEAD';
  const root = resolve(rootDir);

  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    sendPlain(response, 400, `serveStatic: malformed path ${JSON.stringify(pathname)}`, headOnly);
    return;
  }
  // Resolve and prefix-check after decoding: an encoded `%2e%2e%2f` only becomes `../` here.
  const target = resolve(root, `.${decoded}`);
  if (decoded.includes('\0') || (target !== root && !target.startsWith(root + sep))) {
    sendPlain(response, 403, 'serveStatic: path outside the renderer directory refused', headOnly);
    return;
  }

  const indexPath = resolve(root, 'index.html');
  let filePath = target;
  if (!(await regularFileAt(target))) {
    if (extname(decoded) !== '') {
      sendPlain(response, 404, `serveStatic: no file ${decoded}`, headOnly);
      return;
    }
    if (!(await regularFileAt(indexPath))) {
      sendPlain(response, 503, RENDERER_NOT_BUILT, headOnly);
      return;
    }
    filePath = indexPath;
  }

  const body = await readFile(filePath);
  const contentType = contentTypeOf(filePath);
  response.writeHead(200, { ...baseHeaders(contentType), 'Content-Length': String(body.byteLength) });
  response.end(headOnly ? undefined : body);
}
