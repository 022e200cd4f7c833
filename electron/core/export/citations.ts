import type { CitationName } from './bylineNames.ts';
import { citationRecords, type CitableArticle, type CitationRecord, type DateParts } from './citationRecords.ts';

export type { CitableArticle } from './citationRecords.ts';

/** A CSL-JSON name: a person's parts, or a name printed whole. */
export type CslName =
  { readonly family: string; readonly given: string; readonly suffix?: string } | { readonly literal: string };

/** One CSL-JSON item, the form Zotero, Pandoc and citeproc read. */
export interface CslItem {
  readonly id: string;
  readonly type: 'article-newspaper' | 'webpage';
  readonly title: string;
  readonly author?: readonly CslName[];
  readonly 'container-title'?: string;
  readonly issued?: { readonly 'date-parts': readonly (readonly number[])[] };
  readonly accessed?: { readonly 'date-parts': readonly (readonly number[])[] };
  readonly URL?: string;
  readonly language?: string;
}

function cslName(name: CitationName): CslName {
  if (name.kind === 'literal') return { literal: name.name };
  return name.suffix === null
    ? { family: name.family, given: name.given }
    : { family: name.family, given: name.given, suffix: name.suffix };
}

function cslItem(record: CitationRecord): CslItem {
  return {
    id: record.key,
    type: record.kind === 'news' ? 'article-newspaper' : 'webpage',
    title: record.title,
    ...(record.authors.length === 0 ? {} : { author: record.authors.map(cslName) }),
    ...(record.source === null ? {} : { 'container-title': record.source }),
    ...(record.issued === null ? {} : { issued: { 'date-parts': [[...record.issued]] } }),
    ...(record.accessed === null ? {} : { accessed: { 'date-parts': [[...record.accessed]] } }),
    ...(record.url === null ? {} : { URL: record.url }),
    ...(record.language === null ? {} : { language: record.language }),
  };
}

/** The articles as CSL-JSON items (ids are the same keys toBibtex uses). */
export function cslItems(articles: readonly CitableArticle[]): CslItem[] {
  return citationRecords(articles).map(cslItem);
}

/** The articles as a CSL-JSON file: an array of items, `article-newspaper` from a named source, else `webpage`. */
export function toCslJson(articles: readonly CitableArticle[]): string {
  return `${JSON.stringify(cslItems(articles), null, 2)}\n`;
}

// ---- BibTeX (biblatex) ----

/**
 * LaTeX's special characters as commands. Braces become \textbraceleft and
 * \textbraceright rather than \{ \}: BibTeX and biber count braces whether
 * escaped or not, so a lone one would unbalance the field.
 */
const BIBTEX_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '%': '\\%',
  '&': '\\&',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Text for a braced BibTeX field: LaTeX specials escaped, everything else (accents, CJK) left as UTF-8. */
function bibtexText(text: string): string {
  return text.replace(/[\\{}%&$#_~^]/g, (character) => BIBTEX_ESCAPES[character] ?? character);
}

/** A name list: people as "Family, Suffix, Given", organizations in braces so "and" and spaces in them stay theirs. */
function bibtexNames(names: readonly CitationName[]): string {
  return names
    .map((name) => {
      if (name.kind === 'literal') return `{${bibtexText(name.name)}}`;
      const family = /\band\b/i.test(name.family) ? `{${bibtexText(name.family)}}` : bibtexText(name.family);
      const parts = [family, ...(name.suffix === null ? [] : [bibtexText(name.suffix)]), bibtexText(name.given)];
      return parts.join(', ');
    })
    .join(' and ');
}

function isoDate(parts: DateParts): string {
  const [year, month, day] = parts;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A URL for a verbatim field: only braces and backslashes (which would end or escape it) percent-encoded. */
function bibtexUrl(url: string): string {
  return url.replace(/[{}\\]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * biblatex's names (babel's) for the commonest languages: with a langid,
 * styles leave a German or French title's capitals alone instead of
 * applying English sentence case. Others get none (biblatex assumes English).
 */
const LANGIDS: Readonly<Record<string, string>> = {
  en: 'english',
  'en-us': 'american',
  'en-gb': 'british',
  de: 'ngerman',
  fr: 'french',
  es: 'spanish',
  it: 'italian',
  pt: 'portuguese',
  'pt-br': 'brazilian',
  nl: 'dutch',
  ru: 'russian',
  uk: 'ukrainian',
  pl: 'polish',
  cs: 'czech',
  sv: 'swedish',
  da: 'danish',
  nb: 'norsk',
  no: 'norsk',
  fi: 'finnish',
  el: 'greek',
  tr: 'turkish',
};

function langid(language: string | null): string | null {
  if (language === null) return null;
  const tag = language.toLowerCase();
  return LANGIDS[tag] ?? LANGIDS[tag.split('-')[0] ?? ''] ?? null;
}

function bibtexEntry(record: CitationRecord): string {
  const fields: [string, string][] = [['title', bibtexText(record.title)]];
  if (record.authors.length > 0) fields.push(['author', bibtexNames(record.authors)]);
  // organization is a list: a source with "and" in its name is one organization, in braces.
  if (record.source !== null) fields.push(['organization', `{${bibtexText(record.source)}}`]);
  if (record.issued !== null) fields.push(['date', isoDate(record.issued)]);
  if (record.url !== null) fields.push(['url', bibtexUrl(record.url)]);
  if (record.accessed !== null) fields.push(['urldate', isoDate(record.accessed)]);
  const language = langid(record.language);
  if (language !== null) fields.push(['langid', language]);
  return `@online{${record.key},\n${fields.map(([name, value]) => `  ${name} = {${value}},`).join('\n')}\n}\n`;
}

/**
 * The articles as biblatex `@online` entries (title, author, organization =
 * the source, date, url, urldate = when Offprint fetched it, langid), keyed
 * `doe2025magnet`. @online rather than @article: a feed item has no volume
 * or pages, and biblatex prints url and urldate for @online only by default.
 */
export function toBibtex(articles: readonly CitableArticle[]): string {
  return citationRecords(articles).map(bibtexEntry).join('\n');
}

// ---- RIS ----

const CRLF = '\r\n';

function risDate(parts: DateParts): string {
  return isoDate(parts).replace(/-/g, '/') + '/';
}

function risName(name: CitationName): string {
  if (name.kind === 'literal') return name.name.replace(/,/g, ' ');
  return [name.family, name.given, ...(name.suffix === null ? [] : [name.suffix])].join(', ');
}

function risRecord(record: CitationRecord): string {
  const lines: [string, string][] = [
    ['TY', record.kind === 'news' ? 'NEWS' : 'ELEC'],
    ['ID', record.key],
    ['TI', record.title],
  ];
  for (const author of record.authors) lines.push(['AU', risName(author)]);
  if (record.source !== null) lines.push(['T2', record.source]);
  if (record.issued !== null) lines.push(['PY', String(record.issued[0])], ['DA', risDate(record.issued)]);
  if (record.url !== null) lines.push(['UR', record.url]);
  if (record.accessed !== null) lines.push(['Y2', risDate(record.accessed)]);
  if (record.language !== null) lines.push(['LA', record.language]);
  lines.push(['ER', '']);
  return lines.map(([tag, value]) => `${tag}  - ${value}${CRLF}`).join('');
}

/**
 * The articles as RIS, one record each (`NEWS` with the source as T2, or
 * `ELEC` for a page with no source name): TI, AU per author ("Family,
 * Given"), PY and DA, UR, Y2 (the fetch date), LA. CRLF line endings, as the
 * format asks.
 */
export function toRis(articles: readonly CitableArticle[]): string {
  return citationRecords(articles).map(risRecord).join(CRLF);
}

// ---- One line to copy ----

/** MLA's month abbreviations. */
const MONTHS = ['Jan.', 'Feb.', 'Mar.', 'Apr.', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];

function mlaDate([year, month, day]: DateParts): string {
  return `${day} ${MONTHS[month - 1] ?? ''} ${year}`;
}

function mlaAuthors(names: readonly CitationName[]): string {
  const plain = (name: CitationName): string =>
    name.kind === 'literal'
      ? name.name
      : [name.given, name.family].join(' ') + (name.suffix === null ? '' : `, ${name.suffix}`);
  const [first, second] = names;
  if (first === undefined) return '';
  const lead =
    first.kind === 'literal'
      ? first.name
      : `${first.family}, ${first.given}${first.suffix === null ? '' : `, ${first.suffix}`}`;
  if (names.length === 1) return lead;
  if (names.length === 2 && second !== undefined) return `${lead}, and ${plain(second)}`;
  return `${lead}, et al`;
}

/** `text` closed with a period unless it already ends in one (or ? or !). */
function sentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

/**
 * One article as a plain one-line citation to copy (MLA 9):
 * `Doe, Jane, and John Roe. "Magnet Export Curbs Widen." Example Wire, 7 Sept. 2025, https://…. Accessed 8 Sept. 2025.`
 * The access date is when Offprint fetched the article. Parts the article
 * lacks are left out.
 */
export function citationText(article: CitableArticle): string {
  const [record] = citationRecords([article]);
  if (record === undefined) return '';
  // An agency credited as author and source is named once, as MLA asks.
  const [only] = record.authors;
  const sameAsSource =
    record.authors.length === 1 && only?.kind === 'literal' && only.name.toLowerCase() === record.source?.toLowerCase();
  const authors = sameAsSource ? '' : mlaAuthors(record.authors);
  // Quotation marks inside the title become single ones, as MLA nests them.
  const quoted = record.title.replace(/"/g, "'").replace(/[“”]/g, (mark) => (mark === '“' ? '‘' : '’'));
  const title = /[.?!]$/.test(quoted) ? `"${quoted}"` : `"${quoted}."`;
  const container = [record.source, record.issued === null ? null : mlaDate(record.issued), record.url].filter(
    (part) => part !== null,
  );
  const parts = [
    authors === '' ? null : sentence(authors),
    title,
    container.length === 0 ? null : sentence(container.join(', ')),
    record.accessed === null ? null : `Accessed ${mlaDate(record.accessed)}.`,
  ];
  return parts.filter((part) => part !== null).join(' ');
}
