import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { PrintResources } from '../../core/export/Printer.ts';

/** The custom scheme the hidden print window loads its document from (registered as privileged in index.ts). */
export const PRINT_SCHEME = 'offprint-print';
export const PRINT_DOCUMENT_NAME = 'brief.html';

export interface ServedPrintJob {
  /** `offprint-print://<random token>/`: the document and its resources are under it, and nothing else. */
  readonly base: string;
  readonly document: string;
  readonly resources: PrintResources;
}

function notFound(): Response {
  return new Response(null, { status: 404 });
}

/** Streams a file from disk (a brief's images may be hundreds of megabytes: never read whole). */
async function fileResponse(file: string, type: string): Promise<Response> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return notFound();
  }
  const body = Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers: { 'content-type': type, 'cache-control': 'no-store' } });
}

/**
 * Answers the print window's requests on the print scheme: GET of the
 * document or of a resource the job's `PrintResources` resolves (matched
 * exactly there), under this job's base; 404 for anything else.
 */
export async function servePrintRequest(request: Request, job: ServedPrintJob): Promise<Response> {
  if (request.method !== 'GET' || !request.url.startsWith(job.base)) return notFound();
  const path = new URL(request.url).pathname.slice(1);
  let name: string;
  try {
    name = decodeURIComponent(path);
  } catch {
    return notFound();
  }
  if (name === PRINT_DOCUMENT_NAME) return fileResponse(job.document, 'text/html; charset=utf-8');
  try {
    const resource = await job.resources.resolve(name);
    return resource === null ? notFound() : await fileResponse(resource.file, resource.type);
  } catch {
    return new Response(null, { status: 500 });
  }
}
