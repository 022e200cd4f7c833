import { existsSync } from 'node:fs';
import { OffprintError } from '../../shared/errors.ts';
import { DEFAULT_SETTINGS, SETTING_NAMES, type Settings, type SettingsChange } from '../../shared/settings.ts';
import type { SettingsFileCheck } from './prepareSettingsFile.ts';

/** What SettingsService needs of conf or electron-store (electron-store is a conf). */
export interface SettingsBackend {
  readonly store: Readonly<Record<string, unknown>>;
  set(values: Readonly<Record<string, unknown>>): void;
  onDidAnyChange(callback: (newValue?: Readonly<Record<string, unknown>>) => void): () => void;
  _closeWatcher(): void;
}

export type SettingsListener = (settings: Settings) => void;

/**
 * The settings file, open: read on every `get` (so a change another process
 * wrote is seen), written through the backend (checked against the JSON
 * Schema, written atomically), and a change (this process's, or another's
 * where the backend watches the file) announced to listeners.
 *
 * conf writes the file as it opens it, so with no file yet the backend is
 * made on the first change (or at once when it is to watch the file): until
 * then the settings are the defaults and the data directory is left as it
 * was (a backup or restore of a library nobody configured has no settings.json).
 */
export class SettingsService {
  readonly path: string;
  /** What was wrong with the file as it was opened (and what was done about it); empty when nothing was. */
  readonly problems: readonly string[];
  /** The copy kept of the file as it was before a repair or migration, or null. */
  readonly backup: string | null;
  readonly #open: () => SettingsBackend;
  readonly #listeners = new Set<SettingsListener>();
  #backend: SettingsBackend | null = null;
  #stopBackendChanges: () => void = () => undefined;
  #lastGood: Settings | null = null;

  constructor(open: () => SettingsBackend, check: SettingsFileCheck, options: { readonly eager?: boolean } = {}) {
    this.#open = open;
    this.path = check.path;
    this.problems = check.problems;
    this.backup = check.backup;
    if (options.eager === true || existsSync(this.path)) this.#ensureBackend();
  }

  get(): Settings {
    if (this.#backend === null && !existsSync(this.path)) return DEFAULT_SETTINGS;
    try {
      this.#lastGood = settingsOf(this.#ensureBackend().store);
    } catch (error) {
      // Another program broke the file after it was opened: keep serving what was last read.
      if (this.#lastGood === null) throw error;
      console.error(`settings: could not read ${this.path}; using the last settings read:`, error);
    }
    return this.#lastGood;
  }

  /** Applies a change (already checked by the contract's zod rules) and returns the settings after it. */
  update(change: SettingsChange): Settings {
    if (Object.keys(change).length > 0) {
      const backend = this.#ensureBackend();
      try {
        backend.set(change);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new OffprintError('bad-request', `settings:update: ${reason}`, { cause: error });
      }
    }
    return this.get();
  }

  onChange(listener: SettingsListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  close(): void {
    this.#stopBackendChanges();
    this.#backend?._closeWatcher();
  }

  #ensureBackend(): SettingsBackend {
    if (this.#backend !== null) return this.#backend;
    const backend = this.#open();
    this.#backend = backend;
    this.#stopBackendChanges = backend.onDidAnyChange((newValue) => {
      if (newValue === undefined) return;
      const settings = settingsOf(newValue);
      for (const listener of this.#listeners) listener(settings);
    });
    return backend;
  }
}

function settingsOf(store: Readonly<Record<string, unknown>>): Settings {
  return Object.fromEntries(SETTING_NAMES.map((name) => [name, store[name]])) as unknown as Settings;
}
