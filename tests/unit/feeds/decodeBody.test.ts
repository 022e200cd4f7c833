import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody, resolveLabel, sniffContentKind } from '../../../electron/core/feeds/decodeBody.ts';
import { testdataDirectory } from '../../support/testdataDirectory.ts';

/** Shared conformance data (see its MANIFEST.md). */
const TESTDATA = testdataDirectory('feeds');
const MINIFLUX = join(TESTDATA, 'miniflux/internal/reader');
const NETNEWSWIRE = join(TESTDATA, 'netnewswire-rsparser/Modules/RSParser/Tests/RSParserTests/Resources');

function bytes(...parts: (string | number[])[]): Buffer {
  return Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));
}

describe('decodeBody: charset priority', () => {
  it('defaults to UTF-8 with nothing declared', () => {
    expect(decodeBody(bytes('<rss><title>Café</title></rss>'), null)).toEqual({
      text: '<rss><title>Café</title></rss>',
      encoding: 'utf-8',
      declared: null,
    });
  });

  it('takes the Content-Type charset, quoted or not, in any case', () => {
    const body = bytes('<p>', [0x93], 'x', [0x94], '</p>');
    expect(decodeBody(body, 'text/html; charset=Windows-1252').text).toBe('<p>\u201cx\u201d</p>');
    expect(decodeBody(body, 'text/html;charset="windows-1252"').declared).toBe('windows-1252');
  });

  it('maps iso-8859-1, latin1 and us-ascii to windows-1252', () => {
    for (const label of ['iso-8859-1', 'ISO_8859-1', 'latin1', 'us-ascii']) {
      const decoded = decodeBody(bytes('<p>', [0x80, 0x96, 0xe9], '</p>'), `text/xml; charset=${label}`);
      expect(decoded.text).toBe('<p>€–é</p>');
      expect(decoded.encoding).toBe('windows-1252');
      expect(decoded.declared).toBe(label.toLowerCase());
    }
  });

  it('lets the byte order mark win over the header and strips it', () => {
    const decoded = decodeBody(bytes([0xef, 0xbb, 0xbf], '<rss>é</rss>'), 'text/xml; charset=windows-1252');
    expect(decoded).toEqual({ text: '<rss>é</rss>', encoding: 'utf-8', declared: 'windows-1252' });
  });

  it.each([
    ['utf-16le', [0xff, 0xfe]],
    ['utf-16be', [0xfe, 0xff]],
    ['utf-32le', [0xff, 0xfe, 0x00, 0x00]],
    ['utf-32be', [0x00, 0x00, 0xfe, 0xff]],
  ])('detects %s from its byte order mark', (encoding, mark) => {
    const text = '<?xml version="1.0"?><feed><title>Ünïcödé 😀</title></feed>';
    const decoded = decodeBody(Buffer.concat([Buffer.from(mark), iconv.encode(text, encoding)]), null);
    expect(decoded.text).toBe(text);
    expect(decoded.encoding).toBe(encoding);
  });

  it('recognizes UTF-16 without a byte order mark from "<?" (XML appendix F)', () => {
    const text = '<?xml version="1.0" encoding="UTF-16"?><rss>ü</rss>';
    expect(decodeBody(iconv.encode(text, 'utf-16le'), null)).toMatchObject({ text, encoding: 'utf-16le' });
    expect(decodeBody(iconv.encode(text, 'utf-16be'), null)).toMatchObject({ text, encoding: 'utf-16be' });
  });

  it('uses the XML prolog when the header has no charset', () => {
    const decoded = decodeBody(
      bytes('<?xml version="1.0" encoding="ISO-8859-1"?><rss>Caf', [0xe9], '</rss>'),
      'text/xml',
    );
    expect(decoded).toMatchObject({ encoding: 'windows-1252', declared: 'iso-8859-1' });
    expect(decoded.text).toContain('Café');
  });

  it('lets the header override the prolog', () => {
    const body = bytes("<?xml version='1.0' encoding='utf-8'?><rss>Caf", [0xe9], '</rss>');
    expect(decodeBody(body, 'application/xml; charset=windows-1252').text).toContain('Café');
  });

  it('falls through an unknown header charset to the prolog, then UTF-8, and records the label', () => {
    const body = bytes('<?xml version="1.0" encoding="koi8-r"?><rss>', [0xf0, 0xd2, 0xc9], '</rss>');
    expect(decodeBody(body, 'text/xml; charset=x-unknown')).toMatchObject({
      encoding: 'koi8-r',
      declared: 'x-unknown',
    });
    expect(decodeBody(bytes('<rss>é</rss>'), 'text/xml; charset=bogus')).toEqual({
      text: '<rss>é</rss>',
      encoding: 'utf-8',
      declared: 'bogus',
    });
  });

  it('reads <meta charset> and <meta http-equiv> in the first 1024 bytes of HTML', () => {
    const latin = bytes('<html><head><meta charset="iso-8859-1"><title>Caf', [0xe9], '</title>');
    expect(decodeBody(latin, 'text/html').text).toContain('Café');
    const equiv = bytes(
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
      [0xcf, 0xf0, 0xe8],
    );
    expect(decodeBody(equiv, null)).toMatchObject({ encoding: 'windows-1251', declared: 'windows-1251' });
    expect(decodeBody(equiv, null).text).toContain('При');
  });

  it('never honours base64, hex or UTF-7 as a charset', () => {
    expect(resolveLabel('base64')).toBeNull();
    expect(resolveLabel('UTF-7')).toBeNull();
    expect(decodeBody(bytes('+ADw-script+AD4-'), 'text/html; charset=utf-7').encoding).toBe('utf-8');
  });

  it('reads a legacy declaration on bytes that are valid UTF-8 as UTF-8', () => {
    const decoded = decodeBody(bytes('<?xml version="1.0" encoding="windows-1252"?><rss>Euro €</rss>'), null);
    expect(decoded).toMatchObject({ encoding: 'utf-8', declared: 'windows-1252' });
    expect(decoded.text).toContain('Euro €');
  });

  it('reads undeclared non-UTF-8 bytes as windows-1252, but keeps UTF-8 with a stray bad byte', () => {
    expect(decodeBody(bytes('<rss>', [0x93], 'Caf', [0xe9, 0x94], '</rss>'), null)).toMatchObject({
      text: '<rss>\u201cCafé\u201d</rss>',
      encoding: 'windows-1252',
    });
    const mostlyUtf8 = decodeBody(bytes('<rss>Café, naïve, Zürich ', [0xff], '</rss>'), null);
    expect(mostlyUtf8.encoding).toBe('utf-8');
    expect(mostlyUtf8.text).toBe('<rss>Café, naïve, Zürich \ufffd</rss>');
  });
});

describe('decodeBody: Miniflux charset fixtures', () => {
  const read = (path: string): string => decodeBody(readFileSync(join(MINIFLUX, path)), null).text;

  it.each([
    ['encoding/testdata/iso-8859-1.xml', 'windows-1252', '<title>Café</title>'],
    ['encoding/testdata/windows-1252.xml', 'windows-1252', '<title>Euro €</title>'],
    ['encoding/testdata/koi8r.xml', 'koi8-r', '<title>Пример RSS ленты</title>'],
    ['encoding/testdata/utf8.xml', 'utf-8', '<title>Café</title>'],
    ['encoding/testdata/utf8-incorrect-prolog.xml', 'utf-8', '<title>테스트 피드</title>'],
    ['encoding/testdata/windows-1252-incorrect-prolog.xml', 'utf-8', '<title>Euro €</title>'],
    ['encoding/testdata/invalid-prolog.xml', 'utf-8', '<title>Café</title>'],
    ['encoding/testdata/iso-8859-1.html', 'windows-1252', '<title>Frédéric</title>'],
    ['encoding/testdata/utf8.html', 'utf-8', '<p>Café</p>'],
    ['xml/testdata/iso88591.xml', 'windows-1252', '<to>Anaïs</to>'],
    ['parser/testdata/encoding_WINDOWS-1251.xml', 'windows-1251', '<description>Новый цитатник Рунета</description>'],
  ])('%s decodes as %s', (path, encoding, expected) => {
    const decoded = decodeBody(readFileSync(join(MINIFLUX, path)), null);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toContain(expected);
  });

  it('ignores a <meta charset> placed after the first 1024 bytes', () => {
    const utf8 = decodeBody(readFileSync(join(MINIFLUX, 'encoding/testdata/utf8-meta-after-1024.html')), null);
    expect(utf8).toMatchObject({ encoding: 'utf-8', declared: null });
    expect(utf8.text).toContain('Frédéric');
    // Undeclared Latin-1 is caught by the windows-1252 fallback instead.
    expect(read('encoding/testdata/iso-8859-1-meta-after-1024.html')).toContain('Frédéric');
  });

  it('reads the undeclared Latin-1 feed as windows-1252', () => {
    const decoded = decodeBody(readFileSync(join(MINIFLUX, 'parser/testdata/no_encoding_ISO-8859-1.xml')), null);
    expect(decoded).toMatchObject({ encoding: 'windows-1252', declared: null });
    expect(decoded.text).not.toContain('\ufffd');
    expect(decoded.text).toMatch(/[éèà]/);
  });

  it('respects a UTF-8 declaration even on Latin-1 bytes (no guessing against an explicit UTF-8)', () => {
    expect(read('xml/testdata/iso88591_utf8_mismatch.xml')).toContain('Ana\ufffds');
  });
});

describe('sniffContentKind', () => {
  it.each([
    ['<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', 'feed-xml'],
    [
      '<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><!-- generator --><feed xmlns="http://www.w3.org/2005/Atom"/>',
      'feed-xml',
    ],
    ['<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><channel/></rdf:RDF>', 'feed-xml'],
    ['\uFEFF  <rss/>', 'feed-xml'],
    ['<br />\n<b>Warning</b>: something in /var/www/feed.php<br />\n<?xml version="1.0"?><rss/>', 'feed-xml'],
    ['{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": []}', 'json-feed'],
    ['{"version":"https:\\/\\/jsonfeed.org\\/version\\/1","items":[]}', 'json-feed'],
    ['{"rss": {"version": "2.0"}}', 'unknown'],
    ['<!DOCTYPE html><html><head><title>x</title></head></html>', 'html'],
    ['<html lang="en"><body>Not found</body></html>', 'html'],
    ['<h1>502 Bad Gateway</h1>', 'html'],
    ['<?xml version="1.0"?><opml version="2.0"><head/><body/></opml>', 'unknown'],
    ['', 'unknown'],
    ['plain text', 'unknown'],
  ])('%j is %s', (text, kind) => {
    expect(sniffContentKind(text, null)).toBe(kind);
  });

  it('trusts content over a lying Content-Type', () => {
    expect(sniffContentKind('<!doctype html><html><body>Error 500</body></html>', 'text/xml')).toBe('html');
    expect(sniffContentKind('<rss version="2.0"><channel/></rss>', 'text/html; charset=utf-8')).toBe('feed-xml');
    expect(sniffContentKind('{"version":"https://jsonfeed.org/version/1"}', 'text/plain')).toBe('json-feed');
  });

  it('uses the Content-Type only when the content says nothing', () => {
    expect(sniffContentKind('{"title": "cut off', 'application/feed+json')).toBe('json-feed');
    expect(sniffContentKind('Oops <em>broken</em>', 'text/html')).toBe('html');
  });

  it('classifies the NetNewsWire fixtures', () => {
    const kindOf = (name: string): string =>
      sniffContentKind(decodeBody(readFileSync(join(NETNEWSWIRE, name)), null).text, null);
    for (const name of ['DaringFireball.rss', 'DaringFireball.atom', 'bio.rdf', 'kc0011.rss', 'russcox.atom'])
      expect(kindOf(name)).toBe('feed-xml');
    for (const name of ['DaringFireball.json', 'curt.json', 'rose.json', 'inessential.json'])
      expect(kindOf(name)).toBe('json-feed');
    for (const name of ['DaringFireball.html', 'coco.html', 'sixcolors.html', 'YouTubeTheVolvoRocks.html'])
      expect(kindOf(name)).toBe('html');
    for (const name of ['Subs.opml', 'ScriptingNews.json']) expect(kindOf(name)).toBe('unknown');
  });
});
