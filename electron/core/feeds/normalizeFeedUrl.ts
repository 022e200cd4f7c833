/**
 * Checks a feed URL from a subscription list and gives the key that two
 * spellings of the same feed share.
 *
 * `url` is the text as the list wrote it — trimmed, with `feed:` rewritten —
 * not the WHATWG serialisation, so an import shows the user their own URL
 * (an IDN host stays readable, nothing gets percent-encoded behind their
 * back). `key` is the serialisation without the fragment: scheme and host
 * case, default ports and an empty path all compare equal.
 */
export type FeedUrlCheck =
  { readonly ok: true; readonly url: string; readonly key: string } | { readonly ok: false; readonly reason: string };

export function normalizeFeedUrl(raw: string): FeedUrlCheck {
  let url = raw.trim();
  if (url === '') return { ok: false, reason: 'is empty' };
  // feed:// and feed:https:// are browser conventions for "open in a feed reader", not protocols.
  const feedScheme = /^feed:(\/\/)?/i.exec(url);
  if (feedScheme) {
    const rest = url.slice(feedScheme[0].length);
    url = feedScheme[1] === undefined ? rest : `http://${rest}`;
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return { ok: false, reason: 'is not an absolute URL' };
  if (scheme !== 'http' && scheme !== 'https') {
    return { ok: false, reason: `uses the unsupported scheme "${scheme}:" (only http and https are supported)` };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'is not a valid URL' };
  }
  if (parsed.hostname === '') return { ok: false, reason: 'has no host' };
  parsed.hash = '';
  return { ok: true, url, key: parsed.href };
}

/** A site (home page) URL: the same rules, without `feed:`; null when absent or unusable. */
export function normalizeSiteUrl(raw: string | undefined): string | null {
  if (raw === undefined || /^\s*feed:/i.test(raw)) return null;
  const check = normalizeFeedUrl(raw);
  return check.ok ? check.url : null;
}
