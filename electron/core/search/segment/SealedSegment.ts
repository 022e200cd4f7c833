import { Buffer } from 'node:buffer';
import type { SegmentReader } from '../SearchDocument.ts';
import { SEARCH_FIELDS } from '../SearchDocument.ts';
import { ByteReader } from './ByteReader.ts';
import { compareUtf8, startsWithUtf8 } from './compareUtf8.ts';
import { isWellFormed } from './isWellFormed.ts';
import type { SegmentLayout } from './SegmentCodec.ts';
import { TERM_ENTRY_BYTES } from './SegmentCodec.ts';

export interface SegmentStats {
  readonly terms: number;
  readonly postings: number;
}

const NO_POSITIONS: readonly number[] = Object.freeze([]);
/** Position cursors kept per segment: enough for the terms of one phrase query. */
const CURSOR_SLOTS = 8;

/**
 * A sealed segment read in place from its bytes (see SegmentCodec.ts); get
 * one from decodeSegment, which checks the tables first.
 *
 * Terms are looked up by binary search over the UTF-8 dictionary itself:
 * the query term is encoded once and compared byte-wise in JS code-unit
 * order, so no decoded term strings are kept (a sorted string array would
 * cost about 50 bytes of heap per term, ~50 MB at a million terms, for no
 * measurable gain in lookup time). Only terms(), termsWithPrefix() and
 * documentId() decode, and only what they return.
 */
export class SealedSegment implements SegmentReader {
  readonly label: string;
  readonly documentCount: number;
  /** The segment's bytes; mergeSegments copies encoded positions out of them. */
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly text: Buffer;
  private readonly layout: SegmentLayout;
  private queryBytes = Buffer.alloc(256);
  private readonly headerReader: ByteReader;
  // Filled by locate(): the (term, field) block last located.
  private blockCount = 0;
  private blockStart = 0;
  private blockEnd = 0;
  private blockPositionsStart = 0;
  private blockPositionsEnd = 0;
  private readonly cursors: PositionCursor[] = [];
  private nextCursorSlot = 0;

  constructor(bytes: Uint8Array, layout: SegmentLayout, label: string) {
    this.bytes = bytes;
    this.layout = layout;
    this.label = label;
    this.documentCount = layout.documentCount;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.headerReader = new ByteReader(bytes, 0, 0, label);
  }

  get byteLength(): number {
    return this.bytes.byteLength;
  }

  get termCount(): number {
    return this.layout.termCount;
  }

  stats(): SegmentStats {
    return { terms: this.layout.termCount, postings: this.layout.postingCount };
  }

  documentId(document: number): string {
    this.checkDocument(document);
    const offsets = this.layout.idOffsets + document * 4;
    const start = this.view.getUint32(offsets, true);
    const end = this.view.getUint32(offsets + 4, true);
    return this.text.toString('utf8', this.layout.idBytes + start, this.layout.idBytes + end);
  }

  publishedAt(document: number): number | null {
    this.checkDocument(document);
    const value = this.view.getFloat64(this.layout.publishedAt + document * 8, true);
    return Number.isNaN(value) ? null : value;
  }

  fieldLength(document: number, field: number): number {
    this.checkDocument(document);
    this.checkField(field);
    return this.view.getUint32(this.layout.fieldLengths + (document * this.layout.fieldCount + field) * 4, true);
  }

  totalFieldLength(field: number): number {
    this.checkField(field);
    return this.view.getFloat64(this.layout.totals + field * 8, true);
  }

  hasTerm(term: string): boolean {
    return this.findTerm(term) >= 0;
  }

  documentFrequency(term: string, field: number): number {
    this.checkField(field);
    const index = this.findTerm(term);
    return index >= 0 && this.locate(index, field) ? this.blockCount : 0;
  }

  *terms(): Generator<string> {
    for (let index = 0; index < this.layout.termCount; index++) yield this.termAt(index);
  }

  termsWithPrefix(prefix: string): Iterable<string> {
    if (!isWellFormed(prefix)) return this.termsWithBrokenPrefix(prefix);
    const length = this.encodeQuery(prefix);
    const first = this.lowerBound(length);
    // Terms sharing a prefix are contiguous; find the end of the run by binary search too.
    let low = first;
    let high = this.layout.termCount;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (startsWithUtf8(this.bytes, this.termStart(middle), this.termStart(middle + 1), this.queryBytes, length)) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return this.termRange(first, low);
  }

  forEachPosting(term: string, field: number, visit: (document: number, termFrequency: number) => void): void {
    this.checkField(field);
    const index = this.findTerm(term);
    if (index < 0 || !this.locate(index, field)) return;
    this.decodePostings(this.blockCount, this.blockStart, this.blockEnd, term, field, visit);
  }

  positions(term: string, field: number, document: number): readonly number[] {
    this.checkField(field);
    let cursor = this.cursors.find((candidate) => candidate.term === term && candidate.field === field);
    if (cursor === undefined) {
      const index = this.findTerm(term);
      if (index < 0 || !this.locate(index, field)) return NO_POSITIONS;
      cursor = this.cursors[this.nextCursorSlot];
      if (cursor === undefined) {
        cursor = new PositionCursor(this.bytes, this.label, this.documentCount);
        this.cursors.push(cursor);
      }
      this.nextCursorSlot = (this.nextCursorSlot + 1) % CURSOR_SLOTS;
      cursor.reset(
        term,
        field,
        this.blockCount,
        this.blockStart,
        this.blockEnd,
        this.blockPositionsStart,
        this.blockPositionsEnd,
      );
    }
    return cursor.positionsOf(document);
  }

  /** The term at `index` in dictionary order (for merges). */
  termAt(index: number): string {
    return this.text.toString('utf8', this.termStart(index), this.termStart(index + 1));
  }

  /**
   * For merges: each posting of the term at `termIndex` in `field`, with the
   * byte range in `bytes` of its encoded positions, so they can be copied.
   */
  forEachEncodedPosting(
    termIndex: number,
    field: number,
    visit: (document: number, termFrequency: number, positionsStart: number, positionsEnd: number) => void,
  ): void {
    this.checkField(field);
    if (!(termIndex >= 0 && termIndex < this.layout.termCount) || !this.locate(termIndex, field)) return;
    const positions = new ByteReader(this.bytes, this.blockPositionsStart, this.blockPositionsEnd, this.label);
    this.decodePostings(this.blockCount, this.blockStart, this.blockEnd, '', field, (document, termFrequency) => {
      const start = positions.offset;
      positions.skipVarints(termFrequency);
      visit(document, termFrequency, start, positions.offset);
    });
  }

  private decodePostings(
    count: number,
    start: number,
    end: number,
    term: string,
    field: number,
    visit: (document: number, termFrequency: number) => void,
  ): void {
    const reader = new ByteReader(this.bytes, start, end, this.label);
    const documentCount = this.documentCount;
    const name = SEARCH_FIELDS[field] ?? field;
    let document = -1;
    for (let index = 0; index < count; index++) {
      const code = reader.readVarint();
      let termFrequency = 1;
      if ((code & 1) === 0) {
        termFrequency = reader.readVarint();
        if (termFrequency === 0) throw reader.corrupt(`term "${term}" field ${name} has a posting with frequency 0`);
      }
      // code = (gap - 1) * 2 + (termFrequency === 1); it may exceed 32 bits, so no shifts.
      document += (code - (code & 1)) / 2 + 1;
      if (document >= documentCount) {
        throw reader.corrupt(`term "${term}" field ${name} has a posting for document ${document} of ${documentCount}`);
      }
      visit(document, termFrequency);
    }
    if (reader.offset !== end) throw reader.corrupt(`term "${term}" field ${name} has bytes after its postings`);
  }

  /** Index of `term` in the dictionary, or -1. */
  private findTerm(term: string): number {
    if (!isWellFormed(term)) return -1; // every stored term is; this one cannot be among them
    const length = this.encodeQuery(term);
    const index = this.lowerBound(length);
    if (index >= this.layout.termCount) return -1;
    const start = this.termStart(index);
    const end = this.termStart(index + 1);
    return compareUtf8(this.bytes, start, end, this.queryBytes, 0, length) === 0 ? index : -1;
  }

  /** First term index not before the `length` query bytes. */
  private lowerBound(length: number): number {
    let low = 0;
    let high = this.layout.termCount;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const start = this.termStart(middle);
      const end = this.termStart(middle + 1);
      if (compareUtf8(this.bytes, start, end, this.queryBytes, 0, length) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private encodeQuery(text: string): number {
    if (this.queryBytes.length < text.length * 3) this.queryBytes = Buffer.alloc(text.length * 3);
    return this.queryBytes.write(text, 0, 'utf8');
  }

  /** Absolute start of the term's bytes (index may be termCount: the end of the last term). */
  private termStart(index: number): number {
    return this.layout.termBytes + this.view.getUint32(this.layout.termTable + index * TERM_ENTRY_BYTES, true);
  }

  /** Finds the term's block for `field` (filling the block fields); false when the term is not in that field. */
  private locate(termIndex: number, field: number): boolean {
    const { termTable, postings, positions, fieldCount } = this.layout;
    const entry = termTable + termIndex * TERM_ENTRY_BYTES;
    const reader = this.headerReader;
    reader.reset(
      postings + this.view.getUint32(entry + 4, true),
      postings + this.view.getUint32(entry + 4 + TERM_ENTRY_BYTES, true),
    );
    const mask = reader.readVarint();
    if ((mask & (1 << field)) === 0) return false;
    let blocksBefore = 0;
    let positionsBefore = 0;
    for (let other = 0; other < fieldCount; other++) {
      if ((mask & (1 << other)) === 0) continue;
      const count = reader.readVarint();
      const blockLength = reader.readVarint();
      const positionsLength = reader.readVarint();
      if (other < field) {
        blocksBefore += blockLength;
        positionsBefore += positionsLength;
      } else if (other === field) {
        this.blockCount = count;
        this.blockEnd = blockLength; // made absolute below, once the header's end is known
        this.blockPositionsEnd = positionsLength;
      }
    }
    this.blockStart = reader.offset + blocksBefore;
    this.blockEnd += this.blockStart;
    this.blockPositionsStart = positions + this.view.getUint32(entry + 8, true) + positionsBefore;
    this.blockPositionsEnd += this.blockPositionsStart;
    return true;
  }

  private *termRange(first: number, end: number): Generator<string> {
    for (let index = first; index < end; index++) yield this.termAt(index);
  }

  /**
   * A prefix ending in half a surrogate pair still prefixes stored terms that
   * continue the pair, but has no UTF-8 form to compare bytes with: compare
   * decoded strings instead (rare, so the slow way is fine).
   */
  private termsWithBrokenPrefix(prefix: string): string[] {
    let low = 0;
    let high = this.layout.termCount;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.termAt(middle) < prefix) low = middle + 1;
      else high = middle;
    }
    const found: string[] = [];
    for (let index = low; index < this.layout.termCount; index++) {
      const term = this.termAt(index);
      if (!term.startsWith(prefix)) break;
      found.push(term);
    }
    return found;
  }

  private checkDocument(document: number): void {
    if (!(Number.isInteger(document) && document >= 0 && document < this.documentCount)) {
      throw new RangeError(
        `SealedSegment: ${this.label} has no document ${document} (${this.documentCount} documents)`,
      );
    }
  }

  private checkField(field: number): void {
    if (!(Number.isInteger(field) && field >= 0 && field < SEARCH_FIELDS.length)) {
      throw new RangeError(`SealedSegment: field ${field} is not one of the ${SEARCH_FIELDS.length} search fields`);
    }
  }
}

/**
 * Walks one (term, field) block for positions lookups. Lookups in ascending
 * document order (a phrase check over candidates, a merge) continue where
 * the last one stopped, so checking every posting costs one pass, not one
 * pass per posting; a lookup behind the cursor starts over.
 */
class PositionCursor {
  term = '';
  field = -1;
  private readonly documentCount: number;
  private readonly postings: ByteReader;
  private readonly positions: ByteReader;
  private count = 0;
  private blockStart = 0;
  private positionsStart = 0;
  // The posting read last: its number in the block, document, frequency and where its positions start.
  private index = 0;
  private document = -1;
  private termFrequency = 0;
  private positionsOffset = 0;
  /** The document of the posting before the one read last (-1 at the start). */
  private previousDocument = -1;

  constructor(bytes: Uint8Array, label: string, documentCount: number) {
    this.documentCount = documentCount;
    this.postings = new ByteReader(bytes, 0, 0, label);
    this.positions = new ByteReader(bytes, 0, 0, label);
  }

  reset(
    term: string,
    field: number,
    count: number,
    blockStart: number,
    blockEnd: number,
    positionsStart: number,
    positionsEnd: number,
  ): void {
    this.term = term;
    this.field = field;
    this.count = count;
    this.blockStart = blockStart;
    this.positionsStart = positionsStart;
    this.postings.reset(blockStart, blockEnd);
    this.positions.reset(positionsStart, positionsEnd);
    this.rewind();
  }

  positionsOf(document: number): readonly number[] {
    if (document < this.document) {
      // Between the posting before the cursor and the cursor's: not in this list, no need to rewind.
      if (document > this.previousDocument) return NO_POSITIONS;
      this.rewind();
    }
    while (this.document < document && this.index < this.count) this.advance();
    if (this.document !== document) return NO_POSITIONS;
    const reader = this.positions;
    reader.offset = this.positionsOffset;
    const found = new Array<number>(this.termFrequency);
    let position = 0;
    for (let index = 0; index < this.termFrequency; index++) {
      position += reader.readVarint();
      found[index] = position;
    }
    return found;
  }

  private rewind(): void {
    this.postings.offset = this.blockStart;
    this.index = 0;
    this.document = -1;
    this.previousDocument = -1;
    this.termFrequency = 0;
    this.positionsOffset = this.positionsStart;
  }

  private advance(): void {
    // Step over the positions of the posting read last, then read the next posting.
    const positions = this.positions;
    positions.offset = this.positionsOffset;
    positions.skipVarints(this.termFrequency);
    this.positionsOffset = positions.offset;
    const postings = this.postings;
    const code = postings.readVarint();
    let termFrequency = 1;
    if ((code & 1) === 0) {
      termFrequency = postings.readVarint();
      if (termFrequency === 0) throw postings.corrupt(`term "${this.term}" has a posting with frequency 0`);
    }
    this.previousDocument = this.document;
    this.document += (code - (code & 1)) / 2 + 1;
    if (this.document >= this.documentCount) {
      throw postings.corrupt(
        `term "${this.term}" has a posting for document ${this.document} of ${this.documentCount}`,
      );
    }
    this.termFrequency = termFrequency;
    this.index++;
  }
}
