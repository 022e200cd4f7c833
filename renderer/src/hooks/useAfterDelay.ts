import { useEffect, useState } from 'react';

/**
 * False until `delayMs` after mounting, then true. For work worth doing only
 * if the user stays: a component gone before then never starts it.
 */
export function useAfterDelay(delayMs: number): boolean {
  const [elapsed, setElapsed] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => {
      setElapsed(true);
    }, delayMs);
    return () => {
      clearTimeout(timer);
    };
  }, [delayMs]);
  return elapsed;
}
