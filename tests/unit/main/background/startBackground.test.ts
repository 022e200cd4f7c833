import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EventHub } from '../../../../electron/core/EventHub.ts';
import type { FeedRecord } from '../../../../electron/core/store/ArticleStore.ts';
import type { RefreshReport } from '../../../../electron/shared/model.ts';
import { ManualTime } from '../../refresh/ManualTime.ts';

/** The slice of Electron background work touches, rebuilt before every test. */
const fake = vi.hoisted(() => {
  const state = { online: true, supported: true, notifications: [] as FakeNotification[] };
  class FakeNotification {
    static isSupported = (): boolean => state.supported;
    readonly options: { title?: string; body?: string };
    readonly listeners = new Map<string, () => void>();
    readonly show = vi.fn();
    readonly close = vi.fn();
    constructor(options: { title?: string; body?: string }) {
      this.options = options;
      state.notifications.push(this);
    }
    on(event: string, listener: () => void) {
      this.listeners.set(event, listener);
      return this;
    }
    emit(event: string) {
      this.listeners.get(event)?.();
    }
  }
  /** powerMonitor: listeners by event. */
  const listeners = new Map<string, Set<() => void>>();
  const powerMonitor = {
    on: (event: string, listener: () => void) => {
      listeners.set(event, (listeners.get(event) ?? new Set()).add(listener));
      return powerMonitor;
    },
    removeListener: (event: string, listener: () => void) => {
      listeners.get(event)?.delete(listener);
      return powerMonitor;
    },
    emit: (event: string) => {
      for (const listener of listeners.get(event) ?? []) listener();
    },
    listenerCount: (event: string) => listeners.get(event)?.size ?? 0,
  };
  const electron = {
    app: { setBadgeCount: vi.fn(() => true) },
    net: { isOnline: vi.fn(() => state.online) },
    powerMonitor,
    Notification: FakeNotification,
  };
  return { state, electron, listeners };
});

vi.mock('electron', () => fake.electron);

const { startBackground } = await import('../../../../electron/main/background/startBackground.ts');

const MINUTE = 60_000;
const feed = { id: 1, kind: 'feed', url: 'http://127.0.0.1/feed.xml', title: 'Wire' } as FeedRecord;

type SettingsListener = (settings: { refreshMinutes: number; refreshOnMetered: boolean }) => void;

function setup(options: { unread?: number[]; startDelayMs?: number; settingsListeners?: Set<SettingsListener> } = {}) {
  const time = new ManualTime();
  const events = new EventHub();
  const unread = options.unread ?? [3, 4];
  const refreshed: (readonly FeedRecord[])[] = [];
  let finish = (): void => undefined;
  const library = {
    events,
    store: {
      reader: {
        feedsToRefresh: vi.fn(() => [feed]),
        listFeeds: vi.fn(() => unread.map((unreadCount) => ({ unreadCount }))),
        getArticleSummary: vi.fn((id: string) => ({ title: `Story ${id}` })),
      },
    },
    ingest: {
      // Like Ingest: started at once, finished when the test lets it.
      refresh: vi.fn((feeds: readonly FeedRecord[]) => {
        refreshed.push(feeds);
        events.emit('ingest:progress', { kind: 'refresh-started', feedCount: feeds.length });
        return new Promise<RefreshReport>((resolve) => {
          finish = () => {
            const report = { startedAt: '', finishedAt: '', feeds: [], offline: null };
            events.emit('ingest:progress', { kind: 'refresh-finished', report });
            resolve(report);
          };
        });
      }),
    },
  };
  const focusWindow = vi.fn();
  const stop = startBackground({
    library: library as unknown as Parameters<typeof startBackground>[0]['library'],
    refreshMinutes: 30,
    ...(options.settingsListeners === undefined
      ? {}
      : {
          settings: {
            onChange: (listener: SettingsListener) => {
              options.settingsListeners?.add(listener);
              return () => options.settingsListeners?.delete(listener);
            },
          },
        }),
    focusWindow,
    onlinePollMs: MINUTE,
    startDelayMs: options.startDelayMs ?? 0,
    clock: time.clock,
    timers: time,
  });
  return {
    time,
    events,
    library,
    refreshed,
    focusWindow,
    stop,
    finish: () => {
      finish();
    },
    unread,
  };
}

beforeEach(() => {
  vi.clearAllMocks();
  fake.state.online = true;
  fake.state.supported = true;
  fake.state.notifications.length = 0;
  fake.listeners.clear();
});

describe('startBackground', () => {
  it('refreshes the due feeds after the start delay and shows the unread count on the badge', async () => {
    const { time, refreshed, finish, stop } = setup();
    expect(fake.electron.app.setBadgeCount).toHaveBeenCalledWith(7);
    await time.advance(0);
    expect(refreshed).toEqual([[feed]]);
    finish();
    await stop();
  });

  it('holds while net.isOnline() says offline and refreshes once the poll sees it online', async () => {
    fake.state.online = false;
    const { time, refreshed, finish, stop } = setup();
    await time.advance(5 * MINUTE);
    expect(refreshed).toEqual([]);
    fake.state.online = true;
    await time.advance(MINUTE);
    expect(refreshed).toHaveLength(1);
    finish();
    await stop();
  });

  it('catches up on powerMonitor resume after a sleep longer than the interval', async () => {
    const { time, refreshed, finish, stop } = setup();
    await time.advance(0);
    finish();
    // The next tick is armed (beside the online poll) once the refresh has settled.
    await vi.waitFor(() => {
      expect(time.pendingCount()).toBe(2);
    });
    time.sleep(3 * 60 * MINUTE);
    fake.electron.powerMonitor.emit('resume');
    expect(refreshed).toHaveLength(2);
    finish();
    await stop();
  });

  it('follows a change of the refresh setting at once, and stops following it when disposed', async () => {
    const listeners = new Set<SettingsListener>();
    const { time, refreshed, finish, stop } = setup({ settingsListeners: listeners });
    await time.advance(0);
    finish();
    await vi.waitFor(() => {
      expect(time.pendingCount()).toBe(2);
    });
    for (const listener of listeners) listener({ refreshMinutes: 120, refreshOnMetered: false });
    await time.advance(60 * MINUTE);
    expect(refreshed).toHaveLength(1);
    await time.advance(60 * MINUTE);
    expect(refreshed).toHaveLength(2);
    finish();
    await stop();
    expect(listeners.size).toBe(0);
  });

  it('shows one system notification per topic batch; a click focuses the window', async () => {
    const { time, events, focusWindow, stop } = setup({ startDelayMs: 60 * MINUTE });
    events.emit('topics:progress', { kind: 'matched', topicId: 4, topicName: 'Rare earths', articleIds: ['a', 'b'] });
    events.emit('topics:progress', { kind: 'matched', topicId: 4, topicName: 'Rare earths', articleIds: ['c'] });
    expect(fake.state.notifications).toHaveLength(0);
    await time.advance(5_000);
    expect(fake.state.notifications).toHaveLength(1);
    const [shown] = fake.state.notifications;
    expect(shown?.options).toEqual({
      title: 'Rare earths: 3 new articles',
      body: 'Story a\nStory b\nStory c',
      silent: false,
    });
    expect(shown?.show).toHaveBeenCalledOnce();
    shown?.emit('click');
    expect(focusWindow).toHaveBeenCalledOnce();
    await stop();
  });

  it('shows no notification where the system has none', async () => {
    fake.state.supported = false;
    const { time, events, stop } = setup({ startDelayMs: 60 * MINUTE });
    events.emit('topics:progress', { kind: 'matched', topicId: 4, topicName: 'Rare earths', articleIds: ['a'] });
    await time.advance(60_000);
    expect(fake.state.notifications).toHaveLength(0);
    await stop();
  });

  it('recounts the badge after library changes, debounced', async () => {
    const { time, events, unread, stop } = setup({ startDelayMs: 60 * MINUTE });
    unread.push(5);
    events.emit('library:changed', { reason: 'articles', feedIds: [1] });
    events.emit('library:changed', { reason: 'read', feedIds: [] });
    await time.advance(499);
    expect(fake.electron.app.setBadgeCount).toHaveBeenLastCalledWith(7);
    await time.advance(1);
    expect(fake.electron.app.setBadgeCount).toHaveBeenLastCalledWith(12);
    expect(fake.electron.app.setBadgeCount).toHaveBeenCalledTimes(2);
    await stop();
  });

  it('the disposer removes the listeners and timers, closes notifications, clears the badge and waits for the refresh', async () => {
    const { time, events, library, finish, stop } = setup();
    events.emit('topics:progress', { kind: 'matched', topicId: 4, topicName: 'Rare earths', articleIds: ['a'] });
    // The first refresh starts, the notification shows, the online poll asks again.
    await time.advance(MINUTE);
    expect(library.ingest.refresh).toHaveBeenCalledOnce();
    expect(fake.state.notifications).toHaveLength(1);
    expect(fake.electron.net.isOnline).toHaveBeenCalledTimes(2);
    let stopped = false;
    const stopping = stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(fake.electron.powerMonitor.listenerCount('resume')).toBe(0);
    expect(time.pendingCount()).toBe(0);
    expect(fake.electron.app.setBadgeCount).toHaveBeenLastCalledWith(0);
    expect(fake.state.notifications[0]?.close).toHaveBeenCalledOnce();
    // Nothing answers any more.
    events.emit('library:changed', { reason: 'read', feedIds: [] });
    events.emit('topics:progress', { kind: 'matched', topicId: 4, topicName: 'Rare earths', articleIds: ['b'] });
    fake.electron.powerMonitor.emit('resume');
    await time.advance(24 * 60 * MINUTE);
    expect(fake.state.notifications).toHaveLength(1);
    expect(library.ingest.refresh).toHaveBeenCalledOnce();
    expect(fake.electron.net.isOnline).toHaveBeenCalledTimes(2);
  });

  it('refuses an interval outside 1 to 1440 minutes before wiring anything', () => {
    expect(() =>
      startBackground({
        library: setupLibraryStub(),
        refreshMinutes: 0,
        focusWindow: () => undefined,
      }),
    ).toThrow('RefreshScheduler: the refresh interval must be 1 to 1440 minutes (got 0)');
    expect(fake.listeners.get('resume')?.size ?? 0).toBe(0);
    expect(fake.electron.app.setBadgeCount).not.toHaveBeenCalled();
    expect(fake.electron.net.isOnline).not.toHaveBeenCalled();
  });
});

function setupLibraryStub(): Parameters<typeof startBackground>[0]['library'] {
  return {
    events: new EventHub(),
    store: { reader: { feedsToRefresh: () => [], listFeeds: () => [], getArticleSummary: () => null } },
    ingest: { refresh: () => Promise.reject(new Error('not called')) },
  };
}
