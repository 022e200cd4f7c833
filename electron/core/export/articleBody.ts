import { parseHTML } from 'linkedom';
import type { Article } from '../../shared/model.ts';
import type { MinimalDocument, MinimalElement } from '../extract/article/MinimalDocument.ts';
import { sanitizeHtml } from '../extract/sanitizeHtml.ts';
import { escapeHtml } from '../feeds/plainText.ts';

/** Far deeper than any real article, far shallower than what exhausts linkedom's stack. */
const NESTING_LIMIT = 256;

/** What an export reads of an article's body. */
export type ArticleBodySource = Pick<Article, 'contentHtml' | 'text' | 'url'>;

/**
 * An article's body as exports show it: the stored HTML (else the stored
 * text, one paragraph a line, as htmlToText writes it) sanitized again with
 * cached images only. Sanitized again because the store is not trusted to
 * have been written by this version's rules; cached-only so nothing in an
 * export can ask the network for anything. Elements nested deeper than 256
 * levels are unwrapped, keeping their text.
 */
export function articleBodyHtml(article: ArticleBodySource): string {
  const stored =
    article.contentHtml ??
    article.text
      .split(/\n+/)
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .map((line) => `<p>${escapeHtml(line)}</p>`)
      .join('\n');
  return sanitizeHtml(stored, article.url, { images: 'cached-only', nestingLimit: NESTING_LIMIT });
}

/** Parses an HTML fragment with linkedom into a detached `<div>` holding it (core has no DOM of its own). */
export function parseHtmlFragment(html: string): MinimalElement {
  const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>') as unknown as {
    document: MinimalDocument;
  };
  const root = document.createElement('div');
  root.innerHTML = html;
  return root;
}
