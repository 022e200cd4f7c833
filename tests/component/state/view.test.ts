import { describe, expect, it } from 'vitest';
import {
  ALL_ARTICLES,
  articlesRequestFor,
  searchFiltersFor,
  viewKey,
  viewReducer,
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

  it('selects a view, keeping the same state when the same view is chosen again', () => {
    const feed: View = { kind: 'feed', feedId: 3 };
    const selected = viewReducer(ALL_ARTICLES, { type: 'selected', view: feed });
    expect(selected).toBe(feed);
    expect(viewReducer(selected, { type: 'selected', view: { kind: 'feed', feedId: 3 } })).toBe(selected);
  });

  it('falls back to all articles when the open topic or feed is gone, and only then', () => {
    const topic: View = { kind: 'topic', topicId: 7 };
    const feed: View = { kind: 'feed', feedId: 3 };
    expect(viewReducer(topic, { type: 'pruned', topicIds: [1, 2], feedIds: null })).toBe(ALL_ARTICLES);
    expect(viewReducer(topic, { type: 'pruned', topicIds: [7], feedIds: [] })).toBe(topic);
    // null: that list is not known yet, so nothing is pruned by it.
    expect(viewReducer(topic, { type: 'pruned', topicIds: null, feedIds: [] })).toBe(topic);
    expect(viewReducer(feed, { type: 'pruned', topicIds: [], feedIds: [4] })).toBe(ALL_ARTICLES);
    expect(viewReducer(feed, { type: 'pruned', topicIds: [], feedIds: [3] })).toBe(feed);
    const saved: View = { kind: 'saved' };
    expect(viewReducer(saved, { type: 'pruned', topicIds: [], feedIds: [] })).toBe(saved);
  });
});
