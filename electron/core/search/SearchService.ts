import type { ParsedRequestOf } from '../../shared/contract.ts';
import { OffprintError } from '../../shared/errors.ts';
import type { ArticleSummary, RelatedArticles, SearchHit, SearchResults } from '../../shared/model.ts';
import { parseQuery } from '../../shared/query/parseQuery.ts';
import type { ParsedQuery, QueryClause } from '../../shared/query/ParsedQuery.ts';
import { AnnotationStore } from '../annotations/AnnotationStore.ts';
import type { ArticleStore } from '../store/ArticleStore.ts';
import { buildSnippet, highlightRanges, type TermsOfWord } from './buildSnippet.ts';
import { SEARCH_FIELDS } from './SearchDocument.ts';
import {
  compareByDate,
  compareByRelevance,
  everyDocument,
  executeQuery,
  type EngineClause,
  type EngineHit,
  type EngineQuery,
} from './engine/executeQuery.ts';
import { selectTop } from './engine/selectTop.ts';
import type { SearchIndex } from './SearchIndex.ts';

const ALL_FIELDS = SEARCH_FIELDS.map((_field, index) => index);
const TITLE = SEARCH_FIELDS.indexOf('title');
const TEXT = SEARCH_FIELDS.indexOf('text');
const RELATED_TERMS = 20;
const SAME_STORY_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;
const SAME_STORY_RATIO = 0.45;
/**
 * Hits read from the library (a summary each) for one related-articles answer. Hits come best first, so
 * past the related list only same-story candidates (score ≥ SAME_STORY_RATIO) are worth reading; in a
 * library full of near-copies even those are many, and the best of them are enough.
 */
const RELATED_CANDIDATES = 200;
/** A feed id no feed has: filters that cannot both hold match nothing. */
const NO_FEED = -1;

/** The articles assigned to any of these topics (the stored assignment, see core/topics). */
export type TopicMembers = (topicIds: readonly number[]) => ReadonlySet<string>;

/** The engine's clause for a parsed one: field names become field numbers, wildcards become lunr patterns. */
export function toEngineClause(clause: QueryClause): EngineClause {
  const named = clause.fields ? [...clause.fields] : null;
  // Feed categories are the topics a feed assigns itself: `topic:` searches them too.
  if (named?.includes('topics') && !named.includes('categories')) named.push('categories');
  const fields = named ? named.map((field) => SEARCH_FIELDS.indexOf(field)) : ALL_FIELDS;
  if (clause.kind === 'phrase') {
    return { kind: 'phrase', text: clause.words.join(' '), fields, presence: clause.presence, boost: clause.boost };
  }
  const { leading, trailing, inner } = clause.wildcard;
  const text = `${leading ? '*' : ''}${clause.text}${trailing ? '*' : ''}`;
  return {
    kind: 'term',
    text,
    fields,
    presence: clause.presence,
    boost: clause.boost,
    wildcard: leading || trailing || inner,
    editDistance: clause.editDistance,
  };
}

export function toEngineQuery(parsed: ParsedQuery): EngineQuery {
  return parsed.groups.map((group) => group.clauses.map(toEngineClause));
}

/**
 * Search over the index, answered with articles from the store: the query
 * language, filters that live in the store (saved, read, feed), ranking or
 * date order, paging, snippets and highlights; and related articles.
 */
export class SearchService {
  readonly #index: SearchIndex;
  readonly #store: ArticleStore;
  readonly #clock: () => Date;
  readonly #topicMembers: TopicMembers | null;
  #annotations: AnnotationStore | null = null;

  constructor(index: SearchIndex, store: ArticleStore, clock: () => Date, topicMembers?: TopicMembers) {
    this.#index = index;
    this.#store = store;
    this.#clock = clock;
    this.#topicMembers = topicMembers ?? null;
  }

  query(request: ParsedRequestOf<'search:query'>): SearchResults {
    const started = performance.now();
    const parsed = parseQuery(request.query, { now: this.#clock() });
    const problems = [...parsed.problems];
    const filters = parsed.filters;
    // The request's feed (the list the user is in) and the query's feed: filters both hold.
    const queryFeeds = filters.feedIds ?? [];
    const feedIds =
      request.feedId === undefined
        ? [...queryFeeds]
        : queryFeeds.length === 0 || queryFeeds.includes(request.feedId)
          ? [request.feedId]
          : [NO_FEED];
    const saved = request.saved ?? filters.saved;
    const read = request.unread !== undefined ? !request.unread : filters.read;
    const allowed =
      saved !== undefined || read !== undefined || feedIds.length > 0
        ? this.#store.reader.articleIdsWhere({
            ...(saved !== undefined ? { saved } : {}),
            ...(read !== undefined ? { read } : {}),
            ...(feedIds.length > 0 ? { feedIds } : {}),
          })
        : null;
    const inTopics = request.topicIds === undefined ? null : this.#membersOf(request.topicIds);
    // The request's dates (the list's range) and the query's after:/before: both hold.
    const after = latest(filters.after, request.after === undefined ? undefined : Date.parse(request.after));
    const before = earliest(filters.before, request.before === undefined ? undefined : Date.parse(request.before));
    const dateFilter = {
      ...(after !== undefined ? { after } : {}),
      ...(before !== undefined ? { before } : {}),
    };
    const segments = this.#index.segments;
    let hits: EngineHit[];
    let matchedTerms: ReadonlySet<string> = new Set();
    if (parsed.groups.length > 0) {
      const analyzer = { ...bindAnalyzer(this.#index.analyzer), languages: this.#index.languages() };
      const outcome = executeQuery(toEngineQuery(parsed), segments, this.#index.statistics, analyzer, dateFilter);
      hits = outcome.hits;
      matchedTerms = outcome.matchedTerms;
    } else if (parsed.isEmpty) {
      hits = [];
    } else {
      // Filters only: every indexed article that passes them, newest first.
      hits = everyDocument(segments, dateFilter);
    }
    if (allowed || inTopics) {
      hits = hits.filter((hit) => {
        const id = segments[hit.segment]?.reader.documentId(hit.document) ?? '';
        return (allowed?.has(id) ?? true) && (inTopics?.has(id) ?? true);
      });
    }
    if (filters.hasNote !== undefined) {
      // has:note (-has:note): articles with (without) a note, as the store says now.
      this.#annotations ??= new AnnotationStore(this.#store);
      const noted = this.#annotations.notedArticleIds();
      const wanted = filters.hasNote;
      hits = hits.filter((hit) => noted.has(segments[hit.segment]?.reader.documentId(hit.document) ?? '') === wanted);
    }
    const order = request.sort === 'date' || parsed.groups.length === 0 ? compareByDate : compareByRelevance;
    const page = selectTop(hits, request.offset + request.limit, order).slice(request.offset);

    const termsOf: TermsOfWord = (word) => this.#index.analyzer.analyzeQueryText(word).terms;
    const items: SearchHit[] = [];
    let missing = 0;
    for (const hit of page) {
      const id = segments[hit.segment]?.reader.documentId(hit.document) ?? '';
      const article = this.#store.reader.getArticleSummary(id);
      // Deleted in the store a moment ago, not yet in the index: never show it.
      if (!article) {
        missing += 1;
        continue;
      }
      const text = this.#store.reader.getArticleText(id) ?? '';
      items.push({
        article,
        score: hit.score,
        snippet: buildSnippet(text || (article.summary ?? ''), matchedTerms, termsOf),
        titleHighlights: highlightRanges(article.title, matchedTerms, termsOf),
      });
    }
    return {
      items,
      total: hits.length - missing,
      offset: request.offset,
      limit: request.limit,
      problems,
      tookMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  #membersOf(topicIds: readonly number[]): ReadonlySet<string> {
    if (!this.#topicMembers) throw new Error('SearchService: topic filters need the topic assignment (topicMembers)');
    return this.#topicMembers(topicIds);
  }

  related(id: string, limit: number): RelatedArticles {
    const source = this.#store.reader.searchDocuments().document(id);
    const self = this.#store.reader.getArticleSummary(id);
    if (!source || !self) throw new OffprintError('not-found', `search:related: no article with id ${id}`);
    const analysed = this.#index.analyzer.analyzeDocument(source);
    const statistics = this.#index.statistics;
    // More like this: the article's own terms weighted by tf × idf.
    const frequencies = new Map<string, number>();
    for (const term of [
      ...analysed.fields.title.terms,
      ...analysed.fields.title.terms,
      ...analysed.fields.text.terms,
    ]) {
      frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
    }
    const weighted = [...frequencies]
      .map(([term, frequency]) => ({ term, weight: frequency * statistics.idf(term) }))
      .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
      .slice(0, RELATED_TERMS);
    if (weighted.length === 0) return { related: [], sameStory: [] };
    const top = weighted[0]?.weight ?? 1;
    const clauses: EngineClause[] = weighted.map(({ term, weight }) => ({
      kind: 'term',
      text: term,
      fields: [TITLE, TEXT],
      presence: 'optional',
      boost: Math.max(0.1, weight / top),
      wildcard: false,
      editDistance: 0,
    }));
    const segments = this.#index.segments;
    const matched = executeQuery([clauses], segments, statistics, identityAnalyzer(this.#index.analyzer)).hits;
    // Only the best are ever read (the article itself among them, as a rule): no need to order them all.
    const hits = selectTop(matched, RELATED_CANDIDATES + 1, compareByRelevance);
    const isSelf = (hit: EngineHit): boolean => segments[hit.segment]?.reader.documentId(hit.document) === id;
    const selfHit = hits.find(isSelf) ?? matched.find(isSelf);
    const selfScore = selfHit?.score ?? hits[0]?.score ?? 1;
    const related: { article: ArticleSummary; score: number }[] = [];
    const sameStory: { article: ArticleSummary; score: number }[] = [];
    const selfTime = Date.parse(self.publishedAt ?? self.fetchedAt);
    for (const hit of hits) {
      if (related.length >= limit && sameStory.length >= limit) break;
      const score = hit.score / selfScore;
      // The related list is full and no later hit scores enough to be the same story.
      if (related.length >= limit && score < SAME_STORY_RATIO) break;
      const hitId = segments[hit.segment]?.reader.documentId(hit.document);
      if (!hitId || hitId === id) continue;
      const article = this.#store.reader.getArticleSummary(hitId);
      if (!article) continue;
      const time = Date.parse(article.publishedAt ?? article.fetchedAt);
      const sameStoryCandidate =
        article.feedId !== self.feedId &&
        Math.abs(time - selfTime) <= SAME_STORY_WINDOW_MS &&
        score >= SAME_STORY_RATIO;
      const target = sameStoryCandidate ? sameStory : related;
      if (target.length < limit) target.push({ article, score: Math.round(score * 1000) / 1000 });
    }
    return { related, sameStory };
  }
}

function latest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

/** The analyzer's methods as plain functions, so they can be spread into a QueryAnalyzer. */
export function bindAnalyzer(analyzer: SearchIndex['analyzer']): Parameters<typeof executeQuery>[3] {
  return {
    analyzeQueryText: (text, language) => analyzer.analyzeQueryText(text, language),
    normalizeWildcardTerm: (text) => analyzer.normalizeWildcardTerm(text),
  };
}

/** Related-article terms are already index terms: they must not be analysed again. */
function identityAnalyzer(analyzer: SearchIndex['analyzer']): Parameters<typeof executeQuery>[3] {
  return {
    analyzeQueryText: (text) => ({ terms: [text], positions: [0] }),
    normalizeWildcardTerm: (text) => analyzer.normalizeWildcardTerm(text),
  };
}
