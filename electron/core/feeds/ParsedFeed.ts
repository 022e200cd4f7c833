/**
 * The normalized result of parsing one feed document (RSS 0.9x/1.0/2.0,
 * Atom 1.0 or JSON Feed 1.x). Pure data: parsing never touches the network.
 * All URLs are absolute (resolved against xml:base, the feed's link and the
 * document URL); all dates are ISO 8601 UTC strings or null.
 */
export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

export interface ParsedItem {
  /** guid / atom:id / JSON Feed id, trimmed; null when absent. */
  readonly guid: string | null;
  readonly url: string | null;
  readonly title: string | null;
  readonly author: string | null;
  readonly publishedAt: string | null;
  readonly updatedAt: string | null;
  /** Short description (RSS description, Atom summary, JSON summary). Raw HTML, unsanitized. */
  readonly summaryHtml: string | null;
  /** Full content (content:encoded, Atom content, JSON content_html/text). Raw HTML, unsanitized. */
  readonly contentHtml: string | null;
  readonly categories: readonly string[];
  readonly enclosures: readonly {
    readonly url: string;
    readonly type: string | null;
    readonly length: number | null;
  }[];
  readonly imageUrl: string | null;
  readonly language: string | null;
}

export interface ParsedFeed {
  readonly format: FeedFormat;
  readonly title: string | null;
  readonly description: string | null;
  /** The site's home page. */
  readonly siteUrl: string | null;
  /** The feed's own URL if it names one (atom:link rel=self, JSON feed_url). */
  readonly selfUrl: string | null;
  readonly language: string | null;
  readonly imageUrl: string | null;
  readonly updatedAt: string | null;
  readonly items: readonly ParsedItem[];
}
