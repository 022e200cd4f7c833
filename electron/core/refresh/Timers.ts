/** A pending timer's handle, opaque to its owner. */
export type TimerHandle = object | number;

/**
 * The two timer calls background work needs, injected so tests drive time
 * by hand (and the real library, HTTP server and SQLite keep real timers).
 */
export interface Timers {
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Node's own timers. */
export const realTimers: Timers = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => {
    clearTimeout(handle as ReturnType<typeof setTimeout> | number);
  },
};
