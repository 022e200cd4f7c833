import { SegmentFormatError } from './SegmentFormatError.ts';

/**
 * Reads LEB128 varints from one block of a segment's bytes, never past the
 * block's end: a corrupt length or offset surfaces as a SegmentFormatError
 * naming the segment instead of a RangeError or a silently wrong number.
 */
export class ByteReader {
  readonly bytes: Uint8Array;
  offset: number;
  end: number;
  readonly label: string;

  constructor(bytes: Uint8Array, offset: number, end: number, label: string) {
    this.bytes = bytes;
    this.offset = offset;
    this.end = end;
    this.label = label;
  }

  /** Points the reader at another block of the same bytes. */
  reset(offset: number, end: number): void {
    this.offset = offset;
    this.end = end;
  }

  /** An unsigned varint of at most 5 bytes (35 bits: document gaps carry a flag bit above 32-bit numbers). */
  readVarint(): number {
    const bytes = this.bytes;
    let offset = this.offset;
    if (offset < this.end) {
      const first = bytes[offset] ?? 0;
      if (first < 0x80) {
        this.offset = offset + 1;
        return first;
      }
    }
    let value = 0;
    let scale = 1;
    for (let count = 0; count < 5; count++) {
      if (offset >= this.end) throw this.corrupt(`varint runs past the end of its block at byte ${this.end}`);
      const byte = bytes[offset++] ?? 0;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        this.offset = offset;
        return value;
      }
      scale *= 0x80;
    }
    throw this.corrupt(`varint longer than 5 bytes at byte ${this.offset}`);
  }

  /** Moves past `count` varints without decoding them. */
  skipVarints(count: number): void {
    const bytes = this.bytes;
    let offset = this.offset;
    let remaining = count;
    while (remaining > 0) {
      if (offset >= this.end) throw this.corrupt(`positions run past the end of their block at byte ${this.end}`);
      if ((bytes[offset++] ?? 0) < 0x80) remaining--;
    }
    this.offset = offset;
  }

  corrupt(detail: string): SegmentFormatError {
    return new SegmentFormatError('corrupt', this.label, `SegmentCodec: ${this.label} is corrupt (${detail})`);
  }
}
