import type { AnyEventListener } from '../../shared/dispatch.ts';
import type { RefreshReport } from '../../shared/model.ts';
import type { FeedRecord } from '../store/ArticleStore.ts';
import { realTimers, type TimerHandle, type Timers } from './Timers.ts';

/** The slice of an open Library the scheduler uses (a Library is one). */
export interface RefreshSource {
  readonly store: { readonly reader: { feedsToRefresh(dueAt?: string): FeedRecord[] } };
  /** The path `feeds:refresh` takes: progress events, offline preparation, `library:changed`. */
  readonly ingest: { refresh(feeds: readonly FeedRecord[]): Promise<RefreshReport> };
  readonly events: { subscribe(listener: AnyEventListener): () => void };
}

export interface RefreshSchedulerOptions {
  readonly library: RefreshSource;
  /** Minutes between scheduled refreshes: 1 to 1440, default 30. */
  readonly intervalMinutes?: number;
  /** Hold scheduled refreshes while the connection is metered (default true). */
  readonly pauseWhenMetered?: boolean;
  /** The first check after `start()`, so the window opens before the network work begins. */
  readonly startDelayMs?: number;
  readonly clock?: () => Date;
  readonly timers?: Timers;
  /** A scheduled refresh that failed as a whole (a single feed's failure is part of its report). */
  readonly onError?: (error: unknown) => void;
}

export const DEFAULT_REFRESH_MINUTES = 30;
export const MIN_REFRESH_MINUTES = 1;
export const MAX_REFRESH_MINUTES = 24 * 60;
const DEFAULT_START_DELAY_MS = 10_000;
const MAX_DUE_SLACK_MS = 5 * 60_000;

/** Checks a refresh interval from settings; the message names the value. */
export function validateRefreshMinutes(value: number): number {
  if (!Number.isFinite(value) || value < MIN_REFRESH_MINUTES || value > MAX_REFRESH_MINUTES) {
    throw new RangeError(
      `RefreshScheduler: the refresh interval must be ${MIN_REFRESH_MINUTES} to ${MAX_REFRESH_MINUTES} minutes (got ${value})`,
    );
  }
  return value;
}

/**
 * The `next_fetch_at` up to which a tick at `now` refreshes a feed. A feed
 * fetched some seconds into the previous tick's refresh becomes due those
 * seconds after a later tick; without slack it would wait a whole extra
 * interval. The slack (a quarter interval, at most five minutes) brings a
 * failing feed's back-off forward by no more than that.
 */
export function dueCutoff(now: Date, intervalMs: number): Date {
  return new Date(now.getTime() + Math.min(intervalMs / 4, MAX_DUE_SLACK_MS));
}

export type RefreshPause = 'offline' | 'metered' | 'stopped' | null;

/**
 * Background refresh: every interval, refreshes the feeds that are due (so
 * Ingest's per-feed schedule and a failing feed's back-off hold) through
 * `ingest.refresh`, the path a manual `feeds:refresh` takes.
 *
 * - Never two refreshes at once: a tick that finds a refresh running (manual
 *   or its own, seen through `ingest:progress`) waits for it to finish.
 * - Paused while offline, or metered when `pauseWhenMetered`; going online,
 *   unmetered or waking (`wake()`) refreshes at once if the last scheduled
 *   refresh is an interval old by the wall clock, else re-arms the timer for
 *   the rest (timers may not count the time a machine slept).
 * - `stop()` clears the timer and resolves once its own refresh is done.
 *
 * Plain Node: the shell reports online/metered/wake (Electron has no portable
 * metered signal; see electron/main/background/startBackground.ts).
 */
export class RefreshScheduler {
  readonly #library: RefreshSource;
  #intervalMs: number;
  #pauseWhenMetered: boolean;
  readonly #startDelayMs: number;
  readonly #clock: () => Date;
  readonly #timers: Timers;
  readonly #onError: (error: unknown) => void;
  #online = true;
  #metered = false;
  #started = false;
  #stopped = false;
  #timer: TimerHandle | null = null;
  /** Refreshes running in the library (manual and own), from their started/finished events. */
  #running = 0;
  #waitingForIdle = false;
  #own: Promise<void> | null = null;
  #lastRefreshAt: number | null = null;
  #unsubscribe = (): void => undefined;

  constructor(options: RefreshSchedulerOptions) {
    this.#library = options.library;
    this.#intervalMs = validateRefreshMinutes(options.intervalMinutes ?? DEFAULT_REFRESH_MINUTES) * 60_000;
    this.#pauseWhenMetered = options.pauseWhenMetered ?? true;
    this.#startDelayMs = options.startDelayMs ?? DEFAULT_START_DELAY_MS;
    this.#clock = options.clock ?? (() => new Date());
    this.#timers = options.timers ?? realTimers;
    this.#onError =
      options.onError ??
      ((error) => {
        console.error('RefreshScheduler: a scheduled refresh failed:', error);
      });
  }

  /** Begins watching refreshes and schedules the first check after the start delay. */
  start(): void {
    if (this.#started) throw new Error('RefreshScheduler: start called twice');
    this.#started = true;
    this.#unsubscribe = this.#library.events.subscribe((name, payload) => {
      if (name !== 'ingest:progress') return;
      const progress = payload as { kind: string };
      if (progress.kind === 'refresh-started') this.#running += 1;
      else if (progress.kind === 'refresh-finished') this.#onRefreshFinished();
    });
    this.#arm(this.#startDelayMs);
  }

  /** Why scheduled refreshes are held, or null when they run. */
  get pause(): RefreshPause {
    if (this.#stopped) return 'stopped';
    if (!this.#online) return 'offline';
    if (this.#metered && this.#pauseWhenMetered) return 'metered';
    return null;
  }

  setOnline(online: boolean): void {
    this.#online = online;
    this.#afterStateChange();
  }

  setMetered(metered: boolean): void {
    this.#metered = metered;
    this.#afterStateChange();
  }

  /** The refresh setting changed: the next tick is re-armed from the last one by the new interval. */
  setIntervalMinutes(minutes: number): void {
    this.#intervalMs = validateRefreshMinutes(minutes) * 60_000;
    this.#afterStateChange();
  }

  /** Whether a metered connection holds scheduled refreshes (the setting refreshOnMetered, inverted). */
  setPauseWhenMetered(pause: boolean): void {
    this.#pauseWhenMetered = pause;
    this.#afterStateChange();
  }

  /** The machine woke (or the screen unlocked): catch up by the wall clock. */
  wake(): void {
    if (this.#started) this.#catchUp();
  }

  /** Resolves when no refresh the scheduler started is running. */
  async idle(): Promise<void> {
    await this.#own;
  }

  /** Clears the timer and stops watching; resolves once its own running refresh has finished. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#disarm();
    this.#unsubscribe();
    await this.#own;
  }

  #afterStateChange(): void {
    if (!this.#started || this.#stopped) return;
    if (this.pause === null) this.#catchUp();
    else this.#disarm();
  }

  #catchUp(): void {
    if (this.pause !== null || this.#own) return;
    const elapsed = this.#lastRefreshAt === null ? Infinity : this.#clock().getTime() - this.#lastRefreshAt;
    if (elapsed >= this.#intervalMs) this.#tick();
    else this.#arm(this.#intervalMs - elapsed);
  }

  #onRefreshFinished(): void {
    this.#running = Math.max(0, this.#running - 1);
    if (this.#running === 0 && this.#waitingForIdle) {
      this.#waitingForIdle = false;
      this.#tick();
    }
  }

  #tick(): void {
    this.#disarm();
    // Paused: the timer stays off; going online, unmetered or waking re-arms it.
    if (this.pause !== null || this.#own) return;
    if (this.#running > 0) {
      this.#waitingForIdle = true;
      return;
    }
    const startedAt = this.#clock();
    this.#lastRefreshAt = startedAt.getTime();
    this.#own = this.#refreshDue(startedAt)
      .catch(this.#onError)
      .finally(() => {
        this.#own = null;
        if (this.pause === null) this.#arm(this.#intervalMs);
      });
  }

  async #refreshDue(now: Date): Promise<void> {
    const feeds = this.#library.store.reader.feedsToRefresh(dueCutoff(now, this.#intervalMs).toISOString());
    if (feeds.length === 0) return;
    try {
      await this.#library.ingest.refresh(feeds);
    } catch (error) {
      // A refresh that throws (the library closing under it) emits no refresh-finished; its start must not hold later ticks.
      this.#running = Math.max(0, this.#running - 1);
      throw error;
    }
  }

  #arm(delayMs: number): void {
    this.#disarm();
    if (this.#stopped) return;
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      this.#tick();
    }, delayMs);
  }

  #disarm(): void {
    if (this.#timer === null) return;
    this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
