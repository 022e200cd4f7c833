/**
 * A growable byte buffer for the segment encoder: little-endian fixed-width
 * numbers for the tables, LEB128 varints for postings and positions.
 */
export class ByteWriter {
  bytes: Uint8Array;
  length = 0;
  private dataView: DataView;

  constructor(initialCapacity = 1024) {
    this.bytes = new Uint8Array(Math.max(16, initialCapacity));
    this.dataView = new DataView(this.bytes.buffer);
  }

  /** Makes room for `extra` more bytes. */
  reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.bytes.length) return;
    let capacity = this.bytes.length * 2;
    while (capacity < needed) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.dataView = new DataView(grown.buffer);
  }

  /** An unsigned integer below 2^53; values above 2^32 take the slow division path. */
  writeVarint(value: number): void {
    this.reserve(8);
    const bytes = this.bytes;
    let length = this.length;
    let rest = value;
    while (rest > 0xffffffff) {
      bytes[length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    while (rest >= 0x80) {
      bytes[length++] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    bytes[length++] = rest;
    this.length = length;
  }

  writeUint32(value: number): void {
    this.reserve(4);
    this.dataView.setUint32(this.length, value, true);
    this.length += 4;
  }

  writeFloat64(value: number): void {
    this.reserve(8);
    this.dataView.setFloat64(this.length, value, true);
    this.length += 8;
  }

  writeBytes(source: Uint8Array, start = 0, end = source.length): void {
    const count = end - start;
    this.reserve(count);
    // Short runs (a posting's positions) are cheaper to copy by hand than through a subarray view.
    if (count < 32) {
      const bytes = this.bytes;
      let length = this.length;
      for (let index = start; index < end; index++) bytes[length++] = source[index] ?? 0;
    } else {
      this.bytes.set(source.subarray(start, end), this.length);
    }
    this.length += count;
  }

  /** UTF-8, without a length prefix (the tables hold offsets). */
  writeUtf8(text: string): void {
    this.reserve(text.length * 3);
    const { written } = encoder.encodeInto(text, this.bytes.subarray(this.length));
    this.length += written;
  }

  clear(): void {
    this.length = 0;
  }

  /** The written bytes as a view (no copy); invalid after the next write. */
  written(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

const encoder = new TextEncoder();
