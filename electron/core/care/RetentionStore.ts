import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { CLIPPED_FEED_URL } from '../offline/clipPage.ts';
import { StatementCache } from '../store/StatementCache.ts';

/** The `settings` row holding the global retention in days (a JSON number, or null to keep everything). */
export const GLOBAL_RETENTION_KEY = 'retention.globalDays';

export interface FeedRetention {
  readonly feedId: number;
  readonly title: string;
  readonly days: number | null;
  readonly effectiveDays: number | null;
}

export interface RetentionCount {
  readonly feedId: number;
  readonly title: string;
  readonly count: number;
}

/** An `images` row and its size. */
export interface ImageRow {
  readonly hash: string;
  readonly bytes: number;
}

/**
 * The articles retention would delete at `$now`. A feed's own days beat the global ones; the "Clipped"
 * source follows only its own setting (a clipped page is one the user chose to keep). Only read, unsaved
 * articles older than their cutoff that carry no note and no highlight: what the user marked is never a
 * candidate. One cutoff per feed, so the (feed_id, sort_at) index finds the old articles of each feed.
 * sort_at holds `toISOString()` instants; strftime writes the cutoff in the same form, so text order is
 * time order.
 */
const CANDIDATES = `
  WITH cutoffs AS (
    SELECT id AS feed_id, strftime('%Y-%m-%dT%H:%M:%fZ', $now, printf('-%d days', days)) AS cutoff
    FROM (SELECT id, coalesce(retention_days, CASE WHEN url = $clipped THEN NULL ELSE $global END) AS days FROM feeds)
    WHERE days IS NOT NULL
  )
  SELECT a.id, a.feed_id FROM cutoffs c JOIN articles a ON a.feed_id = c.feed_id AND a.sort_at < c.cutoff
  WHERE a.read = 1 AND a.saved = 0
    AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.article_id = a.id)
    AND NOT EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = a.id)`;

/** Images no article uses (none of its `article_images` rows names them). */
const UNUSED_IMAGES = `SELECT i.hash, i.bytes FROM images i
  WHERE NOT EXISTS (SELECT 1 FROM article_images ai WHERE ai.hash = i.hash)`;

/**
 * Retention's SQL over the library's one connection: the settings, the articles a clean-up deletes, and the
 * images nothing uses any more. The candidates go through a temporary table, so the preview and the
 * deletion read the same rule once and the image question can exclude exactly those articles.
 */
export class RetentionStore {
  readonly #database: DatabaseSync;
  #statements: StatementCache | null = null;

  constructor(database: DatabaseSync) {
    this.#database = database;
  }

  globalDays(): number | null {
    const row = this.#statement('SELECT value FROM settings WHERE key = ?').get(GLOBAL_RETENTION_KEY) as
      { value: string } | undefined;
    if (row === undefined) return null;
    const value: unknown = JSON.parse(row.value);
    return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
  }

  setGlobalDays(days: number | null): void {
    this.#statement(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(GLOBAL_RETENTION_KEY, JSON.stringify(days));
  }

  /** Returns false when there is no such feed. */
  setFeedDays(feedId: number, days: number | null): boolean {
    return this.#statement('UPDATE feeds SET retention_days = ? WHERE id = ?').run(days, feedId).changes > 0;
  }

  /** Every feed still subscribed (or holding imported or clipped articles), by title, with what applies to it. */
  feedSettings(): FeedRetention[] {
    const global = this.globalDays();
    const rows = this.#statement(
      'SELECT id, url, title, retention_days FROM feeds WHERE removed_at IS NULL ORDER BY title COLLATE NOCASE, id',
    ).all() as { id: number; url: string; title: string; retention_days: number | null }[];
    return rows.map((row) => ({
      feedId: row.id,
      title: row.title,
      days: row.retention_days,
      effectiveDays: row.retention_days ?? (row.url === CLIPPED_FEED_URL ? null : global),
    }));
  }

  /**
   * Fills `temp.retention_candidates` with what retention deletes at `now` and returns how many per feed.
   * Call inside a transaction: the rows stay until the next call, so read them in the same one.
   */
  selectCandidates(now: string): RetentionCount[] {
    this.#database.exec(
      'CREATE TEMP TABLE IF NOT EXISTS retention_candidates (id TEXT PRIMARY KEY, feed_id INTEGER NOT NULL)',
    );
    this.#statement('DELETE FROM temp.retention_candidates').run();
    this.#statement(`INSERT INTO temp.retention_candidates (id, feed_id) ${CANDIDATES}`).run({
      now,
      global: this.globalDays(),
      clipped: CLIPPED_FEED_URL,
    });
    return this.#statement(
      `SELECT c.feed_id, f.title, count(*) AS n FROM temp.retention_candidates c JOIN feeds f ON f.id = c.feed_id
       GROUP BY c.feed_id ORDER BY n DESC, f.title COLLATE NOCASE`,
    )
      .all()
      .map((row) => {
        const { feed_id, title, n } = row as { feed_id: number; title: string; n: number };
        return { feedId: feed_id, title, count: n };
      });
  }

  /** The oldest `limit` candidates' ids. */
  oldestCandidates(limit: number): string[] {
    const rows = this.#statement(
      `SELECT a.id FROM temp.retention_candidates c JOIN articles a ON a.id = c.id
       ORDER BY a.sort_at, a.id LIMIT ?`,
    ).all(limit) as { id: string }[];
    return rows.map((row) => row.id);
  }

  /** Images that no article outside the candidates uses: what deleting them leaves unused. */
  imagesUnusedWithoutCandidates(): ImageRow[] {
    return this.#statement(
      `SELECT i.hash, i.bytes FROM images i WHERE NOT EXISTS (
         SELECT 1 FROM article_images ai
         WHERE ai.hash = i.hash AND ai.article_id NOT IN (SELECT id FROM temp.retention_candidates))`,
    ).all() as unknown as ImageRow[];
  }

  /** Deletes the candidates (their categories, image uses and topic assignments go with them); returns how many. */
  deleteCandidates(): number {
    const deleted = this.#statement(
      'DELETE FROM articles WHERE id IN (SELECT id FROM temp.retention_candidates)',
    ).run();
    this.#statement('DELETE FROM temp.retention_candidates').run();
    return Number(deleted.changes);
  }

  countUnusedImages(): number {
    return (this.#statement(`SELECT count(*) AS n FROM (${UNUSED_IMAGES})`).get() as { n: number }).n;
  }

  /** Up to `limit` unused images after `afterHash`, in hash order (a cursor, so a file that cannot go is passed). */
  unusedImages(afterHash: string, limit: number): ImageRow[] {
    return this.#statement(`${UNUSED_IMAGES} AND i.hash > ? ORDER BY i.hash LIMIT ?`).all(
      afterHash,
      limit,
    ) as unknown as ImageRow[];
  }

  /** Deletes an image's row unless an article has started using it again. */
  forgetImage(hash: string): boolean {
    return (
      this.#statement(
        'DELETE FROM images WHERE hash = ? AND NOT EXISTS (SELECT 1 FROM article_images WHERE hash = ?)',
      ).run(hash, hash).changes > 0
    );
  }

  #statement(sql: string): StatementSync {
    this.#statements ??= new StatementCache(this.#database);
    return this.#statements.get(sql);
  }
}
