import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Result } from '../../../electron/shared/errors.ts';

export type LoadState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'failed'; readonly message: string };

/**
 * Runs `load` whenever `key` changes (null: not now) and keeps the latest
 * answer. The previous value stays on screen while a reload is in flight,
 * so lists do not flicker when the library changes; answers that arrive
 * after a newer key are dropped.
 */
export function useResult<T>(key: string | null, load: () => Promise<Result<T>>): LoadState<T> {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  // The loader is read through a ref so callers need not memoize it; `key` says when to run.
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    if (key === null) return;
    let current = true;
    loadRef.current().then(
      (result) => {
        if (!current) return;
        setState(
          result.ok ? { status: 'ready', value: result.value } : { status: 'failed', message: result.error.message },
        );
      },
      (error: unknown) => {
        if (current) setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [key]);

  return state;
}
