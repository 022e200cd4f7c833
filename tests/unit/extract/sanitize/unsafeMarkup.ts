import { DomUtils, ElementType, parseDocument } from 'htmlparser2';
import type { ImagePolicy } from '../../../../electron/core/extract/sanitizeHtml.ts';
import {
  ARTICLE_ATTRIBUTES,
  ARTICLE_TAGS,
  CACHED_IMAGE_URL,
  LINK_REL,
  LINK_TARGET,
  MISSING_IMAGE_ATTRIBUTE,
  MISSING_IMAGE_REASON,
} from '../../../../electron/shared/articleHtmlAllowList.ts';

/** Elements that must never reach the page, named so a failure says what leaked. */
const FORBIDDEN_TAG =
  /<\s*\/?\s*(script|iframe|frame|frameset|object|embed|applet|meta|base|link|style|form|input|button|textarea|select|svg|math|template|noscript)\b/i;
/** A tag in the output: text is always escaped, so `<` only ever opens real markup. */
const TAG = /<[a-z][^>]*>/gi;
const QUOTED_VALUE = /"[^"]*"/g;
const HANDLER_ATTRIBUTE = /\son[a-z]+\s*=/i;
/** Browsers ignore whitespace and control characters inside a scheme; so does this check. */
const IGNORED_IN_SCHEME = /[\p{Cc}\s]/gu;
const SCRIPT_OR_DATA_URL = /^(javascript|vbscript|data):/i;

/**
 * Everything unsafe in sanitized output, in words; empty when clean. Two
 * views: the text itself (what a regex sees) and the tree htmlparser2
 * builds from it (what a parser sees): every element must be on the
 * allow-list with only its allowed attributes, URLs must be of an allowed
 * scheme, links must carry the forced rel/target, and no comment survives.
 */
export function unsafeMarkup(html: string, images: ImagePolicy = 'remote'): string[] {
  const problems: string[] = [];
  if (/<\s*script/i.test(html)) problems.push('a <script in the text');
  const forbidden = FORBIDDEN_TAG.exec(html);
  if (forbidden) problems.push(`a forbidden element in the text: ${forbidden[0]}`);
  for (const tag of html.match(TAG) ?? []) {
    // Attribute values are always double-quoted with `"` escaped: blank them, so a title that
    // merely mentions "onerror=" is not mistaken for a handler.
    if (HANDLER_ATTRIBUTE.test(tag.replace(QUOTED_VALUE, '""'))) problems.push(`an on* attribute in ${tag}`);
  }

  const document = parseDocument(html, { decodeEntities: true });
  const comments = DomUtils.filter((node) => node.type === ElementType.Comment, document, true);
  if (comments.length > 0) problems.push(`${comments.length} comment(s)`);
  for (const element of DomUtils.findAll(() => true, document.children)) {
    problems.push(...elementProblems(element.name, element.attribs, images));
  }
  return problems;
}

function elementProblems(name: string, attributes: Record<string, string>, images: ImagePolicy): string[] {
  const problems: string[] = [];
  if (!ARTICLE_TAGS.includes(name)) problems.push(`element <${name}> is not on the allow-list`);
  // The image cache's input (remote policy) keeps srcset, each candidate an absolute http(s) URL.
  const extra = name === 'img' && images === 'remote' ? ['srcset'] : [];
  const allowed = [...(ARTICLE_ATTRIBUTES[name] ?? []), ...(ARTICLE_ATTRIBUTES['*'] ?? []), ...extra];
  const srcset = attributes['srcset'];
  if (srcset !== undefined) {
    for (const candidate of srcset.split(/,\s+/)) {
      const url = candidate.trim().split(/\s+/, 1)[0] ?? '';
      if (!hasProtocol(url, ['http:', 'https:'])) problems.push(`srcset candidate ${url} on <${name}> is not http(s)`);
    }
  }
  for (const [attribute, value] of Object.entries(attributes)) {
    if (!allowed.includes(attribute)) problems.push(`attribute ${attribute} on <${name}> is not allowed`);
    if (attribute.startsWith('on') || attribute === 'style') problems.push(`attribute ${attribute} on <${name}>`);
    if (SCRIPT_OR_DATA_URL.test(value.replace(IGNORED_IN_SCHEME, ''))) {
      problems.push(`a script or data URL in ${attribute} on <${name}>: ${value}`);
    }
  }
  if (name === 'a') {
    const href = attributes['href'];
    if (href === undefined || !hasProtocol(href, ['http:', 'https:', 'mailto:'])) {
      problems.push(`link href ${String(href)} is not an absolute http, https or mailto URL`);
    }
    if (attributes['rel'] !== LINK_REL || attributes['target'] !== LINK_TARGET) {
      problems.push(`link without rel="${LINK_REL}" target="${LINK_TARGET}"`);
    }
  }
  if (name === 'img') {
    const src = attributes['src'];
    const reason = attributes[MISSING_IMAGE_ATTRIBUTE];
    if (images === 'remote' && reason !== undefined) problems.push(`a placeholder under the remote policy`);
    // Under cached-only, an image without a source must be a placeholder with a short code as its reason.
    const placeholder = images === 'cached-only' && src === undefined && MISSING_IMAGE_REASON.test(reason ?? '');
    const ok =
      placeholder ||
      (src !== undefined &&
        (images === 'cached-only' ? CACHED_IMAGE_URL.test(src) : hasProtocol(src, ['http:', 'https:'])));
    if (!ok) problems.push(`image src ${String(src)} is not allowed under the ${images} policy`);
  }
  return problems;
}

function hasProtocol(value: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
