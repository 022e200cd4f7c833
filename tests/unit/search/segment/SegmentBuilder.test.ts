import { describe, expect, it } from 'vitest';
import type { AnalyzedDocument, AnalyzedField } from '../../../../electron/core/search/SearchDocument.ts';
import { SegmentBuilder } from '../../../../electron/core/search/segment/SegmentBuilder.ts';
import { decodeSegment } from '../../../../electron/core/search/segment/SegmentCodec.ts';

const empty: AnalyzedField = { terms: [], positions: [] };

function document(id: string, text: AnalyzedField, publishedAt: number | null = 1): AnalyzedDocument {
  return {
    id,
    publishedAt,
    fields: { title: empty, author: empty, source: empty, topics: empty, categories: empty, text, notes: empty },
  };
}

describe('SegmentBuilder', () => {
  it('counts term frequency and field length per document', () => {
    const builder = new SegmentBuilder();
    builder.add(document('a', { terms: ['export', 'gallium', 'export'], positions: [0, 2, 7] }));
    builder.add(document('b', { terms: ['gallium'], positions: [4] }, null));
    expect(builder.documentCount).toBe(2);
    const segment = decodeSegment(builder.encode(), 'small');
    const found: [number, number][] = [];
    segment.forEachPosting('export', 5, (number, frequency) => found.push([number, frequency]));
    expect(found).toEqual([[0, 2]]);
    expect(segment.positions('export', 5, 0)).toEqual([0, 7]);
    expect(segment.positions('gallium', 5, 1)).toEqual([4]);
    expect(segment.documentFrequency('gallium', 5)).toBe(2);
    expect(segment.documentFrequency('gallium', 0)).toBe(0);
    expect(segment.fieldLength(0, 5)).toBe(3);
    expect(segment.totalFieldLength(5)).toBe(4);
    expect(segment.publishedAt(1)).toBeNull();
    expect(segment.stats()).toEqual({ terms: 2, postings: 3 });
  });

  it('keeps working after encode', () => {
    const builder = new SegmentBuilder();
    builder.add(document('a', { terms: ['one'], positions: [0] }));
    const first = builder.encode();
    builder.add(document('b', { terms: ['one'], positions: [0] }));
    expect(decodeSegment(first, 'first').documentCount).toBe(1);
    expect(decodeSegment(builder.encode(), 'second').documentFrequency('one', 5)).toBe(2);
  });

  it.each([
    ['terms and positions of different lengths', document('x', { terms: ['a', 'b'], positions: [0] }), /2 terms but 1/],
    ['positions going back', document('x', { terms: ['a', 'b'], positions: [3, 1] }), /position 1 after 3/],
    ['a negative position', document('x', { terms: ['a'], positions: [-1] }), /position -1/],
    ['a position past u32', document('x', { terms: ['a'], positions: [2 ** 32] }), /position 4294967296/],
    ['a term with a lone surrogate', document('x', { terms: ['\uD800'], positions: [0] }), /lone surrogate/],
    ['an id with a lone surrogate', document('x\uDC00', empty), /document id .* has a lone surrogate/],
    ['publishedAt NaN', document('x', empty, Number.NaN), /publishedAt NaN/],
  ])('rejects %s', (_what, bad, message) => {
    const builder = new SegmentBuilder();
    expect(() => builder.add(bad)).toThrow(message);
    expect(builder.documentCount).toBe(0);
  });
});
