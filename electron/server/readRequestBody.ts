import type { IncomingMessage } from 'node:http';

export type BodyOutcome =
  | { readonly kind: 'body'; readonly text: string }
  | { readonly kind: 'too-large'; readonly limitBytes: number }
  | { readonly kind: 'aborted' };

/**
 * Reads a request body up to `limitBytes`. Past the limit the rest is drained
 * and dropped rather than the socket being cut, so the client can still read
 * the 413 answer instead of seeing a reset mid-upload.
 */
export function readRequestBody(request: IncomingMessage, limitBytes: number): Promise<BodyOutcome> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limitBytes) {
    request.resume();
    return Promise.resolve({ kind: 'too-large', limitBytes });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let overflowed = false;
    request.on('data', (chunk: Buffer) => {
      if (overflowed) return;
      received += chunk.byteLength;
      if (received > limitBytes) {
        overflowed = true;
        chunks.length = 0;
        resolve({ kind: 'too-large', limitBytes });
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!overflowed) resolve({ kind: 'body', text: Buffer.concat(chunks).toString('utf8') });
    });
    request.on('error', () => {
      resolve({ kind: 'aborted' });
    });
    request.on('close', () => {
      if (!request.complete && !overflowed) resolve({ kind: 'aborted' });
    });
  });
}
