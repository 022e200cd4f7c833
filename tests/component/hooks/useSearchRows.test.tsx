import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import { ok, type Result } from '../../../electron/shared/errors.ts';
import type { SearchResults } from '../../../electron/shared/model.ts';
import { useSearchRows } from '../../../renderer/src/hooks/useSearchRows.ts';
import { ALL_ARTICLES } from '../../../renderer/src/state/view.ts';
import { createFakeClient } from '../support/fakeClient.ts';

interface HeldQuery {
  readonly query: string;
  answer(): void;
}

/** A client whose search:query answers only when the test says so, to play a slow library. */
function heldSearch(): { client: OffprintApi; held: HeldQuery[] } {
  const fake = createFakeClient();
  const held: HeldQuery[] = [];
  const query: OffprintApi['search']['query'] = (request) =>
    new Promise<Result<SearchResults>>((resolve) => {
      const text = request.query;
      held.push({
        query: text,
        answer: () => {
          resolve(ok({ items: [], total: text.length, offset: 0, limit: 100, problems: [], tookMs: 1 }));
        },
      });
    });
  return { client: { ...fake.client, search: { ...fake.client.search, query } }, held };
}

describe('useSearchRows', () => {
  it('sends the first key at once and folds keys typed while a query is out into one newest query', async () => {
    const { client, held } = heldSearch();
    const { result, rerender } = renderHook(
      ({ query }: { query: string }) => useSearchRows(client, { query, sort: 'relevance' }, ALL_ARTICLES, 0),
      { initialProps: { query: '' } },
    );
    expect(held).toEqual([]);

    rerender({ query: 'g' });
    await waitFor(() => {
      expect(held.map((entry) => entry.query)).toEqual(['g']);
    });
    // The library is still on "g": these keys wait, and only the newest text will go.
    rerender({ query: 'ga' });
    rerender({ query: 'gal' });
    rerender({ query: 'gall' });
    expect(held.map((entry) => entry.query)).toEqual(['g']);
    expect(result.current.stale).toBe(true);

    act(() => {
      held[0]?.answer();
    });
    await waitFor(() => {
      expect(held.map((entry) => entry.query)).toEqual(['g', 'gall']);
    });
    // The rows on screen answer "g" until "gall" is in.
    expect(result.current.rows.state.total).toBe(1);
    expect(result.current.stale).toBe(true);

    act(() => {
      held[1]?.answer();
    });
    await waitFor(() => {
      expect(result.current.rows.state.total).toBe(4);
    });
    expect(result.current.stale).toBe(false);
    expect(result.current.searching).toBe(true);
  });

  it('asks nothing for an empty or blank query, and answers a new query at once once idle', async () => {
    const { client, held } = heldSearch();
    const { result, rerender } = renderHook(
      ({ query }: { query: string }) => useSearchRows(client, { query, sort: 'relevance' }, ALL_ARTICLES, 0),
      { initialProps: { query: '   ' } },
    );
    expect(result.current.searching).toBe(false);
    rerender({ query: 'tin' });
    await waitFor(() => {
      expect(held.map((entry) => entry.query)).toEqual(['tin']);
    });
    act(() => {
      held[0]?.answer();
    });
    await waitFor(() => {
      expect(result.current.stale).toBe(false);
    });
    // Cleared, then typed again with nothing in flight: it goes straight out.
    rerender({ query: '' });
    expect(result.current.searching).toBe(false);
    rerender({ query: 'zinc' });
    await waitFor(() => {
      expect(held.map((entry) => entry.query)).toEqual(['tin', 'zinc']);
    });
  });
});
