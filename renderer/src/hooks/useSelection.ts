import { useCallback, useMemo, useRef, useState } from 'react';

export interface Selection {
  readonly selected: ReadonlySet<string>;
  /** Toggles `id`; with `extend`, sets every id between the last toggled one and `id` (in `order`) to its new state. */
  readonly toggle: (id: string, extend: boolean, order: readonly string[]) => void;
  readonly selectAll: (ids: readonly string[]) => void;
  readonly clear: () => void;
  /** Keeps only ids still present (after the list reloads). */
  readonly retain: (ids: readonly string[]) => void;
}

/** A multi-selection of list rows, with shift-click ranges as in a file manager. */
export function useSelection(): Selection {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<string | null>(null);

  const toggle = useCallback((id: string, extend: boolean, order: readonly string[]) => {
    setSelected((current) => {
      const next = new Set(current);
      const on = !current.has(id);
      const from = anchor.current === null ? -1 : order.indexOf(anchor.current);
      const to = order.indexOf(id);
      if (extend && from >= 0 && to >= 0) {
        for (const rangeId of order.slice(Math.min(from, to), Math.max(from, to) + 1)) {
          if (on) next.add(rangeId);
          else next.delete(rangeId);
        }
      } else if (on) {
        next.add(id);
      } else {
        next.delete(id);
      }
      return next;
    });
    anchor.current = id;
  }, []);

  const selectAll = useCallback((ids: readonly string[]) => {
    setSelected(new Set(ids));
  }, []);
  const clear = useCallback(() => {
    setSelected(new Set());
    anchor.current = null;
  }, []);
  const retain = useCallback((ids: readonly string[]) => {
    setSelected((current) => {
      const present = new Set(ids);
      const kept = [...current].filter((id) => present.has(id));
      return kept.length === current.size ? current : new Set(kept);
    });
  }, []);

  return useMemo(() => ({ selected, toggle, selectAll, clear, retain }), [selected, toggle, selectAll, clear, retain]);
}
