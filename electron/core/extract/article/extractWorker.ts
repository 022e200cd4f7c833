// Entry point of an extraction worker thread: parsing and cleaning a page
// takes tens of milliseconds, too long for the thread that serves the UI.
import { serveWorkerRequests } from '../../workers/serveWorkerRequests.ts';
import type { ExtractedArticle } from './ExtractedArticle.ts';
import { ExtractionError } from './ExtractionError.ts';
import { extractArticle } from './extractArticle.ts';
import type { ExtractWorkerFailure, ExtractWorkerRequest } from './ExtractWorkerProtocol.ts';

/** What crosses back for a page that failed: an ExtractionError as it is (the pool rebuilds it), anything else as `internal`. */
export function describeExtractFailure(error: unknown, request: ExtractWorkerRequest): ExtractWorkerFailure {
  if (error instanceof ExtractionError) return { code: error.code, url: error.url, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal',
    url: request.url,
    message: `extractWorker: extracting ${request.url} failed: ${message}`,
  };
}

serveWorkerRequests<ExtractWorkerRequest, ExtractedArticle, never, ExtractWorkerFailure>(
  (request) => extractArticle(request.html, request.url),
  describeExtractFailure,
);
