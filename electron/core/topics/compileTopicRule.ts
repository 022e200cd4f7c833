import type { TopicRule } from '../../shared/model.ts';
import { parseQuery } from '../../shared/query/parseQuery.ts';
import type { EngineQuery, QueryFilter } from '../search/engine/executeQuery.ts';
import { toEngineQuery } from '../search/SearchService.ts';

/** A topic rule ready to run: the query for the engine, and what limits it. */
export interface CompiledTopicRule {
  /** The query's OR alternatives; empty when the query is filters only or says nothing. */
  readonly query: EngineQuery;
  /** The query is filters only (`feed:3`, `after:2025-01`): every article within them matches. */
  readonly everyArticle: boolean;
  /** The query's own after:/before: (they limit the whole topic, categories included). */
  readonly dates: QueryFilter;
  /** The topic's feeds and the query's feed: together; null: every feed. */
  readonly feedIds: ReadonlySet<number> | null;
  /** Feed categories that put an article in the topic (compared ignoring case). */
  readonly categories: readonly string[];
  /** Parts of the rule not understood as written or not applicable to topics, in plain words. */
  readonly problems: readonly string[];
}

/**
 * Reads a topic rule. The query language is the search box's, with one
 * difference: a topic holds an article whatever its reading state, so the
 * state filters (is:saved, is:unread, is:read, has:note) do not apply and are
 * reported. Relative dates (`date:7d`) count back from `now`, the moment the
 * rule is applied.
 */
export function compileTopicRule(rule: TopicRule, now: Date): CompiledTopicRule {
  const parsed = parseQuery(rule.query, { now });
  const problems = [...parsed.problems];
  const { filters } = parsed;
  const stateFilters = [
    filters.saved === undefined ? null : filters.saved ? 'is:saved' : '-is:saved',
    filters.read === undefined ? null : filters.read ? 'is:read' : 'is:unread',
    filters.hasNote === undefined ? null : 'has:note',
  ].filter((name) => name !== null);
  for (const name of stateFilters) {
    problems.push(
      `${name} filters by what you did with an article, which a topic does not follow (it holds articles whether read, saved or not) — ignored.`,
    );
  }
  if (parsed.isEmpty) problems.push('The query has nothing to search for, so it matches no article.');
  const limit = rule.feedIds === undefined || rule.feedIds === null || rule.feedIds.length === 0 ? null : rule.feedIds;
  const queryFeeds = filters.feedIds ?? null;
  const feedIds =
    limit === null && queryFeeds === null
      ? null
      : new Set((limit ?? queryFeeds ?? []).filter((id) => queryFeeds === null || queryFeeds.includes(id)));
  return {
    query: parsed.groups.length > 0 ? toEngineQuery(parsed) : [],
    everyArticle: parsed.groups.length === 0 && !parsed.isEmpty,
    dates: {
      ...(filters.after !== undefined ? { after: filters.after } : {}),
      ...(filters.before !== undefined ? { before: filters.before } : {}),
    },
    feedIds,
    categories: rule.categories ?? [],
    problems,
  };
}
