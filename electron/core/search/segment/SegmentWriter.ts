import { crc32 } from 'node:zlib';
import { SEARCH_FIELDS } from '../SearchDocument.ts';
import { ByteWriter } from './ByteWriter.ts';
import { HEADER, SEGMENT_FORMAT_VERSION, SEGMENT_HEADER_BYTES, SEGMENT_MAGIC } from './SegmentCodec.ts';

/** Offsets in the format are u32, so a segment stays under 4 GiB. */
const MAXIMUM_SEGMENT_BYTES = 0xffffffff;

/**
 * Writes one sealed segment (the layout is in SegmentCodec.ts) as a stream:
 * every document first, then terms in ascending order, each with its fields
 * in ascending order, each with its postings in ascending document order.
 * SegmentBuilder, LiveSegment and mergeSegments all encode through it, so
 * the format is written in one place. Only one term is held at a time.
 */
export class SegmentWriter {
  private readonly fieldCount = SEARCH_FIELDS.length;
  private documents = 0;
  private terms = 0;
  private readonly totals = new Float64Array(SEARCH_FIELDS.length);
  private readonly publishedAtTable = new ByteWriter();
  private readonly fieldLengthTable = new ByteWriter();
  private readonly idOffsetTable = new ByteWriter();
  private readonly idBytes = new ByteWriter();
  private readonly termTable = new ByteWriter();
  private readonly termBytes = new ByteWriter();
  private readonly postings = new ByteWriter(64 * 1024);
  private readonly positions = new ByteWriter(64 * 1024);

  // The term being written: its doc blocks wait here because the term's
  // header (which fields, how many postings, block lengths) comes first.
  private term: string | null = null;
  private previousTerm: string | null = null;
  /** The last field begun in the current term, and whether it still takes postings. */
  private field = -1;
  private fieldOpen = false;
  private readonly fieldBlocks: ByteWriter[] = SEARCH_FIELDS.map(() => new ByteWriter(256));
  private readonly fieldPostingCounts = new Array<number>(SEARCH_FIELDS.length).fill(0);
  private readonly fieldPositionBytes = new Array<number>(SEARCH_FIELDS.length).fill(0);
  private fieldPositionsStart = 0;
  private lastDocument = -1;
  private postingTermFrequency = 0;
  private pendingPositions = 0;
  private lastPosition = 0;
  private finished = false;

  constructor() {
    this.idOffsetTable.writeUint32(0);
    this.writeTermTableEntry();
  }

  get documentCount(): number {
    return this.documents;
  }

  /** Adds a document and returns its number; every document comes before the first term. */
  addDocument(id: string, publishedAt: number | null, fieldLengths: ArrayLike<number>): number {
    this.checkOpen('addDocument');
    if (this.previousTerm !== null) {
      throw new Error(`SegmentWriter: document "${id}" added after the terms began`);
    }
    if (fieldLengths.length !== this.fieldCount) {
      throw new Error(
        `SegmentWriter: document "${id}" has ${fieldLengths.length} field lengths, expected ${this.fieldCount}`,
      );
    }
    this.idBytes.writeUtf8(id);
    this.idOffsetTable.writeUint32(this.idBytes.length);
    this.publishedAtTable.writeFloat64(publishedAt ?? Number.NaN);
    for (let field = 0; field < this.fieldCount; field++) {
      const length = fieldLengths[field] ?? 0;
      this.fieldLengthTable.writeUint32(length);
      this.totals[field] = (this.totals[field] ?? 0) + length;
    }
    return this.documents++;
  }

  /** Starts a term; terms must ascend strictly in JS code-unit order. */
  beginTerm(term: string): void {
    this.checkOpen('beginTerm');
    if (this.term !== null) this.endTerm();
    if (this.previousTerm !== null && !(this.previousTerm < term)) {
      throw new Error(`SegmentWriter: term "${term}" comes after "${this.previousTerm}" (terms must ascend)`);
    }
    this.term = term;
    this.previousTerm = term;
    this.field = -1;
    this.fieldPostingCounts.fill(0);
    this.fieldPositionBytes.fill(0);
  }

  /** Starts the term's postings in `field`; fields must ascend. A field left without postings is dropped. */
  beginField(field: number): void {
    if (this.term === null) throw new Error(`SegmentWriter: field ${field} begun outside a term`);
    if (!(field > this.field && field < this.fieldCount)) {
      throw new Error(`SegmentWriter: field ${field} of term "${this.term}" after field ${this.field}`);
    }
    this.endField();
    this.field = field;
    this.fieldOpen = true;
    this.fieldBlocks[field]?.clear();
    this.fieldPositionsStart = this.positions.length;
    this.lastDocument = -1;
  }

  /** Adds a posting; `termFrequency` positions must follow through addPosition. */
  addPosting(document: number, termFrequency: number): void {
    this.writePosting(document, termFrequency);
    this.pendingPositions = termFrequency;
  }

  /** Positions of the current posting, ascending (equal positions are allowed). */
  addPosition(position: number): void {
    const pending = this.pendingPositions;
    if (pending === 0) throw new Error(`SegmentWriter: too many positions for term "${this.term ?? ''}"`);
    const first = pending === this.postingTermFrequency;
    const delta = first ? position : position - this.lastPosition;
    if (!(delta >= 0 && position <= 0xffffffff)) {
      throw new Error(`SegmentWriter: position ${position} of term "${this.term ?? ''}" after ${this.lastPosition}`);
    }
    this.positions.writeVarint(delta);
    this.lastPosition = position;
    this.pendingPositions = pending - 1;
  }

  /**
   * Adds a builder's whole posting list for the current field: records
   * `[document, termFrequency, ...positions]` (see PostingList), written in
   * one loop instead of a call per position.
   */
  addPostingRecords(records: Uint32Array, length: number): void {
    const positions = this.positions;
    let offset = 0;
    while (offset < length) {
      const termFrequency = records[offset + 1] ?? 0;
      this.writePosting(records[offset] ?? 0, termFrequency);
      const end = offset + 2 + termFrequency;
      if (end > length) throw new Error(`SegmentWriter: term "${this.term ?? ''}" has a truncated posting record`);
      let previous = 0;
      for (let index = offset + 2; index < end; index++) {
        const position = records[index] ?? 0;
        if (position < previous) {
          throw new Error(`SegmentWriter: position ${position} of term "${this.term ?? ''}" after ${previous}`);
        }
        positions.writeVarint(position - previous);
        previous = position;
      }
      offset = end;
    }
  }

  /**
   * Adds a posting whose positions are already encoded (a sealed segment's
   * bytes for that posting): merges copy them without decoding.
   */
  addPostingWithEncodedPositions(
    document: number,
    termFrequency: number,
    source: Uint8Array,
    positionsStart: number,
    positionsEnd: number,
  ): void {
    this.writePosting(document, termFrequency);
    this.positions.writeBytes(source, positionsStart, positionsEnd);
  }

  /** Closes the current term; a term left without postings in every field is dropped. */
  endTerm(): void {
    const term = this.term;
    if (term === null) return;
    this.endField();
    this.term = null;
    let mask = 0;
    for (let field = 0; field < this.fieldCount; field++) {
      if ((this.fieldPostingCounts[field] ?? 0) > 0) mask |= 1 << field;
    }
    if (mask === 0) return;
    const postings = this.postings;
    postings.writeVarint(mask);
    for (let field = 0; field < this.fieldCount; field++) {
      if ((mask & (1 << field)) === 0) continue;
      postings.writeVarint(this.fieldPostingCounts[field] ?? 0);
      postings.writeVarint(this.fieldBlocks[field]?.length ?? 0);
      postings.writeVarint(this.fieldPositionBytes[field] ?? 0);
    }
    for (let field = 0; field < this.fieldCount; field++) {
      const block = this.fieldBlocks[field];
      if ((mask & (1 << field)) !== 0 && block !== undefined) postings.writeBytes(block.bytes, 0, block.length);
    }
    this.termBytes.writeUtf8(term);
    this.terms++;
    this.writeTermTableEntry();
  }

  /** The sealed bytes. The writer cannot be used afterwards. */
  finish(): Uint8Array {
    this.checkOpen('finish');
    this.endTerm();
    this.finished = true;
    const sections = [
      this.totalsSection(),
      this.publishedAtTable.written(),
      this.fieldLengthTable.written(),
      this.idOffsetTable.written(),
      this.termTable.written(),
      this.idBytes.written(),
      this.termBytes.written(),
      this.postings.written(),
      this.positions.written(),
    ];
    let byteLength = SEGMENT_HEADER_BYTES + 4;
    for (const section of sections) byteLength += section.length;
    if (byteLength > MAXIMUM_SEGMENT_BYTES) {
      throw new Error(
        `SegmentWriter: segment of ${this.documents} documents would take ${byteLength} bytes (limit 4 GiB)`,
      );
    }
    const bytes = new Uint8Array(byteLength);
    const view = new DataView(bytes.buffer);
    bytes.set(SEGMENT_MAGIC, 0);
    view.setUint16(HEADER.version, SEGMENT_FORMAT_VERSION, true);
    view.setUint32(HEADER.byteLength, byteLength, true);
    view.setUint32(HEADER.fieldCount, this.fieldCount, true);
    view.setUint32(HEADER.documentCount, this.documents, true);
    view.setUint32(HEADER.termCount, this.terms, true);
    const sectionHeaders = [
      HEADER.totals,
      HEADER.publishedAt,
      HEADER.fieldLengths,
      HEADER.idOffsets,
      HEADER.termTable,
      HEADER.idBytes,
      HEADER.termBytes,
      HEADER.postings,
      HEADER.positions,
    ];
    let offset = SEGMENT_HEADER_BYTES;
    sections.forEach((section, index) => {
      view.setUint32(sectionHeaders[index] ?? 0, offset, true);
      bytes.set(section, offset);
      offset += section.length;
    });
    view.setUint32(HEADER.checksum, offset, true);
    view.setUint32(offset, crc32(bytes.subarray(0, offset)), true);
    return bytes;
  }

  private writePosting(document: number, termFrequency: number): void {
    if (!this.fieldOpen || this.term === null) throw new Error(`SegmentWriter: posting ${document} outside a field`);
    if (this.pendingPositions !== 0) {
      throw new Error(`SegmentWriter: term "${this.term}" posting ${this.lastDocument} is missing positions`);
    }
    if (!(document > this.lastDocument && document < this.documents && Number.isInteger(document))) {
      throw new Error(
        `SegmentWriter: term "${this.term}" posting ${document} after ${this.lastDocument} of ${this.documents}`,
      );
    }
    if (!(termFrequency >= 1 && termFrequency <= 0xffffffff && Number.isInteger(termFrequency))) {
      throw new Error(`SegmentWriter: term "${this.term}" document ${document} has term frequency ${termFrequency}`);
    }
    const block = this.fieldBlocks[this.field];
    if (block === undefined) return;
    // The low bit says "term frequency 1", the commonest case, so most postings need no second varint.
    const gap = document - this.lastDocument - 1;
    if (termFrequency === 1) {
      block.writeVarint(gap * 2 + 1);
    } else {
      block.writeVarint(gap * 2);
      block.writeVarint(termFrequency);
    }
    this.lastDocument = document;
    this.postingTermFrequency = termFrequency;
    this.fieldPostingCounts[this.field] = (this.fieldPostingCounts[this.field] ?? 0) + 1;
  }

  private endField(): void {
    if (!this.fieldOpen) return;
    if (this.pendingPositions !== 0) {
      throw new Error(`SegmentWriter: term "${this.term ?? ''}" posting ${this.lastDocument} is missing positions`);
    }
    this.fieldPositionBytes[this.field] = this.positions.length - this.fieldPositionsStart;
    this.fieldOpen = false;
  }

  private writeTermTableEntry(): void {
    this.termTable.writeUint32(this.termBytes.length);
    this.termTable.writeUint32(this.postings.length);
    this.termTable.writeUint32(this.positions.length);
  }

  private totalsSection(): Uint8Array {
    const section = new Uint8Array(this.fieldCount * 8);
    const view = new DataView(section.buffer);
    this.totals.forEach((total, field) => {
      view.setFloat64(field * 8, total, true);
    });
    return section;
  }

  private checkOpen(operation: string): void {
    if (this.finished) throw new Error(`SegmentWriter: ${operation} after finish`);
  }
}
