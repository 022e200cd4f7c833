import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImageStore } from '../../../../electron/core/extract/images/ImageStore.ts';
import { createTempDirectory } from '../../../support/tempDirectory.ts';
import { GIF_3X2, JPEG_3X2, pngImage, WEBP_3X2 } from './imageFixtures.ts';

/** Every file under `directory`, relative and sorted, dot-files included. */
function listFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(directory, name)).isFile())
    .map((name) => name.split('\\').join('/'))
    .sort();
}

describe('ImageStore', () => {
  let dataDirectory: { path: string; dispose: () => void };
  let store: ImageStore;

  beforeEach(() => {
    dataDirectory = createTempDirectory('image-store');
    store = new ImageStore(dataDirectory.path);
  });

  afterEach(() => {
    dataDirectory.dispose();
  });

  it('stores bytes under their SHA-256, sharded by the first two hex digits', async () => {
    const bytes = pngImage();
    const hash = createHash('sha256').update(bytes).digest('hex');
    const stored = await store.put(bytes, 'image/png');
    expect(stored).toEqual({
      hash,
      file: join(dataDirectory.path, 'images', hash.slice(0, 2), `${hash}.png`),
      bytes: bytes.length,
      type: 'image/png',
    });
    expect(relative(dataDirectory.path, stored.file).split('\\').join('/')).toBe(
      `images/${hash.slice(0, 2)}/${hash}.png`,
    );
    expect(readFileSync(stored.file).equals(bytes)).toBe(true);
  });

  it('names files by type and accepts content types with parameters and aliases', async () => {
    expect((await store.put(JPEG_3X2, 'image/jpg')).file).toMatch(/\.jpg$/);
    expect((await store.put(WEBP_3X2, 'IMAGE/WEBP; q=1')).file).toMatch(/\.webp$/);
    expect((await store.put(GIF_3X2, 'image/gif')).file).toMatch(/\.gif$/);
  });

  it('stores the same bytes once', async () => {
    const bytes = pngImage({ color: [1, 2, 3] });
    const first = await store.put(bytes, 'image/png');
    const before = statSync(first.file).mtimeMs;
    const second = await store.put(Buffer.from(bytes), 'image/png');
    expect(second).toEqual(first);
    expect(statSync(first.file).mtimeMs).toBe(before);
    expect(listFiles(store.directory)).toEqual([`${first.hash.slice(0, 2)}/${first.hash}.png`]);
  });

  it('stores the same bytes once when two puts race', async () => {
    const bytes = pngImage({ color: [9, 9, 9] });
    const results = await Promise.all([store.put(bytes, 'image/png'), store.put(bytes, 'image/png')]);
    expect(results[0]).toEqual(results[1]);
    expect(listFiles(store.directory)).toHaveLength(1);
  });

  it('refuses bytes that are not the claimed image type, and types outside the allow-list', async () => {
    await expect(store.put(JPEG_3X2, 'image/png')).rejects.toThrow(
      /ImageStore\.put: \d+ bytes claimed as image\/png are image\/jpeg/,
    );
    await expect(store.put(Buffer.from('<html></html>'), 'image/gif')).rejects.toThrow(/are not an allowed image/);
    await expect(store.put(Buffer.from('<svg/>'), 'image/svg+xml')).rejects.toThrow(
      /"image\/svg\+xml" is not an allowed image type/,
    );
    expect(listFiles(dataDirectory.path)).toEqual([]);
  });

  it('finds, checks and reads what it stored', async () => {
    const stored = await store.put(WEBP_3X2, 'image/webp');
    const other = 'f'.repeat(64);
    expect(await store.has(stored.hash)).toBe(true);
    expect(await store.path(stored.hash)).toBe(stored.file);
    const file = await store.read(stored.hash);
    expect(file?.type).toBe('image/webp');
    expect(file?.bytes.equals(WEBP_3X2)).toBe(true);
    expect(await store.has(other)).toBe(false);
    expect(await store.path(other)).toBeNull();
    expect(await store.read(other)).toBeNull();
  });

  it.each(['../../../etc/passwd', `${'a'.repeat(64)}/..`, 'A'.repeat(64), 'a'.repeat(63), ''])(
    'refuses %j as a hash before touching the disk',
    async (hash) => {
      await expect(store.path(hash)).rejects.toThrow(/ImageStore\.path: .* is not a SHA-256 hash/);
      await expect(store.has(hash)).rejects.toThrow(/ImageStore\.has/);
      await expect(store.read(hash)).rejects.toThrow(/ImageStore\.read/);
      expect(() => store.filePath(hash, 'image/png')).toThrow(/ImageStore\.filePath/);
    },
  );

  describe('atomic writes', () => {
    it('leaves only the final file, never a temporary one', async () => {
      for (let index = 0; index < 5; index += 1) await store.put(pngImage({ color: [index, 0, 0] }), 'image/png');
      const files = listFiles(store.directory);
      expect(files).toHaveLength(5);
      expect(files.every((name) => /^[0-9a-f]{2}\/[0-9a-f]{64}\.png$/.test(name))).toBe(true);
    });

    it('ignores the temporary file a crashed writer left behind', async () => {
      const bytes = pngImage({ color: [4, 4, 4] });
      const hash = createHash('sha256').update(bytes).digest('hex');
      const shard = join(store.directory, hash.slice(0, 2));
      mkdirSync(shard, { recursive: true });
      writeFileSync(join(shard, `.${hash}.crashed.tmp`), bytes.subarray(0, 10));
      expect(await store.has(hash)).toBe(false);
      const stored = await store.put(bytes, 'image/png');
      expect(readFileSync(stored.file).equals(bytes)).toBe(true);
    });

    it('replaces a truncated file at the final name', async () => {
      const bytes = pngImage({ color: [5, 5, 5] });
      const file = store.filePath(createHash('sha256').update(bytes).digest('hex'), 'image/png');
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, bytes.subarray(0, 20));
      await store.put(bytes, 'image/png');
      expect(readFileSync(file).equals(bytes)).toBe(true);
    });

    it('cleans up and names the file when the final rename fails', async () => {
      const bytes = pngImage({ color: [6, 6, 6] });
      const file = store.filePath(createHash('sha256').update(bytes).digest('hex'), 'image/png');
      // A directory squatting on the final name makes the rename fail after the temporary file is written.
      mkdirSync(join(file, 'occupied'), { recursive: true });
      await expect(store.put(bytes, 'image/png')).rejects.toThrow(`ImageStore.put: cannot write ${file}`);
      expect(listFiles(store.directory)).toEqual([]);
      expect(statSync(file).isDirectory()).toBe(true);
    });
  });
});
