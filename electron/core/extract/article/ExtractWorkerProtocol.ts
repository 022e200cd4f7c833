import type { ExtractedArticle } from './ExtractedArticle.ts';
import type { ExtractionErrorCode } from './ExtractionError.ts';

/**
 * The typed request/response protocol between ExtractWorkerPool (any
 * thread) and extractWorker.ts. One request is one page; replies carry the
 * request's `seq`. Everything here is structured-clone data.
 */
export interface ExtractWorkerRequest {
  readonly seq: number;
  readonly html: string;
  readonly url: string;
}

/** Why extraction failed: an ExtractionError's code, or `internal` for anything else thrown in the worker. */
export interface ExtractWorkerFailure {
  readonly code: ExtractionErrorCode | 'internal';
  readonly url: string;
  readonly message: string;
}

export type ExtractWorkerResponse =
  | { readonly seq: number; readonly ok: true; readonly article: ExtractedArticle }
  | { readonly seq: number; readonly ok: false; readonly failure: ExtractWorkerFailure };
