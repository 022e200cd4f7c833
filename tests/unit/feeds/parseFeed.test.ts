import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../../electron/core/feeds/FeedParseError.ts';
import type { FeedParseErrorCode } from '../../../electron/core/feeds/FeedParseError.ts';
import type { ParsedFeed, ParsedItem } from '../../../electron/core/feeds/ParsedFeed.ts';
import { parseFeed } from '../../../electron/core/feeds/parseFeed.ts';
import { testdataDirectory } from '../../support/testdataDirectory.ts';

const documentUrl = 'https://example.com/feeds/news.xml';

function onlyItem(feed: ParsedFeed): ParsedItem {
  expect(feed.items).toHaveLength(1);
  const [item] = feed.items;
  if (item === undefined) throw new Error('test: no item');
  return item;
}

/** Runs parseFeed expecting a FeedParseError with this code; returns it for message checks. */
function parseError(text: string, code: FeedParseErrorCode): FeedParseError {
  try {
    parseFeed(text, documentUrl);
  } catch (error) {
    expect(error).toBeInstanceOf(FeedParseError);
    expect((error as FeedParseError).code).toBe(code);
    return error as FeedParseError;
  }
  throw new Error(`test: expected a ${code} FeedParseError`);
}

describe('parseFeed: RSS 2.0', () => {
  const rss = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>Trade &amp; Policy &mdash; Daily</title>
    <link>https://news.example.com/</link>
    <description>All the &lt;b&gt;news&lt;/b&gt;&hellip;</description>
    <language>en-gb</language>
    <lastBuildDate>Tue, 05 Apr 2022 22:03:17 GMT</lastBuildDate>
    <atom:link href="https://example.com/feeds/news.xml" rel="self" type="application/rss+xml"/>
    <image><url>/logo.png</url><title>Logo</title><link>https://news.example.com/</link></image>
    <item>
      <title>  Tariffs&nbsp;rise   again &#8217;n&rsquo; caf&eacute;  </title>
      <link>/2022/04/tariffs</link>
      <guid isPermaLink="false">tariffs-2022-04</guid>
      <pubDate>Tue, 05 Apr 2022 10:04:42 +0100</pubDate>
      <dc:creator>Jane Doe</dc:creator>
      <category> Trade </category>
      <category>Trade</category>
      <dc:subject>Policy</dc:subject>
      <description><![CDATA[<p>Short <a href="/more">read</a></p>]]></description>
      <content:encoded><![CDATA[<p>Full <img src="img/chart.png" alt="chart"> text</p>]]></content:encoded>
      <enclosure url="https://cdn.example.com/a.mp3" type="audio/mpeg" length="1234"/>
      <media:thumbnail url="https://cdn.example.com/thumb.jpg"/>
    </item>
  </channel>
</rss>`;

  it('maps the channel', () => {
    const feed = parseFeed(rss, documentUrl);
    expect({ ...feed, items: feed.items.length }).toEqual({
      format: 'rss',
      title: 'Trade & Policy \u2014 Daily',
      description: 'All the news\u2026',
      siteUrl: 'https://news.example.com/',
      selfUrl: 'https://example.com/feeds/news.xml',
      language: 'en-gb',
      imageUrl: 'https://example.com/logo.png',
      updatedAt: '2022-04-05T22:03:17.000Z',
      items: 1,
    });
  });

  it('maps the item, resolving relative URLs against the channel link', () => {
    expect(onlyItem(parseFeed(rss, documentUrl))).toEqual({
      guid: 'tariffs-2022-04',
      url: 'https://news.example.com/2022/04/tariffs',
      title: 'Tariffs\u00a0rise again \u2019n\u2019 caf\u00e9',
      author: 'Jane Doe',
      publishedAt: '2022-04-05T09:04:42.000Z',
      updatedAt: null,
      summaryHtml: '<p>Short <a href="https://news.example.com/more">read</a></p>',
      contentHtml: '<p>Full <img src="https://news.example.com/img/chart.png" alt="chart"> text</p>',
      categories: ['Trade', 'Policy'],
      enclosures: [{ url: 'https://cdn.example.com/a.mp3', type: 'audio/mpeg', length: 1234 }],
      imageUrl: 'https://cdn.example.com/thumb.jpg',
      language: null,
    });
  });

  it('uses a permalink guid as the link, but not one marked isPermaLink="false"', () => {
    const feed = parseFeed(
      `<rss version="2.0"><channel>
        <item><guid>https://example.com/a</guid></item>
        <item><guid isPermaLink="false">https://example.com/b</guid></item>
      </channel></rss>`,
      documentUrl,
    );
    expect(feed.items.map((item) => [item.guid, item.url])).toEqual([
      ['https://example.com/a', 'https://example.com/a'],
      ['https://example.com/b', null],
    ]);
  });

  it('resolves relative links against xml:base first, then the channel link, then the document URL', () => {
    const withBase = parseFeed(
      `<rss version="2.0"><channel><link>https://site.example/</link>
        <item xml:base="https://base.example/dir/"><link>page</link></item>
        <item><link>page</link></item></channel></rss>`,
      documentUrl,
    );
    expect(withBase.items.map((item) => item.url)).toEqual([
      'https://base.example/dir/page',
      'https://site.example/page',
    ]);
    const withoutLink = parseFeed('<rss><channel><item><link>page</link></item></channel></rss>', documentUrl);
    expect(onlyItem(withoutLink).url).toBe('https://example.com/feeds/page');
  });

  it('reads the author name out of "email (Name)" and prefers itunes/dc forms when no author', () => {
    const feed = parseFeed(
      `<rss xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>
        <item><author>jane@example.com (Jane Doe)</author></item>
        <item><itunes:author>Podcast Person</itunes:author></item>
      </channel></rss>`,
      documentUrl,
    );
    expect(feed.items.map((item) => item.author)).toEqual(['Jane Doe', 'Podcast Person']);
  });

  it('matches elements by namespace, not prefix', () => {
    const feed = parseFeed(
      `<r:rss xmlns:r="http://backend.userland.com/rss2" xmlns:x="http://example.com/other"><r:channel><r:item>
        <x:description>wrong</x:description><r:description>right</r:description>
        <x:title>wrong</x:title><r:title>Right</r:title>
      </r:item></r:channel></r:rss>`,
      documentUrl,
    );
    expect(onlyItem(feed)).toMatchObject({ title: 'Right', summaryHtml: 'right' });
  });

  it('accepts conventional prefixes left undeclared', () => {
    const feed = parseFeed(
      '<rss><channel><item><dc:creator>Ann</dc:creator><content:encoded>&lt;p&gt;x&lt;/p&gt;</content:encoded></item></channel></rss>',
      documentUrl,
    );
    expect(onlyItem(feed)).toMatchObject({ author: 'Ann', contentHtml: '<p>x</p>' });
  });
});

describe('parseFeed: RSS 1.0 (RDF)', () => {
  it('reads items beside the channel', () => {
    const feed = parseFeed(
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
          xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="https://example.com/"><title>RDF</title><link>https://example.com/</link></channel>
        <item rdf:about="https://example.com/1"><title>One</title><link>https://example.com/1</link>
          <dc:date>2003-12-31T10:14:55Z</dc:date></item>
      </rdf:RDF>`,
      documentUrl,
    );
    expect(feed.format).toBe('rdf');
    expect(feed.title).toBe('RDF');
    expect(onlyItem(feed)).toMatchObject({
      guid: 'https://example.com/1',
      url: 'https://example.com/1',
      title: 'One',
      publishedAt: '2003-12-31T10:14:55.000Z',
    });
  });
});

describe('parseFeed: Atom 1.0', () => {
  const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/blog/" xml:lang="en">
  <title type="html">Notes &amp;amp; &lt;em&gt;Drafts&lt;/em&gt;</title>
  <subtitle>Plain &lt;b&gt; text</subtitle>
  <link href="./" />
  <link rel="self" href="atom.xml" />
  <updated>2004-07-08T23:56:58Z</updated>
  <author><name>Feed Author</name></author>
  <logo>logo.png</logo>
  <entry xml:base="2004/">
    <id>tag:example.org,2004:1</id>
    <title>Text &lt;b&gt;stays&lt;/b&gt;</title>
    <link rel="alternate" type="text/html" href="first.html" />
    <link rel="enclosure" type="audio/mpeg" length="42" href="/audio.mp3" />
    <published>2004-07-01T10:00:00+02:00</published>
    <updated>2004-07-02T10:00:00Z</updated>
    <category term="trade" label="Trade" />
    <summary type="text">1 &lt; 2</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <a href="rel">link</a></p><p xml:base="/other/"><img src="pic.png"/><br/></p></div></content>
  </entry>
  <entry>
    <id>tag:example.org,2004:2</id>
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">An <b>XHTML</b> title</div></title>
    <content type="html">&lt;p&gt;Escaped &lt;a href="x.html"&gt;html&lt;/a&gt;&lt;/p&gt;</content>
    <updated>2004-07-03T00:00:00Z</updated>
  </entry>
</feed>`;

  it('maps the feed with xml:base-resolved links', () => {
    const feed = parseFeed(atom, documentUrl);
    expect({ ...feed, items: feed.items.length }).toEqual({
      format: 'atom',
      title: 'Notes & Drafts',
      description: 'Plain <b> text',
      siteUrl: 'https://example.org/blog/',
      selfUrl: 'https://example.org/blog/atom.xml',
      language: 'en',
      imageUrl: 'https://example.org/blog/logo.png',
      updatedAt: '2004-07-08T23:56:58.000Z',
      items: 2,
    });
  });

  it('keeps xhtml content markup and resolves URLs per element xml:base', () => {
    const [first] = parseFeed(atom, documentUrl).items;
    expect(first).toEqual({
      guid: 'tag:example.org,2004:1',
      url: 'https://example.org/blog/2004/first.html',
      title: 'Text <b>stays</b>',
      author: 'Feed Author',
      publishedAt: '2004-07-01T08:00:00.000Z',
      updatedAt: '2004-07-02T10:00:00.000Z',
      summaryHtml: '1 &lt; 2',
      contentHtml:
        '<p>Hello <a href="https://example.org/blog/2004/rel">link</a></p><p><img src="https://example.org/other/pic.png" /><br /></p>',
      categories: ['trade'],
      enclosures: [{ url: 'https://example.org/audio.mp3', type: 'audio/mpeg', length: 42 }],
      imageUrl: null,
      language: 'en',
    });
  });

  it('reads xhtml titles as text and html content as markup; published falls back to updated', () => {
    const [, second] = parseFeed(atom, documentUrl).items;
    expect(second).toMatchObject({
      title: 'An XHTML title',
      contentHtml: '<p>Escaped <a href="https://example.org/blog/x.html">html</a></p>',
      publishedAt: '2004-07-03T00:00:00.000Z',
      updatedAt: '2004-07-03T00:00:00.000Z',
      url: null,
    });
  });
});

describe('parseFeed: JSON Feed', () => {
  it('maps a 1.1 feed', () => {
    const feed = parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON &amp; friends',
        home_page_url: 'https://example.org/',
        feed_url: 'https://example.org/feed.json',
        description: 'About',
        icon: 'https://example.org/icon.png',
        language: 'en_US',
        authors: [{ name: 'Feed Author' }],
        items: [
          {
            id: 42,
            url: '/posts/42',
            title: 'Hello',
            content_text: 'Line <1>\nLine 2\n\nNext',
            summary: 'A & B',
            date_published: '2020-01-02T03:04:05Z',
            tags: ['a', ' a ', 'b'],
            attachments: [{ url: 'https://example.org/a.mp3', mime_type: 'audio/mpeg', size_in_bytes: 10 }],
            image: 'https://example.org/i.png',
          },
          { id: 'x', content_html: '<p><a href="rel">r</a></p>', authors: [{ name: 'Item Author' }] },
          'junk',
        ],
      }),
      documentUrl,
    );
    expect({ ...feed, items: feed.items.length }).toEqual({
      format: 'json',
      title: 'JSON & friends',
      description: 'About',
      siteUrl: 'https://example.org/',
      selfUrl: 'https://example.org/feed.json',
      language: 'en-US',
      imageUrl: 'https://example.org/icon.png',
      updatedAt: null,
      items: 2,
    });
    expect(feed.items[0]).toEqual({
      guid: '42',
      url: 'https://example.com/posts/42',
      title: 'Hello',
      author: 'Feed Author',
      publishedAt: '2020-01-02T03:04:05.000Z',
      updatedAt: null,
      summaryHtml: 'A &amp; B',
      contentHtml: '<p>Line &lt;1&gt;<br />Line 2</p><p>Next</p>',
      categories: ['a', 'b'],
      enclosures: [{ url: 'https://example.org/a.mp3', type: 'audio/mpeg', length: 10 }],
      imageUrl: 'https://example.org/i.png',
      language: null,
    });
    expect(feed.items[1]).toMatchObject({
      guid: 'x',
      author: 'Item Author',
      contentHtml: '<p><a href="https://example.com/feeds/rel">r</a></p>',
    });
  });

  it('accepts the 1.0 single author and ignores fields of the wrong type', () => {
    const feed = parseFeed(
      '{"version":"https://jsonfeed.org/version/1","title":7,"author":{"name":"Solo"},"items":[{"id":"1","title":["x"],"tags":"x","url":{}}]}',
      documentUrl,
    );
    expect(feed.title).toBeNull();
    expect(onlyItem(feed)).toMatchObject({ guid: '1', title: null, author: 'Solo', categories: [], url: null });
  });
});

describe('parseFeed: entities and text', () => {
  it('decodes HTML named entities that feeds use without declaring them', () => {
    const feed = parseFeed(
      '<rss><channel><title>a&nbsp;b &hellip; &mdash; &rsquo; &eacute; &euro; &copy; &#8220;x&#x201D; &bogus;</title></channel></rss>',
      documentUrl,
    );
    expect(feed.title).toBe('a\u00a0b \u2026 \u2014 \u2019 \u00e9 \u20ac \u00a9 \u201cx\u201d &bogus;');
  });

  it('keeps a bare ampersand in text and URLs', () => {
    const feed = parseFeed(
      '<rss><channel><title>AT&T</title><item><link>http://example.com/?a=1&b=2&c</link></item></channel></rss>',
      documentUrl,
    );
    expect(feed.title).toBe('AT&T');
    expect(onlyItem(feed).url).toBe('http://example.com/?a=1&b=2&c');
  });

  it('keeps angle-bracketed words that are not HTML elements, such as wire tickers', () => {
    const feed = parseFeed(
      '<rss><channel><item><title>BAHIA &lt;TCB&gt; COCOA &lt;em&gt;review&lt;/em&gt;</title></item></channel></rss>',
      documentUrl,
    );
    expect(onlyItem(feed).title).toBe('BAHIA <TCB> COCOA review');
  });

  it('strips HTML from RSS titles, including double-escaped entities', () => {
    const feed = parseFeed(
      '<rss><channel><item><title>&lt;b&gt;Bold&lt;/b&gt; Tom &amp;amp; Jerry</title></item></channel></rss>',
      documentUrl,
    );
    expect(onlyItem(feed).title).toBe('Bold Tom & Jerry');
  });

  it('expands entities declared in an internal DOCTYPE subset', () => {
    const feed = parseFeed(
      '<!DOCTYPE rss [<!ENTITY id "tag:example.com,">]><rss><channel><item><guid>&id;2006</guid></item></channel></rss>',
      documentUrl,
    );
    expect(onlyItem(feed).guid).toBe('tag:example.com,2006');
  });
});

describe('parseFeed: unsafe XML', () => {
  const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  ${Array.from({ length: 9 }, (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level === 0 ? '' : level};`.repeat(10)}">`).join('\n  ')}
]>
<rss version="2.0"><channel><title>&lol9;</title></channel></rss>`;

  it('rejects a billion-laughs document quickly', () => {
    const started = performance.now();
    const error = parseError(billionLaughs, 'unsafe-xml');
    expect(error.message).toMatch(/^parseFeed https:\/\/example\.com\/feeds\/news\.xml: unsafe XML: /);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('rejects quadratic blow-up (one large entity referenced many times)', () => {
    const document = `<!DOCTYPE rss [<!ENTITY a "${'x'.repeat(50_000)}">]><rss><channel><title>${'&a;'.repeat(1000)}</title></channel></rss>`;
    parseError(document, 'unsafe-xml');
  });

  it('rejects recursive entities', () => {
    parseError(
      '<!DOCTYPE rss [<!ENTITY a "&b;"><!ENTITY b "&a;">]><rss><channel><title>&a;</title></channel></rss>',
      'unsafe-xml',
    );
  });

  it('never expands an external entity: the document is rejected and the file never appears', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>a&xxe;b</title><item><description>&xxe;</description></item></channel></rss>`;
    const error = parseError(xxe, 'unsafe-xml');
    expect(error.message).toContain('external entity "xxe"');
    expect(error.message).not.toContain('root:');
  });

  it('ignores external parameter entities (never fetched, never expanded)', () => {
    const feed = parseFeed(
      `<!DOCTYPE rss [<!ENTITY % remote SYSTEM "file:///etc/passwd"> %remote;]>
<rss><channel><title>a&remote;b</title></channel></rss>`,
      documentUrl,
    );
    expect(feed.title).toBe('a&remote;b');
    expect(JSON.stringify(feed)).not.toContain('root:');
  });
});

describe('parseFeed: not a feed', () => {
  it.each([
    ['an empty body', '', 'empty', /empty document/],
    ['whitespace', ' \n\t ', 'empty', /empty document/],
    [
      'an HTML page',
      '<!DOCTYPE html><html><head><meta charset=utf-8><title>x</title></head><body><p>hi</body></html>',
      'not-a-feed',
      /looks like an HTML page/,
    ],
    ['an HTML page without doctype', '<html><body><p>hi</p></body></html>', 'not-a-feed', /looks like an HTML page/],
    ['plain text', 'Service unavailable, try later.', 'not-a-feed', /looks like plain text/],
    ['OPML', '<?xml version="1.0"?><opml version="2.0"><body/></opml>', 'not-a-feed', /root element <opml>/],
    ['JSON that is not a JSON Feed', '{"rss":{"channel":{}}}', 'not-a-feed', /JSON without a jsonfeed\.org version/],
    ['truncated XML', '<rss><channel><title>x</title><item><title>cut he', 'malformed', /truncated XML/],
    ['an unterminated CDATA section', '<rss><channel><title><![CDATA[x', 'malformed', /unterminated CDATA/],
    ['broken JSON', '{"version":"https://jsonfeed.org/version/1.1","items":[', 'malformed', /malformed JSON/],
    ['a tag soup with no root', '<!-- only a comment -->', 'malformed', /no root element/],
  ] as const)('rejects %s', (_name, text, code, message) => {
    const error = parseError(text, code);
    expect(error.message).toMatch(/^parseFeed https:\/\/example\.com\/feeds\/news\.xml: /);
    expect(error.message).toMatch(message);
  });

  it('reads a feed whose only damage is a missing final ">" or a stray end tag', () => {
    expect(parseFeed('<rss><channel><title>ok</title></channel></rss', documentUrl).title).toBe('ok');
    expect(parseFeed('<rss><channel><title>ok</title></media:content></channel></rss>', documentUrl).title).toBe('ok');
  });

  it('skips junk before the XML declaration (a server warning)', () => {
    const feed = parseFeed(
      'Warning: something<br />\n<?xml version="1.0"?><rss><channel><title>ok</title></channel></rss>',
      documentUrl,
    );
    expect(feed.title).toBe('ok');
  });

  it('throws only FeedParseError for every truncation of a real feed', () => {
    const real = readFileSync(
      join(
        testdataDirectory('feeds'),
        'rowanmanning-sample-feeds/content/real-world/f43bed9864944644236fc65967b2e178/feed.xml',
      ),
      'utf8',
    );
    const outcomes = new Set<string>();
    for (let cut = 0; cut < real.length; cut += 97) {
      try {
        parseFeed(real.slice(0, cut), documentUrl);
        outcomes.add('parsed');
      } catch (error) {
        expect(error).toBeInstanceOf(FeedParseError);
        outcomes.add((error as FeedParseError).code);
      }
    }
    expect(outcomes).toContain('malformed');
    for (const outcome of outcomes) expect(['empty', 'malformed', 'parsed']).toContain(outcome);
  });
});

describe('parseFeed: size', () => {
  it('parses a 10,000-item feed well above the ingest budget', () => {
    const items = Array.from(
      { length: 10_000 },
      (_, index) =>
        `<item><title>Item ${index} &amp; more</title><link>https://example.com/${index}</link><guid>g${index}</guid>` +
        `<pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate><category>c</category>` +
        `<description>&lt;p&gt;Hello ${index} &lt;a href="/r/${index}"&gt;world&lt;/a&gt;&lt;/p&gt;</description></item>`,
    ).join('');
    const text = `<rss version="2.0"><channel><title>Big</title><link>https://example.com/</link>${items}</channel></rss>`;
    const started = performance.now();
    const feed = parseFeed(text, documentUrl);
    const elapsed = performance.now() - started;
    expect(feed.items).toHaveLength(10_000);
    expect(feed.items[9_999]?.summaryHtml).toBe('<p>Hello 9999 <a href="https://example.com/r/9999">world</a></p>');
    // Measured ~50k items/s on 2 cores; the floor leaves room for slow CI machines.
    expect(10_000 / (elapsed / 1000)).toBeGreaterThan(5_000);
  });
});
