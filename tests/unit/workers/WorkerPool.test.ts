import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../../electron/core/workers/WorkerPool.ts';
import type { WorkerFailure } from '../../../electron/core/workers/WorkerProtocol.ts';
import type { PoolTestRequest, PoolTestResult } from './poolTestWorker.ts';

const WORKER_URL = new URL('./poolTestWorker.ts', import.meta.url);

type TestPool = WorkerPool<PoolTestRequest, PoolTestResult, number>;

const sleep = (milliseconds: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, milliseconds);
  });

describe('WorkerPool', () => {
  const pools: TestPool[] = [];
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.dispose()));
  });

  function open(
    size: number,
    options: { onSlowCall?: (request: PoolTestRequest, milliseconds: number) => void; slowCallMs?: number } = {},
  ): TestPool {
    const pool = new WorkerPool<PoolTestRequest, PoolTestResult, number>({
      name: 'TestPool',
      url: WORKER_URL,
      size,
      describeRequest: (request) => request.kind,
      toError: (failure: WorkerFailure, request) => new Error(`TestPool: ${request.kind} failed: ${failure.message}`),
      slowCallMs: options.slowCallMs ?? 10_000,
      ...(options.onSlowCall ? { onSlowCall: options.onSlowCall } : {}),
    });
    pools.push(pool);
    return pool;
  }

  const echo = (value: string, delayMs = 0): PoolTestRequest => ({ kind: 'echo', value, delayMs });

  it('resolves every request with its own result, and a single worker answers in request order', async () => {
    const two = open(2);
    const values = ['a', 'b', 'c', 'd', 'e', 'f'];
    // Later requests finish sooner: each result still goes to its own request.
    const results = await Promise.all(values.map((value, index) => two.run(echo(value, (values.length - index) * 10))));
    expect(results.map((result) => result.value)).toEqual(values);
    await two.dispose();

    const one = open(1);
    const finished: string[] = [];
    await Promise.all(values.map((value) => one.run(echo(value, 5)).then((result) => finished.push(result.value))));
    expect(finished).toEqual(values);
  });

  it('starts workers only when needed and never more than size', async () => {
    const lazy = open(4);
    expect(lazy.size).toBe(4);
    const one = await lazy.run(echo('x'));
    const again = await lazy.run(echo('y'));
    // One request at a time: the first worker serves both.
    expect(again.threadId).toBe(one.threadId);
    await lazy.dispose();

    const two = open(2);
    const results = await Promise.all(Array.from({ length: 8 }, (_, index) => two.run(echo(`${index}`, 20))));
    expect(new Set(results.map((result) => result.threadId)).size).toBe(2);
    expect(open(0).size).toBe(1);
  });

  it('forwards progress to the request that reported it, then resolves', async () => {
    const progress: number[] = [];
    const other: number[] = [];
    const both = open(2);
    const [counted] = await Promise.all([
      both.run({ kind: 'count', to: 5 }, (done) => progress.push(done)),
      both.run({ kind: 'count', to: 2 }, (done) => other.push(done)),
    ]);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    expect(other).toEqual([1, 2]);
    expect(counted.value).toBe('counted 5');
  });

  it('rejects a request whose handler throws with toError, and the worker keeps serving', async () => {
    const one = open(1);
    const before = await one.run(echo('before'));
    await expect(one.run({ kind: 'throw', message: 'no such page' })).rejects.toThrow(
      'TestPool: throw failed: no such page',
    );
    const after = await one.run(echo('after'));
    expect(after.threadId).toBe(before.threadId);
  });

  it('rejects only the crashed worker’s request and replaces the worker', async () => {
    const two = open(2);
    const [survivor, crashed, queued] = await Promise.allSettled([
      two.run(echo('survivor', 100)),
      two.run({ kind: 'exit', code: 3 }),
      two.run(echo('queued')),
    ]);
    expect(survivor).toMatchObject({ status: 'fulfilled', value: { value: 'survivor' } });
    expect(queued).toMatchObject({ status: 'fulfilled', value: { value: 'queued' } });
    expect(crashed.status).toBe('rejected');
    const reason = (crashed as PromiseRejectedResult).reason as Error;
    expect(reason.message).toBe('TestPool: worker crashed while running exit: worker exited with code 3');
    expect(reason.cause).toBeInstanceOf(Error);
  });

  it('fails an uncaught exception’s request once (error, then exit) and keeps going', async () => {
    const one = open(1);
    const first = await one.run(echo('first'));
    const results = await Promise.allSettled([
      one.run({ kind: 'uncaught', message: 'boom' }),
      one.run(echo('next')),
      one.run(echo('last')),
    ]);
    expect(results[0]).toMatchObject({ status: 'rejected' });
    expect(((results[0] as PromiseRejectedResult).reason as Error).message).toBe(
      'TestPool: worker crashed while running uncaught: boom',
    );
    expect(results.slice(1)).toMatchObject([
      { status: 'fulfilled', value: { value: 'next' } },
      { status: 'fulfilled', value: { value: 'last' } },
    ]);
    const next = (results[1] as PromiseFulfilledResult<PoolTestResult>).value;
    expect(next.threadId).not.toBe(first.threadId);
  });

  it('reports calls slower than slowCallMs and only those', async () => {
    const slow: [PoolTestRequest, number][] = [];
    const one = open(1, { slowCallMs: 300, onSlowCall: (request, milliseconds) => slow.push([request, milliseconds]) });
    // A first call also waits for its worker to start, which counts: warm the worker up so only the calls below are timed.
    await one.run(echo('warm-up'));
    slow.length = 0;
    await one.run(echo('fast'));
    await one.run(echo('slow', 400));
    expect(slow).toHaveLength(1);
    expect(slow[0]?.[0]).toEqual(echo('slow', 400));
    expect(slow[0]?.[1]).toBeGreaterThanOrEqual(300);
  });

  it('dispose rejects running and queued requests, terminates the workers and refuses new requests', async () => {
    const ticks = new Int32Array(new SharedArrayBuffer(4));
    const one = open(1);
    const settled = Promise.allSettled([one.run({ kind: 'spin', ticks }), one.run(echo('queued'))]);
    while (Atomics.load(ticks, 0) < 2) await sleep(5);
    await one.dispose();
    const results = await settled;
    for (const result of results) {
      expect(result).toMatchObject({ status: 'rejected', reason: new Error('TestPool: disposed') });
    }
    // Terminated: the spinning worker ticks no more.
    const stopped = Atomics.load(ticks, 0);
    await sleep(50);
    expect(Atomics.load(ticks, 0)).toBe(stopped);
    await expect(one.run(echo('late'))).rejects.toThrow('TestPool: echo after dispose');
  });
});
