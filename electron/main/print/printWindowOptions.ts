import type { BrowserWindowConstructorOptions } from 'electron';
import { HARDENED_WEB_PREFERENCES } from '../createWindowOptions.ts';

/**
 * The hidden window a PDF is printed from: never shown, no preload, no
 * Node, OS sandbox, isolated context, same-origin policy on, and no
 * JavaScript at all (a brief is static HTML and CSS). It lives in its own
 * in-memory session (`partition`), where every request but the job's own
 * is refused.
 */
export function printWindowOptions(partition: string): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 1024,
    height: 768,
    webPreferences: {
      partition,
      ...HARDENED_WEB_PREFERENCES,
      javascript: false,
      images: true,
      spellcheck: false,
      backgroundThrottling: false,
    },
  };
}
