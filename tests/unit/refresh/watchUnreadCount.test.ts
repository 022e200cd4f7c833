import { describe, expect, it } from 'vitest';
import { EventHub } from '../../../electron/core/EventHub.ts';
import { countUnread, watchUnreadCount } from '../../../electron/core/refresh/watchUnreadCount.ts';
import { ManualTime } from './ManualTime.ts';

describe('watchUnreadCount', () => {
  it('reports the count at once, then once per burst of changes, and only when it changed', async () => {
    const events = new EventHub();
    const time = new ManualTime();
    let unread = 7;
    let counted = 0;
    const reported: number[] = [];
    watchUnreadCount({
      events,
      countUnread: () => {
        counted += 1;
        return unread;
      },
      onCount: (count) => reported.push(count),
      debounceMs: 500,
      timers: time,
    });
    expect(reported).toEqual([7]);
    unread = 12;
    for (let change = 0; change < 5; change += 1) {
      events.emit('library:changed', { reason: 'articles', feedIds: [1] });
      await time.advance(100);
    }
    expect(reported).toEqual([7]);
    await time.advance(400);
    expect(reported).toEqual([7, 12]);
    expect(counted).toBe(2);
    // Same count: not reported again. Other events never count.
    events.emit('library:changed', { reason: 'read', feedIds: [] });
    events.emit('ingest:progress', { kind: 'refresh-started', feedCount: 1 });
    await time.advance(500);
    expect(counted).toBe(3);
    expect(reported).toEqual([7, 12]);
  });

  it('stops counting once disposed', async () => {
    const events = new EventHub();
    const time = new ManualTime();
    const reported: number[] = [];
    let unread = 1;
    const dispose = watchUnreadCount({
      events,
      countUnread: () => unread,
      onCount: (count) => reported.push(count),
      timers: time,
    });
    events.emit('library:changed', { reason: 'read', feedIds: [] });
    dispose();
    expect(time.pendingCount()).toBe(0);
    unread = 2;
    events.emit('library:changed', { reason: 'read', feedIds: [] });
    await time.advance(10_000);
    expect(reported).toEqual([1]);
  });

  it('sums unread over the feeds', () => {
    expect(countUnread({ listFeeds: () => [{ unreadCount: 3 }, { unreadCount: 0 }, { unreadCount: 4 }] })).toBe(7);
    expect(countUnread({ listFeeds: () => [] })).toBe(0);
  });
});
