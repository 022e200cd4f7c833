import type { SegmentReader } from '../SearchDocument.ts';
import { SEARCH_FIELDS } from '../SearchDocument.ts';
import { SealedSegment } from './SealedSegment.ts';
import { SegmentWriter } from './SegmentWriter.ts';

export interface MergeInput {
  readonly segment: SegmentReader;
  /** Segment-local numbers of the documents to leave out. */
  readonly deleted: ReadonlySet<number>;
}

/**
 * One sealed segment holding every document of `inputs` that is not
 * deleted, in input order and renumbered from 0, with postings and positions
 * preserved. Terms are merged as a stream (k-way over each input's sorted
 * terms), so memory holds one term's postings, not the documents. Positions
 * of sealed inputs are copied as bytes; other readers go through positions().
 * A term whose every posting was deleted disappears.
 */
export function mergeSegments(inputs: readonly MergeInput[]): Uint8Array {
  const writer = new SegmentWriter();
  // Old number → new number per input, -1 for deleted documents.
  const renumberings = inputs.map(({ segment, deleted }) => {
    const renumbering = new Int32Array(segment.documentCount);
    for (let document = 0; document < segment.documentCount; document++) {
      if (deleted.has(document)) {
        renumbering[document] = -1;
        continue;
      }
      const lengths = SEARCH_FIELDS.map((_name, field) => segment.fieldLength(document, field));
      renumbering[document] = writer.addDocument(segment.documentId(document), segment.publishedAt(document), lengths);
    }
    return renumbering;
  });

  const sources = inputs.map(({ segment }, index) =>
    segment instanceof SealedSegment
      ? new SealedTermSource(segment, writer, renumberings[index] ?? new Int32Array(0))
      : new ReaderTermSource(segment, writer, renumberings[index] ?? new Int32Array(0)),
  );
  const holding: TermSource[] = [];
  for (;;) {
    // Few inputs are merged at once, so a linear scan for the smallest head beats a heap.
    let smallest: string | undefined;
    for (const source of sources) {
      const term = source.term;
      if (term !== undefined && (smallest === undefined || term < smallest)) smallest = term;
    }
    if (smallest === undefined) break;
    holding.length = 0;
    for (const source of sources) if (source.term === smallest) holding.push(source);
    writer.beginTerm(smallest);
    for (let field = 0; field < SEARCH_FIELDS.length; field++) {
      writer.beginField(field);
      for (const source of holding) source.copyPostings(field);
    }
    writer.endTerm();
    for (const source of holding) source.next();
  }
  return writer.finish();
}

interface TermSource {
  /** The current term, or undefined when the input has no more. */
  readonly term: string | undefined;
  /** Writes the current term's surviving postings in `field`, renumbered. */
  copyPostings(field: number): void;
  next(): void;
}

/** Walks a sealed segment's dictionary by index and copies encoded positions. */
class SealedTermSource implements TermSource {
  term: string | undefined;
  private index = 0;
  private readonly segment: SealedSegment;
  private readonly writer: SegmentWriter;
  private readonly renumbering: Int32Array;

  constructor(segment: SealedSegment, writer: SegmentWriter, renumbering: Int32Array) {
    this.segment = segment;
    this.writer = writer;
    this.renumbering = renumbering;
    this.term = segment.termCount > 0 ? segment.termAt(0) : undefined;
  }

  copyPostings(field: number): void {
    const { writer, renumbering } = this;
    const bytes = this.segment.bytes;
    this.segment.forEachEncodedPosting(this.index, field, (document, termFrequency, start, end) => {
      const renumbered = renumbering[document] ?? -1;
      if (renumbered >= 0) writer.addPostingWithEncodedPositions(renumbered, termFrequency, bytes, start, end);
    });
  }

  next(): void {
    this.index++;
    this.term = this.index < this.segment.termCount ? this.segment.termAt(this.index) : undefined;
  }
}

/** Any SegmentReader (the live segment): its terms() in order, positions one posting at a time. */
class ReaderTermSource implements TermSource {
  term: string | undefined;
  private readonly terms: Iterator<string>;
  private readonly segment: SegmentReader;
  private readonly writer: SegmentWriter;
  private readonly renumbering: Int32Array;

  constructor(segment: SegmentReader, writer: SegmentWriter, renumbering: Int32Array) {
    this.segment = segment;
    this.writer = writer;
    this.renumbering = renumbering;
    this.terms = segment.terms()[Symbol.iterator]();
    this.next();
  }

  copyPostings(field: number): void {
    const { segment, writer, renumbering } = this;
    const term = this.term;
    if (term === undefined) return;
    segment.forEachPosting(term, field, (document, termFrequency) => {
      const renumbered = renumbering[document] ?? -1;
      if (renumbered < 0) return;
      writer.addPosting(renumbered, termFrequency);
      for (const position of segment.positions(term, field, document)) writer.addPosition(position);
    });
  }

  next(): void {
    const result = this.terms.next();
    this.term = result.done === true ? undefined : result.value;
  }
}
