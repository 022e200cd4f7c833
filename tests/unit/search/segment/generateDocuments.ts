import type { AnalyzedDocument, AnalyzedField, SearchField } from '../../../../electron/core/search/SearchDocument.ts';
import { SEARCH_FIELDS } from '../../../../electron/core/search/SearchDocument.ts';
import { seededRandom } from '../../../support/seededRandom.ts';

export interface GeneratorOptions {
  readonly seed: number;
  readonly documents: number;
  /** Distinct terms to draw from (log-uniformly, so a few are common and most are rare). */
  readonly vocabulary?: number;
  /** Most terms in the text field. */
  readonly textTerms?: number;
  /** Whether positions sometimes jump by 2^28 (to exercise 5-byte varints); off for realistic sizes. */
  readonly largeGaps?: boolean;
}

/** Field sizes as [most terms, chance the field is empty]. */
const FIELD_SHAPES: Readonly<Record<SearchField, readonly [number, number]>> = {
  title: [12, 0.05],
  author: [3, 0.4],
  source: [3, 0.1],
  topics: [4, 0.5],
  categories: [3, 0.5],
  text: [400, 0.1],
  notes: [20, 0.8],
};

/**
 * Synthetic analyzed documents for segment tests: ASCII, accented, CJK and
 * astral-plane terms (whose UTF-8 order differs from JS order against
 * U+E000–U+FFFF terms), unicode ids with a duplicate, null and fractional
 * publishedAt, empty fields, stop-word gaps, repeated and very large positions.
 */
export function generateDocuments(options: GeneratorOptions): AnalyzedDocument[] {
  const random = seededRandom(options.seed);
  const vocabulary = createVocabulary(random, options.vocabulary ?? 3000);
  const textTerms = options.textTerms ?? 400;
  const largeGaps = options.largeGaps ?? true;
  const pick = (): string => vocabulary[Math.floor(Math.pow(vocabulary.length, random())) - 1] ?? 'fallback';
  const documents: AnalyzedDocument[] = [];
  for (let number = 0; number < options.documents; number++) {
    const fields = {} as Record<SearchField, AnalyzedField>;
    for (const name of SEARCH_FIELDS) {
      const [most, emptyChance] = FIELD_SHAPES[name];
      const count = random() < emptyChance ? 0 : 1 + Math.floor(random() * (name === 'text' ? textTerms : most));
      fields[name] = generateField(random, count, pick, largeGaps);
    }
    const id =
      number === 7 && documents[3] !== undefined
        ? documents[3].id // the live segment may hold an article twice (an update before the old copy is purged)
        : `${['article', '記事', 'статья', 'note😀'][number % 4] ?? 'article'}-${number}-${Math.floor(random() * 1e6)}`;
    const roll = random();
    const publishedAt = roll < 0.2 ? null : roll < 0.25 ? -86_400_000.5 : Math.floor(1.6e12 + random() * 1e11);
    documents.push({ id, publishedAt, fields });
  }
  return documents;
}

function generateField(random: () => number, count: number, pick: () => string, largeGaps: boolean): AnalyzedField {
  const terms: string[] = [];
  const positions: number[] = [];
  let position = Math.floor(random() * 3);
  for (let index = 0; index < count; index++) {
    terms.push(pick());
    positions.push(position);
    const roll = random();
    // Stop words leave gaps; a token may yield two terms at one position; rarely a position needs 5 varint bytes.
    if (largeGaps && roll < 0.002 && position < 0xf0000000) position += 0x10000000 + Math.floor(random() * 1000);
    else if (roll < 0.02) position += 0;
    else if (roll < 0.25) position += 2 + Math.floor(random() * 3);
    else position += 1;
  }
  return { terms, positions };
}

function createVocabulary(random: () => number, size: number): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const seen = new Set<string>();
  const vocabulary: string[] = [];
  const add = (term: string): void => {
    if (!seen.has(term)) {
      seen.add(term);
      vocabulary.push(term);
    }
  };
  const character = (from: number, span: number): string => String.fromCodePoint(from + Math.floor(random() * span));
  add('the');
  add('said');
  add('a'); // one-letter terms are prefixes of many others
  add('é');
  while (vocabulary.length < size) {
    const kind = random();
    let term = '';
    if (kind < 0.7) {
      const length = 2 + Math.floor(random() * 9);
      for (let index = 0; index < length; index++) term += letters[Math.floor(random() * 26)] ?? 'a';
    } else if (kind < 0.8) {
      // CJK, as Intl.Segmenter cuts it: one to three ideographs.
      const length = 1 + Math.floor(random() * 3);
      for (let index = 0; index < length; index++) term += character(0x4e00, 0x5000);
    } else if (kind < 0.85) {
      term = `${letters[Math.floor(random() * 26)] ?? 'a'}${character(0xe0, 0x20)}${character(0x61, 26)}`;
    } else if (kind < 0.9) {
      // Astral plane (surrogate pairs): mathematical letters, emoji, rare ideographs.
      term = `${character(0x1d400, 0x300)}${character(0x1f600, 0x50)}${character(0x20000, 0x100)}`;
      if (random() < 0.5) term = term.slice(0, 2);
    } else if (kind < 0.95) {
      // U+E000–U+FFFF, which JS orders after surrogate pairs but UTF-8 before them.
      term = `${character(0xfb00, 0x07)}${character(0xff21, 26)}${random() < 0.5 ? character(0x1d400, 0x30) : ''}`;
    } else {
      term = `${String(Math.floor(random() * 10000))}${random() < 0.5 ? 'k' : ''}`;
    }
    add(term);
  }
  return vocabulary;
}
