/**
 * The shapes every part of the search engine agrees on. An article becomes a
 * SearchDocument (plain strings per field), the Analyzer turns it into an
 * AnalyzedDocument (terms with positions per field), segments store those as
 * postings, and the query engine scores them with lunr's formula.
 */

/**
 * Indexed fields, in a fixed order: a field's index in this list is its number in segment files, so a new
 * field goes at the end and SEARCH_SCHEMA_VERSION is bumped (existing indexes are rebuilt). `notes` holds
 * the user's notes and highlights (quote and comment) on the article.
 */
export const SEARCH_FIELDS = ['title', 'author', 'source', 'topics', 'categories', 'text', 'notes'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** lunr field boosts, applied to the field's term weights as lunr's Builder does. */
export const FIELD_BOOSTS: Readonly<Record<SearchField, number>> = {
  title: 10,
  author: 2,
  source: 2,
  topics: 3,
  categories: 3,
  text: 1,
  // The user's own words about the article: a match there says as much as one in its topics.
  notes: 3,
};

export interface SearchDocument {
  /** The article id (the store's primary key). */
  readonly id: string;
  /** Epoch milliseconds of publication (or fetch), for date filters and newest-first ties; null when unknown. */
  readonly publishedAt: number | null;
  /** BCP 47 language of the article when known (`en`, `de`, `zh-CN`); picks the stemmer. */
  readonly language: string | null;
  readonly fields: Readonly<Record<SearchField, string>>;
}

export interface AnalyzedField {
  /** Terms after the pipeline (trim, stop words, stemming), in text order. */
  readonly terms: readonly string[];
  /**
   * Token index in the field of each term (same length as `terms`), counted
   * BEFORE stop-word removal, so "export of gallium" gives export@0,
   * gallium@2 and phrase checks can see the gap.
   */
  readonly positions: readonly number[];
}

export interface AnalyzedDocument {
  readonly id: string;
  readonly publishedAt: number | null;
  readonly fields: Readonly<Record<SearchField, AnalyzedField>>;
}

/**
 * Read access to one segment (a sealed, immutable one loaded from disk, or
 * the live in-memory one). Documents are numbered 0..documentCount-1 inside
 * the segment; deletions are tracked outside (tombstones) by the index.
 * `field` is an index into SEARCH_FIELDS.
 */
export interface SegmentReader {
  readonly documentCount: number;
  documentId(document: number): string;
  /** Epoch ms, or null. */
  publishedAt(document: number): number | null;
  /** lunr's field length: the number of terms after the pipeline. */
  fieldLength(document: number, field: number): number;
  /** Sum of fieldLength over all documents in the segment. */
  totalFieldLength(field: number): number;
  hasTerm(term: string): boolean;
  /** Number of documents in this segment whose `field` contains `term`. */
  documentFrequency(term: string, field: number): number;
  /** Every term in ascending code-unit order (as `Array.prototype.sort()` orders strings). */
  terms(): Iterable<string>;
  /** Terms starting with `prefix`, ascending. */
  termsWithPrefix(prefix: string): Iterable<string>;
  /** Calls `visit` for each document whose `field` contains `term`, in ascending document order. */
  forEachPosting(term: string, field: number, visit: (document: number, termFrequency: number) => void): void;
  /** Positions of `term` in `field` of `document` (ascending), or an empty array. */
  positions(term: string, field: number, document: number): readonly number[];
}
