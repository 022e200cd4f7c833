import { describe, expect, it } from 'vitest';
import {
  emptyRowPages,
  rowAt,
  rowPagesReducer,
  type PageAnswer,
  type RowPages,
} from '../../../renderer/src/state/rowPages.ts';

type Answer = PageAnswer<string> & { readonly note?: string };
type Pages = RowPages<string, Answer>;

const PAGE_SIZE = 3;
const empty = (): Pages => emptyRowPages<string, Answer>();

function answer(items: readonly string[], total: number, note?: string): Answer {
  return note === undefined ? { items, total } : { items, total, note };
}

function answered(state: Pages, key: string, revision: number, page: number, value: Answer): Pages {
  return rowPagesReducer(state, { type: 'answered', key, revision, page, answer: value });
}

describe('state/rowPages', () => {
  it('starts loading with nothing in memory', () => {
    const state = empty();
    expect(state).toMatchObject({ key: null, status: 'loading', total: 0, answer: null });
    expect(rowAt(state, PAGE_SIZE, 0)).toBeUndefined();
  });

  it('keeps pages by number and finds rows by index', () => {
    let state = answered(empty(), 'all', 0, 0, answer(['a', 'b', 'c'], 7));
    state = answered(state, 'all', 0, 2, answer(['g'], 7));
    expect(state).toMatchObject({ key: 'all', status: 'ready', total: 7 });
    expect([0, 1, 2, 3, 6, 7].map((index) => rowAt(state, PAGE_SIZE, index))).toEqual([
      'a',
      'b',
      'c',
      undefined,
      'g',
      undefined,
    ]);
    expect(rowAt(state, PAGE_SIZE, -1)).toBeUndefined();
  });

  it('replaces the rows with the first answer for another list', () => {
    const all = answered(empty(), 'all', 0, 0, answer(['a', 'b', 'c'], 9));
    const saved = answered(all, 'saved', 0, 0, answer(['s'], 1, 'saved list'));
    expect(saved).toMatchObject({ key: 'saved', total: 1, answer: { note: 'saved list' } });
    expect([...saved.pages.keys()]).toEqual([0]);
  });

  it('never lets an answer read at an older revision replace a newer one', () => {
    const fresh = answered(empty(), 'all', 2, 0, answer(['new'], 5, 'revision 2'));
    expect(answered(fresh, 'all', 1, 0, answer(['old'], 4, 'revision 1'))).toBe(fresh);
    // An older page elsewhere is kept for its rows, but the total and answer stay the newest.
    const mixed = answered(fresh, 'all', 1, 1, answer(['x', 'y', 'z'], 4, 'revision 1'));
    expect(rowAt(mixed, PAGE_SIZE, 3)).toBe('x');
    expect(mixed).toMatchObject({ total: 5, revision: 2, answer: { note: 'revision 2' } });
  });

  it('records a failure for its list, and lets far pages go', () => {
    const failedFirst = rowPagesReducer(empty(), { type: 'failed', key: 'all', page: 0, message: 'closed' });
    expect(failedFirst).toMatchObject({ key: 'all', status: 'failed', message: 'closed' });

    let state = answered(empty(), 'all', 0, 0, answer(['a', 'b', 'c'], 12));
    state = answered(state, 'all', 0, 3, answer(['j', 'k', 'l'], 12));
    const pageFailed = rowPagesReducer(state, { type: 'failed', key: 'all', page: 1, message: 'busy' });
    expect(pageFailed).toMatchObject({ status: 'ready', message: 'busy' });
    expect(rowPagesReducer(pageFailed, { type: 'failed', key: 'all', page: 1, message: 'busy' })).toBe(pageFailed);

    const trimmed = rowPagesReducer(state, { type: 'trimmed', first: 2, last: 5 });
    expect([...trimmed.pages.keys()]).toEqual([3]);
    expect(rowPagesReducer(trimmed, { type: 'trimmed', first: 0, last: 5 })).toBe(trimmed);
  });
});
