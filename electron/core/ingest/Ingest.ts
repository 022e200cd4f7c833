import type { FeedRefreshResult, FullTextSetting, OfflineReport, RefreshReport } from '../../shared/model.ts';
import type { EventSink } from '../../shared/dispatch.ts';
import { OffprintError } from '../../shared/errors.ts';
import { decodeBody, sniffContentKind } from '../feeds/decodeBody.ts';
import { discoverFeeds } from '../feeds/discoverFeeds.ts';
import { FetchError } from '../feeds/FetchError.ts';
import type { FetchOptions, FetchResult } from '../feeds/fetchResource.ts';
import { FeedParseError } from '../feeds/FeedParseError.ts';
import type { ParsedFeed } from '../feeds/ParsedFeed.ts';
import { parseFeed } from '../feeds/parseFeed.ts';
import { HostLimiter } from '../feeds/HostLimiter.ts';
import type { ArticleStore, FeedRecord, NewArticle } from '../store/ArticleStore.ts';
import { toNewArticle } from './toNewArticle.ts';

export type Fetcher = (url: string, options: FetchOptions) => Promise<FetchResult>;

export interface IngestOptions {
  readonly store: ArticleStore;
  readonly events: EventSink;
  readonly fetch: Fetcher;
  readonly clock: () => Date;
  /** Overrides for every fetch (timeouts, caps); tests shorten them. */
  readonly fetchOptions?: Partial<FetchOptions>;
  /** How many feeds are fetched at once across all hosts. */
  readonly concurrency?: number;
  /** How many requests may run at once against one host. */
  readonly perHost?: number;
  /** Minutes between scheduled fetches of a healthy feed, asked at each fetch (the refresh setting can change). */
  readonly refreshIntervalMinutes?: () => number;
  /** Per-host politeness, shared with page and image fetching; one is made when not given. */
  readonly limiter?: HostLimiter;
  /** Fetches full text and images for what a refresh stored (the Library's OfflinePreparer). */
  readonly offline?: { catchUp(): Promise<OfflineReport | null> };
}

/** Items shorter than this (median words) are teasers: such a feed gets its article pages fetched. */
export const FULL_TEXT_WORD_THRESHOLD = 150;

const DEFAULT_CONCURRENCY = 6;
const DEFAULT_INTERVAL_MINUTES = 60;
const BACKOFF_BASE_MINUTES = 15;
const BACKOFF_MAX_MINUTES = 24 * 60;

interface FetchedFeed {
  readonly feedUrl: string;
  readonly discoveredFrom: string | null;
  readonly fetched: FetchResult & { status: 'ok' };
  readonly parsed: ParsedFeed;
}

/**
 * The one orchestrator (shared/DESIGN.md): fetch feeds with bounded
 * concurrency and per-host politeness, parse, dedupe, store, and report
 * progress. A failing feed becomes a per-feed status with a clear message;
 * the other feeds proceed and stored articles are never touched by a failure.
 */
export class Ingest {
  readonly #options: IngestOptions;
  readonly #limiter: HostLimiter;

  constructor(options: IngestOptions) {
    this.#options = options;
    this.#limiter = options.limiter ?? new HostLimiter({ perHost: options.perHost ?? 2 });
  }

  /** Fetches a URL the user typed: a feed, or a page whose `<link rel=alternate>` names one. */
  async resolveFeed(url: string): Promise<FetchedFeed> {
    const fetched = await this.#fetchOk(url, null);
    const text = decodeBody(fetched.body, fetched.contentType).text;
    if (sniffContentKind(text, fetched.contentType) === 'html') {
      const candidates = discoverFeeds(text, fetched.url);
      const first = candidates[0];
      if (!first) {
        throw new OffprintError(
          'feed-error',
          `feeds:add: ${url} is a web page that advertises no feed (no <link rel="alternate">)`,
        );
      }
      const feedFetch = await this.#fetchOk(first.url, null);
      return { feedUrl: first.url, discoveredFrom: url, fetched: feedFetch, parsed: this.#parse(feedFetch) };
    }
    return { feedUrl: url, discoveredFrom: null, fetched, parsed: this.#parse(fetched) };
  }

  /** Stores what `resolveFeed` fetched as the feed's first refresh. */
  storeFirstFetch(feed: FeedRecord, fetchedFeed: FetchedFeed, startedAt: Date): FeedRefreshResult {
    return this.#storeParsed(feed, fetchedFeed.fetched, fetchedFeed.parsed, startedAt);
  }

  async refresh(feeds: readonly FeedRecord[]): Promise<RefreshReport> {
    const { events, clock } = this.#options;
    const startedAt = clock().toISOString();
    events.emit('ingest:progress', { kind: 'refresh-started', feedCount: feeds.length });
    const results: FeedRefreshResult[] = new Array<FeedRefreshResult>(feeds.length);
    let next = 0;
    let done = 0;
    const worker = async (): Promise<void> => {
      for (let index = next++; index < feeds.length; index = next++) {
        const feed = feeds[index];
        if (!feed) continue;
        events.emit('ingest:progress', { kind: 'feed-started', feedId: feed.id, url: feed.url });
        const result = await this.refreshFeed(feed);
        results[index] = result;
        done += 1;
        events.emit('ingest:progress', { kind: 'feed-finished', result, done, total: feeds.length });
      }
    };
    const workers = Math.min(this.#options.concurrency ?? DEFAULT_CONCURRENCY, feeds.length);
    await Promise.all(Array.from({ length: workers }, worker));
    const offline = await this.catchUpOffline();
    const report: RefreshReport = { startedAt, finishedAt: clock().toISOString(), feeds: results, offline };
    events.emit('ingest:progress', { kind: 'refresh-finished', report });
    const changed = results
      .filter((result) => result.newCount + result.updatedCount > 0)
      .map((result) => result.feedId);
    if (changed.length > 0) events.emit('library:changed', { reason: 'articles', feedIds: changed });
    return report;
  }

  /** Full text and images for what was stored; a failure here is reported, never a failed refresh. */
  async catchUpOffline(): Promise<OfflineReport | null> {
    if (this.#options.offline === undefined) return null;
    try {
      return await this.#options.offline.catchUp();
    } catch (error) {
      console.error('Ingest: fetching full text and images failed:', error);
      return null;
    }
  }

  /** One feed, start to finish. Never throws: failures come back as a result. */
  async refreshFeed(feed: FeedRecord): Promise<FeedRefreshResult> {
    const { store, clock } = this.#options;
    const started = clock();
    try {
      const fetched = await this.#fetch(feed.url, feed);
      if (fetched.status === 'not-modified') {
        store.writer.recordFetch(feed.id, {
          startedAt: started.toISOString(),
          durationMs: clock().getTime() - started.getTime(),
          status: 'not-modified',
          httpStatus: 304,
          nextFetchAt: this.#nextFetchAt(started, 0, null),
        });
        return this.#result(feed, started, { status: 'not-modified' });
      }
      return this.#storeParsed(feed, fetched, this.#parse(fetched), started);
    } catch (error) {
      const { code, message, httpStatus, retryAfterSeconds } = describeFailure(feed, error);
      store.writer.recordFetch(feed.id, {
        startedAt: started.toISOString(),
        durationMs: clock().getTime() - started.getTime(),
        status: 'error',
        httpStatus,
        errorCode: code,
        errorMessage: message,
        nextFetchAt: this.#nextFetchAt(started, feed.errorCount + 1, retryAfterSeconds),
      });
      return this.#result(feed, started, { status: 'error', errorCode: code, errorMessage: message });
    }
  }

  #storeParsed(
    feed: FeedRecord,
    fetched: FetchResult & { status: 'ok' },
    parsed: ParsedFeed,
    started: Date,
  ): FeedRefreshResult {
    const { store, clock } = this.#options;
    const articles = parsed.items.map((item) => toNewArticle(item, fetched.url));
    const fetchedAt = clock().toISOString();
    let fullText = feed.fullText;
    if (fullText === 'auto') {
      fullText = decideFullText(articles);
      if (fullText !== 'auto') store.writer.updateFeedSettings(feed.id, { fullText });
    }
    const outcome = store.writer.upsertArticles(feed.id, articles, fetchedAt, { fullText: fullText === 'on' });
    if (parsed.title || parsed.siteUrl || parsed.description) {
      store.writer.updateFeedMetadata(feed.id, {
        ...(parsed.title && feed.kind === 'feed' ? { title: parsed.title } : {}),
        siteUrl: parsed.siteUrl,
        description: parsed.description,
      });
    }
    store.writer.recordFetch(feed.id, {
      startedAt: started.toISOString(),
      durationMs: clock().getTime() - started.getTime(),
      status: 'ok',
      httpStatus: fetched.httpStatus,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      newCount: outcome.newIds.length,
      updatedCount: outcome.updatedIds.length,
      nextFetchAt: this.#nextFetchAt(started, 0, null),
    });
    return this.#result(feed, started, {
      status: 'ok',
      newCount: outcome.newIds.length,
      updatedCount: outcome.updatedIds.length,
    });
  }

  #parse(fetched: FetchResult & { status: 'ok' }): ParsedFeed {
    const text = decodeBody(fetched.body, fetched.contentType).text;
    return parseFeed(text, fetched.url);
  }

  async #fetchOk(url: string, feed: FeedRecord | null): Promise<FetchResult & { status: 'ok' }> {
    const fetched = await this.#fetch(url, feed);
    if (fetched.status !== 'ok') throw new Error(`Ingest: unexpected ${fetched.status} for unconditional GET ${url}`);
    return fetched;
  }

  #fetch(url: string, feed: FeedRecord | null): Promise<FetchResult> {
    return this.#options.fetch(url, {
      ...this.#options.fetchOptions,
      etag: feed?.etag ?? null,
      lastModified: feed?.lastModified ?? null,
      limiter: this.#limiter,
    });
  }

  /** Healthy feeds come back after the interval; failing ones back off exponentially, honouring Retry-After. */
  #nextFetchAt(from: Date, failures: number, retryAfterSeconds: number | null): string {
    const interval = this.#options.refreshIntervalMinutes?.() ?? DEFAULT_INTERVAL_MINUTES;
    const minutes =
      failures === 0 ? interval : Math.min(BACKOFF_BASE_MINUTES * 2 ** (failures - 1), BACKOFF_MAX_MINUTES);
    const delayMs = Math.max(minutes * 60_000, (retryAfterSeconds ?? 0) * 1000);
    return new Date(from.getTime() + delayMs).toISOString();
  }

  #result(
    feed: FeedRecord,
    started: Date,
    outcome: Partial<FeedRefreshResult> & Pick<FeedRefreshResult, 'status'>,
  ): FeedRefreshResult {
    const current = this.#options.store.reader.getFeedRecord(feed.id);
    return {
      feedId: feed.id,
      url: feed.url,
      title: current?.title ?? feed.title,
      newCount: 0,
      updatedCount: 0,
      errorCode: null,
      errorMessage: null,
      durationMs: this.#options.clock().getTime() - started.getTime(),
      ...outcome,
    };
  }
}

/**
 * A new feed's full-text setting, from its first items: when the typical
 * item is a teaser (median under FULL_TEXT_WORD_THRESHOLD words), the
 * articles live on their pages. No items yet: undecided.
 */
export function decideFullText(articles: readonly Pick<NewArticle, 'text'>[]): FullTextSetting {
  if (articles.length === 0) return 'auto';
  const counts = articles.map((article) => article.text.match(/\S+/g)?.length ?? 0).sort((a, b) => a - b);
  const median = counts[Math.floor((counts.length - 1) / 2)] ?? 0;
  return median < FULL_TEXT_WORD_THRESHOLD ? 'on' : 'off';
}

interface FailureDescription {
  readonly code: string;
  readonly message: string;
  readonly httpStatus: number | null;
  readonly retryAfterSeconds: number | null;
}

/** Names the feed and why it failed, e.g. `feed 12: GET http://x/feed: body exceeds 20 MB limit`. */
export function describeFailure(feed: Pick<FeedRecord, 'id'>, error: unknown): FailureDescription {
  if (error instanceof FetchError) {
    return {
      code: error.code,
      message: `feed ${feed.id}: ${error.message}`,
      httpStatus: error.httpStatus,
      retryAfterSeconds: error.retryAfterSeconds,
    };
  }
  if (error instanceof FeedParseError) {
    return {
      code: error.code,
      message: `feed ${feed.id}: ${error.message}`,
      httpStatus: null,
      retryAfterSeconds: null,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `feed ${feed.id}: ${message}`, httpStatus: null, retryAfterSeconds: null };
}
