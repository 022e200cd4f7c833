import { describe, expect, it } from 'vitest';
import { NO_SELECTION, selectionReducer, type SelectionState } from '../../../renderer/src/state/selection.ts';

const ids = (state: SelectionState): string[] => [...state.selected].sort();

describe('state/selection', () => {
  it('toggles one row at a time and remembers it as the anchor', () => {
    const one = selectionReducer(NO_SELECTION, { type: 'toggled', id: 'a', index: 0 });
    expect(ids(one)).toEqual(['a']);
    expect(one.anchor).toEqual({ id: 'a', index: 0 });
    const two = selectionReducer(one, { type: 'toggled', id: 'c', index: 2 });
    expect(ids(two)).toEqual(['a', 'c']);
    const back = selectionReducer(two, { type: 'toggled', id: 'a', index: 0 });
    expect(ids(back)).toEqual(['c']);
    expect(back.anchor).toEqual({ id: 'a', index: 0 });
  });

  it('extends: every row in the range takes the new state of the row shift-clicked', () => {
    const anchored = selectionReducer(NO_SELECTION, { type: 'toggled', id: 'b', index: 1 });
    const range = selectionReducer(anchored, { type: 'extended', id: 'e', index: 4, ids: ['b', 'c', 'd'] });
    expect(ids(range)).toEqual(['b', 'c', 'd', 'e']);
    expect(range.anchor).toEqual({ id: 'e', index: 4 });
    // Shift on a selected row deselects the range from the anchor (e) to it.
    const cleared = selectionReducer(range, { type: 'extended', id: 'c', index: 2, ids: ['c', 'd', 'e'] });
    expect(ids(cleared)).toEqual(['b']);
  });

  it('selects all, clears, and keeps only rows still in the list after a reload', () => {
    const all = selectionReducer(NO_SELECTION, { type: 'selectedAll', ids: ['a', 'b', 'c'] });
    expect(ids(all)).toEqual(['a', 'b', 'c']);
    const retained = selectionReducer(all, { type: 'retained', ids: ['a', 'c', 'z'] });
    expect(ids(retained)).toEqual(['a', 'c']);
    // Nothing left the list: the same state, so nothing re-renders.
    expect(selectionReducer(retained, { type: 'retained', ids: ['a', 'c'] })).toBe(retained);
    expect(selectionReducer(retained, { type: 'cleared' })).toBe(NO_SELECTION);
    expect(selectionReducer(NO_SELECTION, { type: 'cleared' })).toBe(NO_SELECTION);
  });
});
