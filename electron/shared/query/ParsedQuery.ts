/**
 * The parsed form of Offprint's query language, shared by the search box,
 * topic rules and the CLI. parseQuery produces it, the search engine in
 * electron/core/search runs it, describeQuery summarises it.
 *
 * Meaning (the engine implements exactly this):
 * - A query is a list of groups, the alternatives separated by a top-level
 *   OR. A document matches the query when it matches at least one group; its
 *   score is the BEST score among the groups it matches (not the sum: groups
 *   that came from expanding parentheses repeat the shared clauses, and a sum
 *   would count those twice).
 * - A group is a lunr clause list with lunr's semantics: a document matches
 *   when it has every required clause, none of the prohibited ones, and, if
 *   the group has no required clause, at least one optional clause. A group
 *   of prohibited clauses only matches every document without them.
 * - Filters apply to the whole query, whichever group they were written in.
 */

/** The indexed fields, named as electron/core/search names them. */
export const SEARCH_FIELD_NAMES = ['title', 'author', 'source', 'topics', 'categories', 'text', 'notes'] as const;
export type SearchFieldName = (typeof SEARCH_FIELD_NAMES)[number];

export type QueryPresence = 'optional' | 'required' | 'prohibited';

/** Where a term has wildcards. Leading and trailing `*` are not in `text`; inner ones are. */
export interface QueryWildcard {
  readonly leading: boolean;
  readonly trailing: boolean;
  readonly inner: boolean;
}

export interface QueryTermClause {
  readonly kind: 'term';
  /**
   * The word as typed, lowercased, neither stemmed nor tokenized further.
   * Leading and trailing `*` are removed (see `wildcard`); inner `*` stay, one
   * per run, and each one stands for any characters.
   */
  readonly text: string;
  /** The fields to search, or null for all of them. */
  readonly fields: readonly SearchFieldName[] | null;
  readonly presence: QueryPresence;
  /** Multiplies the clause's score; 1 unless written `^n`. */
  readonly boost: number;
  readonly wildcard: QueryWildcard;
  /** Allowed edits (0–2); 0 for an exact term. Never set together with a wildcard. */
  readonly editDistance: number;
}

export interface QueryPhraseClause {
  readonly kind: 'phrase';
  /** The words as typed, lowercased, split on whitespace and `-`; at least one. */
  readonly words: readonly string[];
  readonly fields: readonly SearchFieldName[] | null;
  readonly presence: QueryPresence;
  readonly boost: number;
}

export type QueryClause = QueryTermClause | QueryPhraseClause;

export interface QueryGroup {
  /** Never empty. */
  readonly clauses: readonly QueryClause[];
}

export interface QueryFilters {
  readonly saved?: boolean;
  readonly read?: boolean;
  /** `has:note`: only articles with a note (true) or, negated, without one (false). */
  readonly hasNote?: boolean;
  /** Epoch ms, inclusive: published at or after. */
  readonly after?: number;
  /** Epoch ms, exclusive: published strictly before. */
  readonly before?: number;
  /** The article is in any one of these feeds. */
  readonly feedIds?: readonly number[];
}

export interface ParsedQuery {
  /** The OR alternatives; empty when the query has only filters (or nothing). */
  readonly groups: readonly QueryGroup[];
  readonly filters: QueryFilters;
  /** Plain-English notes on what was not understood and what was done instead, one per problem. */
  readonly problems: readonly string[];
  /** True when there is nothing to search and nothing to filter by. */
  readonly isEmpty: boolean;
}
