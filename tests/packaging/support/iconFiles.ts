// Readers for the icon files, independent of the writers in scripts/: they
// follow the published layouts (PNG IHDR, ICO directory, ICNS chunks).

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPng(bytes: Buffer): boolean {
  return bytes.subarray(0, 8).equals(PNG_SIGNATURE);
}

/** Width and height from the IHDR chunk, which PNG requires first. */
export function pngDimensions(bytes: Buffer): { width: number; height: number } {
  if (!isPng(bytes)) throw new Error('not a PNG (signature)');
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG (first chunk is not IHDR)');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export interface IcoEntry {
  /** Width and height as the directory states them (0 read as 256). */
  readonly width: number;
  readonly height: number;
  readonly bitsPerPixel: number;
  readonly data: Buffer;
}

export function readIco(bytes: Buffer): IcoEntry[] {
  if (bytes.readUInt16LE(0) !== 0 || bytes.readUInt16LE(2) !== 1) throw new Error('not an ICO (header)');
  const count = bytes.readUInt16LE(4);
  const entries: IcoEntry[] = [];
  for (let index = 0; index < count; index++) {
    const at = 6 + 16 * index;
    const length = bytes.readUInt32LE(at + 8);
    const offset = bytes.readUInt32LE(at + 12);
    if (offset + length > bytes.length) throw new Error(`ICO entry ${String(index)} runs past the end of the file`);
    entries.push({
      width: bytes.readUInt8(at) || 256,
      height: bytes.readUInt8(at + 1) || 256,
      bitsPerPixel: bytes.readUInt16LE(at + 6),
      data: bytes.subarray(offset, offset + length),
    });
  }
  return entries;
}

export interface IcnsChunk {
  readonly type: string;
  readonly data: Buffer;
}

/** The chunks of an ICNS file; throws when the lengths do not add up. */
export function readIcns(bytes: Buffer): { declaredLength: number; chunks: IcnsChunk[] } {
  if (bytes.toString('latin1', 0, 4) !== 'icns') throw new Error('not an ICNS (magic)');
  const declaredLength = bytes.readUInt32BE(4);
  const chunks: IcnsChunk[] = [];
  let at = 8;
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at + 4);
    if (length < 8 || at + length > bytes.length) throw new Error(`ICNS chunk at ${String(at)} has a bad length`);
    chunks.push({ type: bytes.toString('latin1', at, at + 4), data: bytes.subarray(at + 8, at + length) });
    at += length;
  }
  return { declaredLength, chunks };
}
