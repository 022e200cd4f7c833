import type { DatabaseSync } from 'node:sqlite';
import { sanitizeHtml } from '../extract/sanitizeHtml.ts';

/**
 * Numbered schema migrations. Each runs once, in order, inside a transaction,
 * and sets `PRAGMA user_version` to its number. Never edit a shipped
 * migration: add the next one (and its test in tests/unit/store/migrations).
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(database: DatabaseSync): void;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'feeds, articles, categories, fetch log',
    up(database) {
      database.exec(`
        CREATE TABLE feeds (
          id              INTEGER PRIMARY KEY,
          -- 'feed' is fetched over HTTP; 'import' holds articles imported from files.
          kind            TEXT NOT NULL DEFAULT 'feed' CHECK (kind IN ('feed', 'import')),
          url             TEXT NOT NULL UNIQUE,
          site_url        TEXT,
          title           TEXT NOT NULL,
          description     TEXT,
          folder          TEXT,
          etag            TEXT,
          last_modified   TEXT,
          last_fetched_at TEXT,
          last_status     TEXT NOT NULL DEFAULT 'new' CHECK (last_status IN ('new', 'ok', 'not-modified', 'error')),
          last_error      TEXT,
          last_error_code TEXT,
          error_count     INTEGER NOT NULL DEFAULT 0,
          next_fetch_at   TEXT,
          created_at      TEXT NOT NULL,
          -- Unsubscribing keeps the row while saved articles still point at it.
          removed_at      TEXT
        ) STRICT;

        CREATE TABLE articles (
          id            TEXT PRIMARY KEY,
          feed_id       INTEGER NOT NULL REFERENCES feeds(id),
          -- guid, else url, else content hash: what makes an item "the same" within its feed.
          dedupe_key    TEXT NOT NULL,
          guid          TEXT,
          url           TEXT,
          canonical_url TEXT,
          title         TEXT NOT NULL,
          author        TEXT,
          published_at  TEXT,
          updated_at    TEXT,
          fetched_at    TEXT NOT NULL,
          -- published_at when known, else fetched_at: the newest-first order.
          sort_at       TEXT NOT NULL,
          language      TEXT,
          summary       TEXT,
          content_html  TEXT,
          text          TEXT NOT NULL,
          content_hash  TEXT NOT NULL,
          word_count    INTEGER NOT NULL,
          read          INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
          saved         INTEGER NOT NULL DEFAULT 0 CHECK (saved IN (0, 1)),
          saved_at      TEXT
        ) STRICT;
        CREATE UNIQUE INDEX articles_by_feed_key ON articles (feed_id, dedupe_key);
        CREATE INDEX articles_by_sort ON articles (sort_at DESC, id DESC);
        CREATE INDEX articles_by_feed_sort ON articles (feed_id, sort_at DESC, id DESC);
        CREATE INDEX articles_unread ON articles (sort_at DESC, id DESC) WHERE read = 0;
        CREATE INDEX articles_saved ON articles (saved_at DESC) WHERE saved = 1;

        CREATE TABLE article_categories (
          article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
          category   TEXT NOT NULL,
          PRIMARY KEY (article_id, category)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX article_categories_by_category ON article_categories (category);

        CREATE TABLE fetch_log (
          id            INTEGER PRIMARY KEY,
          feed_id       INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
          started_at    TEXT NOT NULL,
          duration_ms   INTEGER NOT NULL,
          status        TEXT NOT NULL,
          http_status   INTEGER,
          error_code    TEXT,
          error_message TEXT,
          new_count     INTEGER NOT NULL DEFAULT 0,
          updated_count INTEGER NOT NULL DEFAULT 0
        ) STRICT;
        CREATE INDEX fetch_log_by_feed ON fetch_log (feed_id, started_at DESC);
      `);
    },
  },
  {
    version: 2,
    name: 'search queue',
    up(database) {
      // Every write path enqueues its articles for the search index in the same
      // transaction, through triggers: the index can fall behind (a crash, a
      // rebuild) but can always catch up, and nothing is ever left unindexed.
      database.exec(`
        CREATE TABLE search_pending (
          seq        INTEGER PRIMARY KEY AUTOINCREMENT,
          article_id TEXT NOT NULL UNIQUE,
          deleted    INTEGER NOT NULL CHECK (deleted IN (0, 1))
        ) STRICT;

        CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
          INSERT OR REPLACE INTO search_pending (article_id, deleted) VALUES (new.id, 0);
        END;
        -- Only columns the index holds: marking read or saving does not reindex.
        CREATE TRIGGER articles_search_update AFTER UPDATE OF title, author, text, published_at, language, feed_id ON articles BEGIN
          INSERT OR REPLACE INTO search_pending (article_id, deleted) VALUES (new.id, 0);
        END;
        CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
          INSERT OR REPLACE INTO search_pending (article_id, deleted) VALUES (old.id, 1);
        END;
        CREATE TRIGGER categories_search_insert AFTER INSERT ON article_categories BEGIN
          INSERT OR REPLACE INTO search_pending (article_id, deleted)
            SELECT new.article_id, 0 WHERE EXISTS (SELECT 1 FROM articles WHERE id = new.article_id);
        END;
        CREATE TRIGGER categories_search_delete AFTER DELETE ON article_categories BEGIN
          INSERT OR REPLACE INTO search_pending (article_id, deleted)
            SELECT old.article_id, 0 WHERE EXISTS (SELECT 1 FROM articles WHERE id = old.article_id);
        END;
      `);
    },
  },
  {
    version: 3,
    name: 'article languages index',
    up(database) {
      // Search analyses a query once per stemming language in the library; this keeps that lookup cheap.
      database.exec('CREATE INDEX articles_by_language ON articles (language) WHERE language IS NOT NULL');
    },
  },
  {
    version: 4,
    name: 'offline: full text, image cache',
    up(database) {
      database.exec(`
        -- 'auto' becomes 'on' or 'off' at the feed's first fetch, from how long its items are.
        ALTER TABLE feeds ADD COLUMN full_text TEXT NOT NULL DEFAULT 'auto' CHECK (full_text IN ('auto', 'on', 'off'));

        -- The article page: 'none' (the feed's content is the article), 'pending' (to fetch),
        -- 'ok' (extracted and stored), 'failed' (the feed's summary stays; retried at page_retry_at).
        ALTER TABLE articles ADD COLUMN page_status TEXT NOT NULL DEFAULT 'none'
          CHECK (page_status IN ('none', 'pending', 'ok', 'failed'));
        ALTER TABLE articles ADD COLUMN page_error TEXT;
        ALTER TABLE articles ADD COLUMN page_attempts INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE articles ADD COLUMN page_retry_at TEXT;
        ALTER TABLE articles ADD COLUMN site_name TEXT;
        ALTER TABLE articles ADD COLUMN lead_image_url TEXT;
        -- content_html only ever points at cached images. source_html is the same article with the
        -- page's own image URLs: the image cache's input, kept until every image is on disk.
        ALTER TABLE articles ADD COLUMN source_html TEXT;
        ALTER TABLE articles ADD COLUMN images_status TEXT NOT NULL DEFAULT 'ok'
          CHECK (images_status IN ('pending', 'ok', 'partial'));
        CREATE INDEX articles_offline_work ON articles (sort_at DESC)
          WHERE page_status IN ('pending', 'failed') OR images_status != 'ok';

        CREATE TABLE images (
          hash      TEXT PRIMARY KEY,
          type      TEXT NOT NULL,
          bytes     INTEGER NOT NULL,
          width     INTEGER,
          height    INTEGER,
          stored_at TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;

        -- One row per image URL an article uses: cached (hash) or not (failure_code, failure_reason).
        CREATE TABLE article_images (
          article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
          url            TEXT NOT NULL,
          hash           TEXT REFERENCES images(hash),
          failure_code   TEXT,
          failure_reason TEXT,
          PRIMARY KEY (article_id, url)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX article_images_by_hash ON article_images (hash) WHERE hash IS NOT NULL;
      `);
      // Articles stored before the image cache point at remote images: keep that HTML as the cache's
      // input, and show placeholders until the images are fetched.
      const rows = database
        .prepare("SELECT id, url, content_html FROM articles WHERE content_html LIKE '%<img%'")
        .all() as { id: string; url: string | null; content_html: string }[];
      const update = database.prepare(
        "UPDATE articles SET source_html = content_html, content_html = ?, images_status = 'pending' WHERE id = ?",
      );
      for (const row of rows) {
        update.run(sanitizeHtml(row.content_html, row.url, { images: 'cached-only' }), row.id);
      }
    },
  },
  {
    version: 5,
    name: 'topics, notes, highlights, retention, settings',
    up(database) {
      database.exec(`
        -- A topic is a named rule: a query in the search language, optionally limited to some feeds,
        -- plus feed categories that map onto it. Its matches are stored, so filtering is a join.
        CREATE TABLE topics (
          id          INTEGER PRIMARY KEY,
          name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
          query       TEXT NOT NULL,
          -- JSON arrays: feed ids the rule is limited to (NULL: all feeds), categories that map onto it.
          feed_ids    TEXT,
          categories  TEXT NOT NULL DEFAULT '[]',
          notify      INTEGER NOT NULL DEFAULT 0 CHECK (notify IN (0, 1)),
          created_at  TEXT NOT NULL,
          updated_at  TEXT NOT NULL,
          -- Bumped when the rule changes; assignments are current when applied_version catches up.
          rule_version    INTEGER NOT NULL DEFAULT 1,
          applied_version INTEGER NOT NULL DEFAULT 0
        ) STRICT;

        CREATE TABLE article_topics (
          topic_id   INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
          article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
          PRIMARY KEY (topic_id, article_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX article_topics_by_article ON article_topics (article_id);

        -- Markdown notes on an article, any number of them.
        CREATE TABLE notes (
          id         INTEGER PRIMARY KEY,
          article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
          text       TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX notes_by_article ON notes (article_id);

        -- A quoted passage of the article's stored text: [start, end) in UTF-16 code units, with a
        -- little context either side so it can be found again when the text changes.
        CREATE TABLE highlights (
          id         INTEGER PRIMARY KEY,
          article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
          quote      TEXT NOT NULL,
          start      INTEGER NOT NULL,
          end        INTEGER NOT NULL,
          prefix     TEXT NOT NULL DEFAULT '',
          suffix     TEXT NOT NULL DEFAULT '',
          comment    TEXT,
          color      TEXT NOT NULL DEFAULT 'yellow',
          -- 'lost': the quote is no longer in the text; kept and reported, never dropped.
          status     TEXT NOT NULL DEFAULT 'anchored' CHECK (status IN ('anchored', 'lost')),
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX highlights_by_article ON highlights (article_id);

        -- Delete read articles older than N days (NULL: the global setting; never saved, noted or highlighted ones).
        ALTER TABLE feeds ADD COLUMN retention_days INTEGER CHECK (retention_days IS NULL OR retention_days > 0);

        -- Library-wide settings as JSON values (global retention, starter topics offered, …).
        CREATE TABLE settings (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;
      `);
    },
  },
  {
    version: 6,
    name: 'notes and highlights in the search queue',
    up(database) {
      // The index holds an article's notes and highlights (its `notes` field): writing one queues the
      // article in the same transaction, as migration 2 does for the article itself. The EXISTS guard keeps
      // a cascade from an article's delete (queued as deleted) from queueing it again as changed.
      const queue = (trigger: string, event: string, row: 'new' | 'old', when = ''): string => `
        CREATE TRIGGER ${trigger} AFTER ${event} ${when === '' ? '' : `WHEN ${when}`} BEGIN
          INSERT OR REPLACE INTO search_pending (article_id, deleted)
            SELECT ${row}.article_id, 0 WHERE EXISTS (SELECT 1 FROM articles WHERE id = ${row}.article_id);
        END;`;
      database.exec(
        [
          queue('notes_search_insert', 'INSERT ON notes', 'new'),
          queue('notes_search_update', 'UPDATE OF text ON notes', 'new', 'old.text IS NOT new.text'),
          queue('notes_search_delete', 'DELETE ON notes', 'old'),
          queue('highlights_search_insert', 'INSERT ON highlights', 'new'),
          // Only when what is indexed changes: re-anchoring moves positions, and a colour is not searchable.
          queue(
            'highlights_search_update',
            'UPDATE OF quote, comment ON highlights',
            'new',
            'old.quote IS NOT new.quote OR old.comment IS NOT new.comment',
          ),
          queue('highlights_search_delete', 'DELETE ON highlights', 'old'),
        ].join('\n'),
      );
    },
  },
  {
    version: 7,
    name: 'indexes for the sidebar counts and the saved and unread lists',
    up(database) {
      // What the reader asks for on every change at 100k articles: each feed's unread count and a
      // feed's unread list (one index, covering the count), and the saved list in either order.
      // Without them SQLite walks the whole newest-first index for a handful of saved rows (LIMIT is a
      // parameter, so the planner bets on finding them early) and reads every row to test `read`.
      database.exec(`
        CREATE INDEX articles_unread_by_feed ON articles (feed_id, sort_at DESC, id DESC) WHERE read = 0;
        CREATE INDEX articles_saved_by_sort ON articles (sort_at DESC, id DESC) WHERE saved = 1;
        DROP INDEX articles_saved;
        CREATE INDEX articles_saved ON articles (saved_at DESC, id DESC) WHERE saved = 1;
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;
