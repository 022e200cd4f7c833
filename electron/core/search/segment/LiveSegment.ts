import type { AnalyzedDocument, SegmentReader } from '../SearchDocument.ts';
import type { SegmentStats } from './SealedSegment.ts';
import { SegmentBuilder } from './SegmentBuilder.ts';

const NO_POSITIONS: readonly number[] = Object.freeze([]);

/**
 * The mutable in-memory segment that takes newly ingested articles: a
 * SegmentBuilder read as a SegmentReader while documents keep arriving, and
 * sealed with encode() when it has grown enough. Sized for a few thousand
 * documents; lookups are Map gets and scans of one posting list.
 */
export class LiveSegment implements SegmentReader {
  private readonly builder = new SegmentBuilder();

  get documentCount(): number {
    return this.builder.documentCount;
  }

  add(document: AnalyzedDocument): number {
    return this.builder.add(document);
  }

  /** The sealed form of every document added so far (same format as SegmentBuilder.encode). */
  encode(): Uint8Array {
    return this.builder.encode();
  }

  stats(): SegmentStats {
    return { terms: this.builder.termCount, postings: this.builder.postingCount };
  }

  documentId(document: number): string {
    return this.builder.documentId(document);
  }

  publishedAt(document: number): number | null {
    return this.builder.publishedAt(document);
  }

  fieldLength(document: number, field: number): number {
    return this.builder.fieldLength(document, field);
  }

  totalFieldLength(field: number): number {
    return this.builder.totalFieldLength(field);
  }

  hasTerm(term: string): boolean {
    return this.builder.hasTerm(term);
  }

  documentFrequency(term: string, field: number): number {
    return this.builder.postingList(term, field)?.documentCount ?? 0;
  }

  terms(): Iterable<string> {
    return this.builder.sortedTerms().values();
  }

  termsWithPrefix(prefix: string): Iterable<string> {
    const terms = this.builder.sortedTerms();
    let low = 0;
    let high = terms.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((terms[middle] ?? '') < prefix) low = middle + 1;
      else high = middle;
    }
    let end = low;
    while (end < terms.length && (terms[end] ?? '').startsWith(prefix)) end++;
    return terms.slice(low, end);
  }

  forEachPosting(term: string, field: number, visit: (document: number, termFrequency: number) => void): void {
    const list = this.builder.postingList(term, field);
    if (list === undefined) return;
    // Read the length once: a visitor that adds documents must not see postings added during the walk.
    const { records, length } = list;
    let offset = 0;
    while (offset < length) {
      const termFrequency = records[offset + 1] ?? 0;
      visit(records[offset] ?? 0, termFrequency);
      offset += 2 + termFrequency;
    }
  }

  positions(term: string, field: number, document: number): readonly number[] {
    const list = this.builder.postingList(term, field);
    if (list === undefined) return NO_POSITIONS;
    const offset = list.find(document);
    if (offset < 0) return NO_POSITIONS;
    const start = offset + 2;
    return Array.from(list.records.subarray(start, start + (list.records[offset + 1] ?? 0)));
  }
}
