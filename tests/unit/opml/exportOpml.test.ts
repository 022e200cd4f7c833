import { describe, expect, it } from 'vitest';
import type { OpmlExportFeed } from '../../../electron/core/opml/exportOpml.ts';
import { exportOpml } from '../../../electron/core/opml/exportOpml.ts';
import { parseOpml } from '../../../electron/core/opml/parseOpml.ts';
import { tokenizeXml } from '../../../electron/core/opml/tokenizeXml.ts';

const dateCreated = new Date(Date.UTC(2025, 0, 2, 3, 4, 5));

describe('exportOpml', () => {
  it('writes OPML 2.0 with folders as nested outlines, in order of first appearance', () => {
    const text = exportOpml(
      [
        { url: 'https://oil.example/feed', title: 'Brent', siteUrl: 'https://oil.example/', folder: 'News / Energy' },
        { url: 'https://top.example/feed', title: 'Top', siteUrl: null, folder: null },
        { url: 'https://wire.example/feed', title: 'Wire', siteUrl: null, folder: 'News' },
        { url: 'https://grid.example/feed', title: 'Grid', siteUrl: null, folder: 'News / Energy' },
      ],
      { title: 'Offprint subscriptions', dateCreated },
    );
    expect(text).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>Offprint subscriptions</title>
    <dateCreated>Thu, 02 Jan 2025 03:04:05 GMT</dateCreated>
  </head>
  <body>
    <outline text="News" title="News">
      <outline text="Energy" title="Energy">
        <outline type="rss" text="Brent" title="Brent" xmlUrl="https://oil.example/feed" htmlUrl="https://oil.example/"/>
        <outline type="rss" text="Grid" title="Grid" xmlUrl="https://grid.example/feed"/>
      </outline>
      <outline type="rss" text="Wire" title="Wire" xmlUrl="https://wire.example/feed"/>
    </outline>
    <outline type="rss" text="Top" title="Top" xmlUrl="https://top.example/feed"/>
  </body>
</opml>
`);
  });

  it('escapes markup characters and drops characters XML cannot carry', () => {
    const text = exportOpml(
      [
        {
          url: 'https://a.example/feed?x=1&y="2"&z=<3>',
          title: 'Tom & "Jerry" <b>\u0000\u0007\u001B\uFFFF\uD800 end',
          siteUrl: null,
          folder: 'R&D <lab> / "Quoted"',
        },
      ],
      { title: 'Mine & <yours>\u0001', dateCreated },
    );
    expect(text).toContain('<title>Mine &amp; &lt;yours&gt;</title>');
    expect(text).toContain('<outline text="R&amp;D &lt;lab&gt;" title="R&amp;D &lt;lab&gt;">');
    expect(text).toContain('<outline text="&quot;Quoted&quot;" title="&quot;Quoted&quot;">');
    expect(text).toContain(
      'text="Tom &amp; &quot;Jerry&quot; &lt;b&gt; end" title="Tom &amp; &quot;Jerry&quot; &lt;b&gt; end" xmlUrl="https://a.example/feed?x=1&amp;y=&quot;2&quot;&amp;z=&lt;3&gt;"',
    );
    // The output is well-formed XML by our own strict reader.
    expect(tokenizeXml(text).wellFormed).toBe(true);
  });

  it('writes an empty list that reads back as empty', () => {
    const document = parseOpml(exportOpml([], { title: 'Nothing', dateCreated }));
    expect(document).toMatchObject({ title: 'Nothing', outlines: [], duplicates: [], recovered: false });
  });

  it('refuses an invalid date, naming the operation', () => {
    expect(() => exportOpml([], { title: 'x', dateCreated: new Date(Number.NaN) })).toThrow(
      'opml:export: dateCreated is not a valid date (Invalid Date)',
    );
  });
});

describe('exportOpml → parseOpml round trip', () => {
  const feeds: OpmlExportFeed[] = [
    { url: 'https://a.example/feed', title: 'Plain', siteUrl: 'https://a.example/', folder: null },
    { url: 'https://b.example/rss?x=1&y=2', title: 'Tom & Jerry', siteUrl: null, folder: 'News' },
    { url: 'https://c.example/atom', title: 'He said "hello" & <left>', siteUrl: null, folder: 'News / Energy' },
    {
      url: 'https://d.example/feed',
      title: "It's 'single'",
      siteUrl: 'https://d.example/blog?a=1&b=2',
      folder: 'News / Energy / Oil',
    },
    { url: 'https://e.example/feed', title: 'Газета "Коммерсантъ". Главное', siteUrl: null, folder: 'Россия' },
    { url: 'https://f.example/feed', title: '日本経済新聞 — 電子版', siteUrl: null, folder: 'アジア / 日本' },
    { url: 'https://g.example/feed', title: 'Emoji 📰 and combining é', siteUrl: null, folder: 'R&D "lab"' },
    { url: 'https://h.example/feed', title: 'Back to the top', siteUrl: null, folder: null },
    { url: 'https://i.example/feed', title: 'Inside again', siteUrl: null, folder: 'News' },
  ];

  it('returns the same feeds and folders, including quotes, ampersands and non-ASCII', () => {
    const document = parseOpml(exportOpml(feeds, { title: 'Round & "trip"', dateCreated }));
    expect(document.recovered).toBe(false);
    expect(document.problems).toEqual([]);
    expect(document.duplicates).toEqual([]);
    expect(document.title).toBe('Round & "trip"');
    const byUrl = new Map(document.outlines.map((entry) => [entry.url, entry]));
    for (const feed of feeds) expect(byUrl.get(feed.url)).toEqual(feed);
    expect(document.outlines).toHaveLength(feeds.length);
  });

  it('holds for generated titles and folders', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const alphabet = [
      'a',
      'Z',
      ' ',
      '&',
      '"',
      "'",
      '<',
      '>',
      ';',
      '#',
      '=',
      '/',
      'é',
      'ж',
      '日',
      '📰',
      '&amp;',
      '&#38;',
      ']]>',
      '-->',
    ];
    const word = (): string => {
      const text = Array.from(
        { length: 1 + Math.floor(random() * 8) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      // Whitespace runs collapse and " / " splits folders: both are documented limits of the round trip.
      const cleaned = text.replace(/\s+/g, ' ').trim().replace(/ \/ /g, '/');
      return cleaned === '' ? 'x' : cleaned;
    };
    const generated: OpmlExportFeed[] = Array.from({ length: 300 }, (_, index) => {
      const depth = Math.floor(random() * 4);
      return {
        url: `https://feed${index}.example/${encodeURIComponent(word())}?q=${encodeURIComponent(word())}&n=${index}`,
        title: word(),
        siteUrl: random() < 0.5 ? null : `https://site${index}.example/`,
        folder: depth === 0 ? null : Array.from({ length: depth }, () => word()).join(' / '),
      };
    });
    const document = parseOpml(exportOpml(generated, { title: word(), dateCreated }));
    expect(document.recovered).toBe(false);
    expect(document.problems).toEqual([]);
    const byUrl = new Map(document.outlines.map((entry) => [entry.url, entry]));
    for (const feed of generated) expect(byUrl.get(feed.url)).toEqual(feed);
  });
});
