import type { XmlEvent } from './XmlEvent.ts';

/**
 * A strict XML 1.0 well-formedness check that yields the document as events.
 * Written here rather than borrowed because the OPML reader needs exactly
 * two things a general parser makes awkward: a yes/no on well-formedness
 * with the first fault's position (to tell the user why we fell back to
 * recovery), and a guarantee that DOCTYPE entities are never expanded
 * (billion laughs, external entities): declared entities are only recorded,
 * and references to them stay in the text as written.
 *
 * Not checked, because no OPML reader depends on them: namespace
 * well-formedness, the fine print of Name characters, `--` inside comments
 * and the grammar of markup declarations inside the DOCTYPE.
 */
export type XmlTokens =
  | { readonly wellFormed: true; readonly events: readonly XmlEvent[]; readonly declaredEntities: readonly string[] }
  | { readonly wellFormed: false; readonly offset: number; readonly reason: string };

class NotWellFormed extends Error {
  readonly offset: number;
  constructor(offset: number, reason: string) {
    super(reason);
    this.name = 'NotWellFormed';
    this.offset = offset;
  }
}

const namePattern = /[A-Za-z_:\u00C0-\u{EFFFF}][-.0-9A-Za-z_:\u00B7\u00C0-\u{EFFFF}]*/uy;
const whitespacePattern = /[ \t\r\n]*/y;
// Characters XML 1.0 forbids anywhere in a document, even as references.
// eslint-disable-next-line no-control-regex -- finding control characters is the point here.
const forbiddenCharacterPattern = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const predefinedEntities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function tokenizeXml(text: string): XmlTokens {
  try {
    return tokenize(text);
  } catch (error) {
    if (error instanceof NotWellFormed) return { wellFormed: false, offset: error.offset, reason: error.message };
    throw error;
  }
}

function tokenize(text: string): XmlTokens {
  const forbidden = forbiddenCharacterPattern.exec(text);
  if (forbidden) {
    const code = forbidden[0].codePointAt(0) ?? 0;
    throw new NotWellFormed(
      forbidden.index,
      `the character U+${code.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`,
    );
  }
  const events: XmlEvent[] = [];
  const declaredEntities = new Set<string>();
  const openElements: string[] = [];
  const documentStart = text.startsWith('\uFEFF') ? 1 : 0;
  let position = documentStart;
  let rootSeen = false;
  let doctypeSeen = false;

  const readName = (at: number, what: string): string => {
    namePattern.lastIndex = at;
    const match = namePattern.exec(text);
    if (!match) throw new NotWellFormed(at, `expected ${what} name`);
    return match[0];
  };
  const skipWhitespace = (at: number): number => {
    whitespacePattern.lastIndex = at;
    whitespacePattern.exec(text);
    return whitespacePattern.lastIndex;
  };
  const find = (needle: string, from: number, what: string, openedAt: number): number => {
    const found = text.indexOf(needle, from);
    if (found < 0) throw new NotWellFormed(openedAt, `${what} is never closed`);
    return found;
  };

  while (position < text.length) {
    if (text[position] !== '<') {
      const next = text.indexOf('<', position);
      const end = next < 0 ? text.length : next;
      const raw = text.slice(position, end);
      if (openElements.length === 0) {
        if (raw.trim() !== '') throw new NotWellFormed(position, 'text outside the root element');
      } else {
        if (raw.includes(']]>')) throw new NotWellFormed(position + raw.indexOf(']]>'), '"]]>" in text');
        events.push({ kind: 'text', value: decode(raw, position, declaredEntities), offset: position });
      }
      position = end;
      continue;
    }
    const start = position;
    if (text.startsWith('<!--', position)) {
      position = find('-->', position + 4, 'a comment', start) + 3;
    } else if (text.startsWith('<![CDATA[', position)) {
      if (openElements.length === 0) throw new NotWellFormed(start, 'CDATA section outside the root element');
      const end = find(']]>', position + 9, 'a CDATA section', start);
      events.push({ kind: 'text', value: text.slice(position + 9, end), offset: start });
      position = end + 3;
    } else if (text.startsWith('<!DOCTYPE', position)) {
      if (rootSeen || doctypeSeen) throw new NotWellFormed(start, 'a DOCTYPE after the document has started');
      doctypeSeen = true;
      position = skipDoctype(text, position + 9, declaredEntities);
    } else if (text.startsWith('<?', position)) {
      const target = readName(position + 2, 'processing instruction');
      if (target.toLowerCase() === 'xml' && start !== documentStart) {
        throw new NotWellFormed(start, 'an XML declaration that is not at the very start');
      }
      position = find('?>', position + 2, 'a processing instruction', start) + 2;
    } else if (text.startsWith('</', position)) {
      const name = readName(position + 2, 'end tag');
      position = skipWhitespace(position + 2 + name.length);
      if (text[position] !== '>') throw new NotWellFormed(position, `expected ">" to end </${name}>`);
      position += 1;
      const open = openElements.pop();
      if (open === undefined) throw new NotWellFormed(start, `the end tag </${name}> closes nothing`);
      if (open !== name) throw new NotWellFormed(start, `the end tag </${name}> does not match <${open}>`);
      events.push({ kind: 'end', name, offset: start });
    } else {
      const name = readName(position + 1, 'element');
      if (rootSeen && openElements.length === 0) throw new NotWellFormed(start, `a second root element <${name}>`);
      rootSeen = true;
      position += 1 + name.length;
      const attributes = new Map<string, string>();
      const seenNames = new Set<string>();
      for (;;) {
        const afterWhitespace = skipWhitespace(position);
        const character = text[afterWhitespace];
        if (character === undefined) throw new NotWellFormed(start, `the start tag <${name}> is never closed`);
        if (character === '>' || text.startsWith('/>', afterWhitespace)) {
          const selfClosing = character === '/';
          position = afterWhitespace + (selfClosing ? 2 : 1);
          events.push({ kind: 'start', name, attributes, selfClosing, brokenAttributes: [], offset: start });
          if (!selfClosing) openElements.push(name);
          break;
        }
        if (afterWhitespace === position)
          throw new NotWellFormed(
            position,
            `expected whitespace before an attribute in <${name}> (a stray quote inside a value?)`,
          );
        const attributeName = readName(afterWhitespace, 'attribute');
        if (seenNames.has(attributeName)) {
          throw new NotWellFormed(afterWhitespace, `the attribute ${attributeName} appears twice in <${name}>`);
        }
        seenNames.add(attributeName);
        position = skipWhitespace(afterWhitespace + attributeName.length);
        if (text[position] !== '=') throw new NotWellFormed(position, `the attribute ${attributeName} has no value`);
        position = skipWhitespace(position + 1);
        const quote = text[position];
        if (quote !== '"' && quote !== "'")
          throw new NotWellFormed(position, `the value of ${attributeName} is not quoted`);
        const valueStart = position + 1;
        const valueEnd = text.indexOf(quote, valueStart);
        if (valueEnd < 0) throw new NotWellFormed(position, `the value of ${attributeName} is never closed`);
        const raw = text.slice(valueStart, valueEnd);
        const lessThan = raw.indexOf('<');
        if (lessThan >= 0)
          throw new NotWellFormed(valueStart + lessThan, `an unescaped "<" in the value of ${attributeName}`);
        // Attribute-value normalisation (XML 1.0 §3.3.3): literal line breaks and tabs read as spaces.
        const value = decode(raw.replace(/[\t\r\n]/g, ' '), valueStart, declaredEntities);
        const key = attributeName.toLowerCase();
        if (!attributes.has(key)) attributes.set(key, value);
        position = valueEnd + 1;
      }
    }
  }
  if (openElements.length > 0) {
    throw new NotWellFormed(text.length, `the file ends before <${openElements.at(-1) ?? ''}> is closed`);
  }
  if (!rootSeen) throw new NotWellFormed(text.length, 'no root element');
  return { wellFormed: true, events, declaredEntities: [...declaredEntities] };
}

/**
 * Skips `<!DOCTYPE name externalId? [internal subset]? >` and records the
 * general entities the internal subset declares. Nothing is resolved or
 * expanded: an OPML file has no business declaring entities, and expanding
 * them is how billion-laughs and external-entity attacks work.
 */
function skipDoctype(text: string, from: number, declaredEntities: Set<string>): number {
  let position = from;
  while (position < text.length) {
    const character = text[position];
    if (character === '"' || character === "'") {
      const end = text.indexOf(character, position + 1);
      if (end < 0) break;
      position = end + 1;
    } else if (character === '[') {
      const subsetEnd = skipInternalSubset(text, position + 1);
      if (subsetEnd < 0) break;
      const subset = text.slice(position + 1, subsetEnd);
      for (const match of subset.matchAll(/<!ENTITY[ \t\r\n]+([^ \t\r\n%][^ \t\r\n]*)/g)) {
        if (match[1] !== undefined) declaredEntities.add(match[1]);
      }
      position = subsetEnd + 1;
    } else if (character === '>') {
      return position + 1;
    } else {
      position += 1;
    }
  }
  throw new NotWellFormed(from - 9, 'the DOCTYPE is never closed');
}

/** Index of the `]` that ends an internal subset, skipping quoted literals, comments and PIs; -1 if none. */
function skipInternalSubset(text: string, from: number): number {
  let position = from;
  while (position < text.length) {
    const character = text[position];
    if (character === ']') return position;
    if (character === '"' || character === "'") {
      const end = text.indexOf(character, position + 1);
      if (end < 0) return -1;
      position = end + 1;
    } else if (text.startsWith('<!--', position)) {
      const end = text.indexOf('-->', position + 4);
      if (end < 0) return -1;
      position = end + 3;
    } else if (text.startsWith('<?', position)) {
      const end = text.indexOf('?>', position + 2);
      if (end < 0) return -1;
      position = end + 2;
    } else {
      position += 1;
    }
  }
  return -1;
}

/**
 * Replaces the predefined and numeric references. A reference to an entity
 * the DOCTYPE declared stays as written (never expanded, see above); any
 * other `&` that does not start a reference makes the file not well-formed.
 */
function decode(raw: string, offset: number, declaredEntities: ReadonlySet<string>): string {
  if (!raw.includes('&')) return raw;
  let result = '';
  let position = 0;
  for (;;) {
    const ampersand = raw.indexOf('&', position);
    if (ampersand < 0) return result + raw.slice(position);
    result += raw.slice(position, ampersand);
    const semicolon = raw.indexOf(';', ampersand + 1);
    const body = semicolon < 0 ? '' : raw.slice(ampersand + 1, semicolon);
    let replacement: string | null = null;
    if (/^#[0-9]{1,7}$/.test(body)) replacement = fromCodePoint(Number.parseInt(body.slice(1), 10));
    else if (/^#x[0-9A-Fa-f]{1,6}$/.test(body)) replacement = fromCodePoint(Number.parseInt(body.slice(2), 16));
    else if (Object.hasOwn(predefinedEntities, body)) replacement = predefinedEntities[body] ?? null;
    else if (declaredEntities.has(body)) replacement = `&${body};`;
    if (replacement === null) {
      const shown = semicolon < 0 || semicolon - ampersand > 32 ? '&' : `&${body};`;
      const why = /^[A-Za-z_:][-.0-9A-Za-z_:]*$/.test(body)
        ? 'an undefined entity'
        : 'an unescaped "&" or a bad reference';
      throw new NotWellFormed(offset + ampersand, `${why} (${shown})`);
    }
    result += replacement;
    position = semicolon + 1;
  }
}

function fromCodePoint(code: number): string | null {
  const allowed =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  return allowed ? String.fromCodePoint(code) : null;
}
