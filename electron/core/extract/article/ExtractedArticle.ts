/** How the body was obtained: Readability alone, the page's JSON-LD `articleBody` alone, or Readability checked and repaired against it. */
export type ExtractionMethod = 'readability' | 'json-ld' | 'readability+json-ld';

/** The article found in one page: what the store keeps for offline reading. */
export interface ExtractedArticle {
  readonly title: string | null;
  readonly byline: string | null;
  /** ISO 8601 UTC, from the page's metadata; null when the page states none we can read. */
  readonly publishedAt: string | null;
  readonly siteName: string | null;
  /** BCP 47 tag as the page declares it (`en-US`), or null. */
  readonly language: string | null;
  /** The page's own address as it declares it (canonical link, og:url), or null. */
  readonly canonicalUrl: string | null;
  /** Absolute URL of the page's lead image (og:image, JSON-LD image), or null. */
  readonly leadImageUrl: string | null;
  /** The article body, sanitized with the storage allow-list; links and images are absolute. */
  readonly contentHtml: string;
  /** Plain text of `contentHtml`, one line per block. */
  readonly text: string;
  readonly excerpt: string | null;
  readonly wordCount: number;
  readonly method: ExtractionMethod;
  /** Things worth knowing that did not stop extraction (`json-ld articleBody replaced the body: …`). */
  readonly warnings: readonly string[];
}
