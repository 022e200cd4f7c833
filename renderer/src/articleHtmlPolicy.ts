import {
  ARTICLE_ATTRIBUTES,
  ARTICLE_TAGS,
  CACHED_IMAGE_URL,
  LINK_REL,
  LINK_TARGET,
  MISSING_IMAGE_ATTRIBUTE,
  MISSING_IMAGE_REASON,
} from '../../electron/shared/articleHtmlAllowList.ts';

/**
 * What stored article HTML may contain when the reader shows it: the
 * allow-list core's sanitizer uses (electron/shared/articleHtmlAllowList.ts),
 * with the URL checks of the second, in-browser pass.
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
  /** Only a content-addressed image from the local cache: reading never asks the network for an image. */
  isAllowedImageSource(value: string): boolean;
  /** Marks a placeholder `<img>` (no src) for an image the cache does not hold. */
  readonly missingImageAttribute: string;
  /** A placeholder's reason: a short code such as `http-404`, never free text or a URL. */
  isAllowedMissingImageReason(value: string): boolean;
}

const LINK_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);

/** The protocol as the browser's URL parser reads it (tabs, newlines, case and leading spaces fold away); null if not absolute. */
function protocolOf(value: string): string | null {
  try {
    return new URL(value).protocol;
  } catch {
    return null;
  }
}

export const ARTICLE_HTML_POLICY: ArticleHtmlPolicy = Object.freeze({
  tags: ARTICLE_TAGS,
  attributes: ARTICLE_ATTRIBUTES,
  linkRel: LINK_REL,
  linkTarget: LINK_TARGET,
  missingImageAttribute: MISSING_IMAGE_ATTRIBUTE,
  isAllowedAttribute(tag: string, attribute: string): boolean {
    return (ARTICLE_ATTRIBUTES[tag] ?? []).includes(attribute) || (ARTICLE_ATTRIBUTES['*'] ?? []).includes(attribute);
  },
  isAllowedLink(value: string): boolean {
    const protocol = protocolOf(value);
    return protocol !== null && LINK_PROTOCOLS.has(protocol);
  },
  isAllowedImageSource(value: string): boolean {
    return CACHED_IMAGE_URL.test(value);
  },
  isAllowedMissingImageReason(value: string): boolean {
    return MISSING_IMAGE_REASON.test(value);
  },
});
