import type { CjkLocale } from './normalizeLanguage.ts';

/**
 * Characters written without spaces between words. Script_Extensions rather
 * than Script, so the marks these scripts share stay in the run: the
 * prolonged sound mark in コンピューター, 々, 、 and 。 (Script=Common). But
 * not the few that Latin, Greek or Cyrillic text shares too (the middle dot
 * U+00B7, two combining marks, Chinese tone letters): "a·b" is not CJK.
 */
const CJK_CHARACTER =
  /(?![\p{scx=Latin}\p{scx=Greek}\p{scx=Cyrillic}])[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/u;
const CJK_RUN = new RegExp(`(?:${CJK_CHARACTER.source})+`, 'gu');
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export interface CjkTokenPiece {
  readonly text: string;
  /** True for a word found by Intl.Segmenter in a CJK run (a term as is); false for the text between runs. */
  readonly segmented: boolean;
}

const segmenters = new Map<CjkLocale, Intl.Segmenter>();

export function containsCjk(token: string): boolean {
  return CJK_CHARACTER.test(token);
}

/**
 * Splits one whitespace-delimited token that holds CJK text into words, in
 * order: each CJK run is segmented with Intl.Segmenter (its word-like
 * segments only), and the text between runs is returned whole when it has a
 * letter or digit ("稀土export" → 稀土, export). Punctuation between runs is
 * not a word, like the segmenter's own punctuation segments.
 */
export function splitCjkToken(token: string, locale: CjkLocale | null): CjkTokenPiece[] {
  const pieces: CjkTokenPiece[] = [];
  let end = 0;
  for (const match of token.matchAll(CJK_RUN)) {
    pushBetween(pieces, token.slice(end, match.index));
    const run = match[0];
    for (const segment of segmenterFor(locale ?? runLocale(run)).segment(run)) {
      if (segment.isWordLike === true) pieces.push({ text: segment.segment, segmented: true });
    }
    end = match.index + run.length;
  }
  pushBetween(pieces, token.slice(end));
  return pieces;
}

function pushBetween(pieces: CjkTokenPiece[], text: string): void {
  if (LETTER_OR_DIGIT.test(text)) pieces.push({ text, segmented: false });
}

/** Kana means Japanese (kanji included); Hangul means Korean; Han alone is read as Chinese. */
function runLocale(run: string): CjkLocale {
  if (KANA.test(run)) return 'ja';
  if (HANGUL.test(run)) return 'ko';
  return 'zh';
}

function segmenterFor(locale: CjkLocale): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}
