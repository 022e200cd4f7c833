import sanitize from 'sanitize-html';

/**
 * The allow-list every piece of feed or page HTML passes through before it
 * is stored (and the renderer sanitizes again before showing it). Text
 * structure, links, images, figures, tables, lists, quotes and code survive;
 * scripts, handlers, styles, forms, frames, objects and meta/base/link do not.
 */
const OPTIONS: sanitize.IOptions = {
  allowedTags: [
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
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    abbr: ['title'],
    time: ['datetime'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan', 'scope'],
    ol: ['start', 'reversed'],
    blockquote: ['cite'],
    q: ['cite'],
    '*': ['lang', 'dir'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  // Drop the contents of these entirely rather than unwrapping them into text.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'template',
    'iframe',
    'object',
    'embed',
    'svg',
    'math',
  ],
  disallowedTagsMode: 'discard',
  // An image whose source failed the scheme check is an empty box: drop it.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs['src'],
  enforceHtmlBoundary: false,
};

/** Sanitizes untrusted HTML; relative URLs are resolved against `baseUrl` first so they stay usable offline. */
export function sanitizeHtml(html: string, baseUrl: string | null): string {
  const options: sanitize.IOptions = baseUrl
    ? {
        ...OPTIONS,
        transformTags: {
          a: (tagName, attributes) => ({ tagName, attribs: resolveAttribute(attributes, 'href', baseUrl) }),
          img: (tagName, attributes) => ({ tagName, attribs: resolveAttribute(attributes, 'src', baseUrl) }),
        },
      }
    : OPTIONS;
  return sanitize(html, options).trim();
}

function resolveAttribute(attributes: sanitize.Attributes, name: string, baseUrl: string): sanitize.Attributes {
  const value = attributes[name];
  if (value === undefined) return attributes;
  try {
    return { ...attributes, [name]: new URL(value.trim(), baseUrl).href };
  } catch {
    // Unparseable URL: drop it rather than keep something the allow-list cannot judge.
    const { [name]: _dropped, ...rest } = attributes;
    return rest;
  }
}
