import { decodeHtmlEntities } from './htmlEntities.ts';
import { replaceTags } from './plainText.ts';

const schemePattern = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * Resolves a possibly relative URL against `base`; null for blank input.
 * A value that cannot be resolved (no usable base, invalid) is returned
 * trimmed rather than dropped: a link the reader cannot normalize is still
 * better than none.
 */
export function resolveUrl(value: string | null | undefined, base: string | null): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  try {
    return new URL(trimmed, base ?? undefined).href;
  } catch {
    return trimmed;
  }
}

/** Attributes that hold one URL in HTML feeds embed (feedparser resolves the same family). */
const urlAttributes = new Set([
  'href',
  'src',
  'poster',
  'cite',
  'longdesc',
  'background',
  'action',
  'usemap',
  'data',
  'codebase',
]);

/** Whether a serializer should resolve this attribute (by name) as a URL. */
export function isUrlAttribute(name: string): boolean {
  return urlAttributes.has(name) || name === 'srcset';
}

/**
 * Resolves one attribute value: relative URLs become absolute; absolute URLs,
 * in-page `#fragments` and empty values are kept. `srcset` is a list.
 */
export function resolveAttributeUrl(name: string, value: string, base: string): string {
  if (name === 'srcset') {
    return value
      .split(',')
      .map((candidate) => {
        const [url = '', ...descriptors] = candidate.trim().split(/\s+/);
        return [resolveRelative(url, base), ...descriptors].join(' ');
      })
      .join(', ');
  }
  return resolveRelative(value, base);
}

function resolveRelative(value: string, base: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.startsWith('#') || schemePattern.test(trimmed)) return value;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return value;
  }
}

const htmlAttributePattern = /(\s)([A-Za-z:-]+)(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;

/**
 * Resolves relative URLs inside an HTML fragment (feed bodies are written
 * relative to the item's base; offline they must stand alone). Works on the
 * start tags only; everything else is left byte for byte.
 */
export function resolveHtmlUrls(html: string, base: string | null): string {
  if (base === null || !html.includes('<')) return html;
  return replaceTags(html, (tag, _name, isEndTag) => {
    if (isEndTag || !tag.includes('=')) return tag;
    return tag.replace(
      htmlAttributePattern,
      (
        whole,
        space: string,
        attributeName: string,
        equals: string,
        doubleQuoted?: string,
        singleQuoted?: string,
        bare?: string,
      ) => {
        const lowerName = attributeName.toLowerCase();
        if (!isUrlAttribute(lowerName)) return whole;
        const decoded = decodeHtmlEntities(doubleQuoted ?? singleQuoted ?? bare ?? '');
        const resolved = resolveAttributeUrl(lowerName, decoded, base);
        if (resolved === decoded) return whole;
        return `${space}${attributeName}${equals}"${resolved.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
      },
    );
  });
}
