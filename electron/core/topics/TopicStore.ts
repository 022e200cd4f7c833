import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { Topic, TopicCounts } from '../../shared/model.ts';
import type { ArticleStore } from '../store/ArticleStore.ts';
import { StatementCache } from '../store/StatementCache.ts';

/** A topic row as stored (migration 5), with its rule versions. */
export interface TopicRecord extends Omit<Topic, 'counts' | 'applying'> {
  /** Bumped whenever the rule (query, feeds, categories) changes. */
  readonly ruleVersion: number;
  /** The rule version the stored assignment was computed with; behind ruleVersion while re-applying. */
  readonly appliedVersion: number;
}

/** What a topic is made of: its rule, name and notification (also what an export carries). */
export type NewTopic = Pick<Topic, 'name' | 'query' | 'feedIds' | 'categories' | 'notify'>;

export type TopicChanges = Partial<NewTopic>;

/** Which stored articles fall within a rule's date range and feeds. */
export interface ArticleScope {
  /** Epoch ms, inclusive. */
  readonly after?: number;
  /** Epoch ms, exclusive. */
  readonly before?: number;
  /** null: every feed. */
  readonly feedIds: ReadonlySet<number> | null;
}

interface TopicRow {
  id: number;
  name: string;
  query: string;
  feed_ids: string | null;
  categories: string;
  notify: number;
  created_at: string;
  updated_at: string;
  rule_version: number;
  applied_version: number;
}

const NO_COUNTS: TopicCounts = { total: 0, unread: 0, saved: 0 };

/**
 * The topics tables (migration 5) over the library's one connection: topic
 * rows, the stored assignment `article_topics`, and the few article queries
 * topic rules need. Large id sets travel as one JSON array (`json_each`), so
 * a statement never grows with the library.
 */
export class TopicStore {
  readonly #articles: ArticleStore;
  readonly #database: DatabaseSync;
  #statements: StatementCache | null = null;

  constructor(articles: ArticleStore) {
    this.#articles = articles;
    this.#database = articles.database;
  }

  /** Runs `work` in one transaction with the library's other writes. */
  transaction<T>(work: () => T): T {
    return this.#articles.transaction(work);
  }

  list(): TopicRecord[] {
    const rows = this.#statement(
      'SELECT * FROM topics ORDER BY name COLLATE NOCASE, id',
    ).all() as unknown as TopicRow[];
    return rows.map(toRecord);
  }

  get(id: number): TopicRecord | null {
    const row = this.#statement('SELECT * FROM topics WHERE id = ?').get(id) as TopicRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** The topic with this name, ignoring case (names are unique that way). */
  findByName(name: string): TopicRecord | null {
    const row = this.#statement('SELECT * FROM topics WHERE name = ? COLLATE NOCASE').get(name) as TopicRow | undefined;
    return row ? toRecord(row) : null;
  }

  hasTopics(): boolean {
    return this.#statement('SELECT EXISTS (SELECT 1 FROM topics) AS found').get()?.['found'] === 1;
  }

  create(topic: NewTopic, now: string): TopicRecord {
    const result = this.#statement(
      `INSERT INTO topics (name, query, feed_ids, categories, notify, created_at, updated_at, rule_version, applied_version)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, 0)`,
    ).run(...columnsOf(topic), now, now);
    return this.#require(Number(result.lastInsertRowid));
  }

  /** Changes the given fields; a changed rule gets the next rule version (its assignment is then stale). */
  update(id: number, changes: TopicChanges, now: string, ruleChanged: boolean): TopicRecord {
    const current = this.#require(id);
    this.#statement(
      `UPDATE topics SET name = ?, query = ?, feed_ids = ?, categories = ?, notify = ?, updated_at = ?,
         rule_version = rule_version + ? WHERE id = ?`,
    ).run(...columnsOf({ ...current, ...changes }), now, ruleChanged ? 1 : 0, id);
    return this.#require(id);
  }

  /** Deletes the topic and its assignment (the articles stay). */
  delete(id: number): boolean {
    return Number(this.#statement('DELETE FROM topics WHERE id = ?').run(id).changes) > 0;
  }

  /**
   * Marks every topic's assignment stale (the search index was rebuilt and
   * took in articles without naming them): each is applied again.
   */
  markAllStale(): void {
    this.#statement(
      'UPDATE topics SET applied_version = min(applied_version, rule_version - 1) WHERE applied_version >= rule_version',
    ).run();
  }

  /** Counts of every topic from the stored assignment, in one grouped query. */
  counts(): Map<number, TopicCounts> {
    const rows = this.#statement(
      `SELECT x.topic_id AS id, count(*) AS total, sum(a.read = 0) AS unread, sum(a.saved = 1) AS saved
       FROM article_topics x JOIN articles a ON a.id = x.article_id GROUP BY x.topic_id`,
    ).all() as { id: number; total: number; unread: number; saved: number }[];
    return new Map(rows.map((row) => [row.id, { total: row.total, unread: row.unread, saved: row.saved }]));
  }

  countsOf(id: number): TopicCounts {
    const row = this.#statement(
      `SELECT count(*) AS total, coalesce(sum(a.read = 0), 0) AS unread, coalesce(sum(a.saved = 1), 0) AS saved
       FROM article_topics x JOIN articles a ON a.id = x.article_id WHERE x.topic_id = ?`,
    ).get(id) as { total: number; unread: number; saved: number } | undefined;
    return row ? { total: row.total, unread: row.unread, saved: row.saved } : NO_COUNTS;
  }

  /** Articles assigned to any of these topics. */
  articleIdsIn(topicIds: readonly number[]): Set<string> {
    const rows = this.#statement(
      'SELECT DISTINCT article_id FROM article_topics WHERE topic_id IN (SELECT value FROM json_each(?))',
    ).all(JSON.stringify(topicIds)) as { article_id: string }[];
    return new Set(rows.map((row) => row.article_id));
  }

  /** The topics an article is assigned to, by id. */
  topicIdsOf(articleId: string): number[] {
    const rows = this.#statement('SELECT topic_id FROM article_topics WHERE article_id = ? ORDER BY topic_id').all(
      articleId,
    ) as { topic_id: number }[];
    return rows.map((row) => row.topic_id);
  }

  /** The ids among `topicIds` that name no topic. */
  missingTopics(topicIds: readonly number[]): number[] {
    const known = new Set(
      (
        this.#statement('SELECT id FROM topics WHERE id IN (SELECT value FROM json_each(?))').all(
          JSON.stringify(topicIds),
        ) as { id: number }[]
      ).map((row) => row.id),
    );
    return topicIds.filter((id) => !known.has(id));
  }

  /**
   * Replaces a topic's whole assignment with `articleIds` (those still
   * stored) and records the rule version it was computed with — unless the
   * rule changed meanwhile, in which case nothing is written and it returns
   * false (the newer rule's application will write instead).
   */
  replaceAssignment(topicId: number, ruleVersion: number, articleIds: readonly string[]): boolean {
    return this.transaction(() => {
      const current = this.#statement('SELECT rule_version FROM topics WHERE id = ?').get(topicId) as
        { rule_version: number } | undefined;
      if (current?.rule_version !== ruleVersion) return false;
      this.#statement('DELETE FROM article_topics WHERE topic_id = ?').run(topicId);
      this.#statement(
        `INSERT INTO article_topics (topic_id, article_id)
         SELECT ?, a.id FROM json_each(?) j JOIN articles a ON a.id = j.value`,
      ).run(topicId, JSON.stringify(articleIds));
      this.#statement('UPDATE topics SET applied_version = ? WHERE id = ?').run(ruleVersion, topicId);
      return true;
    });
  }

  /**
   * Brings a topic's assignment up to date for some articles only (new or
   * changed ones): of `candidates`, those in `matched` join the topic, the
   * others leave it. Returns the articles that joined (were not in it before).
   */
  assignCandidates(topicId: number, candidates: readonly string[], matched: ReadonlySet<string>): string[] {
    return this.transaction(() => {
      const before = new Set(
        (
          this.#statement(
            `SELECT x.article_id FROM json_each(?) j
             JOIN article_topics x ON x.topic_id = ? AND x.article_id = j.value`,
          ).all(JSON.stringify(candidates), topicId) as { article_id: string }[]
        ).map((row) => row.article_id),
      );
      const leaving = [...before].filter((id) => !matched.has(id));
      const joining = [...matched].filter((id) => !before.has(id));
      if (leaving.length > 0) {
        this.#statement(
          'DELETE FROM article_topics WHERE topic_id = ? AND article_id IN (SELECT value FROM json_each(?))',
        ).run(topicId, JSON.stringify(leaving));
      }
      if (joining.length === 0) return [];
      const joined = (
        this.#statement(
          `INSERT INTO article_topics (topic_id, article_id)
           SELECT ?, a.id FROM json_each(?) j JOIN articles a ON a.id = j.value RETURNING article_id`,
        ).all(topicId, JSON.stringify(joining)) as { article_id: string }[]
      ).map((row) => row.article_id);
      return joined;
    });
  }

  /** Of `articleIds`, those stored in one of `feedIds`. */
  inFeeds(articleIds: Iterable<string>, feedIds: ReadonlySet<number>): Set<string> {
    const rows = this.#statement(
      `SELECT a.id FROM json_each(?) j JOIN articles a ON a.id = j.value
       WHERE a.feed_id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify([...articleIds]), JSON.stringify([...feedIds])) as { id: string }[];
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Articles filed under any of `categories` by their feed (ignoring case),
   * within the scope; only among `candidates` when given.
   */
  inCategories(categories: readonly string[], scope: ArticleScope, candidates?: Iterable<string>): Set<string> {
    if (categories.length === 0) return new Set();
    const conditions = ['lower(c.category) IN (SELECT lower(value) FROM json_each(?))'];
    const parameters: SQLInputValue[] = [JSON.stringify(categories)];
    if (candidates !== undefined) {
      conditions.push('c.article_id IN (SELECT value FROM json_each(?))');
      parameters.push(JSON.stringify([...candidates]));
    }
    if (scope.feedIds !== null) {
      conditions.push('a.feed_id IN (SELECT value FROM json_each(?))');
      parameters.push(JSON.stringify([...scope.feedIds]));
    }
    // sort_at holds UTC ISO instants: text order is time order, as the index's dates are read from it.
    if (scope.after !== undefined) {
      conditions.push('a.sort_at >= ?');
      parameters.push(new Date(scope.after).toISOString());
    }
    if (scope.before !== undefined) {
      conditions.push('a.sort_at < ?');
      parameters.push(new Date(scope.before).toISOString());
    }
    const rows = this.#database
      .prepare(
        `SELECT DISTINCT a.id FROM article_categories c JOIN articles a ON a.id = c.article_id
         WHERE ${conditions.join(' AND ')}`,
      )
      .all(...parameters) as { id: string }[];
    return new Set(rows.map((row) => row.id));
  }

  /** The newest `limit` of `articleIds` (published, else fetched). */
  newestOf(articleIds: Iterable<string>, limit: number): string[] {
    const rows = this.#statement(
      `SELECT a.id FROM json_each(?) j JOIN articles a ON a.id = j.value ORDER BY a.sort_at DESC, a.id DESC LIMIT ?`,
    ).all(JSON.stringify([...articleIds]), limit) as { id: string }[];
    return rows.map((row) => row.id);
  }

  /** Feed categories by how many articles carry them, most first (case variants counted together). */
  categoryCounts(limit: number): { category: string; count: number }[] {
    return this.#statement(
      `SELECT min(category) AS category, count(*) AS count FROM article_categories
       GROUP BY lower(category) ORDER BY count DESC, lower(category) LIMIT ?`,
    ).all(limit) as { category: string; count: number }[];
  }

  /** Titles of the newest `limit` articles. */
  recentTitles(limit: number): string[] {
    const rows = this.#statement('SELECT title FROM articles ORDER BY sort_at DESC, id DESC LIMIT ?').all(limit) as {
      title: string;
    }[];
    return rows.map((row) => row.title);
  }

  /** Of `feedIds`, those that name a subscribed (not removed) feed. */
  existingFeeds(feedIds: readonly number[]): Set<number> {
    const rows = this.#statement(
      'SELECT id FROM feeds WHERE removed_at IS NULL AND id IN (SELECT value FROM json_each(?))',
    ).all(JSON.stringify(feedIds)) as { id: number }[];
    return new Set(rows.map((row) => row.id));
  }

  #require(id: number): TopicRecord {
    const topic = this.get(id);
    if (!topic) throw new Error(`TopicStore: no topic with id ${id}`);
    return topic;
  }

  #statement(sql: string): StatementSync {
    this.#statements ??= new StatementCache(this.#database);
    return this.#statements.get(sql);
  }
}

/** name, query, feed_ids, categories, notify: as the topics table stores them. */
function columnsOf(topic: NewTopic): [string, string, string | null, string, number] {
  return [
    topic.name,
    topic.query,
    topic.feedIds === null ? null : JSON.stringify(topic.feedIds),
    JSON.stringify(topic.categories),
    topic.notify ? 1 : 0,
  ];
}

function toRecord(row: TopicRow): TopicRecord {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    feedIds: row.feed_ids === null ? null : (JSON.parse(row.feed_ids) as number[]),
    categories: JSON.parse(row.categories) as string[],
    notify: row.notify === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ruleVersion: row.rule_version,
    appliedVersion: row.applied_version,
  };
}
