import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventHub } from '../../../electron/core/EventHub.ts';
import type { TopicNotification } from '../../../electron/core/refresh/planTopicNotifications.ts';
import { TopicNotifier } from '../../../electron/core/refresh/TopicNotifier.ts';
import { ManualTime } from './ManualTime.ts';

const SECOND = 1000;

function setup() {
  const events = new EventHub();
  const time = new ManualTime();
  const shown: TopicNotification[] = [];
  const notifier = new TopicNotifier({
    events,
    titleOf: (id) => `Story ${id}`,
    show: (notification) => shown.push(notification),
    quietMs: 5 * SECOND,
    maxWaitMs: 60 * SECOND,
    timers: time,
  });
  const dispose = notifier.start();
  const match = (topicId: number, ...articleIds: string[]): void => {
    events.emit('topics:progress', { kind: 'matched', topicId, topicName: `Topic ${topicId}`, articleIds });
  };
  return { events, time, shown, dispose, match };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('TopicNotifier', () => {
  it('shows one notification per topic once matches have been quiet for the window', async () => {
    const { time, shown, match } = setup();
    match(1, 'a');
    await time.advance(4 * SECOND);
    match(1, 'b');
    match(2, 'c');
    await time.advance(4 * SECOND);
    expect(shown).toEqual([]);
    await time.advance(1 * SECOND);
    expect(shown.map((notification) => notification.title)).toEqual([
      'Topic 1: 2 new articles',
      'Topic 2: 1 new article',
    ]);
    // A later match starts a new batch.
    match(1, 'd');
    await time.advance(5 * SECOND);
    expect(shown.map((notification) => notification.title).at(-1)).toBe('Topic 1: 1 new article');
    expect(time.pendingCount()).toBe(0);
  });

  it('closes a busy batch at the longest wait', async () => {
    const { time, shown, match } = setup();
    for (let second = 0; second < 70; second += 2) {
      match(1, `a${second}`);
      await time.advance(2 * SECOND);
    }
    // Matches never paused for 5 s: the first batch closed at 60 s with the 30 matches before it.
    expect(shown[0]?.title).toBe('Topic 1: 30 new articles');
  });

  it('ignores other events, and a disposed notifier shows nothing and leaves no timer', async () => {
    const { events, time, shown, match, dispose } = setup();
    events.emit('topics:progress', { kind: 'applying', topicId: 1, done: 1, total: 2 });
    events.emit('library:changed', { reason: 'articles', feedIds: [] });
    expect(time.pendingCount()).toBe(0);
    match(1, 'a');
    dispose();
    expect(time.pendingCount()).toBe(0);
    match(1, 'b');
    await time.advance(120 * SECOND);
    expect(shown).toEqual([]);
  });

  it('a failing display is reported and the other topics still show', async () => {
    const events = new EventHub();
    const time = new ManualTime();
    const shown: number[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    new TopicNotifier({
      events,
      titleOf: () => null,
      show: (notification) => {
        if (notification.topicId === 1) throw new Error('no notification server');
        shown.push(notification.topicId);
      },
      timers: time,
    }).start();
    for (const topicId of [1, 2]) {
      events.emit('topics:progress', { kind: 'matched', topicId, topicName: 'T', articleIds: ['x'] });
    }
    await time.advance(60 * SECOND);
    expect(shown).toEqual([2]);
    expect(error).toHaveBeenCalledWith(
      'TopicNotifier: could not show the notification for topic 1:',
      expect.any(Error),
    );
  });
});
