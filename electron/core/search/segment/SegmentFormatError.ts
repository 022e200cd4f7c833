/**
 * Why bytes could not be read as a sealed segment. The index branches on
 * `code`: `magic` (not a segment file at all), `version` (a segment written by
 * another format version: rebuild it from the store), `corrupt` (truncated,
 * checksum mismatch, or tables that contradict each other: rebuild it too, and
 * log it, because it means a disk or a writer went wrong). The message names
 * the segment by the label its loader gave, e.g.
 * `SegmentCodec: segment 12 is corrupt (checksum mismatch)`.
 */
export type SegmentFormatErrorCode = 'magic' | 'version' | 'corrupt';

export class SegmentFormatError extends Error {
  readonly code: SegmentFormatErrorCode;
  readonly label: string;
  /** The format version found in the file, when the code is `version`. */
  readonly foundVersion: number | null;

  constructor(code: SegmentFormatErrorCode, label: string, message: string, foundVersion: number | null = null) {
    super(message);
    this.name = 'SegmentFormatError';
    this.code = code;
    this.label = label;
    this.foundVersion = foundVersion;
  }
}
