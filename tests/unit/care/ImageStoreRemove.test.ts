import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImageStore } from '../../../electron/core/extract/images/ImageStore.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import { GIF_3X2, pngImage } from '../extract/images/imageFixtures.ts';

describe('ImageStore.remove', () => {
  let temp: ReturnType<typeof createTempDirectory>;
  let images: ImageStore;

  beforeEach(() => {
    temp = createTempDirectory('image-remove');
    images = new ImageStore(temp.path);
  });
  afterEach(() => {
    temp.dispose();
  });

  it('deletes the file stored under a hash, whatever its type, and returns its size', async () => {
    const png = await images.put(pngImage(), 'image/png');
    const gif = await images.put(GIF_3X2, 'image/gif');
    expect(images.remove(gif.hash)).toBe(GIF_3X2.byteLength);
    expect(existsSync(gif.file)).toBe(false);
    expect(await images.has(png.hash)).toBe(true);
  });

  it('returns null when nothing is stored under the hash', () => {
    expect(images.remove('a'.repeat(64))).toBeNull();
  });

  it('refuses anything but a SHA-256 hash, so no path can reach the file system', () => {
    for (const bad of ['../../library.sqlite', 'A'.repeat(64), `${'a'.repeat(63)}/`, '']) {
      expect(() => images.remove(bad)).toThrow(/ImageStore\.remove: .* is not a SHA-256 hash/);
    }
  });
});
