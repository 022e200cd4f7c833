import { describe, expect, it } from 'vitest';
import type { AnalyzedDocument } from '../../../../electron/core/search/SearchDocument.ts';
import { LiveSegment } from '../../../../electron/core/search/segment/LiveSegment.ts';
import { mergeSegments } from '../../../../electron/core/search/segment/mergeSegments.ts';
import { SegmentBuilder } from '../../../../electron/core/search/segment/SegmentBuilder.ts';
import { decodeSegment } from '../../../../electron/core/search/segment/SegmentCodec.ts';
import { generateDocuments } from './generateDocuments.ts';
import { seededRandom } from '../../../support/seededRandom.ts';
import { createProbes, readAnswers } from './readAnswers.ts';
import { ReferenceSegment } from './ReferenceSegment.ts';

function sealed(documents: readonly AnalyzedDocument[], label: string) {
  const builder = new SegmentBuilder();
  for (const document of documents) builder.add(document);
  return decodeSegment(builder.encode(), label);
}

describe('mergeSegments', () => {
  it.each([31, 32, 33])('keeps every surviving document of 3 segments, in order (seed %i)', (seed) => {
    const random = seededRandom(seed);
    // Different vocabularies per input, so terms occur in one, two or all three.
    const parts = [
      generateDocuments({ seed, documents: 120 }),
      generateDocuments({ seed: seed + 100, documents: 90, vocabulary: 2000 }),
      generateDocuments({ seed: seed + 200, documents: 70, vocabulary: 500 }),
    ];
    const live = new LiveSegment();
    for (const document of parts[2] ?? []) live.add(document);
    const segments = [sealed(parts[0] ?? [], 'first'), sealed(parts[1] ?? [], 'second'), live];
    const deletions = parts.map(
      (part) => new Set(part.flatMap((_document, number) => (random() < 0.25 ? [number] : []))),
    );
    const merged = decodeSegment(
      mergeSegments(segments.map((segment, index) => ({ segment, deleted: deletions[index] ?? new Set() }))),
      'merged',
    );
    const survivors = parts.flatMap((part, index) =>
      part.filter((_document, number) => !deletions[index]?.has(number)),
    );
    const reference = new ReferenceSegment(survivors);
    const probes = createProbes(reference, seed);
    expect(readAnswers(merged, probes)).toEqual(readAnswers(reference, probes));
    // Terms found only in deleted documents are gone.
    for (const term of [...sealed(parts[0] ?? [], 'again').terms()]) {
      expect(merged.hasTerm(term)).toBe(reference.hasTerm(term));
    }
  });

  it('merges the same as building one segment from the same documents', () => {
    const documents = generateDocuments({ seed: 40, documents: 150 });
    const builder = new SegmentBuilder();
    for (const document of documents) builder.add(document);
    const merged = mergeSegments([
      { segment: sealed(documents.slice(0, 50), 'a'), deleted: new Set() },
      { segment: sealed(documents.slice(50, 51), 'b'), deleted: new Set() },
      { segment: sealed(documents.slice(51), 'c'), deleted: new Set() },
    ]);
    expect(merged).toEqual(builder.encode());
  });

  it('gives an empty segment when nothing survives', () => {
    const documents = generateDocuments({ seed: 41, documents: 10 });
    const everything = new Set(documents.map((_document, number) => number));
    const merged = decodeSegment(mergeSegments([{ segment: sealed(documents, 'gone'), deleted: everything }]), 'empty');
    expect(merged.documentCount).toBe(0);
    expect([...merged.terms()]).toEqual([]);
    expect(decodeSegment(mergeSegments([]), 'none').documentCount).toBe(0);
  });
});
