import lunr from 'lunr';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FIELD_BOOSTS,
  SEARCH_FIELDS,
  type AnalyzedDocument,
  type AnalyzedField,
  type SearchField,
} from '../../../../electron/core/search/SearchDocument.ts';
import { CorpusStatistics, type IndexedSegment } from '../../../../electron/core/search/engine/CorpusStatistics.ts';
import {
  compareByRelevance,
  executeQuery,
  type EngineClause,
  type QueryAnalyzer,
} from '../../../../electron/core/search/engine/executeQuery.ts';
import { MemorySegment } from '../../../support/MemorySegment.ts';
import { reutersStories } from '../../../support/reutersStories.ts';

/** lunr's own index pipeline, so this test checks scoring alone, independent of our analyzer. */
const pipeline = new lunr.Pipeline();
pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);

function analyzeWithLunr(text: string): AnalyzedField {
  const tokens = pipeline.run(lunr.tokenizer(text));
  return {
    terms: tokens.map((token) => token.toString()),
    positions: tokens.map((token) => (token as unknown as { metadata: { index: number } }).metadata.index),
  };
}

const lunrAnalyzer: QueryAnalyzer = {
  analyzeQueryText: (text) => {
    const field = analyzeWithLunr(text);
    return { terms: [...field.terms], positions: [...field.positions] };
  },
  normalizeWildcardTerm: (text) => text.toLowerCase(),
};

type Fields = Record<SearchField, string>;
let documents: { id: string; publishedAt: number; fields: Fields }[];
let index: lunr.Index;
let segments: IndexedSegment[];

beforeAll(() => {
  documents = reutersStories(3000).map((story, position) => ({
    id: String(story.id),
    publishedAt: Date.UTC(1987, 1, 26) + position * 60_000,
    fields: {
      title: story.title,
      author: '',
      source: position % 3 === 0 ? 'Reuters Commodities' : 'Reuters',
      topics: story.topics.join(' '),
      categories: story.places.join(' '),
      text: story.body,
      // Every fifth story carries a reader's note, so the notes field is scored as lunr scores it too.
      notes: position % 5 === 0 ? `checked ${story.places.join(' ')} against ${story.topics.join(' ')}` : '',
    },
  }));
  index = lunr(function () {
    this.ref('id');
    for (const field of SEARCH_FIELDS) this.field(field, { boost: FIELD_BOOSTS[field] });
    for (const document of documents) this.add({ id: document.id, ...document.fields });
  });
  // Three uneven segments: the merged ranking must equal the single index.
  const cuts = [0, 400, 1900, documents.length];
  segments = [];
  for (let part = 0; part + 1 < cuts.length; part += 1) {
    const segment = new MemorySegment();
    for (const document of documents.slice(cuts[part], cuts[part + 1])) {
      const fields = Object.fromEntries(
        SEARCH_FIELDS.map((field) => [field, analyzeWithLunr(document.fields[field])]),
      ) as Record<SearchField, AnalyzedField>;
      const analysed: AnalyzedDocument = { id: document.id, publishedAt: document.publishedAt, fields };
      segment.add(analysed);
    }
    segments.push({ reader: segment, deleted: new Set() });
  }
});

interface LunrClause {
  term: string;
  fields: string[];
  presence: number;
  boost: number;
  wildcard: number;
  editDistance?: number;
  usePipeline?: boolean;
}

/** lunr's own parser turns the query into clauses; the engine gets the same clauses. */
function toEngineClauses(queryString: string): EngineClause[] {
  const query = new lunr.Query(SEARCH_FIELDS as unknown as string[]);
  const { QueryParser } = lunr as unknown as {
    QueryParser: new (text: string, query: lunr.Query) => { parse(): void };
  };
  new QueryParser(queryString, query).parse();
  return (query.clauses as unknown as LunrClause[]).map((clause) => ({
    kind: 'term',
    text: clause.term,
    fields: clause.fields.map((field) => SEARCH_FIELDS.indexOf(field as SearchField)),
    presence: clause.presence === 2 ? 'required' : clause.presence === 3 ? 'prohibited' : 'optional',
    boost: clause.boost,
    wildcard: clause.term.includes('*'),
    editDistance: clause.editDistance ?? 0,
  }));
}

const queries = [
  'oil',
  'cocoa',
  'oil prices',
  'wheat export subsidies',
  '+oil -crude',
  '+grain +wheat',
  'title:cocoa',
  'topics:earn',
  'source:commodities coffee',
  'expor*',
  '*flation',
  'sugar~1',
  'shiping~2',
  'oil^10 wheat',
  '-oil',
  'bank rate cut',
  'opec production quota',
  'nonexistentword',
  '+nonexistentword oil',
  'categories:japan trade',
];

describe('executeQuery scores as one lunr index would', () => {
  it.each(queries)('%s', (queryString) => {
    const expected = index.search(queryString);
    const statistics = new CorpusStatistics(segments);
    const outcome = executeQuery([toEngineClauses(queryString)], segments, statistics, lunrAnalyzer);
    const actual = outcome.hits.sort(compareByRelevance).map((hit) => ({
      ref: segments[hit.segment]?.reader.documentId(hit.document),
      score: hit.score,
    }));
    expect(actual.length).toBe(expected.length);
    const expectedScores = new Map(expected.map((result) => [result.ref, result.score]));
    for (const { ref, score } of actual) {
      expect(expectedScores.has(ref ?? '')).toBe(true);
      expect(score).toBeCloseTo(expectedScores.get(ref ?? '') ?? NaN, 9);
    }
  });

  it('verifies phrases against positions', () => {
    const statistics = new CorpusStatistics(segments);
    const phrase: EngineClause = { kind: 'phrase', text: 'crude oil', fields: [5], presence: 'required', boost: 1 };
    const outcome = executeQuery([[phrase]], segments, statistics, lunrAnalyzer);
    expect(outcome.hits.length).toBeGreaterThan(0);
    for (const hit of outcome.hits) {
      const id = segments[hit.segment]?.reader.documentId(hit.document);
      const text = documents.find((document) => document.id === id)?.fields.text ?? '';
      expect(text.toLowerCase()).toMatch(/crude[\s-]+oil/);
    }
    const loose = index.search('+crude +oil').length;
    expect(outcome.hits.length).toBeLessThan(loose);
  });

  it('skips deleted documents and filters by date', () => {
    const statistics = new CorpusStatistics(segments);
    const all = executeQuery([toEngineClauses('oil')], segments, statistics, lunrAnalyzer).hits;
    const first = all[0];
    if (!first) throw new Error('no hits');
    const withDeletion = segments.map((segment, position) =>
      position === first.segment ? { ...segment, deleted: new Set([first.document]) } : segment,
    );
    const after = executeQuery(
      [toEngineClauses('oil')],
      withDeletion,
      new CorpusStatistics(withDeletion),
      lunrAnalyzer,
    ).hits;
    expect(after.length).toBe(all.length - 1);
    expect(after.some((hit) => hit.segment === first.segment && hit.document === first.document)).toBe(false);

    const cutoff = Date.UTC(1987, 1, 26) + 1000 * 60_000;
    const recent = executeQuery([toEngineClauses('oil')], segments, statistics, lunrAnalyzer, { after: cutoff }).hits;
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.every((hit) => (hit.publishedAt ?? 0) >= cutoff)).toBe(true);
  });

  it('unions OR groups', () => {
    const statistics = new CorpusStatistics(segments);
    const cocoa = executeQuery([toEngineClauses('+cocoa')], segments, statistics, lunrAnalyzer).hits.length;
    const coffee = executeQuery([toEngineClauses('+coffee')], segments, statistics, lunrAnalyzer).hits.length;
    const both = executeQuery([toEngineClauses('+cocoa +coffee')], segments, statistics, lunrAnalyzer).hits.length;
    const either = executeQuery(
      [toEngineClauses('+cocoa'), toEngineClauses('+coffee')],
      segments,
      statistics,
      lunrAnalyzer,
    );
    expect(either.hits.length).toBe(cocoa + coffee - both);
  });
});
