import { availableParallelism } from 'node:os';
import { WorkerPool } from '../../workers/WorkerPool.ts';
import type { BuiltSegment, IndexWorkerRequest } from './IndexWorkerProtocol.ts';

export const DEFAULT_INDEX_WORKER_URL = new URL('./indexWorker.ts', import.meta.url);

/** Calls slower than this are logged: a rebuild chunk or merge that crawls is worth knowing about. */
const SLOW_CALL_MS = 30_000;

/**
 * A small pool of index workers (one per core, at most `size`, two by
 * default), each handling one request at a time; requests queue in order —
 * a WorkerPool speaking IndexWorkerProtocol. Progress (documents done) is
 * forwarded, slow calls logged, and `dispose` terminates everything
 * (STYLE §6, §7).
 */
export class IndexWorkerPool {
  readonly #pool: WorkerPool<IndexWorkerRequest, BuiltSegment, number>;

  constructor(options: { url?: URL; size?: number } = {}) {
    this.#pool = new WorkerPool({
      name: 'IndexWorkerPool',
      url: options.url ?? DEFAULT_INDEX_WORKER_URL,
      size: options.size ?? Math.min(2, availableParallelism()),
      describeRequest: (request) => request.kind,
      toError: (failure, request) => new Error(`index worker: ${request.kind} failed: ${failure.message}`),
      toCrashError: (cause) => new Error(`index worker crashed: ${cause.message}`, { cause }),
      slowCallMs: SLOW_CALL_MS,
    });
  }

  get size(): number {
    return this.#pool.size;
  }

  run(request: IndexWorkerRequest, onProgress?: (done: number) => void): Promise<BuiltSegment> {
    return this.#pool.run(request, onProgress);
  }

  dispose(): Promise<void> {
    return this.#pool.dispose();
  }
}
