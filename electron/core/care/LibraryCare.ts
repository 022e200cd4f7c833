import { isAbsolute } from 'node:path';
import type { EventSink } from '../../shared/dispatch.ts';
import { OffprintError } from '../../shared/errors.ts';
import type {
  ArticleSummary,
  BackupReport,
  RestoreReport,
  RetentionPreview,
  RetentionReport,
  RetentionSettings,
} from '../../shared/model.ts';
import type { ImageStore } from '../extract/images/ImageStore.ts';
import type { ArticleStore } from '../store/ArticleStore.ts';
import type { CareProgress, CareProgressListener } from './CareProgress.ts';
import { OfflineActivity, type EventSource } from './OfflineActivity.ts';
import { stageRestore } from './restoreLibrary.ts';
import { RetentionStore } from './RetentionStore.ts';
import { writeBackup } from './writeBackup.ts';

export interface LibraryCareOptions {
  readonly store: ArticleStore;
  readonly images: ImageStore;
  readonly events: EventSink & EventSource;
  readonly clock: () => Date;
  readonly dataDir: string;
  readonly version: string;
}

export interface ImageCollection {
  readonly imagesDeleted: number;
  readonly bytesFreed: number;
  readonly problems: readonly string[];
}

/** Unused images removed per batch: one batch runs with no await, so passes wait at most this long. */
const IMAGE_BATCH = 200;

/**
 * Library care: retention (settings, preview, clean-up), removing image files nothing uses any more, and
 * backup and restore. Clean-ups, image collection and backups run one at a time, in order: a backup never
 * sees an image vanish under it. Article deletion and image removal also wait until no full-text and image
 * pass runs (OfflineActivity says why).
 */
export class LibraryCare {
  readonly #options: LibraryCareOptions;
  readonly #retention: RetentionStore;
  readonly #activity: OfflineActivity;
  readonly #listeners = new Set<CareProgressListener>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: LibraryCareOptions) {
    this.#options = options;
    this.#retention = new RetentionStore(options.store.database);
    this.#activity = new OfflineActivity(options.events);
  }

  /** Progress of long operations (the contract has no event for them yet); returns the disposer. */
  onProgress(listener: CareProgressListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  retentionSettings(): RetentionSettings {
    return { globalDays: this.#retention.globalDays(), feeds: this.#retention.feedSettings() };
  }

  setRetention(request: { globalDays?: number | null; feedId?: number; days?: number | null }): RetentionSettings {
    const { globalDays, feedId, days } = request;
    if (feedId === undefined && days !== undefined) {
      throw new OffprintError('bad-request', 'retention:set: days needs a feedId (use globalDays for every feed)');
    }
    if (feedId !== undefined && days === undefined) {
      throw new OffprintError('bad-request', `retention:set: feed ${feedId} needs days (a number, or null)`);
    }
    if (feedId === undefined && globalDays === undefined) {
      throw new OffprintError('bad-request', 'retention:set: nothing to set: give globalDays, or feedId and days');
    }
    this.#options.store.transaction(() => {
      if (globalDays !== undefined) this.#retention.setGlobalDays(globalDays);
      if (feedId !== undefined && days !== undefined && !this.#retention.setFeedDays(feedId, days)) {
        throw new OffprintError('not-found', `retention:set: no feed with id ${feedId}`);
      }
    });
    return this.retentionSettings();
  }

  /** What `runRetention` would delete now: the articles, by feed, the oldest few, and the images left unused. */
  previewRetention(limit: number): RetentionPreview {
    const { store, clock } = this.#options;
    const found = store.transaction(() => {
      const byFeed = this.#retention.selectCandidates(clock().toISOString());
      const sample = this.#retention.oldestCandidates(limit);
      const images = this.#retention.imagesUnusedWithoutCandidates();
      return { byFeed, sample, images };
    });
    return {
      total: found.byFeed.reduce((sum, feed) => sum + feed.count, 0),
      byFeed: found.byFeed,
      sample: found.sample
        .map((id) => store.reader.getArticleSummary(id))
        .filter((summary): summary is ArticleSummary => summary !== null),
      images: found.images.length,
      imageBytes: found.images.reduce((sum, image) => sum + image.bytes, 0),
    };
  }

  /**
   * Deletes what `previewRetention` lists, in one transaction (the search index catches up through the
   * store's delete trigger), then the image files no article uses any more.
   */
  runRetention(): Promise<RetentionReport> {
    return this.#serialized(async () => {
      const { store, events, clock } = this.#options;
      await this.#whenNoPassRuns();
      this.#emit({ operation: 'retention', phase: 'articles', done: 0, total: 1 });
      const { deleted, feedIds } = store.transaction(() => {
        const byFeed = this.#retention.selectCandidates(clock().toISOString());
        return { deleted: this.#retention.deleteCandidates(), feedIds: byFeed.map((feed) => feed.feedId) };
      });
      this.#emit({ operation: 'retention', phase: 'articles', done: 1, total: 1 });
      if (deleted > 0) events.emit('library:changed', { reason: 'articles', feedIds });
      const images = await this.#collectImages();
      return { deleted, ...images };
    });
  }

  /** Removes the image files no article uses (after an unsubscribe, say), queued behind other care work. */
  collectUnusedImages(): Promise<ImageCollection> {
    return this.#serialized(() => this.#collectImages());
  }

  /** Starts `collectUnusedImages` and lets it run; a failure is logged (the next collection retries). */
  scheduleImageCollection(): void {
    this.collectUnusedImages().catch((error: unknown) => {
      console.error('LibraryCare: unused images could not be removed:', error);
    });
  }

  backup(file: string): Promise<BackupReport> {
    const { store, images, dataDir, version, clock } = this.#options;
    requireAbsolute('library:backup', file);
    return this.#serialized(async () => {
      try {
        return await writeBackup({
          databasePath: store.path,
          images,
          dataDir,
          file,
          appVersion: version,
          clock,
          onProgress: this.#forward,
        });
      } catch (error) {
        throw new OffprintError('internal', `library:backup: cannot write ${file}: ${(error as Error).message}`, {
          cause: error,
        });
      }
    });
  }

  /** Checks the backup and stages it; the library is replaced when it next opens (`restartRequired`). */
  stageRestore(file: string): Promise<RestoreReport> {
    requireAbsolute('library:restore', file);
    const { dataDir, clock } = this.#options;
    return this.#serialized(() => stageRestore({ file, dataDir, clock, onProgress: this.#forward }));
  }

  /** Resolves when the care work queued so far is done. */
  async idle(): Promise<void> {
    await this.#queue;
  }

  /** Waits for queued work and stops listening to events; call after the offline passes have stopped. */
  async stop(): Promise<void> {
    await this.#queue;
    this.#activity.dispose();
  }

  async #collectImages(): Promise<ImageCollection> {
    const { store, images } = this.#options;
    const problems: string[] = [];
    let imagesDeleted = 0;
    let bytesFreed = 0;
    let after = '';
    const total = this.#retention.countUnusedImages();
    let done = 0;
    for (;;) {
      await this.#whenNoPassRuns();
      // From here to the end of the batch nothing awaits: no pass can start and reuse a file being removed.
      const batch = this.#retention.unusedImages(after, IMAGE_BATCH);
      if (batch.length === 0) break;
      store.transaction(() => {
        for (const image of batch) {
          after = image.hash;
          try {
            // The file first: a crash between the two leaves a row without a file, which the next run removes.
            const removed = images.remove(image.hash);
            if (this.#retention.forgetImage(image.hash)) {
              imagesDeleted += 1;
              bytesFreed += removed ?? 0;
            }
          } catch (error) {
            problems.push(`image ${image.hash}: ${(error as Error).message}; kept for the next run`);
          }
        }
      });
      done += batch.length;
      this.#emit({ operation: 'retention', phase: 'images', done, total: Math.max(total, done) });
    }
    return { imagesDeleted, bytesFreed, problems };
  }

  async #whenNoPassRuns(): Promise<void> {
    while (!this.#activity.idle) await this.#activity.whenIdle();
  }

  #serialized<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(work);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  readonly #forward = (progress: CareProgress): void => {
    this.#emit(progress);
  };

  #emit(progress: CareProgress): void {
    for (const listener of this.#listeners) {
      try {
        listener(progress);
      } catch (error) {
        console.error('LibraryCare: a progress listener threw:', error);
      }
    }
  }
}

function requireAbsolute(call: string, file: string): void {
  if (!isAbsolute(file)) {
    throw new OffprintError('bad-request', `${call}: the file must be an absolute path, got ${JSON.stringify(file)}`);
  }
}
