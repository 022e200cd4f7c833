import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers } from '../shared/contract.ts';
import type { RestoreReport } from '../shared/model.ts';
import { LibraryCare } from './care/LibraryCare.ts';
import { applyStagedRestore } from './care/restoreLibrary.ts';
import { createHandlers } from './createHandlers.ts';
import { EventHub } from './EventHub.ts';
import { ExportService } from './export/ExportService.ts';
import type { Printer } from './export/Printer.ts';
import { fetchResource, type FetchOptions } from './feeds/fetchResource.ts';
import { ExtractWorkerPool } from './extract/article/ExtractWorkerPool.ts';
import { ImageStore } from './extract/images/ImageStore.ts';
import { HostLimiter } from './feeds/HostLimiter.ts';
import { OfflinePreparer } from './offline/OfflinePreparer.ts';
import { Ingest, type Fetcher } from './ingest/Ingest.ts';
import { SearchIndex } from './search/SearchIndex.ts';
import { SearchService } from './search/SearchService.ts';
import { ArticleStore } from './store/ArticleStore.ts';
import { TopicService } from './topics/TopicService.ts';
import { TopicStore } from './topics/TopicStore.ts';
import { openSettings } from './settings/openSettings.ts';
import type { SettingsService } from './settings/SettingsService.ts';
import { OFFPRINT_VERSION } from './version.ts';

export interface LibraryOptions {
  /** The data directory: library.sqlite, images/, index/, settings.json, logs/. */
  readonly dataDir: string;
  /** The network, injected: tests and the CLI may shorten limits or replace it. */
  readonly fetch?: Fetcher;
  readonly fetchOptions?: Partial<FetchOptions>;
  readonly clock?: () => Date;
  /**
   * Open the search index now (the app and the Node host: search is ready
   * when the window is) rather than on the first search call (the CLI: most
   * commands never search, and loading segments costs time and memory).
   */
  readonly openSearchEagerly?: boolean;
  /** The index worker script; the Electron bundle passes its own built file. */
  readonly searchWorkerUrl?: URL;
  readonly searchWorkers?: number;
  /** The extraction worker script; the Electron bundle passes its own built file. */
  readonly extractWorkerUrl?: URL;
  /** Extraction threads (default: one per core). */
  readonly extractWorkers?: number;
  /**
   * Prints PDF exports: the app's hidden window, or the system's Chromium in the Node host and the CLI
   * (electron/server/ChromiumPrinter.ts). Made on the first PDF export; without one, export:pdf says so.
   */
  readonly printer?: () => Printer;
  /**
   * The settings file: the desktop app passes its electron-store one; without it, `<dataDir>/settings.json`
   * opens with conf (the Node host and the CLI). The library closes it.
   */
  readonly settings?: SettingsService;
}

export interface LibrarySearch {
  readonly index: SearchIndex;
  readonly service: SearchService;
}

/** An open library: the handlers for every contract call, its events, and a disposer. */
export interface Library {
  readonly dataDir: string;
  readonly store: ArticleStore;
  /** Cached article images, content-addressed under `<dataDir>/images/`; the shell and the host serve them. */
  readonly images: ImageStore;
  readonly ingest: Ingest;
  /** Full text and images for offline reading. */
  readonly offline: OfflinePreparer;
  readonly handlers: Handlers;
  readonly events: EventHub;
  /** The search index and service, opened on first use. */
  search(): LibrarySearch;
  /** Retention, unused images, backup and restore. */
  readonly care: LibraryCare;
  /** The backup put in place as the library opened (a restore staged by `library:restore`), or null. */
  readonly restored: RestoreReport | null;
  /** PDF, HTML, Markdown and citation exports. */
  readonly exports: ExportService;
  /** settings.json: `settings:get|update`, `settings:changed`. */
  readonly settings: SettingsService;
  /** Topics; `topics.whenCurrent()` resolves once every article is assigned and no rule is being applied. */
  readonly topics: TopicService;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'library.sqlite';
export const INDEX_DIRECTORY = 'index';
/** Where exports go when no destination is given. */
export const EXPORTS_DIRECTORY = 'exports';

/** Opens the library in `dataDir`, creating and migrating it as needed. */
export function openLibrary(options: LibraryOptions): Promise<Library> {
  mkdirSync(options.dataDir, { recursive: true });
  // A restore staged by library:restore replaces the database, images and index before anything opens them.
  const restored = applyStagedRestore(options.dataDir);
  const store = ArticleStore.open(join(options.dataDir, DATABASE_FILE));
  const images = new ImageStore(options.dataDir);
  const events = new EventHub();
  const settings = options.settings ?? openSettings({ directory: options.dataDir });
  const stopSettingsChanges = settings.onChange((changed) => {
    events.emit('settings:changed', changed);
  });
  const clock = options.clock ?? (() => new Date());
  const care = new LibraryCare({ store, images, events, clock, dataDir: options.dataDir, version: OFFPRINT_VERSION });
  // The app and the host show long care operations like any other progress: as contract events.
  const stopCareProgress = care.onProgress((progress) => {
    events.emit('care:progress', progress);
  });
  const fetch = options.fetch ?? fetchResource;
  // One politeness budget per host for feeds, pages and images together.
  const limiter = new HostLimiter({ perHost: 2 });
  // Workers start on the first page to extract, not before.
  const extractor = new ExtractWorkerPool({
    ...(options.extractWorkerUrl ? { url: options.extractWorkerUrl } : {}),
    ...(options.extractWorkers ? { size: options.extractWorkers } : {}),
  });
  const offline = new OfflinePreparer({
    store,
    images,
    events,
    clock,
    fetch,
    extractor,
    limiter,
    ...(options.fetchOptions ? { fetchOptions: options.fetchOptions } : {}),
  });
  const ingest = new Ingest({
    store,
    events,
    clock,
    fetch,
    limiter,
    offline,
    // A healthy feed is due again after the refresh setting's interval, so background refresh finds it due.
    refreshIntervalMinutes: () => settings.get().refreshMinutes,
    ...(options.fetchOptions ? { fetchOptions: options.fetchOptions } : {}),
  });
  let search: LibrarySearch | null = null;
  let stopAssigning = (): void => undefined;
  const topicStore = new TopicStore(store);
  const topics = new TopicService({
    topics: topicStore,
    articles: store,
    events,
    clock,
    openIndex: () => openSearch().index,
  });
  const openSearch = (): LibrarySearch => {
    if (!search) {
      const index = SearchIndex.open({
        directory: join(options.dataDir, INDEX_DIRECTORY),
        databasePath: store.path,
        store,
        events,
        ...(options.searchWorkerUrl ? { workerUrl: options.searchWorkerUrl } : {}),
        ...(options.searchWorkers ? { workers: options.searchWorkers } : {}),
      });
      search = { index, service: new SearchService(index, store, clock, (ids) => topicStore.articleIdsIn(ids)) };
      // Topics are assigned as the index takes articles in (see TopicService).
      stopAssigning = topics.attach(index);
    }
    return search;
  };
  // Every article write queues a search change (store triggers); apply them as soon as the library says it changed.
  // Topics are assigned from the index, so with topics the index opens for new articles even where search is lazy.
  const stopCatchingUp = events.subscribe((name) => {
    if (name === 'library:changed' && (search || topics.needsIndex())) {
      openSearch()
        .index.catchUp()
        .catch((error: unknown) => {
          console.error('Library: search index could not catch up:', error);
        });
    }
  });
  const exports = new ExportService({
    store,
    images,
    topics,
    search: () => openSearch().service,
    events,
    clock,
    exportsDirectory: join(options.dataDir, EXPORTS_DIRECTORY),
    printer: options.printer ?? null,
  });
  let stopWatching = (): void => undefined;
  if (options.openSearchEagerly) stopWatching = openSearch().index.watch();
  const handlers = createHandlers({
    store,
    ingest,
    offline,
    clip: {
      store,
      fetch,
      extractor,
      limiter,
      preparer: offline,
      clock,
      ...(options.fetchOptions ? { fetchOptions: options.fetchOptions } : {}),
    },
    events,
    clock,
    search: openSearch,
    care,
    topics,
    exports,
    settings,
    dataDir: options.dataDir,
    version: OFFPRINT_VERSION,
  });
  let closed = false;
  return Promise.resolve({
    dataDir: options.dataDir,
    store,
    images,
    ingest,
    offline,
    handlers,
    events,
    search: openSearch,
    care,
    restored,
    topics,
    exports,
    settings,
    async close() {
      if (closed) return;
      closed = true;
      stopCatchingUp();
      stopWatching();
      await exports.close();
      await topics.close();
      stopAssigning();
      await offline.stop();
      // After the passes: an image collection waits for them to finish.
      await care.stop();
      stopCareProgress();
      await extractor.dispose();
      await search?.index.close();
      store.close();
      stopSettingsChanges();
      settings.close();
    },
  });
}
