import { useEffect, useLayoutEffect, useRef } from 'react';

/** What the reader's single-key shortcuts do; App supplies them. */
export interface ShortcutActions {
  readonly next: () => void;
  readonly previous: () => void;
  readonly openOriginal: () => void;
  readonly toggleSaved: () => void;
  readonly toggleRead: () => void;
  readonly goTo: (view: 'all' | 'unread' | 'saved') => void;
  readonly showHelp: () => void;
}

/** Every shortcut, as the help dialog lists it (keys pressed one after another). */
export const KEYBOARD_SHORTCUTS: readonly {
  readonly group: string;
  readonly keys: readonly string[];
  readonly does: string;
}[] = [
  { group: 'Articles', keys: ['j'], does: 'Open the next article' },
  { group: 'Articles', keys: ['k'], does: 'Open the previous article' },
  { group: 'Articles', keys: ['o'], does: 'Open the original page in your browser' },
  { group: 'Articles', keys: ['s'], does: 'Save or unsave the open article' },
  { group: 'Articles', keys: ['m'], does: 'Mark the open article read or unread' },
  { group: 'Go to', keys: ['g', 'a'], does: 'All articles' },
  { group: 'Go to', keys: ['g', 'u'], does: 'Unread' },
  { group: 'Go to', keys: ['g', 's'], does: 'Saved' },
  { group: 'Go to', keys: ['/'], does: 'Search (Escape clears it)' },
  { group: 'In the list', keys: ['↓'], does: 'Next row (↑ previous; Page Up/Down, Home, End)' },
  { group: 'In the list', keys: ['Enter'], does: 'Open the row' },
  { group: 'In the list', keys: ['x'], does: 'Select the row in the saved list (Shift+x: a range)' },
  { group: 'Help', keys: ['?'], does: 'Show this list' },
];

/** How long `g` waits for its second key. */
const SEQUENCE_MS = 1500;

const GO_TO: Readonly<Record<string, 'all' | 'unread' | 'saved'>> = { a: 'all', u: 'unread', s: 'saved' };

/** Keys typed into a field are text, never commands. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const field = 'input:not([type="checkbox"]):not([type="radio"]):not([type="button"]), textarea, select';
  return target.isContentEditable || target.closest(field) !== null;
}

/**
 * The reader's single-key shortcuts (as in Google Reader and mail clients):
 * j/k, o, s, m, g then a/u/s, ?. They never fire while typing in a field,
 * with Ctrl, Alt or Meta held, or while a dialog is open. `/` belongs to
 * the search box.
 */
export function useKeyboardShortcuts(actions: ShortcutActions): void {
  // Read through a ref so the listener is added once; the actions change every render.
  const actionsRef = useRef(actions);
  useLayoutEffect(() => {
    actionsRef.current = actions;
  });

  useEffect(() => {
    let goPressedAt = Number.NEGATIVE_INFINITY;
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target) || document.querySelector('dialog:modal') !== null) return;
      const run = actionsRef.current;
      const key = event.key;
      const pendingGo = event.timeStamp - goPressedAt < SEQUENCE_MS;
      goPressedAt = Number.NEGATIVE_INFINITY;
      if (key === '?') {
        event.preventDefault();
        run.showHelp();
        return;
      }
      if (event.shiftKey) return;
      const view = GO_TO[key];
      if (pendingGo && view !== undefined) {
        event.preventDefault();
        run.goTo(view);
        return;
      }
      const action: (() => void) | undefined = {
        j: run.next,
        k: run.previous,
        o: run.openOriginal,
        s: run.toggleSaved,
        m: run.toggleRead,
      }[key];
      if (key === 'g') {
        goPressedAt = event.timeStamp;
        event.preventDefault();
      } else if (action !== undefined) {
        event.preventDefault();
        action();
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
    };
  }, []);
}
