import { plugins, type CslData, type CslName } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-ris';
import { parse as parseBibtex, type Creator } from '@retorquere/bibtex-parser';
import { describe, expect, it } from 'vitest';
import { citationText, toBibtex, toCslJson, toRis } from '../../../electron/core/export/citations.ts';
import type { Article } from '../../../electron/shared/model.ts';
import { exportArticle } from './exportArticle.ts';

/** What each format must carry back for an article, whatever its text held. */
interface Expected {
  readonly title: string;
  /** Each author as "Given Family Suffix" (particles in the family), or an organization whole. */
  readonly names: readonly string[];
  readonly source: string | null;
  readonly issued: readonly number[] | null;
  readonly accessed: readonly number[];
  readonly url: string | null;
}

interface Case {
  readonly name: string;
  /** Its place in CASES: the record each format writes for it is at the same place. */
  readonly index: number;
  readonly article: Article;
  readonly expected: Expected;
}

const FETCHED = [2025, 9, 8];

function hostileCase(name: string, article: Partial<Article>, expected: Partial<Expected>): Omit<Case, 'index'> {
  const built = exportArticle(article);
  return {
    name,
    article: built,
    expected: {
      title: built.title,
      names: [],
      source: built.siteName ?? built.feedTitle,
      issued: [2025, 9, 7],
      accessed: FETCHED,
      url: built.url,
      ...expected,
    },
  };
}

const CASES: readonly Case[] = (
  [
    hostileCase(
      'two people in a "By … and …" byline, a colon in the title',
      { author: 'By Jane Doe and John Roe', title: 'Magnet: export curbs widen' },
      { names: ['Jane Doe', 'John Roe'] },
    ),
    hostileCase(
      'every LaTeX special character, a corporate author, "and" in the source, braces in the URL',
      {
        id: 'a2',
        author: 'Reuters Staff',
        title: 'Profit {up} 50% & costs $3 #1 under_score ~ ^ \\ back}',
        siteName: 'Procter and Gamble News',
        url: 'https://example.com/a%20b/(x)?q={y}&z=1#frag',
      },
      { names: ['Reuters Staff'] },
    ),
    hostileCase(
      'accents in title, author and source',
      {
        id: 'a3',
        author: 'Zoë Müller-Lüdenscheidt',
        title: 'Ökonomie: Preise für Seltene Erden',
        siteName: 'Süddeutsche Zeitung',
        language: 'de',
      },
      { names: ['Zoë Müller-Lüdenscheidt'] },
    ),
    hostileCase(
      'CJK title, author and source',
      { id: 'a4', author: '王小明', title: '稀土磁铁出口管制扩大', siteName: '新华社', language: 'zh' },
      { names: ['王小明'] },
    ),
    hostileCase(
      'no author, no date, no source, a line break and quotes in the title',
      { id: 'a5', author: null, publishedAt: null, siteName: null, feedTitle: null, title: 'Line one\nLine "two"' },
      { title: 'Line one Line "two"', issued: null, source: null },
    ),
    hostileCase(
      'a particle and a suffix',
      { id: 'a6', author: 'By Ludwig van Beethoven and Martin Luther King Jr.', title: 'The sonata' },
      { names: ['Ludwig van Beethoven', 'Martin Luther King Jr.'] },
    ),
  ] satisfies Omit<Case, 'index'>[]
).map((each, index) => ({ ...each, index }));
const ARTICLES = CASES.map((each) => each.article);
/** The citation keys of CASES, the same in BibTeX and CSL-JSON. */
const CASE_KEYS = [
  'doe2025magnet',
  'reuters2025profit',
  'mullerludenscheidt2025okonomie',
  'article2025',
  'articleline',
  'vanbeethoven2025sonata',
];

/** The parsed record of each case, checked to be there. */
function recordOf<T>(records: readonly T[], index: number): T {
  expect(records).toHaveLength(CASES.length);
  const record = records[index];
  if (record === undefined) throw new Error(`no record ${index}`);
  return record;
}

/** URLs as BibTeX carries them: braces percent-encoded (a verbatim field cannot hold a lone one). */
function bibtexUrl(url: string | null): string | null {
  return url?.replace(/\{/g, '%7B').replace(/\}/g, '%7D') ?? null;
}

function cslNameText(name: CslName | string): string {
  if (typeof name === 'string') {
    // RIS keeps "Family, Given, Suffix" as written.
    const [family = '', given, suffix] = name.split(', ');
    return [given, family, suffix].filter((part) => part !== undefined).join(' ');
  }
  if (name.literal !== undefined) return name.literal;
  return [name.given, name['dropping-particle'], name['non-dropping-particle'], name.family, name.suffix]
    .filter((part) => part !== undefined)
    .join(' ');
}

function creatorText(creator: Creator): string {
  if (creator.name !== undefined) return creator.name;
  return [creator.firstName, creator.prefix, creator.lastName, creator.suffix]
    .filter((part) => part !== undefined)
    .join(' ');
}

/** Date-parts or null; RIS readers may keep only the year. */
function dateParts(date: CslData['issued']): readonly number[] | null {
  return date?.['date-parts']?.[0] ?? null;
}

function expectCsl(item: CslData, expected: Expected, options: { url: string | null; source: string | null }) {
  expect(item.title).toBe(expected.title);
  expect([...(item.author ?? []), ...(item.reporter ?? [])].map(cslNameText)).toEqual(expected.names);
  expect(item.URL ?? null).toBe(options.url);
  expect(dateParts(item.accessed)).toEqual(expected.accessed);
  expect(item['container-title'] ?? item.publisher ?? null).toBe(options.source);
}

describe('toBibtex', () => {
  const bibtex = toBibtex(ARTICLES);

  it.each(CASES)('reads back through Citation.js: $name', ({ expected, index }) => {
    const item = recordOf(plugins.input.chain(bibtex), index);
    expectCsl(item, expected, { url: bibtexUrl(expected.url), source: expected.source });
    expect(dateParts(item.issued)).toEqual(expected.issued);
  });

  it.each(CASES)('reads back through @retorquere/bibtex-parser: $name', ({ expected, index }) => {
    const library = parseBibtex(bibtex, { sentenceCase: false });
    expect(library.errors).toEqual([]);
    const entry = recordOf(library.entries, index);
    const fields = entry.fields;
    expect(entry.type).toBe('online');
    expect(fields['title']).toBe(expected.title);
    expect((fields['author'] ?? []).map(creatorText)).toEqual(expected.names);
    expect(fields['organization'] ?? null).toEqual(expected.source === null ? null : [expected.source]);
    expect(fields['url']).toBe(bibtexUrl(expected.url));
    expect(fields['date'] ?? null).toBe(expected.issued === null ? null : '2025-09-07');
    expect(fields['urldate']).toBe('2025-09-08');
  });

  it('names each language biblatex knows, so a German title keeps its capitals under sentence case', () => {
    const library = parseBibtex(toBibtex([CASES[2]?.article ?? exportArticle()]));
    expect(library.entries[0]?.fields['langid']).toBe('ngerman');
    expect(library.entries[0]?.fields['title']).toBe('Ökonomie: Preise für Seltene Erden');
  });

  it('writes @online entries with the fields biblatex expects', () => {
    expect(toBibtex([ARTICLES[0] ?? exportArticle()])).toBe(`@online{doe2025magnet,
  title = {Magnet: export curbs widen},
  author = {Doe, Jane and Roe, John},
  organization = {{Example Wire}},
  date = {2025-09-07},
  url = {https://example.com/news/magnets},
  urldate = {2025-09-08},
  langid = {english},
}
`);
  });

  it('gives stable keys, unique with a, b, c, from family name or source, year and first title word', () => {
    const same = exportArticle({ title: 'The magnet rules' });
    const keys = (articles: readonly Article[]) =>
      [...toBibtex(articles).matchAll(/^@online\{([^,]+),/gm)].map((m) => m[1]);
    expect(keys([same, same, same])).toEqual(['doe2025magnet', 'doe2025magneta', 'doe2025magnetb']);
    expect(keys([same, same, same])).toEqual(keys([same, same, same]));
    expect(keys(ARTICLES)).toEqual(CASE_KEYS);
    expect(keys([exportArticle({ author: null, siteName: 'The Economist', title: 'A world of magnets' })])).toEqual([
      'economist2025world',
    ]);
  });
});

describe('toRis', () => {
  const ris = toRis(ARTICLES);

  it('is tagged lines with CRLF endings, one TY … ER record per article', () => {
    const lines = ris.split('\r\n');
    expect(ris).not.toMatch(/[^\r]\n/);
    expect(lines.at(-1)).toBe('');
    for (const line of lines.filter((each) => each !== '')) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- /);
    expect(lines.filter((line) => line.startsWith('TY  - '))).toHaveLength(CASES.length);
    expect(lines.filter((line) => line === 'ER  - ')).toHaveLength(CASES.length);
    expect(lines[0]).toBe('TY  - NEWS');
  });

  it.each(CASES)('reads back through Citation.js: $name', ({ expected, index }) => {
    const item = recordOf(plugins.input.chain(ris), index);
    expect(item.type).toBe(expected.source === null ? 'webpage' : 'article-newspaper');
    expect(item.title).toBe(expected.title);
    const names = item.reporter ?? item.author ?? [];
    expect((typeof names === 'string' ? [names] : names).map(cslNameText)).toEqual(expected.names);
    expect(item.URL).toBe(expected.url);
    // Citation.js reads a newspaper's year from PY (DA is checked in the raw lines below).
    expect(dateParts(item.issued)?.[0] ?? null).toBe(expected.issued?.[0] ?? null);
    if (expected.source !== null) {
      expect(item['container-title']).toBe(expected.source);
      expect(dateParts(item.accessed)).toEqual(expected.accessed);
    }
  });

  it('writes the full date, the access date and the language', () => {
    const [first] = ris.split('\r\n\r\n');
    expect(first?.split('\r\n')).toEqual([
      'TY  - NEWS',
      'ID  - doe2025magnet',
      'TI  - Magnet: export curbs widen',
      'AU  - Doe, Jane',
      'AU  - Roe, John',
      'T2  - Example Wire',
      'PY  - 2025',
      'DA  - 2025/09/07/',
      'UR  - https://example.com/news/magnets',
      'Y2  - 2025/09/08/',
      'LA  - en',
      'ER  - ',
    ]);
  });
});

describe('toCslJson', () => {
  const json = toCslJson(ARTICLES);

  it.each(CASES)('reads back through Citation.js: $name', ({ expected, index }) => {
    const item = recordOf(plugins.input.chain(json), index);
    expect(item.type).toBe(expected.source === null ? 'webpage' : 'article-newspaper');
    expectCsl(item, expected, { url: expected.url, source: expected.source });
    expect(dateParts(item.issued)).toEqual(expected.issued);
  });

  it('is valid input for a CSL processor (an APA bibliography names every title)', () => {
    const bibliography = plugins.output.format('bibliography', plugins.input.chain(json), {
      template: 'apa',
      format: 'text',
    });
    expect(bibliography).toContain('Doe, J., & Roe, J. (2025, September 7). Magnet: export curbs widen. Example Wire.');
    expect(bibliography).toContain('Reuters Staff. (2025, September 7).');
    expect(bibliography).toContain('稀土磁铁出口管制扩大');
  });

  it('writes people as family and given, organizations as literal names', () => {
    const items = JSON.parse(json) as { author?: unknown[]; id: string; language?: string }[];
    expect(items[0]?.author).toEqual([
      { family: 'Doe', given: 'Jane' },
      { family: 'Roe', given: 'John' },
    ]);
    expect(items[1]?.author).toEqual([{ literal: 'Reuters Staff' }]);
    expect(items[5]?.author).toEqual([
      { family: 'van Beethoven', given: 'Ludwig' },
      { family: 'King', given: 'Martin Luther', suffix: 'Jr.' },
    ]);
    expect(items.map((item) => item.id)).toEqual(CASE_KEYS);
    expect(items[3]?.language).toBe('zh');
  });
});

describe('citationText', () => {
  it('writes one MLA line: authors, title, source, date, address, access date', () => {
    expect(citationText(ARTICLES[0] ?? exportArticle())).toBe(
      'Doe, Jane, and John Roe. "Magnet: export curbs widen." Example Wire, 7 Sept. 2025, https://example.com/news/magnets. Accessed 8 Sept. 2025.',
    );
    expect(citationText(ARTICLES[5] ?? exportArticle())).toBe(
      'van Beethoven, Ludwig, and Martin Luther King, Jr. "The sonata." Example Wire, 7 Sept. 2025, https://example.com/news/magnets. Accessed 8 Sept. 2025.',
    );
  });

  it('leaves out what the article lacks and nests quotation marks', () => {
    expect(citationText(ARTICLES[4] ?? exportArticle())).toBe(
      `"Line one Line 'two'." https://example.com/news/magnets. Accessed 8 Sept. 2025.`,
    );
  });

  it('uses et al. past two authors, keeps a question mark, and names an agency once', () => {
    const many = exportArticle({ author: 'Ann Lee, Bo Park and Cy Diaz', title: 'Who owns the mines?' });
    expect(citationText(many)).toBe(
      'Lee, Ann, et al. "Who owns the mines?" Example Wire, 7 Sept. 2025, https://example.com/news/magnets. Accessed 8 Sept. 2025.',
    );
    const agency = exportArticle({ author: 'Reuters', siteName: 'Reuters', title: 'Copper rises' });
    expect(citationText(agency)).toBe(
      '"Copper rises." Reuters, 7 Sept. 2025, https://example.com/news/magnets. Accessed 8 Sept. 2025.',
    );
  });
});
