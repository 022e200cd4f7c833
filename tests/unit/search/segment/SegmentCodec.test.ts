import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { SegmentReader } from '../../../../electron/core/search/SearchDocument.ts';
import { SEARCH_FIELDS } from '../../../../electron/core/search/SearchDocument.ts';
import { SealedSegment } from '../../../../electron/core/search/segment/SealedSegment.ts';
import { SegmentBuilder } from '../../../../electron/core/search/segment/SegmentBuilder.ts';
import { decodeSegment, SEGMENT_FORMAT_VERSION } from '../../../../electron/core/search/segment/SegmentCodec.ts';
import { SegmentFormatError } from '../../../../electron/core/search/segment/SegmentFormatError.ts';
import { generateDocuments } from './generateDocuments.ts';
import { seededRandom } from '../../../support/seededRandom.ts';
import { createProbes, readAnswers } from './readAnswers.ts';
import { ReferenceSegment } from './ReferenceSegment.ts';

function build(seed: number, documents: number): { bytes: Uint8Array; reference: ReferenceSegment } {
  const generated = generateDocuments({ seed, documents });
  const builder = new SegmentBuilder();
  generated.forEach((document, number) => {
    expect(builder.add(document)).toBe(number);
  });
  return { bytes: builder.encode(), reference: new ReferenceSegment(generated) };
}

function rejection(bytes: Uint8Array, label = 'segment 12'): SegmentFormatError {
  try {
    decodeSegment(bytes, label);
  } catch (error) {
    if (error instanceof SegmentFormatError) return error;
    throw error;
  }
  throw new Error('expected decodeSegment to throw a SegmentFormatError');
}

/** Asks a decoded segment everything; only SegmentFormatError may come out of a corrupt one. */
function exercise(segment: SegmentReader): void {
  for (let document = 0; document < segment.documentCount; document++) {
    segment.documentId(document);
    segment.publishedAt(document);
    for (let field = 0; field < SEARCH_FIELDS.length; field++) segment.fieldLength(document, field);
  }
  for (const term of segment.terms()) {
    segment.hasTerm(term);
    Array.from(segment.termsWithPrefix(term.slice(0, 1)));
    for (let field = 0; field < SEARCH_FIELDS.length; field++) {
      segment.documentFrequency(term, field);
      segment.forEachPosting(term, field, (document) => {
        segment.positions(term, field, document);
      });
      segment.positions(term, field, 0);
    }
  }
}

describe('SegmentCodec: round trip', () => {
  it.each([1, 2, 3, 4, 5])('answers like the reference after encode and decode (seed %i)', (seed) => {
    const { bytes, reference } = build(seed, 300);
    const segment = decodeSegment(bytes, `seed ${seed}`);
    const probes = createProbes(reference, seed);
    expect(readAnswers(segment, probes)).toEqual(readAnswers(reference, probes));
    expect(segment.byteLength).toBe(bytes.length);
    let postings = 0;
    for (const term of reference.terms()) {
      for (let field = 0; field < SEARCH_FIELDS.length; field++) postings += reference.documentFrequency(term, field);
    }
    expect(segment.stats()).toEqual({ terms: [...reference.terms()].length, postings });
  });

  it('encodes the same documents to the same bytes', () => {
    expect(build(9, 40).bytes).toEqual(build(9, 40).bytes);
  });

  it('reads bytes in place, at any offset of a larger buffer', () => {
    const { bytes, reference } = build(6, 50);
    const larger = new Uint8Array(bytes.length + 11);
    larger.set(bytes, 3);
    const segment = decodeSegment(larger.subarray(3, 3 + bytes.length), 'offset');
    expect(segment.bytes.buffer).toBe(larger.buffer);
    const probes = createProbes(reference, 6);
    expect(readAnswers(segment, probes)).toEqual(readAnswers(reference, probes));
  });

  it('round-trips an empty segment', () => {
    const segment = decodeSegment(new SegmentBuilder().encode(), 'empty');
    expect(segment.documentCount).toBe(0);
    expect([...segment.terms()]).toEqual([]);
    expect([...segment.termsWithPrefix('')]).toEqual([]);
    expect(segment.hasTerm('')).toBe(false);
    expect(segment.totalFieldLength(0)).toBe(0);
    expect(segment.stats()).toEqual({ terms: 0, postings: 0 });
  });

  it('orders astral-plane terms before U+E000–U+FFFF terms, as JS does', () => {
    const builder = new SegmentBuilder();
    const terms = ['\uFB01x', '𝒳', 'z', '\uFFFD', '😀', ''];
    builder.add({
      id: 'ordering',
      publishedAt: null,
      fields: {
        title: { terms, positions: terms.map((_term, index) => index) },
        author: { terms: [], positions: [] },
        source: { terms: [], positions: [] },
        topics: { terms: [], positions: [] },
        categories: { terms: [], positions: [] },
        text: { terms: [], positions: [] },
        notes: { terms: [], positions: [] },
      },
    });
    const segment = decodeSegment(builder.encode(), 'ordering');
    expect([...segment.terms()]).toEqual([...terms].sort());
    expect([...segment.terms()]).toEqual(['', 'z', '𝒳', '😀', '\uFB01x', '\uFFFD']);
    for (const term of terms) expect(segment.hasTerm(term)).toBe(true);
    expect([...segment.termsWithPrefix('\uD835')]).toEqual(['𝒳']);
    expect(segment.positions('😀', 0, 0)).toEqual([4]);
  });

  it('throws RangeError naming the segment for a document it does not have', () => {
    const segment = decodeSegment(build(3, 5).bytes, 'segment 4');
    expect(() => segment.documentId(5)).toThrow(/SealedSegment: segment 4 has no document 5/);
    expect(() => segment.fieldLength(0, SEARCH_FIELDS.length)).toThrow(RangeError);
  });
});

describe('SegmentCodec: damaged bytes', () => {
  const { bytes } = build(11, 20);

  it('rejects the wrong magic', () => {
    const damaged = bytes.slice();
    damaged[0] = 0x50; // 'P'
    const error = rejection(damaged);
    expect(error.code).toBe('magic');
    expect(error.message).toMatch(/^SegmentCodec: segment 12 is not a segment/);
    expect(rejection(new TextEncoder().encode('{"version":"2.3.9","fields":[]}')).code).toBe('magic');
  });

  it('rejects another format version, naming both versions', () => {
    const damaged = bytes.slice();
    new DataView(damaged.buffer).setUint16(6, SEGMENT_FORMAT_VERSION + 1, true);
    const error = rejection(damaged);
    expect(error.code).toBe('version');
    expect(error.foundVersion).toBe(SEGMENT_FORMAT_VERSION + 1);
    expect(error.message).toBe('SegmentCodec: segment 12 has format version 2, expected 1');
  });

  it('rejects every truncation as corrupt', () => {
    for (let length = 0; length < bytes.length; length++) {
      const error = rejection(bytes.subarray(0, length), 'truncated');
      expect(error.code).toBe('corrupt');
      expect(error.message).toMatch(/^SegmentCodec: truncated is corrupt \(/);
    }
  });

  it('rejects a flipped bit anywhere (magic, version, or corrupt by checksum or length)', () => {
    const random = seededRandom(5);
    for (let offset = 0; offset < bytes.length; offset++) {
      const damaged = bytes.slice();
      damaged[offset] = (damaged[offset] ?? 0) ^ (1 << Math.floor(random() * 8));
      const error = rejection(damaged);
      expect(error.code).toBe(offset < 6 ? 'magic' : offset < 8 ? 'version' : 'corrupt');
      expect(error.message).toContain('segment 12');
    }
    const damaged = bytes.slice();
    damaged[200] = (damaged[200] ?? 0) ^ 4;
    expect(rejection(damaged).message).toBe('SegmentCodec: segment 12 is corrupt (checksum mismatch)');
  });

  it('throws only SegmentFormatError for random bytes', () => {
    const random = seededRandom(17);
    for (let round = 0; round < 2000; round++) {
      const garbage = new Uint8Array(Math.floor(random() * 300));
      for (let index = 0; index < garbage.length; index++) garbage[index] = Math.floor(random() * 256);
      if (round % 2 === 0) garbage.set(bytes.subarray(0, Math.min(8, garbage.length))); // get past magic and version
      expect(rejection(garbage)).toBeInstanceOf(SegmentFormatError);
    }
  });

  it('survives damage that a recomputed checksum hides: SegmentFormatError or consistent answers', () => {
    // A broken writer would produce exactly this: valid checksum, wrong contents.
    const { bytes: larger } = build(12, 25);
    const random = seededRandom(23);
    let decoded = 0;
    for (let round = 0; round < 1000; round++) {
      const damaged = larger.slice();
      const flips = 1 + Math.floor(random() * 3);
      for (let flip = 0; flip < flips; flip++) {
        const offset = 8 + Math.floor(random() * (damaged.length - 12));
        damaged[offset] = round % 3 === 0 ? Math.floor(random() * 256) : (damaged[offset] ?? 0) ^ (1 << (round % 8));
      }
      new DataView(damaged.buffer).setUint32(damaged.length - 4, crc32(damaged.subarray(0, damaged.length - 4)), true);
      try {
        exercise(decodeSegment(damaged, 'resealed'));
        decoded++;
      } catch (error) {
        expect(error).toBeInstanceOf(SegmentFormatError);
        expect((error as SegmentFormatError).code).toBe('corrupt');
        expect((error as Error).message).toMatch(/^SegmentCodec: resealed is corrupt \(/);
      }
    }
    // Most damage lands in postings and positions, which decode lazily; some of it stays readable.
    expect(decoded).toBeGreaterThan(0);
  });
});

describe('SealedSegment', () => {
  it('is what decodeSegment returns', () => {
    expect(decodeSegment(build(2, 3).bytes, 'x')).toBeInstanceOf(SealedSegment);
  });
});
