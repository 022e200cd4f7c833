import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFeeds } from '../../../electron/core/feeds/discoverFeeds.ts';
import { testdataDirectory } from '../../support/testdataDirectory.ts';

/** Shared conformance data (see its MANIFEST.md). */
const TESTDATA = testdataDirectory('feeds');
const RSPARSER = join(TESTDATA, 'netnewswire-rsparser/Modules/RSParser/Tests/RSParserTests/Resources');
const RSCORE = join(TESTDATA, 'netnewswire-rsparser/Modules/RSCore/Tests/RSCoreTests/Resources');
const MINIFLUX = join(TESTDATA, 'miniflux/internal/reader');

const RSS = 'application/rss+xml';
const ATOM = 'application/atom+xml';
const JSON_TYPE = 'application/json';

describe('discoverFeeds', () => {
  it('finds rss, atom, json, feed+json and rdf alternates in document order', () => {
    const html = `<html><head>
      <link rel="alternate" type="application/rss+xml" title="RSS" href="/rss.xml">
      <link rel="stylesheet" href="/style.css">
      <link rel="alternate" type="application/atom+xml" title="Atom" href="atom.xml">
      <link rel="alternate" type="application/feed+json" href="https://cdn.example.org/feed.json">
      <link rel="alternate" type="application/json" href="/feed.json">
      <link rel="alternate" type="application/rdf+xml" href="/index.rdf">
      <link rel="alternate" hreflang="fr" href="/fr/">
      <link rel="alternate" type="text/html" href="/mobile/">
    </head></html>`;
    expect(discoverFeeds(html, 'https://example.org/blog/post.html')).toEqual([
      { url: 'https://example.org/rss.xml', title: 'RSS', type: RSS },
      { url: 'https://example.org/blog/atom.xml', title: 'Atom', type: ATOM },
      { url: 'https://cdn.example.org/feed.json', title: null, type: 'application/feed+json' },
      { url: 'https://example.org/feed.json', title: null, type: JSON_TYPE },
      { url: 'https://example.org/index.rdf', title: null, type: 'application/rdf+xml' },
    ]);
  });

  it('tolerates attribute order, case, quoting, extra rel tokens and type parameters', () => {
    const html = `<HEAD>
      <LINK HREF='/a.xml' TYPE='Application/RSS+XML' REL='Alternate'>
      <link href=/b.xml rel=alternate type=application/atom+xml title=Bee/>
      <link rel="feed alternate home" type="application/rss+xml; charset=utf-8" href="/c.xml" />
      <link
         rel = "alternate"
         type = "application/rss+xml"
         title = "Spread > over lines"
         href = "/d.xml" >
    </HEAD>`;
    expect(discoverFeeds(html, 'http://example.com/')).toEqual([
      { url: 'http://example.com/a.xml', title: null, type: RSS },
      { url: 'http://example.com/b.xml', title: 'Bee/', type: ATOM },
      { url: 'http://example.com/c.xml', title: null, type: RSS },
      { url: 'http://example.com/d.xml', title: 'Spread > over lines', type: RSS },
    ]);
  });

  it('decodes entities in href and title', () => {
    const html = `<link rel="alternate" type="application/rss+xml" title="Caf&eacute; &amp; Bar &#8211; &#x201C;News&#x201D;"
      href="/feed?cat=1&amp;lang=en&copy=2">`;
    expect(discoverFeeds(html, 'https://example.net/')).toEqual([
      { url: 'https://example.net/feed?cat=1&lang=en&copy=2', title: 'Café & Bar – “News”', type: RSS },
    ]);
  });

  it('respects the first <base href>, itself resolved against the page', () => {
    const html = `<head><base href="/sub/dir/"><base href="https://ignored.example/">
      <link rel="alternate" type="application/rss+xml" href="feed.xml"></head>`;
    expect(discoverFeeds(html, 'https://example.com/page')).toEqual([
      { url: 'https://example.com/sub/dir/feed.xml', title: null, type: RSS },
    ]);
  });

  it('removes duplicates after resolution, keeping the first', () => {
    const html = `<link rel="alternate" type="application/rss+xml" title="One" href="/feed">
      <link rel="alternate" type="application/rss+xml" title="Two" href="https://example.com/feed#top">
      <link rel="alternate" type="application/atom+xml" title="Three" href="./feed">`;
    expect(discoverFeeds(html, 'https://example.com/')).toEqual([
      { url: 'https://example.com/feed', title: 'One', type: RSS },
    ]);
  });

  it('ignores links in comments and scripts, empty hrefs and non-web schemes; rewrites feed: URLs', () => {
    const html = `<!-- <link rel="alternate" type="application/rss+xml" href="/commented"> -->
      <script>document.write('<link rel="alternate" type="application/rss+xml" href="/scripted">')</script>
      <link rel="alternate" type="application/rss+xml" href="">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      <link rel="alternate" type="application/rss+xml" href="feed://example.org/rss">
      <link rel="alternate" type="application/rss+xml" href="feed:https://example.org/secure">`;
    expect(discoverFeeds(html, 'https://example.org/').map((feed) => feed.url)).toEqual([
      'http://example.org/rss',
      'https://example.org/secure',
    ]);
  });

  it('returns nothing for a page without feed links', () => {
    expect(
      discoverFeeds(
        '<html><head><title>x</title></head><body><a href="/feed">feed</a></body></html>',
        'https://a.example/',
      ),
    ).toEqual([]);
  });
});

describe('discoverFeeds on captured pages', () => {
  const discover = (path: string, pageUrl: string): ReturnType<typeof discoverFeeds> =>
    discoverFeeds(readFileSync(path, 'utf8'), pageUrl);

  it.each([
    [
      join(RSPARSER, 'DaringFireball.html'),
      'https://daringfireball.net/',
      [{ url: 'https://daringfireball.net/feeds/main', title: null, type: ATOM }],
    ],
    [
      join(RSPARSER, 'YouTubeTheVolvoRocks.html'),
      'https://www.youtube.com/user/TheVolvorocks',
      [
        {
          url: 'https://www.youtube.com/feeds/videos.xml?channel_id=UCct7QF2jcWRY6dhXWMSq9LQ',
          title: 'RSS',
          type: RSS,
        },
      ],
    ],
    [
      join(RSPARSER, 'coco.html'),
      'https://www.theatlantic.com/entertainment/archive/2017/11/coco-is-among-pixars-best-movies-in-years/546695/',
      [
        { url: 'https://www.theatlantic.com/feed/all/', title: 'The Atlantic', type: RSS },
        { url: 'https://www.theatlantic.com/feed/best-of/', title: 'Best of The Atlantic', type: RSS },
      ],
    ],
    [
      join(RSPARSER, 'furbo.html'),
      'http://furbo.org/',
      [{ url: 'http://furbo.org/feed/', title: 'Iconfactory News Feed', type: RSS }],
    ],
    [
      join(RSPARSER, 'inessential.html'),
      'http://inessential.com/',
      [{ url: 'http://inessential.com/xml/rss.xml', title: 'RSS', type: RSS }],
    ],
    [
      join(RSPARSER, 'sixcolors.html'),
      'https://sixcolors.com/',
      [{ url: 'http://feedpress.me/sixcolors', title: 'RSS', type: RSS }],
    ],
    [
      join(RSCORE, 'daringfireball.html'),
      'https://daringfireball.net/',
      [
        { url: 'https://daringfireball.net/feeds/main', title: null, type: ATOM },
        { url: 'https://daringfireball.net/feeds/json', title: null, type: JSON_TYPE },
      ],
    ],
    [
      join(RSCORE, 'inessential.html'),
      'https://inessential.com/',
      [
        { url: 'https://inessential.com/xml/rss.xml', title: 'inessential.com RSS feed', type: RSS },
        { url: 'https://inessential.com/feed.json', title: 'inessential.com JSON feed', type: JSON_TYPE },
      ],
    ],
    [
      join(RSCORE, 'scripting.html'),
      'http://scripting.com/',
      [{ url: 'http://scripting.com/rss.xml', title: null, type: RSS }],
    ],
    [join(RSCORE, 'apple.html'), 'https://www.apple.com/', []],
    [join(RSCORE, 'unsung.html'), 'https://unsung.example/', []],
    [
      join(MINIFLUX, 'sanitizer/testdata/miniflux_wikipedia.html'),
      'https://fr.wikipedia.org/wiki/Miniflux',
      [
        {
          url: 'https://fr.wikipedia.org/w/index.php?title=Sp%C3%A9cial:Modifications_r%C3%A9centes&feed=atom',
          title: 'Flux Atom de Wikipédia',
          type: ATOM,
        },
      ],
    ],
    [join(MINIFLUX, 'sanitizer/testdata/miniflux_github.html'), 'https://github.com/miniflux/v2', []],
  ])('%s', (path, pageUrl, expected) => {
    expect(discover(path, pageUrl)).toEqual(expected);
  });
});
