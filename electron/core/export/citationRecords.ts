import type { Article } from '../../shared/model.ts';
import { parseByline, type CitationName } from './bylineNames.ts';
import { utcDateParts } from './exportDates.ts';

/** What a citation reads of an article. */
export type CitableArticle = Pick<
  Article,
  | 'id'
  | 'title'
  | 'author'
  | 'siteName'
  | 'feedTitle'
  | 'publishedAt'
  | 'fetchedAt'
  | 'url'
  | 'canonicalUrl'
  | 'language'
>;

export type DateParts = readonly [number, number, number];

/** One article as every citation format sees it. */
export interface CitationRecord {
  /** Unique within one export: `doe2025magnet`, then `doe2025magneta`… */
  readonly key: string;
  /** `news`: from a named source (a newspaper article); `web`: a page with no source name. */
  readonly kind: 'news' | 'web';
  readonly title: string;
  readonly authors: readonly CitationName[];
  readonly source: string | null;
  readonly issued: DateParts | null;
  /** When Offprint fetched it: the copy that is cited. */
  readonly accessed: DateParts | null;
  readonly url: string | null;
  readonly language: string | null;
}

/** Words a key skips at the start of a title or a source name. */
const STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'on',
  'in',
  'to',
  'and',
  'for',
  'at',
  'by',
  'with',
  'from',
  'le',
  'la',
  'les',
  'der',
  'die',
  'das',
  'el',
]);

/** Text on one line: white space folded, control characters gone. */
export function oneLine(text: string): string {
  return text
    .toWellFormed()
    .normalize('NFC')
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The ASCII letters and digits of each word, accents dropped ("Müller" → "muller"); words with none are skipped. */
function keyWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/[^a-z0-9]/g, ''))
    .filter((word) => word !== '');
}

function firstWord(text: string): string {
  const words = keyWords(text);
  return words.find((word) => !STOP_WORDS.has(word)) ?? words[0] ?? '';
}

/** authorlastname (else the source's first word) + year + the title's first word: `doe2025magnet`. */
function baseKey(record: Omit<CitationRecord, 'key'>): string {
  const first = record.authors[0];
  const who =
    (first === undefined ? '' : first.kind === 'person' ? keyWords(first.family).join('') : firstWord(first.name)) ||
    firstWord(record.source ?? '');
  return `${who || 'article'}${record.issued === null ? '' : String(record.issued[0])}${firstWord(record.title)}`;
}

/** a, b, … z, aa, ab, …: the suffix for the nth repeat of a key (n from 0). */
function keySuffix(repeat: number): string {
  const letter = String.fromCharCode(97 + (repeat % 26));
  return repeat < 26 ? letter : `${keySuffix(Math.floor(repeat / 26) - 1)}${letter}`;
}

function webAddress(article: CitableArticle): string | null {
  const address = article.canonicalUrl ?? article.url;
  return address !== null && /^https?:\/\//i.test(address) ? address : null;
}

/**
 * The articles as citation records, in order, each with a key unique among
 * them: the first of a kind keeps the plain key, repeats get a, b, c (the
 * same articles in the same order always get the same keys).
 */
export function citationRecords(articles: readonly CitableArticle[]): CitationRecord[] {
  const used = new Set<string>();
  return articles.map((article) => {
    const sourceName = oneLine(article.siteName ?? article.feedTitle ?? '');
    const record: Omit<CitationRecord, 'key'> = {
      kind: sourceName === '' ? 'web' : 'news',
      title: oneLine(article.title) || 'Untitled',
      authors: parseByline(article.author === null ? null : oneLine(article.author)),
      source: sourceName === '' ? null : sourceName,
      issued: utcDateParts(article.publishedAt),
      accessed: utcDateParts(article.fetchedAt),
      url: webAddress(article),
      language: article.language === null || oneLine(article.language) === '' ? null : oneLine(article.language),
    };
    const base = baseKey(record);
    let key = base;
    for (let repeat = 0; used.has(key); repeat += 1) key = `${base}${keySuffix(repeat)}`;
    used.add(key);
    return { key, ...record };
  });
}
