import { tokenize } from './compareShingles.ts';

const ideographic = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

/**
 * Words in a text, for lengths and thresholds. Chinese and Japanese are
 * written without spaces, so a whole sentence is one `\w+` token; there,
 * every two ideographs or kana count as a word (a rough but steady measure
 * that keeps "short block" rules from firing on long CJK paragraphs).
 */
export function countWords(text: string): number {
  let words = 0;
  for (const token of tokenize(text)) {
    const ideographs = token.match(ideographic)?.length ?? 0;
    words += ideographs === 0 ? 1 : Math.max(1, Math.ceil(ideographs / 2)) + (token.length - ideographs > 0 ? 1 : 0);
  }
  return words;
}
