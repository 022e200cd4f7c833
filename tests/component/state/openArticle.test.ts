import { describe, expect, it } from 'vitest';
import type { ArticleSummary } from '../../../electron/shared/model.ts';
import {
  NO_OPEN_ARTICLE,
  neighbourIndex,
  openArticleReducer,
  type OpenArticle,
} from '../../../renderer/src/state/openArticle.ts';

function summary(id: string, fields: Partial<ArticleSummary> = {}): ArticleSummary {
  return {
    id,
    feedId: 1,
    feedTitle: 'Desk',
    url: null,
    title: `Story ${id}`,
    author: null,
    publishedAt: null,
    fetchedAt: '2026-11-01T00:00:00.000Z',
    updatedAt: null,
    summary: null,
    wordCount: 0,
    read: false,
    saved: false,
    savedAt: null,
    offlineReady: true,
    noteCount: 0,
    highlightCount: 0,
    ...fields,
  };
}

describe('state/openArticle', () => {
  it('opens an article with its place in the list, and closes', () => {
    const opened = openArticleReducer(NO_OPEN_ARTICLE, {
      type: 'opened',
      article: summary('a'),
      index: 4,
      listKey: 'articles all',
    });
    expect(opened).toEqual({ article: summary('a'), index: 4, listKey: 'articles all' });
    expect(openArticleReducer(opened, { type: 'closed' })).toBe(NO_OPEN_ARTICLE);
    expect(openArticleReducer(NO_OPEN_ARTICLE, { type: 'closed' })).toBe(NO_OPEN_ARTICLE);
  });

  it('takes a fresher summary of the open article only', () => {
    const opened: OpenArticle = { article: summary('a'), index: 0, listKey: 'list' };
    const read = summary('a', { read: true });
    expect(openArticleReducer(opened, { type: 'updated', article: read }).article).toBe(read);
    expect(openArticleReducer(opened, { type: 'updated', article: summary('b') })).toBe(opened);
  });

  it('steps j/k from the open row, stopping at either end', () => {
    const open: OpenArticle = { article: summary('a'), index: 3, listKey: 'list' };
    expect(neighbourIndex(open, 'list', 3, 1, 10)).toBe(4);
    expect(neighbourIndex(open, 'list', 3, -1, 10)).toBe(2);
    expect(neighbourIndex(open, 'list', 9, 1, 10)).toBeNull();
    expect(neighbourIndex(open, 'list', 0, -1, 10)).toBeNull();
  });

  it('steps from where the open article was when it left the list (the unread view drops it once read)', () => {
    const open: OpenArticle = { article: summary('a'), index: 3, listKey: 'unread' };
    // The row after it now has its place: j opens that row, k the one before.
    expect(neighbourIndex(open, 'unread', -1, 1, 10)).toBe(3);
    expect(neighbourIndex(open, 'unread', -1, -1, 10)).toBe(2);
    // In another list, or with nothing open, j starts at the top.
    expect(neighbourIndex(open, 'all', -1, 1, 10)).toBe(0);
    expect(neighbourIndex(NO_OPEN_ARTICLE, 'all', -1, 1, 10)).toBe(0);
    expect(neighbourIndex(NO_OPEN_ARTICLE, 'all', -1, 1, 0)).toBeNull();
  });
});
