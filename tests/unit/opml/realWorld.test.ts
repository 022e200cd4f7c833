import { describe, expect, it } from 'vitest';
import type { OpmlDocument } from '../../../electron/core/opml/OpmlDocument.ts';
import { OpmlError } from '../../../electron/core/opml/OpmlError.ts';
import { parseOpml } from '../../../electron/core/opml/parseOpml.ts';
import { listOpmlTestFiles, readOpmlTestFile } from './opmlTestData.ts';

/**
 * 128 real subscription lists, 80 of them not well-formed XML (unescaped
 * `&` and `"` in attribute values). No expected output exists, so the
 * checks are: nothing crashes, every xmlUrl in a file is accounted for
 * (imported, reported as a duplicate, or reported as a problem), our
 * well-formedness verdict matches expat's (wellformedness.tsv) for every
 * file in the corpus, and a few feeds read by eye from the files.
 */
const plenary = 'real-world/plenaryapp-awesome-rss-feeds';

/** Problems that explain an outline carrying xmlUrl that was not imported. */
const skippedFeedPattern = /^line \d+: skipped .*: (?:the feed URL |its feed URL \(xmlUrl\) is empty|its xmlUrl value)/;

function countXmlUrlAttributes(text: string): number {
  return text.match(/\sxmlurl\s*=/gi)?.length ?? 0;
}

function parseOrReject(text: string): OpmlDocument | OpmlError {
  try {
    return parseOpml(text);
  } catch (error) {
    if (error instanceof OpmlError) return error;
    throw error;
  }
}

describe('real-world subscription lists', () => {
  const files = listOpmlTestFiles('real-world', ['.opml']);

  it('reads every list, strictly or by recovery, and accounts for every xmlUrl', () => {
    let strict = 0;
    let recovered = 0;
    let rejected = 0;
    let feeds = 0;
    let recoveredFeeds = 0;
    for (const file of files) {
      const text = readOpmlTestFile(file);
      const result = parseOrReject(text);
      if (result instanceof OpmlError) {
        rejected += 1;
        continue;
      }
      if (result.recovered) {
        recovered += 1;
        recoveredFeeds += result.outlines.length;
      } else {
        strict += 1;
      }
      feeds += result.outlines.length;
      const skipped = result.problems.filter((problem) => skippedFeedPattern.test(problem)).length;
      expect(result.outlines.length + result.duplicates.length + skipped, file).toBe(countXmlUrlAttributes(text));
      for (const entry of result.outlines) expect(entry.url, file).toMatch(/^https?:\/\/[^\s"]+$/);
    }
    console.info(
      `real-world: ${files.length} files, ${strict} strict, ${recovered} recovered, ${rejected} rejected; ` +
        `${feeds} feeds (${recoveredFeeds} from recovered files)`,
    );
    expect(files).toHaveLength(127); // plus the LICENSE file: the "128" of the brief
    expect(rejected).toBe(0);
    expect(recovered).toBe(80);
    expect(feeds).toBeGreaterThanOrEqual(3_800);
    expect(recoveredFeeds).toBeGreaterThanOrEqual(1_200);
  });

  it('flags exactly the files expat finds not well-formed, across the whole corpus', () => {
    const rows = readOpmlTestFile('wellformedness.tsv')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'));
    expect(rows.length).toBeGreaterThanOrEqual(280);
    for (const [file = '', , status] of rows) {
      const result = parseOrReject(readOpmlTestFile(file));
      if (result instanceof OpmlError) {
        // Only files with no OPML in them at all: FOAF/RDF, the non-OPML namespace, "{not xml :)".
        expect(file, result.message).toMatch(/listparser-suite\/tests\/files\/(?:rdf\/|unknown-namespace)|invalid_xml/);
        continue;
      }
      expect(result.recovered, file).toBe(status === 'MALFORMED');
    }
  });

  it('recovers titles with unescaped quotes and ampersands', () => {
    const russia = parseOpml(readOpmlTestFile(`${plenary}/countries/with_category/Russia.opml`));
    expect(russia.recovered).toBe(true);
    expect(russia.problems[0]).toMatch(
      /^the file is not well-formed XML \(line 20, column 27: .*13 feeds were recovered in 1 folder/,
    );
    expect(russia.outlines).toContainEqual({
      url: 'https://www.kommersant.ru/RSS/main.xml',
      title: 'Газета "Коммерсантъ". Главное',
      siteUrl: null,
      folder: 'Russia',
    });

    const food = parseOpml(readOpmlTestFile(`${plenary}/recommended/without_category/Food.opml`));
    expect(food.outlines).toContainEqual({
      url: 'https://cnz.to/feed/',
      title: 'Chocolate & Zucchini',
      siteUrl: null,
      folder: null,
    });

    const business = parseOpml(readOpmlTestFile(`${plenary}/recommended/with_category/Business & Economy.opml`));
    expect(business.outlines.every((entry) => entry.folder === 'Business & Economy')).toBe(true);
    expect(business.outlines.map((entry) => entry.url)).toContain(
      'https://www.youtube.com/feeds/videos.xml?user=Bloomberg',
    );
  });

  it('keeps an unescaped "&" inside a recovered URL', () => {
    const file = listOpmlTestFiles(plenary, ['.opml']).find((candidate) =>
      readOpmlTestFile(candidate).includes('kusa/home&x=1'),
    );
    expect(file).toBeDefined();
    const document = parseOpml(readOpmlTestFile(file ?? ''));
    expect(document.recovered).toBe(true);
    expect(document.outlines.map((entry) => entry.url)).toContain('http://rssfeeds.9news.com/kusa/home&x=1');
  });

  it('decodes escaped ampersands in Fever exports', () => {
    const fever = parseOpml(readOpmlTestFile('real-world/cudeso__fever-info.opml'));
    expect(fever.recovered).toBe(false);
    expect(fever.title).toBe('Fever // Info');
    expect(fever.outlines[1]?.url).toBe(
      'http://www.ibm.com/developerworks/views/opensource/rss/libraryview.jsp?site_id=1&contentarea_by=Linux&topic_by=All%20Linux%20Topics&product_by=&type_by=All%20Linux%20Types&search_by=&industry_by=&sort_by=Date&series_title_by=',
    );
    expect(fever.outlines[1]?.siteUrl).toBe('http://www.ibm.com/developerworks/');
  });

  it('reads Google Reader folders, duplicates across folders and scheme-less URLs', () => {
    const reader = parseOpml(readOpmlTestFile('real-world/AramZS__google-reader-subscriptions.opml'));
    expect(reader.recovered).toBe(false);
    expect(reader.title).toBe('Aram ZS subscriptions in Google Reader');
    // The folder outline says text="On The Media" title="Media Industry"; title wins, as for feeds.
    expect(reader.outlines[0]).toEqual({
      url: 'http://www.readwriteweb.com/rss.xml',
      title: 'ReadWriteWeb',
      siteUrl: 'http://readwrite.com',
      folder: 'Media Industry',
    });
    expect(reader.outlines).toHaveLength(664);
    expect(reader.duplicates).toHaveLength(40);
    expect(reader.problems).toContain(
      'line 165: skipped "Digested Read - The Guardian": the feed URL "www.theguardian.com/books/series/digestedread/rss" is not an absolute URL',
    );
  });

  it('reads large generated lists in full', () => {
    expect(parseOpml(readOpmlTestFile('real-world/eugeneius__subscriptions.opml')).outlines).toHaveLength(663);
    expect(parseOpml(readOpmlTestFile('real-world/matthiasott__personal-websites.opml')).outlines).toHaveLength(314);
    const feedly = parseOpml(readOpmlTestFile('real-world/cudeso__feedly.opml'));
    expect(feedly.outlines).toHaveLength(124);
    expect(new Set(feedly.outlines.map((entry) => entry.folder)).size).toBeGreaterThan(1);
  });
});
