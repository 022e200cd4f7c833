import { SEARCH_FIELDS, type SegmentReader } from '../SearchDocument.ts';
import type { CorpusStatistics, IndexedSegment } from './CorpusStatistics.ts';
import { TermMatcher } from './TermMatcher.ts';

export type Presence = 'optional' | 'required' | 'prohibited';

/** One clause as the engine runs it: fields are indexes into SEARCH_FIELDS. */
export type EngineClause =
  | {
      readonly kind: 'term';
      readonly text: string;
      readonly fields: readonly number[];
      readonly presence: Presence;
      readonly boost: number;
      /** True when `text` holds `*`: lunr skips the pipeline and expands the pattern. */
      readonly wildcard: boolean;
      readonly editDistance: number;
    }
  | {
      readonly kind: 'phrase';
      readonly text: string;
      readonly fields: readonly number[];
      readonly presence: Presence;
      readonly boost: number;
    };

/**
 * Alternatives joined by OR: a document matches if any group matches; its
 * score is the best of its groups' scores (groups expanded from parentheses
 * repeat shared clauses, which a sum would count twice).
 */
export type EngineQuery = readonly (readonly EngineClause[])[];

export interface QueryAnalyzer {
  analyzeQueryText(text: string, language?: string | null): { terms: string[]; positions: number[] };
  normalizeWildcardTerm(text: string): string;
  /**
   * Languages with their own stemmers among the indexed articles. A one-word
   * term is also looked up as each of them would stem it, so `Häuser` finds
   * a German article indexed under `haus`.
   */
  readonly languages?: readonly string[];
}

export interface QueryFilter {
  /** Epoch ms, inclusive. */
  readonly after?: number;
  /** Epoch ms, exclusive. */
  readonly before?: number;
}

export interface EngineHit {
  readonly segment: number;
  readonly document: number;
  readonly score: number;
  readonly publishedAt: number | null;
}

export interface QueryOutcome {
  readonly hits: EngineHit[];
  /** Index terms the query matched (after stemming and expansion), for highlighting. */
  readonly matchedTerms: ReadonlySet<string>;
}

const ALL_FIELDS = SEARCH_FIELDS.map((_field, index) => index);

/** A clause with its terms resolved against the vocabulary. */
interface ResolvedClause {
  readonly clause: EngineClause;
  /** For each pipeline term, the index terms it expands to (empty: the term is not indexed). */
  readonly expansions: readonly (readonly string[])[];
  /** Phrase only: the analysed terms and their relative positions. */
  readonly phrase?: { readonly terms: readonly string[]; readonly positions: readonly number[] };
}

/**
 * Runs a query over segments and scores it exactly as lunr 2.3.9's
 * Index#query would over one index holding the same documents: per field, a
 * query vector of clause boosts; a document's field scores dot(query, field
 * vector) / |query|; field scores add up. Field vectors are lunr's BM25
 * weights computed from corpus-wide statistics. On top of lunr: phrases
 * (verified against positions), OR groups and date filters.
 */
export function executeQuery(
  query: EngineQuery,
  segments: readonly IndexedSegment[],
  statistics: CorpusStatistics,
  analyzer: QueryAnalyzer,
  filter: QueryFilter = {},
): QueryOutcome {
  const vocabulary = new Vocabulary(segments);
  const matchedTerms = new Set<string>();
  const groupResults = query.map((group) => runGroup(group, segments, statistics, analyzer, vocabulary, matchedTerms));
  const hits: EngineHit[] = [];
  if (groupResults.length === 1) {
    const [only] = groupResults;
    for (const [segmentIndex, scores] of only?.entries() ?? []) {
      collectHits(segments, segmentIndex, scores, filter, hits);
    }
  } else {
    // OR: the best group score per document.
    const combined = new Map<number, Map<number, number>>();
    for (const result of groupResults) {
      for (const [segmentIndex, scores] of result) {
        let target = combined.get(segmentIndex);
        if (!target) combined.set(segmentIndex, (target = new Map<number, number>()));
        for (const [document, score] of scores)
          target.set(document, Math.max(target.get(document) ?? -Infinity, score));
      }
    }
    for (const [segmentIndex, scores] of combined) collectHits(segments, segmentIndex, scores, filter, hits);
  }
  return { hits, matchedTerms };
}

/**
 * Every live document that passes the date filter, unscored: what a query of
 * filters alone (`is:saved after:2025-01-01`) matches before the store's filters.
 */
export function everyDocument(segments: readonly IndexedSegment[], filter: QueryFilter = {}): EngineHit[] {
  const hits: EngineHit[] = [];
  segments.forEach(({ reader, deleted }, segment) => {
    for (let document = 0; document < reader.documentCount; document += 1) {
      if (deleted.has(document)) continue;
      const publishedAt = reader.publishedAt(document);
      if (withinDates(publishedAt, filter)) hits.push({ segment, document, score: 0, publishedAt });
    }
  });
  return hits;
}

function collectHits(
  segments: readonly IndexedSegment[],
  segmentIndex: number,
  scores: ReadonlyMap<number, number>,
  filter: QueryFilter,
  hits: EngineHit[],
): void {
  const reader = segments[segmentIndex]?.reader;
  if (!reader) return;
  for (const [document, score] of scores) {
    const publishedAt = reader.publishedAt(document);
    if (withinDates(publishedAt, filter)) hits.push({ segment: segmentIndex, document, score, publishedAt });
  }
}

/** A document without a date never passes a date filter. */
function withinDates(publishedAt: number | null, filter: QueryFilter): boolean {
  if (filter.after !== undefined && (publishedAt === null || publishedAt < filter.after)) return false;
  if (filter.before !== undefined && (publishedAt === null || publishedAt >= filter.before)) return false;
  return true;
}

/** One OR alternative: lunr's semantics for optional, required and prohibited clauses. */
function runGroup(
  clauses: readonly EngineClause[],
  segments: readonly IndexedSegment[],
  statistics: CorpusStatistics,
  analyzer: QueryAnalyzer,
  vocabulary: Vocabulary,
  matchedTerms: Set<string>,
): Map<number, Map<number, number>> {
  const resolved = clauses.map((clause) => resolveClause(clause, analyzer, vocabulary));
  const results = new Map<number, Map<number, number>>();

  // lunr: a required clause whose term matches nothing empties the result.
  for (const { clause, expansions } of resolved) {
    if (clause.presence === 'required' && expansions.some((terms) => terms.length === 0)) return results;
  }

  // Query vectors per field: boosts summed per term, as lunr's Vector#upsert does.
  const termWeights = ALL_FIELDS.map(() => new Map<string, number>());
  const vectorWeights = ALL_FIELDS.map(() => new Map<string, number>());
  for (const { clause, expansions } of resolved) {
    if (clause.presence === 'prohibited') continue;
    for (const terms of expansions) {
      for (const term of terms) {
        matchedTerms.add(term);
        for (const field of clause.fields) {
          const vector = vectorWeights[field];
          vector?.set(term, (vector.get(term) ?? 0) + clause.boost);
          if (clause.kind === 'term') {
            const weights = termWeights[field];
            weights?.set(term, (weights.get(term) ?? 0) + clause.boost);
          }
        }
      }
    }
  }
  const magnitudes = vectorWeights.map((vector) =>
    Math.sqrt([...vector.values()].reduce((sum, value) => sum + value * value, 0)),
  );
  const requiredCount = resolved.filter(({ clause }) => clause.presence === 'required').length;
  const negatedOnly = resolved.length > 0 && resolved.every(({ clause }) => clause.presence === 'prohibited');

  segments.forEach(({ reader, deleted }, segmentIndex) => {
    const count = reader.documentCount;
    const scores = new Float64Array(count);
    const matched = new Uint8Array(count);
    const prohibited = new Uint8Array(count);
    const required = requiredCount > 0 ? new Uint16Array(count) : null;
    const lastRequiredClause = requiredCount > 0 ? new Int32Array(count).fill(-1) : null;

    const addScore = (term: string, field: number, weight: number, only?: ReadonlySet<number>): void => {
      const magnitude = magnitudes[field] ?? 0;
      if (magnitude === 0) return;
      const idf = statistics.idf(term);
      reader.forEachPosting(term, field, (document, termFrequency) => {
        if (deleted.has(document) || (only && !only.has(document))) return;
        scores[document] =
          (scores[document] ?? 0) +
          (weight * statistics.weight(idf, termFrequency, reader.fieldLength(document, field), field)) / magnitude;
        matched[document] = 1;
      });
    };

    // Optional and required term clauses score through one pass per (term, field), as lunr's termFieldCache does.
    termWeights.forEach((weights, field) => {
      for (const [term, weight] of weights) addScore(term, field, weight);
    });

    resolved.forEach(({ clause, expansions, phrase }, clauseIndex) => {
      if (phrase) {
        const verified = verifyPhrase(reader, deleted, phrase, clause.fields);
        if (clause.presence === 'prohibited') {
          for (const documents of verified.values()) for (const document of documents) prohibited[document] = 1;
          return;
        }
        for (const [field, documents] of verified) {
          for (const term of phrase.terms) addScore(term, field, clause.boost, documents);
        }
        if (clause.presence === 'required' && required && lastRequiredClause) {
          for (const documents of verified.values()) {
            for (const document of documents) markRequired(required, lastRequiredClause, document, clauseIndex);
          }
        }
        return;
      }
      if (clause.presence === 'optional') return;
      for (const terms of expansions) {
        for (const term of terms) {
          for (const field of clause.fields) {
            reader.forEachPosting(term, field, (document) => {
              if (clause.presence === 'prohibited') prohibited[document] = 1;
              else if (required && lastRequiredClause)
                markRequired(required, lastRequiredClause, document, clauseIndex);
            });
          }
        }
      }
    });

    const segmentScores = new Map<number, number>();
    for (let document = 0; document < count; document += 1) {
      if (!negatedOnly && matched[document] !== 1) continue;
      if (deleted.has(document) || prohibited[document] === 1) continue;
      if (required && required[document] !== requiredCount) continue;
      segmentScores.set(document, scores[document] ?? 0);
    }
    if (segmentScores.size > 0) results.set(segmentIndex, segmentScores);
  });
  return results;
}

function markRequired(required: Uint16Array, lastClause: Int32Array, document: number, clauseIndex: number): void {
  // Count each required clause once per document, whichever of its fields or expansions matched.
  if (lastClause[document] === clauseIndex) return;
  lastClause[document] = clauseIndex;
  required[document] = (required[document] ?? 0) + 1;
}

/**
 * Documents (per field) where the phrase's terms stand at the same relative
 * positions as in the query. Candidates are first narrowed to documents that
 * hold every term (rarest term first), then positions are read in ascending
 * document order, which the segments' position cursors read in one pass.
 */
function verifyPhrase(
  reader: IndexedSegment['reader'],
  deleted: ReadonlySet<number>,
  phrase: { readonly terms: readonly string[]; readonly positions: readonly number[] },
  fields: readonly number[],
): Map<number, Set<number>> {
  const verified = new Map<number, Set<number>>();
  if (phrase.terms.length === 0) return verified;
  const distinct = [...new Set(phrase.terms)];
  for (const field of fields) {
    if (distinct.some((term) => reader.documentFrequency(term, field) === 0)) continue;
    const byRarity = [...distinct].sort(
      (a, b) => reader.documentFrequency(a, field) - reader.documentFrequency(b, field),
    );
    let candidates: number[] = [];
    reader.forEachPosting(byRarity[0] ?? '', field, (document) => {
      if (!deleted.has(document)) candidates.push(document);
    });
    for (const term of byRarity.slice(1)) {
      if (candidates.length === 0) break;
      const present = new Uint8Array(reader.documentCount);
      reader.forEachPosting(term, field, (document) => {
        present[document] = 1;
      });
      candidates = candidates.filter((document) => present[document] === 1);
    }
    const documents = new Set<number>();
    for (const document of candidates) {
      // Each term's positions relative to the phrase's start: term i at p means the phrase starts at p - offset(i).
      let starts = new Set<number>();
      for (let index = 0; index < phrase.terms.length; index += 1) {
        const offset = phrase.positions[index] ?? 0;
        const here = reader.positions(phrase.terms[index] ?? '', field, document).map((position) => position - offset);
        starts = index === 0 ? new Set(here) : new Set(here.filter((start) => starts.has(start)));
        if (starts.size === 0) break;
      }
      if (starts.size > 0) documents.add(document);
    }
    if (documents.size > 0) verified.set(field, documents);
  }
  return verified;
}

function resolveClause(clause: EngineClause, analyzer: QueryAnalyzer, vocabulary: Vocabulary): ResolvedClause {
  if (clause.kind === 'phrase') {
    const analysed = analyzer.analyzeQueryText(clause.text);
    const expansions = analysed.terms.map((term) => (vocabulary.has(term) ? [term] : []));
    return { clause, expansions, phrase: analysed };
  }
  if (clause.wildcard) {
    const pattern = analyzer.normalizeWildcardTerm(clause.text);
    const matcher = TermMatcher.wildcard(pattern);
    const prefix = pattern.slice(0, pattern.indexOf('*'));
    return { clause, expansions: [vocabulary.matching(prefix, (term) => matcher.matches(term))] };
  }
  const terms = analyzer.analyzeQueryText(clause.text).terms;
  if (clause.editDistance > 0) {
    return {
      clause,
      expansions: terms.map((term) => {
        const matcher = TermMatcher.fuzzy(term, clause.editDistance);
        return vocabulary.matchingLength(term.length, clause.editDistance, (candidate) => matcher.matches(candidate));
      }),
    };
  }
  if (terms.length === 1 && analyzer.languages && analyzer.languages.length > 0) {
    // One word, several languages: its stems in each are alternatives (an OR), not separate terms.
    const variants = new Set(terms);
    for (const language of analyzer.languages) {
      const stemmed = analyzer.analyzeQueryText(clause.text, language).terms;
      if (stemmed.length === 1 && stemmed[0] !== undefined) variants.add(stemmed[0]);
    }
    return { clause, expansions: [[...variants].filter((term) => vocabulary.has(term)).sort()] };
  }
  return { clause, expansions: terms.map((term) => (vocabulary.has(term) ? [term] : [])) };
}

/** A segment's terms grouped by length, for fuzzy matching; rebuilt when the segment grows (the live one). */
interface TermsByLength {
  readonly documentCount: number;
  readonly groups: ReadonlyMap<number, readonly string[]>;
}

const termsByLengthCache = new WeakMap<SegmentReader, TermsByLength>();

function termsByLength(reader: SegmentReader): ReadonlyMap<number, readonly string[]> {
  const cached = termsByLengthCache.get(reader);
  if (cached && cached.documentCount === reader.documentCount) return cached.groups;
  const groups = new Map<number, string[]>();
  for (const term of reader.terms()) {
    let group = groups.get(term.length);
    if (!group) groups.set(term.length, (group = []));
    group.push(term);
  }
  termsByLengthCache.set(reader, { documentCount: reader.documentCount, groups });
  return groups;
}

/** The union of the segments' term dictionaries, as lunr's one TokenSet would hold them. */
class Vocabulary {
  readonly #segments: readonly IndexedSegment[];

  constructor(segments: readonly IndexedSegment[]) {
    this.#segments = segments;
  }

  has(term: string): boolean {
    return this.#segments.some(({ reader }) => reader.hasTerm(term));
  }

  /** Distinct terms starting with `prefix` that satisfy `accept`, in ascending order. */
  matching(prefix: string, accept: (term: string) => boolean): string[] {
    const found = new Set<string>();
    for (const { reader } of this.#segments) {
      for (const term of prefix === '' ? reader.terms() : reader.termsWithPrefix(prefix)) {
        if (!found.has(term) && accept(term)) found.add(term);
      }
    }
    return [...found].sort();
  }

  /**
   * Distinct terms whose length is within `spread` of `length` that satisfy
   * `accept`, ascending. Fuzzy matching scans the whole vocabulary, so each
   * segment's terms are decoded once and kept grouped by length.
   */
  matchingLength(length: number, spread: number, accept: (term: string) => boolean): string[] {
    const found = new Set<string>();
    for (const { reader } of this.#segments) {
      const groups = termsByLength(reader);
      for (let candidate = Math.max(0, length - spread); candidate <= length + spread; candidate += 1) {
        for (const term of groups.get(candidate) ?? []) {
          if (!found.has(term) && accept(term)) found.add(term);
        }
      }
    }
    return [...found].sort();
  }
}

/** Ranked order: score, then newest first, then a stable tie-break. */
export function compareByRelevance(a: EngineHit, b: EngineHit): number {
  return (
    b.score - a.score ||
    (b.publishedAt ?? -Infinity) - (a.publishedAt ?? -Infinity) ||
    a.segment - b.segment ||
    a.document - b.document
  );
}

export function compareByDate(a: EngineHit, b: EngineHit): number {
  return (
    (b.publishedAt ?? -Infinity) - (a.publishedAt ?? -Infinity) ||
    b.score - a.score ||
    a.segment - b.segment ||
    a.document - b.document
  );
}
