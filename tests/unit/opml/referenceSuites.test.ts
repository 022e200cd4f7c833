import { describe, expect, it } from 'vitest';
import { exportOpml } from '../../../electron/core/opml/exportOpml.ts';
import type { OpmlDocument } from '../../../electron/core/opml/OpmlDocument.ts';
import { OpmlError } from '../../../electron/core/opml/OpmlError.ts';
import { parseOpml } from '../../../electron/core/opml/parseOpml.ts';
import { listOpmlTestFiles, readOpmlTestFile } from './opmlTestData.ts';

/** Other parsers' fixtures: expected structures where they exist, "reads without crashing" otherwise. */
interface FeedsmithOutline {
  readonly text?: string;
  readonly title?: string;
  readonly xmlUrl?: string;
  readonly htmlUrl?: string;
  readonly outlines?: readonly FeedsmithOutline[];
}

function roundTrip(document: OpmlDocument): OpmlDocument {
  const feeds = document.outlines.map((entry) => ({ ...entry, title: entry.title ?? '' }));
  return parseOpml(exportOpml(feeds, { title: document.title ?? '', dateCreated: new Date(0) }));
}

function withoutEmptyTitles(document: OpmlDocument): OpmlDocument['outlines'] {
  return document.outlines.map((entry) => ({ ...entry, title: entry.title ?? null }));
}

describe('reference suites', () => {
  it('feedsmith: reads the subscription list as feedsmith does, and round-trips it', () => {
    const document = parseOpml(readOpmlTestFile('feedsmith-references/subscriptions.opml'));
    const expected = JSON.parse(readOpmlTestFile('feedsmith-references/subscriptions.json')) as {
      head: { title: string };
      body: { outlines: FeedsmithOutline[] };
    };
    expect(document.title).toBe(expected.head.title);
    expect(document.outlines).toEqual(
      expected.body.outlines.map((outline) => ({
        url: outline.xmlUrl,
        title: outline.title ?? outline.text,
        siteUrl: outline.htmlUrl ?? null,
        folder: null,
      })),
    );
    expect(roundTrip(document).outlines).toEqual(document.outlines);
  });

  it('feedsmith: reads the spec examples that hold no feeds without error, explaining the links', () => {
    for (const name of ['category', 'countries', 'directory', 'places', 'script']) {
      const document = parseOpml(readOpmlTestFile(`feedsmith-references/${name}.opml`));
      expect(document.outlines, name).toEqual([]);
      expect(document.recovered, name).toBe(false);
    }
    const directory = parseOpml(readOpmlTestFile('feedsmith-references/directory.opml'));
    expect(directory.problems.filter((problem) => problem.includes('links to another subscription list'))).toHaveLength(
      6,
    );
  });

  it('holllo: reads its construction samples, folders included, and round-trips them', () => {
    const nested = parseOpml(readOpmlTestFile('holllo-opml-samples/opml_api/tests/samples/construction_2.opml'));
    expect(nested.title).toBe('Rust Feeds');
    expect(nested.outlines.map((entry) => [entry.folder, entry.title, entry.url])).toEqual([
      ['Rust Feeds', 'Rust Blog', 'https://blog.rust-lang.org/feed.xml'],
      ['Rust Feeds', 'Inside Rust', 'https://blog.rust-lang.org/inside-rust/feed.xml'],
      ['Mozilla Feeds', 'Mozilla Blog', 'https://blog.mozilla.org/feed'],
      ['Mozilla Feeds', 'Mozilla Hacks', 'https://hacks.mozilla.org/feed'],
    ]);
    expect(roundTrip(nested).outlines).toEqual(nested.outlines);
    const flat = parseOpml(readOpmlTestFile('holllo-opml-samples/opml_cli/tests/sample.opml'));
    expect(flat.outlines.map((entry) => entry.url)).toEqual([
      'https://blog.rust-lang.org/feed.xml',
      'https://blog.rust-lang.org/inside-rust/feed.xml',
    ]);
  });

  it('holllo: reads every sample without crashing; only "{not xml :)" is rejected', () => {
    for (const file of listOpmlTestFiles('holllo-opml-samples', ['.opml'])) {
      const text = readOpmlTestFile(file);
      if (file.endsWith('invalid_xml.opml')) {
        expect(() => parseOpml(text)).toThrow(OpmlError);
        continue;
      }
      // That crate rejects OPML 1.0/1.1, unknown versions and empty bodies; a reader should not.
      expect(() => parseOpml(text), file).not.toThrow();
    }
    const everything = parseOpml(
      readOpmlTestFile('holllo-opml-samples/opml_api/tests/samples/valid_opml_with_everything.opml'),
    );
    expect(everything.outlines).toEqual([]);
    expect(everything.problems).toContain(
      'line 18: skipped "Outline Title": the feed URL "Outline XML URL" is not an absolute URL',
    );
  });

  it('NetNewsWire: falls back to text when there are no title attributes', () => {
    const withTitles = parseOpml(readOpmlTestFile('netnewswire/Subs.opml'));
    const withoutTitles = parseOpml(readOpmlTestFile('netnewswire/SubsNoTitleAttributes.opml'));
    expect(withTitles.outlines).toHaveLength(206);
    expect(withTitles.duplicates).toHaveLength(1);
    expect(withoutTitles.outlines).toEqual(withTitles.outlines);
    expect(
      withTitles.outlines.find((entry) => entry.url === 'http://corinnekrych.blogspot.com/feeds/posts/default')?.title,
    ).toBe('chat & code');
    expect(roundTrip(withTitles).outlines).toEqual(withoutEmptyTitles(withTitles));
  });

  it('node-opmlparser: recovers the intact outlines of its corrupted list', () => {
    const document = parseOpml(readOpmlTestFile('node-opmlparser/test/opml/malformed.opml'));
    expect(document.recovered).toBe(true);
    expect(document.outlines).toHaveLength(15);
    // The one outline whose text attribute is corrupted (`texb Design…`) still has its title and URL.
    expect(document.outlines).toContainEqual({
      url: 'http://feeds.feedburner.com/designwoop',
      title: 'Design Woop | The Web Design and Development Blog',
      siteUrl: 'http://designwoop.com',
      folder: null,
    });
    expect(parseOpml(readOpmlTestFile('node-opmlparser/test/opml/top100.opml')).outlines).toHaveLength(100);
    for (const name of ['categories', 'empty-head', 'no-outlines', 'outline']) {
      expect(() => parseOpml(readOpmlTestFile(`node-opmlparser/test/opml/${name}.opml`)), name).not.toThrow();
    }
  });

  it('opml-go: reads reader exports and the spec samples the same before and after its re-serialisation', () => {
    const newsblur = parseOpml(readOpmlTestFile('opml-go-testdata/testdata/feedreader/newsblur.opml'));
    expect(newsblur.outlines.map((entry) => entry.folder)).toEqual([
      'Security',
      'Security',
      'Security',
      'Programming',
      'Programming',
    ]);
    expect(newsblur.outlines[0]?.url).toBe(
      'http://www.blogger.com/feeds/1176949257541686127/posts/default?max-results=25&redirect=false&start-index=26',
    );
    expect(parseOpml(readOpmlTestFile('opml-go-testdata/testdata/feedreader/feedly.opml')).outlines).toHaveLength(5);
    for (const name of ['category', 'directory', 'placesLived', 'simpleScript', 'states', 'subscriptionList']) {
      const input = parseOpml(readOpmlTestFile(`opml-go-testdata/testdata/spec/unmarshal/${name}.opml`));
      const output = parseOpml(readOpmlTestFile(`opml-go-testdata/testdata/spec/marshal/${name}.opml`));
      expect(output.outlines, name).toEqual(input.outlines);
    }
  });
});
