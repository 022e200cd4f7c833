import { app, net, powerMonitor } from 'electron';
import { RefreshScheduler, type RefreshSource } from '../../core/refresh/RefreshScheduler.ts';
import { realTimers, type TimerHandle, type Timers } from '../../core/refresh/Timers.ts';
import { TopicNotifier } from '../../core/refresh/TopicNotifier.ts';
import { countUnread, watchUnreadCount } from '../../core/refresh/watchUnreadCount.ts';
import type { ArticleStore } from '../../core/store/ArticleStore.ts';
import { createTopicNotificationPresenter } from './showTopicNotification.ts';

export interface BackgroundDeps {
  /** The open library (a `Library` is one). */
  readonly library: RefreshSource & {
    readonly store: {
      readonly reader: Pick<ArticleStore['reader'], 'feedsToRefresh' | 'listFeeds' | 'getArticleSummary'>;
    };
  };
  /** Minutes between background refreshes (the settings' `refreshMinutes`; 1 to 1440). */
  readonly refreshMinutes: number;
  /** Refresh on a metered connection too (the settings' `refreshOnMetered`; default false). */
  readonly refreshOnMetered?: boolean;
  /** The settings file: a change of `refreshMinutes` or `refreshOnMetered` reaches the scheduler at once. */
  readonly settings?: {
    onChange(
      listener: (settings: { readonly refreshMinutes: number; readonly refreshOnMetered: boolean }) => void,
    ): () => void;
  };
  /** Brings the main window forward: a topic notification was clicked. */
  readonly focusWindow: () => void;
  /** How often `net.isOnline()` is asked (default 60 s); Electron has no online/offline event in main. */
  readonly onlinePollMs?: number;
  /** The first background refresh, after the window is up (default 10 s). */
  readonly startDelayMs?: number;
  /** Tests drive the wall clock and timers by hand. */
  readonly clock?: () => Date;
  readonly timers?: Timers;
}

const DEFAULT_ONLINE_POLL_MS = 60_000;

/**
 * Starts the app's background work once the library is open and the app is
 * ready (powerMonitor needs 'ready'):
 *
 * - a `RefreshScheduler` refreshing the due feeds every `refreshMinutes`;
 *   `powerMonitor` 'resume' wakes it (it catches up by the wall clock), and
 *   `net.isOnline()`, asked every `onlinePollMs` and on resume, pauses it
 *   offline. Electron reports no metered state on any platform, so main
 *   never reports one and `refreshOnMetered` has no effect yet; the
 *   renderer's `navigator.connection.saveData` could be a future source
 *   (`RefreshScheduler.setMetered`).
 * - a system notification per topic marked notify that gained articles
 *   (coalesced per batch); clicking one calls `focusWindow`.
 * - the unread count on the dock/launcher badge (`app.setBadgeCount`:
 *   macOS, and Linux launchers that support Unity's; Windows shows none),
 *   recounted after library changes. No tray icon.
 *
 * Returns the disposer: it removes the listeners and timers, closes open
 * notifications, clears the badge and resolves once a running background
 * refresh has finished (the library can then close).
 */
export function startBackground(deps: BackgroundDeps): () => Promise<void> {
  const { library } = deps;
  const timers = deps.timers ?? realTimers;
  const scheduler = new RefreshScheduler({
    library,
    intervalMinutes: deps.refreshMinutes,
    pauseWhenMetered: !(deps.refreshOnMetered ?? false),
    timers,
    ...(deps.clock === undefined ? {} : { clock: deps.clock }),
    ...(deps.startDelayMs === undefined ? {} : { startDelayMs: deps.startDelayMs }),
  });
  let online = net.isOnline();
  scheduler.setOnline(online);
  const checkOnline = (): void => {
    const now = net.isOnline();
    if (now === online) return;
    online = now;
    scheduler.setOnline(now);
  };
  scheduler.start();
  const stopFollowingSettings =
    deps.settings?.onChange((settings) => {
      scheduler.setIntervalMinutes(settings.refreshMinutes);
      scheduler.setPauseWhenMetered(!settings.refreshOnMetered);
    }) ?? (() => undefined);

  const onlinePollMs = deps.onlinePollMs ?? DEFAULT_ONLINE_POLL_MS;
  let pollTimer: TimerHandle | null = null;
  const poll = (): void => {
    pollTimer = timers.setTimeout(() => {
      checkOnline();
      poll();
    }, onlinePollMs);
  };
  poll();

  const onResume = (): void => {
    checkOnline();
    scheduler.wake();
  };
  powerMonitor.on('resume', onResume);

  const presenter = createTopicNotificationPresenter(deps.focusWindow);
  const stopNotifying = new TopicNotifier({
    events: library.events,
    titleOf: (id) => library.store.reader.getArticleSummary(id)?.title ?? null,
    show: presenter.show,
    timers,
  }).start();

  const stopCounting = watchUnreadCount({
    events: library.events,
    countUnread: () => countUnread(library.store.reader),
    onCount: (count) => {
      app.setBadgeCount(count);
    },
    timers,
  });

  let stopped: Promise<void> | null = null;
  return () => {
    stopped ??= (async () => {
      stopFollowingSettings();
      powerMonitor.removeListener('resume', onResume);
      if (pollTimer !== null) timers.clearTimeout(pollTimer);
      pollTimer = null;
      stopNotifying();
      presenter.dispose();
      stopCounting();
      app.setBadgeCount(0);
      await scheduler.stop();
    })();
    return stopped;
  };
}
