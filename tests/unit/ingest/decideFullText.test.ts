import { describe, expect, it } from 'vitest';
import { decideFullText, FULL_TEXT_WORD_THRESHOLD } from '../../../electron/core/ingest/Ingest.ts';

const SHORT = FULL_TEXT_WORD_THRESHOLD - 1;
const LONG = FULL_TEXT_WORD_THRESHOLD;
const SEPARATOR = ' \n\t ';

/** An item whose text is `count` words, spread over lines and extra spaces as feeds deliver them. */
function item(count: number): { text: string } {
  const words = Array.from({ length: count }, (_, index) => `word${index}`);
  return { text: `  ${words.join(SEPARATOR)}\n` };
}

describe('decideFullText', () => {
  it.each([
    ['no items yet: undecided', [], 'auto'],
    ['one teaser', [SHORT], 'on'],
    ['one item exactly at the threshold', [LONG], 'off'],
    ['one empty item', [0], 'on'],
    ['mostly teasers, one long article', [12, 2000, 30], 'on'],
    ['mostly whole articles, one teaser', [12, 2000, 800], 'off'],
    ['the median, not the mean: one huge article among teasers', [5, 5, 5, 5, 100_000], 'on'],
    ['the median, not the mean: one empty item among articles', [0, LONG, LONG], 'off'],
    ['an even count takes the lower middle (a tie leans to fetching pages)', [SHORT, LONG], 'on'],
    ['an even count with both middles long', [SHORT, LONG, LONG, LONG], 'off'],
    ['order does not matter', [LONG, 3, LONG, 7, 9], 'on'],
  ] as const)('%s', (_name, counts, expected) => {
    expect(decideFullText(counts.map(item))).toBe(expected);
  });

  it('counts words, not characters or lines', () => {
    expect(decideFullText([{ text: 'x'.repeat(10 * LONG) }])).toBe('on');
    expect(decideFullText([{ text: 'a\n'.repeat(LONG) }])).toBe('off');
  });
});
