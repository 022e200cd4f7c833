import { describe, expect, it } from 'vitest';
import { probeImage } from '../../../../electron/core/extract/images/probeImage.ts';
import { avifHeader, GIF_1X1, GIF_3X2, JPEG_3X2, pngImage, WEBP_3X2, WEBP_LOSSLESS_3X2 } from './imageFixtures.ts';

describe('probeImage', () => {
  it.each([
    ['PNG', pngImage({ width: 7, height: 5 }), 'image/png', 7, 5],
    ['JPEG', JPEG_3X2, 'image/jpeg', 3, 2],
    ['GIF', GIF_3X2, 'image/gif', 3, 2],
    ['1×1 GIF', GIF_1X1, 'image/gif', 1, 1],
    ['lossy WebP', WEBP_3X2, 'image/webp', 3, 2],
    ['lossless WebP', WEBP_LOSSLESS_3X2, 'image/webp', 3, 2],
    ['AVIF', avifHeader(640, 480), 'image/avif', 640, 480],
    ['AVIF by compatible brand', avifHeader(32, 16, { majorBrand: 'mif1' }), 'image/avif', 32, 16],
  ])('reads the type and size of a %s', (_name, bytes, type, width, height) => {
    expect(probeImage(bytes)).toEqual({ type, width, height });
  });

  it('reads a view into a larger buffer at its own offset', () => {
    const padded = Buffer.concat([Buffer.from('junk'), GIF_3X2]);
    expect(probeImage(padded.subarray(4))).toEqual({ type: 'image/gif', width: 3, height: 2 });
  });

  it('keeps the type of a truncated file whose size cannot be read', () => {
    expect(probeImage(pngImage().subarray(0, 12))).toEqual({ type: 'image/png' });
    expect(probeImage(JPEG_3X2.subarray(0, 40))).toEqual({ type: 'image/jpeg' });
  });

  it.each([
    ['HTML', Buffer.from('<!doctype html><title>Not found</title>')],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ['an empty body', Buffer.alloc(0)],
    ['HEIC', avifHeader(8, 8, { majorBrand: 'heic', compatibleBrands: 'mif1heic' })],
    ['a RIFF that is not WebP', Buffer.from('RIFF\u0004\u0000\u0000\u0000WAVEfmt ', 'latin1')],
  ])('says null for %s', (_name, bytes) => {
    expect(probeImage(bytes)).toBeNull();
  });
});
