import { describe, expect, it } from 'vitest';
import { parseSrcset, selectSrcsetCandidate } from '../../../../electron/core/extract/images/selectSrcsetCandidate.ts';

function chosen(srcset: string, widthHint: number | null = null): string | null {
  return selectSrcsetCandidate(parseSrcset(srcset), { widthHint })?.url ?? null;
}

describe('parseSrcset', () => {
  it('reads width and density descriptors; no descriptor means 1x', () => {
    expect(parseSrcset(' a.jpg 480w,b.jpg 2x , c.jpg')).toEqual([
      { url: 'a.jpg', width: 480, density: null },
      { url: 'b.jpg', width: null, density: 2 },
      { url: 'c.jpg', width: null, density: 1 },
    ]);
  });

  it('keeps commas inside URLs and strips the ones that end a bare URL', () => {
    expect(parseSrcset('https://cdn.example/i.jpg?w=100,h=50 100w, https://cdn.example/j.jpg,, k.jpg 1.5x')).toEqual([
      { url: 'https://cdn.example/i.jpg?w=100,h=50', width: 100, density: null },
      { url: 'https://cdn.example/j.jpg', width: null, density: 1 },
      { url: 'k.jpg', width: null, density: 1.5 },
    ]);
  });

  it('accepts h beside w and drops candidates with invalid or conflicting descriptors', () => {
    expect(parseSrcset('a.jpg 400w 300h, b.jpg 300h, c.jpg 2x 400w, d.jpg 0w, e.jpg -1x, f.jpg 12q, g.jpg 3x')).toEqual(
      [
        { url: 'a.jpg', width: 400, density: null },
        { url: 'g.jpg', width: null, density: 3 },
      ],
    );
  });

  it('skips over parenthesised descriptors (future syntax) without splitting on their commas', () => {
    expect(parseSrcset('a.jpg 100w (x, y), b.jpg 200w')).toEqual([{ url: 'b.jpg', width: 200, density: null }]);
  });

  it('gives nothing for blank input', () => {
    expect(parseSrcset('  ,  ')).toEqual([]);
  });
});

describe('selectSrcsetCandidate', () => {
  it('picks the widest candidate up to 1600 px, in any order', () => {
    expect(chosen('c-2400.jpg 2400w, a-800.jpg 800w, b-1600.jpg 1600w, d-320.jpg 320w')).toBe('b-1600.jpg');
  });

  it('picks the narrowest when every candidate is wider than 1600 px', () => {
    expect(chosen('big.jpg 4000w, medium.jpg 2000w, large.jpg 3000w')).toBe('medium.jpg');
  });

  it('prefers width descriptors over density ones', () => {
    expect(chosen('dense.jpg 3x, wide.jpg 1200w')).toBe('wide.jpg');
  });

  it('turns densities into widths with the <img width> hint', () => {
    expect(chosen('a.jpg 1x, b.jpg 2x, c.jpg 3x', 600)).toBe('b.jpg');
    expect(chosen('a.jpg 1x, b.jpg 2x, c.jpg 3x', 500)).toBe('c.jpg');
    expect(chosen('a.jpg 1x, b.jpg 2x', 1000)).toBe('a.jpg');
  });

  it('without a hint takes the highest density up to 2x, else the lowest above', () => {
    expect(chosen('a.jpg, b.jpg 2x, c.jpg 3x')).toBe('b.jpg');
    expect(chosen('c.jpg 4x, b.jpg 3x')).toBe('b.jpg');
  });

  it('honours a different maximum width', () => {
    expect(selectSrcsetCandidate(parseSrcset('a 400w, b 800w'), { maxWidth: 500 })?.url).toBe('a');
  });

  it('keeps the first of equal candidates and says null for none', () => {
    expect(chosen('first.jpg 800w, second.jpg 800w')).toBe('first.jpg');
    expect(selectSrcsetCandidate([])).toBeNull();
  });
});
