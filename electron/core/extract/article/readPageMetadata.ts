import { parseDate } from '../../feeds/parseDate.ts';
import type { MinimalDocument } from './MinimalDocument.ts';
import { isObject } from './readJsonLd.ts';
import type { JsonLdObject } from './readJsonLd.ts';

/** What the page says about its article outside the body: meta tags, microdata, JSON-LD. */
export interface PageMetadata {
  readonly title: string | null;
  readonly byline: string | null;
  readonly publishedAt: string | null;
  readonly siteName: string | null;
  readonly language: string | null;
  readonly leadImageUrl: string | null;
  readonly excerpt: string | null;
  /** The page's own address (`<link rel="canonical">`, og:url), absolute http(s); null when it names none. */
  readonly canonicalUrl: string | null;
  /** What the page calls itself outside structured data (`<title>`, og:title, twitter:title): JSON-LD is checked against it. */
  readonly pageTitles: readonly string[];
}

/** Published-date meta tags, most specific first (Open Graph article, then common CMS and Dublin Core names). */
const DATE_META_KEYS = [
  'article:published_time',
  'og:article:published_time',
  'og:published_time',
  'datepublished',
  'published_time',
  'article.published',
  'parsely-pub-date',
  'sailthru.date',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'dc.date.issued',
  'dc.date',
  'dcterms.issued',
  'dcterms.created',
  'date',
];

/**
 * Reads the page's metadata. Must run before Readability, which removes the
 * scripts that hold JSON-LD. `articleObjects` are the page's JSON-LD
 * articles (first one wins); `baseUrl` resolves relative image URLs.
 */
export function readPageMetadata(
  document: MinimalDocument,
  articleObjects: readonly JsonLdObject[],
  baseUrl: string,
): PageMetadata {
  const meta = readMetaTags(document);
  const article = articleObjects[0];
  const metaValue = (...keys: string[]): string | null => {
    for (const key of keys) {
      const value = meta.get(key);
      if (value !== undefined) return value;
    }
    return null;
  };
  return {
    title: metaValue('og:title', 'twitter:title', 'dc.title') ?? stringOf(article?.['headline']) ?? null,
    byline: readByline(article, metaValue('author', 'article:author', 'dc.creator', 'parsely-author', 'byl')),
    publishedAt: readPublishedAt(document, article, meta),
    siteName:
      metaValue('og:site_name', 'application-name') ??
      (isObject(article?.['publisher']) ? stringOf(article['publisher']['name']) : null),
    language: readLanguage(document, meta, article),
    leadImageUrl: readLeadImage(document, article, meta, baseUrl),
    excerpt: metaValue('og:description', 'description', 'twitter:description') ?? stringOf(article?.['description']),
    canonicalUrl: readCanonicalUrl(document, metaValue('og:url'), baseUrl),
    pageTitles: [document.querySelector('title')?.textContent, meta.get('og:title'), meta.get('twitter:title')]
      .map((title) => stringOf(title))
      .filter((title) => title !== null),
  };
}

function readCanonicalUrl(document: MinimalDocument, openGraphUrl: string | null, baseUrl: string): string | null {
  for (const link of document.querySelectorAll('link')) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('canonical')) {
      const url = absoluteHttpUrl(link.getAttribute('href'), baseUrl);
      if (url !== null) return url;
    }
  }
  return absoluteHttpUrl(openGraphUrl, baseUrl);
}

/** meta name/property/itemprop (lower-cased) → first non-empty content. */
function readMetaTags(document: MinimalDocument): Map<string, string> {
  const values = new Map<string, string>();
  for (const element of document.querySelectorAll('meta')) {
    const content = element.getAttribute('content')?.trim();
    if (!content) continue;
    for (const attribute of ['property', 'name', 'itemprop', 'http-equiv']) {
      // `property` may hold several space-separated names (RDFa).
      for (const key of (element.getAttribute(attribute) ?? '').toLowerCase().split(/\s+/)) {
        if (key !== '' && !values.has(key)) values.set(key, content);
      }
    }
  }
  return values;
}

function stringOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed === '' ? null : trimmed;
}

function readPublishedAt(
  document: MinimalDocument,
  article: JsonLdObject | undefined,
  meta: ReadonlyMap<string, string>,
): string | null {
  const candidates: (string | null | undefined)[] = [
    stringOf(article?.['datePublished']),
    ...DATE_META_KEYS.map((key) => meta.get(key)),
  ];
  for (const element of document.querySelectorAll('[itemprop~="datePublished"]')) {
    candidates.push(element.getAttribute('datetime') ?? element.getAttribute('content') ?? element.textContent);
  }
  // A <time> element is the weakest signal: pages also date comments and related links with it.
  const time = document.querySelector('article time[datetime], time[pubdate][datetime], time[datetime]');
  candidates.push(time?.getAttribute('datetime'));
  candidates.push(stringOf(article?.['dateCreated']));
  for (const candidate of candidates) {
    if (candidate === null || candidate === undefined) continue;
    const parsed = parseDate(candidate);
    if (parsed !== null) return parsed;
  }
  return null;
}

/** JSON-LD author (a string, a Person, or a list of them), else the meta author — unless it is a URL (a profile page, not a name). */
function readByline(article: JsonLdObject | undefined, metaAuthor: string | null): string | null {
  const names = authorNames(article?.['author'] ?? article?.['creator']);
  if (names.length > 0) return names.join(', ');
  if (metaAuthor !== null && !/^https?:\/\//i.test(metaAuthor)) return metaAuthor;
  return null;
}

function authorNames(value: unknown): string[] {
  if (typeof value === 'string') return stringOf(value) === null || /^https?:\/\//i.test(value) ? [] : [value.trim()];
  if (Array.isArray(value)) return [...new Set(value.flatMap((item) => authorNames(item)))];
  if (isObject(value)) {
    const name = stringOf(value['name']);
    return name === null ? [] : [name];
  }
  return [];
}

function readLanguage(
  document: MinimalDocument,
  meta: ReadonlyMap<string, string>,
  article: JsonLdObject | undefined,
): string | null {
  const candidates = [
    document.documentElement?.getAttribute('lang'),
    document.documentElement?.getAttribute('xml:lang'),
    meta.get('content-language'),
    meta.get('og:locale')?.replace('_', '-'),
    stringOf(article?.['inLanguage']),
  ];
  for (const candidate of candidates) {
    const tag = candidate?.trim().split(',')[0]?.trim();
    if (tag !== undefined && /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(tag)) return tag;
  }
  return null;
}

function readLeadImage(
  document: MinimalDocument,
  article: JsonLdObject | undefined,
  meta: ReadonlyMap<string, string>,
  baseUrl: string,
): string | null {
  const candidates = [
    meta.get('og:image:secure_url'),
    meta.get('og:image'),
    meta.get('og:image:url'),
    imageUrlOf(article?.['image']),
    meta.get('twitter:image'),
    meta.get('twitter:image:src'),
    document.querySelector('link[rel~="image_src"]')?.getAttribute('href'),
    imageUrlOf(article?.['thumbnailUrl']),
  ];
  for (const candidate of candidates) {
    const url = absoluteHttpUrl(candidate, baseUrl);
    if (url !== null) return url;
  }
  return null;
}

/** JSON-LD `image`: a URL, an ImageObject, or a list of either; the first usable one. */
function imageUrlOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const url = imageUrlOf(item);
      if (url !== null) return url;
    }
    return null;
  }
  if (isObject(value)) return stringOf(value['url']) ?? stringOf(value['contentUrl']);
  return null;
}

export function absoluteHttpUrl(value: string | null | undefined, baseUrl: string): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  try {
    const url = new URL(value.trim(), baseUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
