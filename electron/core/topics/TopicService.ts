import type { ParsedRequestOf } from '../../shared/contract.ts';
import type { EventSink } from '../../shared/dispatch.ts';
import { OffprintError } from '../../shared/errors.ts';
import type {
  ArticleSummary,
  Topic,
  TopicCounts,
  TopicImportReport,
  TopicPreview,
  TopicSuggestion,
} from '../../shared/model.ts';
import type { IndexApplied, SearchIndex } from '../search/SearchIndex.ts';
import type { ArticleStore } from '../store/ArticleStore.ts';
import { compileTopicRule } from './compileTopicRule.ts';
import { exportTopics, type TopicExportFormat } from './exportTopics.ts';
import { matchTopicRule, matchTopicRuleNow } from './matchTopicRule.ts';
import { readTopicExport } from './readTopicExport.ts';
import { suggestTopics } from './suggestTopics.ts';
import type { NewTopic, TopicRecord, TopicStore } from './TopicStore.ts';

export interface TopicServiceOptions {
  readonly topics: TopicStore;
  readonly articles: ArticleStore;
  readonly events: EventSink;
  readonly clock: () => Date;
  /** Opens the search index on first use; the library then hands it to `attach`. */
  readonly openIndex: () => SearchIndex;
}

/** One background application of a topic's rule; a newer one for the same topic cancels it. */
interface ApplyJob {
  readonly topicId: number;
  readonly ruleVersion: number;
  cancelled: boolean;
  done: Promise<void>;
}

const NO_COUNTS: TopicCounts = { total: 0, unread: 0, saved: 0 };

/**
 * Topics (shared/DESIGN.md, topics/): named rules whose matches are stored in
 * `article_topics`, so a topic list is a join at any library size.
 *
 * - On store: the search index calls back (`onDidApply`) inside the step that
 *   made new or changed articles searchable; every rule is evaluated for just
 *   those articles and their assignment written, and topics that notify push
 *   `topics:progress` `matched` for articles that joined them.
 * - On a rule change: the rule version goes up and the rule is applied to the
 *   whole library in the background as one step of the index's work queue
 *   (so no catch-up interleaves), with `applying` progress; the assignment is
 *   replaced in one transaction at the end, unless a newer change superseded it.
 * - Preview, re-application and assignment on store share one evaluation
 *   (`matchTopicRule`), so a preview is what the assignment becomes.
 */
export class TopicService {
  readonly #topics: TopicStore;
  readonly #articles: ArticleStore;
  readonly #events: EventSink;
  readonly #clock: () => Date;
  readonly #openIndex: () => SearchIndex;
  readonly #jobs = new Map<number, ApplyJob>();
  #index: SearchIndex | null = null;
  #closed = false;

  constructor(options: TopicServiceOptions) {
    this.#topics = options.topics;
    this.#articles = options.articles;
    this.#events = options.events;
    this.#clock = options.clock;
    this.#openIndex = options.openIndex;
  }

  /** Starts assigning topics as the index takes in articles, and resumes unfinished applications. Returns the disposer. */
  attach(index: SearchIndex): () => void {
    this.#index = index;
    const stop = index.onDidApply((applied) => {
      this.#onDidApply(index, applied);
    });
    this.#resumeStale();
    return stop;
  }

  /** True when articles wait for the search index and topics wait for them: the index should open and catch up. */
  needsIndex(): boolean {
    return this.#topics.hasTopics() && this.#articles.reader.pendingSearchExtent(0).count > 0;
  }

  /** Resolves once every stored article is assigned and no rule is being applied. */
  async whenCurrent(): Promise<void> {
    if (!this.#topics.hasTopics()) return;
    await this.#searchIndex().catchUp();
    this.#resumeStale();
    while (this.#jobs.size > 0) await Promise.all([...this.#jobs.values()].map((job) => job.done));
  }

  /** Stops background applications (an unfinished one is resumed when the library opens again). */
  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#jobs.values()) job.cancelled = true;
    await Promise.all([...this.#jobs.values()].map((job) => job.done));
  }

  // ---- calls ----

  list(): Topic[] {
    const counts = this.#topics.counts();
    return this.#topics.list().map((record) => toTopic(record, counts.get(record.id) ?? NO_COUNTS));
  }

  /** Throws not-found naming the first id that is no topic. */
  requireTopics(call: string, topicIds: readonly number[]): void {
    const [missing] = this.#topics.missingTopics(topicIds);
    if (missing !== undefined) throw new OffprintError('not-found', `${call}: no topic with id ${missing}`);
  }

  /** The articles assigned to any of the topics (search's topic filter). */
  articleIdsIn(topicIds: readonly number[]): ReadonlySet<string> {
    return this.#topics.articleIdsIn(topicIds);
  }

  /** The topics an article is filed under (exports write their names as tags). */
  topicIdsOf(articleId: string): number[] {
    return this.#topics.topicIdsOf(articleId);
  }

  create(request: ParsedRequestOf<'topics:create'>): Topic {
    const call = 'topics:create';
    this.#requireFreeName(call, request.name, null);
    const rule = this.#checkRule(call, {
      query: request.query,
      feedIds: request.feedIds ?? null,
      categories: request.categories ?? [],
    });
    const record = this.#insert(call, { ...rule, name: request.name, notify: request.notify ?? false });
    this.#schedule(record.id, record.ruleVersion);
    return toTopic(record, NO_COUNTS);
  }

  update(request: ParsedRequestOf<'topics:update'>): Topic {
    const call = 'topics:update';
    const current = this.#topics.get(request.id);
    if (!current) throw new OffprintError('not-found', `${call}: no topic with id ${request.id}`);
    if (request.name !== undefined) this.#requireFreeName(call, request.name, current.id);
    const feedIds = request.feedIds === undefined ? current.feedIds : normalizeFeedIds(request.feedIds);
    const categories = request.categories === undefined ? current.categories : normalizeCategories(request.categories);
    const query = request.query ?? current.query;
    const ruleChanged =
      query !== current.query ||
      !sameList(feedIds ?? [], current.feedIds ?? []) ||
      !sameList(categories, current.categories);
    // Only a changed rule is checked again: a feed removed since must not stop a rename.
    const rule = ruleChanged ? this.#checkRule(call, { query, feedIds, categories }) : null;
    const record = this.#topics.update(
      current.id,
      {
        ...(request.name === undefined ? {} : { name: request.name }),
        ...(request.notify === undefined ? {} : { notify: request.notify }),
        ...(rule ?? {}),
      },
      this.#clock().toISOString(),
      ruleChanged,
    );
    if (ruleChanged) this.#schedule(record.id, record.ruleVersion);
    return toTopic(record, this.#topics.countsOf(record.id));
  }

  delete(id: number): { deleted: boolean } {
    const job = this.#jobs.get(id);
    if (job) job.cancelled = true;
    if (!this.#topics.delete(id)) throw new OffprintError('not-found', `topics:delete: no topic with id ${id}`);
    return { deleted: true };
  }

  async preview(request: ParsedRequestOf<'topics:preview'>): Promise<TopicPreview> {
    const started = performance.now();
    const index = this.#searchIndex();
    await index.catchUp();
    const feedIds = normalizeFeedIds(request.feedIds ?? null);
    const existing = feedIds === null ? null : this.#topics.existingFeeds(feedIds);
    const unknown = feedIds?.filter((id) => !existing?.has(id)) ?? [];
    const compiled = compileTopicRule(
      {
        query: request.query,
        feedIds: feedIds?.filter((id) => existing?.has(id) ?? true) ?? null,
        categories: normalizeCategories(request.categories ?? []),
      },
      this.#clock(),
    );
    const matched = matchTopicRuleNow(compiled, index, this.#topics);
    const sample = this.#topics
      .newestOf(matched, request.limit)
      .map((id) => this.#articles.reader.getArticleSummary(id))
      .filter((summary): summary is ArticleSummary => summary !== null);
    return {
      total: matched.size,
      sample,
      problems: [...unknown.map((id) => `There is no feed with id ${id} — left out.`), ...compiled.problems],
      tookMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  async suggest(limit: number): Promise<TopicSuggestion[]> {
    const index = this.#searchIndex();
    await index.catchUp();
    return suggestTopics({ store: this.#topics, index, existing: this.#topics.list(), now: this.#clock() }, limit);
  }

  export(format: TopicExportFormat): { content: string; count: number } {
    const topics = this.#topics.list();
    return { content: exportTopics(topics, format, this.#clock()), count: topics.length };
  }

  import(content: string): TopicImportReport {
    const call = 'topics:import';
    const read = readTopicExport(content);
    const added: Topic[] = [];
    const duplicates: string[] = [];
    const problems = [...read.problems];
    const namesInFile = new Set<string>();
    for (const entry of read.entries) {
      const key = entry.name.toLowerCase();
      if (namesInFile.has(key) || this.#topics.findByName(entry.name)) {
        duplicates.push(entry.name);
        continue;
      }
      namesInFile.add(key);
      const compiled = compileTopicRule(entry, this.#clock());
      if (compiled.problems.length > 0) {
        problems.push(`"${entry.name}": ${compiled.problems.join(' ')} Not imported.`);
        continue;
      }
      let feedIds = normalizeFeedIds(entry.feedIds);
      if (feedIds !== null) {
        const existing = this.#topics.existingFeeds(feedIds);
        const missing = feedIds.filter((id) => !existing.has(id));
        if (missing.length > 0) {
          feedIds = feedIds.filter((id) => existing.has(id));
          const wider = feedIds.length === 0 ? '; it now covers every feed' : '';
          problems.push(
            `"${entry.name}": ${missing.length === 1 ? 'feed' : 'feeds'} ${missing.join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist here — dropped${wider}.`,
          );
        }
      }
      const record = this.#insert(call, {
        name: entry.name,
        query: entry.query,
        feedIds: feedIds === null || feedIds.length === 0 ? null : feedIds,
        categories: normalizeCategories(entry.categories),
        notify: entry.notify,
      });
      this.#schedule(record.id, record.ruleVersion);
      added.push(toTopic(record, NO_COUNTS));
    }
    return { added, duplicates, problems };
  }

  // ---- assignment ----

  #onDidApply(index: SearchIndex, applied: IndexApplied): void {
    if (applied.kind === 'rebuilt') {
      // The rebuild took in articles without naming them: every topic is applied again.
      this.#topics.markAllStale();
      for (const topic of this.#topics.list()) this.#schedule(topic.id, topic.ruleVersion);
      return;
    }
    const topics = this.#topics.list();
    if (topics.length === 0) return;
    const candidates = new Set(applied.ids);
    const now = this.#clock();
    // Evaluate first, then write everything in one transaction (the write lock is held only to write).
    const matches = topics.map((topic) => ({
      topic,
      matched: matchTopicRuleNow(compileTopicRule(topic, now), index, this.#topics, candidates),
    }));
    const joined = this.#topics.transaction(() =>
      matches.map(({ topic, matched }) => ({
        topic,
        articleIds: this.#topics.assignCandidates(topic.id, applied.ids, matched),
      })),
    );
    for (const { topic, articleIds } of joined) {
      if (topic.notify && articleIds.length > 0) {
        this.#events.emit('topics:progress', {
          kind: 'matched',
          topicId: topic.id,
          topicName: topic.name,
          articleIds,
        });
      }
    }
  }

  #resumeStale(): void {
    for (const topic of this.#topics.list()) {
      if (topic.appliedVersion < topic.ruleVersion && this.#jobs.get(topic.id)?.ruleVersion !== topic.ruleVersion) {
        this.#schedule(topic.id, topic.ruleVersion);
      }
    }
  }

  #schedule(topicId: number, ruleVersion: number): void {
    if (this.#closed) return;
    const previous = this.#jobs.get(topicId);
    if (previous) previous.cancelled = true;
    const job: ApplyJob = { topicId, ruleVersion, cancelled: false, done: Promise.resolve() };
    this.#jobs.set(topicId, job);
    job.done = this.#apply(job)
      .catch((error: unknown) => {
        if (!this.#closed) console.error(`TopicService: cannot apply topic ${topicId}:`, error);
      })
      .finally(() => {
        if (this.#jobs.get(topicId) === job) this.#jobs.delete(topicId);
      });
  }

  async #apply(job: ApplyJob): Promise<void> {
    // Let the call that scheduled this return first: applying never blocks it.
    await Promise.resolve();
    const index = this.#searchIndex();
    await index.afterCatchingUp(async () => {
      const topic = this.#topics.get(job.topicId);
      if (this.#stopped(job) || !topic || topic.ruleVersion !== job.ruleVersion) return;
      const steps = matchTopicRule(compileTopicRule(topic, this.#clock()), index, this.#topics);
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done === true) {
          if (this.#topics.replaceAssignment(topic.id, job.ruleVersion, [...step.value])) {
            this.#events.emit('topics:progress', {
              kind: 'applied',
              topicId: topic.id,
              counts: this.#topics.countsOf(topic.id),
            });
          }
          return;
        }
        this.#events.emit('topics:progress', { kind: 'applying', topicId: topic.id, ...step.value });
        // Between segments: other calls get the main thread, and a newer rule can stop this one.
        await new Promise((resolve) => setImmediate(resolve));
        if (this.#stopped(job)) return;
      }
    });
  }

  /** A newer rule, the topic's deletion or closing the library stops an application between segments. */
  #stopped(job: ApplyJob): boolean {
    return job.cancelled || this.#closed;
  }

  // ---- checks ----

  #searchIndex(): SearchIndex {
    return this.#index ?? this.#openIndex();
  }

  #requireFreeName(call: string, name: string, self: number | null): void {
    const holder = this.#topics.findByName(name);
    if (holder && holder.id !== self) {
      throw new OffprintError(
        'conflict',
        `${call}: a topic named "${holder.name}" already exists (topic ${holder.id})`,
      );
    }
  }

  /** The rule as it will be stored, or why it cannot be. */
  #checkRule(
    call: string,
    rule: { query: string; feedIds: readonly number[] | null; categories: readonly string[] },
  ): Pick<NewTopic, 'query' | 'feedIds' | 'categories'> {
    const compiled = compileTopicRule(rule, this.#clock());
    if (compiled.problems.length > 0) {
      throw new OffprintError(
        'bad-request',
        `${call}: the query ${JSON.stringify(rule.query)} cannot be a topic rule as written: ${compiled.problems.join(' ')}`,
      );
    }
    const feedIds = normalizeFeedIds(rule.feedIds);
    if (feedIds !== null) {
      const existing = this.#topics.existingFeeds(feedIds);
      const missing = feedIds.find((id) => !existing.has(id));
      if (missing !== undefined) throw new OffprintError('not-found', `${call}: no feed with id ${missing}`);
    }
    return { query: rule.query, feedIds, categories: normalizeCategories(rule.categories) };
  }

  #insert(call: string, topic: NewTopic): TopicRecord {
    try {
      return this.#topics.create(topic, this.#clock().toISOString());
    } catch (error) {
      // Another process took the name between the check and the insert.
      if (/UNIQUE constraint failed: topics\.name/.test((error as Error).message)) {
        throw new OffprintError('conflict', `${call}: a topic named "${topic.name}" already exists`, { cause: error });
      }
      throw error;
    }
  }
}

/** Ascending, without repeats; an empty list is no limit (null). */
function normalizeFeedIds(feedIds: readonly number[] | null): number[] | null {
  if (feedIds === null || feedIds.length === 0) return null;
  return [...new Set(feedIds)].sort((a, b) => a - b);
}

/** Trimmed, without empty ones or repeats that differ only in case; first spelling kept. */
function normalizeCategories(categories: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const category of categories) {
    const trimmed = category.trim();
    const key = trimmed.toLowerCase();
    if (trimmed === '' || seen.has(key)) continue;
    seen.add(key);
    kept.push(trimmed);
  }
  return kept;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((value, position) => value === b[position]);
}

function toTopic(record: TopicRecord, counts: TopicCounts): Topic {
  return {
    id: record.id,
    name: record.name,
    query: record.query,
    feedIds: record.feedIds,
    categories: record.categories,
    notify: record.notify,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    counts,
    applying: record.appliedVersion < record.ruleVersion,
  };
}
