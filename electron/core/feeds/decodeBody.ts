import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export interface DecodedBody {
  readonly text: string;
  /** The encoding actually used, canonical lowercase (`utf-8`, `windows-1252`, `utf-16le`, `koi8-r`…). */
  readonly encoding: string;
  /** The charset label the HTTP header or the document declared, as written (lowercased); null when none. */
  readonly declared: string | null;
}

export type ContentKind = 'feed-xml' | 'json-feed' | 'html' | 'unknown';

/** How far into the document a prolog or <meta> charset is looked for, as browsers do (HTML prescan). */
const PRESCAN_BYTES = 1024;

/**
 * Labels the WHATWG Encoding Standard maps to a different decoder than their
 * name says. Browsers decode ISO-8859-1 and US-ASCII as windows-1252, and
 * feeds written on Windows rely on it for “smart quotes” in 0x80–0x9F.
 */
const LABEL_ALIASES: Readonly<Record<string, string>> = {
  'windows-1252': 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  iso88591: 'windows-1252',
  'iso_8859-1': 'windows-1252',
  'iso_8859-1:1987': 'windows-1252',
  'iso-ir-100': 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  cp819: 'windows-1252',
  ibm819: 'windows-1252',
  csisolatin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'ansi_x3.4-1968': 'windows-1252',
  cp1252: 'windows-1252',
  'x-cp1252': 'windows-1252',
  'iso-8859-9': 'windows-1254',
  'iso8859-9': 'windows-1254',
  iso88599: 'windows-1254',
  'iso_8859-9': 'windows-1254',
  latin5: 'windows-1254',
  l5: 'windows-1254',
  'iso-8859-11': 'windows-874',
  'tis-620': 'windows-874',
  gb2312: 'gbk',
  gb_2312: 'gbk',
  'gb_2312-80': 'gbk',
  'x-gbk': 'gbk',
  csgb2312: 'gbk',
  'ks_c_5601-1987': 'euc-kr',
  'windows-949': 'euc-kr',
  'x-sjis': 'shift_jis',
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  ms_kanji: 'shift_jis',
  'windows-31j': 'shift_jis',
  'x-mac-roman': 'macintosh',
  mac: 'macintosh',
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'utf-16': 'utf-16le',
  utf16: 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  unicode: 'utf-16le',
  'ucs-2': 'utf-16le',
  'utf-32': 'utf-32le',
  'utf-32le': 'utf-32le',
  'utf-32be': 'utf-32be',
};

/** iconv-lite also knows these; honouring them from a server would misread the body (or, for UTF-7, invite script injection). */
const NOT_TEXT_CHARSETS = new Set(['base64', 'hex', 'binary', 'utf7', 'utf-7', 'utf7imap', 'utf-7-imap', 'cesu8']);

/**
 * Turns fetched bytes into text. Charset priority: byte order mark, then the
 * HTTP Content-Type charset, then the XML prolog or an HTML <meta> in the
 * first 1024 bytes, then UTF-8. Two repairs for common lies, after Miniflux:
 * a legacy charset declared on bytes that are valid UTF-8 (with non-ASCII)
 * is ignored, and undeclared bytes that are not UTF-8 at all are read as
 * windows-1252 rather than turned into U+FFFD.
 */
export function decodeBody(body: Buffer, contentType: string | null): DecodedBody {
  const headerLabel = charsetFromContentType(contentType);
  const documentLabel = charsetFromDocument(body);
  const declared = headerLabel ?? documentLabel;

  const byteOrderMark = detectByteOrderMark(body);
  if (byteOrderMark !== null) {
    return {
      text: decodeWith(body.subarray(byteOrderMark.length), byteOrderMark.encoding),
      encoding: byteOrderMark.encoding,
      declared,
    };
  }
  const unmarkedUtf16 = detectUnmarkedUtf16(body);
  if (unmarkedUtf16 !== null) return { text: decodeWith(body, unmarkedUtf16), encoding: unmarkedUtf16, declared };

  let encoding = headerLabel === null ? null : resolveLabel(headerLabel);
  if (encoding === null && documentLabel !== null) {
    encoding = resolveLabel(documentLabel);
    // A UTF-16/32 declaration we could read as ASCII bytes cannot be true (HTML spec says use UTF-8).
    if (encoding !== null && /^utf-(16|32)/.test(encoding)) encoding = 'utf-8';
  }
  if (encoding !== null && !encoding.startsWith('utf-') && hasNonAscii(body) && isUtf8(body)) encoding = 'utf-8';
  if (encoding === null) encoding = looksLikeUtf8(body) ? 'utf-8' : 'windows-1252';
  return { text: decodeWith(body, encoding), encoding, declared };
}

/** The canonical decoder name for a charset label, or null when iconv-lite does not know it. */
export function resolveLabel(label: string): string | null {
  const normalized = label.trim().toLowerCase();
  const alias = LABEL_ALIASES[normalized];
  if (alias !== undefined) return alias;
  if (NOT_TEXT_CHARSETS.has(normalized)) return null;
  return iconv.encodingExists(normalized) ? normalized : null;
}

function decodeWith(bytes: Buffer, encoding: string): string {
  const text = iconv.decode(bytes, encoding, { stripBOM: true });
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function charsetFromContentType(contentType: string | null): string | null {
  if (contentType === null) return null;
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  const label = (match?.[1] ?? match?.[2] ?? '').trim().toLowerCase();
  return label === '' ? null : label;
}

/** The XML prolog's encoding, or for documents without a prolog an HTML <meta> charset, within the prescan window. */
function charsetFromDocument(body: Buffer): string | null {
  const head = body
    .subarray(0, PRESCAN_BYTES)
    .toString('latin1')
    .replace(/^\u00ef\u00bb\u00bf/, '');
  const prolog = /^\s*<\?xml\s[^>]*>/i.exec(head);
  if (prolog !== null) {
    const encoding = /\bencoding\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(prolog[0]);
    const label = (encoding?.[1] ?? encoding?.[2] ?? '').trim().toLowerCase();
    return label === '' ? null : label;
  }
  // Covers both <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
  const meta = /<meta\s[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  const label = meta?.[1]?.trim().toLowerCase() ?? '';
  return label === '' ? null : label;
}

function detectByteOrderMark(body: Buffer): { readonly encoding: string; readonly length: number } | null {
  const [first, second, third, fourth] = body;
  if (first === 0xef && second === 0xbb && third === 0xbf) return { encoding: 'utf-8', length: 3 };
  // UTF-32LE's mark starts with UTF-16LE's, so it is checked first.
  if (first === 0xff && second === 0xfe && third === 0x00 && fourth === 0x00)
    return { encoding: 'utf-32le', length: 4 };
  if (first === 0x00 && second === 0x00 && third === 0xfe && fourth === 0xff)
    return { encoding: 'utf-32be', length: 4 };
  if (first === 0xfe && second === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (first === 0xff && second === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return null;
}

/** XML 1.0 Appendix F: "<?" in UTF-16 without a byte order mark. */
function detectUnmarkedUtf16(body: Buffer): string | null {
  const [first, second, third, fourth] = body;
  if (first === 0x3c && second === 0x00 && third === 0x3f && fourth === 0x00) return 'utf-16le';
  if (first === 0x00 && second === 0x3c && third === 0x00 && fourth === 0x3f) return 'utf-16be';
  return null;
}

function hasNonAscii(body: Buffer): boolean {
  for (const byte of body) if (byte >= 0x80) return true;
  return false;
}

/**
 * Undeclared bytes are UTF-8 unless they look like a legacy charset: more
 * broken sequences than valid multi-byte ones. A UTF-8 feed with a stray bad
 * byte stays UTF-8; Latin-1 text, where "é\u00a0»" happens to form one valid
 * sequence, does not.
 */
function looksLikeUtf8(body: Buffer): boolean {
  if (isUtf8(body)) return true;
  let valid = 0;
  let broken = 0;
  for (const character of new TextDecoder('utf-8').decode(body)) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (codePoint === 0xfffd) broken += 1;
    else if (codePoint > 0x7f) valid += 1;
  }
  return valid > broken;
}

/**
 * What the text is, judged by its content first because servers lie (an HTML
 * error page as text/xml, a feed as text/html). The Content-Type only breaks
 * ties when the content says nothing.
 */
export function sniffContentKind(text: string, contentType: string | null): ContentKind {
  const unmarked = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const start = /\S/.exec(unmarked);
  const body = start === null ? '' : unmarked.slice(start.index, start.index + 64 * 1024);
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (body.startsWith('{')) {
    // JSON escapes '/' as '\/' more often than not; the header only counts when the version is missing (truncated bodies).
    const versioned = /"version"\s*:\s*"https?:\\?\/\\?\/jsonfeed\.org\\?\/version\\?\//.test(text);
    return versioned || mediaType === 'application/feed+json' ? 'json-feed' : 'unknown';
  }
  const root = body.startsWith('<') ? firstElementName(body) : null;
  if (root === 'html' || root === '!doctype html') return 'html';
  if (root === 'rss' || root === 'feed' || root === 'rdf') return 'feed-xml';
  if (root !== null && !HTML_ELEMENTS.has(root)) return 'unknown'; // other XML: OPML, sitemaps, API answers
  // Headless HTML ("<h1>502 Bad Gateway</h1>"), or PHP warnings printed before a feed.
  const early = body.slice(0, 4096);
  if (/<(rss|feed|rdf:rdf)[\s/>]/i.test(early)) return 'feed-xml';
  if (root !== null) return 'html';
  return mediaType === 'text/html' && body.includes('<') ? 'html' : 'unknown';
}

/** Elements that start an HTML fragment served without <html>. */
const HTML_ELEMENTS = new Set(
  `head body title meta link base script style noscript div p span a b i em strong br hr
   h1 h2 h3 h4 h5 h6 pre center font table ul ol img form iframe main header section article`.split(/\s+/),
);

/** The local name of the first element (lowercased), skipping prolog, processing instructions and comments; `!doctype html` for HTML doctypes. */
function firstElementName(markup: string): string | null {
  const token =
    /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!doctype\s+([^\s>[]+)[^>[]*(?:\[[\s\S]*?\])?\s*>|<([A-Za-z_][\w.:-]*)/gi;
  for (let match = token.exec(markup); match !== null; match = token.exec(markup)) {
    const doctype = match[1];
    if (doctype?.toLowerCase() === 'html') return '!doctype html';
    const name = match[2];
    if (name !== undefined) {
      const local = name.slice(name.indexOf(':') + 1).toLowerCase();
      return local;
    }
  }
  return null;
}
