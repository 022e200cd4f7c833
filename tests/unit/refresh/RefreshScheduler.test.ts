import { describe, expect, it } from 'vitest';
import { EventHub } from '../../../electron/core/EventHub.ts';
import { dueCutoff, RefreshScheduler } from '../../../electron/core/refresh/RefreshScheduler.ts';
import type { FeedRecord } from '../../../electron/core/store/ArticleStore.ts';
import { ManualTime } from './ManualTime.ts';

const MINUTE = 60_000;

describe('dueCutoff', () => {
  it('allows a quarter interval of slack, at most five minutes', () => {
    const now = new Date('2026-03-02T08:00:00.000Z');
    expect(dueCutoff(now, 8 * MINUTE).toISOString()).toBe('2026-03-02T08:02:00.000Z');
    expect(dueCutoff(now, 120 * MINUTE).toISOString()).toBe('2026-03-02T08:05:00.000Z');
  });
});

describe('RefreshScheduler with a library that fails', () => {
  it('reports a refresh that threw and still refreshes at the next tick', async () => {
    const time = new ManualTime();
    const events = new EventHub();
    const errors: unknown[] = [];
    let calls = 0;
    const scheduler = new RefreshScheduler({
      library: {
        events,
        store: { reader: { feedsToRefresh: () => [{ id: 1 } as FeedRecord] } },
        ingest: {
          refresh: () => {
            calls += 1;
            // Like Ingest: started first, then the failure, with no refresh-finished.
            events.emit('ingest:progress', { kind: 'refresh-started', feedCount: 1 });
            return Promise.reject(new Error('ArticleStore: the database is closed'));
          },
        },
      },
      intervalMinutes: 30,
      startDelayMs: 0,
      clock: time.clock,
      timers: time,
      onError: (error) => errors.push(error),
    });
    scheduler.start();
    const settle = (): Promise<void> => scheduler.idle();
    await time.advance(0, settle);
    expect(calls).toBe(1);
    expect(errors).toEqual([new Error('ArticleStore: the database is closed')]);
    await time.advance(30 * MINUTE, settle);
    expect(calls).toBe(2);
    await scheduler.stop();
    expect(time.pendingCount()).toBe(0);
  });
});
