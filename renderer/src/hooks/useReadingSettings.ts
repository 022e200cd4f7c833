import { useSyncExternalStore } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import {
  DEFAULT_SETTINGS,
  FONT_SIZES,
  LINE_WIDTH_CHOICES,
  READING_THEMES,
  type LineWidth,
  type ReadingTheme,
  type Settings,
} from '../../../electron/shared/settings.ts';

/** How the reader looks: the reading part of the library's settings (settings.json, shared with the host and CLI). */
export type ReadingSettings = Pick<Settings, 'theme' | 'fontSize' | 'lineWidth'>;
export type { LineWidth, ReadingTheme };
export { FONT_SIZES, LINE_WIDTH_CHOICES, READING_THEMES };

/** The measure in characters of the reading font (CSS `ch`): 60–75 characters a line is the comfortable range. */
export const LINE_WIDTHS: Readonly<Record<LineWidth, number>> = { narrow: 58, standard: 66, wide: 76 };

export const DEFAULT_READING_SETTINGS: ReadingSettings = readingPart(DEFAULT_SETTINGS);

function readingPart({ theme, fontSize, lineWidth }: ReadingSettings): ReadingSettings {
  return { theme, fontSize, lineWidth };
}

/**
 * A copy of the last settings seen, kept in localStorage only so the first
 * frame has the reader's theme before `settings:get` answers; the library's
 * settings file is what counts.
 */
const STORAGE_KEY = 'offprint.readingSettings';

/** Whatever is stored, field by field; anything unknown or damaged falls back to the default. */
export function parseReadingSettings(stored: string | null): ReadingSettings {
  let fields: Record<string, unknown> = {};
  try {
    const parsed: unknown = stored === null ? null : JSON.parse(stored);
    if (typeof parsed === 'object' && parsed !== null) fields = parsed as Record<string, unknown>;
  } catch {
    // A damaged entry is the same as none: the defaults.
  }
  const { theme, fontSize, lineWidth } = fields;
  return {
    theme: READING_THEMES.find((known) => known === theme) ?? DEFAULT_READING_SETTINGS.theme,
    fontSize: FONT_SIZES.find((known) => known === fontSize) ?? DEFAULT_READING_SETTINGS.fontSize,
    lineWidth: LINE_WIDTH_CHOICES.find((known) => known === lineWidth) ?? DEFAULT_READING_SETTINGS.lineWidth,
  };
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be refused (a locked-down profile): the reader still works, with the defaults.
    return null;
  }
}

function writeStored(settings: ReadingSettings): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // Not kept across a reload, but applied now.
  }
}

/**
 * Puts the settings on the root element, where styles.css reads them:
 * `data-theme` (absent for `system`, so prefers-color-scheme decides) and
 * the custom properties `--reader-font-size` and `--reader-width` (in `ch`
 * of the reading font, applied by `.reader`).
 */
export function applyReadingSettings(settings: ReadingSettings, root: HTMLElement = document.documentElement): void {
  if (settings.theme === 'system') delete root.dataset['theme'];
  else root.dataset['theme'] = settings.theme;
  root.style.setProperty('--reader-font-size', `${settings.fontSize}px`);
  root.style.setProperty('--reader-width', String(LINE_WIDTHS[settings.lineWidth]));
}

// One store for the page: the settings popover changes it, the root element shows it.
let current: ReadingSettings | null = null;
const listeners = new Set<() => void>();

function snapshot(): ReadingSettings {
  current ??= parseReadingSettings(readStored());
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Reads the copy kept in localStorage and applies it: called once before the app's first render. */
export function applyStoredReadingSettings(): void {
  applyReadingSettings(snapshot());
}

function show(settings: ReadingSettings): void {
  current = settings;
  writeStored(settings);
  applyReadingSettings(settings);
  for (const listener of listeners) listener();
}

// The library the settings are read from and written to (null: none yet; the settings stay this page's).
let library: OffprintApi | null = null;
// Changes sent and not yet answered: an event meanwhile may carry an older value, so it waits for the answer.
let pending = 0;

function receive(settings: Settings): void {
  const next = readingPart(settings);
  const shown = snapshot();
  if (next.theme === shown.theme && next.fontSize === shown.fontSize && next.lineWidth === shown.lineWidth) return;
  show(next);
}

/**
 * Takes the reading settings from the library (`settings:get`), follows
 * `settings:changed` (a change made in another window, the host or the CLI)
 * and sends every change made here with `settings:update`. Returns the
 * disconnect.
 */
export function connectReadingSettings(client: OffprintApi): () => void {
  library = client;
  let connected = true;
  const stopChanges = client.on('settings:changed', (settings) => {
    if (pending === 0) receive(settings);
  });
  void client.settings.get({}).then((result) => {
    if (connected && pending === 0 && result.ok) receive(result.value);
  });
  return () => {
    connected = false;
    stopChanges();
    if (library === client) library = null;
  };
}

function updateReadingSettings(change: Partial<ReadingSettings>): void {
  show({ ...snapshot(), ...change });
  const client = library;
  if (client === null) return;
  pending += 1;
  void client.settings.update(change).then((result) => {
    pending -= 1;
    if (!result.ok) console.error(`reading settings: not saved: ${result.error.message}`);
    else if (pending === 0 && library === client) receive(result.value);
  });
}

/** The reading settings and a setter that applies, stores and announces a change. */
export function useReadingSettings(): {
  readonly settings: ReadingSettings;
  readonly update: (change: Partial<ReadingSettings>) => void;
} {
  return { settings: useSyncExternalStore(subscribe, snapshot), update: updateReadingSettings };
}
