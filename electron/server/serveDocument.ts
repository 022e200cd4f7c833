import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PrintResources } from '../core/export/Printer.ts';

const DOCUMENT_NAME = 'brief.html';

/** A document and its resources served to one printing, on 127.0.0.1 under an unguessable path. */
export interface ServedDocument {
  /** `http://127.0.0.1:<port>/<token>/`: the document and its resources live under it, and nothing else. */
  readonly base: string;
  readonly documentUrl: string;
  close(): Promise<void>;
}

function streamFile(response: ServerResponse, file: string, type: string): void {
  const stream = createReadStream(file);
  stream.once('open', () => {
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    stream.pipe(response);
  });
  stream.once('error', () => {
    if (!response.headersSent) response.writeHead(404).end();
    else response.destroy();
  });
}

/**
 * Serves a composed document and the files it names to the browser that
 * prints it. Files are streamed from disk, so a brief with hundreds of
 * megabytes of images never passes through this process's memory. Only GET
 * under the random path prefix answers; the resources are resolved by
 * `PrintResources`, which matches each path exactly.
 */
export async function serveDocument(document: string, resources: PrintResources): Promise<ServedDocument> {
  const prefix = `/${randomBytes(16).toString('hex')}/`;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (request.method !== 'GET' || !path.startsWith(prefix)) {
      response.writeHead(404).end();
      return;
    }
    let name: string;
    try {
      name = decodeURIComponent(path.slice(prefix.length));
    } catch {
      // A malformed escape names no file of ours.
      response.writeHead(400).end();
      return;
    }
    if (name === DOCUMENT_NAME) {
      streamFile(response, document, 'text/html; charset=utf-8');
      return;
    }
    resources.resolve(name).then(
      (resource) => {
        if (resource === null) response.writeHead(404).end();
        else streamFile(response, resource.file, resource.type);
      },
      () => {
        response.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}${prefix}`;
  return {
    base,
    documentUrl: `${base}${DOCUMENT_NAME}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
