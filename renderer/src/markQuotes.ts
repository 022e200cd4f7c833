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

interface TextIndex {
  /** The text of every text node, whitespace runs folded to one space. */
  readonly text: string;
  /** For each character of `text`: its node and offset in that node. */
  readonly nodes: readonly Text[];
  readonly offsets: readonly number[];
}

/** The nearest block element holding `node` inside `root` (else `root`). */
function blockOf(node: Node, root: Element): Node {
  for (let element = node.parentElement; element !== null && element !== root; element = element.parentElement) {
    if (TEXT_BLOCK_ELEMENTS.has(element.localName)) return element;
  }
  return root;
}

function indexText(root: Element): TextIndex {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  let text = '';
  const nodes: Text[] = [];
  const offsets: number[] = [];
  let lastWasSpace = true;
  let previous: { node: Text; block: Node } | null = null;
  let lineBreak = false;
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    if (node.nodeType !== Node.TEXT_NODE) {
      if ((node as Element).localName === 'br') lineBreak = true;
      continue;
    }
    const value = (node as Text).data;
    const block = blockOf(node, root);
    // A block boundary (or <br>) reads as a space, as in the stored plain text; it belongs to no character.
    if (previous !== null && (lineBreak || previous.block !== block) && !lastWasSpace) {
      text += ' ';
      nodes.push(previous.node);
      offsets.push(previous.node.data.length);
      lastWasSpace = true;
    }
    lineBreak = false;
    for (let offset = 0; offset < value.length; offset += 1) {
      const space = /\s/.test(value.charAt(offset));
      if (space && lastWasSpace) continue;
      text += space ? ' ' : value.charAt(offset);
      nodes.push(node as Text);
      offsets.push(offset);
      lastWasSpace = space;
    }
    previous = { node: node as Text, block };
  }
  return { text, nodes, offsets };
}

function fold(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** The occurrence of `needle` in `haystack` nearest to `share` of the way through, or -1. */
function nearestOccurrence(haystack: string, needle: string, share: number): number {
  const target = share * haystack.length;
  let best = -1;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    if (best < 0 || Math.abs(at - target) < Math.abs(best - target)) best = at;
  }
  return best;
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
    const index = indexText(root);
    const needle = fold(mark.quote);
    const at = needle === '' ? -1 : nearestOccurrence(index.text, needle, mark.position);
    if (at < 0) {
      missing.push(mark.id);
      continue;
    }
    // Split the character range into per-node spans, then wrap each (last first, so offsets stay valid).
    const spans: { node: Text; start: number; end: number }[] = [];
    for (let position = at; position < at + needle.length; position += 1) {
      const node = index.nodes[position];
      const offset = index.offsets[position];
      if (node === undefined || offset === undefined || offset >= node.data.length) continue;
      const last = spans.at(-1);
      if (last !== undefined && last.node === node) last.end = offset + 1;
      else spans.push({ node, start: offset, end: offset + 1 });
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
