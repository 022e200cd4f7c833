import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { Rectangle, WindowSize } from './window/windowBounds.ts';

/** The window's size on a first run (centred on the primary display), and the smallest it may be. */
export const DEFAULT_WINDOW_SIZE: WindowSize = { width: 1280, height: 820 };
export const MINIMUM_WINDOW_SIZE: WindowSize = { width: 720, height: 480 };

/**
 * What every window of the app runs with, the main one and the hidden
 * print windows alike: no Node anywhere, isolated context, OS sandbox,
 * same-origin policy on, no insecure content, no <webview>.
 */
export const HARDENED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
} as const satisfies WebPreferences;

export interface WindowOptionsInput {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  readonly preloadPath: string;
  /** Where the window opens (window/windowBounds.ts); the default size, centred, without. */
  readonly bounds?: Rectangle;
}

/**
 * The main window. The renderer is untrusted (shared/STYLE.md §3): no Node,
 * isolated context, OS sandbox, same-origin policy on. Everything it can do
 * goes through `window.offprint`.
 */
export function createWindowOptions({ preloadPath, bounds }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...(bounds ?? { ...DEFAULT_WINDOW_SIZE, center: true }),
    minWidth: MINIMUM_WINDOW_SIZE.width,
    minHeight: MINIMUM_WINDOW_SIZE.height,
    title: 'Offprint',
    // Shown on ready-to-show so the user never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
      ...HARDENED_WEB_PREFERENCES,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  };
}
