import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** What a row's focusable element (its button) spreads on itself: one row at a time is in the tab order. */
export interface RowFocus {
  readonly tabIndex: 0 | -1;
  readonly 'data-row-focus': number;
}

export interface VirtualListProps<T> {
  /** The list's accessible name. */
  readonly label: string;
  readonly className: string;
  /** True while the rows shown answer an older request than the one made (dimmed, `aria-busy`). */
  readonly busy?: boolean;
  readonly count: number;
  /** The row at an index, or undefined while its page is being read (a placeholder is shown). */
  readonly rowAt: (index: number) => T | undefined;
  /** A row's identity: its element follows it when rows move (new articles above it), focus included. */
  readonly rowKey: (row: T) => string;
  /** The rows rendered changed (on screen and a few around them). */
  readonly onRowsShown: (first: number, last: number) => void;
  /** The open row: scrolled into view (and focused, if focus is in the list) when it changes. */
  readonly activeIndex: number | null;
  /** Back to the top when this changes (another view or query). */
  readonly resetKey: string | null;
  readonly estimateRowHeight: number;
  readonly renderRow: (row: T | undefined, index: number, focus: RowFocus) => ReactNode;
  /** Keys on a row other than moving (x to select, say). */
  readonly onRowKey?: (event: KeyboardEvent<HTMLElement>, index: number) => void;
}

/**
 * Rows rendered beyond the screen on each side. With ~9 rows on screen this
 * keeps a list of any length near 30 DOM rows, well under the 60 allowed.
 */
const OVERSCAN = 12;

/**
 * A long list that renders only the rows near the screen
 * (@tanstack/react-virtual, rows measured as they render). It is one tab
 * stop (roving tabindex): arrows, Page Up/Down, Home and End move between
 * rows, Enter opens; the rows say their place in the whole list
 * (`aria-posinset`/`aria-setsize`), so a screen reader hears "12 of 100,000".
 */
export function VirtualList<T>({
  label,
  className,
  busy = false,
  count,
  rowAt,
  rowKey,
  onRowsShown,
  activeIndex,
  resetKey,
  estimateRowHeight,
  renderRow,
  onRowKey,
}: VirtualListProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  // The row to focus once it is rendered (after a scroll to it).
  const pendingFocus = useRef<number | null>(null);
  // The row element that has focus: when it is replaced (its placeholder filled), focus moves to its successor.
  const focusedRow = useRef<{ element: HTMLElement; index: number } | null>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(activeIndex);
  const [seenActive, setSeenActive] = useState(activeIndex);
  if (seenActive !== activeIndex) {
    // The open row moved (j/k, a click): it becomes the list's tab stop.
    setSeenActive(activeIndex);
    if (activeIndex !== null) setFocusIndex(activeIndex);
  }

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read fresh each render on purpose; nothing here is memoized across it
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateRowHeight,
    overscan: OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (last >= first) onRowsShown(first, last);
  }, [first, last, onRowsShown]);

  const shownKey = useRef(resetKey);
  useEffect(() => {
    if (shownKey.current === resetKey) return;
    shownKey.current = resetKey;
    virtualizer.scrollToOffset(0);
  }, [resetKey, virtualizer]);

  useEffect(() => {
    if (activeIndex === null || activeIndex >= count) return;
    virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
    const list = listRef.current;
    // j/k with focus in the list carry the focus along; from elsewhere they leave it where it is.
    if (list !== null && list.contains(document.activeElement)) pendingFocus.current = activeIndex;
    // Only a new open row scrolls; a reload of the same list must not pull the view back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeIndex]);

  useEffect(() => {
    const focused = focusedRow.current;
    if (focused !== null && !focused.element.isConnected) {
      focusedRow.current = null;
      // Only when focus fell to nothing with it: never take focus from wherever the user put it since.
      if (document.activeElement === document.body) {
        listRef.current
          ?.querySelector<HTMLElement>(`[data-row-focus="${focused.index}"]`)
          ?.focus({ preventScroll: true });
      }
    }
    const index = pendingFocus.current;
    if (index === null) return;
    const target = listRef.current?.querySelector<HTMLElement>(`[data-row-focus="${index}"]`);
    if (target !== null && target !== undefined) {
      pendingFocus.current = null;
      target.focus({ preventScroll: true });
    }
  });

  function moveTo(index: number): void {
    const next = Math.max(0, Math.min(count - 1, index));
    setFocusIndex(next);
    pendingFocus.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (row === null) return;
    const index = Number(row.dataset['index']);
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / estimateRowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: count - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    } else {
      onRowKey?.(event, index);
    }
  }

  // The tab stop: the focused (or open) row while it is rendered, else the first row on screen.
  const rangeStart = virtualizer.range?.startIndex ?? first;
  const tabStop = focusIndex !== null && focusIndex >= first && focusIndex <= last ? focusIndex : rangeStart;
  const keys = new Set<string>();

  return (
    <div ref={scrollRef} className="virtual-scroll">
      <ul
        ref={listRef}
        role="list"
        aria-label={label}
        aria-busy={busy}
        className={`virtual-rows ${className}`}
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          const focused = event.target.closest<HTMLElement>('[data-index]');
          if (focused === null) return;
          const index = Number(focused.dataset['index']);
          focusedRow.current = { element: event.target, index };
          setFocusIndex(index);
        }}
        onBlur={(event) => {
          // Focus went somewhere else on purpose; a row removed from under it blurs to nothing.
          if (event.relatedTarget !== null) focusedRow.current = null;
        }}
      >
        {items.map((item) => {
          const row = rowAt(item.index);
          // Rows read at different times can overlap for a moment after the library changed: keys stay unique.
          let key = row === undefined ? `#${item.index}` : rowKey(row);
          if (keys.has(key)) key = `${key}#${item.index}`;
          keys.add(key);
          return (
            <li
              key={key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="virtual-row"
              aria-setsize={count}
              aria-posinset={item.index + 1}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {renderRow(row, item.index, {
                tabIndex: item.index === tabStop ? 0 : -1,
                'data-row-focus': item.index,
              })}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
