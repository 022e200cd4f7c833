import { describe, expect, it } from 'vitest';
import { HostLimiter } from '../../../electron/core/feeds/HostLimiter.ts';

/** A task the test finishes by hand, so ordering is deterministic without timers. */
function gate(): { readonly promise: Promise<void>; readonly open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn += 1) await Promise.resolve();
}

describe('HostLimiter', () => {
  it('runs at most perHost tasks per host, in arrival order', async () => {
    const limiter = new HostLimiter({ perHost: 2 });
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    const runs = gates.map((entry, index) =>
      limiter.run('Example.com', async () => {
        started.push(index);
        await entry.promise;
        return index;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    expect(limiter.runningCount('example.com')).toBe(2);
    expect(limiter.waitingCount('EXAMPLE.COM')).toBe(3);
    gates[1]?.open();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    for (const entry of gates) entry.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(limiter.runningCount('example.com')).toBe(0);
    expect(limiter.waitingCount('example.com')).toBe(0);
  });

  it('keeps hosts independent', async () => {
    const limiter = new HostLimiter({ perHost: 1 });
    const blocked = gate();
    const first = limiter.run('a.example', () => blocked.promise);
    let otherRan = false;
    await limiter.run('b.example', () => {
      otherRan = true;
      return Promise.resolve();
    });
    expect(otherRan).toBe(true);
    blocked.open();
    await first;
  });

  it('frees the slot when a task throws', async () => {
    const limiter = new HostLimiter({ perHost: 1 });
    await expect(limiter.run('a.example', () => Promise.reject(new Error('task failed')))).rejects.toThrow(
      'task failed',
    );
    expect(await limiter.run('a.example', () => Promise.resolve('next'))).toBe('next');
  });

  it('drops a waiting task when its signal aborts, without running it', async () => {
    const limiter = new HostLimiter({ perHost: 1 });
    const blocked = gate();
    const first = limiter.run('a.example', () => blocked.promise);
    const controller = new AbortController();
    let ran = false;
    const waiting = limiter.run(
      'a.example',
      () => {
        ran = true;
        return Promise.resolve();
      },
      controller.signal,
    );
    controller.abort();
    await expect(waiting).rejects.toThrow();
    expect(limiter.waitingCount('a.example')).toBe(0);
    blocked.open();
    await first;
    expect(ran).toBe(false);
    expect(limiter.runningCount('a.example')).toBe(0);
  });

  it('refuses a perHost below 1', () => {
    expect(() => new HostLimiter({ perHost: 0 })).toThrow('HostLimiter: perHost must be a positive integer, got 0');
  });
});
