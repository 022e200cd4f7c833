import type { ParsedItem } from '../feeds/ParsedFeed.ts';
import { htmlToText } from '../extract/htmlToText.ts';
import { sanitizeHtml } from '../extract/sanitizeHtml.ts';
import { splitImageSources } from '../extract/splitImageSources.ts';
import type { NewArticle } from '../store/ArticleStore.ts';

const SUMMARY_CHARS = 400;
const UNTITLED_CHARS = 90;

/**
 * A parsed feed item as the store wants it: HTML sanitized (feeds are
 * untrusted), plain text derived for search and word counts, a short plain
 * summary for lists, and a title even when the feed gave none.
 */
export function toNewArticle(item: ParsedItem, baseUrl: string): NewArticle {
  const rawHtml = item.contentHtml ?? item.summaryHtml;
  const stored = rawHtml ? splitImageSources(sanitizeHtml(rawHtml, item.url ?? baseUrl), item.url ?? baseUrl) : null;
  const contentHtml = stored?.contentHtml ?? null;
  const text = contentHtml ? htmlToText(contentHtml) : '';
  // Most RSS items carry only a description: it is both body and summary, so sanitize it once.
  const summarySource =
    item.summaryHtml && item.contentHtml ? htmlToText(sanitizeHtml(item.summaryHtml, baseUrl)) : text;
  return {
    guid: item.guid,
    url: item.url,
    title: item.title?.trim() || untitled(text, item.url),
    author: item.author,
    publishedAt: item.publishedAt,
    updatedAt: item.updatedAt,
    language: item.language,
    summary: summarySource ? truncate(summarySource.replace(/\s+/g, ' '), SUMMARY_CHARS) : null,
    contentHtml: contentHtml || null,
    sourceHtml: stored?.sourceHtml ?? null,
    text,
    categories: [
      ...new Set(item.categories.map((category) => category.trim()).filter((category) => category.length > 0)),
    ],
  };
}

function untitled(text: string, url: string | null): string {
  const firstLine = text.split('\n', 1)[0]?.trim();
  if (firstLine) return truncate(firstLine, UNTITLED_CHARS);
  return url ?? '(untitled)';
}

export function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > limit * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
