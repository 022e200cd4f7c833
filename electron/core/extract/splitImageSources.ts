import { sanitizeHtml } from './sanitizeHtml.ts';

/** Article HTML as the store keeps it: what the reader shows, and the image cache's input. */
export interface StoredHtml {
  /** Images only from the local cache; every other image is a placeholder (sanitizeHtml `cached-only`). */
  readonly contentHtml: string;
  /** The same article with its own image URLs, when it has images to fetch; null when it has none. */
  readonly sourceHtml: string | null;
}

/**
 * Splits sanitized article HTML (remote image policy) into the two forms the
 * store keeps. Until the image cache has run, the reader shows placeholders:
 * nothing stored for display ever points at the network.
 */
export function splitImageSources(remoteHtml: string, baseUrl: string | null): StoredHtml {
  if (!/<img\b/i.test(remoteHtml)) return { contentHtml: remoteHtml, sourceHtml: null };
  return { contentHtml: sanitizeHtml(remoteHtml, baseUrl, { images: 'cached-only' }), sourceHtml: remoteHtml };
}
