import type { EventSink } from '../../shared/dispatch.ts';
import type { OfflineFailure, OfflineReport, OfflineSelection } from '../../shared/model.ts';
import type { ExtractedArticle } from '../extract/article/ExtractedArticle.ts';
import { cacheArticleImages, type CacheArticleImagesOptions } from '../extract/images/cacheArticleImages.ts';
import type { ImageStore } from '../extract/images/ImageStore.ts';
import { sanitizeHtml } from '../extract/sanitizeHtml.ts';
import { splitImageSources } from '../extract/splitImageSources.ts';
import type { FetchLimits, FetchOptions } from '../feeds/fetchResource.ts';
import type { HostLimiter } from '../feeds/HostLimiter.ts';
import type { ArticleStore, OfflineTask } from '../store/ArticleStore.ts';
import { fetchArticlePage, type PageFetcher } from './fetchArticlePage.ts';

/** Extraction off the main thread (ExtractWorkerPool), or anything with its signature in tests. */
export interface ArticleExtractor {
  extract(html: string, url: string): Promise<ExtractedArticle>;
}

export interface OfflinePreparerOptions {
  readonly store: ArticleStore;
  readonly images: ImageStore;
  readonly events: EventSink;
  readonly fetch: PageFetcher;
  readonly extractor: ArticleExtractor;
  readonly clock: () => Date;
  /** Shared with feed fetching, so one site is never asked for too much at once. */
  readonly limiter: HostLimiter;
  /** Overrides for every page and image fetch (timeouts); tests shorten them. */
  readonly fetchOptions?: Partial<FetchOptions>;
  /** Caps and concurrency of the image cache. */
  readonly imageOptions?: Partial<
    Pick<CacheArticleImagesOptions, 'maxImageBytes' | 'maxArticleBytes' | 'concurrency' | 'maxCandidateWidth'>
  >;
  /** Articles worked on at once. */
  readonly concurrency?: number;
}

/** A page that failed is retried automatically this many times (then only when the user asks). */
export const MAX_AUTOMATIC_PAGE_ATTEMPTS = 6;
const RETRY_BASE_MINUTES = 15;
const RETRY_MAX_MINUTES = 24 * 60;
const DEFAULT_CONCURRENCY = 4;

interface ArticleOutcome {
  readonly bytes: number;
  readonly pageFetched: boolean;
  readonly imagesCached: number;
  readonly failures: readonly OfflineFailure[];
}

/**
 * Makes articles readable with no network: fetches each article's page and
 * extracts it (in worker threads) where the feed only had a summary, then
 * downloads its images into the ImageStore and points the stored HTML at
 * them. A page that fails keeps the feed's content and is retried later with
 * back-off; an image that fails stays a placeholder. Runs one at a time
 * (a second request waits for the first), reports progress as
 * `offline:progress` events, and stops early on `cancel()`.
 */
export class OfflinePreparer {
  readonly #options: OfflinePreparerOptions;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #running = new Set<AbortController>();

  constructor(options: OfflinePreparerOptions) {
    this.#options = options;
  }

  /** Everything the selection needs, failed pages and missing images included (the user asked). */
  prepare(selection: OfflineSelection): Promise<OfflineReport> {
    return this.#serialized((signal) => {
      const { total, tasks } = this.#options.store.reader.offlineTasks(selection);
      const retried = tasks.filter((task) => task.page === 'failed').map((task) => task.id);
      this.#options.store.writer.requestPages(retried);
      return this.#run(tasks, total, { retryImages: true }, signal);
    });
  }

  /** What is due without asking: new articles' pages and images, failed pages whose back-off has passed. */
  catchUp(): Promise<OfflineReport | null> {
    return this.#serialized(async (signal) => {
      const now = this.#options.clock().toISOString();
      const tasks = this.#options.store.reader.dueOfflineTasks(now, MAX_AUTOMATIC_PAGE_ATTEMPTS);
      if (tasks.length === 0) return null;
      return this.#run(tasks, tasks.length, { retryImages: false }, signal);
    });
  }

  /** Stops the running pass and any waiting behind it; what is on disk stays. Returns whether anything was running. */
  cancel(): boolean {
    const any = this.#running.size > 0;
    for (const controller of this.#running) controller.abort(new Error('offline: cancelled'));
    return any;
  }

  /** Cancels and waits until no pass touches the store any more (before the library closes). */
  async stop(): Promise<void> {
    this.cancel();
    await this.#queue;
  }

  /** One pass at a time: two passes over the same articles would fetch everything twice. */
  #serialized<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.#running.add(controller);
    const result = this.#queue
      .then(() => work(controller.signal))
      .finally(() => {
        this.#running.delete(controller);
      });
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async #run(
    tasks: readonly OfflineTask[],
    total: number,
    mode: { retryImages: boolean },
    signal: AbortSignal,
  ): Promise<OfflineReport> {
    const { events, clock, store } = this.#options;
    const startedAt = clock().toISOString();
    const readyBefore = total - tasks.length;
    events.emit('offline:progress', { kind: 'started', total: tasks.length });
    let next = 0;
    let done = 0;
    let bytes = 0;
    let pagesFetched = 0;
    let imagesCached = 0;
    const failures: OfflineFailure[] = [];
    const worker = async (): Promise<void> => {
      for (let index = next++; index < tasks.length && !signal.aborted; index = next++) {
        const task = tasks[index];
        if (task === undefined) continue;
        const outcome = await this.#prepareArticle(task, signal, mode);
        // A cancelled article is neither done nor failed: it is simply left for next time.
        if (isCancelled(signal)) break;
        done += 1;
        bytes += outcome.bytes;
        if (outcome.pageFetched) pagesFetched += 1;
        imagesCached += outcome.imagesCached;
        failures.push(...outcome.failures);
        events.emit('offline:progress', {
          kind: 'article',
          done,
          total: tasks.length,
          bytes,
          failed: failures.length,
          articleId: task.id,
        });
      }
    };
    const workers = Math.min(this.#options.concurrency ?? DEFAULT_CONCURRENCY, tasks.length);
    await Promise.all(Array.from({ length: workers }, worker));
    const report: OfflineReport = {
      startedAt,
      finishedAt: clock().toISOString(),
      total,
      ready: readyBefore + store.reader.countOfflineReady(tasks.map((task) => task.id)),
      pagesFetched,
      imagesCached,
      bytes,
      failures,
      cancelled: signal.aborted,
    };
    events.emit('offline:progress', { kind: 'finished', report });
    if (done > 0) events.emit('library:changed', { reason: 'articles', feedIds: [] });
    return report;
  }

  /** One article: its page if wanted, then its images. Never throws; failures come back in the outcome. */
  async #prepareArticle(
    task: OfflineTask,
    signal: AbortSignal,
    mode: { retryImages: boolean },
  ): Promise<ArticleOutcome> {
    const failures: OfflineFailure[] = [];
    let bytes = 0;
    let pageFetched = false;
    const fail = (stage: OfflineFailure['stage'], reason: string): void => {
      failures.push({ articleId: task.id, title: task.title, url: task.url, stage, reason });
    };
    if (task.page !== 'none' && task.page !== 'ok' && task.url !== null) {
      try {
        bytes += await this.#fetchPage(task, task.url, signal);
        pageFetched = true;
      } catch (error) {
        if (signal.aborted) return { bytes, pageFetched, imagesCached: 0, failures };
        const reason = reasonOf(error);
        this.#options.store.writer.recordPageFailure(task.id, {
          reason,
          retryAt: this.#retryAt(task.pageAttempts + 1),
        });
        fail('page', reason);
      }
    }
    let imagesCached = 0;
    const source = this.#options.store.reader.imageSource(task.id);
    const current = this.#options.store.reader.offlineTask(task.id);
    // Images never tried are always fetched; images that failed before, only when the user asks.
    const wanted = current?.images === 'pending' || (mode.retryImages && current?.images === 'partial');
    if (source !== null && wanted) {
      try {
        const cached = await cacheArticleImages(source.html, source.baseUrl ?? 'about:blank', {
          ...this.#options.imageOptions,
          store: this.#options.images,
          known: this.#options.store.reader.cachedImagesOf(task.id),
          fetch: this.#options.fetch,
          limiter: this.#options.limiter,
          signal,
          fetchLimits: timeoutsOf(this.#options.fetchOptions),
        });
        const html = sanitizeHtml(cached.html, source.baseUrl, { images: 'cached-only' });
        this.#options.store.writer.storeArticleImages(
          task.id,
          { html, images: cached.images, failures: cached.failures },
          this.#options.clock().toISOString(),
        );
        bytes += cached.bytes;
        imagesCached += cached.images.length;
        if (cached.failures.length > 0) {
          const first = cached.failures[0]?.reason ?? '';
          const count = cached.failures.length;
          fail(
            'images',
            `${count} image${count === 1 ? '' : 's'} could not be saved: ${first}${count > 1 ? ' (and more)' : ''}`,
          );
        }
      } catch (error) {
        if (!signal.aborted) fail('images', `images could not be saved: ${reasonOf(error)}`);
      }
    }
    return { bytes, pageFetched, imagesCached, failures };
  }

  /** Fetches and extracts the page, and stores it in place of the feed's content. Returns the bytes received. */
  async #fetchPage(task: OfflineTask, url: string, signal: AbortSignal): Promise<number> {
    const page = await fetchArticlePage(url, this.#options.fetch, {
      ...this.#options.fetchOptions,
      limiter: this.#options.limiter,
      signal,
    });
    const extracted = await this.#options.extractor.extract(page.html, page.url);
    if (signal.aborted) return page.bytes;
    const { store } = this.#options;
    // The feed already carried at least as much as the page yields: its content stays, and the page counts as read.
    if (extracted.wordCount <= task.wordCount) {
      store.writer.acceptFeedContent(task.id);
      return page.bytes;
    }
    const stored = splitImageSources(extracted.contentHtml, page.url);
    store.writer.storeExtractedPage(task.id, {
      ...stored,
      text: extracted.text,
      author: extracted.byline,
      publishedAt: extracted.publishedAt,
      language: extracted.language,
      siteName: extracted.siteName,
      leadImageUrl: extracted.leadImageUrl,
      excerpt: extracted.excerpt,
    });
    return page.bytes;
  }

  #retryAt(attempts: number): string | null {
    if (attempts >= MAX_AUTOMATIC_PAGE_ATTEMPTS) return null;
    const minutes = Math.min(RETRY_BASE_MINUTES * 2 ** (attempts - 1), RETRY_MAX_MINUTES);
    return new Date(this.#options.clock().getTime() + minutes * 60_000).toISOString();
  }
}

/** The timeouts of the shared fetch options; the image cache sets its own byte caps and Accept. */
function timeoutsOf(
  options: Partial<FetchOptions> | undefined,
): Partial<Pick<FetchLimits, 'connectTimeoutMs' | 'totalTimeoutMs' | 'userAgent'>> {
  if (options === undefined) return {};
  const { connectTimeoutMs, totalTimeoutMs, userAgent } = options;
  return {
    ...(connectTimeoutMs === undefined ? {} : { connectTimeoutMs }),
    ...(totalTimeoutMs === undefined ? {} : { totalTimeoutMs }),
    ...(userAgent === undefined ? {} : { userAgent }),
  };
}

/** Read through a call: the flag changes while this code awaits, which narrowing cannot see. */
function isCancelled(signal: AbortSignal): boolean {
  return signal.aborted;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
