// Entry point of an extraction worker thread: parsing and cleaning a page
// takes tens of milliseconds, too long for the thread that serves the UI.
import { parentPort } from 'node:worker_threads';
import { ExtractionError } from './ExtractionError.ts';
import { extractArticle } from './extractArticle.ts';
import type { ExtractWorkerRequest, ExtractWorkerResponse } from './ExtractWorkerProtocol.ts';

export function handleExtractRequest(request: ExtractWorkerRequest): ExtractWorkerResponse {
  try {
    return { seq: request.seq, ok: true, article: extractArticle(request.html, request.url) };
  } catch (error) {
    if (error instanceof ExtractionError) {
      return { seq: request.seq, ok: false, failure: { code: error.code, url: error.url, message: error.message } };
    }
    const message = error instanceof Error ? error.message : String(error);
    return {
      seq: request.seq,
      ok: false,
      failure: {
        code: 'internal',
        url: request.url,
        message: `extractWorker: extracting ${request.url} failed: ${message}`,
      },
    };
  }
}

parentPort?.on('message', (request: ExtractWorkerRequest) => {
  parentPort?.postMessage(handleExtractRequest(request));
});
