import { findQuoteSpans, type QuoteTextNode } from '../../shared/findQuoteSpans.ts';
import type { Article } from '../../shared/model.ts';
import { TEXT_BLOCK_ELEMENTS } from '../../shared/textBlockElements.ts';
import { ELEMENT_NODE, TEXT_NODE, type MinimalElement, type MinimalNode } from '../extract/article/MinimalDocument.ts';

/** The class every mark carries (with `highlight-<color>`), as in the reader. */
export const HIGHLIGHT_MARK_CLASS = 'offprint-highlight';

/** A text node as linkedom has it: what MinimalNode leaves out. */
interface TextNode extends MinimalNode {
  readonly data: string;
  replaceWith(...nodes: (MinimalNode | string)[]): void;
}

/** Every text node under `root` in document order, with its block and whether a `<br>` came before it. */
function textNodesOf(root: MinimalElement): QuoteTextNode<TextNode>[] {
  const textNodes: QuoteTextNode<TextNode>[] = [];
  let lineBreak = false;
  // A stack, not recursion: stored markup can nest deeper than the call stack.
  const pending: { node: MinimalNode; block: MinimalElement }[] = [...root.childNodes]
    .reverse()
    .map((node) => ({ node, block: root }));
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { node, block } = next;
    if (node.nodeType === TEXT_NODE) {
      const text = node as TextNode;
      textNodes.push({ node: text, text: text.data, block, breakBefore: lineBreak });
      lineBreak = false;
    } else if (node.nodeType === ELEMENT_NODE) {
      const element = node as MinimalElement;
      if (element.localName === 'br') lineBreak = true;
      const inner = TEXT_BLOCK_ELEMENTS.has(element.localName) ? element : block;
      for (const child of [...element.childNodes].reverse()) pending.push({ node: child, block: inner });
    }
  }
  return textNodes;
}

/**
 * Wraps each anchored highlight's quote in `<mark class="offprint-highlight
 * highlight-<color>" data-highlight-id="…">` (one per text node it crosses),
 * found as the reader finds it: by its text with white space folded, the
 * copy nearest the highlight's stored position. Lost highlights are not
 * looked for (the article no longer has them). Returns the ids not marked.
 */
export function markHighlights(root: MinimalElement, article: Pick<Article, 'highlights' | 'text'>): number[] {
  const unmarked: number[] = [];
  const document = root.ownerDocument;
  for (const highlight of article.highlights) {
    const position = article.text.length === 0 ? 0 : highlight.start / article.text.length;
    // Indexed again for each highlight: marking splits text nodes.
    const spans = highlight.status === 'lost' ? null : findQuoteSpans(textNodesOf(root), highlight.quote, position);
    if (spans === null) {
      unmarked.push(highlight.id);
      continue;
    }
    for (const span of spans) {
      const mark = document.createElement('mark');
      mark.setAttribute('class', `${HIGHLIGHT_MARK_CLASS} highlight-${highlight.color}`);
      mark.setAttribute('data-highlight-id', String(highlight.id));
      mark.append(span.node.data.slice(span.start, span.end));
      const before = span.node.data.slice(0, span.start);
      const after = span.node.data.slice(span.end);
      span.node.replaceWith(...[before, mark, after].filter((part) => part !== ''));
    }
  }
  return unmarked;
}
