import { htmlEntityCodePoint } from '../feeds/htmlEntities.ts';
import type { XmlEvent } from './XmlEvent.ts';

/**
 * The recovery path for OPML that is not well-formed XML. Real lists break
 * in a handful of ways — an unescaped `&` in a URL or title, unescaped `"`
 * inside an attribute value (`text="Газета "Коммерсантъ""`), HTML entities,
 * a missing or stray end tag, two documents pasted together, a file cut off
 * mid-tag — and each of them would make an XML parser give up on everything
 * after the fault. This scanner instead reads tag by tag and keeps going, so
 * every outline that can be read is read. It never fails and never expands
 * entities other than the HTML 4 set and numeric references.
 */
export interface OutlineTagScan {
  readonly events: readonly XmlEvent[];
  /** Offset of the tag (or comment) the text ends inside, if it was cut off; null if it ends cleanly. */
  readonly cutOffAt: number | null;
}

// A quote ends an attribute value only if what follows looks like the rest of
// a tag: its end, or another attribute. Otherwise the quote is part of the value.
const valueEndPattern = /\s*\/?>|\s*[^\s=<>/"']+\s*=\s*["']|\s+[^\s=<>/"']+\s*\/?>|\s*$/y;
// Markup that certainly starts a new tag; a value still open when one appears was never closed.
const tagBoundaryPattern = /<\/?(?:outline|body|opml|head)[\s/>]/giu;
const elementNamePattern = /<([A-Za-z_:\u00C0-\uFFFF][^\s<>/"'=]*)/y;
const endTagPattern = /<\/\s*([^\s<>/]*)[^<>]*>?/y;
const attributeNamePattern = /[^\s=<>/"']+/y;
const unquotedValuePattern = /[^\s>]*/y;
const whitespacePattern = /\s*/y;

export function scanOutlineTags(text: string): OutlineTagScan {
  const events: XmlEvent[] = [];
  let cutOffAt: number | null = null;
  let position = 0;

  const skipWhitespace = (at: number): number => {
    whitespacePattern.lastIndex = at;
    whitespacePattern.exec(text);
    return whitespacePattern.lastIndex;
  };

  // The next tag boundary at or after `searchedFrom`, remembered so that a file with many values and
  // no boundary ahead is not searched to its end once per value.
  let boundarySearchedFrom = Number.POSITIVE_INFINITY;
  let nextBoundary = -1;
  const boundaryAfter = (from: number): number => {
    if (from < boundarySearchedFrom || (nextBoundary >= 0 && nextBoundary < from)) {
      tagBoundaryPattern.lastIndex = from;
      nextBoundary = tagBoundaryPattern.exec(text)?.index ?? -1;
      boundarySearchedFrom = from;
    }
    return nextBoundary;
  };

  const readQuotedValue = (from: number, quote: string): { value: string; end: number; closed: boolean } => {
    const boundary = boundaryAfter(from);
    let searchFrom = from;
    let fallback: number | null = null;
    // Where the last HTML-looking "<tag" and the last ">" inside the value are, kept up to date as the
    // search moves on so that a long value is read once, not once per quote in it.
    let markupScanned = from;
    let lastTagOpen = -1;
    let lastTagClose = -1;
    const insideMarkup = (at: number): boolean => {
      for (; markupScanned < at; markupScanned += 1) {
        const character = text[markupScanned];
        if (character === '>') lastTagClose = markupScanned;
        else if (character === '<' && /[A-Za-z/!]/.test(text[markupScanned + 1] ?? '')) lastTagOpen = markupScanned;
      }
      return lastTagOpen > lastTagClose;
    };
    for (;;) {
      const close = text.indexOf(quote, searchFrom);
      if (close < 0 || (boundary >= 0 && boundary < close)) {
        if (fallback !== null) return { value: text.slice(from, fallback), end: fallback + 1, closed: true };
        const end = boundary >= 0 ? boundary : text.length;
        return { value: text.slice(from, end), end, closed: false };
      }
      valueEndPattern.lastIndex = close + 1;
      if (valueEndPattern.test(text)) {
        // Raw HTML in a description (`<a href="…">`) has quotes of its own: while the value is inside
        // such a tag, a quote followed by ">" closes that tag, not the value. If nothing better turns
        // up, the first plausible end is used after all.
        if (!insideMarkup(close)) return { value: text.slice(from, close), end: close + 1, closed: true };
        fallback ??= close;
      }
      searchFrom = close + 1;
    }
  };

  while (position < text.length) {
    const lessThan = text.indexOf('<', position);
    const textEnd = lessThan < 0 ? text.length : lessThan;
    if (textEnd > position) {
      events.push({ kind: 'text', value: decodeTolerantly(text.slice(position, textEnd)), offset: position });
    }
    if (lessThan < 0) break;
    position = lessThan;

    if (text.startsWith('<!--', position)) {
      const end = text.indexOf('-->', position + 4);
      if (end < 0) {
        cutOffAt = position;
        break;
      }
      position = end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', position)) {
      const end = text.indexOf(']]>', position + 9);
      const valueEnd = end < 0 ? text.length : end;
      events.push({ kind: 'text', value: text.slice(position + 9, valueEnd), offset: position });
      position = end < 0 ? text.length : end + 3;
      continue;
    }
    if (text.startsWith('<!', position)) {
      position = skipDeclaration(text, position);
      continue;
    }
    if (text.startsWith('<?', position)) {
      const end = text.indexOf('?>', position + 2);
      position = end < 0 ? text.length : end + 2;
      continue;
    }
    if (text.startsWith('</', position)) {
      // Up to its ">", or up to the next "<" when the ">" is missing.
      endTagPattern.lastIndex = position;
      const name = endTagPattern.exec(text)?.[1];
      if (name) events.push({ kind: 'end', name, offset: position });
      position = Math.max(endTagPattern.lastIndex, position + 2);
      continue;
    }
    elementNamePattern.lastIndex = position;
    const nameMatch = elementNamePattern.exec(text);
    const name = nameMatch?.[1];
    if (name === undefined) {
      // A lone "<" in text (e.g. "a < b" in a title): keep it as text.
      events.push({ kind: 'text', value: '<', offset: position });
      position += 1;
      continue;
    }

    const start = position;
    const attributes = new Map<string, string>();
    const brokenAttributes: string[] = [];
    let selfClosing = false;
    position += 1 + name.length;
    for (;;) {
      position = skipWhitespace(position);
      const character = text[position];
      if (character === undefined) {
        cutOffAt = start;
        selfClosing = true;
        break;
      }
      if (character === '>') {
        position += 1;
        break;
      }
      if (character === '/' && text[position + 1] === '>') {
        selfClosing = true;
        position += 2;
        break;
      }
      if (character === '<') {
        // The tag never got its ">": treat it as a leaf so it cannot swallow what follows.
        selfClosing = true;
        break;
      }
      attributeNamePattern.lastIndex = position;
      const attributeName = attributeNamePattern.exec(text)?.[0];
      if (attributeName === undefined) {
        position += 1; // a stray "/", "=" or quote
        continue;
      }
      position = skipWhitespace(position + attributeName.length);
      let value = '';
      if (text[position] === '=') {
        position = skipWhitespace(position + 1);
        const quote = text[position];
        if (quote === '"' || quote === "'") {
          const quoted = readQuotedValue(position + 1, quote);
          value = quoted.value;
          position = quoted.end;
          if (!quoted.closed) {
            // Without its closing quote a value's end is a guess (a URL would take "/>" and the line break
            // with it), so it is reported rather than used.
            selfClosing = true;
            if (position >= text.length) cutOffAt = start;
            if (!attributes.has(attributeName.toLowerCase())) brokenAttributes.push(attributeName.toLowerCase());
            break;
          }
        } else {
          unquotedValuePattern.lastIndex = position;
          value = unquotedValuePattern.exec(text)?.[0] ?? '';
          position += value.length;
        }
      }
      setFirst(attributes, attributeName, value);
    }
    events.push({ kind: 'start', name, attributes, selfClosing, brokenAttributes, offset: start });
  }
  return { events, cutOffAt };
}

function setFirst(attributes: Map<string, string>, name: string, raw: string): void {
  const key = name.toLowerCase();
  if (!attributes.has(key)) attributes.set(key, decodeTolerantly(raw.replace(/[\t\r\n]/g, ' ')));
}

/** Skips `<!DOCTYPE …>` (with any internal subset) or another `<!…>` declaration; nothing in it is used. */
function skipDeclaration(text: string, from: number): number {
  const greaterThan = text.indexOf('>', from);
  // Only look for "[" before the ">", so each declaration costs its own length, not the file's.
  const bracket = text.slice(from, greaterThan < 0 ? text.length : greaterThan).indexOf('[');
  if (bracket >= 0) {
    const subsetEnd = text.indexOf(']', from + bracket);
    const end = subsetEnd < 0 ? -1 : text.indexOf('>', subsetEnd);
    return end < 0 ? text.length : end + 1;
  }
  return greaterThan < 0 ? text.length : greaterThan + 1;
}

/**
 * Numeric references and the HTML 4 names; anything else — an undefined
 * entity, a bare "&" in a URL — stays exactly as written, which is what the
 * author meant in every real list we have seen.
 */
export function decodeTolerantly(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#[0-9]{1,8}|#[xX][0-9A-Fa-f]{1,7}|[A-Za-z][A-Za-z0-9]{0,31});/g, (reference, body: string) => {
    if (body.startsWith('#')) {
      const hexadecimal = body[1] === 'x' || body[1] === 'X';
      const code = Number.parseInt(body.slice(hexadecimal ? 2 : 1), hexadecimal ? 16 : 10);
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : '\uFFFD';
    }
    const code = htmlEntityCodePoint(body);
    return code === undefined ? reference : String.fromCodePoint(code);
  });
}
