import { parentPort } from 'node:worker_threads';
import type { WorkerFailure, WorkerReply, WorkerRequestEnvelope } from './WorkerProtocol.ts';

/** Does one request in the worker: returns (or resolves to) the result, throws to fail, may report progress. */
export type WorkerRequestHandler<Request, Result, Progress> = (
  request: Request,
  reportProgress: (progress: Progress) => void,
) => Result | Promise<Result>;

/**
 * The worker side of WorkerPool: answers each `{ seq, request }` the pool
 * posts with the handler's result as `done`, or, when the handler throws or
 * rejects, with `failed` and `describeFailure(error, request)` (default: the
 * error's message). Progress reported while the request runs is posted as
 * `progress` with the same seq; progress after the answer is dropped.
 *
 * Call it once at the top of a worker entry module. Outside a worker thread
 * (a test importing the entry for its helpers) it does nothing. Returns a
 * disposer that stops listening, which lets the worker thread exit.
 */
export function serveWorkerRequests<Request, Result, Progress = never>(
  handler: WorkerRequestHandler<Request, Result, Progress>,
): () => void;
// Failure appears once, on purpose: given explicitly, it holds describeFailure to the protocol's failure type.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function serveWorkerRequests<Request, Result, Progress, Failure>(
  handler: WorkerRequestHandler<Request, Result, Progress>,
  describeFailure: (error: unknown, request: Request) => Failure,
): () => void;
export function serveWorkerRequests<Request, Result, Progress, Failure>(
  handler: WorkerRequestHandler<Request, Result, Progress>,
  describeFailure: (error: unknown, request: Request) => Failure | WorkerFailure = describeThrown,
): () => void {
  const port = parentPort;
  if (port === null) return () => undefined;
  const post = (reply: WorkerReply<Result, Progress, Failure | WorkerFailure>): void => {
    port.postMessage(reply);
  };
  const answer = async ({ seq, request }: WorkerRequestEnvelope<Request>): Promise<void> => {
    let answered = false;
    const reportProgress = (progress: Progress): void => {
      if (!answered) post({ seq, kind: 'progress', progress });
    };
    try {
      const result = await handler(request, reportProgress);
      answered = true;
      // Inside the try: a result that cannot be cloned fails the request instead of crashing the worker.
      post({ seq, kind: 'done', result });
    } catch (error) {
      answered = true;
      post({ seq, kind: 'failed', failure: describeFailure(error, request) });
    }
  };
  const onMessage = (envelope: WorkerRequestEnvelope<Request>): void => {
    void answer(envelope);
  };
  port.on('message', onMessage);
  return () => {
    port.off('message', onMessage);
  };
}

function describeThrown(error: unknown): WorkerFailure {
  return { message: error instanceof Error ? error.message : String(error) };
}
