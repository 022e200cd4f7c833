import type { TimerHandle, Timers } from '../../../electron/core/refresh/Timers.ts';

interface PendingTimer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

/**
 * A wall clock and timers moved only by the test: `advance` fires what falls
 * due in order; `sleep` moves the clock without firing anything (a machine
 * that slept, whose timers did not count the time).
 */
export class ManualTime implements Timers {
  #now: number;
  #nextId = 1;
  #pending: PendingTimer[] = [];

  constructor(start = '2026-03-02T08:00:00.000Z') {
    this.#now = Date.parse(start);
  }

  readonly clock = (): Date => new Date(this.#now);

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const timer = { id: this.#nextId++, at: this.#now + Math.max(0, delayMs), callback };
    this.#pending.push(timer);
    return timer.id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#pending = this.#pending.filter((timer) => timer.id !== handle);
  }

  /** How many timers are waiting. */
  pendingCount(): number {
    return this.#pending.length;
  }

  /** When the earliest timer fires, in ms from now, or null. */
  nextDelay(): number | null {
    const next = this.#earliest();
    return next === undefined ? null : next.at - this.#now;
  }

  /**
   * Fires the timers due within `ms`, in order, awaiting `settle` after each
   * (work a timer started that may arm the next one, e.g. a scheduler's refresh).
   */
  async advance(ms: number, settle: () => Promise<void> = () => Promise.resolve()): Promise<void> {
    const end = this.#now + ms;
    for (let next = this.#earliest(); next !== undefined && next.at <= end; next = this.#earliest()) {
      this.#pending = this.#pending.filter((timer) => timer !== next);
      this.#now = next.at;
      next.callback();
      await settle();
    }
    this.#now = end;
  }

  sleep(ms: number): void {
    this.#now += ms;
    // Timers resume counting from the wake: what was left is still left.
    this.#pending = this.#pending.map((timer) => ({ ...timer, at: timer.at + ms }));
  }

  #earliest(): PendingTimer | undefined {
    return this.#pending.reduce<PendingTimer | undefined>(
      (earliest, timer) => (earliest === undefined || timer.at < earliest.at ? timer : earliest),
      undefined,
    );
  }
}
