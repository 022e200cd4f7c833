import type { MinimalElement } from '../extract/article/MinimalDocument.ts';

/**
 * Moves every heading under `root` down `levels` levels (h1 → h3 for 2,
 * never past h6), keeping its content and attributes: the article's title
 * is a heading of the export, and its own headings belong under it.
 */
export function shiftHeadings(root: MinimalElement, levels: number): void {
  if (levels <= 0) return;
  for (const heading of [...root.querySelectorAll('h1, h2, h3, h4, h5, h6')]) {
    const level = Math.min(6, Number(heading.localName.slice(1)) + levels);
    const lower = heading.ownerDocument.createElement(`h${level}`);
    for (const name of ['lang', 'dir']) {
      const value = heading.getAttribute(name);
      if (value !== null) lower.setAttribute(name, value);
    }
    lower.append(...heading.childNodes);
    heading.replaceWith(lower);
  }
}
