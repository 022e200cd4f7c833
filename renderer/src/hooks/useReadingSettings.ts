import { useSyncExternalStore } from 'react';

/** `system` follows the OS (prefers-color-scheme); the others hold whatever the OS says. */
export type ReadingTheme = 'system' | 'light' | 'dark' | 'sepia';
export type LineWidth = 'narrow' | 'standard' | 'wide';

/** How the reader looks: view state of this renderer only, kept in localStorage (not the library's settings file). */
export interface ReadingSettings {
  readonly theme: ReadingTheme;
  /** The article text's size in CSS pixels, one of FONT_SIZES. */
  readonly fontSize: number;
  readonly lineWidth: LineWidth;
}

export const READING_THEMES: readonly ReadingTheme[] = ['system', 'light', 'dark', 'sepia'];
export const FONT_SIZES: readonly number[] = [15, 16, 17, 18, 20, 22, 24];
/** The measure in characters of the reading font (CSS `ch`): 60–75 characters a line is the comfortable range. */
export const LINE_WIDTHS: Readonly<Record<LineWidth, number>> = { narrow: 58, standard: 66, wide: 76 };
export const LINE_WIDTH_CHOICES: readonly LineWidth[] = ['narrow', 'standard', 'wide'];

export const DEFAULT_READING_SETTINGS: ReadingSettings = { theme: 'system', fontSize: 18, lineWidth: 'standard' };

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

/** Reads the stored settings and applies them: called once before the app's first render. */
export function applyStoredReadingSettings(): void {
  applyReadingSettings(snapshot());
}

function updateReadingSettings(change: Partial<ReadingSettings>): void {
  current = { ...snapshot(), ...change };
  writeStored(current);
  applyReadingSettings(current);
  for (const listener of listeners) listener();
}

/** The reading settings and a setter that applies, stores and announces a change. */
export function useReadingSettings(): {
  readonly settings: ReadingSettings;
  readonly update: (change: Partial<ReadingSettings>) => void;
} {
  return { settings: useSyncExternalStore(subscribe, snapshot), update: updateReadingSettings };
}
