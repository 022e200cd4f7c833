import { useEffect, useRef, useState } from 'react';

/**
 * `value` at once when it changes after a quiet spell of `delayMs` (the
 * first key of a query is answered immediately), otherwise once it has
 * stopped changing for `delayMs` (typing fast asks the library once, not per
 * key). Search feels instant without flooding the library.
 */
export function useLeadingDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  const lastChange = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    const now = performance.now();
    const quiet = now - lastChange.current >= delayMs;
    lastChange.current = now;
    // A quiet spell: no timer, the value goes through on the next tick (still outside render).
    const timer = setTimeout(
      () => {
        setSettled(value);
      },
      quiet ? 0 : delayMs,
    );
    return () => {
      clearTimeout(timer);
    };
  }, [value, delayMs]);
  return settled;
}
