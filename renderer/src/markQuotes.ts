import { findQuoteSpans, type QuoteTextNode } from '../../electron/shared/findQuoteSpans.ts';
import { TEXT_BLOCK_ELEMENTS } from '../../electron/shared/textBlockElements.ts';
/** A passage to mark in rendered article markup. */
export interface QuoteMark {
  readonly id: number;
  readonly quote: string;
  readonly color: string;
  /** Where the quote sits in the stored plain text, as a share of its length: picks among repeated quotes. */
  readonly position: number;
}

const MARK_CLASS = 'offprint-highlight';

/** The nearest block element holding `node` inside `root` (else `root`). */
function blockOf(node: Node, root: Element): Node {
  for (let element = node.parentElement; element !== null && element !== root; element = element.parentElement) {
    if (TEXT_BLOCK_ELEMENTS.has(element.localName)) return element;
  }
  return root;
}

/** Every text node under `root` in document order, with its block and whether a `<br>` came before it. */
function textNodesOf(root: Element): QuoteTextNode<Text>[] {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  const textNodes: QuoteTextNode<Text>[] = [];
  let lineBreak = false;
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    if (node.nodeType !== Node.TEXT_NODE) {
      if ((node as Element).localName === 'br') lineBreak = true;
      continue;
    }
    textNodes.push({
      node: node as Text,
      text: (node as Text).data,
      block: blockOf(node, root),
      breakBefore: lineBreak,
    });
    lineBreak = false;
  }
  return textNodes;
}

/** Removes marks added before (the passages' text stays where it was). */
export function clearQuoteMarks(root: Element): void {
  for (const mark of Array.from(root.querySelectorAll(`mark.${MARK_CLASS}`))) {
    mark.replaceWith(...Array.from(mark.childNodes));
  }
  root.normalize();
}

/**
 * Wraps each quoted passage in `<mark>` elements (one per text node it
 * crosses), found by its text with whitespace folded, so markup between
 * words does not matter. Returns the ids of the quotes it could not find.
 */
export function markQuotes(root: Element, marks: readonly QuoteMark[]): number[] {
  clearQuoteMarks(root);
  const missing: number[] = [];
  for (const mark of marks) {
    // Indexed again for each quote: marking splits text nodes.
    const spans = findQuoteSpans(textNodesOf(root), mark.quote, mark.position);
    if (spans === null) {
      missing.push(mark.id);
      continue;
    }
    for (const span of spans.reverse()) {
      const range = root.ownerDocument.createRange();
      range.setStart(span.node, span.start);
      range.setEnd(span.node, span.end);
      const element = root.ownerDocument.createElement('mark');
      element.className = `${MARK_CLASS} highlight-${mark.color}`;
      element.dataset['highlightId'] = String(mark.id);
      range.surroundContents(element);
    }
  }
  return missing;
}
