import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BuiltSegment, IndexWorkerMessage, IndexWorkerRequest } from './IndexWorkerProtocol.ts';

export const DEFAULT_INDEX_WORKER_URL = new URL('./indexWorker.ts', import.meta.url);

/** Calls slower than this are logged: a rebuild chunk or merge that crawls is worth knowing about. */
const SLOW_CALL_MS = 30_000;

interface Pending {
  readonly request: IndexWorkerRequest;
  readonly resolve: (result: BuiltSegment) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress: ((done: number) => void) | undefined;
  readonly startedAt: number;
}

interface Slot {
  readonly worker: Worker;
  current: { seq: number; pending: Pending } | null;
}

/**
 * A small pool of index workers (one per core, at most `size`), each
 * handling one request at a time; requests queue in order. Seq-matched
 * replies, progress forwarded, slow calls logged, and `dispose` terminates
 * everything (STYLE §6, §7).
 */
export class IndexWorkerPool {
  readonly #url: URL;
  readonly #size: number;
  readonly #slots: Slot[] = [];
  readonly #queue: Pending[] = [];
  #seq = 0;
  #disposed = false;

  constructor(options: { url?: URL; size?: number } = {}) {
    this.#url = options.url ?? DEFAULT_INDEX_WORKER_URL;
    this.#size = Math.max(1, options.size ?? Math.min(2, availableParallelism()));
  }

  get size(): number {
    return this.#size;
  }

  run(request: IndexWorkerRequest, onProgress?: (done: number) => void): Promise<BuiltSegment> {
    if (this.#disposed) return Promise.reject(new Error(`IndexWorkerPool: ${request.kind} after dispose`));
    return new Promise((resolve, reject) => {
      this.#queue.push({ request, resolve, reject, onProgress, startedAt: 0 });
      this.#pump();
    });
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    const error = new Error('IndexWorkerPool: disposed');
    for (const pending of this.#queue.splice(0)) pending.reject(error);
    for (const slot of this.#slots) slot.current?.pending.reject(error);
    await Promise.all(this.#slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const slot = this.#idleSlot();
      if (!slot) return;
      const next = this.#queue.shift();
      if (!next) return;
      const seq = ++this.#seq;
      const pending = { ...next, startedAt: performance.now() };
      slot.current = { seq, pending };
      slot.worker.postMessage({ seq, request: pending.request });
    }
  }

  #idleSlot(): Slot | undefined {
    const idle = this.#slots.find((slot) => slot.current === null);
    if (idle) return idle;
    if (this.#slots.length >= this.#size) return undefined;
    const slot: Slot = { worker: new Worker(this.#url), current: null };
    slot.worker.on('message', (message: IndexWorkerMessage) => {
      this.#onMessage(slot, message);
    });
    slot.worker.on('error', (error: Error) => {
      this.#onCrash(slot, error);
    });
    slot.worker.on('exit', (code) => {
      if (!this.#disposed) this.#onCrash(slot, new Error(`index worker exited with code ${code}`));
    });
    this.#slots.push(slot);
    return slot;
  }

  #onMessage(slot: Slot, message: IndexWorkerMessage): void {
    const current = slot.current;
    if (!current || current.seq !== message.seq) return;
    if (message.kind === 'progress') {
      current.pending.onProgress?.(message.done);
      return;
    }
    slot.current = null;
    const elapsed = performance.now() - current.pending.startedAt;
    if (elapsed > SLOW_CALL_MS) {
      console.warn(`IndexWorkerPool: slow ${current.pending.request.kind} took ${Math.round(elapsed)} ms`);
    }
    if (message.kind === 'done') current.pending.resolve(message.result);
    else current.pending.reject(new Error(`index worker: ${current.pending.request.kind} failed: ${message.message}`));
    this.#pump();
  }

  #onCrash(slot: Slot, error: Error): void {
    const index = this.#slots.indexOf(slot);
    if (index >= 0) this.#slots.splice(index, 1);
    slot.current?.pending.reject(new Error(`index worker crashed: ${error.message}`, { cause: error }));
    slot.current = null;
    if (!this.#disposed) this.#pump();
  }
}
