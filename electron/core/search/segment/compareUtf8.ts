/**
 * Compares two UTF-8 byte ranges in the order JavaScript compares the strings
 * they encode (UTF-16 code units, as `Array.prototype.sort()` orders terms),
 * without decoding them.
 *
 * UTF-8 byte order is code point order, which agrees with code-unit order
 * except between supplementary characters (surrogate pairs, code units
 * D800–DFFF, UTF-8 lead bytes F0–F4) and U+E000–U+FFFF (lead bytes EE–EF):
 * JavaScript puts the surrogate pairs first. Two ranges that agree up to a
 * byte are at the same position inside the same character structure, so the
 * first differing bytes are either both lead bytes or both continuation
 * bytes, and only that one pair of lead-byte classes needs flipping.
 */
export function compareUtf8(
  left: Uint8Array,
  leftStart: number,
  leftEnd: number,
  right: Uint8Array,
  rightStart: number,
  rightEnd: number,
): number {
  const leftLength = leftEnd - leftStart;
  const rightLength = rightEnd - rightStart;
  const common = leftLength < rightLength ? leftLength : rightLength;
  for (let index = 0; index < common; index++) {
    const leftByte = left[leftStart + index] ?? 0;
    const rightByte = right[rightStart + index] ?? 0;
    if (leftByte !== rightByte) {
      if (leftByte >= 0xf0 && (rightByte === 0xee || rightByte === 0xef)) return -1;
      if (rightByte >= 0xf0 && (leftByte === 0xee || leftByte === 0xef)) return 1;
      return leftByte - rightByte;
    }
  }
  return leftLength - rightLength;
}

/** Whether the range `[start, end)` of `bytes` begins with all of `prefix[0, prefixLength)`. */
export function startsWithUtf8(
  bytes: Uint8Array,
  start: number,
  end: number,
  prefix: Uint8Array,
  prefixLength: number,
): boolean {
  if (end - start < prefixLength) return false;
  for (let index = 0; index < prefixLength; index++) {
    if (bytes[start + index] !== prefix[index]) return false;
  }
  return true;
}
