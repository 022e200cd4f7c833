import { isTokenSeparator } from '../search/analysis/isTokenSeparator.ts';

const HYPHEN = 0x2d;

/** Characters of context kept either side of a highlight, to tell its quote from other copies of it. */
export const CONTEXT_LENGTH = 32;

/** [start, end) in UTF-16 code units of the text searched. */
export interface QuoteRange {
  readonly start: number;
  readonly end: number;
}

export interface QuoteSearch {
  readonly quote: string;
  /** The text that stood just before and after the quote when it was highlighted. */
  readonly prefix?: string;
  readonly suffix?: string;
  /** Where the quote was (or is said to be): among equally good copies, the nearest wins. */
  readonly near?: number;
}

/**
 * Finds quoted passages in one text, for placing a new highlight and for
 * re-anchoring old ones after the text changed.
 *
 * Matching folds white space: any run of it (spaces, line breaks, no-break
 * spaces) equals any other, because re-extracting a page or re-reading a
 * feed often changes nothing but the breaks between paragraphs. When a quote
 * occurs several times, the copy whose surroundings best match the stored
 * prefix and suffix wins, then the one nearest the old position. The folded
 * copy of the text is built once, on the first search that needs it.
 */
export class QuoteLocator {
  readonly text: string;
  #folded: FoldedText | null = null;

  constructor(text: string) {
    this.text = text;
  }

  /** Where the quote is, or null when no copy of it (white space folded) is in the text. */
  locate(search: QuoteSearch): QuoteRange | null {
    const folded = this.#fold();
    const quote = foldWhitespace(search.quote);
    const core = quote.trim();
    if (core === '') return null;
    // White space at the quote's ends is not looked for (the text may have none there now); as context it
    // still counts, on the side it was on.
    const prefix = foldWhitespace(`${search.prefix ?? ''}${quote.startsWith(' ') ? ' ' : ''}`);
    const suffix = foldWhitespace(`${quote.endsWith(' ') ? ' ' : ''}${search.suffix ?? ''}`);
    let best: { range: QuoteRange; context: number; distance: number } | null = null;
    for (let at = folded.text.indexOf(core); at >= 0; at = folded.text.indexOf(core, at + 1)) {
      const context =
        commonSuffixLength(prefix, folded.text, at) + commonPrefixLength(suffix, folded.text, at + core.length);
      const range = folded.originalRange(at, at + core.length);
      const distance = search.near === undefined ? range.start : Math.abs(range.start - search.near);
      if (best === null || context > best.context || (context === best.context && distance < best.distance)) {
        best = { range, context, distance };
      }
    }
    return best === null ? null : this.#withEdgeWhitespace(best.range, search.quote);
  }

  /** The stored surroundings of [start, end): what `locate` compares copies of a quote by. */
  context(range: QuoteRange): { prefix: string; suffix: string } {
    return {
      prefix: this.text.slice(Math.max(0, range.start - CONTEXT_LENGTH), range.start),
      suffix: this.text.slice(range.end, range.end + CONTEXT_LENGTH),
    };
  }

  /** The range grown over the white space the quote has at its ends, where the text has some there too. */
  #withEdgeWhitespace(range: QuoteRange, quote: string): QuoteRange {
    const leading = quote.length - quote.trimStart().length;
    const trailing = quote.length - quote.trimEnd().length;
    return {
      start: leading === 0 ? range.start : this.#growOverWhitespace(range.start, -1, quote.slice(0, leading)),
      end: trailing === 0 ? range.end : this.#growOverWhitespace(range.end, 1, quote.slice(quote.length - trailing)),
    };
  }

  /** From `edge` outwards: over exactly `whitespace` when the text has it there, else over the text's own run. */
  #growOverWhitespace(edge: number, direction: -1 | 1, whitespace: string): number {
    const beside =
      direction < 0
        ? this.text.slice(Math.max(0, edge - whitespace.length), edge)
        : this.text.slice(edge, edge + whitespace.length);
    if (beside === whitespace) return edge + direction * whitespace.length;
    let at = edge;
    if (direction < 0) while (at > 0 && isWhitespace(this.text.charCodeAt(at - 1))) at -= 1;
    else while (at < this.text.length && isWhitespace(this.text.charCodeAt(at))) at += 1;
    return at;
  }

  #fold(): FoldedText {
    this.#folded ??= foldWithOffsets(this.text);
    return this.#folded;
  }
}

/** A text with every white-space run replaced by one space, and the way back to the original's offsets. */
interface FoldedText {
  readonly text: string;
  originalRange(start: number, end: number): QuoteRange;
}

/** Every run of white space (JavaScript's `\s`: line breaks, tabs, no-break spaces…) as one space. */
function foldWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** `foldWhitespace`, keeping where each folded character came from. */
function foldWithOffsets(original: string): FoldedText {
  // Folded offset → where its character starts and ends in the original (a run of spaces is one character).
  const starts = new Int32Array(original.length);
  const ends = new Int32Array(original.length);
  const parts: string[] = [];
  let folded = 0;
  let copiedFrom = 0;
  for (let index = 0; index < original.length; folded += 1) {
    starts[folded] = index;
    if (!isWhitespace(original.charCodeAt(index))) {
      index += 1;
      ends[folded] = index;
      continue;
    }
    let runEnd = index + 1;
    while (runEnd < original.length && isWhitespace(original.charCodeAt(runEnd))) runEnd += 1;
    parts.push(original.slice(copiedFrom, index), ' ');
    ends[folded] = runEnd;
    copiedFrom = runEnd;
    index = runEnd;
  }
  parts.push(original.slice(copiedFrom));
  return {
    text: parts.join(''),
    originalRange: (start, end) => ({ start: starts[start] ?? 0, end: ends[end - 1] ?? 0 }),
  };
}

/** JavaScript's `\s` (lunr's token separators but `-`), tested per code unit: the text may be megabytes. */
function isWhitespace(code: number): boolean {
  return code !== HYPHEN && isTokenSeparator(code);
}

/** How many characters at the end of `expected` stand just before `at` in `text`. */
function commonSuffixLength(expected: string, text: string, at: number): number {
  let length = 0;
  while (
    length < expected.length &&
    length < at &&
    expected.charCodeAt(expected.length - 1 - length) === text.charCodeAt(at - 1 - length)
  ) {
    length += 1;
  }
  return length;
}

/** How many characters at the start of `expected` stand from `at` in `text`. */
function commonPrefixLength(expected: string, text: string, at: number): number {
  let length = 0;
  while (
    length < expected.length &&
    at + length < text.length &&
    expected.charCodeAt(length) === text.charCodeAt(at + length)
  ) {
    length += 1;
  }
  return length;
}
