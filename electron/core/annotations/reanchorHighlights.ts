import { QuoteLocator } from './QuoteLocator.ts';

/** Where a highlight sits in its article's text: what re-anchoring reads and writes. */
export interface HighlightAnchor {
  readonly id: number;
  readonly quote: string;
  /** [start, end) in UTF-16 code units. */
  readonly start: number;
  readonly end: number;
  /** The text just before and after the quote when it was last anchored. */
  readonly prefix: string;
  readonly suffix: string;
  readonly status: 'anchored' | 'lost';
}

export interface ReanchoredHighlight extends HighlightAnchor {
  /** Something differs from before: position, quote, context or status. */
  readonly changed: boolean;
}

/**
 * Places each highlight in an article's new text. A highlight whose quote
 * and context are still where they were stays. Otherwise its quote is
 * looked for (white space folded: see QuoteLocator), the copy with the
 * best-matching context nearest the old place winning, and it takes the
 * text's own spelling of the passage and its new context. A quote that is
 * nowhere in the text is `lost`: kept as it was, so it can be shown, and
 * found again should a later version of the text bring the passage back.
 *
 * The old position alone is not trusted: when an edit shifts one copy of a
 * repeated quote onto another's old place, the context tells them apart.
 */
export function reanchorHighlights(text: string, highlights: readonly HighlightAnchor[]): ReanchoredHighlight[] {
  const locator = new QuoteLocator(text);
  return highlights.map((highlight) => {
    if (isInPlace(text, highlight))
      return { ...highlight, status: 'anchored', changed: highlight.status !== 'anchored' };
    const range = locator.locate({
      quote: highlight.quote,
      prefix: highlight.prefix,
      suffix: highlight.suffix,
      near: highlight.start,
    });
    if (range === null) return { ...highlight, status: 'lost', changed: highlight.status !== 'lost' };
    const anchored: HighlightAnchor = {
      id: highlight.id,
      quote: text.slice(range.start, range.end),
      start: range.start,
      end: range.end,
      ...locator.context(range),
      status: 'anchored',
    };
    const changed =
      anchored.quote !== highlight.quote ||
      anchored.start !== highlight.start ||
      anchored.end !== highlight.end ||
      anchored.prefix !== highlight.prefix ||
      anchored.suffix !== highlight.suffix ||
      highlight.status !== 'anchored';
    return { ...anchored, changed };
  });
}

/** The quote and its whole stored context are still at the stored position. */
function isInPlace(text: string, highlight: HighlightAnchor): boolean {
  const { start, end, quote, prefix, suffix } = highlight;
  return (
    start >= prefix.length &&
    text.slice(start, end) === quote &&
    text.slice(start - prefix.length, start) === prefix &&
    text.slice(end, end + suffix.length) === suffix
  );
}
