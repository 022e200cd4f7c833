import { Worker } from 'node:worker_threads';
import type { WorkerFailure, WorkerReply, WorkerRequestEnvelope } from './WorkerProtocol.ts';

export interface WorkerPoolOptions<Request, Failure> {
  /** Names the pool in its errors and logs, e.g. `ExtractWorkerPool`. */
  readonly name: string;
  /** The worker entry module: a file that calls serveWorkerRequests with the matching types. */
  readonly url: URL;
  /** At most this many workers (at least one); each is started when a request first needs it. */
  readonly size: number;
  /** Names one request in errors and logs, without its payload: `extract https://…`, `merge`. */
  readonly describeRequest: (request: Request) => string;
  /** The error a request rejects with when the worker reports it `failed`. */
  readonly toError: (failure: Failure, request: Request) => Error;
  /**
   * The error a request rejects with when its worker dies under it (an
   * uncaught exception, `process.exit`, out of memory); `cause` says how.
   * Default: `<name>: worker crashed while running <request>: <cause>`.
   */
  readonly toCrashError?: (cause: Error, request: Request) => Error;
  /** Calls that take longer than this, from being posted to their reply, are reported to onSlowCall. */
  readonly slowCallMs: number;
  /** Default: a console warning `<name>: slow <request> took <n> ms`. */
  readonly onSlowCall?: (request: Request, milliseconds: number) => void;
}

interface Pending<Request, Result, Progress> {
  readonly request: Request;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress: ((progress: Progress) => void) | undefined;
}

interface Running<Request, Result, Progress> extends Pending<Request, Result, Progress> {
  readonly seq: number;
  readonly startedAt: number;
}

interface Slot<Request, Result, Progress> {
  readonly worker: Worker;
  current: Running<Request, Result, Progress> | null;
}

/**
 * Runs requests in worker threads behind a typed request/reply protocol
 * (STYLE §7). Workers are started lazily, up to `size`; each handles one
 * request at a time and requests wait in a FIFO queue for the next idle
 * worker. Replies are matched to requests by `seq` (WorkerProtocol.ts);
 * progress replies go to the request's `onProgress`; a `failed` reply
 * rejects with `toError(failure)`. A worker that dies rejects only the
 * request it was running and is replaced when the queue next needs one.
 * Calls slower than `slowCallMs` are reported. `dispose` rejects everything
 * queued or running, refuses new requests and terminates the workers (STYLE §6).
 *
 * The worker side is serveWorkerRequests; the pool and its worker file agree
 * on `Request`, `Result`, `Progress` and `Failure` through a shared protocol
 * module, since the types cannot follow the messages across the thread.
 */
export class WorkerPool<Request, Result, Progress = never, Failure = WorkerFailure> {
  readonly #options: WorkerPoolOptions<Request, Failure>;
  readonly #size: number;
  readonly #slots: Slot<Request, Result, Progress>[] = [];
  readonly #queue: Pending<Request, Result, Progress>[] = [];
  #seq = 0;
  #disposed = false;

  constructor(options: WorkerPoolOptions<Request, Failure>) {
    this.#options = options;
    this.#size = Math.max(1, Math.floor(options.size));
  }

  /** The most workers this pool will run at once. */
  get size(): number {
    return this.#size;
  }

  /** Runs `request` in a worker, resolving with its result; `onProgress` hears the worker's progress replies. */
  run(request: Request, onProgress?: (progress: Progress) => void): Promise<Result> {
    if (this.#disposed) {
      return Promise.reject(
        new Error(`${this.#options.name}: ${this.#options.describeRequest(request)} after dispose`),
      );
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ request, resolve, reject, onProgress });
      this.#pump();
    });
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    const error = new Error(`${this.#options.name}: disposed`);
    for (const pending of this.#queue.splice(0)) pending.reject(error);
    const slots = this.#slots.splice(0);
    for (const slot of slots) {
      slot.current?.reject(error);
      slot.current = null;
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  /** Hands queued requests to idle workers, starting workers while there is room. */
  #pump(): void {
    while (!this.#disposed && this.#queue.length > 0) {
      const slot = this.#idleSlot();
      const next = slot === undefined ? undefined : this.#queue.shift();
      if (slot === undefined || next === undefined) return;
      const seq = ++this.#seq;
      slot.current = { ...next, seq, startedAt: performance.now() };
      const envelope: WorkerRequestEnvelope<Request> = { seq, request: next.request };
      slot.worker.postMessage(envelope);
    }
  }

  #idleSlot(): Slot<Request, Result, Progress> | undefined {
    const idle = this.#slots.find((slot) => slot.current === null);
    if (idle !== undefined || this.#slots.length >= this.#size) return idle;
    const slot: Slot<Request, Result, Progress> = { worker: new Worker(this.#options.url), current: null };
    slot.worker.on('message', (reply: WorkerReply<Result, Progress, Failure>) => {
      this.#onReply(slot, reply);
    });
    slot.worker.on('error', (error: Error) => {
      this.#onCrash(slot, error);
    });
    slot.worker.on('exit', (code: number) => {
      this.#onCrash(slot, new Error(`worker exited with code ${code}`));
    });
    this.#slots.push(slot);
    return slot;
  }

  #onReply(slot: Slot<Request, Result, Progress>, reply: WorkerReply<Result, Progress, Failure>): void {
    const current = slot.current;
    // A reply for a request this slot no longer runs (disposed, or a stray late message) is dropped.
    if (current === null || current.seq !== reply.seq) return;
    if (reply.kind === 'progress') {
      current.onProgress?.(reply.progress);
      return;
    }
    slot.current = null;
    const elapsed = performance.now() - current.startedAt;
    if (elapsed > this.#options.slowCallMs) this.#reportSlowCall(current.request, elapsed);
    if (reply.kind === 'done') current.resolve(reply.result);
    else current.reject(this.#options.toError(reply.failure, current.request));
    this.#pump();
  }

  #reportSlowCall(request: Request, milliseconds: number): void {
    if (this.#options.onSlowCall) {
      this.#options.onSlowCall(request, milliseconds);
      return;
    }
    console.warn(
      `${this.#options.name}: slow ${this.#options.describeRequest(request)} took ${Math.round(milliseconds)} ms`,
    );
  }

  /** A worker died (`error` then `exit`, or `exit` alone): fail its request once, forget it, carry on with a new one. */
  #onCrash(slot: Slot<Request, Result, Progress>, cause: Error): void {
    const index = this.#slots.indexOf(slot);
    // Already handled, or terminated by dispose.
    if (index < 0) return;
    this.#slots.splice(index, 1);
    const current = slot.current;
    slot.current = null;
    if (current !== null) current.reject(this.#crashError(cause, current.request));
    void slot.worker.terminate();
    this.#pump();
  }

  #crashError(cause: Error, request: Request): Error {
    if (this.#options.toCrashError) return this.#options.toCrashError(cause, request);
    return new Error(
      `${this.#options.name}: worker crashed while running ${this.#options.describeRequest(request)}: ${cause.message}`,
      { cause },
    );
  }
}
