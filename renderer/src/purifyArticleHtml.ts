import DOMPurify from 'dompurify';
import type { ImageSource } from './api/createClient.ts';
import { ARTICLE_HTML_POLICY } from './articleHtmlPolicy.ts';
import { missingImageMessage } from '../../electron/shared/missingImageMessage.ts';

/**
 * The second pass over stored article HTML, in the browser, with DOMPurify:
 * core already sanitized it before storing, but the reader does not trust
 * the store (an older version, a bug, an imported database). A private
 * instance, so these hooks never touch another DOMPurify user.
 */
const purifier = DOMPurify(window);

/**
 * Attributes that are never URLs; everything else that survives (href, src) must match ALLOWED_URI_REGEXP.
 * The placeholder's reason is named here as well as in the allow-list: with ALLOW_DATA_ATTR off, no other
 * data-* attribute gets through, and its value is checked in the hook below.
 */
const NON_URL_ATTRIBUTES = [
  ARTICLE_HTML_POLICY.missingImageAttribute,
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

/** Images whose src the policy refused in this pass: they become placeholders, as core's sanitizer would make them. */
const refusedSources = new WeakSet<Element>();

purifier.addHook('uponSanitizeAttribute', (node, event) => {
  const tag = node.nodeName.toLowerCase();
  const name = event.attrName;
  // DOMPurify's attribute list is global; the policy's is per element. And DOMPurify lets data:
  // through on img src: the policy's URL checks are stricter (cached images only), so they decide.
  if (!ARTICLE_HTML_POLICY.isAllowedAttribute(tag, name)) event.keepAttr = false;
  else if (name === 'href') event.keepAttr = ARTICLE_HTML_POLICY.isAllowedLink(event.attrValue);
  else if (name === 'src') {
    event.keepAttr = ARTICLE_HTML_POLICY.isAllowedImageSource(event.attrValue);
    if (!event.keepAttr) refusedSources.add(node);
  } else if (name === ARTICLE_HTML_POLICY.missingImageAttribute) {
    event.keepAttr = ARTICLE_HTML_POLICY.isAllowedMissingImageReason(event.attrValue);
  }
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

/** Why an image the cache does not hold is missing, when the stored HTML does not say. */
const REFUSED_SOURCE_REASON = 'not-cached';

/**
 * A calm box in place of an image that is not on disk: its alt text, if any,
 * and why it is missing, in words. Built with DOM calls in DOMPurify's inert
 * document (text stays text), after DOMPurify is done with the tree.
 */
function placeholderFor(image: HTMLImageElement, reason: string): HTMLElement {
  const document = image.ownerDocument;
  const alt = image.getAttribute('alt')?.trim() ?? '';
  const message = missingImageMessage(reason);
  const box = document.createElement('span');
  box.className = 'image-missing';
  box.setAttribute('role', 'img');
  box.setAttribute('aria-label', alt === '' ? message : `${alt}. ${message}`);
  if (alt !== '') {
    const label = document.createElement('span');
    label.className = 'image-missing-alt';
    label.textContent = alt;
    box.append(label);
  }
  const why = document.createElement('span');
  why.className = 'image-missing-reason';
  why.textContent = message;
  box.append(why);
  return box;
}

/**
 * After DOMPurify: a cached image gets the URL this page loads it from; a
 * placeholder (or an image whose source was refused) becomes a visible box;
 * an image with neither is dropped, as core drops it.
 */
function finishImages(body: Element, imageSource: ImageSource): void {
  const attribute = ARTICLE_HTML_POLICY.missingImageAttribute;
  for (const image of Array.from(body.querySelectorAll('img'))) {
    const src = image.getAttribute('src');
    if (src !== null) {
      image.setAttribute('src', imageSource(src));
      image.removeAttribute(attribute);
      continue;
    }
    const reason = image.getAttribute(attribute) ?? (refusedSources.has(image) ? REFUSED_SOURCE_REASON : null);
    if (reason === null) image.remove();
    else image.replaceWith(placeholderFor(image, reason));
  }
}

/**
 * Sanitized markup ready for the DOM, or null when this browser cannot run
 * DOMPurify (it would then return its input untouched: never use that).
 * Cached images are pointed at `imageSource`; nothing else is ever loaded.
 */
export function purifyArticleHtml(html: string, imageSource: ImageSource): string | null {
  if (!purifier.isSupported) return null;
  const body = purifier.sanitize(html, { ...CONFIG, RETURN_DOM: true });
  finishImages(body, imageSource);
  // What DOMPurify itself returns without RETURN_DOM: the body's markup.
  return body.innerHTML;
}
