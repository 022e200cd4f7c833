import { describe, expect, it } from 'vitest';
import { NO_SEARCH, searchReducer } from '../../../renderer/src/state/search.ts';

describe('state/search', () => {
  it('keeps what is typed and the order, returning the same state when nothing changed', () => {
    const typed = searchReducer(NO_SEARCH, { type: 'typed', query: 'gold' });
    expect(typed).toEqual({ query: 'gold', sort: 'relevance' });
    expect(searchReducer(typed, { type: 'typed', query: 'gold' })).toBe(typed);
    const sorted = searchReducer(typed, { type: 'sorted', sort: 'date' });
    expect(sorted).toEqual({ query: 'gold', sort: 'date' });
    expect(searchReducer(sorted, { type: 'sorted', sort: 'date' })).toBe(sorted);
  });

  it('clears the query for another view but keeps the order, a preference', () => {
    const state = { query: 'gold', sort: 'date' } as const;
    expect(searchReducer(state, { type: 'cleared' })).toEqual({ query: '', sort: 'date' });
    expect(searchReducer(NO_SEARCH, { type: 'cleared' })).toBe(NO_SEARCH);
  });
});
