import { FeedParseError } from './FeedParseError.ts';
import {
  c1Controls,
  htmlEntityCodePoint,
  numericReferenceText,
  repairByteReferences,
  replaceC1Controls,
} from './htmlEntities.ts';

/**
 * A small, lenient, non-validating XML reader for feed documents.
 *
 * Why not fast-xml-parser (under @rowanmanning/feed-parser): feeds need
 * namespace URIs (not prefixes), xml:base on every element, the inner markup
 * of xhtml content, HTML entities that feeds use without declaring them, and
 * recovery from the usual damage (bare `&`, stray end tags) — and every
 * entity must be under our control. The reader:
 * - never fetches anything: external general entities make the document
 *   `unsafe-xml`; parameter entities are ignored;
 * - expands internal entities with caps on count, depth and output size, so
 *   a billion-laughs document fails fast with `unsafe-xml`;
 * - decodes the five XML entities, numeric references, declared internal
 *   entities and HTML 4 names; an unknown `&name;` or a bare `&` stays as text;
 * - recovers from mismatched end tags (closes up to the matching open
 *   element, ignores strays), but a document that ends inside its root
 *   element is `malformed` (truncated).
 */

export interface XmlAttribute {
  /** As written, e.g. `rdf:about`. */
  readonly qualifiedName: string;
  /** Local part, lower-cased: feeds in the wild mix case. */
  readonly name: string;
  readonly namespace: string | null;
  readonly value: string;
}

export interface XmlElement {
  /** As written, e.g. `dc:creator`. */
  readonly qualifiedName: string;
  /** Local part, lower-cased. */
  readonly name: string;
  readonly prefix: string | null;
  /** Resolved namespace URI; null when none is declared for the prefix (or no default namespace). */
  readonly namespace: string | null;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlNode[];
  /** xml:base in scope, resolved to an absolute URL; null when no ancestor (or self) sets one. */
  readonly base: string | null;
  /** xml:lang in scope; null when none. */
  readonly language: string | null;
}

export type XmlNode = XmlElement | string;

interface MutableElement extends XmlElement {
  readonly children: XmlNode[];
  readonly scope: NamespaceScope;
}

type NamespaceScope = ReadonlyMap<string, string>;

export const xmlNamespace = 'http://www.w3.org/XML/1998/namespace';
export const xhtmlNamespace = 'http://www.w3.org/1999/xhtml';

/** Deeper nesting than any real feed; keeps the recursive walkers far from the stack limit. */
const maxDepth = 512;
/** Caps on declared-entity expansion (billion laughs, quadratic blow-up). */
const maxEntityExpansions = 10_000;
const maxEntityCharacters = 1_000_000;
const maxEntityDepth = 16;

const predefinedEntities: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const referencePattern = /&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z_:][\w.:-]*);/g;
const attributePattern = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/y;
const endTagPattern = /<\/\s*([^\s>]*)\s*>/y;
const emptyScope: NamespaceScope = new Map([['xml', xmlNamespace]]);

interface SplitName {
  readonly prefix: string | null;
  readonly name: string;
}

/** Parses `text` into its root element. `documentUrl` is the base for a relative root xml:base and names the document in errors. */
export function parseXml(text: string, documentUrl: string): XmlElement {
  return new XmlReader(text, documentUrl).read();
}

class XmlReader {
  private readonly text: string;
  private readonly documentUrl: string;
  private position = 0;
  private readonly stack: MutableElement[] = [];
  private root: MutableElement | null = null;
  private readonly declaredEntities = new Map<string, string>();
  private entityExpansions = 0;
  private entityCharacters = 0;
  /** Qualified name → split and lower-cased local part: a feed repeats a few dozen names thousands of times. */
  private readonly names = new Map<string, SplitName>();

  constructor(text: string, documentUrl: string) {
    this.text = text;
    this.documentUrl = documentUrl;
  }

  read(): XmlElement {
    const { text } = this;
    const length = text.length;
    while (this.position < length) {
      const open = text.indexOf('<', this.position);
      if (open === -1) {
        this.addText(this.decode(text.slice(this.position)));
        break;
      }
      if (open > this.position) this.addText(this.decode(text.slice(this.position, open)));
      this.position = open;
      const next = text.charCodeAt(open + 1);
      if (next === 0x21 /* ! */) this.readMarkupDeclaration();
      else if (next === 0x3f /* ? */) this.position = this.indexAfter('?>', open + 2, 'processing instruction');
      else if (next === 0x2f /* / */) this.readEndTag();
      else if (isNameStart(next)) this.readStartTag();
      else {
        // A lone `<` (as in "x < y") is text in every lenient reader.
        this.addText('<');
        this.position = open + 1;
      }
      if (this.root !== null && this.stack.length === 0) break; // whatever follows the root element is ignored
    }
    if (this.root === null) throw this.error('malformed', 'no root element');
    const unclosed = this.stack.at(-1);
    if (unclosed !== undefined)
      throw this.error('malformed', `truncated XML (<${unclosed.qualifiedName}> not closed at end of input)`);
    return this.root;
  }

  private error(code: 'malformed' | 'unsafe-xml', detail: string): FeedParseError {
    return new FeedParseError(
      code,
      this.documentUrl,
      code === 'malformed' ? `malformed XML: ${detail}` : `unsafe XML: ${detail}`,
    );
  }

  private indexAfter(terminator: string, from: number, what: string): number {
    const index = this.text.indexOf(terminator, from);
    if (index === -1) throw this.error('malformed', `truncated XML (unterminated ${what})`);
    return index + terminator.length;
  }

  private addText(value: string): void {
    const parent = this.stack.at(-1);
    if (parent === undefined || value === '') return; // text outside the root element is ignored
    const children = parent.children;
    const last = children.length - 1;
    const previous = children[last];
    if (typeof previous === 'string') children[last] = previous + value;
    else children.push(value);
  }

  private readMarkupDeclaration(): void {
    const { text, position } = this;
    if (text.startsWith('<!--', position)) {
      this.position = this.indexAfter('-->', position + 4, 'comment');
    } else if (text.startsWith('<![CDATA[', position)) {
      const end = this.indexAfter(']]>', position + 9, 'CDATA section');
      const cdata = text.slice(position + 9, end - 3);
      this.addText(c1Controls.test(cdata) ? replaceC1Controls(cdata) : cdata);
      this.position = end;
    } else if (text.slice(position + 2, position + 9).toUpperCase() === 'DOCTYPE') {
      this.readDoctype();
    } else {
      this.position = this.skipDeclaration(position + 2);
    }
  }

  /** Skips to just past the `>` that ends a declaration, stepping over quoted strings. */
  private skipDeclaration(from: number): number {
    const { text } = this;
    let index = from;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      if (code === 0x22 || code === 0x27) {
        const close = text.indexOf(code === 0x22 ? '"' : "'", index + 1);
        if (close === -1) break;
        index = close + 1;
      } else if (code === 0x3e /* > */) {
        return index + 1;
      } else {
        index++;
      }
    }
    throw this.error('malformed', 'truncated XML (unterminated declaration)');
  }

  private readDoctype(): void {
    const { text } = this;
    let index = this.position + 9;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      if (code === 0x22 || code === 0x27) {
        index = this.indexAfter(code === 0x22 ? '"' : "'", index + 1, 'DOCTYPE');
      } else if (code === 0x5b /* [ */) {
        index = this.readInternalSubset(index + 1);
      } else if (code === 0x3e /* > */) {
        this.position = index + 1;
        return;
      } else {
        index++;
      }
    }
    throw this.error('malformed', 'truncated XML (unterminated DOCTYPE)');
  }

  /** Reads entity declarations from a DOCTYPE internal subset; returns the index just past its `]`. */
  private readInternalSubset(from: number): number {
    const { text } = this;
    let index = from;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      if (code === 0x5d /* ] */) return index + 1;
      if (text.startsWith('<!--', index)) index = this.indexAfter('-->', index + 4, 'comment');
      else if (text.startsWith('<?', index)) index = this.indexAfter('?>', index + 2, 'processing instruction');
      else if (text.startsWith('<!ENTITY', index)) index = this.readEntityDeclaration(index + 8);
      else if (text.startsWith('<!', index)) index = this.skipDeclaration(index + 2);
      else index++; // whitespace, parameter-entity references (never expanded), junk
    }
    throw this.error('malformed', 'truncated XML (unterminated DOCTYPE internal subset)');
  }

  private readEntityDeclaration(from: number): number {
    const end = this.skipDeclaration(from);
    const declaration = this.text.slice(from, end - 1);
    const match = /^\s*(%\s+)?([^\s%"']+)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b)/.exec(declaration);
    if (match === null) return end; // unreadable declaration: nothing is declared
    const [, parameter, name = '', doubleQuoted, singleQuoted, external] = match;
    // Parameter entities only matter to validation; they are never expanded here.
    if (parameter !== undefined) return end;
    if (external !== undefined) throw this.error('unsafe-xml', `DOCTYPE declares external entity "${name}"`);
    // The first declaration binds (XML 1.0 §4.2).
    if (!this.declaredEntities.has(name)) this.declaredEntities.set(name, doubleQuoted ?? singleQuoted ?? '');
    return end;
  }

  private readEndTag(): void {
    endTagPattern.lastIndex = this.position;
    const match = endTagPattern.exec(this.text);
    let name: string;
    if (match !== null) {
      this.position = endTagPattern.lastIndex;
      name = match[1] ?? '';
    } else {
      const close = this.text.indexOf('>', this.position);
      if (close !== -1) {
        this.position = close + 1; // `</ junk junk>`: ignore
        return;
      }
      // Only the final `>` missing (`…</rss` at end of input): the content is all there.
      const unterminated = /^<\/\s*([^\s>]+)\s*$/.exec(this.text.slice(this.position));
      if (unterminated === null) throw this.error('malformed', 'truncated XML (unterminated end tag)');
      this.position = this.text.length;
      name = unterminated[1] ?? '';
    }
    const { stack } = this;
    for (let index = stack.length - 1; index >= 0; index--) {
      if (stack[index]?.qualifiedName === name) {
        stack.length = index; // closes any elements left open inside it
        return;
      }
    }
    // A stray end tag that matches nothing open is ignored.
  }

  private readStartTag(): void {
    const { text } = this;
    let index = this.position + 1;
    const nameStart = index;
    while (index < text.length && !isNameEnd(text.charCodeAt(index))) index++;
    const qualifiedName = text.slice(nameStart, index);
    const rawAttributes: [string, string][] = [];
    let selfClosing = false;
    for (;;) {
      while (index < text.length && isWhitespace(text.charCodeAt(index))) index++;
      if (index >= text.length)
        throw this.error('malformed', `truncated XML (unterminated start tag <${qualifiedName}>)`);
      const code = text.charCodeAt(index);
      if (code === 0x3e /* > */) {
        index++;
        break;
      }
      if (code === 0x2f /* / */ && text.charCodeAt(index + 1) === 0x3e) {
        selfClosing = true;
        index += 2;
        break;
      }
      attributePattern.lastIndex = index;
      const match = attributePattern.exec(text);
      if (match === null) {
        index++; // a stray quote or slash
        continue;
      }
      index = attributePattern.lastIndex;
      rawAttributes.push([match[1] ?? '', match[2] ?? match[3] ?? match[4] ?? '']);
    }
    this.position = index;
    this.openElement(qualifiedName, rawAttributes, selfClosing);
  }

  private openElement(
    qualifiedName: string,
    rawAttributes: readonly (readonly [string, string])[],
    selfClosing: boolean,
  ): void {
    const parent = this.stack.at(-1);
    if (this.stack.length >= maxDepth) throw this.error('malformed', `elements nested deeper than ${maxDepth}`);
    let scope = parent?.scope ?? emptyScope;
    for (const [name, value] of rawAttributes) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) {
        if (scope === (parent?.scope ?? emptyScope)) scope = new Map(scope);
        (scope as Map<string, string>).set(name === 'xmlns' ? '' : name.slice(6), this.decode(value).trim());
      }
    }
    const attributes: XmlAttribute[] = [];
    let base = parent?.base ?? null;
    let language = parent?.language ?? null;
    for (const [attributeName, rawValue] of rawAttributes) {
      const split = this.split(attributeName);
      const value = this.decode(
        rawValue.includes('\n') || rawValue.includes('\t') || rawValue.includes('\r')
          ? rawValue.replace(/[\t\n\r]/g, ' ')
          : rawValue,
      );
      // Unprefixed attributes are in no namespace (Namespaces in XML §6.2).
      const namespace = split.prefix === null ? null : (scope.get(split.prefix) ?? null);
      attributes.push({ qualifiedName: attributeName, name: split.name, namespace, value });
      if (namespace === xmlNamespace) {
        if (split.name === 'base') base = resolveBase(value, base ?? this.documentUrl) ?? base;
        else if (split.name === 'lang') language = value.trim() === '' ? null : value.trim();
      }
    }
    const split = this.split(qualifiedName);
    const element: MutableElement = {
      qualifiedName,
      name: split.name,
      prefix: split.prefix,
      // `xmlns=""` undeclares the default namespace.
      namespace: nonEmpty(scope.get(split.prefix ?? '')),
      attributes,
      children: [],
      base,
      language,
      scope,
    };
    if (parent === undefined) this.root = element;
    else parent.children.push(element);
    if (!selfClosing) this.stack.push(element);
  }

  private split(qualifiedName: string): SplitName {
    let split = this.names.get(qualifiedName);
    if (split === undefined) {
      const colon = qualifiedName.indexOf(':');
      split =
        colon === -1
          ? { prefix: null, name: qualifiedName.toLowerCase() }
          : { prefix: qualifiedName.slice(0, colon), name: qualifiedName.slice(colon + 1).toLowerCase() };
      this.names.set(qualifiedName, split);
    }
    return split;
  }

  private decode(text: string, depth = 0): string {
    const withoutControls = c1Controls.test(text) ? replaceC1Controls(text) : text;
    if (!withoutControls.includes('&')) return withoutControls;
    const raw = repairByteReferences(withoutControls);
    return raw.replace(referencePattern, (whole, reference: string) => {
      if (reference.startsWith('#')) return numericReferenceText(reference);
      const predefined = predefinedEntities[reference];
      if (predefined !== undefined) return predefined;
      const declared = this.declaredEntities.get(reference);
      if (declared !== undefined) return this.expand(reference, declared, depth);
      const codePoint = htmlEntityCodePoint(reference);
      return codePoint === undefined ? whole : String.fromCodePoint(codePoint);
    });
  }

  private expand(name: string, replacement: string, depth: number): string {
    if (depth >= maxEntityDepth)
      throw this.error('unsafe-xml', `entity "${name}" nested deeper than ${maxEntityDepth} (recursive?)`);
    if (++this.entityExpansions > maxEntityExpansions)
      throw this.error('unsafe-xml', `more than ${maxEntityExpansions} entity expansions`);
    const expanded = this.decode(replacement, depth + 1);
    this.entityCharacters += expanded.length;
    if (this.entityCharacters > maxEntityCharacters)
      throw this.error('unsafe-xml', `entity expansion past ${maxEntityCharacters} characters`);
    return expanded;
  }
}

function resolveBase(value: string, base: string): string | null {
  try {
    return new URL(value.trim(), base).href;
  } catch {
    return null;
  }
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

function isNameStart(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code === 0x3a || code > 0x7f
  );
}

function isNameEnd(code: number): boolean {
  return isWhitespace(code) || code === 0x3e /* > */ || code === 0x2f; /* / */
}

/** All text below `element`, in document order. */
export function textContent(element: XmlElement): string {
  const { children } = element;
  if (children.length === 1 && typeof children[0] === 'string') return children[0];
  let text = '';
  for (const child of children) text += typeof child === 'string' ? child : textContent(child);
  return text;
}

const voidElements = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/** Rewrites one attribute value while serializing (e.g. resolving a relative URL against the element's base). */
export type AttributeRewriter = (element: XmlElement, attribute: XmlAttribute) => string;

/**
 * The children of `element` as HTML-compatible markup: XHTML elements lose
 * their prefix, elements in other namespaces (SVG, MathML) get an `xmlns`
 * where their namespace starts, namespace declarations are dropped, and
 * empty non-void elements are written `<x></x>` because `<x/>` means an open
 * tag in HTML.
 */
export function serializeChildren(element: XmlElement, rewrite?: AttributeRewriter): string {
  let html = '';
  for (const child of element.children) html += serializeNode(child, xhtmlNamespace, rewrite);
  return html;
}

function serializeNode(node: XmlNode, parentNamespace: string | null, rewrite: AttributeRewriter | undefined): string {
  if (typeof node === 'string') return escapeText(node);
  const namespace = node.namespace ?? xhtmlNamespace;
  const localName = node.prefix === null ? node.qualifiedName : node.qualifiedName.slice(node.prefix.length + 1);
  let html = `<${localName}`;
  if (namespace !== xhtmlNamespace && namespace !== parentNamespace) html += ` xmlns="${escapeAttribute(namespace)}"`;
  for (const attribute of node.attributes) {
    const name = attribute.qualifiedName;
    // Namespace declarations mean nothing in HTML; xml:base has been applied to the URLs already.
    if (
      name === 'xmlns' ||
      name.startsWith('xmlns:') ||
      (attribute.namespace === xmlNamespace && attribute.name === 'base')
    )
      continue;
    const value = rewrite === undefined ? attribute.value : rewrite(node, attribute);
    html += ` ${name}="${escapeAttribute(value)}"`;
  }
  if (node.children.length === 0 && voidElements.has(node.name)) return `${html} />`;
  html += '>';
  for (const child of node.children) html += serializeNode(child, namespace, rewrite);
  return `${html}</${localName}>`;
}

export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (character) => (character === '&' ? '&amp;' : character === '<' ? '&lt;' : '&gt;'));
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (character) =>
    character === '&' ? '&amp;' : character === '<' ? '&lt;' : character === '>' ? '&gt;' : '&quot;',
  );
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}
