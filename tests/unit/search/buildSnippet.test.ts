import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../electron/core/search/analysis/Analyzer.ts';
import { buildSnippet, highlightRanges } from '../../../electron/core/search/buildSnippet.ts';

const analyzer = new Analyzer();
const termsOf = (word: string): readonly string[] => analyzer.analyzeQueryText(word).terms;
const marked = (text: string, ranges: readonly (readonly [number, number])[]): string[] =>
  ranges.map(([start, end]) => text.slice(start, end));

describe('highlightRanges', () => {
  it('marks every form of a matched stem, without edge punctuation', () => {
    const text = 'Exports rose; exporters said "export" curbs (exported) bite.';
    const ranges = highlightRanges(text, new Set(termsOf('export')), termsOf);
    expect(marked(text, ranges)).toEqual(['Exports', 'exporters', 'export', 'exported']);
  });

  it('marks only the matched words inside unspaced CJK text', () => {
    const text = '日本の経済産業省は半導体の輸出規制を発表した。';
    const ranges = highlightRanges(text, new Set(termsOf('輸出規制')), termsOf);
    expect(marked(text, ranges)).toEqual(['輸出規制']);
  });
});

describe('buildSnippet', () => {
  it('opens a window on the densest matches, never cutting words, with ranges relative to it', () => {
    const filler = 'Markets were quiet and traders waited for news from the ministry. '.repeat(12);
    const text = `${filler}Gallium prices jumped after the gallium export licences were cut. ${filler}`;
    const snippet = buildSnippet(text, new Set(termsOf('gallium')), termsOf);
    expect(snippet.text.length).toBeLessThanOrEqual(242);
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(marked(snippet.text, snippet.highlights)).toEqual(['Gallium', 'gallium']);
  });

  it('returns the lead when nothing matched', () => {
    const snippet = buildSnippet('Short text.', new Set(), termsOf);
    expect(snippet).toEqual({ text: 'Short text.', highlights: [] });
  });
});
