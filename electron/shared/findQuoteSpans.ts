/**
 * Finding a highlight's quote in rendered article markup, the same way in
 * the reader (browser DOM) and in exports (core's linkedom): the caller
 * lists the text nodes in document order, this says which characters of
 * which nodes hold the quote. Pure, so both layers can import it.
 */

/** One text node of rendered article markup, as quote finding reads it. */
export interface QuoteTextNode<N> {
  readonly node: N;
  readonly text: string;
  /** The block element holding it (compared by identity only): text in another block reads as after a space. */
  readonly block: unknown;
  /** A `<br>` stands between this text and the text before it. */
  readonly breakBefore: boolean;
}

/** The characters [start, end) of one text node that belong to a quote. */
export interface QuoteSpan<N> {
  readonly node: N;
  readonly start: number;
  readonly end: number;
}

interface FoldedText {
  /** The text of every node with white space runs folded to one space. */
  readonly text: string;
  /** For each character of `text`: the index of its node, and its offset there (the node's length for a space that stands for a block boundary). */
  readonly nodes: readonly number[];
  readonly offsets: readonly number[];
}

function foldText<N>(textNodes: readonly QuoteTextNode<N>[]): FoldedText {
  let text = '';
  const nodes: number[] = [];
  const offsets: number[] = [];
  let lastWasSpace = true;
  textNodes.forEach((current, index) => {
    const previous = index > 0 ? textNodes[index - 1] : undefined;
    // A block boundary (or <br>) reads as a space, as in the stored plain text; it belongs to no character.
    if (previous !== undefined && (current.breakBefore || previous.block !== current.block) && !lastWasSpace) {
      text += ' ';
      nodes.push(index - 1);
      offsets.push(previous.text.length);
      lastWasSpace = true;
    }
    for (let offset = 0; offset < current.text.length; offset += 1) {
      const character = current.text.charAt(offset);
      const space = /\s/.test(character);
      if (space && lastWasSpace) continue;
      text += space ? ' ' : character;
      nodes.push(index);
      offsets.push(offset);
      lastWasSpace = space;
    }
  });
  return { text, nodes, offsets };
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

/**
 * Where `quote` is in the text of `textNodes`, matched with white space
 * folded (markup between words does not matter; a block boundary or `<br>`
 * reads as a space), as one span per text node it crosses in document
 * order. Among repeated copies, the one nearest `position` (a share of the
 * text's length, 0–1) wins. Null when the quote is blank or not there.
 */
export function findQuoteSpans<N>(
  textNodes: readonly QuoteTextNode<N>[],
  quote: string,
  position: number,
): QuoteSpan<N>[] | null {
  const folded = foldText(textNodes);
  const needle = quote.replace(/\s+/g, ' ').trim();
  const at = needle === '' ? -1 : nearestOccurrence(folded.text, needle, position);
  if (at < 0) return null;
  const spans: { index: number; start: number; end: number }[] = [];
  for (let character = at; character < at + needle.length; character += 1) {
    const index = folded.nodes[character];
    const offset = folded.offsets[character];
    const length = index === undefined ? 0 : (textNodes[index]?.text.length ?? 0);
    // The space standing for a block boundary has no character of its own to mark.
    if (index === undefined || offset === undefined || offset >= length) continue;
    const last = spans.at(-1);
    if (last !== undefined && last.index === index) last.end = offset + 1;
    else spans.push({ index, start: offset, end: offset + 1 });
  }
  return spans.flatMap(({ index, start, end }) => {
    const textNode = textNodes[index];
    return textNode === undefined ? [] : [{ node: textNode.node, start, end }];
  });
}
