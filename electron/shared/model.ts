/**
 * Model types that cross the API contract. Everything here is plain data
 * (structured-clone and JSON safe) and Readonly: the renderer and the CLI
 * receive snapshots, never live objects.
 */

/** Outcome of the most recent fetch of a feed. */
export type FeedStatus = 'new' | 'ok' | 'not-modified' | 'error';

export interface Feed {
  readonly id: number;
  /** The feed document's URL (after autodiscovery, before redirects). */
  readonly url: string;
  readonly siteUrl: string | null;
  readonly title: string;
  readonly description: string | null;
  /** OPML folder the feed is filed under, or null for the top level. */
  readonly folder: string | null;
  readonly lastFetchedAt: string | null;
  readonly lastStatus: FeedStatus;
  readonly lastError: string | null;
  readonly errorCount: number;
  readonly nextFetchAt: string | null;
  readonly articleCount: number;
  readonly unreadCount: number;
}

/** One row of an article list: everything but the body. */
export interface ArticleSummary {
  readonly id: string;
  readonly feedId: number | null;
  readonly feedTitle: string | null;
  readonly url: string | null;
  readonly title: string;
  readonly author: string | null;
  /** ISO 8601 UTC, or null when neither the feed nor the page gave a date. */
  readonly publishedAt: string | null;
  readonly fetchedAt: string;
  readonly updatedAt: string | null;
  readonly summary: string | null;
  readonly wordCount: number;
  readonly read: boolean;
  readonly saved: boolean;
  readonly savedAt: string | null;
}

/** A whole stored article, for the reader. */
export interface Article extends ArticleSummary {
  readonly guid: string | null;
  readonly canonicalUrl: string | null;
  readonly language: string | null;
  /** Stored HTML; sanitized again before it is shown. */
  readonly contentHtml: string | null;
  readonly text: string;
  readonly categories: readonly string[];
}

export interface ArticlePage {
  readonly items: readonly ArticleSummary[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
}

export type FeedRefreshStatus = 'ok' | 'not-modified' | 'error';

/** What one feed's refresh did. Failures are data, not exceptions. */
export interface FeedRefreshResult {
  readonly feedId: number;
  readonly url: string;
  readonly title: string;
  readonly status: FeedRefreshStatus;
  readonly newCount: number;
  readonly updatedCount: number;
  /** Stable machine code (e.g. `too-large`, `http-404`); null on success. */
  readonly errorCode: string | null;
  /** One plain sentence naming what failed and why; null on success. */
  readonly errorMessage: string | null;
  readonly durationMs: number;
}

export interface RefreshReport {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly feeds: readonly FeedRefreshResult[];
}

export interface AddFeedResult {
  readonly feed: Feed;
  /** The page URL the feed was discovered from, when the user gave a page. */
  readonly discoveredFrom: string | null;
  readonly refresh: FeedRefreshResult;
}

export interface OpmlImportReport {
  readonly added: readonly Feed[];
  /** Feeds already subscribed (by URL) or repeated in the file. */
  readonly duplicates: readonly string[];
  /** Problems in the file, each naming what was skipped and why. */
  readonly problems: readonly string[];
  /** True when the file was not well-formed XML and was read leniently. */
  readonly recovered: boolean;
}

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly dataDir: string;
  readonly schemaVersion: number;
  readonly runtime: string;
  readonly feedCount: number;
  readonly articleCount: number;
}

export type IngestEvent =
  | { readonly kind: 'refresh-started'; readonly feedCount: number }
  | { readonly kind: 'feed-started'; readonly feedId: number; readonly url: string }
  | {
      readonly kind: 'feed-finished';
      readonly result: FeedRefreshResult;
      readonly done: number;
      readonly total: number;
    }
  | { readonly kind: 'refresh-finished'; readonly report: RefreshReport };

export interface LibraryChange {
  readonly reason: 'feeds' | 'articles';
  readonly feedIds: readonly number[];
}

/** A span of a snippet to highlight: [start, end) in UTF-16 code units. */
export type HighlightRange = readonly [number, number];

export interface Snippet {
  /** Plain text (never HTML), a window of the article around its best match. */
  readonly text: string;
  readonly highlights: readonly HighlightRange[];
}

export interface SearchHit {
  readonly article: ArticleSummary;
  readonly score: number;
  readonly snippet: Snippet;
  /** Highlight ranges in the article's title. */
  readonly titleHighlights: readonly HighlightRange[];
}

export interface SearchResults {
  readonly items: readonly SearchHit[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  /** Plain-English notes on parts of the query that were not understood as written. */
  readonly problems: readonly string[];
  readonly tookMs: number;
}

export interface RelatedArticles {
  /** Most similar stored articles, best first. */
  readonly related: readonly { readonly article: ArticleSummary; readonly score: number }[];
  /** The same story from other sources. */
  readonly sameStory: readonly { readonly article: ArticleSummary; readonly score: number }[];
}

export interface SearchStatus {
  readonly documents: number;
  readonly segments: readonly {
    readonly kind: 'sealed' | 'sealing' | 'live';
    readonly documents: number;
    readonly deleted: number;
    readonly bytes: number;
  }[];
  /** Article changes queued but not yet searchable. */
  readonly pending: number;
  readonly phase: 'idle' | 'indexing' | 'rebuilding' | 'merging';
  readonly done: number;
  readonly total: number;
}

export interface SearchProgress {
  readonly phase: SearchStatus['phase'];
  readonly done: number;
  readonly total: number;
}
