import { useCallback, useMemo, useReducer } from 'react';
import { NO_SELECTION, selectionReducer } from '../state/selection.ts';

/** Reads the ids of the rows first..last of the list (they may not all be in memory). */
export type IdsBetween = (first: number, last: number) => Promise<readonly string[]>;

export interface Selection {
  readonly selected: ReadonlySet<string>;
  /**
   * Toggles the row `id` at `index`; with `extend` (shift held), sets every
   * row between the last toggled one and this one to its new state.
   */
  readonly toggle: (id: string, index: number, extend: boolean, idsBetween: IdsBetween) => Promise<void>;
  readonly selectAll: (ids: readonly string[]) => void;
  readonly clear: () => void;
  /** Keeps only ids still present (after the list reloads). */
  readonly retain: (ids: readonly string[]) => void;
}

/** A multi-selection of list rows, with shift ranges as in a file manager (the slice in state/selection.ts). */
export function useSelection(): Selection {
  const [state, dispatch] = useReducer(selectionReducer, NO_SELECTION);
  const { selected, anchor } = state;

  const toggle = useCallback(
    async (id: string, index: number, extend: boolean, idsBetween: IdsBetween): Promise<void> => {
      if (!extend || anchor === null || anchor.index === index) {
        dispatch({ type: 'toggled', id, index });
        return;
      }
      const ids = await idsBetween(Math.min(anchor.index, index), Math.max(anchor.index, index));
      dispatch({ type: 'extended', id, index, ids });
    },
    [anchor],
  );
  const selectAll = useCallback((ids: readonly string[]) => {
    dispatch({ type: 'selectedAll', ids });
  }, []);
  const clear = useCallback(() => {
    dispatch({ type: 'cleared' });
  }, []);
  const retain = useCallback((ids: readonly string[]) => {
    dispatch({ type: 'retained', ids });
  }, []);

  return useMemo(() => ({ selected, toggle, selectAll, clear, retain }), [selected, toggle, selectAll, clear, retain]);
}
