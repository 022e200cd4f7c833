import { createHash, randomUUID } from 'node:crypto';
import { statSync, unlinkSync } from 'node:fs';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { IMAGE_TYPES, imageExtension, parseImageContentType } from './ImageType.ts';
import type { ImageType } from './ImageType.ts';
import { isImageHash } from './localImageUrl.ts';
import { probeImage } from './probeImage.ts';

export interface StoredImage {
  /** SHA-256 of the bytes in lower-case hex: the file's name and its identity. */
  readonly hash: string;
  /** Absolute path of the file. */
  readonly file: string;
  readonly bytes: number;
  readonly type: ImageType;
}

export interface ImageFile {
  readonly bytes: Buffer;
  readonly type: ImageType;
}

/** SHA-256 in lower-case hex, the content address of an image. */
export function imageHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Content-addressed image files under `<dataDirectory>/images/`, sharded by
 * the first two hex digits of the hash (`images/ab/abcdef….webp`) so no
 * directory grows past a few thousand entries at a million images.
 *
 * A file only ever appears complete: it is written beside its final name,
 * flushed, then renamed (rename is atomic within a directory). The same bytes
 * always map to the same name, so storing them twice writes once. Every file
 * is a verified image of the type its extension says: the Electron protocol
 * and the Node route serve it with that type and nosniff.
 */
export class ImageStore {
  /** `<dataDirectory>/images`. */
  readonly directory: string;

  constructor(dataDirectory: string) {
    this.directory = join(dataDirectory, 'images');
  }

  /** Stores `bytes` unless an identical file is already there. Rejects bytes that are not an image of `contentType`. */
  async put(bytes: Uint8Array, contentType: string): Promise<StoredImage> {
    const claimed = parseImageContentType(contentType);
    if (claimed === null) {
      throw new TypeError(`ImageStore.put: "${contentType}" is not an allowed image type (${IMAGE_TYPES.join(', ')})`);
    }
    const probed = probeImage(bytes)?.type ?? null;
    if (probed !== claimed) {
      throw new TypeError(
        `ImageStore.put: ${bytes.byteLength} bytes claimed as ${claimed} are ${probed === null ? 'not an allowed image' : probed}`,
      );
    }
    const hash = imageHash(bytes);
    const file = this.filePath(hash, claimed);
    const stored: StoredImage = { hash, file, bytes: bytes.byteLength, type: claimed };
    // Same name, same bytes: a complete file of the right size is the one we would write. A shorter one (a
    // copy interrupted outside this class, a damaged disk) is replaced.
    if ((await fileSize(file)) === bytes.byteLength) return stored;
    await this.#writeAtomically(file, hash, bytes);
    return stored;
  }

  /** Where a file with this hash and type lives (whether or not it exists). */
  filePath(hash: string, type: ImageType): string {
    assertHash('filePath', hash);
    return join(this.directory, hash.slice(0, 2), `${hash}.${imageExtension(type)}`);
  }

  /** The file stored under `hash`, or null. */
  async path(hash: string): Promise<string | null> {
    assertHash('path', hash);
    return (await this.#find(hash))?.file ?? null;
  }

  async has(hash: string): Promise<boolean> {
    assertHash('has', hash);
    return (await this.#find(hash)) !== null;
  }

  /** The stored bytes and their type, or null when nothing is stored under `hash`. */
  async read(hash: string): Promise<ImageFile | null> {
    assertHash('read', hash);
    const found = await this.#find(hash);
    if (found === null) return null;
    try {
      return { bytes: await readFile(found.file), type: found.type };
    } catch (error) {
      if (isMissingFile(error)) return null;
      throw new Error(`ImageStore.read: cannot read ${found.file}`, { cause: error });
    }
  }

  /**
   * Deletes the file stored under `hash`; returns its size, or null when there was none.
   *
   * Synchronous on purpose: the image collector (core/care) first checks that no caching pass is running,
   * then removes files with no `await` in between, so no pass can find a file here (and skip writing it)
   * just before it goes.
   */
  remove(hash: string): number | null {
    assertHash('remove', hash);
    for (const type of IMAGE_TYPES) {
      const file = this.filePath(hash, type);
      try {
        const info = statSync(file);
        if (!info.isFile()) continue;
        unlinkSync(file);
        return info.size;
      } catch (error) {
        if (isMissingFile(error)) continue;
        throw new Error(`ImageStore.remove: cannot delete ${file}`, { cause: error });
      }
    }
    return null;
  }

  /** A hash has exactly one type (the bytes decide it), so at most one of these names exists. */
  async #find(hash: string): Promise<{ readonly file: string; readonly type: ImageType } | null> {
    for (const type of IMAGE_TYPES) {
      const file = this.filePath(hash, type);
      if ((await fileSize(file)) !== null) return { file, type };
    }
    return null;
  }

  async #writeAtomically(file: string, hash: string, bytes: Uint8Array): Promise<void> {
    const shard = join(this.directory, hash.slice(0, 2));
    // A dot-name in the same directory: never mistaken for an image, and rename stays on one file system.
    const temporary = join(shard, `.${hash}.${randomUUID()}.tmp`);
    try {
      await mkdir(shard, { recursive: true });
      const handle = await open(temporary, 'wx');
      try {
        await handle.writeFile(bytes);
        // Flush before the rename, or a crash could leave the final name pointing at an empty file.
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(temporary, file);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw new Error(`ImageStore.put: cannot write ${file}`, { cause: error });
    }
  }
}

function assertHash(operation: string, hash: string): void {
  // The hash becomes a path: only the exact 64-hex form may reach the file system.
  if (!isImageHash(hash))
    throw new TypeError(`ImageStore.${operation}: "${hash}" is not a SHA-256 hash in lower-case hex`);
}

/** The size of a regular file, or null when there is none at `file`. */
async function fileSize(file: string): Promise<number | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? info.size : null;
  } catch (error) {
    if (isMissingFile(error)) return null;
    throw error;
  }
}

function isMissingFile(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error.code === 'ENOENT' || error.code === 'ENOTDIR')
  );
}
