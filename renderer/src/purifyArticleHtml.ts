import DOMPurify from 'dompurify';
import { ARTICLE_HTML_POLICY } from './articleHtmlPolicy.ts';

/**
 * The second pass over stored article HTML, in the browser, with DOMPurify:
 * core already sanitized it before storing, but the reader does not trust
 * the store (an older version, a bug, an imported database). A private
 * instance, so these hooks never touch another DOMPurify user.
 */
const purifier = DOMPurify(window);

/** Attributes that are never URLs; everything else that survives (href, src) must match ALLOWED_URI_REGEXP. */
const NON_URL_ATTRIBUTES = [
  'width',
  'height',
  'colspan',
  'rowspan',
  'scope',
  'span',
  'start',
  'reversed',
  'datetime',
  'lang',
  'dir',
  'rel',
  'target',
];

const CONFIG = {
  ALLOWED_TAGS: [...ARTICLE_HTML_POLICY.tags],
  ALLOWED_ATTR: [...new Set(Object.values(ARTICLE_HTML_POLICY.attributes).flat())],
  ADD_URI_SAFE_ATTR: NON_URL_ATTRIBUTES,
  // Listed although they are not allowed anyway: if the allow-list ever grows, these still stay out.
  FORBID_TAGS: [
    'script',
    'style',
    'form',
    'input',
    'button',
    'textarea',
    'select',
    'svg',
    'math',
    'iframe',
    'object',
    'embed',
  ],
  FORBID_ATTR: ['style', 'srcset', 'id', 'name', 'class'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|offprint-image:)/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  KEEP_CONTENT: true,
  SANITIZE_DOM: true,
  SANITIZE_NAMED_PROPS: true,
  RETURN_TRUSTED_TYPE: false,
};

purifier.addHook('uponSanitizeAttribute', (node, event) => {
  const tag = node.nodeName.toLowerCase();
  const name = event.attrName;
  // DOMPurify's attribute list is global; the policy's is per element. And DOMPurify lets data:
  // through on img src: the policy's URL checks are stricter, so they decide.
  if (!ARTICLE_HTML_POLICY.isAllowedAttribute(tag, name)) event.keepAttr = false;
  else if (name === 'href') event.keepAttr = ARTICLE_HTML_POLICY.isAllowedLink(event.attrValue);
  else if (name === 'src') event.keepAttr = ARTICLE_HTML_POLICY.isAllowedImageSource(event.attrValue);
});

purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName !== 'A') return;
  if (node.hasAttribute('href')) {
    node.setAttribute('target', ARTICLE_HTML_POLICY.linkTarget);
    node.setAttribute('rel', ARTICLE_HTML_POLICY.linkRel);
  } else {
    // A link without a usable target is plain text; it must not open anything.
    node.removeAttribute('target');
    node.removeAttribute('rel');
  }
});

/**
 * Sanitized markup ready for the DOM, or null when this browser cannot run
 * DOMPurify (it would then return its input untouched: never use that).
 */
export function purifyArticleHtml(html: string): string | null {
  if (!purifier.isSupported) return null;
  return purifier.sanitize(html, CONFIG);
}
