import { CACHED_IMAGE_URL } from '../../../electron/shared/articleHtmlAllowList.ts';
import { buildOffprintApi } from '../../../electron/shared/buildOffprintApi.ts';
import { eventNames, type CallName, type EventName, type OffprintApi } from '../../../electron/shared/contract.ts';
import { failure, type Result } from '../../../electron/shared/errors.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the renderer is served by the Node host. */
    readonly offprint?: OffprintApi;
  }
}

const TOKEN_KEY = 'offprint.token';

/**
 * Takes the host's token from `#token=...` on first load, keeps it in
 * sessionStorage (so a reload still works) and removes it from the visible
 * URL so it is not copied, bookmarked or shown over a shoulder.
 */
export function takeHostToken(): string | null {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromHash = fragment.get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The contract over the Node host's HTTP API, with the same shape as `window.offprint`. */
function createHttpApi(token: string | null): OffprintApi {
  async function post(name: CallName, request: unknown): Promise<Result<unknown>> {
    if (token === null) {
      return failure({
        code: 'forbidden',
        message: `offprint client: ${name}: no host token; open the URL the host printed (it ends in #token=…)`,
      });
    }
    let response: Response;
    try {
      response = await fetch(`/api/calls/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(request),
      });
    } catch (error) {
      return failure({
        code: 'unavailable',
        message: `offprint client: ${name}: host unreachable (${reasonOf(error)})`,
      });
    }
    try {
      // Every answer from the host, failures included, is a result envelope.
      return (await response.json()) as Result<unknown>;
    } catch (error) {
      return failure({
        code: 'internal',
        message: `offprint client: ${name}: HTTP ${response.status} without a JSON envelope (${reasonOf(error)})`,
      });
    }
  }

  // One EventSource for all listeners, opened with the first and closed with the last.
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  function openSource(): EventSource {
    const opened = new EventSource(`/api/events?token=${encodeURIComponent(token ?? '')}`);
    for (const name of eventNames) {
      opened.addEventListener(name, (message) => {
        let payload: unknown;
        try {
          payload = JSON.parse((message as MessageEvent<string>).data) as unknown;
        } catch (error) {
          console.error(`offprint client: event ${name} carried malformed JSON:`, error);
          return;
        }
        for (const listener of listeners.get(name) ?? []) listener(payload);
      });
    }
    return opened;
  }

  function subscribe(name: EventName, listener: (payload: unknown) => void): () => void {
    const forName = listeners.get(name) ?? new Set();
    listeners.set(name, forName);
    forName.add(listener);
    source ??= openSource();
    return () => {
      forName.delete(listener);
      const remaining = [...listeners.values()].reduce((count, set) => count + set.size, 0);
      if (remaining === 0 && source !== null) {
        source.close();
        source = null;
      }
    };
  }

  return buildOffprintApi({ invoke: post, subscribe });
}

/**
 * Maps a stored cached-image URL (`offprint-image://<sha256>.<ext>`, already
 * checked against CACHED_IMAGE_URL) to a URL this page can load.
 */
export type ImageSource = (storedUrl: string) => string;

export interface RendererClient {
  readonly api: OffprintApi;
  readonly imageSource: ImageSource;
}

function cachedImageName(storedUrl: string): string {
  if (!CACHED_IMAGE_URL.test(storedUrl)) {
    throw new TypeError(`offprint client: ${JSON.stringify(storedUrl)} is not a cached image URL`);
  }
  // Exactly `offprint-image://<sha256>.<ext>` (just checked): the name is everything after `://`.
  return storedUrl.slice(storedUrl.indexOf('://') + 3);
}

/** In Electron the shell's privileged `offprint-image:` scheme loads the stored URL as it is. */
const electronImageSource: ImageSource = (storedUrl) => {
  cachedImageName(storedUrl);
  return storedUrl;
};

/** Over the Node host: its image route, with the token in the query (an `<img>` cannot send a header). */
function hostImageSource(token: string | null): ImageSource {
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  return (storedUrl) => `${location.origin}/api/images/${cachedImageName(storedUrl)}${query}`;
}

/**
 * The renderer's one client. In Electron the preload's `window.offprint` is
 * used as is; served by the Node host, the same API is built over HTTP.
 * `imageSource` says how this page loads the article HTML's cached images.
 */
export function createClient(): RendererClient {
  if (window.offprint !== undefined) return { api: window.offprint, imageSource: electronImageSource };
  const token = takeHostToken();
  return { api: createHttpApi(token), imageSource: hostImageSource(token) };
}
