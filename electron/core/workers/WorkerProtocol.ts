/**
 * The envelope every WorkerPool speaks with its workers. The pool posts one
 * request at a time per worker, numbered by `seq`; the worker (through
 * serveWorkerRequests) answers with any number of `progress` replies and then
 * exactly one `done` or `failed` reply carrying the same `seq`. What goes
 * inside (request, result, progress, failure) is each pool's own typed
 * protocol; everything must be structured-clone data.
 */
export interface WorkerRequestEnvelope<Request> {
  readonly seq: number;
  readonly request: Request;
}

export type WorkerReply<Result, Progress, Failure> =
  | { readonly seq: number; readonly kind: 'progress'; readonly progress: Progress }
  | { readonly seq: number; readonly kind: 'done'; readonly result: Result }
  | { readonly seq: number; readonly kind: 'failed'; readonly failure: Failure };

/** The failure a worker reports when its protocol does not define a richer one: the thrown error's message. */
export interface WorkerFailure {
  readonly message: string;
}
