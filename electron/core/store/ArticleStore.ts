import { createHash } from 'node:crypto';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type {
  Article,
  ArticlePage,
  ArticleSummary,
  Feed,
  FeedStatus,
  FullTextSetting,
  Highlight,
  HighlightColor,
  Note,
  OfflineSelection,
  PageStatus,
} from '../../shared/model.ts';
import { HighlightAnchors } from '../annotations/HighlightAnchors.ts';
import type { CachedImage, ImageFailure } from '../extract/images/CachedImage.ts';
import { SearchDocumentSource } from '../search/SearchDocumentSource.ts';
import { openDatabase, schemaVersionOf } from './openDatabase.ts';
import { StatementCache } from './StatementCache.ts';

/** A feed row with the fetch state that never crosses the contract. */
export interface FeedRecord {
  readonly id: number;
  readonly kind: 'feed' | 'import';
  readonly url: string;
  readonly title: string;
  readonly siteUrl: string | null;
  readonly folder: string | null;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly errorCount: number;
  readonly nextFetchAt: string | null;
  readonly removedAt: string | null;
  readonly fullText: FullTextSetting;
}

export interface NewFeed {
  readonly url: string;
  readonly title: string;
  readonly kind?: 'feed' | 'import';
  readonly siteUrl?: string | null;
  readonly description?: string | null;
  readonly folder?: string | null;
}

/** One item ready to store: already normalized and sanitized by ingest. */
export interface NewArticle {
  readonly guid: string | null;
  readonly url: string | null;
  readonly title: string;
  readonly author: string | null;
  readonly publishedAt: string | null;
  readonly updatedAt: string | null;
  readonly language: string | null;
  readonly summary: string | null;
  /** What the reader shows: images only from the cache, placeholders for the rest. */
  readonly contentHtml: string | null;
  /** The same HTML with the page's own image URLs, when it has images to cache; else null or absent. */
  readonly sourceHtml?: string | null;
  readonly text: string;
  readonly categories: readonly string[];
}

export interface UpsertOptions {
  /** New and changed articles with a URL get their page fetched for full text. */
  readonly fullText?: boolean;
  /** Articles that already are the page (clipped): page status `ok`. */
  readonly isPage?: boolean;
  readonly siteName?: string | null;
  readonly leadImageUrl?: string | null;
}

/** An article's page, extracted: replaces the feed's content. */
export interface ExtractedPage {
  readonly contentHtml: string;
  readonly sourceHtml: string | null;
  readonly text: string;
  readonly author: string | null;
  readonly publishedAt: string | null;
  readonly language: string | null;
  readonly siteName: string | null;
  readonly leadImageUrl: string | null;
  readonly excerpt: string | null;
}

/** What the offline pass needs to know about one article. */
export interface OfflineTask {
  readonly id: string;
  readonly title: string;
  readonly url: string | null;
  readonly page: PageStatus;
  readonly pageAttempts: number;
  readonly wordCount: number;
  /** `pending`: never tried; `partial`: some could not be fetched; `ok`: every image is on disk. */
  readonly images: 'pending' | 'ok' | 'partial';
}

export interface UpsertOutcome {
  readonly newIds: readonly string[];
  readonly updatedIds: readonly string[];
}

export interface FetchRecord {
  readonly startedAt: string;
  readonly durationMs: number;
  readonly status: 'ok' | 'not-modified' | 'error';
  readonly httpStatus: number | null;
  readonly etag?: string | null;
  readonly lastModified?: string | null;
  readonly errorCode?: string | null;
  readonly errorMessage?: string | null;
  readonly newCount?: number;
  readonly updatedCount?: number;
  readonly nextFetchAt: string;
}

export interface ArticleFilter {
  readonly feedId?: number;
  /** Articles in any of these topics. */
  readonly topicIds?: readonly number[];
  readonly unread?: boolean;
  readonly saved?: boolean;
  /** Published (else fetched) at or after / before these instants (ISO 8601). */
  readonly after?: string;
  readonly before?: string;
  /** `newest` first (the default), or most recently `saved` first. */
  readonly sort?: 'newest' | 'saved';
  readonly limit: number;
  readonly offset: number;
}

/** Queries only. Handed to code that must not write (lists, the reader, export). */
export interface StoreReader {
  readonly path: string;
  schemaVersion(): number;
  listFeeds(): Feed[];
  /** Feeds subscribed to (not removed), without reading their counts. */
  countFeeds(): number;
  getFeed(id: number): Feed | null;
  getFeedRecord(id: number): FeedRecord | null;
  findFeedByUrl(url: string): FeedRecord | null;
  /** Active HTTP feeds; with `dueAt`, only those whose next fetch time has come. */
  feedsToRefresh(dueAt?: string): FeedRecord[];
  listArticles(filter: ArticleFilter): ArticlePage;
  getArticle(id: string): Article | null;
  getArticleSummary(id: string): ArticleSummary | null;
  /** Just the plain text (for snippets), without loading the HTML. */
  getArticleText(id: string): string | null;
  /** The distinct language tags articles carry. */
  articleLanguages(): string[];
  countArticles(): number;
  integrityCheck(): string;
  /** Articles queued for the search index (by triggers) after `afterSeq`, oldest first. */
  pendingSearchChanges(afterSeq: number, limit: number): SearchChange[];
  /** How many queued changes come after `afterSeq`, and the newest seq. */
  pendingSearchExtent(afterSeq: number): { count: number; lastSeq: number };
  /** Stored articles as search documents, read on this connection. */
  searchDocuments(): SearchDocumentSource;
  /** Ids of the articles with these flags and in these feeds (search filters that live in the store). */
  articleIdsWhere(filter: { saved?: boolean; read?: boolean; feedIds?: readonly number[] }): Set<string>;
  /** Articles of the selection that are not fully offline, newest first. */
  offlineTasks(selection: OfflineSelection): { total: number; tasks: OfflineTask[] };
  /** Work the refresh does unasked: pages never tried, failed pages due again, images never tried. */
  dueOfflineTasks(now: string, maxPageAttempts: number): OfflineTask[];
  offlineTask(id: string): OfflineTask | null;
  /** The images of an article already on disk, by the URL the article names them with. */
  cachedImagesOf(id: string): Map<string, CachedImage>;
  /** The HTML with remote image URLs and the URL its relative links resolve against. */
  imageSource(id: string): { html: string; baseUrl: string | null } | null;
  countOfflineReady(ids: readonly string[]): number;
}

/** One queued change for the search index. */
export interface SearchChange {
  readonly seq: number;
  readonly articleId: string;
  readonly deleted: boolean;
}

/** Mutations. The one writer: ingest and the contract handlers. */
export interface StoreWriter {
  addFeed(feed: NewFeed, now: string): FeedRecord;
  updateFeedMetadata(
    id: number,
    metadata: { title?: string; siteUrl?: string | null; description?: string | null },
  ): void;
  /** User settings of a feed; `folder: null` moves it to the top level. */
  updateFeedSettings(
    id: number,
    settings: { title?: string; folder?: string | null; fullText?: FullTextSetting },
  ): void;
  recordFetch(feedId: number, record: FetchRecord): void;
  upsertArticles(
    feedId: number,
    articles: readonly NewArticle[],
    fetchedAt: string,
    options?: UpsertOptions,
  ): UpsertOutcome;
  /** Replaces the feed's content of an article with its extracted page. */
  storeExtractedPage(id: string, page: ExtractedPage): void;
  /** Records that the page could not be fetched or extracted; the stored content stays. */
  recordPageFailure(id: string, failure: { reason: string; retryAt: string | null }): void;
  /** The page yielded no more than the feed carried: the feed's content stays, and the page is done. */
  acceptFeedContent(id: string): void;
  /** Marks articles' pages to be fetched (again) by the next offline pass. */
  requestPages(ids: readonly string[]): void;
  /**
   * After the user turns a feed's full text on (its articles' pages become
   * wanted: fetched by the next pass) or off (pages not fetched yet are no
   * longer wanted; extracted ones stay). Returns how many articles changed.
   */
  setFeedPagesWanted(feedId: number, wanted: boolean): number;
  /** The article's images after caching: the rewritten HTML and one row per image URL. */
  storeArticleImages(
    id: string,
    cached: { html: string; images: readonly CachedImage[]; failures: readonly ImageFailure[] },
    now: string,
  ): void;
  markRead(ids: readonly string[], read: boolean): number;
  setSaved(id: string, saved: boolean, now: string): boolean;
  /** Unsubscribes: deletes the feed's articles except saved, noted or highlighted ones (kept, with the feed row as their source). */
  removeFeed(id: number, now: string): { articlesDeleted: number; articlesKept: number };
  /** Forgets queued search changes up to `seq`, once the index holds them durably. */
  clearPendingSearchThrough(seq: number): void;
}

interface FeedRow {
  id: number;
  kind: 'feed' | 'import';
  url: string;
  site_url: string | null;
  title: string;
  description: string | null;
  folder: string | null;
  etag: string | null;
  last_modified: string | null;
  last_fetched_at: string | null;
  last_status: FeedStatus;
  last_error: string | null;
  error_count: number;
  next_fetch_at: string | null;
  removed_at: string | null;
  full_text: FullTextSetting;
  article_count?: number;
  unread_count?: number;
}

interface ArticleRow {
  id: string;
  feed_id: number;
  feed_title: string | null;
  guid: string | null;
  url: string | null;
  canonical_url: string | null;
  title: string;
  author: string | null;
  published_at: string | null;
  updated_at: string | null;
  fetched_at: string;
  language: string | null;
  summary: string | null;
  content_html?: string | null;
  text?: string;
  word_count: number;
  read: number;
  saved: number;
  saved_at: string | null;
  offline_ready: number;
  note_count: number;
  highlight_count: number;
  site_name?: string | null;
  lead_image_url?: string | null;
  page_status?: PageStatus;
  page_error?: string | null;
}

/** Offline means: the page is in (or the feed's content is the article) and every image is on disk. */
const OFFLINE_READY = `(a.page_status IN ('none', 'ok') AND a.images_status = 'ok')`;

const SUMMARY_COLUMNS = `a.id, a.feed_id, f.title AS feed_title, a.guid, a.url, a.canonical_url, a.title, a.author,
  a.published_at, a.updated_at, a.fetched_at, a.language, a.summary, a.word_count, a.read, a.saved, a.saved_at,
  ${OFFLINE_READY} AS offline_ready,
  (SELECT count(*) FROM notes n WHERE n.article_id = a.id) AS note_count,
  (SELECT count(*) FROM highlights h WHERE h.article_id = a.id) AS highlight_count`;

const TASK_COLUMNS = `a.id, a.title, a.url, a.page_status, a.page_attempts, a.word_count, a.images_status`;

interface TaskRow {
  id: string;
  title: string;
  url: string | null;
  page_status: PageStatus;
  page_attempts: number;
  word_count: number;
  images_status: 'pending' | 'ok' | 'partial';
}

const FEED_COLUMNS = `f.*, (SELECT count(*) FROM articles a WHERE a.feed_id = f.id) AS article_count,
  (SELECT count(*) FROM articles a WHERE a.feed_id = f.id AND a.read = 0) AS unread_count`;

/** What makes an item "the same article" within its feed: guid, else url, else its content. */
export function dedupeKeyOf(article: Pick<NewArticle, 'guid' | 'url'>, contentHash: string): string {
  if (article.guid) return `guid:${article.guid}`;
  if (article.url) return `url:${article.url}`;
  return `hash:${contentHash}`;
}

export function contentHashOf(article: Pick<NewArticle, 'title' | 'text' | 'contentHtml'>): string {
  return createHash('sha256')
    .update(article.title)
    .update('\u0000')
    .update(article.text)
    .update('\u0000')
    .update(article.contentHtml ?? '')
    .digest('hex')
    .slice(0, 32);
}

/** Stable across re-imports: derived from the feed URL and the dedupe key, not from row ids. */
export function articleIdOf(feedUrl: string, dedupeKey: string): string {
  return createHash('sha256').update(feedUrl).update('\u0000').update(dedupeKey).digest('base64url').slice(0, 16);
}

export function countWords(text: string): number {
  const matches = text.match(/\S+/g);
  return matches ? matches.length : 0;
}

/**
 * The library database (shared/DESIGN.md: the store is the source of truth).
 * One connection, one writer; `reader` and `writer` are the same object seen
 * through two types so that read-only code cannot write by accident.
 */
export class ArticleStore implements StoreReader, StoreWriter {
  readonly path: string;
  readonly #database: DatabaseSync;
  #statements: StatementCache | null = null;
  #searchDocuments: SearchDocumentSource | null = null;
  #highlightAnchors: HighlightAnchors | null = null;

  private constructor(path: string, database: DatabaseSync) {
    this.path = path;
    this.#database = database;
  }

  static open(path: string): ArticleStore {
    return new ArticleStore(path, openDatabase(path));
  }

  get reader(): StoreReader {
    return this;
  }

  get writer(): StoreWriter {
    return this;
  }

  /**
   * The connection, for core's other stores over the same database (topics,
   * annotations, library care): one connection, one writer. Use
   * `transaction` for work that must commit together with theirs.
   */
  get database(): DatabaseSync {
    return this.#database;
  }

  close(): void {
    if (this.#database.isOpen) this.#database.close();
  }

  schemaVersion(): number {
    return schemaVersionOf(this.#database);
  }

  integrityCheck(): string {
    const row = this.#statement('PRAGMA integrity_check').get() as { integrity_check: string } | undefined;
    return row?.integrity_check ?? 'no answer';
  }

  // ---- feeds ----

  listFeeds(): Feed[] {
    const rows = this.#statement(
      `SELECT ${FEED_COLUMNS} FROM feeds f WHERE f.removed_at IS NULL ORDER BY coalesce(f.folder, ''), f.title COLLATE NOCASE, f.id`,
    ).all() as unknown as FeedRow[];
    return rows.map(toFeed);
  }

  countFeeds(): number {
    return (this.#statement('SELECT count(*) AS n FROM feeds WHERE removed_at IS NULL').get() as { n: number }).n;
  }

  getFeed(id: number): Feed | null {
    const row = this.#statement(`SELECT ${FEED_COLUMNS} FROM feeds f WHERE f.id = ? AND f.removed_at IS NULL`).get(
      id,
    ) as FeedRow | undefined;
    return row ? toFeed(row) : null;
  }

  getFeedRecord(id: number): FeedRecord | null {
    const row = this.#statement('SELECT * FROM feeds WHERE id = ?').get(id) as FeedRow | undefined;
    return row ? toFeedRecord(row) : null;
  }

  findFeedByUrl(url: string): FeedRecord | null {
    const row = this.#statement('SELECT * FROM feeds WHERE url = ?').get(url) as FeedRow | undefined;
    return row ? toFeedRecord(row) : null;
  }

  feedsToRefresh(dueAt?: string): FeedRecord[] {
    const rows = (dueAt === undefined
      ? this.#statement(`SELECT * FROM feeds WHERE kind = 'feed' AND removed_at IS NULL ORDER BY id`).all()
      : this.#statement(
          `SELECT * FROM feeds WHERE kind = 'feed' AND removed_at IS NULL
               AND (next_fetch_at IS NULL OR next_fetch_at <= ?) ORDER BY id`,
        ).all(dueAt)) as unknown as FeedRow[];
    return rows.map(toFeedRecord);
  }

  addFeed(feed: NewFeed, now: string): FeedRecord {
    const existing = this.findFeedByUrl(feed.url);
    if (existing) {
      // Re-subscribing revives the old row, so articles kept from it join up again.
      this.#statement(
        `UPDATE feeds SET removed_at = NULL, title = ?, site_url = coalesce(?, site_url),
           description = coalesce(?, description), folder = ? WHERE id = ?`,
      ).run(feed.title, feed.siteUrl ?? null, feed.description ?? null, feed.folder ?? null, existing.id);
      return this.#requireFeedRecord(existing.id);
    }
    const result = this.#statement(
      `INSERT INTO feeds (kind, url, site_url, title, description, folder, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      feed.kind ?? 'feed',
      feed.url,
      feed.siteUrl ?? null,
      feed.title,
      feed.description ?? null,
      feed.folder ?? null,
      now,
    );
    return this.#requireFeedRecord(Number(result.lastInsertRowid));
  }

  updateFeedMetadata(
    id: number,
    metadata: { title?: string; siteUrl?: string | null; description?: string | null },
  ): void {
    this.#statement(
      `UPDATE feeds SET title = coalesce(?, title), site_url = coalesce(?, site_url), description = coalesce(?, description) WHERE id = ?`,
    ).run(metadata.title ?? null, metadata.siteUrl ?? null, metadata.description ?? null, id);
  }

  updateFeedSettings(
    id: number,
    settings: { title?: string; folder?: string | null; fullText?: FullTextSetting },
  ): void {
    this.#transaction(() => {
      if (settings.title !== undefined)
        this.#statement('UPDATE feeds SET title = ? WHERE id = ?').run(settings.title, id);
      if (settings.folder !== undefined) {
        this.#statement('UPDATE feeds SET folder = ? WHERE id = ?').run(settings.folder, id);
      }
      if (settings.fullText !== undefined) {
        this.#statement('UPDATE feeds SET full_text = ? WHERE id = ?').run(settings.fullText, id);
      }
    });
  }

  recordFetch(feedId: number, record: FetchRecord): void {
    this.#transaction(() => {
      if (record.status === 'error') {
        this.#statement(
          `UPDATE feeds SET last_fetched_at = ?, last_status = 'error', last_error = ?, last_error_code = ?,
             error_count = error_count + 1, next_fetch_at = ? WHERE id = ?`,
        ).run(record.startedAt, record.errorMessage ?? null, record.errorCode ?? null, record.nextFetchAt, feedId);
      } else {
        this.#statement(
          `UPDATE feeds SET last_fetched_at = ?, last_status = ?, last_error = NULL, last_error_code = NULL,
             error_count = 0, next_fetch_at = ?, etag = coalesce(?, etag), last_modified = coalesce(?, last_modified)
           WHERE id = ?`,
        ).run(
          record.startedAt,
          record.status,
          record.nextFetchAt,
          record.etag ?? null,
          record.lastModified ?? null,
          feedId,
        );
      }
      this.#statement(
        `INSERT INTO fetch_log (feed_id, started_at, duration_ms, status, http_status, error_code, error_message, new_count, updated_count)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        feedId,
        record.startedAt,
        Math.round(record.durationMs),
        record.status,
        record.httpStatus,
        record.errorCode ?? null,
        record.errorMessage ?? null,
        record.newCount ?? 0,
        record.updatedCount ?? 0,
      );
    });
  }

  removeFeed(id: number, now: string): { articlesDeleted: number; articlesKept: number } {
    return this.#transaction(() => {
      // Saved, noted and highlighted articles are the user's: they outlive the subscription, so the feed
      // row stays as their source.
      const disposable = `feed_id = ? AND saved = 0
        AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.article_id = articles.id)
        AND NOT EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = articles.id)`;
      this.#statement(
        `DELETE FROM article_categories WHERE article_id IN (SELECT id FROM articles WHERE ${disposable})`,
      ).run(id);
      const deleted = this.#statement(`DELETE FROM articles WHERE ${disposable}`).run(id);
      const kept = this.#statement('SELECT count(*) AS n FROM articles WHERE feed_id = ?').get(id) as { n: number };
      this.#statement('UPDATE feeds SET removed_at = ?, next_fetch_at = NULL WHERE id = ?').run(now, id);
      return { articlesDeleted: Number(deleted.changes), articlesKept: kept.n };
    });
  }

  // ---- articles ----

  upsertArticles(
    feedId: number,
    articles: readonly NewArticle[],
    fetchedAt: string,
    options: UpsertOptions = {},
  ): UpsertOutcome {
    const feed = this.#requireFeedRecord(feedId);
    const newIds: string[] = [];
    const updatedIds: string[] = [];
    const seen = new Set<string>();
    const find = this.#statement('SELECT content_hash, page_status FROM articles WHERE id = ?');
    const insert = this.#statement(
      `INSERT INTO articles (id, feed_id, dedupe_key, guid, url, canonical_url, title, author, published_at, updated_at,
         fetched_at, sort_at, language, summary, content_html, text, content_hash, word_count,
         page_status, source_html, images_status, site_name, lead_image_url)
       VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // A changed article keeps its id, read and saved state; updated_at records the change.
    const update = this.#statement(
      `UPDATE articles SET url = ?, title = ?, author = ?, published_at = coalesce(?, published_at), updated_at = ?,
         sort_at = coalesce(?, sort_at), language = ?, summary = ?, content_html = ?, text = ?, content_hash = ?, word_count = ?,
         page_status = ?, page_error = NULL, page_attempts = 0, page_retry_at = NULL, source_html = ?, images_status = ?
       WHERE id = ?`,
    );
    // The article's page is already in: keep it, and fetch the page again (it changed with the item) while
    // the feed still wants pages and the item still links to one; else the page in hand stays as it is.
    const updateKeepingPage = this.#statement(
      `UPDATE articles SET url = ?, title = ?, published_at = coalesce(?, published_at), updated_at = ?,
         sort_at = coalesce(?, sort_at), summary = coalesce(?, summary), content_hash = ?,
         page_status = CASE WHEN ? THEN 'pending' ELSE 'ok' END, page_error = NULL,
         page_attempts = CASE WHEN ? THEN 0 ELSE page_attempts END, page_retry_at = NULL
       WHERE id = ?`,
    );
    const insertCategory = this.#statement(
      'INSERT OR IGNORE INTO article_categories (article_id, category) VALUES (?, ?)',
    );
    const clearCategories = this.#statement('DELETE FROM article_categories WHERE article_id = ?');
    const clearImages = this.#statement('DELETE FROM article_images WHERE article_id = ?');
    const pageStatusOf = (article: NewArticle): PageStatus =>
      options.isPage === true ? 'ok' : options.fullText === true && article.url !== null ? 'pending' : 'none';
    this.#transaction(() => {
      for (const article of articles) {
        const hash = contentHashOf(article);
        const key = dedupeKeyOf(article, hash);
        const id = articleIdOf(feed.url, key);
        // The same item twice in one document: the first one wins.
        if (seen.has(id)) continue;
        seen.add(id);
        const existing = find.get(id) as { content_hash: string; page_status: PageStatus } | undefined;
        const sourceHtml = article.sourceHtml ?? null;
        const imagesStatus = sourceHtml === null ? 'ok' : 'pending';
        if (!existing) {
          insert.run(
            id,
            feedId,
            key,
            article.guid,
            article.url,
            article.title,
            article.author,
            article.publishedAt,
            article.updatedAt,
            fetchedAt,
            article.publishedAt ?? fetchedAt,
            article.language,
            article.summary,
            article.contentHtml,
            article.text,
            hash,
            countWords(article.text),
            pageStatusOf(article),
            sourceHtml,
            imagesStatus,
            options.siteName ?? null,
            options.leadImageUrl ?? null,
          );
          for (const category of article.categories) insertCategory.run(id, category);
          newIds.push(id);
        } else if (existing.content_hash !== hash) {
          if (existing.page_status === 'ok' && options.isPage !== true) {
            const refetch = pageStatusOf(article) === 'pending' ? 1 : 0;
            updateKeepingPage.run(
              article.url,
              article.title,
              article.publishedAt,
              article.updatedAt ?? fetchedAt,
              article.publishedAt,
              article.summary,
              hash,
              refetch,
              refetch,
              id,
            );
          } else {
            update.run(
              article.url,
              article.title,
              article.author,
              article.publishedAt,
              article.updatedAt ?? fetchedAt,
              article.publishedAt,
              article.language,
              article.summary,
              article.contentHtml,
              article.text,
              hash,
              countWords(article.text),
              pageStatusOf(article),
              sourceHtml,
              imagesStatus,
              id,
            );
            clearImages.run(id);
            this.#reanchorHighlights(id, article.text);
          }
          clearCategories.run(id);
          for (const category of article.categories) insertCategory.run(id, category);
          updatedIds.push(id);
        }
      }
    });
    return { newIds, updatedIds };
  }

  storeExtractedPage(id: string, page: ExtractedPage): void {
    this.#transaction(() => {
      this.#statement(
        `UPDATE articles SET content_html = ?, source_html = ?, text = ?, word_count = ?,
           author = coalesce(author, ?), published_at = coalesce(published_at, ?),
           sort_at = CASE WHEN published_at IS NULL AND ? IS NOT NULL THEN ? ELSE sort_at END,
           language = coalesce(language, ?), summary = coalesce(summary, ?), site_name = ?, lead_image_url = ?,
           page_status = 'ok', page_error = NULL, page_retry_at = NULL, page_attempts = page_attempts + 1,
           images_status = ?
         WHERE id = ?`,
      ).run(
        page.contentHtml,
        page.sourceHtml,
        page.text,
        countWords(page.text),
        page.author,
        page.publishedAt,
        page.publishedAt,
        page.publishedAt,
        page.language,
        page.excerpt,
        page.siteName,
        page.leadImageUrl,
        page.sourceHtml === null ? 'ok' : 'pending',
        id,
      );
      this.#statement('DELETE FROM article_images WHERE article_id = ?').run(id);
      this.#reanchorHighlights(id, page.text);
    });
  }

  recordPageFailure(id: string, failure: { reason: string; retryAt: string | null }): void {
    this.#statement(
      `UPDATE articles SET page_status = 'failed', page_error = ?, page_retry_at = ?, page_attempts = page_attempts + 1
       WHERE id = ?`,
    ).run(failure.reason, failure.retryAt, id);
  }

  acceptFeedContent(id: string): void {
    this.#statement(
      `UPDATE articles SET page_status = 'ok', page_error = NULL, page_retry_at = NULL, page_attempts = page_attempts + 1
       WHERE id = ?`,
    ).run(id);
  }

  requestPages(ids: readonly string[]): void {
    const statement = this.#statement(
      `UPDATE articles SET page_status = 'pending', page_retry_at = NULL WHERE id = ? AND url IS NOT NULL
         AND page_status != 'ok'`,
    );
    this.#transaction(() => {
      for (const id of ids) statement.run(id);
    });
  }

  setFeedPagesWanted(feedId: number, wanted: boolean): number {
    const result = wanted
      ? this.#statement(
          `UPDATE articles SET page_status = 'pending', page_retry_at = NULL
           WHERE feed_id = ? AND page_status = 'none' AND url IS NOT NULL`,
        ).run(feedId)
      : this.#statement(
          `UPDATE articles SET page_status = 'none', page_error = NULL, page_retry_at = NULL
           WHERE feed_id = ? AND page_status IN ('pending', 'failed')`,
        ).run(feedId);
    return Number(result.changes);
  }

  storeArticleImages(
    id: string,
    cached: { html: string; images: readonly CachedImage[]; failures: readonly ImageFailure[] },
    now: string,
  ): void {
    const insertImage = this.#statement(
      'INSERT OR IGNORE INTO images (hash, type, bytes, width, height, stored_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insertUse = this.#statement(
      `INSERT OR REPLACE INTO article_images (article_id, url, hash, failure_code, failure_reason) VALUES (?, ?, ?, ?, ?)`,
    );
    this.#transaction(() => {
      this.#statement('DELETE FROM article_images WHERE article_id = ?').run(id);
      for (const image of cached.images) {
        insertImage.run(image.hash, image.type, image.bytes, image.width ?? null, image.height ?? null, now);
        insertUse.run(id, image.url, image.hash, null, null);
      }
      for (const failure of cached.failures) insertUse.run(id, failure.url, null, failure.code, failure.reason);
      // Complete: the remote-image copy has done its job. Partial: kept, so a later pass can try again.
      const complete = cached.failures.length === 0;
      this.#statement(
        `UPDATE articles SET content_html = ?, images_status = ?, source_html = CASE WHEN ? THEN NULL ELSE source_html END
         WHERE id = ?`,
      ).run(cached.html, complete ? 'ok' : 'partial', complete ? 1 : 0, id);
    });
  }

  offlineTasks(selection: OfflineSelection): { total: number; tasks: OfflineTask[] } {
    const conditions: string[] = [];
    const parameters: SQLInputValue[] = [];
    if (selection.feedIds !== undefined) {
      conditions.push(`a.feed_id IN (${selection.feedIds.map(() => '?').join(', ') || 'NULL'})`);
      parameters.push(...selection.feedIds);
    }
    if (selection.articleIds !== undefined) {
      conditions.push(`a.id IN (${selection.articleIds.map(() => '?').join(', ') || 'NULL'})`);
      parameters.push(...selection.articleIds);
    }
    if (selection.saved !== undefined) conditions.push(selection.saved ? 'a.saved = 1' : 'a.saved = 0');
    if (selection.since !== undefined) {
      conditions.push('a.sort_at >= ?');
      parameters.push(new Date(selection.since).toISOString());
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const total = (
      this.#database.prepare(`SELECT count(*) AS n FROM articles a ${where}`).get(...parameters) as { n: number }
    ).n;
    const rows = this.#database
      .prepare(
        `SELECT ${TASK_COLUMNS} FROM articles a ${where ? `${where} AND` : 'WHERE'} NOT ${OFFLINE_READY}
         ORDER BY a.sort_at DESC, a.id DESC`,
      )
      .all(...parameters) as unknown as TaskRow[];
    return { total, tasks: rows.map(toTask) };
  }

  dueOfflineTasks(now: string, maxPageAttempts: number): OfflineTask[] {
    const rows = this.#statement(
      `SELECT ${TASK_COLUMNS} FROM articles a
       WHERE a.page_status = 'pending' OR a.images_status = 'pending'
          OR (a.page_status = 'failed' AND a.page_attempts < ? AND (a.page_retry_at IS NULL OR a.page_retry_at <= ?))
       ORDER BY a.sort_at DESC, a.id DESC`,
    ).all(maxPageAttempts, now) as unknown as TaskRow[];
    return rows.map(toTask);
  }

  offlineTask(id: string): OfflineTask | null {
    const row = this.#statement(`SELECT ${TASK_COLUMNS} FROM articles a WHERE a.id = ?`).get(id) as TaskRow | undefined;
    return row ? toTask(row) : null;
  }

  cachedImagesOf(id: string): Map<string, CachedImage> {
    const rows = this.#statement(
      `SELECT ai.url, i.hash, i.type, i.bytes, i.width, i.height FROM article_images ai
       JOIN images i ON i.hash = ai.hash WHERE ai.article_id = ?`,
    ).all(id) as {
      url: string;
      hash: string;
      type: CachedImage['type'];
      bytes: number;
      width: number | null;
      height: number | null;
    }[];
    return new Map(
      rows.map((row) => [
        row.url,
        {
          url: row.url,
          hash: row.hash,
          type: row.type,
          bytes: row.bytes,
          ...(row.width === null ? {} : { width: row.width }),
          ...(row.height === null ? {} : { height: row.height }),
        },
      ]),
    );
  }

  imageSource(id: string): { html: string; baseUrl: string | null } | null {
    const row = this.#statement('SELECT source_html, url FROM articles WHERE id = ?').get(id) as
      { source_html: string | null; url: string | null } | undefined;
    return row?.source_html == null ? null : { html: row.source_html, baseUrl: row.url };
  }

  countOfflineReady(ids: readonly string[]): number {
    const statement = this.#statement(`SELECT ${OFFLINE_READY} AS ready FROM articles a WHERE a.id = ?`);
    let ready = 0;
    for (const id of ids) if ((statement.get(id) as { ready: number } | undefined)?.ready === 1) ready += 1;
    return ready;
  }

  listArticles(filter: ArticleFilter): ArticlePage {
    const conditions: string[] = [];
    const parameters: SQLInputValue[] = [];
    if (filter.feedId !== undefined) {
      conditions.push('a.feed_id = ?');
      parameters.push(filter.feedId);
    }
    if (filter.topicIds !== undefined) {
      conditions.push(
        `a.id IN (SELECT article_id FROM article_topics WHERE topic_id IN (${filter.topicIds.map(() => '?').join(', ') || 'NULL'}))`,
      );
      parameters.push(...filter.topicIds);
    }
    if (filter.unread !== undefined) conditions.push(filter.unread ? 'a.read = 0' : 'a.read = 1');
    if (filter.saved !== undefined) conditions.push(filter.saved ? 'a.saved = 1' : 'a.saved = 0');
    // sort_at holds ISO instants in UTC, so text order is time order once the bounds are normalized the same way.
    if (filter.after !== undefined) {
      conditions.push('a.sort_at >= ?');
      parameters.push(new Date(filter.after).toISOString());
    }
    if (filter.before !== undefined) {
      conditions.push('a.sort_at < ?');
      parameters.push(new Date(filter.before).toISOString());
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const total = (this.#statement(`SELECT count(*) AS n FROM articles a ${where}`).get(...parameters) as { n: number })
      .n;
    const order = filter.sort === 'saved' ? 'a.saved_at DESC, a.id DESC' : 'a.sort_at DESC, a.id DESC';
    const rows = this.#statement(
      `SELECT ${SUMMARY_COLUMNS} FROM articles a JOIN feeds f ON f.id = a.feed_id ${where}
       ORDER BY ${order} LIMIT ? OFFSET ?`,
    ).all(...parameters, filter.limit, filter.offset) as unknown as ArticleRow[];
    return { items: rows.map(toSummary), total, offset: filter.offset, limit: filter.limit };
  }

  getArticleSummary(id: string): ArticleSummary | null {
    const row = this.#statement(
      `SELECT ${SUMMARY_COLUMNS} FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?`,
    ).get(id) as ArticleRow | undefined;
    return row ? toSummary(row) : null;
  }

  getArticle(id: string): Article | null {
    const row = this.#statement(
      `SELECT ${SUMMARY_COLUMNS}, a.content_html, a.text, a.site_name, a.lead_image_url, a.page_status, a.page_error
       FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?`,
    ).get(id) as ArticleRow | undefined;
    if (!row) return null;
    const categories = (
      this.#statement('SELECT category FROM article_categories WHERE article_id = ? ORDER BY category').all(id) as {
        category: string;
      }[]
    ).map((entry) => entry.category);
    const images = this.#statement(
      'SELECT url, hash, failure_reason FROM article_images WHERE article_id = ? ORDER BY url',
    ).all(id) as { url: string; hash: string | null; failure_reason: string | null }[];
    const notes = this.#statement(
      'SELECT id, article_id, text, created_at, updated_at FROM notes WHERE article_id = ? ORDER BY created_at, id',
    ).all(id) as unknown as NoteRow[];
    const highlights = this.#statement(
      `SELECT id, article_id, quote, start, end, comment, color, status, created_at, updated_at
       FROM highlights WHERE article_id = ? ORDER BY start, id`,
    ).all(id) as unknown as HighlightRow[];
    return {
      ...toSummary(row),
      guid: row.guid,
      canonicalUrl: row.canonical_url,
      language: row.language,
      contentHtml: row.content_html ?? null,
      text: row.text ?? '',
      categories,
      siteName: row.site_name ?? null,
      leadImageUrl: row.lead_image_url ?? null,
      offline: {
        page: row.page_status ?? 'none',
        pageError: row.page_error ?? null,
        imagesCached: images.filter((image) => image.hash !== null).length,
        imagesMissing: images
          .filter((image) => image.hash === null)
          .map((image) => ({ url: image.url, reason: image.failure_reason ?? 'not cached' })),
      },
      notes: notes.map(toNote),
      highlights: highlights.map(toHighlight),
    };
  }

  pendingSearchChanges(afterSeq: number, limit: number): SearchChange[] {
    const rows = this.#statement(
      'SELECT seq, article_id, deleted FROM search_pending WHERE seq > ? ORDER BY seq LIMIT ?',
    ).all(afterSeq, limit) as { seq: number; article_id: string; deleted: number }[];
    return rows.map((row) => ({ seq: row.seq, articleId: row.article_id, deleted: row.deleted === 1 }));
  }

  pendingSearchExtent(afterSeq: number): { count: number; lastSeq: number } {
    const row = this.#statement(
      'SELECT count(*) AS n, coalesce(max(seq), ?) AS last FROM search_pending WHERE seq > ?',
    ).get(afterSeq, afterSeq) as { n: number; last: number };
    return { count: row.n, lastSeq: row.last };
  }

  clearPendingSearchThrough(seq: number): void {
    this.#statement('DELETE FROM search_pending WHERE seq <= ?').run(seq);
  }

  articleIdsWhere(filter: { saved?: boolean; read?: boolean; feedIds?: readonly number[] }): Set<string> {
    const conditions: string[] = [];
    const parameters: SQLInputValue[] = [];
    if (filter.saved !== undefined) conditions.push(filter.saved ? 'saved = 1' : 'saved = 0');
    if (filter.read !== undefined) conditions.push(filter.read ? 'read = 1' : 'read = 0');
    if (filter.feedIds !== undefined) {
      conditions.push(`feed_id IN (${filter.feedIds.map(() => '?').join(', ') || 'NULL'})`);
      parameters.push(...filter.feedIds);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = this.#database.prepare(`SELECT id FROM articles ${where}`).all(...parameters) as { id: string }[];
    return new Set(rows.map((row) => row.id));
  }

  searchDocuments(): SearchDocumentSource {
    this.#searchDocuments ??= new SearchDocumentSource(this.#database);
    return this.#searchDocuments;
  }

  articleLanguages(): string[] {
    const rows = this.#statement('SELECT DISTINCT language FROM articles WHERE language IS NOT NULL').all() as {
      language: string;
    }[];
    return rows.map((row) => row.language);
  }

  getArticleText(id: string): string | null {
    const row = this.#statement('SELECT text FROM articles WHERE id = ?').get(id) as { text: string } | undefined;
    return row?.text ?? null;
  }

  countArticles(): number {
    return (this.#statement('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  }

  markRead(ids: readonly string[], read: boolean): number {
    const statement = this.#statement('UPDATE articles SET read = ? WHERE id = ? AND read != ?');
    return this.#transaction(() => {
      let changed = 0;
      for (const id of ids) changed += Number(statement.run(read ? 1 : 0, id, read ? 1 : 0).changes);
      return changed;
    });
  }

  setSaved(id: string, saved: boolean, now: string): boolean {
    const result = saved
      ? this.#statement('UPDATE articles SET saved = 1, saved_at = coalesce(saved_at, ?) WHERE id = ?').run(now, id)
      : this.#statement('UPDATE articles SET saved = 0, saved_at = NULL WHERE id = ?').run(id);
    return Number(result.changes) > 0;
  }

  // ---- plumbing ----

  #requireFeedRecord(id: number): FeedRecord {
    const record = this.getFeedRecord(id);
    if (!record) throw new Error(`ArticleStore: no feed with id ${id}`);
    return record;
  }

  /** The text changed: highlights follow their passages (or are marked lost), in the caller's transaction. */
  #reanchorHighlights(id: string, text: string): void {
    this.#highlightAnchors ??= new HighlightAnchors(this.#database);
    this.#highlightAnchors.reanchor(id, text);
  }

  #statement(sql: string): StatementSync {
    this.#statements ??= new StatementCache(this.#database);
    return this.#statements.get(sql);
  }

  /** Runs `work` in one transaction (or inside the current one): all of it commits, or none. */
  transaction<T>(work: () => T): T {
    return this.#transaction(work);
  }

  #transaction<T>(work: () => T): T {
    if (this.#database.isTransaction) return work();
    this.#database.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.#database.exec('COMMIT');
      return result;
    } catch (error) {
      this.#database.exec('ROLLBACK');
      throw error;
    }
  }
}

function toFeedRecord(row: FeedRow): FeedRecord {
  return {
    id: row.id,
    kind: row.kind,
    url: row.url,
    title: row.title,
    siteUrl: row.site_url,
    folder: row.folder,
    etag: row.etag,
    lastModified: row.last_modified,
    errorCount: row.error_count,
    nextFetchAt: row.next_fetch_at,
    removedAt: row.removed_at,
    fullText: row.full_text,
  };
}

function toFeed(row: FeedRow): Feed {
  return {
    id: row.id,
    kind: row.kind,
    url: row.url,
    siteUrl: row.site_url,
    title: row.title,
    description: row.description,
    folder: row.folder,
    lastFetchedAt: row.last_fetched_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
    errorCount: row.error_count,
    nextFetchAt: row.next_fetch_at,
    articleCount: row.article_count ?? 0,
    unreadCount: row.unread_count ?? 0,
    fullText: row.full_text,
  };
}

function toSummary(row: ArticleRow): ArticleSummary {
  return {
    id: row.id,
    feedId: row.feed_id,
    feedTitle: row.feed_title,
    url: row.url,
    title: row.title,
    author: row.author,
    publishedAt: row.published_at,
    fetchedAt: row.fetched_at,
    updatedAt: row.updated_at,
    summary: row.summary,
    wordCount: row.word_count,
    read: row.read === 1,
    saved: row.saved === 1,
    savedAt: row.saved_at,
    offlineReady: row.offline_ready === 1,
    noteCount: row.note_count,
    highlightCount: row.highlight_count,
  };
}

export interface NoteRow {
  id: number;
  article_id: string;
  text: string;
  created_at: string;
  updated_at: string;
}

export interface HighlightRow {
  id: number;
  article_id: string;
  quote: string;
  start: number;
  end: number;
  comment: string | null;
  color: HighlightColor;
  status: Highlight['status'];
  created_at: string;
  updated_at: string;
}

export function toNote(row: NoteRow): Note {
  return {
    id: row.id,
    articleId: row.article_id,
    text: row.text,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toHighlight(row: HighlightRow): Highlight {
  return {
    id: row.id,
    articleId: row.article_id,
    quote: row.quote,
    start: row.start,
    end: row.end,
    comment: row.comment,
    color: row.color,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toTask(row: TaskRow): OfflineTask {
  return {
    id: row.id,
    title: row.title,
    url: row.url,
    page: row.page_status,
    pageAttempts: row.page_attempts,
    wordCount: row.word_count,
    images: row.images_status,
  };
}
