/**
 * What stored article HTML may contain: the one allow-list shared by core's
 * sanitizer (before anything is stored) and the renderer's DOMPurify pass
 * (before anything is shown). Pure data, so both layers can import it.
 */

/**
 * A content-addressed image in the local cache: sha-256 of the bytes plus the
 * type's one extension (as localImageUrl writes it and parseLocalImageUrl reads it: `jpg`, never `jpeg`).
 */
export const CACHED_IMAGE_URL = /^offprint-image:\/\/[0-9a-f]{64}\.(png|jpg|gif|webp|avif)$/;

/**
 * An image the cache does not hold is stored as `<img data-offprint-missing="<reason>" alt="…">`
 * without a src: the reader shows a placeholder and never asks the network for it.
 */
export const MISSING_IMAGE_ATTRIBUTE = 'data-offprint-missing';
/** A placeholder's reason is a short code (`http-404`, `not-cached`), never free text or a URL. */
export const MISSING_IMAGE_REASON = /^[a-z0-9-]{1,40}$/;

/**
 * The elements an article keeps: text structure, links, images, figures,
 * tables, lists, quotes and code. Everything else is unwrapped to its text,
 * or dropped with its content when that content is not prose
 * (see DROPPED_WITH_CONTENT). The renderer's second pass uses the same list.
 */
export const ARTICLE_TAGS: readonly string[] = [
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

/**
 * Attributes per element (`*`: on every element). No `style`, `class`, `id`
 * or `name` (no CSS from the page, no DOM clobbering), no `on*`, no
 * `srcset` (the image cache picks one candidate). `rel` and `target` on
 * links are never taken from the page: they are always set, see below.
 */
export const ARTICLE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'title', 'rel', 'target'],
  img: ['src', 'alt', 'title', 'width', 'height', MISSING_IMAGE_ATTRIBUTE],
  abbr: ['title'],
  time: ['datetime'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  col: ['span'],
  colgroup: ['span'],
  ol: ['start', 'reversed'],
  '*': ['lang', 'dir'],
};

/** Links open in the system browser (the shell sees target=_blank) and tell the site nothing about the reader. */
export const LINK_REL = 'noopener noreferrer';
export const LINK_TARGET = '_blank';
