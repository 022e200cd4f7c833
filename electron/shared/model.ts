/**
 * Model types that cross the API contract. Everything here is plain data
 * (structured-clone and JSON safe) and Readonly: the renderer and the CLI
 * receive snapshots, never live objects.
 */

/** Outcome of the most recent fetch of a feed. */
export type FeedStatus = 'new' | 'ok' | 'not-modified' | 'error';

export interface Feed {
  readonly id: number;
  /** `feed`: fetched over HTTP. `import`: articles imported from files or clipped; never fetched. */
  readonly kind: 'feed' | 'import';
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
  /**
   * Whether each article's page is fetched and extracted for offline reading.
   * `auto` until the first fetch decides from the items' length (short items: on).
   */
  readonly fullText: FullTextSetting;
}

export type FullTextSetting = 'auto' | 'on' | 'off';

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
  /** Full text (when the feed wants it) and every image are on disk: readable with no network. */
  readonly offlineReady: boolean;
  /** The reader's notes and highlights on it (the lists show that an article has them). */
  readonly noteCount: number;
  readonly highlightCount: number;
}

/**
 * The article page: `none` (the feed's content is the article), `pending`
 * (not fetched yet), `ok` (extracted and stored), `failed` (the feed's
 * summary stays; `pageError` says why, and it is retried later).
 */
export type PageStatus = 'none' | 'pending' | 'ok' | 'failed';

/** Where an article stands for offline reading. */
export interface ArticleOffline {
  readonly page: PageStatus;
  readonly pageError: string | null;
  readonly imagesCached: number;
  /** Images that are not on disk, each with the reason in one sentence. */
  readonly imagesMissing: readonly { readonly url: string; readonly reason: string }[];
}

/** A whole stored article, for the reader: content, offline state, and the user's notes and highlights. */
export interface Article extends ArticleSummary, ArticleAnnotations {
  readonly guid: string | null;
  readonly canonicalUrl: string | null;
  readonly language: string | null;
  /** Stored HTML; sanitized again before it is shown. */
  readonly contentHtml: string | null;
  readonly text: string;
  readonly categories: readonly string[];
  readonly siteName: string | null;
  readonly leadImageUrl: string | null;
  readonly offline: ArticleOffline;
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
  /** Full text and images fetched for the new articles (and retries that were due); null when there was nothing to do. */
  readonly offline: OfflineReport | null;
}

export interface AddFeedResult {
  readonly feed: Feed;
  /** The page URL the feed was discovered from, when the user gave a page. */
  readonly discoveredFrom: string | null;
  readonly refresh: FeedRefreshResult;
  /** Full text and images fetched for the feed's first articles; null when there was nothing to do. */
  readonly offline: OfflineReport | null;
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

/** What to make readable offline; everything unset means every article. */
export interface OfflineSelection {
  readonly feedIds?: readonly number[];
  readonly saved?: boolean;
  /** Only articles published (or fetched) on or after this instant (ISO 8601). */
  readonly since?: string;
  readonly articleIds?: readonly string[];
}

/** One article that could not be made fully offline, and why. */
export interface OfflineFailure {
  readonly articleId: string;
  readonly title: string;
  readonly url: string | null;
  readonly stage: 'page' | 'images';
  /** One sentence naming what failed and why. */
  readonly reason: string;
}

export interface OfflineReport {
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Articles selected. */
  readonly total: number;
  /** Of those, how many are now fully readable offline. */
  readonly ready: number;
  readonly pagesFetched: number;
  readonly imagesCached: number;
  /** Bytes downloaded for pages and images. */
  readonly bytes: number;
  readonly failures: readonly OfflineFailure[];
  /** True when offline:cancel stopped the run; what was done stays done. */
  readonly cancelled: boolean;
}

export type OfflineEvent =
  | { readonly kind: 'started'; readonly total: number }
  | {
      readonly kind: 'article';
      readonly done: number;
      readonly total: number;
      readonly bytes: number;
      readonly failed: number;
      readonly articleId: string;
    }
  | { readonly kind: 'finished'; readonly report: OfflineReport };

export interface ClipResult {
  readonly article: ArticleSummary;
  /** Images of the page that could not be saved, with reasons. */
  readonly imagesMissing: readonly { readonly url: string; readonly reason: string }[];
  /** Notes from extraction that did not stop it. */
  readonly warnings: readonly string[];
}

export interface LibraryChange {
  /** `read`: only read/unread flags changed (lists and counts reload; an open article's content did not change). */
  readonly reason: 'feeds' | 'articles' | 'read';
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

// ---- topics, notes and highlights, library care (issue 5) ----

/** Counts kept current as articles arrive and are read or saved. */
export interface TopicCounts {
  readonly total: number;
  readonly unread: number;
  readonly saved: number;
}

/** A named rule: a query in the search language, optionally limited to feeds, plus feed categories that map onto it. */
export interface Topic {
  readonly id: number;
  readonly name: string;
  readonly query: string;
  /** Only articles of these feeds; null: every feed. */
  readonly feedIds: readonly number[] | null;
  /** Feed categories that put an article in the topic whatever its text says. */
  readonly categories: readonly string[];
  /** Push `topics:matched` when new articles match. */
  readonly notify: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly counts: TopicCounts;
  /** True while the rule is being re-applied to the library (counts are then still the old rule's). */
  readonly applying: boolean;
}

export interface TopicRule {
  readonly query: string;
  readonly feedIds?: readonly number[] | null;
  readonly categories?: readonly string[];
}

export interface TopicPreview {
  /** Articles the rule matches now. */
  readonly total: number;
  /** The newest few of them. */
  readonly sample: readonly ArticleSummary[];
  /** Parts of the query not understood as written, in plain words. */
  readonly problems: readonly string[];
  readonly tookMs: number;
}

/** A starter topic the library offers (never created without the user accepting it). */
export interface TopicSuggestion {
  readonly name: string;
  readonly query: string;
  readonly categories: readonly string[];
  /** Why it is offered, e.g. "category of 42 articles". */
  readonly reason: string;
  readonly matches: number;
}

export type TopicEvent =
  | { readonly kind: 'applying'; readonly topicId: number; readonly done: number; readonly total: number }
  | { readonly kind: 'applied'; readonly topicId: number; readonly counts: TopicCounts }
  | {
      readonly kind: 'matched';
      readonly topicId: number;
      readonly topicName: string;
      readonly articleIds: readonly string[];
    };

export interface TopicImportReport {
  readonly added: readonly Topic[];
  /** Names already taken, or repeated in the file. */
  readonly duplicates: readonly string[];
  readonly problems: readonly string[];
}

export interface Note {
  readonly id: number;
  readonly articleId: string;
  /** Markdown, shown as text (never as HTML from the store). */
  readonly text: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type HighlightColor = 'yellow' | 'green' | 'blue' | 'pink' | 'purple';

export interface Highlight {
  readonly id: number;
  readonly articleId: string;
  readonly quote: string;
  /** [start, end) of the quote in the article's stored text, UTF-16 code units. */
  readonly start: number;
  readonly end: number;
  readonly comment: string | null;
  readonly color: HighlightColor;
  /** `lost`: the article changed and the quote is no longer in it; kept and shown, never dropped. */
  readonly status: 'anchored' | 'lost';
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** An article with what the user added to it. */
export interface ArticleAnnotations {
  readonly notes: readonly Note[];
  readonly highlights: readonly Highlight[];
}

/**
 * Retention in days; null keeps everything. Saved, noted and highlighted articles are never deleted, nor unread
 * ones. A feed's own days beat the global ones; a feed with null follows the global setting, except the
 * "Clipped" source, whose pages the global setting never deletes.
 */
export interface RetentionSettings {
  readonly globalDays: number | null;
  /**
   * Every subscribed feed (and source of imported or clipped articles): its own setting (`days`), and the one
   * that applies to it (`effectiveDays`: its own, else the global one; null keeps everything).
   */
  readonly feeds: readonly {
    readonly feedId: number;
    readonly title: string;
    readonly days: number | null;
    readonly effectiveDays: number | null;
  }[];
}

export interface RetentionPreview {
  /** Articles a clean-up would delete now. */
  readonly total: number;
  readonly byFeed: readonly { readonly feedId: number; readonly title: string; readonly count: number }[];
  /** The oldest few of them. */
  readonly sample: readonly ArticleSummary[];
  /** Image files no article would use any more, and their size. */
  readonly images: number;
  readonly imageBytes: number;
}

export interface RetentionReport {
  readonly deleted: number;
  readonly imagesDeleted: number;
  readonly bytesFreed: number;
  /** Image files that could not be deleted, one sentence each (their rows stay, so a later run retries). */
  readonly problems: readonly string[];
}

export interface BackupReport {
  readonly file: string;
  readonly bytes: number;
  readonly articles: number;
  readonly images: number;
  readonly createdAt: string;
  /** Images the library lists but whose files are missing or damaged on disk, left out and named here. */
  readonly problems: readonly string[];
}

export interface RestoreReport {
  readonly file: string;
  /** When the backup was made. */
  readonly createdAt: string;
  readonly articles: number;
  readonly images: number;
  /**
   * Where the library that was replaced now is (kept until the user removes it); with `restartRequired`,
   * where it will be once the library is reopened. Null when there was no library to replace.
   */
  readonly previousLibrary: string | null;
  /**
   * True when the backup is checked and staged but not yet in place: the running app must reopen the
   * library (Electron relaunches), which puts it in place before the database opens.
   */
  readonly restartRequired: boolean;
}

/** Progress of a long library-care operation (retention clean-up, backup, restore). */
export interface CareProgress {
  readonly operation: 'retention' | 'backup' | 'restore';
  /** retention: articles, images; backup: database, images, archive; restore: reading, checking, images. */
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

/** What an export covers: chosen articles, the saved list, a topic, or a search's results. */
export type ExportSelection =
  | { readonly kind: 'ids'; readonly ids: readonly string[] }
  | { readonly kind: 'saved' }
  | { readonly kind: 'topic'; readonly topicId: number }
  | { readonly kind: 'search'; readonly query: string };

export type ExportFormat = 'pdf' | 'html' | 'markdown' | 'citations';

/** Progress of a running export. PDF phases: composing, printing, numbering, finishing. */
export interface ExportProgress {
  readonly format: ExportFormat;
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

/** An article exported with placeholders for images that are not on disk. */
export interface MissingImagesNote {
  readonly articleId: string;
  readonly title: string;
  readonly missing: number;
}

export interface ExportReport {
  readonly format: ExportFormat;
  /** The files written: one brief, or one file per article (in the order of the selection). */
  readonly files: readonly string[];
  readonly articles: number;
  /** PDF only: pages in all, across the files. */
  readonly pages: number | null;
  readonly bytes: number;
  readonly missingImages: readonly MissingImagesNote[];
  /**
   * PDF: what the printed page asked for beyond its own files (the document, its stylesheet, fonts and cached
   * images), refused: an export makes no network request. Empty for the other formats (nothing loads).
   */
  readonly refused: readonly string[];
  /** True when the export was stopped (export:cancel): nothing half-written is left behind. */
  readonly cancelled: boolean;
  readonly durationMs: number;
}

export type CitationFormat = 'bibtex' | 'ris' | 'csl-json' | 'text';

export interface CitationExport {
  readonly format: CitationFormat;
  /** The citations themselves (for copying), and the file they were written to, if asked. */
  readonly text: string;
  readonly file: string | null;
  readonly articles: number;
}
