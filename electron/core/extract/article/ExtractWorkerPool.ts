import { availableParallelism } from 'node:os';
import { WorkerPool } from '../../workers/WorkerPool.ts';
import type { ExtractedArticle } from './ExtractedArticle.ts';
import { ExtractionError } from './ExtractionError.ts';
import type { ExtractWorkerFailure, ExtractWorkerRequest } from './ExtractWorkerProtocol.ts';

export const EXTRACT_WORKER_URL = new URL('./extractWorker.ts', import.meta.url);

/** Pages slower than this are logged: a page that takes seconds to extract is worth knowing about. */
const SLOW_CALL_MS = 2_000;

/**
 * Runs extractArticle in worker threads (one per core by default), one page
 * per worker at a time, in request order — a WorkerPool speaking
 * ExtractWorkerProtocol. A page that fails rejects with an ExtractionError
 * (same code, URL and message as in-thread); a crashed worker fails its page
 * and is replaced. `dispose` terminates the workers (STYLE §6, §7).
 */
export class ExtractWorkerPool {
  readonly #pool: WorkerPool<ExtractWorkerRequest, ExtractedArticle, never, ExtractWorkerFailure>;

  constructor(options: { size?: number; url?: URL; onSlowCall?: (url: string, milliseconds: number) => void } = {}) {
    const onSlowCall =
      options.onSlowCall ??
      ((url: string, milliseconds: number) => {
        console.warn(`ExtractWorkerPool: extracting ${url} took ${Math.round(milliseconds)} ms`);
      });
    this.#pool = new WorkerPool({
      name: 'ExtractWorkerPool',
      url: options.url ?? EXTRACT_WORKER_URL,
      size: options.size ?? availableParallelism(),
      describeRequest: (request) => `extract ${request.url}`,
      toError: (failure) =>
        failure.code === 'internal'
          ? new Error(failure.message)
          : new ExtractionError(failure.code, failure.url, failure.message),
      toCrashError: (cause, request) =>
        new Error(`ExtractWorkerPool: worker crashed while extracting ${request.url}: ${cause.message}`, { cause }),
      slowCallMs: SLOW_CALL_MS,
      onSlowCall: (request, milliseconds) => {
        onSlowCall(request.url, milliseconds);
      },
    });
  }

  get size(): number {
    return this.#pool.size;
  }

  extract(html: string, url: string): Promise<ExtractedArticle> {
    return this.#pool.run({ html, url });
  }

  dispose(): Promise<void> {
    return this.#pool.dispose();
  }
}
