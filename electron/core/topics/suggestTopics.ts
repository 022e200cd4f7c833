import type { TopicSuggestion } from '../../shared/model.ts';
import { parseQuery } from '../../shared/query/parseQuery.ts';
import { compileTopicRule } from './compileTopicRule.ts';
import { matchTopicRuleNow, type TopicIndex } from './matchTopicRule.ts';
import type { TopicRecord, TopicStore } from './TopicStore.ts';

export interface SuggestionContext {
  readonly store: TopicStore;
  readonly index: TopicIndex;
  /** Topics the user has: what they cover is not offered again. */
  readonly existing: readonly TopicRecord[];
  readonly now: Date;
}

/** Titles read for key terms: the newest ones say what the library is about now. */
const TITLE_SAMPLE = 2000;
/** A key term must stand in at least this share of the sampled titles (and in 2 of them). */
const MIN_TITLE_SHARE = 0.005;
/** Categories looked at, before those already covered are left out. */
const CATEGORY_CANDIDATES = 50;
const WORD = /[\p{L}\p{M}][\p{L}\p{M}\p{N}'’.]*/gu;
/**
 * Words frequent in headlines that name no subject: company-name suffixes,
 * reporting verbs, results shorthand, dates and the prepositions and
 * question words lunr's stop list lacks ("XYZ Corp says Sept net up"). Not
 * stop words for search, only never a topic of their own.
 */
const HEADLINE_FILLER = new Set(
  `inc corp corporation co company companies ltd plc llc ag sa nv bhd group holding holdings unit units
   says said say sees see seen reports report reported tells told announces announced update updates
   net qtr quarter quarterly year annual shr shrs dlrs pct cts mln billion million first second third
   new latest live week weekly today daily sets set rise rises rose fall falls fell up down
   jan feb mar apr jun jul aug sep sept oct nov dec january february march april may june july august
   september october november december monday tuesday wednesday thursday friday saturday sunday
   through throughout amid despite across against toward towards within without behind beyond explained
   why how what keep keeps`.split(/\s+/),
);

interface KeyTerm {
  /** One stem, or two for a pair of adjacent words. */
  readonly stems: readonly string[];
  /** The spelling seen most often, lowercased. */
  readonly words: string;
  readonly titles: number;
  readonly score: number;
}

/**
 * Starter topics from the library itself, never created here (the user
 * accepts them): the feed categories most articles carry, and the key terms
 * of the newest titles — words and pairs of adjacent words by how many
 * titles hold them, weighted by how rare they are in the whole library
 * (idf), so "gold" or "rare earth" come before "says". Stop words, numbers,
 * headline filler (company suffixes, reporting verbs),
 * and anything an existing topic already covers (its name, query terms and
 * categories) are left out. Each suggestion says why it is offered and how
 * many articles it would match now (the same evaluation as a topic's).
 */
export function suggestTopics(context: SuggestionContext, limit: number): TopicSuggestion[] {
  const covered = coveredBy(context);
  const taken = new Set(context.existing.map((topic) => topic.name.toLowerCase()));
  const suggestions: TopicSuggestion[] = [];
  const offer = (suggestion: Omit<TopicSuggestion, 'matches'>): boolean => {
    if (taken.has(suggestion.name.toLowerCase())) return false;
    const rule = compileTopicRule(suggestion, context.now);
    if (rule.problems.length > 0) return false;
    const matches = matchTopicRuleNow(rule, context.index, context.store).size;
    if (matches === 0) return false;
    taken.add(suggestion.name.toLowerCase());
    suggestions.push({ ...suggestion, matches });
    return true;
  };

  const categories = context.store
    .categoryCounts(CATEGORY_CANDIDATES)
    .filter(({ category }) => !covered.categories.has(category.toLowerCase()));
  const { terms, sampled } = keyTerms(context, covered.stems);
  // Half categories and half key terms when both have enough; either fills in for the other.
  const categoryShare = Math.min(categories.length, Math.max(Math.ceil(limit / 2), limit - terms.length));
  for (const { category, count } of categories) {
    if (suggestions.length >= categoryShare) break;
    const words = category.replace(/["\\]/g, ' ').replace(/\s+/g, ' ').trim();
    if (words === '') continue;
    offer({
      name: titleCase(words),
      query: `"${words}"`,
      categories: [category],
      reason: `feed category of ${count} ${count === 1 ? 'article' : 'articles'}`,
    });
  }
  for (const term of terms) {
    if (suggestions.length >= limit) break;
    offer({
      name: titleCase(term.words),
      query: term.stems.length > 1 ? `"${term.words}"` : term.words,
      categories: [],
      reason: `in the titles of ${term.titles} of the newest ${sampled} articles`,
    });
  }
  return suggestions.sort((a, b) => b.matches - a.matches || a.name.localeCompare(b.name));
}

/** Stems and categories the existing topics already cover. */
function coveredBy(context: SuggestionContext): { stems: Set<string>; categories: Set<string> } {
  const stems = new Set<string>();
  const categories = new Set<string>();
  const addWords = (text: string): void => {
    for (const term of context.index.analyzer.analyzeQueryText(text).terms) stems.add(term);
  };
  for (const topic of context.existing) {
    addWords(topic.name);
    for (const group of parseQuery(topic.query).groups) {
      for (const clause of group.clauses) addWords(clause.kind === 'phrase' ? clause.words.join(' ') : clause.text);
    }
    for (const category of topic.categories) {
      categories.add(category.toLowerCase());
      addWords(category);
    }
  }
  return { stems, categories };
}

/** Words and adjacent pairs of the newest titles, best first, none overlapping a better one. */
function keyTerms(context: SuggestionContext, covered: ReadonlySet<string>): { terms: KeyTerm[]; sampled: number } {
  const titles = context.store.recentTitles(TITLE_SAMPLE);
  const minTitles = Math.max(2, Math.ceil(titles.length * MIN_TITLE_SHARE));
  const counts = new Map<string, { stems: string[]; titles: number; spellings: Map<string, number> }>();
  const count = (stems: string[], spelling: string, seen: Set<string>): void => {
    const key = stems.join(' ');
    if (seen.has(key)) return;
    seen.add(key);
    let entry = counts.get(key);
    if (!entry) counts.set(key, (entry = { stems, titles: 0, spellings: new Map() }));
    entry.titles += 1;
    entry.spellings.set(spelling, (entry.spellings.get(spelling) ?? 0) + 1);
  };
  for (const title of titles) {
    const seen = new Set<string>();
    let previous: { stem: string; word: string } | null = null;
    for (const match of title.toLowerCase().matchAll(WORD)) {
      const word = match[0].replace(/[.'’]+$/, '');
      const terms = context.index.analyzer.analyzeQueryText(word).terms;
      const stem = terms.length === 1 ? terms[0] : undefined;
      // Stop words, short words and words the pipeline splits or drops end a pair.
      if (stem === undefined || word.length < 3 || covered.has(stem) || HEADLINE_FILLER.has(word)) {
        previous = null;
        continue;
      }
      count([stem], word, seen);
      if (previous && previous.stem !== stem) count([previous.stem, stem], `${previous.word} ${word}`, seen);
      previous = { stem, word };
    }
  }
  const statistics = context.index.statistics;
  const candidates: KeyTerm[] = [];
  for (const entry of counts.values()) {
    if (entry.titles < minTitles) continue;
    const idf = entry.stems.reduce((sum, stem) => sum + statistics.idf(stem), 0);
    const words = [...entry.spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '';
    candidates.push({ stems: entry.stems, words, titles: entry.titles, score: entry.titles * idf });
  }
  candidates.sort((a, b) => b.score - a.score || (a.words < b.words ? -1 : 1));
  const chosen: KeyTerm[] = [];
  const used = new Set<string>();
  for (const candidate of candidates) {
    if (candidate.stems.some((stem) => used.has(stem))) continue;
    chosen.push(candidate);
    for (const stem of candidate.stems) used.add(stem);
  }
  return { terms: chosen, sampled: titles.length };
}

function titleCase(words: string): string {
  return words.replace(/(^|\s)(\p{L})/gu, (_match, space: string, letter: string) => `${space}${letter.toUpperCase()}`);
}
