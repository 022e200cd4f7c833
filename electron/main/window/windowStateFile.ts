import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseWindowState, type SavedWindowState } from './windowBounds.ts';

/** The saved window state, or null when there is none or it is unreadable (then the default is used). */
export function readWindowState(file: string): SavedWindowState | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  return parseWindowState(text);
}

/** Writes the state whole: a temporary file renamed over the old one, so a crash never leaves half a file. */
export function writeWindowState(file: string, state: SavedWindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state)}\n`);
  renameSync(temporary, file);
}

export interface WindowStateSaver {
  /** Saves after `delayMs` of quiet (a drag sends many moves); a newer call replaces a pending one. */
  schedule(): void;
  /** Saves now (dropping a pending save), e.g. as the window closes. */
  flush(): void;
  /** Drops a pending save. */
  cancel(): void;
}

export interface WindowStateSaverOptions {
  /** Reads the window's state at save time (not at schedule time). */
  readonly read: () => SavedWindowState;
  readonly write: (state: SavedWindowState) => void;
  readonly delayMs?: number;
  readonly onError?: (error: unknown) => void;
}

/** Debounces saves of the window's bounds; a failed write is reported and does not throw into Electron. */
export function createWindowStateSaver({
  read,
  write,
  delayMs = 500,
  onError = (error) => {
    console.error('window state: could not save:', error);
  },
}: WindowStateSaverOptions): WindowStateSaver {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    timer = undefined;
    try {
      write(read());
    } catch (error) {
      onError(error);
    }
  };
  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return {
    schedule() {
      cancel();
      timer = setTimeout(save, delayMs);
    },
    flush() {
      cancel();
      save();
    },
    cancel,
  };
}
