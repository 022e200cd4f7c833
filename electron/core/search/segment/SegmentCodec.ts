/**
 * The sealed segment file format, version 1. All numbers little-endian.
 *
 *   header (64 bytes): magic "OFPSEG", u16 version, u32 byte length,
 *     u32 field count, u32 document count, u32 term count, then u32 offsets
 *     of the sections below, in this order, and of the checksum
 *   field totals       f64 × fields            (sum of each field's lengths)
 *   published at       f64 × documents         (epoch ms, NaN for null)
 *   field lengths      u32 × documents × fields
 *   id offsets         u32 × (documents + 1)   (into id bytes)
 *   term table         3 × u32 × (terms + 1)   (into term bytes, postings, positions)
 *   id bytes, term bytes: UTF-8, terms strictly ascending in JS code-unit order
 *   postings           per term: varint field mask, per field in the mask
 *                      (varint document count, doc block bytes, positions block bytes),
 *                      then the doc blocks: per posting varint ((gap - 1) × 2 + (tf = 1)),
 *                      then varint tf when tf > 1
 *   positions          per term, per field, per posting: tf varints, first absolute, then deltas
 *   u32 CRC-32 of everything before it
 *
 * Positions sit apart from postings so scoring never touches them, and each
 * posting's positions are encoded on their own so a merge copies their bytes.
 */
import { isUtf8 } from 'node:buffer';
import { crc32 } from 'node:zlib';
import { SEARCH_FIELDS } from '../SearchDocument.ts';
import { ByteReader } from './ByteReader.ts';
import { compareUtf8 } from './compareUtf8.ts';
import { SealedSegment } from './SealedSegment.ts';
import { SegmentFormatError } from './SegmentFormatError.ts';

export const SEGMENT_FORMAT_VERSION = 1;
export const SEGMENT_MAGIC = new Uint8Array([0x4f, 0x46, 0x50, 0x53, 0x45, 0x47]); // "OFPSEG"
export const SEGMENT_HEADER_BYTES = 64;
/** Bytes per term table entry: offsets into term bytes, postings and positions. */
export const TERM_ENTRY_BYTES = 12;

/** Byte offsets of the header's numbers. */
export const HEADER = {
  version: 6,
  byteLength: 8,
  fieldCount: 12,
  documentCount: 16,
  termCount: 20,
  totals: 24,
  publishedAt: 28,
  fieldLengths: 32,
  idOffsets: 36,
  termTable: 40,
  idBytes: 44,
  termBytes: 48,
  postings: 52,
  positions: 56,
  checksum: 60,
} as const;

/** Where everything is in a checked segment; absolute byte offsets. */
export interface SegmentLayout {
  readonly fieldCount: number;
  readonly documentCount: number;
  readonly termCount: number;
  readonly postingCount: number;
  readonly totals: number;
  readonly publishedAt: number;
  readonly fieldLengths: number;
  readonly idOffsets: number;
  readonly termTable: number;
  readonly idBytes: number;
  readonly termBytes: number;
  readonly postings: number;
  readonly positions: number;
  readonly checksum: number;
}

/**
 * Checks `bytes` (magic, version, length, checksum, then every table against
 * the others) and returns a reader over them, without copying. Posting blocks
 * are checked as they are decoded. `label` names the segment in errors.
 */
export function decodeSegment(bytes: Uint8Array, label: string): SealedSegment {
  const fail = (detail: string): SegmentFormatError =>
    new SegmentFormatError('corrupt', label, `SegmentCodec: ${label} is corrupt (${detail})`);

  const magicLength = Math.min(bytes.length, SEGMENT_MAGIC.length);
  for (let index = 0; index < magicLength; index++) {
    if (bytes[index] !== SEGMENT_MAGIC[index]) {
      const found = Array.from(bytes.subarray(0, SEGMENT_MAGIC.length), (byte) => byte.toString(16).padStart(2, '0'));
      throw new SegmentFormatError(
        'magic',
        label,
        `SegmentCodec: ${label} is not a segment (starts with bytes ${found.join(' ')}, expected "OFPSEG")`,
      );
    }
  }
  if (bytes.length < HEADER.byteLength) throw fail(`truncated to ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(HEADER.version, true);
  if (version !== SEGMENT_FORMAT_VERSION) {
    throw new SegmentFormatError(
      'version',
      label,
      `SegmentCodec: ${label} has format version ${version}, expected ${SEGMENT_FORMAT_VERSION}`,
      version,
    );
  }
  if (bytes.length < SEGMENT_HEADER_BYTES + 4) throw fail(`truncated to ${bytes.length} bytes`);
  const declaredLength = view.getUint32(HEADER.byteLength, true);
  if (declaredLength !== bytes.length) {
    throw fail(`${bytes.length} bytes, but the header says ${declaredLength}`);
  }
  const checksumOffset = bytes.length - 4;
  if (crc32(bytes.subarray(0, checksumOffset)) !== view.getUint32(checksumOffset, true)) {
    throw fail('checksum mismatch');
  }

  // The checksum matched, so what follows only fails for a file written by a
  // broken writer (or crafted): each check keeps a later read in bounds.
  const number = (offset: number): number => view.getUint32(offset, true);
  const fieldCount = number(HEADER.fieldCount);
  const documentCount = number(HEADER.documentCount);
  const termCount = number(HEADER.termCount);
  if (fieldCount !== SEARCH_FIELDS.length) throw fail(`${fieldCount} fields, expected ${SEARCH_FIELDS.length}`);

  // Fixed-size sections follow each other; their sizes come from the counts.
  const expected = {
    totals: SEGMENT_HEADER_BYTES,
    publishedAt: SEGMENT_HEADER_BYTES + fieldCount * 8,
    fieldLengths: 0,
    idOffsets: 0,
    termTable: 0,
    idBytes: 0,
  };
  expected.fieldLengths = expected.publishedAt + documentCount * 8;
  expected.idOffsets = expected.fieldLengths + documentCount * fieldCount * 4;
  expected.termTable = expected.idOffsets + (documentCount + 1) * 4;
  expected.idBytes = expected.termTable + (termCount + 1) * TERM_ENTRY_BYTES;
  for (const [section, offset] of Object.entries(expected)) {
    const key = section as keyof typeof expected;
    if (number(HEADER[key]) !== offset) throw fail(`${section} section at ${number(HEADER[key])}, expected ${offset}`);
  }
  if (expected.idBytes > checksumOffset)
    throw fail(`tables need ${expected.idBytes} bytes, file has ${checksumOffset}`);
  if (number(HEADER.checksum) !== checksumOffset) throw fail(`checksum at ${number(HEADER.checksum)}`);

  const idBytesLength = number(expected.idOffsets + documentCount * 4);
  const termTableEnd = expected.termTable + termCount * TERM_ENTRY_BYTES;
  const termBytesOffset = expected.idBytes + idBytesLength;
  const postingsOffset = termBytesOffset + number(termTableEnd);
  const positionsOffset = postingsOffset + number(termTableEnd + 4);
  const positionsEnd = positionsOffset + number(termTableEnd + 8);
  if (number(HEADER.termBytes) !== termBytesOffset) throw fail(`term bytes at ${number(HEADER.termBytes)}`);
  if (number(HEADER.postings) !== postingsOffset) throw fail(`postings at ${number(HEADER.postings)}`);
  if (number(HEADER.positions) !== positionsOffset) throw fail(`positions at ${number(HEADER.positions)}`);
  if (positionsEnd !== checksumOffset) throw fail(`sections end at ${positionsEnd}, checksum at ${checksumOffset}`);

  // Document ids: ascending offsets on character boundaries of valid UTF-8.
  const idProblem = checkStrings(bytes, expected.idBytes, termBytesOffset, documentCount + 1, (index) =>
    number(expected.idOffsets + index * 4),
  );
  if (idProblem !== null) throw fail(`document ids: ${idProblem}`);
  // Field totals must be the sums of the field lengths the scores will divide by.
  for (let field = 0; field < fieldCount; field++) {
    let sum = 0;
    for (let document = 0; document < documentCount; document++) {
      sum += number(expected.fieldLengths + (document * fieldCount + field) * 4);
    }
    const total = view.getFloat64(expected.totals + field * 8, true);
    if (total !== sum)
      throw fail(`total length of field ${SEARCH_FIELDS[field] ?? field} is ${total}, fields sum to ${sum}`);
  }

  // Terms: valid UTF-8, strictly ascending, each with a well-formed postings header.
  const entry = (index: number, part: number): number =>
    number(expected.termTable + index * TERM_ENTRY_BYTES + part * 4);
  const termProblem = checkStrings(bytes, termBytesOffset, postingsOffset, termCount + 1, (index) => entry(index, 0));
  if (termProblem !== null) throw fail(`terms: ${termProblem}`);
  for (let index = 1; index < termCount; index++) {
    const order = compareUtf8(
      bytes,
      termBytesOffset + entry(index - 1, 0),
      termBytesOffset + entry(index, 0),
      bytes,
      termBytesOffset + entry(index, 0),
      termBytesOffset + entry(index + 1, 0),
    );
    if (order >= 0) throw fail(`term ${index} is not after term ${index - 1}`);
  }
  if (entry(0, 1) !== 0 || entry(0, 2) !== 0) throw fail('first term does not start its postings');
  const reader = new ByteReader(bytes, 0, 0, label);
  let postingCount = 0;
  for (let index = 0; index < termCount; index++) {
    const start = postingsOffset + entry(index, 1);
    const end = postingsOffset + entry(index + 1, 1);
    const positionsStart = positionsOffset + entry(index, 2);
    const positionsStop = positionsOffset + entry(index + 1, 2);
    if (end <= start || end > positionsOffset || positionsStop < positionsStart || positionsStop > positionsEnd) {
      throw fail(`term ${index} has postings at ${start}..${end}, positions at ${positionsStart}..${positionsStop}`);
    }
    reader.reset(start, end);
    const mask = reader.readVarint();
    if (mask === 0 || mask >= 1 << fieldCount) throw fail(`term ${index} has field mask ${mask}`);
    let blockBytes = 0;
    let positionBytes = 0;
    for (let field = 0; field < fieldCount; field++) {
      if ((mask & (1 << field)) === 0) continue;
      const count = reader.readVarint();
      const documentBlock = reader.readVarint();
      const positionsBlock = reader.readVarint();
      if (count === 0 || count > documentCount || documentBlock < count || positionsBlock < count) {
        throw fail(`term ${index} field ${field}: ${count} postings in ${documentBlock} + ${positionsBlock} bytes`);
      }
      postingCount += count;
      blockBytes += documentBlock;
      positionBytes += positionsBlock;
    }
    if (reader.offset + blockBytes !== end || positionsStart + positionBytes !== positionsStop) {
      throw fail(`term ${index}: block lengths disagree with the term table`);
    }
  }

  return new SealedSegment(
    bytes,
    {
      fieldCount,
      documentCount,
      termCount,
      postingCount,
      totals: expected.totals,
      publishedAt: expected.publishedAt,
      fieldLengths: expected.fieldLengths,
      idOffsets: expected.idOffsets,
      termTable: expected.termTable,
      idBytes: expected.idBytes,
      termBytes: termBytesOffset,
      postings: postingsOffset,
      positions: positionsOffset,
      checksum: checksumOffset,
    },
    label,
  );
}

/**
 * The problem, if any, with `count` ascending offsets (relative to `start`) that cut
 * `[start, end)` into strings: the last must reach `end`, and every string
 * must be whole UTF-8 (a valid run whose cuts never land on a continuation byte).
 */
function checkStrings(
  bytes: Uint8Array,
  start: number,
  end: number,
  count: number,
  offsetAt: (index: number) => number,
): string | null {
  if (offsetAt(0) !== 0) return 'first offset is not 0';
  if (start + offsetAt(count - 1) !== end) return `last offset ${offsetAt(count - 1)} does not reach ${end - start}`;
  if (!isUtf8(bytes.subarray(start, end))) return 'not valid UTF-8';
  let previous = 0;
  for (let index = 1; index < count; index++) {
    const offset = offsetAt(index);
    if (offset < previous) return `offset ${index} goes backwards`;
    if (start + offset < end && ((bytes[start + offset] ?? 0) & 0xc0) === 0x80) {
      return `offset ${index} cuts a character`;
    }
    previous = offset;
  }
  return null;
}
