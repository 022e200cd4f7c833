import type { ExtractionErrorCode } from './ExtractionError.ts';

/**
 * The typed protocol between ExtractWorkerPool (any thread) and
 * extractWorker.ts, carried in the shared WorkerPool envelope
 * (electron/core/workers/WorkerProtocol.ts). One request is one page; the
 * result is its ExtractedArticle; there is no progress. Everything here is
 * structured-clone data.
 */
export interface ExtractWorkerRequest {
  readonly html: string;
  readonly url: string;
}

/** Why extraction failed: an ExtractionError's code, or `internal` for anything else thrown in the worker. */
export interface ExtractWorkerFailure {
  readonly code: ExtractionErrorCode | 'internal';
  readonly url: string;
  readonly message: string;
}
