import sanitize from 'sanitize-html';
import { parseSrcset } from './images/selectSrcsetCandidate.ts';
import {
  ARTICLE_ATTRIBUTES,
  ARTICLE_TAGS,
  CACHED_IMAGE_URL,
  LINK_REL,
  LINK_TARGET,
  MISSING_IMAGE_ATTRIBUTE,
  MISSING_IMAGE_REASON,
} from '../../shared/articleHtmlAllowList.ts';

/**
 * Where article images may come from. `remote`: the page's own http(s)
 * images (the input of the image cache). `cached-only`: only images the
 * cache has stored on disk, so reading makes no network request; any other
 * image becomes a placeholder (`data-offprint-missing`, no src).
 */
export type ImagePolicy = 'remote' | 'cached-only';

export interface SanitizeOptions {
  readonly images?: ImagePolicy;
  /**
   * Elements nested deeper than this are unwrapped (their text stays).
   * Exports set it: linkedom, which they parse the result with, recurses
   * once per level and runs out of stack a few thousand levels down.
   */
  readonly nestingLimit?: number;
}

const LINK_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);
const REMOTE_IMAGE_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:']);

/**
 * Dropped together with everything inside them: code, styles, frames,
 * embedded objects, forms' widgets, foreign markup (SVG, MathML) and
 * fallback content nobody reads (noscript, noembed, noframes). Other
 * disallowed elements (div-like wrappers, form, font, marquee…) are
 * unwrapped and their text kept.
 */
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'template',
  'noscript',
  'noembed',
  'noframes',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'param',
  'svg',
  'math',
  'head',
  'title',
  'xmp',
  'plaintext',
  'textarea',
  'select',
  'option',
  'datalist',
  'button',
  'canvas',
  'video',
  'audio',
  'map',
];

/**
 * Sanitizes untrusted feed or page HTML with an allow-list (sanitize-html
 * over htmlparser2), before it is stored. The result is re-serialized, not
 * patched: text is escaped and attributes quoted, so what comes out is only
 * allowed elements with allowed attributes whatever the input's parse tricks.
 *
 * Links and images are resolved against `baseUrl` (relative URLs would
 * otherwise point at the app itself) and must then be absolute URLs of an
 * allowed scheme, judged by the WHATWG URL parser the browser itself uses
 * (so tabs, newlines, entities and case in `java&#x09;Script:` cannot
 * disguise a scheme), and written back normalized. A link that fails is
 * unwrapped to its text; an image that fails is dropped.
 */
export function sanitizeHtml(html: string, baseUrl: string | null, options: SanitizeOptions = {}): string {
  const images = options.images ?? 'remote';
  const allowedAttributes: Record<string, sanitize.AllowedAttribute[]> = {};
  for (const [tag, names] of Object.entries(ARTICLE_ATTRIBUTES)) allowedAttributes[tag] = [...names];
  // The image cache's input keeps the page's alternatives, so it can pick one good size; what is shown never has them.
  if (images === 'remote') allowedAttributes['img'] = [...(allowedAttributes['img'] ?? []), 'srcset'];
  const settings: sanitize.IOptions = {
    allowedTags: [...ARTICLE_TAGS],
    allowedAttributes,
    // A second line behind the URL checks in transformTags: sanitize-html's own scheme filter.
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: images === 'cached-only' ? ['offprint-image'] : ['http', 'https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    allowVulnerableTags: false,
    nonTextTags: DROPPED_WITH_CONTENT,
    disallowedTagsMode: 'discard',
    transformTags: {
      a: (_tagName, attributes) => transformLink(attributes, baseUrl),
      img: (_tagName, attributes) => transformImage(attributes, baseUrl, images),
    },
    exclusiveFilter: (frame) => {
      // An image with neither a source nor a placeholder reason is an empty box: drop it.
      if (frame.tag === 'img') return !frame.attribs['src'] && !frame.attribs[MISSING_IMAGE_ATTRIBUTE];
      // A link whose target was refused is unwrapped: its text stays, the tag goes. (Not by
      // renaming the tag in transformTags: sanitize-html then mislabels the next closing tag.)
      if (frame.tag === 'a') return frame.attribs['href'] ? false : 'excludeTag';
      return false;
    },
    enforceHtmlBoundary: false,
    ...(options.nestingLimit === undefined ? {} : { nestingLimit: options.nestingLimit }),
    parser: { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  };
  return sanitize(html, settings).trim();
}

function transformLink(attributes: sanitize.Attributes, baseUrl: string | null): sanitize.Tag {
  const href = allowedUrl(attributes['href'], baseUrl, LINK_PROTOCOLS);
  // No attributes left: the exclusive filter unwraps it.
  if (href === null) return { tagName: 'a', attribs: {} };
  const title = attributes['title'];
  return {
    tagName: 'a',
    attribs: { href, ...(title === undefined ? {} : { title }), rel: LINK_REL, target: LINK_TARGET },
  };
}

function transformImage(attributes: sanitize.Attributes, baseUrl: string | null, images: ImagePolicy): sanitize.Tag {
  const rawSrc = attributes['src'];
  const rawReason = attributes[MISSING_IMAGE_ATTRIBUTE];
  let src: string | null;
  let srcset: string | null = null;
  let reason: string | null = null;
  if (images === 'remote') {
    // The cache's input: remote sources only; placeholders are the cache's output, never the page's.
    // Lazy-loading pages keep the real image in data-src and a placeholder (often data:) in src.
    src =
      [rawSrc, ...LAZY_SOURCES.map((name) => attributes[name])]
        .map((value) => allowedUrl(value, baseUrl, REMOTE_IMAGE_PROTOCOLS))
        .find((value) => value !== null) ?? null;
    srcset = remoteSrcset(attributes['srcset'] ?? attributes['data-srcset'], baseUrl);
    // Only alternatives and no plain source: the first alternative is the source.
    if (src === null && srcset !== null) src = srcset.split(' ', 1)[0] ?? null;
  } else {
    // Cached sources are matched exactly, never resolved: the pattern is the whole contract.
    src = rawSrc !== undefined && CACHED_IMAGE_URL.test(rawSrc) ? rawSrc : null;
    // Anything else that named an image stays as a placeholder, so the reader can say a picture is missing.
    if (src === null && rawReason !== undefined && MISSING_IMAGE_REASON.test(rawReason)) reason = rawReason;
    else if (src === null && rawSrc !== undefined && rawSrc.trim() !== '') reason = 'not-cached';
  }
  // Rebuilt in the page's order: src replaced or removed, a placeholder reason only where decided above.
  const attribs: sanitize.Attributes = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'src') {
      if (src !== null) attribs['src'] = src;
    } else if (name === 'srcset') {
      if (srcset !== null) attribs['srcset'] = srcset;
    } else if (name === MISSING_IMAGE_ATTRIBUTE) {
      if (reason !== null) attribs[name] = reason;
    } else {
      attribs[name] = value;
    }
  }
  if (src !== null) attribs['src'] = src;
  if (srcset !== null) attribs['srcset'] = srcset;
  if (reason !== null) attribs[MISSING_IMAGE_ATTRIBUTE] = reason;
  return { tagName: 'img', attribs };
}

/** Attributes where lazy-loading scripts keep an image's real address. */
const LAZY_SOURCES = ['data-src', 'data-lazy-src', 'data-original'] as const;

/**
 * A srcset with every candidate an absolute http(s) URL, or null. Commas
 * inside URLs are fine (a URL runs to the next whitespace); only a trailing
 * one is escaped, since the srcset parser would strip it.
 */
function remoteSrcset(value: string | undefined, baseUrl: string | null): string | null {
  if (value === undefined) return null;
  const candidates = parseSrcset(value).flatMap((candidate) => {
    const url = allowedUrl(candidate.url, baseUrl, REMOTE_IMAGE_PROTOCOLS);
    if (url === null) return [];
    const descriptor =
      candidate.width !== null ? ` ${candidate.width}w` : candidate.density !== null ? ` ${candidate.density}x` : '';
    return [`${url.replace(/,+$/, (commas) => '%2C'.repeat(commas.length))}${descriptor}`];
  });
  return candidates.length > 0 ? candidates.join(', ') : null;
}

/**
 * The absolute, normalized form of `value` if its scheme is allowed; null
 * otherwise. Without a base, a relative URL has nothing sensible to point
 * at (in the app it would resolve against the app's own origin), so it fails too.
 */
function allowedUrl(value: string | undefined, baseUrl: string | null, protocols: ReadonlySet<string>): string | null {
  if (value === undefined) return null;
  let url: URL;
  try {
    url = baseUrl === null ? new URL(value) : new URL(value, baseUrl);
  } catch {
    return null;
  }
  return protocols.has(url.protocol) ? url.href : null;
}
