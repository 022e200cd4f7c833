import { CACHED_IMAGE_URL } from '../../shared/articleHtmlAllowList.ts';
import { missingImageMessage } from '../../shared/missingImageMessage.ts';
import type { Article } from '../../shared/model.ts';
import type { MinimalElement } from '../extract/article/MinimalDocument.ts';
import { articleBodyHtml, parseHtmlFragment } from './articleBody.ts';
import { shiftHeadings } from './shiftHeadings.ts';

export interface PreparedBody {
  readonly html: string;
  /** Images the article shows as placeholders: never cached, or cached once and gone from disk. */
  readonly missingImages: number;
  readonly images: number;
}

/** Whether a cached image's file is on disk (`<hash>.<ext>` as in `offprint-image://<hash>.<ext>`). */
export type ImageOnDisk = (hash: string) => Promise<boolean>;

/** Marks the article's highlights in its rendered body; returns nothing (the DOM is changed in place). */
export type HighlightMarker = (root: MinimalElement, article: Article) => void;

const IMAGE_PREFIX = 'offprint-image://';

/**
 * An article's body as a brief prints it: the stored HTML sanitized again
 * (cached images only), cached images pointed at `images/<hash>.<ext>` (the
 * printer serves them from disk), every image that is not on disk a visible
 * sentence saying why, the article's own headings one level down (its title
 * is the page's h1, and the PDF outline nests them under it), and the
 * reader's highlights marked.
 */
export async function prepareArticleBody(
  article: Article,
  onDisk: ImageOnDisk,
  markHighlights: HighlightMarker,
): Promise<PreparedBody> {
  const root = parseHtmlFragment(articleBodyHtml(article));
  const { images, missing } = await localizeImages(root, onDisk);
  shiftHeadings(root, 1);
  markHighlights(root, article);
  return { html: root.innerHTML, missingImages: missing, images };
}

/** How many of an article's images an export shows as placeholders (never cached, or gone from disk). */
export async function countMissingImages(article: Article, onDisk: ImageOnDisk): Promise<number> {
  return (await localizeImages(parseHtmlFragment(articleBodyHtml(article)), onDisk)).missing;
}

/** Points cached images at `images/<hash>.<ext>` and turns the rest into sentences; counts both. */
async function localizeImages(
  root: MinimalElement,
  onDisk: ImageOnDisk,
): Promise<{ readonly images: number; readonly missing: number }> {
  const document = root.ownerDocument;
  let missing = 0;
  let images = 0;
  for (const image of [...root.querySelectorAll('img')]) {
    const src = image.getAttribute('src') ?? '';
    const reason = image.getAttribute('data-offprint-missing');
    const cached = CACHED_IMAGE_URL.test(src) ? src.slice(IMAGE_PREFIX.length) : null;
    if (cached !== null && (await onDisk(cached.slice(0, cached.indexOf('.'))))) {
      image.setAttribute('src', `images/${cached}`);
      image.removeAttribute('srcset');
      images += 1;
      continue;
    }
    missing += 1;
    const placeholder = document.createElement('p');
    placeholder.className = 'missing-image';
    const alt = image.getAttribute('alt')?.trim() ?? '';
    const message = missingImageMessage(cached !== null ? 'not-cached' : (reason ?? 'not-cached'));
    placeholder.textContent = alt === '' ? message : `${message} ${alt}`;
    image.replaceWith(placeholder);
  }
  return { images, missing };
}
