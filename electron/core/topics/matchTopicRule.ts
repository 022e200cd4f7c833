import type { IndexedSegment } from '../search/engine/CorpusStatistics.ts';
import { everyDocument, executeQuery } from '../search/engine/executeQuery.ts';
import type { SearchIndex } from '../search/SearchIndex.ts';
import { bindAnalyzer } from '../search/SearchService.ts';
import type { CompiledTopicRule } from './compileTopicRule.ts';
import type { TopicStore } from './TopicStore.ts';

/** How far an evaluation has come, in indexed documents examined. */
export interface MatchProgress {
  readonly done: number;
  readonly total: number;
}

export type TopicIndex = Pick<SearchIndex, 'segments' | 'statistics' | 'analyzer' | 'languages' | 'locate'>;

/**
 * The one evaluation of a topic rule, shared by preview, re-application and
 * assignment on store (so a preview always equals the assignment that
 * follows): the query over the search index, segment by segment, then the
 * feed limit and the feed categories from the store. With `candidates`, only
 * those articles are considered, and only the segments holding them are read.
 *
 * Matching a lunr query is a per-document decision (a document matches when
 * it has the required clauses, none of the prohibited ones and, without
 * required clauses, an optional one), so running it one segment at a time
 * gives exactly the whole index's matches. A step is yielded after each
 * segment: a background caller can pause there, a synchronous one just
 * drains the steps (`matchTopicRuleNow`).
 */
export function* matchTopicRule(
  rule: CompiledTopicRule,
  index: TopicIndex,
  store: TopicStore,
  candidates?: ReadonlySet<string>,
): Generator<MatchProgress, Set<string>> {
  const segments = candidates ? segmentsHolding(index, candidates) : index.segments;
  const total = segments.reduce((sum, { reader }) => sum + reader.documentCount, 0);
  const analyzer = { ...bindAnalyzer(index.analyzer), languages: index.languages() };
  const matched = new Set<string>();
  let done = 0;
  for (const segment of segments) {
    const hits =
      rule.query.length > 0
        ? executeQuery(rule.query, [segment], index.statistics, analyzer, rule.dates).hits
        : rule.everyArticle
          ? everyDocument([segment], rule.dates)
          : [];
    for (const hit of hits) {
      const id = segment.reader.documentId(hit.document);
      if (!candidates || candidates.has(id)) matched.add(id);
    }
    done += segment.reader.documentCount;
    yield { done, total };
  }
  const inFeeds = rule.feedIds === null ? matched : store.inFeeds(matched, rule.feedIds);
  const scope = { ...rule.dates, feedIds: rule.feedIds };
  for (const id of store.inCategories(rule.categories, scope, candidates)) inFeeds.add(id);
  return inFeeds;
}

/** matchTopicRule run to the end at once. */
export function matchTopicRuleNow(
  rule: CompiledTopicRule,
  index: TopicIndex,
  store: TopicStore,
  candidates?: ReadonlySet<string>,
): Set<string> {
  const steps = matchTopicRule(rule, index, store, candidates);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/** The segments where the current versions of `candidates` are indexed. */
function segmentsHolding(index: TopicIndex, candidates: ReadonlySet<string>): IndexedSegment[] {
  const readers = new Set<IndexedSegment['reader']>();
  for (const id of candidates) {
    const location = index.locate(id);
    if (location) readers.add(location.segment);
  }
  return index.segments.filter((segment) => readers.has(segment.reader));
}
