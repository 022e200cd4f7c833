import lunr from 'lunr';
import { lunrLanguagePipeline, type LanguagePipeline, type PipelineLanguage } from './lunrLanguagePipeline.ts';

/** Default bound of one language's memo: a few tens of MB at most, and a year of news has far fewer distinct tokens. */
export const DEFAULT_MEMO_LIMIT = 500_000;

// A token whose letters no pipeline understands is kept, only trimmed of
// anything that is not a letter, digit, combining mark or underscore (\w's
// underscore, as lunr's trimmer keeps it).
const LEADING_NON_WORD = /^[^\p{L}\p{N}\p{M}_]+/u;
const TRAILING_NON_WORD = /[^\p{L}\p{N}\p{M}_]+$/u;

/**
 * One token (lowercased, no separators, no CJK) → its term, or null when the
 * pipeline drops it, for one document language. lunr runs every token
 * through token objects and the Porter stemmer; a news corpus repeats the
 * same few hundred thousand tokens, so the whole per-token result is
 * memoized and lunr's own functions only run on a miss, which keeps the
 * terms identical to lunr's.
 *
 * Which pipeline a token takes (the deliberate deviation from lunr is only
 * the last case, where lunr's trimmer would delete or mangle the word):
 * 1. the document language's pipeline, if that pipeline's trimmer treats all
 *    of the token's letters and digits as word characters;
 * 2. otherwise lunr's English pipeline, if all its letters and digits are
 *    ASCII or Latin-1 (so English and unknown-language text is exactly lunr's,
 *    and "export" or "2024" in a Russian article is not deleted);
 * 3. otherwise the token itself, trimmed with a Unicode-aware trimmer, with
 *    no stop words and no stemming ("москва", "łódź" in an English article).
 */
export class TokenPipeline {
  readonly #own: LanguagePipeline;
  readonly #english: LanguagePipeline;
  readonly #memo = new Map<string, string | null>();
  readonly #memoLimit: number;

  constructor(language: PipelineLanguage, memoLimit: number = DEFAULT_MEMO_LIMIT) {
    this.#own = lunrLanguagePipeline(language);
    this.#english = lunrLanguagePipeline('en');
    this.#memoLimit = memoLimit;
  }

  /** Tokens currently memoized. */
  get memoSize(): number {
    return this.#memo.size;
  }

  /** The memoized result: a term, null for a dropped token, undefined when not yet seen. */
  cachedTerm(token: string): string | null | undefined {
    return this.#memo.get(token);
  }

  analyzeToken(token: string): string | null {
    const cached = this.#memo.get(token);
    if (cached !== undefined) return cached;
    // Copy before keeping it: a slice can pin the whole article text in memory.
    const key = (' ' + token).slice(1);
    const term = this.#computeTerm(key);
    // Clearing outright is cheaper than LRU bookkeeping on every hit, and the
    // frequent tokens are back after a few documents.
    if (this.#memo.size >= this.#memoLimit) this.#memo.clear();
    this.#memo.set(key, term);
    return term;
  }

  #computeTerm(token: string): string | null {
    if (this.#own !== this.#english && !this.#own.foreignCharacter.test(token)) return runPipeline(this.#own, token);
    if (!this.#english.foreignCharacter.test(token)) return runPipeline(this.#english, token);
    return token.replace(LEADING_NON_WORD, '').replace(TRAILING_NON_WORD, '');
  }
}

function runPipeline(language: LanguagePipeline, token: string): string | null {
  // Pipeline.run keeps lunr's exact rules: a function returning null,
  // undefined or '' drops the token, but a token trimmed down to the empty
  // string survives as the term '' (lunr indexes it too).
  const [first, ...rest] = language.pipeline.run([new lunr.Token(token, {})]);
  if (rest.length > 0) {
    // No lunr or lunr-languages function expands a token; positions assume it.
    throw new Error(
      `Analyzer: the ${language.language} pipeline turned token ${JSON.stringify(token)} into ${rest.length + 1} terms`,
    );
  }
  return first === undefined ? null : first.toString();
}
