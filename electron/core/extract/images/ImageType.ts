/**
 * The raster formats the image cache keeps. SVG is deliberately absent: it is
 * a document (scripts, external references, foreignObject), and a file served
 * from the app's own scheme could be opened as a page rather than an image.
 * News photos are raster; the few SVG logos and icons are not worth a second
 * sanitizer.
 */
export type ImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/avif';

export type ImageExtension = 'png' | 'jpg' | 'gif' | 'webp' | 'avif';

export const IMAGE_EXTENSIONS: Readonly<Record<ImageType, ImageExtension>> = Object.freeze({
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
});

export const IMAGE_TYPES: readonly ImageType[] = Object.freeze(Object.keys(IMAGE_EXTENSIONS) as ImageType[]);

/** Spellings servers use for the allowed types besides the registered ones. */
const ALIASES: ReadonlyMap<string, ImageType> = new Map<string, ImageType>([
  ['image/png', 'image/png'],
  ['image/x-png', 'image/png'],
  ['image/apng', 'image/png'],
  ['image/jpeg', 'image/jpeg'],
  ['image/jpg', 'image/jpeg'],
  ['image/pjpeg', 'image/jpeg'],
  ['image/gif', 'image/gif'],
  ['image/webp', 'image/webp'],
  ['image/avif', 'image/avif'],
]);

/** The allowed image type a Content-Type header names (parameters and case ignored), or null. */
export function parseImageContentType(header: string | null | undefined): ImageType | null {
  return ALIASES.get(contentTypeEssence(header)) ?? null;
}

/** `type/subtype` in lower case without parameters; '' for a missing header. */
export function contentTypeEssence(header: string | null | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function imageExtension(type: ImageType): ImageExtension {
  return IMAGE_EXTENSIONS[type];
}

export function imageTypeForExtension(extension: string): ImageType | null {
  for (const type of IMAGE_TYPES) if (IMAGE_EXTENSIONS[type] === extension) return type;
  return null;
}
