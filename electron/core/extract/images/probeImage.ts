import type { ImageType } from './ImageType.ts';

export interface ImageProbe {
  /** The format the bytes' magic number says, whatever the server claimed. */
  readonly type: ImageType;
  /** Intrinsic size in pixels, when the header could be read (a truncated file may still have a valid magic number). */
  readonly width?: number;
  readonly height?: number;
}

/**
 * Identifies PNG, JPEG, GIF, WebP and AVIF from their magic numbers and reads
 * their intrinsic size from the header. Null for anything else (HTML, SVG,
 * HEIC, an empty body). Reads headers only: decoding is the renderer's job.
 */
export function probeImage(bytes: Uint8Array): ImageProbe | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(buffer, 0, PNG_SIGNATURE)) return withSize('image/png', pngSize(buffer));
  if (startsWith(buffer, 0, JPEG_SIGNATURE)) return withSize('image/jpeg', jpegSize(buffer));
  if (startsWith(buffer, 0, GIF87) || startsWith(buffer, 0, GIF89)) return withSize('image/gif', gifSize(buffer));
  if (startsWith(buffer, 0, RIFF) && startsWith(buffer, 8, WEBP)) return withSize('image/webp', webpSize(buffer));
  if (isAvif(buffer)) return withSize('image/avif', avifSize(buffer));
  return null;
}

interface Size {
  readonly width: number;
  readonly height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);
const GIF87 = Buffer.from('GIF87a', 'latin1');
const GIF89 = Buffer.from('GIF89a', 'latin1');
const RIFF = Buffer.from('RIFF', 'latin1');
const WEBP = Buffer.from('WEBP', 'latin1');
const AVIF_BRANDS = new Set(['avif', 'avis']);
/** How far into an AVIF file to look for the `ispe` (image spatial extents) property: it sits in the leading `meta` box. */
const AVIF_HEADER_SCAN = 64 * 1024;

function withSize(type: ImageType, size: Size | null): ImageProbe {
  return size === null ? { type } : { type, width: size.width, height: size.height };
}

function startsWith(buffer: Buffer, offset: number, prefix: Buffer): boolean {
  return buffer.length >= offset + prefix.length && buffer.subarray(offset, offset + prefix.length).equals(prefix);
}

function ascii(buffer: Buffer, offset: number, length: number): string {
  return buffer.length >= offset + length ? buffer.toString('latin1', offset, offset + length) : '';
}

/** PNG: the IHDR chunk comes first; width and height are big-endian at 16 and 20. */
function pngSize(buffer: Buffer): Size | null {
  if (buffer.length < 24 || ascii(buffer, 12, 4) !== 'IHDR') return null;
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

/** GIF: the logical screen size, little-endian at 6 and 8. */
function gifSize(buffer: Buffer): Size | null {
  if (buffer.length < 10) return null;
  return { width: buffer.readUInt16LE(6), height: buffer.readUInt16LE(8) };
}

/** JPEG: walk the marker segments to the first start-of-frame (SOF0–SOF15 except DHT, JPG and DAC). */
function jpegSize(buffer: Buffer): Size | null {
  let offset = 2;
  while (offset + 3 < buffer.length) {
    if (buffer[offset] !== 0xff) return null;
    const marker = buffer[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or start of scan before any frame
    const length = buffer.readUInt16BE(offset + 2);
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) {
      if (offset + 9 > buffer.length) return null;
      return { width: buffer.readUInt16BE(offset + 7), height: buffer.readUInt16BE(offset + 5) };
    }
    offset += 2 + length;
  }
  return null;
}

/** WebP: the first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended), each with its own size layout. */
function webpSize(buffer: Buffer): Size | null {
  const chunk = ascii(buffer, 12, 4);
  if (chunk === 'VP8 ') {
    // Frame header: 3-byte frame tag, start code 9d 01 2a, then 14-bit width and height.
    if (buffer.length < 30 || buffer[23] !== 0x9d || buffer[24] !== 0x01 || buffer[25] !== 0x2a) return null;
    return { width: buffer.readUInt16LE(26) & 0x3fff, height: buffer.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    if (buffer.length < 25 || buffer[20] !== 0x2f) return null;
    const bits = buffer.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    if (buffer.length < 30) return null;
    return { width: buffer.readUIntLE(24, 3) + 1, height: buffer.readUIntLE(27, 3) + 1 };
  }
  return null;
}

/** AVIF is an ISO-BMFF file whose leading `ftyp` box names the avif or avis brand (major or compatible). */
function isAvif(buffer: Buffer): boolean {
  if (buffer.length < 16 || ascii(buffer, 4, 4) !== 'ftyp') return false;
  const boxSize = Math.min(buffer.readUInt32BE(0), buffer.length);
  if (AVIF_BRANDS.has(ascii(buffer, 8, 4))) return true;
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) {
    if (AVIF_BRANDS.has(ascii(buffer, offset, 4))) return true;
  }
  return false;
}

/** The first `ispe` property is the primary item's in practice; a full box parse would buy little here. */
function avifSize(buffer: Buffer): Size | null {
  const scanned = buffer.subarray(0, AVIF_HEADER_SCAN);
  const at = scanned.indexOf('ispe', 0, 'latin1');
  if (at < 4 || at + 16 > buffer.length) return null;
  return { width: buffer.readUInt32BE(at + 8), height: buffer.readUInt32BE(at + 12) };
}
