export interface DiscoveredFeed {
  /** Absolute http(s) URL of the feed. */
  readonly url: string;
  readonly title: string | null;
  /** The link's media type, lowercased, without parameters. */
  readonly type: string;
}

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/json',
  'application/rdf+xml',
]);

/** Elements whose content is not markup; a <link> inside them is not a link. */
const NON_MARKUP = /<!--[\s\S]*?(?:-->|$)|<(script|style|template|textarea|title)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
/** A <link> or <base> start tag; quoted values may contain '>'. */
const TAG = /<(link|base)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/**
 * Feed autodiscovery: the `<link rel="alternate" type="…feed type…" href>`
 * elements of an HTML page, resolved against `<base href>` and the page URL,
 * de-duplicated, in document order. Pure; a tolerant scanner rather than an
 * HTML parser because only two void elements matter and pages are often broken.
 */
export function discoverFeeds(html: string, pageUrl: string): DiscoveredFeed[] {
  const markup = html.replace(NON_MARKUP, ' ');
  let base: URL | null = parseUrl(pageUrl, undefined);
  let baseSeen = false;
  const links: Record<string, string>[] = [];
  for (const match of markup.matchAll(TAG)) {
    const attributes = parseAttributes(match[2] ?? '');
    if ((match[1] ?? '').toLowerCase() === 'base') {
      // Only the first <base href> counts (HTML: "the first base element with an href attribute").
      const href = attributes.href;
      if (!baseSeen && href !== undefined) {
        baseSeen = true;
        base = parseUrl(href.trim(), base ?? undefined) ?? base;
      }
      continue;
    }
    links.push(attributes);
  }

  const seen = new Set<string>();
  const feeds: DiscoveredFeed[] = [];
  for (const attributes of links) {
    const relTokens = (attributes.rel ?? '').toLowerCase().split(/\s+/);
    if (!relTokens.includes('alternate')) continue;
    const type = (attributes.type ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!FEED_TYPES.has(type)) continue;
    const href = attributes.href?.trim();
    if (href === undefined || href === '') continue;
    const url = feedUrl(href, base);
    if (url === null || seen.has(url)) continue;
    seen.add(url);
    const title = attributes.title?.replace(/\s+/g, ' ').trim();
    feeds.push({ url, title: title === undefined || title === '' ? null : title, type });
  }
  return feeds;
}

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = (match[1] ?? '').toLowerCase();
    // Duplicate attributes: the first one wins, as in the HTML tokenizer.
    if (name === '' || name in attributes) continue;
    attributes[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

/** Resolves against the base; `feed:` URLs (an old browser convention) become http(s). Non-web schemes are dropped. */
function feedUrl(href: string, base: URL | null): string | null {
  let target = href;
  const feedScheme = /^feed:(?:\/\/)?/i.exec(target);
  if (feedScheme !== null) {
    const rest = target.slice(feedScheme[0].length);
    target = /^https?:/i.test(rest) ? rest : `http://${rest}`;
  }
  const url = parseUrl(target, base ?? undefined);
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;
  url.hash = '';
  return url.href;
}

function parseUrl(value: string, base: URL | undefined): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '\u2013',
  mdash: '\u2014',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  hellip: '\u2026',
  laquo: '\u00ab',
  raquo: '\u00bb',
  middot: '\u00b7',
  bull: '\u2022',
  copy: '\u00a9',
  reg: '\u00ae',
  eacute: '\u00e9',
  egrave: '\u00e8',
  agrave: '\u00e0',
  aacute: '\u00e1',
  ccedil: '\u00e7',
  uuml: '\u00fc',
  ouml: '\u00f6',
  auml: '\u00e4',
  szlig: '\u00df',
};

/**
 * Numeric references and the named ones that show up in titles and URLs;
 * unknown names stay as written. Named references need their ';' here, so a
 * query string like "?a=1&copy=2" is left alone.
 */
function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(
    /&(?:#(\d+);?|#x([0-9a-f]+);?|([a-z][a-z0-9]*);)/gi,
    (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name !== undefined) return NAMED_ENTITIES[name] ?? whole;
      const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
      return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '\ufffd';
    },
  );
}
