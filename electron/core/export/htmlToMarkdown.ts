import { missingImageMessage } from '../../shared/missingImageMessage.ts';
import { MISSING_IMAGE_ATTRIBUTE } from '../../shared/articleHtmlAllowList.ts';
import { TEXT_BLOCK_ELEMENTS } from '../../shared/textBlockElements.ts';
import { ELEMENT_NODE, TEXT_NODE, type MinimalElement, type MinimalNode } from '../extract/article/MinimalDocument.ts';
import { parseLocalImageUrl } from '../extract/images/localImageUrl.ts';
import { codeBlock, codeSpan, escapeMarkdown, linkDestination, quoteBlock } from './markdownText.ts';

/** A cached image a Markdown export refers to, and where beside the file it is expected. */
export interface MarkdownImage {
  readonly hash: string;
  readonly extension: string;
  /** `images/<hash>.<ext>`, relative to the Markdown file. */
  readonly path: string;
}

export interface MarkdownBody {
  readonly markdown: string;
  /** Each cached image the Markdown shows, once, in order of first use. */
  readonly images: readonly MarkdownImage[];
}

export interface HtmlToMarkdownOptions {
  /** Levels to move the article's headings down (1: its h1 becomes `##`, under the document's title). */
  readonly headingShift?: number;
}

/** Past this nesting the rest is written as plain text: stored markup can nest deeper than the call stack. */
const MAX_DEPTH = 200;
const HARD_BREAK = '\\\n';

/** Elements written as blocks of their own (the text's block elements but `<br>`, a line break, and `<tr>`, a table's row); everything else is inline. */
const BLOCK_ELEMENTS: ReadonlySet<string> = new Set(
  [...TEXT_BLOCK_ELEMENTS].filter((name) => name !== 'br' && name !== 'tr'),
);

const EMPHASIS: Readonly<Record<string, string>> = { em: '*', i: '*', strong: '**', b: '**', del: '~~', s: '~~' };

interface Context {
  readonly headingShift: number;
  readonly images: Map<string, MarkdownImage>;
}

function isElement(node: MinimalNode): node is MinimalElement {
  return node.nodeType === ELEMENT_NODE;
}

function isBlock(node: MinimalNode): boolean {
  return isElement(node) && BLOCK_ELEMENTS.has(node.localName);
}

/** The text of `node` with white space folded, as a browser lays out prose. */
function foldedText(node: MinimalNode): string {
  return (node.textContent ?? '').replace(/[ \t\n\r\f]+/g, ' ');
}

/** `format` applied to `inner` without its edge spaces, which stay outside (`[x ](u)y` would lose the space). */
function keepingEdges(inner: string, format: (core: string) => string): string {
  const core = inner.trim();
  const lead = inner.slice(0, inner.length - inner.trimStart().length);
  const trail = core === '' ? '' : inner.slice(inner.trimEnd().length);
  return `${lead}${format(core)}${trail}`;
}

/**
 * `inner` between `marker`s, with its edge spaces moved outside (`* x*` is
 * not emphasis). Emphasis that starts or ends with other emphasis is marked
 * with underscores instead (`**a *b***` reads wrongly; `__a *b*__` does not).
 */
function wrap(inner: string, marker: string): string {
  if (inner.trim() === '') return inner;
  return keepingEdges(inner, (core) => {
    const edge = marker.startsWith('*') && (core.startsWith('*') || /(^|[^\\])\*$/.test(core));
    const chosen = edge ? marker.replace(/\*/g, '_') : marker;
    return `${chosen}${core}${chosen}`;
  });
}

function image(element: MinimalElement, context: Context): string {
  const alt = (element.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim();
  const cached = parseLocalImageUrl(element.getAttribute('src') ?? '');
  if (cached === null) {
    // The sanitizer turned every image the cache does not hold into a placeholder with a reason code.
    const reason = element.getAttribute(MISSING_IMAGE_ATTRIBUTE) ?? 'not-cached';
    return `*${escapeMarkdown(missingImageMessage(reason), false)}${alt === '' ? '' : ` ${escapeMarkdown(alt, false)}`}*`;
  }
  const path = `images/${cached.hash}.${cached.extension}`;
  if (!context.images.has(path)) context.images.set(path, { hash: cached.hash, extension: cached.extension, path });
  return `![${escapeMarkdown(alt, false)}](${path})`;
}

function link(element: MinimalElement, context: Context, depth: number): string {
  const href = element.getAttribute('href');
  const inner = inline([...element.childNodes], context, depth + 1);
  // The sanitizer left only http(s) and mailto links; anything else would be text anyway.
  // Links with nothing to click (no text, no image) are dropped: the reader would see only an address.
  if (href === null || !/^(https?|mailto):/i.test(href) || inner.trim() === '') return inner;
  const title = element.getAttribute('title');
  const titlePart = title === null ? '' : ` "${title.replace(/["\\]/g, '\\$&').replace(/\s+/g, ' ')}"`;
  return keepingEdges(
    inner,
    (text) => `[${text === '' ? escapeMarkdown(href, false) : text}](${linkDestination(href)}${titlePart})`,
  );
}

function inlineElement(element: MinimalElement, context: Context, depth: number): string {
  const name = element.localName;
  const marker = EMPHASIS[name];
  if (marker !== undefined) return wrap(inline([...element.childNodes], context, depth + 1), marker);
  switch (name) {
    case 'br':
      return HARD_BREAK;
    case 'img':
      return image(element, context);
    case 'a':
      return link(element, context, depth);
    case 'code':
    case 'kbd':
    case 'samp':
      return codeSpan(element.textContent ?? '');
    case 'q':
      return `“${inline([...element.childNodes], context, depth + 1)}”`;
    default: {
      // Blocks met inside a line (a paragraph in a table cell) stay apart by a space.
      const inner = inline([...element.childNodes], context, depth + 1);
      return isBlock(element) ? ` ${inner} ` : inner;
    }
  }
}

/** The length of the unescaped run of `character` that ends `markdown` (0 when none, or when a backslash escapes it). */
function closingRun(markdown: string, character: string): number {
  let run = 0;
  while (markdown.charAt(markdown.length - 1 - run) === character) run += 1;
  let backslashes = 0;
  while (markdown.charAt(markdown.length - 1 - run - backslashes) === '\\') backslashes += 1;
  return backslashes % 2 === 0 ? run : 0;
}

/** Inline Markdown for a run of nodes: text escaped, white space folded across node boundaries. */
function inline(nodes: readonly MinimalNode[], context: Context, depth: number): string {
  let out = '';
  let text = '';
  const append = (part: string): void => {
    // One space where two runs meet (`a ` + ` b`), none after a line break.
    let next = (out.endsWith(' ') || out.endsWith('\n')) && part.startsWith(' ') ? part.trimStart() : part;
    const marker = /^[*~]+/.exec(next)?.[0] ?? '';
    const closing = marker === '' ? 0 : closingRun(out, marker.charAt(0));
    if (closing > 0) {
      // Two emphasis runs meet (`*a*` + `*b*` would read as `*a**b*`): one run if they match, else kept apart.
      if (closing === marker.length) {
        out = out.slice(0, -closing);
        next = next.slice(closing);
      } else {
        next = ` ${next}`;
      }
    }
    out += next;
  };
  // Adjacent text nodes (linkedom splits text at entities) are escaped as one: `&` + `amp;` is a reference.
  const flushText = (): void => {
    if (text !== '') append(escapeMarkdown(text.replace(/[ \t\n\r\f]+/g, ' ')));
    text = '';
  };
  for (const node of nodes) {
    if (node.nodeType === TEXT_NODE) {
      text += node.textContent ?? '';
    } else if (isElement(node)) {
      flushText();
      append(depth > MAX_DEPTH ? escapeMarkdown(foldedText(node)) : inlineElement(node, context, depth));
    }
  }
  flushText();
  return out;
}

/** A paragraph's inline Markdown: trimmed, line by line, with no empty lines (a bare `\\` would show). */
function paragraph(nodes: readonly MinimalNode[], context: Context, depth: number): string {
  return inline(nodes, context, depth)
    .split(HARD_BREAK)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(HARD_BREAK);
}

/** The text of a `<pre>` as it shows: its own line breaks, plus one for each `<br>` and around each block inside. */
function preformattedText(element: MinimalElement): string {
  let text = '';
  for (const child of element.childNodes) {
    if (child.nodeType === TEXT_NODE) text += child.textContent ?? '';
    else if (isElement(child) && child.localName === 'br') text += '\n';
    else if (isElement(child) && isBlock(child))
      text += `${text === '' || text.endsWith('\n') ? '' : '\n'}${preformattedText(child)}\n`;
    else if (isElement(child)) text += preformattedText(child);
  }
  return text;
}

function heading(element: MinimalElement, context: Context, depth: number): string[] {
  const level = Math.min(6, Number(element.localName.slice(1)) + context.headingShift);
  const text = paragraph([...element.childNodes], context, depth)
    .split(HARD_BREAK)
    .join(' ');
  return text === '' ? [] : [`${'#'.repeat(level)} ${text}`];
}

/** A list item's blocks: a nested list follows its line directly, so `- two` + `- nested` stays a tight list. */
function joinItemBlocks(itemBlocks: readonly string[]): string {
  return itemBlocks.reduce(
    (joined, block) => (joined === '' ? block : `${joined}${/^(- |\d+\. )/.test(block) ? '\n' : '\n\n'}${block}`),
    '',
  );
}

function list(element: MinimalElement, context: Context, depth: number): string[] {
  const ordered = element.localName === 'ol';
  let number = Number.parseInt(element.getAttribute('start') ?? '1', 10);
  if (!Number.isFinite(number) || number < 0 || number > 999_999_999) number = 1;
  const items: string[] = [];
  for (const child of element.childNodes) {
    const content = joinItemBlocks(
      isElement(child) && child.localName === 'li'
        ? blocks([...child.childNodes], context, depth + 1)
        : blocks([child], context, depth + 1),
    );
    if (content === '') continue;
    const marker = ordered ? `${number}. ` : '- ';
    number += 1;
    const indent = ' '.repeat(marker.length);
    items.push(
      `${marker}${content
        .split('\n')
        .map((line, index) => (index === 0 || line === '' ? line : `${indent}${line}`))
        .join('\n')}`,
    );
  }
  if (items.length === 0) return [];
  return [items.join(items.some((item) => item.includes('\n\n')) ? '\n\n' : '\n')];
}

function table(element: MinimalElement, context: Context, depth: number): string[] {
  const rows: string[][] = [];
  const caption: string[] = [];
  const pending: MinimalElement[] = [element];
  for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
    for (const child of next.children) {
      if (child.localName === 'tr') {
        const cells = [...child.children].filter((cell) => cell.localName === 'td' || cell.localName === 'th');
        rows.push(
          cells.map((cell) =>
            paragraph([...cell.childNodes], context, depth + 1)
              .split(HARD_BREAK)
              .join(' '),
          ),
        );
      } else if (child.localName === 'caption') {
        caption.push(wrap(escapeMarkdown(foldedText(child).trim()), '*'));
      } else if (child.localName === 'thead' || child.localName === 'tbody' || child.localName === 'tfoot') {
        pending.push(child);
      }
    }
  }
  const width = Math.max(0, ...rows.map((row) => row.length));
  if (width === 0) return caption;
  const line = (row: readonly string[]): string =>
    `| ${Array.from({ length: width }, (_, index) => row[index] ?? '').join(' | ')} |`;
  const [head = [], ...body] = rows;
  return [...caption, [line(head), line(Array<string>(width).fill('---')), ...body.map(line)].join('\n')].filter(
    (block) => block.trim() !== '',
  );
}

function blockElement(element: MinimalElement, context: Context, depth: number): string[] {
  const children = [...element.childNodes];
  switch (element.localName) {
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return heading(element, context, depth);
    case 'p':
    case 'dd':
      return [paragraph(children, context, depth)];
    case 'dt':
      return [wrap(paragraph(children, context, depth), '**')];
    case 'figcaption':
    case 'caption':
      // Plain text in italics: markup inside a caption would nest emphasis in emphasis.
      return [wrap(escapeMarkdown(foldedText(element).trim()), '*')];
    case 'hr':
      return ['* * *'];
    case 'pre': {
      const code = preformattedText(element);
      return code.trim() === '' ? [] : [codeBlock(code)];
    }
    case 'blockquote': {
      const inner = blocks(children, context, depth + 1).join('\n\n');
      return inner === '' ? [] : [quoteBlock(inner)];
    }
    case 'ul':
    case 'ol':
      return list(element, context, depth);
    case 'table':
      return table(element, context, depth);
    default:
      return blocks(children, context, depth + 1);
  }
}

/** Block Markdown for a run of nodes: blocks as they come, inline runs between them as paragraphs. */
function blocks(nodes: readonly MinimalNode[], context: Context, depth: number): string[] {
  const out: string[] = [];
  let run: MinimalNode[] = [];
  const flush = (): void => {
    out.push(paragraph(run, context, depth));
    run = [];
  };
  for (const node of nodes) {
    if (depth <= MAX_DEPTH && isElement(node) && isBlock(node)) {
      flush();
      out.push(...blockElement(node, context, depth));
    } else {
      run.push(node);
    }
  }
  flush();
  return out.filter((block) => block !== '');
}

/**
 * Markdown for an article body (sanitized HTML parsed into `root`), written
 * here rather than by a library so that every character of the article's
 * text is escaped and shows as written: headings, paragraphs, emphasis,
 * links (http, https, mailto), lists, quotes, code, tables, figures with
 * captions. Cached images become `![alt](images/<hash>.<ext>)` and are
 * listed, so the caller can copy the files beside the Markdown; images the
 * cache does not hold become the reader's sentence for why, in italics ("*Image not saved for offline
 * reading (server said 404).*").
 */
export function htmlToMarkdown(root: MinimalElement, options: HtmlToMarkdownOptions = {}): MarkdownBody {
  const context: Context = { headingShift: options.headingShift ?? 0, images: new Map() };
  const markdown = blocks([...root.childNodes], context, 0).join('\n\n');
  return { markdown, images: [...context.images.values()] };
}
