import type { AnyEventListener } from '../../shared/dispatch.ts';
import type { TopicEvent } from '../../shared/model.ts';
import { planTopicNotifications, type TopicNotification } from './planTopicNotifications.ts';
import { realTimers, type TimerHandle, type Timers } from './Timers.ts';

export interface TopicNotifierOptions {
  readonly events: { subscribe(listener: AnyEventListener): () => void };
  /** An article's title for the notification's body, or null when it is gone. */
  readonly titleOf: (articleId: string) => string | null;
  /** Shows one notification (the shell's adapter). */
  readonly show: (notification: TopicNotification) => void;
  /** A batch ends once no match came for this long (default 5 s). */
  readonly quietMs?: number;
  /** …or this long after its first match, however busy (default 60 s). */
  readonly maxWaitMs?: number;
  readonly timers?: Timers;
}

const DEFAULT_QUIET_MS = 5_000;
const DEFAULT_MAX_WAIT_MS = 60_000;

/**
 * Turns `topics:progress` `matched` events into one notification per topic
 * per batch. A refresh's articles reach topics in several index steps after
 * the refresh ends, so a batch is the matches that arrive together: it closes
 * after a quiet spell, or at the latest `maxWaitMs` after it opened. Only
 * topics marked notify emit `matched` (TopicService), so every one counts.
 */
export class TopicNotifier {
  readonly #options: TopicNotifierOptions;
  readonly #timers: Timers;
  readonly #quietMs: number;
  readonly #maxWaitMs: number;
  #batch: TopicEvent[] = [];
  #quietTimer: TimerHandle | null = null;
  #deadlineTimer: TimerHandle | null = null;
  #unsubscribe: (() => void) | null = null;

  constructor(options: TopicNotifierOptions) {
    this.#options = options;
    this.#timers = options.timers ?? realTimers;
    this.#quietMs = options.quietMs ?? DEFAULT_QUIET_MS;
    this.#maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  }

  /** Starts listening; the disposer drops a batch not yet shown (the app is quitting). */
  start(): () => void {
    this.#unsubscribe ??= this.#options.events.subscribe((name, payload) => {
      if (name !== 'topics:progress') return;
      const event = payload as TopicEvent;
      if (event.kind === 'matched') this.#add(event);
    });
    return () => {
      this.#unsubscribe?.();
      this.#unsubscribe = null;
      this.#clearTimers();
      this.#batch = [];
    };
  }

  #add(event: TopicEvent): void {
    this.#batch.push(event);
    if (this.#quietTimer !== null) this.#timers.clearTimeout(this.#quietTimer);
    this.#quietTimer = this.#timers.setTimeout(() => {
      this.#flush();
    }, this.#quietMs);
    this.#deadlineTimer ??= this.#timers.setTimeout(() => {
      this.#flush();
    }, this.#maxWaitMs);
  }

  #flush(): void {
    this.#clearTimers();
    const batch = this.#batch;
    this.#batch = [];
    for (const notification of planTopicNotifications(batch, this.#options.titleOf)) {
      try {
        this.#options.show(notification);
      } catch (error) {
        console.error(`TopicNotifier: could not show the notification for topic ${notification.topicId}:`, error);
      }
    }
  }

  #clearTimers(): void {
    if (this.#quietTimer !== null) this.#timers.clearTimeout(this.#quietTimer);
    if (this.#deadlineTimer !== null) this.#timers.clearTimeout(this.#deadlineTimer);
    this.#quietTimer = null;
    this.#deadlineTimer = null;
  }
}
