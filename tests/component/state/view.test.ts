import { describe, expect, it } from 'vitest';
import {
  ALL_ARTICLES,
  articlesRequestFor,
  searchFiltersFor,
  viewKey,
  type View,
} from '../../../renderer/src/state/view.ts';

const VIEWS: readonly View[] = [
  { kind: 'all' },
  { kind: 'unread' },
  { kind: 'saved' },
  { kind: 'feed', feedId: 3 },
  { kind: 'topic', topicId: 7 },
];

describe('state/view', () => {
  it('starts on the whole library', () => {
    expect(ALL_ARTICLES).toEqual({ kind: 'all' });
    expect(articlesRequestFor(ALL_ARTICLES)).toEqual({});
  });

  it('asks articles:list for each view', () => {
    expect(VIEWS.map(articlesRequestFor)).toEqual([
      {},
      { unread: true },
      { saved: true, sort: 'saved' },
      { feedId: 3 },
      { topicIds: [7] },
    ]);
  });

  it('narrows a search the same way, without the list order (search has its own)', () => {
    expect(VIEWS.map(searchFiltersFor)).toEqual([
      {},
      { unread: true },
      { saved: true },
      { feedId: 3 },
      { topicIds: [7] },
    ]);
    for (const view of VIEWS) expect(searchFiltersFor(view)).not.toHaveProperty('sort');
  });

  it('gives every view a distinct, stable key', () => {
    const keys = VIEWS.map(viewKey);
    expect(new Set(keys).size).toBe(VIEWS.length);
    expect(viewKey({ kind: 'feed', feedId: 3 })).toBe(keys[3]);
    expect(viewKey({ kind: 'feed', feedId: 4 })).not.toBe(keys[3]);
  });
});
