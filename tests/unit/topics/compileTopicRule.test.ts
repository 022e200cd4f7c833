import { describe, expect, it } from 'vitest';
import { compileTopicRule } from '../../../electron/core/topics/compileTopicRule.ts';

const NOW = new Date('2026-03-15T12:00:00Z');

describe('compileTopicRule', () => {
  it('runs the query language: OR groups for the engine, dates for the whole topic', () => {
    const rule = compileTopicRule({ query: '"rare earth" OR gallium after:2025-01-01 before:2025-06' }, NOW);
    expect(rule.problems).toEqual([]);
    expect(rule.query).toHaveLength(2);
    expect(rule.query[0]?.[0]).toMatchObject({ kind: 'phrase', text: 'rare earth' });
    expect(rule.dates).toEqual({ after: Date.UTC(2025, 0, 1), before: Date.UTC(2025, 6, 1) });
    expect(rule).toMatchObject({ everyArticle: false, feedIds: null, categories: [] });
  });

  it('keeps feeds that both the topic and the query name; either alone limits', () => {
    expect(compileTopicRule({ query: 'gold', feedIds: [3, 5] }, NOW).feedIds).toEqual(new Set([3, 5]));
    expect(compileTopicRule({ query: 'gold feed:5' }, NOW).feedIds).toEqual(new Set([5]));
    expect(compileTopicRule({ query: 'gold feed:5', feedIds: [3, 5] }, NOW).feedIds).toEqual(new Set([5]));
    // Disjoint: no feed at all, so the rule matches nothing.
    expect(compileTopicRule({ query: 'gold feed:7', feedIds: [3] }, NOW).feedIds).toEqual(new Set());
    // An empty list is no limit.
    expect(compileTopicRule({ query: 'gold', feedIds: [] }, NOW).feedIds).toBeNull();
  });

  it('reads a query of filters alone as every article within them', () => {
    const rule = compileTopicRule({ query: 'feed:2 after:2025-01-01' }, NOW);
    expect(rule).toMatchObject({ everyArticle: true, query: [], problems: [] });
  });

  it('reports state filters, which a topic cannot follow, and queries that say nothing', () => {
    const rule = compileTopicRule({ query: 'gold is:unread -is:saved has:note' }, NOW);
    expect(rule.problems).toEqual([
      expect.stringMatching(/^-is:saved filters by what you did with an article/),
      expect.stringMatching(/^is:unread filters by/),
      expect.stringMatching(/^has:note filters by/),
    ]);
    expect(rule.query).toHaveLength(1);
    const empty = compileTopicRule({ query: '()' }, NOW);
    expect(empty).toMatchObject({ everyArticle: false, query: [] });
    expect(empty.problems).toEqual([
      'Empty parentheses — ignored.',
      'The query has nothing to search for, so it matches no article.',
    ]);
  });

  it('counts relative dates back from the moment the rule is applied', () => {
    const rule = compileTopicRule({ query: 'gold date:7d' }, NOW);
    expect(rule.dates.after).toBe(NOW.getTime() - 7 * 24 * 3_600_000);
  });
});
