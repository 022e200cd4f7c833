import { crc32, deflateSync } from 'node:zlib';

/*
 * Tiny images for the image cache tests. PNGs are built here byte by byte;
 * the JPEG, WebP and GIF constants are 3×2 images (one blue pixel on red)
 * encoded by Chromium's canvas (JPEG, WebP) or by hand (GIF), stripped of
 * their ICC profiles, and checked to decode to 3×2 in Chromium. The AVIF
 * bytes are only a header (ftyp + ispe): enough for the magic-number check
 * and the size probe, not a decodable picture.
 */

export const JPEG_3X2 = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAACAAMDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAXEAEBAQEAAAAAAAAAAAAAAAABABEx/8QAFQEBAQAAAAAAAAAAAAAAAAAABQf/xAAYEQACAwAAAAAAAAAAAAAAAAAAAQMycf/aAAwDAQACEQMRAD8AjQAAMDgSSHlu9KfHRYf/2Q==',
  'base64',
);

/** Lossy WebP (a single `VP8 ` chunk). */
export const WEBP_3X2 = Buffer.from(
  'UklGRkYAAABXRUJQVlA4IDoAAADwAQCdASoDAAIAAUAmJagCdLoAngAHJgAA/vAcz95DJfu98fnfKEaOt/+zEmif/Wh/+mJNE/14AAAA',
  'base64',
);

/** Lossless WebP (a single `VP8L` chunk). */
export const WEBP_LOSSLESS_3X2 = Buffer.from('UklGRiIAAABXRUJQVlA4TBYAAAAvAkAAAA8wMIeBPBzw/EcLbnAQ0f8Q', 'base64');

/** GIF89a, 4-colour table, LZW with a clear code every two pixels so all codes stay 3 bits wide. */
export const GIF_3X2 = Buffer.from('R0lGODlhAwACAIEAAMAwMDAwwAAAAP///ywAAAAAAwACAAACBAwIECgAOw==', 'base64');

/** The classic transparent 1×1 GIF that tracking pixels serve. */
export const GIF_1X1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export interface PngOptions {
  readonly width?: number;
  readonly height?: number;
  /** RGB of every pixel; different colours make different files. */
  readonly color?: readonly [number, number, number];
  /** Extra bytes in a private ancillary chunk (decoders skip it): a way to make a valid PNG of a chosen size. */
  readonly padding?: number;
}

/** A valid 8-bit RGB PNG (2×2 red unless told otherwise). */
export function pngImage(options: PngOptions = {}): Buffer {
  const width = options.width ?? 2;
  const height = options.height ?? 2;
  const [red, green, blue] = options.color ?? [200, 40, 40];
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, adaptive filtering, no interlace
  const row = Buffer.from([0, ...Array.from({ length: width }, () => [red, green, blue]).flat()]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  const chunks = [chunk('IHDR', header), chunk('IDAT', pixels)];
  if (options.padding !== undefined) chunks.splice(1, 0, chunk('prVt', Buffer.alloc(options.padding, 0x5a)));
  chunks.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, checksum]);
}

/** An AVIF header: `ftyp` (brand avif, or only a compatible brand) and a `meta` box holding an `ispe` property. */
export function avifHeader(
  width: number,
  height: number,
  options: { readonly majorBrand?: string; readonly compatibleBrands?: string } = {},
): Buffer {
  const brands = [options.majorBrand ?? 'avif', '\0\0\0\0', options.compatibleBrands ?? 'mif1miafavif'].join('');
  const ftyp = box('ftyp', Buffer.from(brands, 'latin1'));
  const ispeBody = Buffer.alloc(12);
  ispeBody.writeUInt32BE(width, 4);
  ispeBody.writeUInt32BE(height, 8);
  const meta = box('meta', Buffer.concat([Buffer.alloc(4), box('iprp', box('ipco', box('ispe', ispeBody)))]));
  return Buffer.concat([ftyp, meta]);
}

function box(type: string, body: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt32BE(8 + body.length);
  return Buffer.concat([size, Buffer.from(type, 'latin1'), body]);
}
