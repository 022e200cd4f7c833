import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers } from '../shared/contract.ts';
import { createHandlers } from './createHandlers.ts';
import { EventHub } from './EventHub.ts';
import { fetchResource, type FetchOptions } from './feeds/fetchResource.ts';
import { Ingest, type Fetcher } from './ingest/Ingest.ts';
import { ArticleStore } from './store/ArticleStore.ts';
import { OFFPRINT_VERSION } from './version.ts';

export interface LibraryOptions {
  /** The data directory: library.sqlite, images/, index/, settings.json, logs/. */
  readonly dataDir: string;
  /** The network, injected: tests and the CLI may shorten limits or replace it. */
  readonly fetch?: Fetcher;
  readonly fetchOptions?: Partial<FetchOptions>;
  readonly clock?: () => Date;
}

/** An open library: the handlers for every contract call, its events, and a disposer. */
export interface Library {
  readonly dataDir: string;
  readonly store: ArticleStore;
  readonly ingest: Ingest;
  readonly handlers: Handlers;
  readonly events: EventHub;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'library.sqlite';

/** Opens the library in `dataDir`, creating and migrating it as needed. */
export function openLibrary(options: LibraryOptions): Promise<Library> {
  mkdirSync(options.dataDir, { recursive: true });
  const store = ArticleStore.open(join(options.dataDir, DATABASE_FILE));
  const events = new EventHub();
  const clock = options.clock ?? (() => new Date());
  const ingest = new Ingest({
    store,
    events,
    clock,
    fetch: options.fetch ?? fetchResource,
    ...(options.fetchOptions ? { fetchOptions: options.fetchOptions } : {}),
  });
  const handlers = createHandlers({
    store,
    ingest,
    events,
    clock,
    dataDir: options.dataDir,
    version: OFFPRINT_VERSION,
  });
  let closed = false;
  return Promise.resolve({
    dataDir: options.dataDir,
    store,
    ingest,
    handlers,
    events,
    close() {
      if (!closed) {
        closed = true;
        store.close();
      }
      return Promise.resolve();
    },
  });
}
