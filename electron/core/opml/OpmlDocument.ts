/**
 * A subscription list read from OPML. Pure data: reading never touches the
 * network. Nothing is dropped silently — every outline that was not turned
 * into a feed entry is explained in `problems` or `duplicates`.
 */
export interface OpmlFeedEntry {
  /** Absolute http(s) URL, trimmed, with `feed:` rewritten to http/https. */
  readonly url: string;
  /** The outline's `title`, else its `text`; whitespace collapsed; null when both are empty. */
  readonly title: string | null;
  /** `htmlUrl` when it is an absolute http(s) URL. */
  readonly siteUrl: string | null;
  /** Names of the enclosing non-feed outlines joined with " / " (e.g. "News / Energy"); null at top level. */
  readonly folder: string | null;
}

export interface OpmlDocument {
  /** `<head><title>`, whitespace collapsed; null when absent or empty. */
  readonly title: string | null;
  /** Feeds in document order, first occurrence of each URL only. */
  readonly outlines: readonly OpmlFeedEntry[];
  /** One line per outline that was skipped or part that was ignored, and why (with its line number). */
  readonly problems: readonly string[];
  /** One line per outline dropped because an earlier outline has the same feed URL. */
  readonly duplicates: readonly string[];
  /** True when the file was not well-formed XML and was read by the tolerant tag scanner. */
  readonly recovered: boolean;
}
