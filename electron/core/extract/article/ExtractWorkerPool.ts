import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ExtractedArticle } from './ExtractedArticle.ts';
import { ExtractionError } from './ExtractionError.ts';
import type { ExtractWorkerFailure, ExtractWorkerResponse } from './ExtractWorkerProtocol.ts';

export const EXTRACT_WORKER_URL = new URL('./extractWorker.ts', import.meta.url);

/** Pages slower than this are logged: a page that takes seconds to extract is worth knowing about. */
const SLOW_CALL_MS = 2_000;

interface Pending {
  readonly seq: number;
  readonly html: string;
  readonly url: string;
  readonly resolve: (article: ExtractedArticle) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  current: (Pending & { readonly startedAt: number }) | null;
}

/**
 * Runs extractArticle in worker threads (one per core by default), one page
 * per worker at a time, in request order. A page that fails rejects with an
 * ExtractionError (same code, URL and message as in-thread); a crashed worker
 * fails its page and is replaced. `dispose` terminates the workers (STYLE §6, §7).
 */
export class ExtractWorkerPool {
  readonly #url: URL;
  readonly #size: number;
  readonly #slots: Slot[] = [];
  readonly #queue: Pending[] = [];
  readonly #onSlowCall: (url: string, milliseconds: number) => void;
  #seq = 0;
  #disposed = false;

  constructor(options: { size?: number; url?: URL; onSlowCall?: (url: string, milliseconds: number) => void } = {}) {
    this.#url = options.url ?? EXTRACT_WORKER_URL;
    this.#size = Math.max(1, options.size ?? availableParallelism());
    this.#onSlowCall =
      options.onSlowCall ??
      ((url, milliseconds) => {
        console.warn(`ExtractWorkerPool: extracting ${url} took ${Math.round(milliseconds)} ms`);
      });
  }

  get size(): number {
    return this.#size;
  }

  extract(html: string, url: string): Promise<ExtractedArticle> {
    if (this.#disposed) return Promise.reject(new Error(`ExtractWorkerPool: extract ${url} after dispose`));
    return new Promise((resolve, reject) => {
      this.#queue.push({ seq: ++this.#seq, html, url, resolve, reject });
      this.#pump();
    });
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    const error = new Error('ExtractWorkerPool: disposed');
    for (const pending of this.#queue.splice(0)) pending.reject(error);
    for (const slot of this.#slots) slot.current?.reject(error);
    await Promise.all(this.#slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  #pump(): void {
    for (;;) {
      const slot = this.#queue.length > 0 ? this.#idleSlot() : undefined;
      const next = slot === undefined ? undefined : this.#queue.shift();
      if (slot === undefined || next === undefined) return;
      slot.current = { ...next, startedAt: performance.now() };
      slot.worker.postMessage({ seq: next.seq, html: next.html, url: next.url });
    }
  }

  #idleSlot(): Slot | undefined {
    const idle = this.#slots.find((slot) => slot.current === null);
    if (idle !== undefined || this.#slots.length >= this.#size) return idle;
    const slot: Slot = { worker: new Worker(this.#url), current: null };
    slot.worker.on('message', (response: ExtractWorkerResponse) => {
      this.#onResponse(slot, response);
    });
    slot.worker.on('error', (error: Error) => {
      this.#onCrash(slot, error);
    });
    slot.worker.on('exit', (code) => {
      if (!this.#disposed) this.#onCrash(slot, new Error(`extract worker exited with code ${code}`));
    });
    this.#slots.push(slot);
    return slot;
  }

  #onResponse(slot: Slot, response: ExtractWorkerResponse): void {
    const current = slot.current;
    if (current === null || current.seq !== response.seq) return;
    slot.current = null;
    const elapsed = performance.now() - current.startedAt;
    if (elapsed > SLOW_CALL_MS) this.#onSlowCall(current.url, elapsed);
    if (response.ok) current.resolve(response.article);
    else current.reject(toError(response.failure));
    this.#pump();
  }

  #onCrash(slot: Slot, error: Error): void {
    const index = this.#slots.indexOf(slot);
    if (index < 0) return;
    this.#slots.splice(index, 1);
    slot.current?.reject(
      new Error(`ExtractWorkerPool: worker crashed while extracting ${slot.current.url}: ${error.message}`, {
        cause: error,
      }),
    );
    slot.current = null;
    void slot.worker.terminate();
    if (!this.#disposed) this.#pump();
  }
}

function toError(failure: ExtractWorkerFailure): Error {
  return failure.code === 'internal'
    ? new Error(failure.message)
    : new ExtractionError(failure.code, failure.url, failure.message);
}
