import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useLibraryRevision } from '../../../renderer/src/hooks/useLibraryRevision.ts';
import { createFakeClient } from '../support/fakeClient.ts';

describe('useLibraryRevision', () => {
  it('reloads lists on every change, but what shows content only when content changed', () => {
    const { client, library } = createFakeClient();
    const { result } = renderHook(() => useLibraryRevision(client));
    const [startRevision, , startContent] = result.current;

    // Opening an article marks it read: lists and counts reload, the reader need not.
    act(() => {
      library.events.emit('library:changed', { reason: 'read', feedIds: [] });
    });
    expect(result.current[0]).toBe(startRevision + 1);
    expect(result.current[2]).toBe(startContent);

    act(() => {
      library.events.emit('library:changed', { reason: 'articles', feedIds: [1] });
    });
    expect(result.current[0]).toBe(startRevision + 2);
    expect(result.current[2]).toBe(startContent + 1);

    // Our own writes bump the lists at once.
    act(() => {
      result.current[1]();
    });
    expect(result.current[0]).toBe(startRevision + 3);
  });
});
