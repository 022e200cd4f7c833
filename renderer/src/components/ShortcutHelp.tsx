import { useEffect, useId, useRef } from 'react';
import { KEYBOARD_SHORTCUTS } from '../hooks/useKeyboardShortcuts.ts';

export interface ShortcutHelpProps {
  readonly onClose: () => void;
}

const GROUPS = [...new Set(KEYBOARD_SHORTCUTS.map((shortcut) => shortcut.group))];

/** The `?` sheet: every keyboard shortcut, in a modal dialog that Escape or Close dismisses. */
export function ShortcutHelp({ onClose }: ShortcutHelpProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className="shortcut-help"
      aria-labelledby={titleId}
      // Escape and Close both close the dialog natively (focus goes back where it was), then it unmounts.
      onClose={onClose}
    >
      <h2 id={titleId}>Keyboard shortcuts</h2>
      {GROUPS.map((group) => (
        <section key={group} aria-label={group}>
          <h3>{group}</h3>
          <dl>
            {KEYBOARD_SHORTCUTS.filter((shortcut) => shortcut.group === group).map((shortcut) => (
              <div key={shortcut.keys.join(' ')} className="shortcut">
                <dt>
                  {shortcut.keys.map((key, index) => (
                    <span key={key}>
                      {index > 0 && <span className="shortcut-then"> then </span>}
                      <kbd>{key}</kbd>
                    </span>
                  ))}
                </dt>
                <dd>{shortcut.does}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <div className="dialog-actions">
        <span className="spacer" />
        <button
          type="button"
          className="primary"
          onClick={() => {
            dialogRef.current?.close();
          }}
        >
          Close
        </button>
      </div>
    </dialog>
  );
}
