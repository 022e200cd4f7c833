import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from '../../../electron/core/store/migrations.ts';
import { openDatabase, schemaVersionOf, StoreError } from '../../../electron/core/store/openDatabase.ts';

const directories: string[] = [];
function tempFile(name = 'library.sqlite'): string {
  const directory = mkdtempSync(join(tmpdir(), 'offprint-migrations-'));
  directories.push(directory);
  return join(directory, name);
}
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function tableNames(database: DatabaseSync): string[] {
  return (
    database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
  ).map((row) => row.name);
}

describe('migration 1: feeds, articles, categories, fetch log', () => {
  it('creates every table on an empty file and records schema version 1', () => {
    const database = openDatabase(tempFile(), migrations.slice(0, 1));
    expect(schemaVersionOf(database)).toBe(1);
    expect(tableNames(database)).toEqual(['article_categories', 'articles', 'feeds', 'fetch_log']);
    const journal = database.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
    expect(journal.journal_mode).toBe('wal');
    const foreignKeys = database.prepare('PRAGMA foreign_keys').get() as { foreign_keys: number };
    expect(foreignKeys.foreign_keys).toBe(1);
    database.close();
  });

  it('enforces one article per feed and dedupe key', () => {
    const database = openDatabase(tempFile(), migrations.slice(0, 1));
    database
      .prepare("INSERT INTO feeds (url, title, created_at) VALUES ('https://a.test/feed', 'A', '2026-01-01')")
      .run();
    const insert = database.prepare(
      `INSERT INTO articles (id, feed_id, dedupe_key, title, fetched_at, sort_at, text, content_hash, word_count)
       VALUES (?, 1, 'guid:1', 't', '2026-01-01', '2026-01-01', '', 'h', 0)`,
    );
    insert.run('first');
    expect(() => insert.run('second')).toThrow(/UNIQUE/);
    database.close();
  });
});

describe('migration 2: search queue', () => {
  it('queues inserted, edited and deleted articles for the index, but not read or saved changes', () => {
    const database = openDatabase(tempFile(), migrations.slice(0, 2));
    expect(schemaVersionOf(database)).toBe(2);
    const pending = () =>
      database.prepare('SELECT article_id, deleted FROM search_pending ORDER BY seq').all() as {
        article_id: string;
        deleted: number;
      }[];
    database
      .prepare("INSERT INTO feeds (url, title, created_at) VALUES ('https://a.test/feed', 'A', '2026-01-01')")
      .run();
    database
      .prepare(
        `INSERT INTO articles (id, feed_id, dedupe_key, title, fetched_at, sort_at, text, content_hash, word_count)
         VALUES ('a1', 1, 'guid:1', 't', '2026-01-01', '2026-01-01', 'body', 'h', 1)`,
      )
      .run();
    expect(pending()).toEqual([{ article_id: 'a1', deleted: 0 }]);
    database.exec('DELETE FROM search_pending');
    database.exec("UPDATE articles SET read = 1, saved = 1, saved_at = '2026-01-02' WHERE id = 'a1'");
    expect(pending()).toEqual([]);
    database.exec("UPDATE articles SET text = 'new body' WHERE id = 'a1'");
    expect(pending()).toEqual([{ article_id: 'a1', deleted: 0 }]);
    database.exec("INSERT INTO article_categories (article_id, category) VALUES ('a1', 'metals')");
    expect(pending()).toEqual([{ article_id: 'a1', deleted: 0 }]);
    database.exec("DELETE FROM articles WHERE id = 'a1'");
    expect(pending()).toEqual([{ article_id: 'a1', deleted: 1 }]);
    database.close();
  });
});

describe('migration 3: article languages index', () => {
  it('answers the distinct languages from the index, not a table scan', () => {
    const database = openDatabase(tempFile(), migrations.slice(0, 3));
    expect(schemaVersionOf(database)).toBe(3);
    const plan = database
      .prepare('EXPLAIN QUERY PLAN SELECT DISTINCT language FROM articles WHERE language IS NOT NULL')
      .all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toMatch(/USING (COVERING )?INDEX articles_by_language/);
    database.close();
  });
});

describe('migration 4: offline full text and image cache', () => {
  const REMOTE_HTML = '<p>Quota raised.</p><img src="https://wire.test/chart.png" alt="Quota chart">';
  const PLAIN_HTML = '<p>No pictures here.</p>';

  /** A version-3 library with one feed and two articles, as Offprint stored them before the image cache. */
  function versionThreeLibrary(): string {
    const path = tempFile();
    const database = openDatabase(path, migrations.slice(0, 3));
    database
      .prepare("INSERT INTO feeds (url, title, created_at) VALUES ('https://wire.test/feed', 'Wire', '2026-01-01')")
      .run();
    const insert = database.prepare(
      `INSERT INTO articles (id, feed_id, dedupe_key, url, title, fetched_at, sort_at, content_html, text, content_hash, word_count)
       VALUES (?, 1, ?, ?, ?, '2026-01-01', '2026-01-01', ?, ?, 'h', 2)`,
    );
    insert.run('pictured', 'guid:1', 'https://wire.test/quota', 'Quota', REMOTE_HTML, 'Quota raised.');
    insert.run('plain', 'guid:2', 'https://wire.test/plain', 'Plain', PLAIN_HTML, 'No pictures here.');
    // The index holds both: nothing is waiting for it when the upgrade runs.
    database.exec('DELETE FROM search_pending');
    database.close();
    return path;
  }

  interface OfflineColumns {
    content_html: string;
    source_html: string | null;
    images_status: string;
    page_status: string;
  }
  const offlineColumns = (database: DatabaseSync, id: string): OfflineColumns | undefined =>
    database
      .prepare('SELECT content_html, source_html, images_status, page_status FROM articles WHERE id = ?')
      .get(id) as OfflineColumns | undefined;

  it('keeps the remote HTML of stored articles with images as the cache input and shows placeholders', () => {
    const database = openDatabase(versionThreeLibrary(), migrations.slice(0, 4));
    expect(schemaVersionOf(database)).toBe(4);
    const pictured = offlineColumns(database, 'pictured');
    expect(pictured?.source_html).toBe(REMOTE_HTML);
    expect(pictured?.images_status).toBe('pending');
    expect(pictured?.page_status).toBe('none');
    // Nothing the reader shows points at the network any more: the image waits for the cache.
    expect(pictured?.content_html).toBe(
      '<p>Quota raised.</p><img alt="Quota chart" data-offprint-missing="not-cached" />',
    );
    database.close();
  });

  it('leaves articles without images as they were, and queues nothing for the search index', () => {
    const database = openDatabase(versionThreeLibrary(), migrations.slice(0, 4));
    expect(offlineColumns(database, 'plain')).toEqual({
      content_html: PLAIN_HTML,
      source_html: null,
      images_status: 'ok',
      page_status: 'none',
    });
    // The text did not change: rewriting the HTML must not reindex the library.
    expect(database.prepare('SELECT count(*) AS n FROM search_pending').get()).toEqual({ n: 0 });
    database.close();
  });

  it("gives existing feeds full text 'auto' and creates the image tables", () => {
    const database = openDatabase(versionThreeLibrary(), migrations.slice(0, 4));
    expect(database.prepare('SELECT full_text FROM feeds').all()).toEqual([{ full_text: 'auto' }]);
    expect(tableNames(database)).toEqual(expect.arrayContaining(['images', 'article_images']));
    expect(() => {
      database.exec("UPDATE feeds SET full_text = 'sometimes'");
    }).toThrow(/CHECK/);
    database.close();
  });
});

describe('migration 6: notes and highlights in the search queue', () => {
  it('queues an article when its notes or indexed highlight fields change, and not for colour or position', () => {
    const database = openDatabase(tempFile(), migrations.slice(0, 6));
    expect(schemaVersionOf(database)).toBe(6);
    const pending = () =>
      database.prepare('SELECT article_id, deleted FROM search_pending ORDER BY seq').all() as {
        article_id: string;
        deleted: number;
      }[];
    const expectQueued = (sql: string, expected: { article_id: string; deleted: number }[]) => {
      database.exec('DELETE FROM search_pending');
      database.exec(sql);
      expect(pending(), sql).toEqual(expected);
    };
    database
      .prepare("INSERT INTO feeds (url, title, created_at) VALUES ('https://a.test/feed', 'A', '2026-01-01')")
      .run();
    database.exec(
      `INSERT INTO articles (id, feed_id, dedupe_key, title, fetched_at, sort_at, text, content_hash, word_count)
       VALUES ('a1', 1, 'guid:1', 't', '2026-01-01', '2026-01-01', 'gallium supply is tight', 'h', 4)`,
    );
    const changed = [{ article_id: 'a1', deleted: 0 }];
    expectQueued(
      "INSERT INTO notes (article_id, text, created_at, updated_at) VALUES ('a1', 'ask', 'x', 'x')",
      changed,
    );
    expectQueued("UPDATE notes SET text = 'ask again'", changed);
    expectQueued("UPDATE notes SET text = 'ask again', updated_at = 'y'", []);
    expectQueued(
      `INSERT INTO highlights (article_id, quote, start, end, created_at, updated_at)
       VALUES ('a1', 'supply', 8, 14, 'x', 'x')`,
      changed,
    );
    expectQueued("UPDATE highlights SET color = 'green', start = 9, end = 15, status = 'lost'", []);
    expectQueued("UPDATE highlights SET comment = 'why?'", changed);
    expectQueued("UPDATE highlights SET comment = 'why?', color = 'blue'", []);
    expectQueued("UPDATE highlights SET quote = 'supply is'", changed);
    expectQueued('DELETE FROM highlights', changed);
    expectQueued('DELETE FROM notes', changed);
    // An article's delete takes its notes and highlights along; it stays queued as deleted.
    database.exec(`
      INSERT INTO notes (article_id, text, created_at, updated_at) VALUES ('a1', 'ask', 'x', 'x');
      INSERT INTO highlights (article_id, quote, start, end, created_at, updated_at) VALUES ('a1', 'tight', 18, 23, 'x', 'x');
    `);
    expectQueued("DELETE FROM articles WHERE id = 'a1'", [{ article_id: 'a1', deleted: 1 }]);
    expect(
      database.prepare('SELECT (SELECT count(*) FROM notes) + (SELECT count(*) FROM highlights) AS n').get(),
    ).toEqual({
      n: 0,
    });
    database.close();
  });
});

describe('migration 7: indexes for the sidebar counts and the saved and unread lists', () => {
  /** The planner's steps for a statement, parameters bound as the store binds them. */
  function planOf(database: DatabaseSync, sql: string, ...parameters: (number | string)[]): string {
    const steps = database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[];
    return steps.map((step) => step.detail).join(' | ');
  }

  it("reads the saved list and each feed's unread count from their own indexes, not every article", () => {
    const database = openDatabase(tempFile(), migrations.slice(0, 7));
    expect(schemaVersionOf(database)).toBe(7);
    // The shapes ArticleStore uses: LIMIT is a parameter, so without a saved-only index in sort order the
    // planner walks the newest-first index of every article looking for saved ones.
    const savedNewest = planOf(
      database,
      `SELECT a.id FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.saved = 1
       ORDER BY a.sort_at DESC, a.id DESC LIMIT ? OFFSET ?`,
      1,
      0,
    );
    expect(savedNewest).toContain('articles_saved_by_sort');
    expect(savedNewest).not.toContain('TEMP B-TREE');
    const savedBySaving = planOf(
      database,
      `SELECT a.id FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.saved = 1
       ORDER BY a.saved_at DESC, a.id DESC LIMIT ? OFFSET ?`,
      1,
      0,
    );
    expect(savedBySaving).toContain('articles_saved');
    expect(savedBySaving).not.toContain('TEMP B-TREE');
    const unreadCount = planOf(database, 'SELECT count(*) FROM articles a WHERE a.feed_id = ? AND a.read = 0', 1);
    expect(unreadCount).toContain('COVERING INDEX articles_unread_by_feed');
    const feedUnreadList = planOf(
      database,
      `SELECT a.id FROM articles a WHERE a.feed_id = ? AND a.read = 0 ORDER BY a.sort_at DESC, a.id DESC LIMIT ?`,
      1,
      100,
    );
    expect(feedUnreadList).toContain('articles_unread_by_feed');
    expect(feedUnreadList).not.toContain('TEMP B-TREE');
    database.close();
  });
});

describe('openDatabase', () => {
  it('is idempotent: reopening a current database changes nothing', () => {
    const path = tempFile();
    openDatabase(path).close();
    const database = openDatabase(path);
    expect(schemaVersionOf(database)).toBe(LATEST_SCHEMA_VERSION);
    database.close();
  });

  it('refuses a database from a newer Offprint and leaves the file untouched', () => {
    const path = tempFile();
    const raw = new DatabaseSync(path);
    raw.exec('CREATE TABLE future (x); PRAGMA user_version = 99;');
    raw.close();
    const before = readFileSync(path);
    let caught: unknown;
    try {
      openDatabase(path);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StoreError);
    expect((caught as StoreError).code).toBe('newer-schema');
    expect((caught as StoreError).message).toMatch(/schema version 99, newer than this Offprint understands \(\d+\)/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database with a clear error', () => {
    const path = tempFile();
    writeFileSync(path, 'this is not sqlite '.repeat(500));
    expect(() => openDatabase(path)).toThrow(/is not a readable SQLite database/);
  });

  it('rolls a failing migration back completely, keeping the previous version', () => {
    const path = tempFile();
    openDatabase(path).close();
    const broken: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'half-done',
      up(database) {
        database.exec('CREATE TABLE half_done (x)');
        throw new Error('disk on fire');
      },
    };
    expect(() => openDatabase(path, [...migrations, broken])).toThrow(
      /migration \d+ \(half-done\) failed: disk on fire/,
    );
    const database = openDatabase(path);
    expect(schemaVersionOf(database)).toBe(LATEST_SCHEMA_VERSION);
    expect(tableNames(database)).not.toContain('half_done');
    database.close();
  });
});
