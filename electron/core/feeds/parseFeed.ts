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

  const rootName = sniffRootName(text, xmlStart);
  if (rootName === null) throw new FeedParseError('malformed', documentUrl, 'malformed XML: no root element');
  const localName = rootName.slice(rootName.indexOf(':') + 1).toLowerCase();
  if (localName === 'html' || localName === '!doctype html')
    throw new FeedParseError('not-a-feed', documentUrl, 'not a feed (looks like an HTML page)');
  if (!feedRootNames.has(localName))
    throw new FeedParseError('not-a-feed', documentUrl, `not a feed (root element <${rootName}>)`);

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
 * processing instructions and a DOCTYPE. An HTML doctype answers
 * `!doctype html`. Null when no element starts within the sniffed prefix.
 */
function sniffRootName(text: string, from: number): string | null {
  let index = from;
  const limit = Math.min(text.length, from + 64 * 1024);
  while (index < limit) {
    const open = text.indexOf('<', index);
    if (open === -1 || open >= limit) return null;
    if (text.startsWith('<!--', open)) {
      const close = text.indexOf('-->', open + 4);
      if (close === -1) return null;
      index = close + 3;
    } else if (text.startsWith('<?', open)) {
      const close = text.indexOf('?>', open + 2);
      if (close === -1) return null;
      index = close + 2;
    } else if (text.startsWith('<!', open)) {
      if (/^<!doctype\s+html\b/i.test(text.slice(open, open + 20))) return '!doctype html';
      index = skipDoctype(text, open + 2);
    } else {
      const match = /^<([^\s/>!?]+)/.exec(text.slice(open, open + 256));
      return match?.[1] ?? null;
    }
  }
  return null;
}

/** Index just past a DOCTYPE or other `<!…>` declaration, including a bracketed internal subset. */
function skipDoctype(text: string, from: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let index = from; index < text.length; index++) {
    const character = text[index];
    if (quote !== null) {
      if (character === quote) quote = null;
    } else if (character === '"' || character === "'") {
      quote = character;
    } else if (character === '[') {
      depth++;
    } else if (character === ']') {
      depth--;
    } else if (character === '>' && depth <= 0) {
      return index + 1;
    }
  }
  return text.length;
}
