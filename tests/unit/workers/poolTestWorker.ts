// A worker for the WorkerPool tests: each request kind exercises one path of
// the protocol (a result, progress, a throw, a crash, a slow call, a call
// that never ends). Run as-is by Node 24 type stripping.
import { threadId } from 'node:worker_threads';
import { serveWorkerRequests } from '../../../electron/core/workers/serveWorkerRequests.ts';

export type PoolTestRequest =
  /** Answers `value` after `delayMs`. */
  | { readonly kind: 'echo'; readonly value: string; readonly delayMs?: number }
  /** Reports progress 1…to, then answers. */
  | { readonly kind: 'count'; readonly to: number }
  /** Throws `message` (a failed request; the worker lives on). */
  | { readonly kind: 'throw'; readonly message: string }
  /** Ends the worker thread with `code` mid-request. */
  | { readonly kind: 'exit'; readonly code: number }
  /** Throws outside the handler (an uncaught exception: `error`, then `exit`). */
  | { readonly kind: 'uncaught'; readonly message: string }
  /** Never answers; adds one to `ticks[0]` every 5 ms until the thread is terminated. */
  | { readonly kind: 'spin'; readonly ticks: Int32Array };

export interface PoolTestResult {
  readonly value: string;
  /** Which worker thread answered. */
  readonly threadId: number;
}

const sleep = (milliseconds: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, milliseconds);
  });

serveWorkerRequests<PoolTestRequest, PoolTestResult, number>(async (request, reportProgress) => {
  switch (request.kind) {
    case 'echo':
      await sleep(request.delayMs ?? 0);
      return { value: request.value, threadId };
    case 'count':
      for (let done = 1; done <= request.to; done++) reportProgress(done);
      return { value: `counted ${request.to}`, threadId };
    case 'throw':
      throw new Error(request.message);
    case 'exit':
      return process.exit(request.code);
    case 'uncaught':
      setTimeout(() => {
        throw new Error(request.message);
      }, 0);
      return new Promise<never>(() => undefined);
    case 'spin': {
      const ticks = request.ticks;
      setInterval(() => Atomics.add(ticks, 0, 1), 5);
      return new Promise<never>(() => undefined);
    }
  }
});
