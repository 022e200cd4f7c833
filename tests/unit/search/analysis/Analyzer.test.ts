import lunr from 'lunr';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Analyzer, type AnalyzedText } from '../../../../electron/core/search/analysis/Analyzer.ts';
import { isTokenSeparator } from '../../../../electron/core/search/analysis/isTokenSeparator.ts';
import { PIPELINE_LANGUAGES } from '../../../../electron/core/search/analysis/lunrLanguagePipeline.ts';
import { normalizeLanguage } from '../../../../electron/core/search/analysis/normalizeLanguage.ts';
import {
  SEARCH_FIELDS,
  type AnalyzedField,
  type SearchDocument,
  type SearchField,
} from '../../../../electron/core/search/SearchDocument.ts';
import { testdataDirectory } from '../../../support/testdataDirectory.ts';

/** The reference: lunr's own tokenizer and default index pipeline, as lunr.Builder runs them. */
const lunrPipeline = new lunr.Pipeline();
lunrPipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);

function analyzeWithLunr(value: string | string[]): AnalyzedText {
  const tokens = lunrPipeline.run(lunr.tokenizer(value));
  return {
    terms: tokens.map((token) => token.toString()),
    positions: tokens.map((token) => (token as unknown as { metadata: { index: number } }).metadata.index),
  };
}

function plain(field: AnalyzedField): AnalyzedText {
  return { terms: [...field.terms], positions: [...field.positions] };
}

function searchDocument(fields: Partial<Record<SearchField, string>>, language: string | null = null): SearchDocument {
  const all = Object.fromEntries(SEARCH_FIELDS.map((field) => [field, fields[field] ?? ''])) as Record<
    SearchField,
    string
  >;
  return { id: 'doc', publishedAt: null, language, fields: all };
}

interface Story {
  readonly title: string;
  readonly body: string;
}

function reutersStories(limit: number): Story[] {
  const text = gunzipSync(readFileSync(testdataDirectory('corpus', 'reuters21578.jsonl.gz'))).toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, limit)
    .map((line) => JSON.parse(line) as Story);
}

/** True when `query`'s terms occur in `field` at the same relative positions (a phrase match). */
function containsPhrase(field: AnalyzedField, query: AnalyzedText): boolean {
  const [firstTerm] = query.terms;
  const [firstPosition] = query.positions;
  if (firstTerm === undefined || firstPosition === undefined) return false;
  return field.terms.some(
    (term, start) =>
      term === firstTerm &&
      query.terms.every((queryTerm, index) =>
        field.terms.some(
          (candidate, at) =>
            candidate === queryTerm &&
            field.positions[at] === (field.positions[start] ?? 0) + (query.positions[index] ?? 0) - firstPosition,
        ),
      ),
  );
}

const TRICKY_STRINGS = [
  '',
  ' ',
  '   \t\n\r  ',
  'rare-earths  export\tcontrols\nand\r\nquotas',
  '--leading and trailing--',
  'a - b -- c',
  '...',
  '— – , ; : ! ? " \' ( ) [ ] { }',
  '1,234.5 $3.5 10% 12.5-pct 1986/87 2,000,000',
  "China's don't rock'n'roll 'quoted' O'Neil",
  'http://www.reuters.com/article/us-china-rare-earths?id=1&x=2 https://example.org/a_b',
  'jane.doe@example.com <info@reuters.com>',
  'U.S. U.K. e.g. i.e. Ph.D.',
  'The THE the tHe of OF and And',
  '"Rare earths," he said. (Gallium) [germanium] {indium}',
  'under_score __proto__ constructor hasOwnProperty toString valueOf',
  'non\u00a0breaking\u2003em\u3000ideographic\u2028line\u2029para\ufeffbom',
  'café naïve Zürich São Paulo Señor façade résumé ÀÉÎÕÜ ß ÿ',
  'Zürich’s “quoted” ‘single’ …ellipsis… €100 £5 ¥7 ©2024 ½',
  'emoji 👍 between 🇨🇳 words',
  'tab\tseparated\tvalues\vvertical\fformfeed',
];

describe('Analyzer', () => {
  it('splits on exactly the code units lunr.tokenizer.separator matches', () => {
    for (let code = 0; code <= 0xffff; code += 1) {
      expect(isTokenSeparator(code), `U+${code.toString(16)}`).toBe(
        lunr.tokenizer.separator.test(String.fromCharCode(code)),
      );
    }
  });

  it('gives the terms and positions of lunr 2.3.9 on 2,000 Reuters stories', () => {
    const analyzer = new Analyzer();
    const stories = reutersStories(2000);
    expect(stories).toHaveLength(2000);
    for (const [index, story] of stories.entries()) {
      const analyzed = analyzer.analyzeDocument(searchDocument({ title: story.title, text: story.body }));
      expect(plain(analyzed.fields.title), `story ${index} title`).toEqual(analyzeWithLunr(story.title));
      expect(plain(analyzed.fields.text), `story ${index} body`).toEqual(analyzeWithLunr(story.body));
      expect(analyzed.fields.author).toEqual({ terms: [], positions: [] });
    }
  });

  it.each(TRICKY_STRINGS)('gives lunr’s terms and positions for %j', (text) => {
    const analyzer = new Analyzer();
    // Twice: the second pass is answered from the memo.
    expect(analyzer.analyzeQueryText(text)).toEqual(analyzeWithLunr(text));
    expect(analyzer.analyzeQueryText(text)).toEqual(analyzeWithLunr(text));
    expect(plain(analyzer.analyzeDocument(searchDocument({ topics: text })).fields.topics)).toEqual(
      analyzeWithLunr(text),
    );
  });

  it('gives lunr’s terms and positions for random ASCII and Latin-1 text', () => {
    // Reuters is nearly all ASCII, so Latin-1 letters, typographic punctuation
    // and Unicode spaces are mixed in from a seeded generator.
    const pieces = [
      // One character a piece: every string here is ASCII or BMP, no surrogates.
      ...Array.from(
        'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789' +
          '.,;:!?\'"()[]{}<>/\\@#$%^&*_+=|~`' +
          'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ¡¿«»°±²³µ¶·¹º¼½¾' +
          '’‘“”—–…€™•',
      ),
      ...[' ', ' ', ' ', '-', '--', '\t', '\n', '\u00a0', '\u2009', '\u3000'],
      ...['the ', 'and ', 'of ', 'ing', 'ation', 'ies', 'ness', 'ly ', 'ed ', "'s "],
    ];
    let seed = 20240611;
    const random = (): number => {
      // mulberry32: a reproducible sequence, so a failure names a string that stays failing.
      seed = (seed + 0x6d2b79f5) | 0;
      let mixed = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
      return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
    };
    const analyzer = new Analyzer();
    for (let round = 0; round < 3000; round += 1) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let index = 0; index < length; index += 1) text += pieces[Math.floor(random() * pieces.length)] ?? '';
      expect(analyzer.analyzeQueryText(text), JSON.stringify(text)).toEqual(analyzeWithLunr(text));
    }
  });

  it('keeps lunr’s empty-string term for punctuation-only tokens, and counts stop words in positions', () => {
    const analyzer = new Analyzer();
    expect(analyzer.analyzeQueryText('gallium — germanium')).toEqual({
      terms: ['gallium', '', 'germanium'],
      positions: [0, 1, 2],
    });
    expect(analyzer.analyzeQueryText('export of gallium')).toEqual({ terms: ['export', 'gallium'], positions: [0, 2] });
    expect(analyzer.analyzeQueryText('"rare earths"')).toEqual({ terms: ['rare', 'earth'], positions: [0, 1] });
  });

  it('treats null and array field values as lunr.tokenizer does', () => {
    const analyzer = new Analyzer();
    const fields = { ...searchDocument({}).fields } as Record<SearchField, unknown>;
    fields.author = null;
    fields.topics = ['Rare Earths', 'trade-policy', 'the'];
    const analyzed = analyzer.analyzeDocument({ ...searchDocument({}), fields } as SearchDocument);
    expect(analyzed.fields.author).toEqual({ terms: [], positions: [] });
    // lunr keeps each element as one token; its metadata has no index, so the element's index is used.
    expect(analyzed.fields.topics.terms).toEqual(analyzeWithLunr(['Rare Earths', 'trade-policy', 'the']).terms);
    expect(analyzed.fields.topics).toEqual({ terms: ['rare earth', 'trade-polici'], positions: [0, 1] });
  });

  it('gives the same terms when the memo is cleared at its bound', () => {
    const bounded = new Analyzer({ memoLimit: 100 });
    const unbounded = new Analyzer();
    for (const story of reutersStories(50)) {
      expect(bounded.analyzeQueryText(story.body)).toEqual(unbounded.analyzeQueryText(story.body));
      expect(bounded.memoSize).toBeLessThanOrEqual(100);
    }
    expect(unbounded.memoSize).toBeGreaterThan(1000);
  });

  it('stems German documents with the German stemmer and stop words', () => {
    const analyzer = new Analyzer();
    const german = analyzer.analyzeDocument(
      searchDocument({ title: 'Die Häuser und das Haus', text: 'Exportkontrollen für Gallium, 2024' }, 'de-AT'),
    );
    // Snowball German folds the umlaut and strips -er: both spellings meet at "haus".
    expect(plain(german.fields.title)).toEqual({ terms: ['haus', 'haus'], positions: [1, 4] });
    expect(plain(german.fields.text)).toEqual({ terms: ['exportkontroll', 'gallium', '2024'], positions: [0, 2, 3] });
    expect(analyzer.analyzeQueryText('Häuser', 'de')).toEqual({ terms: ['haus'], positions: [0] });
    // English leaves the same word alone (only Latin-1 at the end, so lunr's trimmer keeps it).
    expect(analyzer.analyzeQueryText('Häuser', 'en')).toEqual(analyzeWithLunr('Häuser'));
    expect(analyzer.analyzeQueryText('Häuser').terms).toEqual(['häuser']);
  });

  it('falls back to lunr’s English pipeline for unknown languages', () => {
    const analyzer = new Analyzer();
    const text = 'The Houses were exporting rare earths';
    for (const language of [null, 'en', 'en-GB', 'xx', 'tlh-Latn', '']) {
      expect(plain(analyzer.analyzeDocument(searchDocument({ text }, language)).fields.text), String(language)).toEqual(
        analyzeWithLunr(text),
      );
    }
    expect(normalizeLanguage('de-AT').pipeline).toBe('de');
    expect(normalizeLanguage('pt_BR').pipeline).toBe('pt');
    expect(normalizeLanguage('nb').pipeline).toBe('no');
    expect(normalizeLanguage('du').pipeline).toBe('nl');
    expect(normalizeLanguage('constructor').pipeline).toBe('en');
    expect(normalizeLanguage('zh-Hant-TW')).toEqual({ pipeline: 'en', cjkLocale: 'zh' });
  });

  it('loads every language pipeline and keeps words the language’s trimmer would delete', () => {
    const analyzer = new Analyzer();
    for (const language of PIPELINE_LANGUAGES) {
      const analyzed = analyzer.analyzeQueryText('Export 2024, „quoted“ — москва αθήνα العربية', language);
      expect(analyzed.terms.length, language).toBeGreaterThanOrEqual(5);
      expect(analyzed.terms, language).toContain('2024');
    }
    // lunr.ru's trimmer knows only Cyrillic: lunr-languages alone would turn "export" into ''.
    expect(analyzer.analyzeQueryText('Москва, москвы export', 'ru')).toEqual({
      terms: ['москв', 'москв', 'export'],
      positions: [0, 1, 2],
    });
    // Greek gets lunr.el's trimmer and accent normalizer, so both spellings meet.
    const greek = analyzer.analyzeQueryText('Αθήνα, αθηνα', 'el').terms;
    expect(greek[0]).toBe(greek[1]);
  });

  it('keeps words in other scripts in English text, lowercased and trimmed but not stemmed', () => {
    const analyzer = new Analyzer();
    expect(analyzer.analyzeQueryText('«Москва» Αθήνα, «العربية» (עברית) हिन्दी ไทย łódź Erdoğan œuvres')).toEqual({
      terms: ['москва', 'αθήνα', 'العربية', 'עברית', 'हिन्दी', 'ไทย', 'łódź', 'erdoğan', 'œuvres'],
      positions: [0, 1, 2, 3, 4, 5, 6, 7, 8],
    });
    // Latin-1 stays exactly lunr's, mangled edges included.
    expect(analyzer.analyzeQueryText('café exports')).toEqual({ terms: ['caf', 'export'], positions: [0, 1] });
  });

  describe('CJK', () => {
    const documents = {
      rareEarths: '稀土出口管制',
      gallium: '中国商务部宣布对镓和锗实施出口管制。',
      japan: '日本の経済産業省は半導体の輸出規制を発表した。',
      korea: '산업통상자원부는 반도체 수출 규제를 발표했다.',
    };

    it('segments Chinese and Japanese text into words that queries find', () => {
      const analyzer = new Analyzer();
      const fieldOf = (text: string, language: string | null): AnalyzedField =>
        analyzer.analyzeDocument(searchDocument({ text }, language)).fields.text;

      const gallium = fieldOf(documents.gallium, 'zh-CN');
      expect(gallium.terms).toEqual(['中国', '商务', '部', '宣布', '对', '镓', '和', '锗', '实施', '出口', '管制']);
      expect(gallium.positions).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

      const exportControls = analyzer.analyzeQueryText('出口管制');
      expect(exportControls).toEqual({ terms: ['出口', '管制'], positions: [0, 1] });
      for (const language of ['zh', null]) {
        expect(containsPhrase(fieldOf(documents.rareEarths, language), exportControls)).toBe(true);
        expect(containsPhrase(fieldOf(documents.gallium, language), exportControls)).toBe(true);
      }

      // A kanji-only query (read as Chinese) still finds the Japanese article (read as Japanese).
      const japan = fieldOf(documents.japan, null);
      expect(japan.terms).toEqual(
        expect.arrayContaining(['日本', '経済', '産業', '省', '半導体', '輸出', '規制', '発表']),
      );
      const exportRegulation = analyzer.analyzeQueryText('輸出規制');
      expect(exportRegulation.terms).toEqual(['輸出', '規制']);
      expect(containsPhrase(japan, exportRegulation)).toBe(true);
      expect(containsPhrase(fieldOf(documents.japan, 'ja'), analyzer.analyzeQueryText('輸出規制', 'ja'))).toBe(true);
      expect(containsPhrase(japan, analyzer.analyzeQueryText('半導体'))).toBe(true);
      expect(containsPhrase(gallium, exportRegulation)).toBe(false);
    });

    it('keeps Korean words between spaces', () => {
      const analyzer = new Analyzer();
      const korea = analyzer.analyzeDocument(searchDocument({ text: documents.korea }, 'ko')).fields.text;
      expect(korea.terms).toContain('반도체');
      expect(containsPhrase(korea, analyzer.analyzeQueryText('반도체 수출'))).toBe(true);
    });

    it('analyses mixed CJK and English text in order', () => {
      const analyzer = new Analyzer();
      expect(analyzer.analyzeQueryText('稀土 export controls')).toEqual({
        terms: ['稀土', 'export', 'control'],
        positions: [0, 1, 2],
      });
      expect(analyzer.analyzeQueryText('China 稀土export controls (镓)')).toEqual({
        terms: ['china', '稀土', 'export', 'control', '镓'],
        positions: [0, 1, 2, 3, 4],
      });
      // Stop words in a mixed token still take their position.
      expect(analyzer.analyzeQueryText('稀土the管制 of the day')).toEqual({
        terms: ['稀土', '管制', 'day'],
        positions: [0, 2, 5],
      });
      const mixed = analyzer.analyzeDocument(
        searchDocument({ title: 'Rare earths: 中国宣布出口管制, says MOFCOM' }, null),
      ).fields.title;
      // "says" is one of lunr's stop words.
      expect(mixed.terms).toEqual(['rare', 'earth', '中国', '宣布', '出口', '管制', 'mofcom']);
      expect(mixed.positions).toEqual([0, 1, 2, 3, 4, 5, 7]);
    });
  });

  it('lowercases wildcard terms, and folds them as lunr-languages does for German and French', () => {
    const analyzer = new Analyzer();
    expect(analyzer.normalizeWildcardTerm('GALL*')).toBe('gall*');
    expect(analyzer.normalizeWildcardTerm('Häus*')).toBe('häus*');
    expect(analyzer.normalizeWildcardTerm('Häus*', 'de')).toBe('haus*');
    expect(analyzer.normalizeWildcardTerm('Élys*', 'fr')).toBe('elys*');
    expect(analyzer.normalizeWildcardTerm('Москв*', 'ru')).toBe('москв*');
  });
});
