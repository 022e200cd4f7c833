import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Result } from '../../../electron/shared/errors.ts';

export type LoadState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'failed'; readonly message: string };

/**
 * Runs `load` whenever `key` changes (null: not now) and keeps the latest
 * answer. The previous value stays on screen while a reload is in flight,
 * so lists do not flicker when the library changes. An answer is shown
 * unless a newer one is already on screen: an older answer never replaces a
 * newer one, but a first load is not thrown away because the key moved on
 * (opening an unread article marks it read, which reloads it at once; at
 * 100k articles waiting for that second answer kept the reader blank for
 * a second or more).
 */
export function useResult<T>(key: string | null, load: () => Promise<Result<T>>): LoadState<T> {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  // The loader is read through a ref so callers need not memoize it; `key` says when to run.
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load;
  });
  // Each load is numbered; `shown` is the number of the answer on screen.
  const asked = useRef(0);
  const shown = useRef(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (key === null) return;
    asked.current += 1;
    const number = asked.current;
    const show = (next: LoadState<T>): void => {
      if (!mounted.current || number < shown.current) return;
      shown.current = number;
      setState(next);
    };
    loadRef.current().then(
      (result) => {
        show(
          result.ok ? { status: 'ready', value: result.value } : { status: 'failed', message: result.error.message },
        );
      },
      (error: unknown) => {
        show({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
  }, [key]);

  return state;
}
