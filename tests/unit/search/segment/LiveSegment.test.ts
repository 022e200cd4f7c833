import { describe, expect, it } from 'vitest';
import { LiveSegment } from '../../../../electron/core/search/segment/LiveSegment.ts';
import { decodeSegment } from '../../../../electron/core/search/segment/SegmentCodec.ts';
import { generateDocuments } from './generateDocuments.ts';
import { createProbes, readAnswers } from './readAnswers.ts';
import { ReferenceSegment } from './ReferenceSegment.ts';

describe('LiveSegment', () => {
  it.each([21, 22, 23])('answers like the reference while documents arrive (seed %i)', (seed) => {
    const documents = generateDocuments({ seed, documents: 200 });
    const live = new LiveSegment();
    const checkpoints = new Set([1, 2, 10, 57, 120, 200]);
    documents.forEach((document, number) => {
      expect(live.add(document)).toBe(number);
      if (!checkpoints.has(number + 1)) return;
      const reference = new ReferenceSegment(documents.slice(0, number + 1));
      const probes = createProbes(reference, seed + number);
      expect(readAnswers(live, probes)).toEqual(readAnswers(reference, probes));
    });
    const reference = new ReferenceSegment(documents);
    const probes = createProbes(reference, seed);
    expect(readAnswers(decodeSegment(live.encode(), 'sealed live'), probes)).toEqual(readAnswers(reference, probes));
  });

  it('sees new terms in terms() and termsWithPrefix() after an add', () => {
    const [first, second] = generateDocuments({ seed: 4, documents: 2 });
    if (first === undefined || second === undefined) throw new Error('generator gave too few documents');
    const live = new LiveSegment();
    live.add(first);
    const before = [...live.terms()];
    live.add(second);
    const reference = new ReferenceSegment([first, second]);
    expect([...live.terms()]).toEqual([...reference.terms()]);
    expect([...live.terms()].length).toBeGreaterThan(before.length);
    expect([...live.termsWithPrefix('a')]).toEqual([...reference.termsWithPrefix('a')]);
  });

  it('rejects a bad document without recording any of it', () => {
    const [document] = generateDocuments({ seed: 8, documents: 1 });
    if (document === undefined) throw new Error('generator gave no document');
    const live = new LiveSegment();
    const broken = {
      ...document,
      fields: { ...document.fields, text: { terms: ['late', 'early'], positions: [5, 2] } },
    };
    expect(() => live.add(broken)).toThrow(/SegmentBuilder: document ".*" field text has position 2 after 5/);
    expect(live.documentCount).toBe(0);
    expect([...live.terms()]).toEqual([]);
    expect(live.stats()).toEqual({ terms: 0, postings: 0 });
  });
});
