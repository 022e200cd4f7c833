/**
 * Elements that start a new line in an article's stored plain text. Core's
 * htmlToText breaks lines at them; the reader uses the same list to find a
 * quoted passage in the rendered article (text split only by inline markup,
 * `<a>gold</a>, silver`, reads joined, as it is stored). Pure data, so both
 * layers can import it.
 */
export const TEXT_BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'figure',
  'figcaption',
  'hr',
  'br',
  'caption',
]);
