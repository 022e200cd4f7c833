/**
 * What stored article HTML may contain when the reader shows it: the
 * renderer's own copy of the core sanitizer's allow-list (the renderer may
 * not import core), for the second, in-browser pass. A unit test holds the
 * two lists equal, so a change to one without the other fails.
 */
export interface ArticleHtmlPolicy {
  readonly tags: readonly string[];
  /** Attributes per element; `*` applies to every element. */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  /** Forced on every link that keeps its href: the shell opens it outside the app. */
  readonly linkRel: string;
  readonly linkTarget: string;
  isAllowedAttribute(tag: string, attribute: string): boolean;
  /** Absolute http, https or mailto URLs only; anything relative has no meaning inside the app. */
  isAllowedLink(value: string): boolean;
  /** Absolute http(s) images, or a content-addressed image from the local cache. */
  isAllowedImageSource(value: string): boolean;
}

const TAGS = [
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'q',
  'cite',
  'pre',
  'code',
  'kbd',
  'samp',
  'em',
  'strong',
  'b',
  'i',
  'u',
  's',
  'sub',
  'sup',
  'small',
  'mark',
  'abbr',
  'time',
  'span',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'a',
  'img',
  'picture',
  'figure',
  'figcaption',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'colgroup',
  'col',
  'del',
  'ins',
];

const ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'title', 'rel', 'target'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  abbr: ['title'],
  time: ['datetime'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  col: ['span'],
  colgroup: ['span'],
  ol: ['start', 'reversed'],
  '*': ['lang', 'dir'],
};

const LINK_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);
const REMOTE_IMAGE_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:']);
/** The image cache's URLs: sha-256 of the bytes plus the type's extension (as core checks them). */
const CACHED_IMAGE_URL = /^offprint-image:\/\/[0-9a-f]{64}\.(png|jpe?g|gif|webp|avif)$/;

/** The protocol as the browser's URL parser reads it (tabs, newlines, case and leading spaces fold away); null if not absolute. */
function protocolOf(value: string): string | null {
  try {
    return new URL(value).protocol;
  } catch {
    return null;
  }
}

export const ARTICLE_HTML_POLICY: ArticleHtmlPolicy = Object.freeze({
  tags: Object.freeze(TAGS),
  attributes: ATTRIBUTES,
  linkRel: 'noopener noreferrer',
  linkTarget: '_blank',
  isAllowedAttribute(tag: string, attribute: string): boolean {
    return (ATTRIBUTES[tag] ?? []).includes(attribute) || (ATTRIBUTES['*'] ?? []).includes(attribute);
  },
  isAllowedLink(value: string): boolean {
    const protocol = protocolOf(value);
    return protocol !== null && LINK_PROTOCOLS.has(protocol);
  },
  isAllowedImageSource(value: string): boolean {
    if (CACHED_IMAGE_URL.test(value)) return true;
    const protocol = protocolOf(value);
    return protocol !== null && REMOTE_IMAGE_PROTOCOLS.has(protocol);
  },
});
