// The search benchmark's fixed query mix: seeded, drawn from the corpus's own vocabulary, each query
// written three ways — Offprint's query language, lunr's (null where lunr has no syntax for it) and FTS5's.
import { Analyzer } from '../../electron/core/search/analysis/Analyzer.ts';
import type { ReutersStory } from '../../tests/support/reutersStories.ts';
import { WIRE_SOURCES } from './writeLevelCorpus.ts';
import { seededRandom } from '../../tests/support/seededRandom.ts';

export const QUERY_KINDS = ['single', 'two', 'field', 'wildcard', 'fuzzy', 'required', 'phrase'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export interface BenchQuery {
  readonly kind: QueryKind;
  /** Offprint's query language (a superset of lunr's). */
  readonly text: string;
  /** lunr's Index#search syntax; null for phrases, which lunr cannot express. */
  readonly lunr: string | null;
  /** FTS5 MATCH syntax with lunr's semantics: optional terms joined by OR. */
  readonly fts5: string;
}

/** How many queries of each kind: 230 in all. */
const KIND_COUNTS: Readonly<Record<QueryKind, number>> = {
  single: 50,
  two: 40,
  field: 30,
  wildcard: 25,
  fuzzy: 25,
  required: 30,
  phrase: 30,
};

const SEED = 0x5eed_2026;
/** Document-frequency bands over the L1 stories (of about 21,000). */
const FREQUENT = { min: 300, max: 3_000 };
const MID = { min: 30, max: 300 };
const TITLE_MIN = 30;
const CATEGORY_MIN = 20;
const PHRASE_MIN = 5;
const WORD = /^[a-z]{4,12}$/;

function documentFrequencies(texts: Iterable<string>): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const text of texts) {
    for (const word of new Set(text.toLowerCase().split(/[^a-z]+/))) {
      if (WORD.test(word)) frequencies.set(word, (frequencies.get(word) ?? 0) + 1);
    }
  }
  return frequencies;
}

export function buildQueryMix(stories: readonly ReutersStory[]): BenchQuery[] {
  const random = seededRandom(SEED);
  const analyzer = new Analyzer();
  // A word is usable when the pipeline keeps it (not a stop word) as one term.
  const indexable = (word: string): boolean => analyzer.analyzeQueryText(word).terms.length === 1;
  const band = (frequencies: ReadonlyMap<string, number>, min: number, max = Infinity): string[] =>
    [...frequencies]
      .filter(([word, count]) => count >= min && count < max && indexable(word))
      .map(([word]) => word)
      .sort();
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('buildQueryMix: nothing to pick from');
    return item;
  };

  const bodies = documentFrequencies(stories.map((story) => `${story.title} ${story.body}`));
  const frequent = band(bodies, FREQUENT.min, FREQUENT.max);
  const mid = band(bodies, MID.min, MID.max);
  const titles = band(documentFrequencies(stories.map((story) => story.title)), TITLE_MIN);
  const categoryCounts = new Map<string, number>();
  for (const story of stories) {
    for (const category of [...story.topics, ...story.places]) {
      if (/^[a-z]{3,}$/.test(category)) categoryCounts.set(category, (categoryCounts.get(category) ?? 0) + 1);
    }
  }
  const categories = band(categoryCounts, CATEGORY_MIN);
  const phrases = adjacentPairs(stories, indexable);

  const queries: BenchQuery[] = [];
  const seen = new Set<string>();
  const add = (kind: QueryKind, text: string, lunrText: string | null, fts5: string): void => {
    if (seen.has(text)) return;
    seen.add(text);
    queries.push({ kind, text, lunr: lunrText, fts5 });
  };
  const fill = (kind: QueryKind, make: (position: number) => void): void => {
    const target = queries.filter((query) => query.kind === kind).length + KIND_COUNTS[kind];
    for (let attempt = 0; queries.filter((query) => query.kind === kind).length < target; attempt += 1) {
      if (attempt > KIND_COUNTS[kind] * 50) throw new Error(`buildQueryMix: too few distinct ${kind} queries`);
      make(queries.filter((query) => query.kind === kind).length);
    }
  };

  fill('single', (position) => {
    const word = pick(position % 2 === 0 ? frequent : mid);
    add('single', word, word, word);
  });
  fill('two', (position) => {
    const first = pick(position % 2 === 0 ? frequent : mid);
    const second = pick(mid);
    if (first === second) return;
    add('two', `${first} ${second}`, `${first} ${second}`, `${first} OR ${second}`);
  });
  fill('field', (position) => {
    if (position % 6 === 4) {
      const category = pick(categories);
      add('field', `categories:${category}`, `categories:${category}`, `categories : ${category}`);
    } else if (position % 6 === 5) {
      const source = pick(WIRE_SOURCES).toLowerCase();
      const word = pick(mid);
      add('field', `source:${source} ${word}`, `source:${source} ${word}`, `(source : ${source}) OR ${word}`);
    } else {
      const word = pick(titles);
      add('field', `title:${word}`, `title:${word}`, `title : ${word}`);
    }
  });
  fill('wildcard', (position) => {
    const word = pick(position % 2 === 0 ? frequent : mid);
    const prefix = word.slice(0, Math.min(word.length - 1, 3 + (position % 3)));
    add('wildcard', `${prefix}*`, `${prefix}*`, `${prefix}*`);
  });
  fill('fuzzy', (position) => {
    const word = pick(position % 2 === 0 ? frequent : mid);
    if (word.length < 5) return;
    // FTS5 has no fuzzy matching: it searches the plain term.
    add('fuzzy', `${word}~1`, `${word}~1`, word);
  });
  fill('required', (position) => {
    const [first, second, third] = [pick(frequent), pick(frequent), pick(frequent)];
    if (new Set([first, second, third]).size < 3) return;
    if (position % 3 === 2) {
      const text = `+${first} +${second} -${third}`;
      add('required', text, text, `(${first} AND ${second}) NOT ${third}`);
    } else {
      add('required', `+${first} -${second}`, `+${first} -${second}`, `${first} NOT ${second}`);
    }
  });
  fill('phrase', () => {
    const [first, second] = pick(phrases);
    add('phrase', `"${first} ${second}"`, null, `"${first} ${second}"`);
  });
  return queries;
}

/** Real adjacent word pairs from the bodies: both indexable words, nothing (not even a comma) between them. */
function adjacentPairs(stories: readonly ReutersStory[], indexable: (word: string) => boolean): [string, string][] {
  const counts = new Map<string, number>();
  for (const story of stories) {
    const tokens = story.body.split(/\s+/);
    const inStory = new Set<string>();
    for (let index = 0; index + 1 < tokens.length; index += 1) {
      const first = tokens[index] ?? '';
      const second = tokens[index + 1] ?? '';
      if (/^[a-z]{3,12}$/i.test(first) && /^[a-z]{3,12}$/i.test(second))
        inStory.add(`${first.toLowerCase()} ${second.toLowerCase()}`);
    }
    for (const pair of inStory) counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  // Pairs in fewer than PHRASE_MIN stories are mostly noise; sorted so the seeded picks do not depend on Map order.
  const pairs: [string, string][] = [];
  for (const [pair, count] of counts) {
    if (count < PHRASE_MIN) continue;
    const [first = '', second = ''] = pair.split(' ');
    if (indexable(first) && indexable(second)) pairs.push([first, second]);
  }
  return pairs.sort((left, right) => (left.join(' ') < right.join(' ') ? -1 : 1));
}
