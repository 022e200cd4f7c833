// The two icon containers the installers need, written from PNG images:
// Windows .ico (a directory of entries; Vista and later accept PNG entries)
// and macOS .icns (typed PNG chunks). Both are plain binary layouts.

export interface SizedPng {
  /** Width and height in pixels (the images are square). */
  readonly size: number;
  readonly png: Uint8Array;
}

/**
 * ICO: a 6-byte header (reserved 0, type 1 = icon, count), one 16-byte
 * directory entry per image (width and height as bytes, 0 meaning 256; no
 * palette; 1 plane; 32 bits; data length and offset), then the PNG data.
 */
export function encodeIco(images: readonly SizedPng[]): Buffer {
  const headerLength = 6 + 16 * images.length;
  const header = Buffer.alloc(headerLength);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = headerLength;
  images.forEach(({ size, png }, index) => {
    if (size < 1 || size > 256) throw new RangeError(`encodeIco: ${String(size)} px does not fit an ICO entry`);
    const entry = 6 + 16 * index;
    header.writeUInt8(size === 256 ? 0 : size, entry);
    header.writeUInt8(size === 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2);
    header.writeUInt8(0, entry + 3);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(({ png }) => png)]);
}

/** The ICNS types that hold a PNG, and the pixel size each one must be. */
export const ICNS_PNG_TYPES = {
  icp4: 16,
  icp5: 32,
  icp6: 64,
  ic07: 128,
  ic08: 256,
  ic09: 512,
  ic10: 1024, // 512 pt @2x
  ic11: 32, // 16 pt @2x
  ic12: 64, // 32 pt @2x
  ic13: 256, // 128 pt @2x
  ic14: 512, // 256 pt @2x
} as const;

export type IcnsPngType = keyof typeof ICNS_PNG_TYPES;

/**
 * ICNS: the magic `icns` and the whole file's length (big-endian), then one
 * chunk per image: its four-character type, its length including these 8
 * bytes, and the PNG data.
 */
export function encodeIcns(chunks: readonly { readonly type: IcnsPngType; readonly png: Uint8Array }[]): Buffer {
  const parts = chunks.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'latin1');
  header.writeUInt32BE(8 + body.length, 4);
  return Buffer.concat([header, body]);
}
