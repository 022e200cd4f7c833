import type { Article } from '../../shared/model.ts';
import type { MinimalElement } from '../extract/article/MinimalDocument.ts';
import { articleBodyHtml, parseHtmlFragment } from './articleBody.ts';
import { replaceImages, type ImageSourceFor } from './replaceImages.ts';
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
  const { shown, missing } = await replaceImages(root, briefImageSource(onDisk));
  shiftHeadings(root, 1);
  markHighlights(root, article);
  return { html: root.innerHTML, missingImages: missing, images: shown };
}

/** How many of an article's images an export shows as placeholders (never cached, or gone from disk). */
export async function countMissingImages(article: Article, onDisk: ImageOnDisk): Promise<number> {
  return (await replaceImages(parseHtmlFragment(articleBodyHtml(article)), briefImageSource(onDisk))).missing;
}

/** A cached image beside the brief (`images/<hash>.<ext>`, which the printer serves from disk), if on disk. */
function briefImageSource(onDisk: ImageOnDisk): ImageSourceFor {
  return async ({ hash, extension }) => ((await onDisk(hash)) ? `images/${hash}.${extension}` : null);
}
