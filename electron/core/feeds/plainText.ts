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
const blockTag =
  /^(?:address|article|aside|blockquote|br|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|td|th|tr|ul)$/i;

/** HTML element names (HTML Living Standard plus common obsolete ones); anything else in angle brackets is text. */
const htmlElement =
  /^(?:a|abbr|acronym|address|area|article|aside|audio|b|bdi|bdo|big|blink|blockquote|body|br|button|canvas|caption|center|cite|code|col|colgroup|data|datalist|dd|del|details|dfn|dialog|div|dl|dt|em|embed|fieldset|figcaption|figure|font|footer|form|h[1-6]|head|header|hgroup|hr|html|i|iframe|img|input|ins|kbd|label|legend|li|link|main|map|mark|marquee|menu|meta|meter|nav|nobr|noscript|object|ol|optgroup|option|output|p|param|picture|pre|progress|q|rp|rt|ruby|s|samp|script|search|section|select|small|source|span|strike|strong|style|sub|summary|sup|svg|table|tbody|td|template|textarea|tfoot|th|thead|time|title|tr|track|tt|u|ul|var|video|wbr|math)$/i;

/** HTML → readable plain text: drops comments, script/style bodies and tags, decodes references, collapses whitespace. */
export function htmlToPlainText(html: string): string {
  if (!html.includes('<')) return collapseWhitespace(decodeHtmlEntities(html));
  const withoutComments = html.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  // Only real HTML elements are markup: wire titles such as `BAHIA <TCB> COCOA` name tickers in angle brackets.
  const withoutTags = replaceTags(removeRawTextElements(withoutComments), (tag, name) =>
    htmlElement.test(name) ? (blockTag.test(name) ? ' ' : '') : tag,
  );
  return collapseWhitespace(decodeHtmlEntities(withoutTags));
}

/** Drops `<script>`/`<style>` elements with their content; an unclosed one runs to the end. Linear in the input. */
function removeRawTextElements(html: string): string {
  const opening = /<(script|style)\b/gi;
  if (!opening.test(html)) return html;
  const lower = html.toLowerCase();
  let result = '';
  let last = 0;
  opening.lastIndex = 0;
  for (let match = opening.exec(html); match !== null; match = opening.exec(html)) {
    const close = lower.indexOf(`</${(match[1] ?? '').toLowerCase()}`, opening.lastIndex);
    result += html.slice(last, match.index);
    if (close === -1) return result;
    const closeEnd = lower.indexOf('>', close);
    last = closeEnd === -1 ? html.length : closeEnd + 1;
    opening.lastIndex = last;
  }
  return result + html.slice(last);
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isTagNameCharacter(code: number): boolean {
  return isAsciiLetter(code) || (code >= 0x30 && code <= 0x39) || code === 0x3a || code === 0x2d;
}

/**
 * Replaces every start and end tag of an HTML fragment with what `replace`
 * returns, keeping the text between tags. Quoted attribute values may hold
 * `<` and `>` (`alt="cat<br />dog"`). Linear in the input: an unterminated
 * tag ends the scan and the rest is kept as text, and a `<` not followed by a
 * letter (`x < y`) is text.
 */
export function replaceTags(html: string, replace: (tag: string, name: string, isEndTag: boolean) => string): string {
  let result = '';
  let last = 0;
  let index = html.indexOf('<');
  while (index !== -1) {
    const isEndTag = html.charCodeAt(index + 1) === 0x2f;
    const nameStart = isEndTag ? index + 2 : index + 1;
    if (!isAsciiLetter(html.charCodeAt(nameStart))) {
      index = html.indexOf('<', index + 1);
      continue;
    }
    let nameEnd = nameStart + 1;
    while (nameEnd < html.length && isTagNameCharacter(html.charCodeAt(nameEnd))) nameEnd++;
    let end = -1;
    let quote = 0;
    let afterEquals = false;
    for (let cursor = nameEnd; cursor < html.length; cursor++) {
      const code = html.charCodeAt(cursor);
      if (quote !== 0) {
        if (code === quote) quote = 0;
      } else if (afterEquals && (code === 0x22 || code === 0x27)) {
        quote = code;
        afterEquals = false;
      } else if (code === 0x3e /* > */) {
        end = cursor;
        break;
      } else if (code === 0x3d /* = */) {
        afterEquals = true;
      } else if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) {
        afterEquals = false;
      }
    }
    if (end === -1) break;
    result += html.slice(last, index) + replace(html.slice(index, end + 1), html.slice(nameStart, nameEnd), isEndTag);
    last = end + 1;
    index = html.indexOf('<', last);
  }
  return last === 0 ? html : result + html.slice(last);
}

/** Plain text → HTML that displays the same text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (character) =>
    character === '&' ? '&amp;' : character === '<' ? '&lt;' : character === '>' ? '&gt;' : '&quot;',
  );
}

/** A language tag as BCP 47 writes it (`en_US` → `en-US`); null when blank. */
export function languageTag(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed.replace(/_/g, '-');
}

/** Nulls out empty strings so optional fields are either meaningful or null. */
export function nonBlank(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  return text.trim() === '' ? null : text;
}
