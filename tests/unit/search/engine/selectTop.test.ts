import { describe, expect, it } from 'vitest';
import { selectTop } from '../../../../electron/core/search/engine/selectTop.ts';
import { seededRandom } from '../../../support/seededRandom.ts';

describe('selectTop', () => {
  it('equals sorting everything and taking the first k, ties included', () => {
    const next = seededRandom(7);
    for (let round = 0; round < 50; round += 1) {
      const items = Array.from({ length: 1 + Math.floor(next() * 3000) }, (_, index) => ({
        score: Math.floor(next() * 50),
        index,
      }));
      const compare = (a: (typeof items)[number], b: (typeof items)[number]): number =>
        b.score - a.score || a.index - b.index;
      const count = Math.floor(next() * 60);
      expect(selectTop(items, count, compare)).toEqual([...items].sort(compare).slice(0, count));
    }
  });

  it('returns nothing for a count of zero', () => {
    expect(selectTop([3, 1, 2], 0, (a, b) => a - b)).toEqual([]);
  });
});
