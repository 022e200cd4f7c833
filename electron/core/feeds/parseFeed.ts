import { FeedParseError } from './FeedParseError.ts';
import type { ParsedFeed } from './ParsedFeed.ts';
import { parseXml } from './parseXml.ts';
import { isJsonFeed, readJsonFeed } from './readJsonFeed.ts';
import { readXmlFeed } from './readXmlFeed.ts';

/**
 * Parses one feed document (RSS 0.9x/1.0/2.0, Atom 1.0 — 0.3 leniently —
 * or JSON Feed 1.x) into a ParsedFeed. Pure: `documentUrl` is only the base
 * for relative URLs and the name used in errors.
 *
 * Throws FeedParseError: `empty` (blank body), `not-a-feed` (an HTML page,
 * plain text, OPML, other JSON), `malformed` (truncated or broken XML/JSON),
 * `unsafe-xml` (external entities, entity expansion past the caps).
 */
export function parseFeed(text: string, documentUrl: string): ParsedFeed {
  try {
    return parseDocument(text, documentUrl);
  } catch (error) {
    if (error instanceof FeedParseError) throw error;
    // The readers are written not to throw; this keeps a bug or an engine limit
    // (a string too long, a stack overflow) inside the contract for callers.
    const detail = error instanceof Error ? error.message : String(error);
    throw new FeedParseError('malformed', documentUrl, `could not be read (${detail})`, { cause: error });
  }
}

/** How far into the body to look for the start of the document (past BOM, whitespace, server warnings). */
const sniffLength = 4096;
const feedRootNames = new Set(['rss', 'rdf', 'feed']);
/** Root elements that mean an HTML page or fragment, for a more helpful error than "root element <div>". */
const htmlRootNames = new Set([
  'html',
  'head',
  'body',
  'div',
  'p',
  'meta',
  'link',
  'script',
  'title',
  'figure',
  'table',
  'span',
  'a',
  'img',
  'section',
  'article',
]);

function parseDocument(text: string, documentUrl: string): ParsedFeed {
  const start = text.search(/[^\s\uFEFF]/);
  if (start === -1) throw new FeedParseError('empty', documentUrl, 'empty document');
  const first = text[start];

  if (first === '{' || first === '[') return parseJson(text.slice(start), documentUrl);

  let xmlStart = start;
  if (first !== '<') {
    // PHP notices and similar junk sometimes precede the XML declaration.
    const found = text.slice(start, start + sniffLength).search(/<\?xml\b|<(?:rss|feed|rdf:RDF)\b/);
    if (found === -1) throw new FeedParseError('not-a-feed', documentUrl, 'not a feed (looks like plain text)');
    xmlStart = start + found;
  }

  const { rootName, htmlDoctype } = sniffRoot(text, xmlStart);
  if (rootName === null) {
    if (htmlDoctype) throw new FeedParseError('not-a-feed', documentUrl, 'not a feed (looks like an HTML page)');
    throw new FeedParseError('malformed', documentUrl, 'malformed XML: no root element');
  }
  const localName = rootName.slice(rootName.indexOf(':') + 1).toLowerCase();
  if (!feedRootNames.has(localName)) {
    // An HTML doctype before <rss> is a publisher's template accident, not an HTML page: the root decides.
    if (htmlRootNames.has(localName) || htmlDoctype)
      throw new FeedParseError('not-a-feed', documentUrl, 'not a feed (looks like an HTML page)');
    throw new FeedParseError('not-a-feed', documentUrl, `not a feed (root element <${rootName}>)`);
  }

  return readXmlFeed(parseXml(xmlStart === 0 ? text : text.slice(xmlStart), documentUrl), documentUrl);
}

function parseJson(text: string, documentUrl: string): ParsedFeed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FeedParseError(
      'malformed',
      documentUrl,
      `malformed JSON (${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }
  if (!isJsonFeed(value))
    throw new FeedParseError('not-a-feed', documentUrl, 'not a feed (JSON without a jsonfeed.org version)');
  return readJsonFeed(value, documentUrl);
}

/**
 * The name of the first element, skipping the XML declaration, comments,
 * processing instructions and a DOCTYPE (noting whether it was an HTML one).
 * rootName is null when no element starts within the sniffed prefix.
 */
function sniffRoot(text: string, from: number): { rootName: string | null; htmlDoctype: boolean } {
  let index = from;
  let htmlDoctype = false;
  const limit = Math.min(text.length, from + 64 * 1024);
  while (index < limit) {
    const open = text.indexOf('<', index);
    if (open === -1 || open >= limit) break;
    if (text.startsWith('<!--', open)) {
      const close = text.indexOf('-->', open + 4);
      if (close === -1) break;
      index = close + 3;
    } else if (text.startsWith('<?', open)) {
      const close = text.indexOf('?>', open + 2);
      if (close === -1) break;
      index = close + 2;
    } else if (text.startsWith('<!', open)) {
      if (/^<!doctype\s+html\b/i.test(text.slice(open, open + 20))) htmlDoctype = true;
      index = skipDeclaration(text, open + 2);
    } else {
      const match = /^<([^\s/>!?]+)/.exec(text.slice(open, open + 256));
      return { rootName: match?.[1] ?? null, htmlDoctype };
    }
  }
  return { rootName: null, htmlDoctype };
}

/** Index just past a DOCTYPE or other `<!…>` declaration, including a bracketed internal subset and comments in it. */
function skipDeclaration(text: string, from: number): number {
  let depth = 0;
  let index = from;
  while (index < text.length) {
    const character = text[index];
    if (character === '"' || character === "'") {
      const close = text.indexOf(character, index + 1);
      if (close === -1) return text.length;
      index = close + 1;
      continue;
    }
    if (depth > 0 && text.startsWith('<!--', index)) {
      const close = text.indexOf('-->', index + 4);
      if (close === -1) return text.length;
      index = close + 3;
      continue;
    }
    if (character === '[') depth++;
    else if (character === ']') depth--;
    else if (character === '>' && depth <= 0) return index + 1;
    index++;
  }
  return text.length;
}
