import { isUtf8 } from 'node:buffer';
import type { FeedFormat, ParsedFeed, ParsedItem } from './ParsedFeed.ts';
import { parseDate } from './parseDate.ts';
import { serializeChildren, textContent, xhtmlNamespace } from './parseXml.ts';
import type { XmlAttribute, XmlElement } from './parseXml.ts';
import { collapseWhitespace, escapeHtml, htmlToPlainText, languageTag, looksLikeHtml, nonBlank } from './plainText.ts';
import { isUrlAttribute, resolveAttributeUrl, resolveHtmlUrls, resolveUrl } from './resolveUrl.ts';

/**
 * Maps an RSS 0.9x/1.0/2.0 or Atom (1.0, and 0.3 leniently) document tree
 * onto ParsedFeed. Elements are matched by namespace URI, not prefix, so a
 * `<szf:description>` from some module never shadows the RSS one; elements
 * with an undeclared but conventional prefix (`dc:`, `content:`, `media:`,
 * `itunes:`) are accepted, as feeds often forget the declaration.
 */

type Family = string;

/** Namespace URI (normalized: lower case, no trailing `/` or `#`) → the family its elements are matched under. '' is core RSS. */
const familiesByNamespace = new Map<string, Family>([
  ['http://www.w3.org/2005/atom', 'atom'],
  ['http://purl.org/atom/ns', 'atom'], // Atom 0.3: close enough to read leniently
  ['http://purl.org/rss/1.0', ''],
  ['http://my.netscape.com/rdf/simple/0.9', ''],
  ['http://backend.userland.com/rss2', ''],
  ['http://backend.userland.com/rss', ''],
  ['http://blogs.law.harvard.edu/tech/rss', ''],
  ['http://www.w3.org/1999/02/22-rdf-syntax-ns', 'rdf'],
  ['http://purl.org/rss/1.0/modules/content', 'content'],
  ['http://purl.org/dc/elements/1.1', 'dc'],
  ['http://purl.org/dc/terms', 'dcterms'],
  ['http://www.itunes.com/dtds/podcast-1.0.dtd', 'itunes'],
  ['https://www.itunes.com/dtds/podcast-1.0.dtd', 'itunes'],
  ['http://search.yahoo.com/mrss', 'media'],
  ['https://search.yahoo.com/mrss', 'media'],
  ['http://video.search.yahoo.com/mrss', 'media'],
  ['http://www.w3.org/1999/xhtml', 'xhtml'],
]);

const familyCache = new Map<string, Family>();

function familyOf(namespace: string): Family {
  let family = familyCache.get(namespace);
  if (family === undefined) {
    const normalized = namespace
      .trim()
      .toLowerCase()
      .replace(/[/#]+$/, '');
    family = familiesByNamespace.get(normalized) ?? `{${namespace}}`;
    familyCache.set(namespace, family);
  }
  return family;
}

/**
 * Which vocabulary is the document's own: Atom or RSS, and the namespace its
 * core elements use. That namespace counts as core whatever its URI, so
 * `<rss xmlns="http://backend.userland.com/rss2.1">` reads like plain RSS.
 */
interface Vocabulary {
  readonly isAtom: boolean;
  readonly coreNamespace: string | null;
}

/** The children of one element, grouped by `family:name`, in document order. */
class Children {
  private readonly byKey = new Map<string, XmlElement[]>();

  constructor(element: XmlElement, vocabulary: Vocabulary) {
    const { isAtom, coreNamespace } = vocabulary;
    for (const child of element.children) {
      if (typeof child === 'string') continue;
      let family =
        child.namespace === null
          ? (child.prefix?.toLowerCase() ?? '')
          : child.namespace === coreNamespace
            ? ''
            : familyOf(child.namespace);
      // In an Atom document Atom is the core vocabulary, also when the namespace was left off.
      if (isAtom && family === '') family = 'atom';
      const key = `${family}:${child.name}`;
      const list = this.byKey.get(key);
      if (list === undefined) this.byKey.set(key, [child]);
      else list.push(child);
    }
  }

  all(key: string): readonly XmlElement[] {
    return this.byKey.get(key) ?? [];
  }

  first(key: string): XmlElement | undefined {
    return this.byKey.get(key)?.[0];
  }

  /** Trimmed text of the first element among `keys` whose text is not blank. */
  text(...keys: string[]): string | null {
    for (const key of keys) {
      for (const element of this.all(key)) {
        const text = textContent(element).trim();
        if (text !== '') return text;
      }
    }
    return null;
  }
}

/** An attribute by lower-case local name: the unprefixed one, else one under any prefix. */
function attribute(element: XmlElement, name: string): string | null {
  let prefixed: string | null = null;
  for (const candidate of element.attributes) {
    if (candidate.name !== name) continue;
    if (!candidate.qualifiedName.includes(':')) return candidate.value;
    prefixed ??= candidate.value;
  }
  return prefixed;
}

/** `rdf:about` / `rdf:resource`. */
function rdfAttribute(element: XmlElement, name: string): string | null {
  for (const candidate of element.attributes) {
    if (
      candidate.name === name &&
      (candidate.namespace === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#' ||
        candidate.qualifiedName === `rdf:${name}`)
    ) {
      return candidate.value;
    }
  }
  return null;
}

function firstDate(children: Children, keys: readonly string[]): string | null {
  for (const key of keys) {
    for (const element of children.all(key)) {
      const date = parseDate(textContent(element));
      if (date !== null) return date;
    }
  }
  return null;
}

function dedupe(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const unique: string[] = [];
  for (const value of values) {
    const trimmed = collapseWhitespace(value);
    if (trimmed === '' || seen.has(trimmed)) continue;
    seen.add(trimmed);
    unique.push(trimmed);
  }
  return unique;
}

/** Rewrites URL attributes in serialized XHTML against each element's own xml:base. */
function urlRewriter(fallbackBase: string | null): (element: XmlElement, attribute: XmlAttribute) => string {
  return (element, target) => {
    const base = element.base ?? fallbackBase;
    if (base === null || !isUrlAttribute(target.name)) return target.value;
    return resolveAttributeUrl(target.name, target.value, base);
  };
}

/** The markup inside an element whose content is HTML: escaped text (the usual case) or inline XHTML elements. */
function htmlOf(element: XmlElement, fallbackBase: string | null): string {
  const hasElements = element.children.some((child) => typeof child !== 'string');
  const base = element.base ?? fallbackBase;
  if (!hasElements) return resolveHtmlUrls(textContent(element).trim(), base);
  // An XHTML wrapper (`<div xmlns=xhtml>`, `<body>`) is dropped; its content is the body.
  const elements = element.children.filter((child) => typeof child !== 'string');
  const only = elements.length === 1 ? elements[0] : undefined;
  const strayText = element.children.some((child) => typeof child === 'string' && child.trim() !== '');
  if (
    only !== undefined &&
    !strayText &&
    only.namespace === xhtmlNamespace &&
    (only.name === 'div' || only.name === 'body')
  ) {
    return serializeChildren(only, urlRewriter(fallbackBase)).trim();
  }
  return serializeChildren(element, urlRewriter(fallbackBase)).trim();
}

interface TextConstruct {
  readonly html: string;
  readonly text: string;
}

/** Atom text constructs (RFC 4287 §3.1) and Atom 0.3 content modes → HTML and plain text. */
function readTextConstruct(element: XmlElement, fallbackBase: string | null): TextConstruct | null {
  // `type=""` is treated as the default rather than as an unknown media type.
  const type = nonBlank(attribute(element, 'type'))?.trim().toLowerCase() ?? 'text';
  const mode = attribute(element, 'mode')?.trim().toLowerCase();
  const base = element.base ?? fallbackBase;
  let html: string;
  if (type === 'xhtml' || type === 'application/xhtml+xml' || mode === 'xml') {
    html = htmlOf(element, fallbackBase);
  } else if (mode === 'base64') {
    const decoded = decodeBase64Text(textContent(element));
    if (decoded === null) return null;
    if (type === 'text' || type === 'text/plain') return plainConstruct(decoded);
    html = resolveHtmlUrls(decoded.trim(), base);
  } else if (type === 'html' || type === 'text/html' || mode === 'escaped') {
    // Escaped markup as the spec says, or (a common mistake) markup left unescaped.
    html = htmlOf(element, fallbackBase);
  } else if (type === 'text' || type.startsWith('text/')) {
    return plainConstruct(textContent(element));
  } else if (type.endsWith('+xml') || type.endsWith('/xml')) {
    html = htmlOf(element, fallbackBase);
  } else {
    // Any other media type is base64 (RFC 4287 §4.1.3.3): shown as text when it decodes to text.
    const decoded = decodeBase64Text(textContent(element));
    return decoded === null ? null : plainConstruct(decoded);
  }
  return html === '' ? null : { html, text: htmlToPlainText(html) };
}

function plainConstruct(text: string): TextConstruct | null {
  const collapsed = collapseWhitespace(text);
  return collapsed === '' ? null : { html: escapeHtml(text.trim()), text: collapsed };
}

/** Base64 payload → text, or null when it is not valid UTF-8 text (an image, say). */
function decodeBase64Text(encoded: string): string | null {
  const bytes = Buffer.from(encoded.replace(/\s+/g, ''), 'base64');
  if (!isUtf8(bytes)) return null;
  return bytes.toString('utf8');
}

/** RSS title / description as plain text: often HTML-escaped markup or double-escaped entities. */
function plainTextOf(raw: string): string {
  return looksLikeHtml(raw) ? htmlToPlainText(raw) : collapseWhitespace(raw);
}

/** "Name <email>", "email (Name)", "Name (email)" → the name a reader shows. */
export function authorName(contact: string): string | null {
  const text = collapseWhitespace(contact);
  if (text === '') return null;
  const angle = /^(.*?)\s*<([^<>]*)>$/.exec(text);
  if (angle !== null) return nonBlank(angle[1]?.replace(/^"|"$/g, '')) ?? nonBlank(angle[2]);
  const parenthesized = /^(.*?)\s*\(([^()]*)\)$/.exec(text);
  if (parenthesized !== null) {
    const [, outside = '', inside = ''] = parenthesized;
    const outsideIsEmail = outside.includes('@') && !outside.includes(' ');
    if (outsideIsEmail && inside.trim() !== '') return inside.trim();
    if (outside.trim() !== '') return outside.trim();
    return nonBlank(inside);
  }
  return text;
}

function atomPersonName(person: XmlElement, vocabulary: Vocabulary): string | null {
  const children = new Children(person, vocabulary);
  const name = children.text('atom:name', ':name');
  if (name !== null) return collapseWhitespace(name);
  const email = children.text('atom:email', ':email');
  if (email !== null) return email;
  // Some feeds write `<author>Name</author>` even in Atom.
  return person.children.every((child) => typeof child === 'string')
    ? nonBlank(collapseWhitespace(textContent(person)))
    : null;
}

interface AtomLink {
  readonly rel: string;
  readonly type: string | null;
  readonly href: string | null;
  readonly length: number | null;
}

function atomLinks(children: Children, key: string, fallbackBase: string | null): AtomLink[] {
  return children.all(key).map((link) => {
    const href = attribute(link, 'href') ?? (link.children.length > 0 ? textContent(link) : null);
    return {
      rel: (attribute(link, 'rel') ?? 'alternate').trim().toLowerCase(),
      type: nonBlank(attribute(link, 'type'))?.trim().toLowerCase() ?? null,
      href: resolveUrl(href, link.base ?? fallbackBase),
      length: parseLength(attribute(link, 'length')),
    };
  });
}

/** The alternate link a reader opens: rel=alternate (the default); one typed as HTML first, then an untyped one. */
function alternateLink(links: readonly AtomLink[]): string | null {
  const alternates = links.filter((link) => link.rel === 'alternate' && link.href !== null);
  const html = alternates.find((link) => link.type === 'text/html' || link.type === 'application/xhtml+xml');
  return (html ?? alternates.find((link) => link.type === null) ?? alternates[0])?.href ?? null;
}

function parseLength(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const length = Number(value.trim());
  return Number.isSafeInteger(length) && length >= 0 ? length : null;
}

const imageExtension = /\.(?:jpe?g|png|gif|webp|avif|bmp|svg)(?:[?#]|$)/i;

type Enclosure = ParsedItem['enclosures'][number];

/** media:thumbnail / media:content (also inside media:group and media:content) → the best image URL. */
function mediaImage(children: Children, vocabulary: Vocabulary, base: string | null, depth = 0): string | null {
  for (const thumbnail of children.all('media:thumbnail')) {
    const url = resolveUrl(attribute(thumbnail, 'url'), thumbnail.base ?? base);
    if (url !== null) return url;
  }
  for (const content of children.all('media:content')) {
    const type = attribute(content, 'type')?.toLowerCase() ?? '';
    const medium = attribute(content, 'medium')?.toLowerCase() ?? '';
    const url = attribute(content, 'url');
    if (
      url !== null &&
      (medium === 'image' || type.startsWith('image/') || (medium === '' && type === '' && imageExtension.test(url)))
    ) {
      return resolveUrl(url, content.base ?? base);
    }
  }
  if (depth > 0) return null;
  for (const nested of [...children.all('media:group'), ...children.all('media:content')]) {
    const url = mediaImage(new Children(nested, vocabulary), vocabulary, base, depth + 1);
    if (url !== null) return url;
  }
  return null;
}

function itunesImage(children: Children, base: string | null): string | null {
  for (const image of children.all('itunes:image')) {
    const url = resolveUrl(
      attribute(image, 'href') ?? attribute(image, 'url') ?? textContent(image),
      image.base ?? base,
    );
    if (url !== null) return url;
  }
  // The pre-2005 form: <itunes:link rel="image" href="…">.
  for (const link of children.all('itunes:link')) {
    if (attribute(link, 'rel')?.trim().toLowerCase() !== 'image') continue;
    const url = resolveUrl(attribute(link, 'href'), link.base ?? base);
    if (url !== null) return url;
  }
  return null;
}

/** `<image><url>…</url></image>` (RSS channel image), `<image rdf:resource>` (RSS 1.0) or a bare `<image>url</image>`. */
function rssImage(children: Children, vocabulary: Vocabulary, base: string | null): string | null {
  for (const image of children.all(':image')) {
    const url =
      new Children(image, vocabulary).text(':url') ??
      rdfAttribute(image, 'resource') ??
      rdfAttribute(image, 'about') ??
      (image.children.every((child) => typeof child === 'string') ? textContent(image) : null);
    const resolved = resolveUrl(url, image.base ?? base);
    if (resolved !== null) return resolved;
  }
  return null;
}

function categoriesOf(children: Children, keys: readonly string[]): string[] {
  const terms: string[] = [];
  for (const key of keys) {
    for (const category of children.all(key)) {
      if (key === 'atom:category') {
        terms.push(attribute(category, 'term') ?? attribute(category, 'label') ?? textContent(category));
      } else if (key === 'itunes:category') {
        pushItunesCategories(category, terms);
      } else if (key === 'itunes:keywords' || key === ':tags') {
        terms.push(...textContent(category).split(','));
      } else {
        terms.push(plainTextOf(textContent(category)));
      }
    }
  }
  return dedupe(terms);
}

function pushItunesCategories(category: XmlElement, terms: string[]): void {
  const text = attribute(category, 'text');
  if (text !== null) terms.push(plainTextOf(text)); // often written `Kids &amp;amp; Family`
  for (const child of category.children)
    if (typeof child !== 'string' && child.name === 'category') pushItunesCategories(child, terms);
}

interface FeedContext {
  readonly vocabulary: Vocabulary;
  readonly documentUrl: string;
  /** Base for relative URLs in RSS items that set no xml:base: the channel link, else the document URL. */
  readonly itemBase: string;
  readonly feedAuthor: string | null;
}

/** Date elements by preference; bare names are the core vocabulary's (`pubDate` in RSS, `published` in Atom). */
const publishedKeys = ['pubdate', 'published', 'issued', 'created', 'dcterms:issued', 'dcterms:created', 'dc:date'];
const updatedKeys = ['updated', 'modified', 'dcterms:modified', 'dc:date'];

function dateKeys(keys: readonly string[], isAtom: boolean): string[] {
  const core = keys.map((key) => (key.includes(':') ? key : `${isAtom ? 'atom' : ''}:${key}`));
  // Atom elements borrowed into RSS (`atom:updated`) come last.
  return isAtom ? core : [...core, ...keys.filter((key) => !key.includes(':')).map((key) => `atom:${key}`)];
}

const dateKeysByFormat = {
  atom: { published: dateKeys(publishedKeys, true), updated: dateKeys(updatedKeys, true) },
  rss: { published: dateKeys(publishedKeys, false), updated: dateKeys(updatedKeys, false) },
} as const;

/** The first of `keys` present with non-blank HTML. */
function firstHtml(children: Children, keys: readonly string[], base: string): string | null {
  for (const key of keys) {
    for (const element of children.all(key)) {
      const html = nonBlank(htmlOf(element, base));
      if (html !== null) return html;
    }
  }
  return null;
}

function readItem(item: XmlElement, context: FeedContext): ParsedItem {
  const { vocabulary } = context;
  const { isAtom } = vocabulary;
  const core = isAtom ? 'atom' : '';
  const children = new Children(item, vocabulary);
  const base = item.base ?? context.itemBase;

  const guid =
    nonBlank(children.text(`${core}:guid`, `${core}:id`, 'atom:id', 'dc:identifier')) ??
    nonBlank(rdfAttribute(item, 'about')?.trim());

  const links = atomLinks(children, 'atom:link', base);
  let url: string | null = null;
  if (!isAtom) {
    for (const link of children.all(':link')) {
      url = resolveUrl(textContent(link), link.base ?? base);
      if (url !== null) break;
    }
  }
  url ??= alternateLink(links);
  if (url === null && !isAtom) {
    // RSS 2.0: a guid is the permalink unless it says otherwise (isPermaLink="false").
    const guidElement = children.first(':guid');
    const isPermaLink =
      guidElement !== undefined && (attribute(guidElement, 'ispermalink') ?? 'true').trim().toLowerCase() !== 'false';
    if (isPermaLink && guid !== null && /^https?:\/\//i.test(guid)) url = resolveUrl(guid, base);
    else if (guidElement === undefined) url = resolveUrl(rdfAttribute(item, 'about'), base);
  }

  let title: string | null = null;
  const titleElement = children.first(`${core}:title`);
  if (titleElement !== undefined) {
    title = isAtom
      ? nonBlank(readTextConstruct(titleElement, base)?.text)
      : nonBlank(plainTextOf(textContent(titleElement)));
  }
  if (title === null) {
    const raw = children.text(`${core}:title`, 'atom:title', 'itunes:title', 'media:title', 'dc:title');
    title = raw === null ? null : nonBlank(plainTextOf(raw));
  }

  let author: string | null = null;
  for (const person of children.all('atom:author')) {
    author = atomPersonName(person, vocabulary);
    if (author !== null) break;
  }
  if (author === null) {
    const contact = children.text(':author', 'dc:creator', 'itunes:author', 'dc:author');
    // Atom: an entry without an author has the feed's (RFC 4287 §4.2.1).
    author = contact === null ? (isAtom ? context.feedAuthor : null) : authorName(plainTextOf(contact));
  }

  const keys = dateKeysByFormat[isAtom ? 'atom' : 'rss'];
  const updatedAt = firstDate(children, keys.updated);
  // A reader sorts by publication date; an entry that only says when it was updated was published no later.
  const publishedAt = firstDate(children, keys.published) ?? updatedAt;

  let summaryHtml: string | null = null;
  let contentHtml: string | null = null;
  const atomContent = children.first('atom:content');
  if (atomContent !== undefined && attribute(atomContent, 'src') === null)
    contentHtml = nonBlank(readTextConstruct(atomContent, base)?.html);
  if (isAtom) {
    const summary = children.first('atom:summary');
    if (summary !== undefined) summaryHtml = nonBlank(readTextConstruct(summary, base)?.html);
  } else {
    contentHtml =
      firstHtml(children, ['content:encoded', 'xhtml:body', 'xhtml:div', ':body', ':fullitem'], base) ?? contentHtml;
    const description = children.first(':description');
    const summary = children.first(':summary');
    if (description !== undefined && summary !== undefined && contentHtml === null) {
      // Both (not in any spec, but seen): the first is the summary, the second the full text.
      const [first, second] =
        item.children.indexOf(summary) < item.children.indexOf(description)
          ? [summary, description]
          : [description, summary];
      summaryHtml = nonBlank(htmlOf(first, base));
      contentHtml = nonBlank(htmlOf(second, base));
    } else {
      summaryHtml = firstHtml(children, [':description', ':summary'], base);
    }
  }
  summaryHtml ??= firstHtml(
    children,
    ['itunes:summary', 'itunes:subtitle', 'dc:description', 'media:description'],
    base,
  );
  for (const group of children.all('media:group')) {
    summaryHtml ??= firstHtml(new Children(group, vocabulary), ['media:description'], base);
  }

  const categories = categoriesOf(children, [
    `${core}:category`,
    'atom:category',
    'dc:subject',
    'itunes:category',
    'itunes:keywords',
    'media:category',
    ':tags',
  ]);

  const enclosures: Enclosure[] = [];
  for (const enclosure of children.all(':enclosure')) {
    const enclosureUrl = resolveUrl(
      attribute(enclosure, 'url') ?? attribute(enclosure, 'href'),
      enclosure.base ?? base,
    );
    if (enclosureUrl === null) continue;
    enclosures.push({
      url: enclosureUrl,
      type: nonBlank(attribute(enclosure, 'type'))?.trim() ?? null,
      length: parseLength(attribute(enclosure, 'length')),
    });
  }
  for (const link of links) {
    if (link.rel === 'enclosure' && link.href !== null)
      enclosures.push({ url: link.href, type: link.type, length: link.length });
  }

  const imageUrl =
    mediaImage(children, vocabulary, base) ??
    enclosures.find(
      (enclosure) => enclosure.type?.toLowerCase().startsWith('image/') ?? imageExtension.test(enclosure.url),
    )?.url ??
    itunesImage(children, base) ??
    rssImage(children, vocabulary, base);

  const language = languageTag(children.text('dc:language', `${core}:language`) ?? item.language);

  return {
    guid,
    url,
    title,
    author,
    publishedAt,
    updatedAt,
    summaryHtml,
    contentHtml,
    categories,
    enclosures: dedupeEnclosures(enclosures),
    imageUrl,
    language,
  };
}

function dedupeEnclosures(enclosures: readonly Enclosure[]): Enclosure[] {
  const seen = new Set<string>();
  return enclosures.filter((enclosure) => !seen.has(enclosure.url) && seen.add(enclosure.url));
}

/** Reads a parsed XML tree whose root is `rss`, `rdf:RDF` or `feed`. */
export function readXmlFeed(root: XmlElement, documentUrl: string): ParsedFeed {
  if (root.name === 'feed') return readAtom(root, documentUrl);
  // RSS 1.0 / 0.90 keep the root in the RDF namespace; their channel carries the RSS one.
  const channelElement = root.children.find(
    (child): child is XmlElement => typeof child !== 'string' && child.name === 'channel',
  );
  const coreNamespace = root.name === 'rdf' ? (channelElement?.namespace ?? null) : root.namespace;
  return readRss(root, documentUrl, root.name === 'rdf' ? 'rdf' : 'rss', { isAtom: false, coreNamespace });
}

function readRss(root: XmlElement, documentUrl: string, format: FeedFormat, vocabulary: Vocabulary): ParsedFeed {
  const rootChildren = new Children(root, vocabulary);
  const channel = rootChildren.first(':channel') ?? root;
  const children = channel === root ? rootChildren : new Children(channel, vocabulary);
  const channelBase = channel.base ?? documentUrl;

  let siteUrl: string | null = null;
  for (const link of children.all(':link')) {
    siteUrl = resolveUrl(textContent(link), link.base ?? channelBase);
    if (siteUrl !== null) break;
  }
  const links = atomLinks(children, 'atom:link', channelBase);
  siteUrl ??= alternateLink(links);
  const selfUrl = links.find((link) => link.rel === 'self')?.href ?? null;

  const rawTitle = children.text(':title', 'dc:title', 'atom:title', 'itunes:title');
  const rawDescription = children.text(
    ':description',
    'itunes:subtitle',
    'itunes:summary',
    'dc:description',
    'atom:subtitle',
  );

  // RSS 1.0 puts items beside the channel; some broken RSS 2.0 feeds do the same.
  const itemElements = [...children.all(':item'), ...(channel === root ? [] : rootChildren.all(':item'))];
  const context: FeedContext = {
    vocabulary,
    documentUrl,
    itemBase: siteUrl !== null && /^https?:/i.test(siteUrl) ? siteUrl : channelBase,
    feedAuthor: null,
  };

  return {
    format,
    title: rawTitle === null ? null : nonBlank(plainTextOf(rawTitle)),
    description: rawDescription === null ? null : nonBlank(plainTextOf(rawDescription)),
    siteUrl,
    selfUrl,
    language: languageTag(children.text(':language', 'dc:language') ?? channel.language),
    imageUrl:
      rssImage(children, vocabulary, channelBase) ??
      rssImage(rootChildren, vocabulary, channelBase) ??
      itunesImage(children, channelBase) ??
      mediaImage(children, vocabulary, channelBase),
    updatedAt: firstDate(children, [
      ':lastbuilddate',
      ':pubdate',
      'dc:date',
      'dcterms:modified',
      'dcterms:issued',
      'dcterms:created',
      'atom:updated',
    ]),
    items: itemElements.map((item) => readItem(item, context)),
  };
}

function readAtom(root: XmlElement, documentUrl: string): ParsedFeed {
  const vocabulary: Vocabulary = { isAtom: true, coreNamespace: root.namespace };
  const children = new Children(root, vocabulary);
  const base = root.base ?? documentUrl;
  const links = atomLinks(children, 'atom:link', base);

  const titleElement = children.first('atom:title');
  const subtitleElement =
    children.first('atom:subtitle') ?? children.first('atom:tagline') ?? children.first('atom:info');

  let feedAuthor: string | null = null;
  for (const person of children.all('atom:author')) {
    feedAuthor = atomPersonName(person, vocabulary);
    if (feedAuthor !== null) break;
  }
  const context: FeedContext = { vocabulary, documentUrl, itemBase: base, feedAuthor };

  return {
    format: 'atom',
    title: titleElement === undefined ? null : nonBlank(readTextConstruct(titleElement, base)?.text),
    description: subtitleElement === undefined ? null : nonBlank(readTextConstruct(subtitleElement, base)?.text),
    siteUrl: alternateLink(links),
    selfUrl: links.find((link) => link.rel === 'self')?.href ?? null,
    language: languageTag(root.language),
    imageUrl: resolveUrl(children.text('atom:logo', 'atom:icon'), base) ?? mediaImage(children, vocabulary, base),
    updatedAt: firstDate(children, ['atom:updated', 'atom:modified', 'dc:date', 'dcterms:modified']),
    items: children.all('atom:entry').map((entry) => readItem(entry, context)),
  };
}
