import { decodeHtmlEntities } from './htmlEntities.ts';

/**
 * Text helpers shared by the feed readers: titles and feed descriptions are
 * stored as plain text, bodies as HTML.
 */

/** ASCII whitespace only: U+00A0 from `&nbsp;` is content, not layout. */
const whitespaceRun = /[ \t\n\r\f]+/g;

export function collapseWhitespace(text: string): string {
  return text.replace(whitespaceRun, ' ').trim();
}

const markupPattern = /<\/?[A-Za-z][^<>]*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/;

/** Whether text that should be plain carries HTML tags or character references (RSS titles often do). */
export function looksLikeHtml(text: string): boolean {
  return markupPattern.test(text);
}

/** Tags that separate words when removed; inline ones (b, a, span…) do not. */
const blockTag = /^(?:address|article|aside|blockquote|br|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|td|th|tr|ul)$/i;

/** HTML → readable plain text: drops comments, script/style bodies and tags, decodes references, collapses whitespace. */
export function htmlToPlainText(html: string): string {
  const withoutTags = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<\/?([A-Za-z][A-Za-z0-9:-]*)\b[^<>]*>/g, (_tag, name: string) => (blockTag.test(name) ? ' ' : ''));
  return collapseWhitespace(decodeHtmlEntities(withoutTags));
}

/** Plain text → HTML that displays the same text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (character) => (character === '&' ? '&amp;' : character === '<' ? '&lt;' : character === '>' ? '&gt;' : '&quot;'));
}

/** Nulls out empty strings so optional fields are either meaningful or null. */
export function nonBlank(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  return text.trim() === '' ? null : text;
}
