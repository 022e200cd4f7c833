/**
 * Why a document could not be read as a feed. Callers (ingest, the feed
 * status in the sidebar) branch on `code`; the message is for people and
 * names the operation and the document, e.g.
 * `parseFeed http://x/feed: not a feed (looks like an HTML page)`.
 */
export type FeedParseErrorCode =
  | 'not-a-feed' // well-formed, but an HTML page, plain text, OPML, some other JSON…
  | 'malformed' // looked like a feed but could not be read (truncated XML, broken JSON)
  | 'unsafe-xml' // external entities or entity expansion past the caps
  | 'empty'; // nothing but whitespace

export class FeedParseError extends Error {
  readonly code: FeedParseErrorCode;
  readonly documentUrl: string;

  constructor(code: FeedParseErrorCode, documentUrl: string, detail: string, options?: ErrorOptions) {
    super(`parseFeed ${documentUrl}: ${detail}`, options);
    this.name = 'FeedParseError';
    this.code = code;
    this.documentUrl = documentUrl;
  }
}
