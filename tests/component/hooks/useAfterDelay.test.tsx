import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAfterDelay } from '../../../renderer/src/hooks/useAfterDelay.ts';

describe('useAfterDelay', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('turns true once the delay has passed, and never for a component gone before then', () => {
    const staying = renderHook(() => useAfterDelay(400));
    const leaving = renderHook(() => useAfterDelay(400));
    act(() => {
      vi.advanceTimersByTime(399);
    });
    expect(staying.result.current).toBe(false);
    leaving.unmount();
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(staying.result.current).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
