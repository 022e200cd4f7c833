import { imageExtension, imageTypeForExtension } from './ImageType.ts';
import type { ImageExtension, ImageType } from './ImageType.ts';

/**
 * The scheme article HTML uses for cached images. The Electron shell
 * registers it as a privileged protocol; the Node host maps it to an HTTP
 * route. Both resolve a reference only through parseLocalImageUrl.
 */
export const LOCAL_IMAGE_SCHEME = 'offprint-image';

export interface LocalImageReference {
  /** SHA-256 of the file's bytes, 64 lower-case hex digits. */
  readonly hash: string;
  readonly extension: ImageExtension;
  readonly type: ImageType;
}

const HASH_PATTERN = /^[0-9a-f]{64}$/;
/**
 * Exactly scheme, hash and extension. One trailing slash is tolerated because
 * Chromium canonicalizes a standard scheme's empty path to "/" before the
 * protocol handler sees it; nothing else (no query, fragment, dots, case) is.
 */
const LOCAL_URL_PATTERN = new RegExp(`^${LOCAL_IMAGE_SCHEME}://([0-9a-f]{64})\\.([a-z]{3,4})/?$`);

export function isImageHash(value: string): boolean {
  return HASH_PATTERN.test(value);
}

/** `offprint-image://<sha256>.<ext>`: the only image URL stored article HTML may hold. */
export function localImageUrl(hash: string, type: ImageType): string {
  if (!isImageHash(hash)) {
    throw new TypeError(`localImageUrl: "${hash}" is not a SHA-256 hash in lower-case hex`);
  }
  return `${LOCAL_IMAGE_SCHEME}://${hash}.${imageExtension(type)}`;
}

/** The hash and extension of a local image URL, or null for anything that is not exactly one. */
export function parseLocalImageUrl(url: string): LocalImageReference | null {
  const match = LOCAL_URL_PATTERN.exec(url);
  const hash = match?.[1];
  const extension = match?.[2];
  if (hash === undefined || extension === undefined) return null;
  const type = imageTypeForExtension(extension);
  if (type === null) return null;
  return { hash, extension: imageExtension(type), type };
}
