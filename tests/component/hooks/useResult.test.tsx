import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { failure, ok, type Result } from '../../../electron/shared/errors.ts';
import { useResult } from '../../../renderer/src/hooks/useResult.ts';

/** Loads answered by hand, in any order. */
function createLoads() {
  const pending = new Map<string, (result: Result<string>) => void>();
  return {
    load: (key: string) => () =>
      new Promise<Result<string>>((resolve) => {
        pending.set(key, resolve);
      }),
    async answer(key: string, result: Result<string>): Promise<void> {
      const resolve = pending.get(key);
      if (resolve === undefined) throw new Error(`no load in flight for ${key}`);
      await act(async () => {
        resolve(result);
        await Promise.resolve();
      });
    },
    asked: () => [...pending.keys()],
  };
}

function renderResult(loads: ReturnType<typeof createLoads>, key: string | null) {
  return renderHook(({ current }: { current: string | null }) => useResult(current, loads.load(current ?? '')), {
    initialProps: { current: key },
  });
}

describe('useResult', () => {
  it('loads on mount and for each new key, not for null', async () => {
    const loads = createLoads();
    const { result, rerender } = renderResult(loads, null);
    expect(loads.asked()).toEqual([]);
    expect(result.current).toEqual({ status: 'loading' });

    rerender({ current: 'a' });
    rerender({ current: 'a' });
    expect(loads.asked()).toEqual(['a']);
    await loads.answer('a', ok('A'));
    expect(result.current).toEqual({ status: 'ready', value: 'A' });
  });

  it('keeps the previous value on screen while a reload is in flight', async () => {
    const loads = createLoads();
    const { result, rerender } = renderResult(loads, 'a');
    await loads.answer('a', ok('A'));
    rerender({ current: 'b' });
    expect(result.current).toEqual({ status: 'ready', value: 'A' });
    await loads.answer('b', ok('B'));
    expect(result.current).toEqual({ status: 'ready', value: 'B' });
  });

  it('never lets an older answer replace a newer one', async () => {
    const loads = createLoads();
    const { result, rerender } = renderResult(loads, 'a');
    rerender({ current: 'b' });
    await loads.answer('b', ok('B'));
    await loads.answer('a', ok('A'));
    expect(result.current).toEqual({ status: 'ready', value: 'B' });
  });

  it('shows a first answer even when the key moved on before it came (an opened article reloaded at once)', async () => {
    const loads = createLoads();
    const { result, rerender } = renderResult(loads, 'article 1 revision 0');
    rerender({ current: 'article 1 revision 1' });
    await loads.answer('article 1 revision 0', ok('first'));
    expect(result.current).toEqual({ status: 'ready', value: 'first' });
    await loads.answer('article 1 revision 1', ok('reloaded'));
    expect(result.current).toEqual({ status: 'ready', value: 'reloaded' });
  });

  it('reports a failure or a thrown error in words', async () => {
    const loads = createLoads();
    const { result, rerender } = renderResult(loads, 'a');
    await loads.answer('a', failure({ code: 'not-found', message: 'articles:get: no article with id a' }));
    expect(result.current).toEqual({ status: 'failed', message: 'articles:get: no article with id a' });

    rerender({ current: 'b' });
    const thrown = renderHook(() => useResult('c', () => Promise.reject(new Error('transport closed'))));
    await act(async () => {
      await Promise.resolve();
    });
    expect(thrown.result.current).toEqual({ status: 'failed', message: 'transport closed' });
  });
});
