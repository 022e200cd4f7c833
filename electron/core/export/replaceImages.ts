import { MISSING_IMAGE_ATTRIBUTE } from '../../shared/articleHtmlAllowList.ts';
import { missingImageMessage } from '../../shared/missingImageMessage.ts';
import type { MinimalElement } from '../extract/article/MinimalDocument.ts';
import { parseLocalImageUrl, type LocalImageReference } from '../extract/images/localImageUrl.ts';

/** Where a cached image comes from in one export (a file beside a brief, a data: URI); null: not on disk. */
export type ImageSourceFor = (reference: LocalImageReference) => Promise<string | null>;

export interface ReplacedImages {
  /** Images shown from the cache. */
  readonly shown: number;
  /** Images shown as a sentence instead: never cached, or their file gone from disk. */
  readonly missing: number;
}

/**
 * The images of an article body (sanitized: cached `offprint-image://`
 * images and `data-offprint-missing` placeholders only) as an export shows
 * them: a cached image gets the source `sourceFor` gives it; any other, or
 * one whose file is gone, becomes a block saying why it is not saved, in
 * the reader's words, with its alt text.
 */
export async function replaceImages(root: MinimalElement, sourceFor: ImageSourceFor): Promise<ReplacedImages> {
  let shown = 0;
  let missing = 0;
  for (const image of [...root.querySelectorAll('img')]) {
    const reference = parseLocalImageUrl(image.getAttribute('src') ?? '');
    const source = reference === null ? null : await sourceFor(reference);
    if (source !== null) {
      image.setAttribute('src', source);
      image.removeAttribute('srcset');
      shown += 1;
      continue;
    }
    missing += 1;
    const reason = image.getAttribute(MISSING_IMAGE_ATTRIBUTE) ?? 'not-cached';
    const alt = (image.getAttribute('alt') ?? '').trim();
    // A span (styled as a block): valid wherever the image stood, inside a paragraph or a figure.
    const placeholder = root.ownerDocument.createElement('span');
    placeholder.className = 'missing-image';
    placeholder.textContent = alt === '' ? missingImageMessage(reason) : `${missingImageMessage(reason)} ${alt}`;
    image.replaceWith(placeholder);
  }
  return { shown, missing };
}
