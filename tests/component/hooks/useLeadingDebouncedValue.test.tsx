import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLeadingDebouncedValue } from '../../../renderer/src/hooks/useLeadingDebouncedValue.ts';

describe('useLeadingDebouncedValue', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes the first change after a quiet spell at once, and a burst of changes once it stops', () => {
    const { result, rerender } = renderHook(({ value }: { value: string }) => useLeadingDebouncedValue(value, 150), {
      initialProps: { value: '' },
    });
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    // The first key after a pause: answered on the next tick, not after the delay.
    rerender({ value: 'g' });
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(result.current).toBe('g');

    // Keys 40 ms apart: nothing new until the typing stops for 150 ms.
    for (const value of ['ga', 'gal', 'gall']) {
      act(() => {
        vi.advanceTimersByTime(40);
      });
      rerender({ value });
    }
    act(() => {
      vi.advanceTimersByTime(149);
    });
    expect(result.current).toBe('g');
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(result.current).toBe('gall');
  });
});
