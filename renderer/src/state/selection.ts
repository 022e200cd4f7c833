/**
 * A multi-selection of list rows, with shift ranges as in a file manager.
 * The anchor is the last row toggled, by id and by position (the rows
 * between two positions may not all be in memory in a long list).
 */
export interface SelectionState {
  readonly selected: ReadonlySet<string>;
  readonly anchor: { readonly id: string; readonly index: number } | null;
}

export type SelectionAction =
  | { readonly type: 'toggled'; readonly id: string; readonly index: number }
  /** Shift held: every id in `ids` (the rows from the anchor to `id`) takes the new state of `id`. */
  | { readonly type: 'extended'; readonly id: string; readonly index: number; readonly ids: readonly string[] }
  | { readonly type: 'selectedAll'; readonly ids: readonly string[] }
  | { readonly type: 'cleared' }
  /** The list reloaded: keep only ids still in it. */
  | { readonly type: 'retained'; readonly ids: readonly string[] };

export const NO_SELECTION: SelectionState = { selected: new Set(), anchor: null };

export function selectionReducer(state: SelectionState, action: SelectionAction): SelectionState {
  switch (action.type) {
    case 'toggled': {
      const selected = new Set(state.selected);
      if (selected.has(action.id)) selected.delete(action.id);
      else selected.add(action.id);
      return { selected, anchor: { id: action.id, index: action.index } };
    }
    case 'extended': {
      const on = !state.selected.has(action.id);
      const selected = new Set(state.selected);
      for (const id of [...action.ids, action.id]) {
        if (on) selected.add(id);
        else selected.delete(id);
      }
      return { selected, anchor: { id: action.id, index: action.index } };
    }
    case 'selectedAll':
      return { ...state, selected: new Set(action.ids) };
    case 'cleared':
      return state.selected.size === 0 && state.anchor === null ? state : NO_SELECTION;
    case 'retained': {
      const present = new Set(action.ids);
      const kept = [...state.selected].filter((id) => present.has(id));
      return kept.length === state.selected.size ? state : { ...state, selected: new Set(kept) };
    }
  }
}
