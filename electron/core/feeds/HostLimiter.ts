export interface HostLimiterOptions {
  /** How many tasks may run at once against one hostname. */
  readonly perHost: number;
}

interface Waiter {
  readonly start: () => void;
}

/**
 * Politeness towards servers: at most `perHost` tasks run at once per
 * hostname, the rest wait in arrival order. Hostnames compare
 * case-insensitively; different hosts never wait on each other.
 */
export class HostLimiter {
  readonly perHost: number;
  readonly #running = new Map<string, number>();
  readonly #waiting = new Map<string, Waiter[]>();

  constructor(options: HostLimiterOptions) {
    if (!Number.isInteger(options.perHost) || options.perHost < 1) {
      throw new RangeError(`HostLimiter: perHost must be a positive integer, got ${String(options.perHost)}`);
    }
    this.perHost = options.perHost;
  }

  /** Tasks currently running against `host`. */
  runningCount(host: string): number {
    return this.#running.get(host.toLowerCase()) ?? 0;
  }

  /** Tasks waiting for a slot on `host`. */
  waitingCount(host: string): number {
    return this.#waiting.get(host.toLowerCase())?.length ?? 0;
  }

  /**
   * Runs `task` once a slot on `host` is free. If `signal` aborts while the
   * task is still waiting, it leaves the queue and the promise rejects with
   * the signal's reason (wrapped in an Error if it is not one); a task that
   * already started is the task's to stop.
   */
  async run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const key = host.toLowerCase();
    await this.#acquire(key, signal);
    try {
      return await task();
    } finally {
      this.#release(key);
    }
  }

  #acquire(key: string, signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    const running = this.#running.get(key) ?? 0;
    if (running < this.perHost) {
      this.#running.set(key, running + 1);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const queue = this.#waiting.get(key);
        const index = queue?.indexOf(waiter) ?? -1;
        if (queue !== undefined && index >= 0) {
          queue.splice(index, 1);
          if (queue.length === 0) this.#waiting.delete(key);
        }
        const reason: unknown = signal?.reason;
        reject(reason instanceof Error ? reason : new Error(`HostLimiter: wait for ${key} aborted`, { cause: reason }));
      };
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const queue = this.#waiting.get(key);
      if (queue === undefined) this.#waiting.set(key, [waiter]);
      else queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #release(key: string): void {
    const queue = this.#waiting.get(key);
    const next = queue?.shift();
    if (queue !== undefined && queue.length === 0) this.#waiting.delete(key);
    if (next !== undefined) {
      // The slot passes straight to the next waiter: the running count stays the same.
      next.start();
      return;
    }
    const running = (this.#running.get(key) ?? 1) - 1;
    if (running <= 0) this.#running.delete(key);
    else this.#running.set(key, running);
  }
}
