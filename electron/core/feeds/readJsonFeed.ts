import type { ParsedFeed, ParsedItem } from './ParsedFeed.ts';
import { parseDate } from './parseDate.ts';
import { collapseWhitespace, escapeHtml, htmlToPlainText, languageTag, looksLikeHtml, nonBlank } from './plainText.ts';
import { resolveHtmlUrls, resolveUrl } from './resolveUrl.ts';

/**
 * Maps a JSON Feed 1.0/1.1 object (https://jsonfeed.org/version/1.1) onto
 * ParsedFeed. The input is untrusted JSON, so every field is type-checked
 * on read: a number where a string belongs is ignored, never a TypeError.
 */

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(object: JsonObject, key: string): string | null {
  const value = object[key];
  return typeof value === 'string' ? nonBlank(value) : null;
}

function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** Whether a parsed JSON value declares itself a JSON Feed. */
export function isJsonFeed(value: unknown): value is JsonObject {
  if (!isObject(value)) return false;
  const version = value.version;
  return typeof version === 'string' && /^https?:\/\/jsonfeed\.org\/version\//i.test(version.trim());
}

/** 1.1 has `authors`; 1.0 had a single `author`. */
function authorOf(object: JsonObject): string | null {
  for (const author of [...objects(object.authors), ...objects([object.author])]) {
    const name = stringField(author, 'name');
    if (name !== null) return collapseWhitespace(name);
  }
  return null;
}

/** JSON Feed titles are plain text, but HTML-escaped ones exist in the wild. */
function plainTitle(value: string | null): string | null {
  if (value === null) return null;
  return nonBlank(looksLikeHtml(value) ? htmlToPlainText(value) : collapseWhitespace(value));
}

function readItem(item: JsonObject, base: string, feedAuthor: string | null): ParsedItem {
  const id = item.id;
  // `id` is specified as a string, but numbers are common; keep them.
  const guid =
    typeof id === 'string' ? nonBlank(id.trim()) : typeof id === 'number' && Number.isFinite(id) ? String(id) : null;
  const url = resolveUrl(stringField(item, 'url') ?? stringField(item, 'external_url'), base);
  const contentText = stringField(item, 'content_text');
  const contentHtml = stringField(item, 'content_html');
  const summary = stringField(item, 'summary');
  const tags = Array.isArray(item.tags) ? item.tags.filter((tag): tag is string => typeof tag === 'string') : [];
  const enclosures = objects(item.attachments).flatMap((attachment) => {
    const attachmentUrl = resolveUrl(stringField(attachment, 'url'), base);
    if (attachmentUrl === null) return [];
    const size = attachment.size_in_bytes;
    return [
      {
        url: attachmentUrl,
        type: stringField(attachment, 'mime_type'),
        length: typeof size === 'number' && Number.isSafeInteger(size) && size >= 0 ? size : null,
      },
    ];
  });
  const updatedAt = parseOptionalDate(stringField(item, 'date_modified'));
  return {
    guid,
    url,
    title: plainTitle(stringField(item, 'title')),
    author: authorOf(item) ?? feedAuthor,
    publishedAt: parseOptionalDate(stringField(item, 'date_published')) ?? updatedAt,
    updatedAt,
    // `summary` is plain text by the spec.
    summaryHtml: summary === null ? null : escapeHtml(summary.trim()),
    contentHtml:
      contentHtml !== null
        ? resolveHtmlUrls(contentHtml.trim(), base)
        : contentText !== null
          ? textToHtml(contentText)
          : null,
    categories: dedupe(tags),
    enclosures,
    imageUrl: resolveUrl(stringField(item, 'image') ?? stringField(item, 'banner_image'), base),
    language: languageTag(stringField(item, 'language')),
  };
}

function parseOptionalDate(value: string | null): string | null {
  return value === null ? null : parseDate(value);
}

/** Plain text → HTML paragraphs, keeping the author's line breaks. */
function textToHtml(text: string): string {
  return text
    .trim()
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\r?\n/g, '<br />')}</p>`)
    .join('');
}

function dedupe(values: readonly string[]): string[] {
  return [...new Set(values.map((value) => collapseWhitespace(value)).filter((value) => value !== ''))];
}

/** Reads an object that `isJsonFeed` accepted. */
export function readJsonFeed(feed: JsonObject, documentUrl: string): ParsedFeed {
  const siteUrl = resolveUrl(stringField(feed, 'home_page_url'), documentUrl);
  const selfUrl = resolveUrl(stringField(feed, 'feed_url'), documentUrl);
  const feedAuthor = authorOf(feed);
  const description = stringField(feed, 'description');
  return {
    format: 'json',
    title: plainTitle(stringField(feed, 'title')),
    description: description === null ? null : nonBlank(collapseWhitespace(description)),
    siteUrl,
    selfUrl,
    language: languageTag(stringField(feed, 'language')),
    imageUrl: resolveUrl(stringField(feed, 'icon') ?? stringField(feed, 'favicon'), documentUrl),
    updatedAt: null,
    items: objects(feed.items).map((item) => readItem(item, documentUrl, feedAuthor)),
  };
}
