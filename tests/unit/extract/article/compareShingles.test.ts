import { describe, expect, it } from 'vitest';
import { compareShingles, shingleCounts, tokenize } from '../../../../electron/core/extract/article/compareShingles.ts';
import { countWords } from '../../../../electron/core/extract/article/countWords.ts';

describe('compareShingles (the Zyte benchmark measure)', () => {
  it('tokenizes like Python’s \\w+: letters, digits and underscores of any script', () => {
    expect(tokenize("It's 4.5% — naïve_café, Москва 東京!")).toEqual([
      'It',
      's',
      '4',
      '5',
      'naïve_café',
      'Москва',
      '東京',
    ]);
  });

  it('counts 4-token shingles as multisets', () => {
    expect(compareShingles('a b c d e', 'a b c d e')).toEqual({ shared: 2, extra: 0, missing: 0 });
    expect(compareShingles('a b c d e', 'a b c d x')).toEqual({ shared: 1, extra: 1, missing: 1 });
    expect(compareShingles('a b c d', 'a b c d a b c d')).toEqual({ shared: 1, extra: 4, missing: 0 });
  });

  it('treats a text shorter than four tokens as one shingle, and empty text as none', () => {
    expect([...shingleCounts('one two')]).toEqual([['one two', 1]]);
    expect(shingleCounts('').size).toBe(0);
    expect(compareShingles('', 'one two three four')).toEqual({ shared: 0, extra: 1, missing: 0 });
  });
});

describe('countWords', () => {
  it('counts spaced words, and two ideographs or kana as a word', () => {
    expect(countWords('Copper shipments resume')).toBe(3);
    expect(countWords('人工智能公司')).toBe(3);
    expect(countWords('DeepMind开发出')).toBe(3);
  });
});
