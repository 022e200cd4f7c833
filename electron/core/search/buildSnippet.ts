import type { HighlightRange, Snippet } from '../../shared/model.ts';

/** Maps one word of text to its index terms (the analyzer's query analysis, memoized there). */
export type TermsOfWord = (word: string) => readonly string[];

const SNIPPET_CHARS = 240;
/** lunr's separator: whitespace and hyphens. */
const WORD = /[^\s-]+/g;
/** Punctuation at a word's edges is not highlighted. */
const EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const segmenters = new Map<string, Intl.Segmenter>();

/** The word segmenter for a CJK run, by the script it shows (the analyzer picks locales the same way). */
function cjkSegmenter(word: string): Intl.Segmenter {
  const locale = KANA.test(word) ? 'ja' : HANGUL.test(word) ? 'ko' : 'zh';
  let segmenter = segmenters.get(locale);
  if (!segmenter) segmenters.set(locale, (segmenter = new Intl.Segmenter(locale, { granularity: 'word' })));
  return segmenter;
}

/** Character ranges of the words in `text` whose terms are among `matched`. */
export function highlightRanges(text: string, matched: ReadonlySet<string>, termsOf: TermsOfWord): HighlightRange[] {
  const ranges: HighlightRange[] = [];
  if (matched.size === 0) return ranges;
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    // CJK has no spaces: a "word" here can be a whole sentence, so look at its segmented words instead.
    if (CJK.test(word)) {
      for (const piece of cjkSegmenter(word).segment(word)) {
        if (!piece.isWordLike) continue;
        if (termsOf(piece.segment).some((term) => matched.has(term))) {
          const start = match.index + piece.index;
          const end = start + piece.segment.length;
          // Matched words that touch (輸出 + 規制) read as one highlight.
          const previous = ranges.at(-1);
          if (previous?.[1] === start) ranges[ranges.length - 1] = [previous[0], end];
          else ranges.push([start, end]);
        }
      }
      continue;
    }
    if (!termsOf(word).some((term) => matched.has(term))) continue;
    const leading = word.length - word.replace(/^[^\p{L}\p{N}]+/u, '').length;
    const core = word.replace(EDGE, '');
    if (core.length === 0) continue;
    ranges.push([match.index + leading, match.index + leading + core.length]);
  }
  return ranges;
}

/**
 * A plain-text window of about SNIPPET_CHARS around the part of `text` that
 * holds the most distinct matched terms (the lead when nothing matched),
 * with the ranges to highlight relative to the window. Words are never cut.
 */
export function buildSnippet(text: string, matched: ReadonlySet<string>, termsOf: TermsOfWord): Snippet {
  const flat = text.replace(/\s+/g, ' ').trim();
  const ranges = highlightRanges(flat, matched, termsOf);
  if (flat.length <= SNIPPET_CHARS) return { text: flat, highlights: ranges };
  let bestStart = 0;
  let bestScore = -1;
  for (let first = 0; first < ranges.length; first += 1) {
    const start = ranges[first]?.[0] ?? 0;
    const seen = new Set<string>();
    for (let index = first; index < ranges.length; index += 1) {
      const range = ranges[index];
      if (!range || range[1] > start + SNIPPET_CHARS) break;
      seen.add(flat.slice(range[0], range[1]).toLowerCase());
    }
    if (seen.size > bestScore) {
      bestScore = seen.size;
      bestStart = start;
    }
  }
  // Open a little before the first match so it reads in context, at a word boundary.
  let start = Math.max(0, bestStart - 60);
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space >= 0 && space < bestStart ? space + 1 : bestStart;
  }
  let end = Math.min(flat.length, start + SNIPPET_CHARS);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > start) end = space;
  }
  const prefix = start > 0 ? '…' : '';
  const suffix = end < flat.length ? '…' : '';
  const highlights = ranges
    .filter(([from, to]) => from >= start && to <= end)
    .map(([from, to]): HighlightRange => [from - start + prefix.length, to - start + prefix.length]);
  return { text: `${prefix}${flat.slice(start, end)}${suffix}`, highlights };
}
