import { decodeHtmlEntities } from '../../feeds/htmlEntities.ts';
import { htmlToText } from '../htmlToText.ts';
import { compareShingleCounts, sharedShare, shingleCounts, tokenize } from './compareShingles.ts';
import type { ExtractionMethod } from './ExtractedArticle.ts';
import type { MinimalElement } from './MinimalDocument.ts';
import type { JsonLdObject } from './readJsonLd.ts';

export interface RepairResult {
  /** The body as HTML (not yet sanitized), or null when neither source has one. */
  readonly html: string | null;
  readonly method: ExtractionMethod;
  readonly warnings: readonly string[];
}

/** A JSON-LD body shorter than this is a teaser, not a body to check against. */
const MIN_BODY_WORDS = 30;
/** Below this share of the JSON-LD body found in Readability's text, Readability found something else: the body replaces it. */
const MISSED_COVERAGE = 0.3;
/** Below this share (but above MISSED_COVERAGE), Readability missed parts: they are restored from the body. */
const PARTIAL_COVERAGE = 0.85;
/** Below this share of Readability's text found in the JSON-LD body, Readability took in too much. */
const OVER_INCLUDED_PRECISION = 0.75;
/** JSON-LD lines shorter than this are captions, credits or headings more often than missed paragraphs. */
const MIN_RESTORED_WORDS = 20;
/** Common body tags: plain-text bodies may hold angle brackets of their own (`<The Palace>`), which are not markup. */
const HTML_TAG =
  /<\/?(?:p|br|div|span|a|strong|em|b|i|u|img|figure|figcaption|iframe|h[1-6]|ul|ol|li|blockquote|table|section)\b[^<>]*>/i;
const TEXT_BLOCKS = 'p, li, h2, h3, h4, h5, h6, blockquote, pre';
/** A Readability block sharing less than this with the JSON-LD body is not part of the article. */
const FOREIGN_BLOCK_OVERLAP = 0.2;

interface JsonLdBody {
  readonly paragraphs: readonly string[];
  readonly text: string;
  /** Ends in an ellipsis: a teaser cut short by the site, good for filling a gap, not for trimming. */
  readonly truncated: boolean;
}

/**
 * Checks Readability's (already cleaned) content against the page's JSON-LD
 * `articleBody` and repairs it when they clearly disagree:
 * - no Readability content, or hardly any of the JSON-LD body in it →
 *   the JSON-LD body, one paragraph per line (`json-ld`);
 * - parts missing → the missing paragraphs inserted where they belong, and
 *   much more text than the body → Readability's blocks that do not appear
 *   in the body dropped (either or both: `readability+json-ld`).
 * Agreement, or no usable body, leaves Readability's content as it is.
 */
export function repairWithJsonLd(
  content: MinimalElement | null,
  articleObjects: readonly JsonLdObject[],
  pageTitles: readonly string[],
): RepairResult {
  const body = readJsonLdBody(articleObjects, pageTitles);
  if (body === null) return { html: content?.innerHTML ?? null, method: 'readability', warnings: [] };
  const readabilityText = content === null ? '' : htmlToText(content.innerHTML);
  const bodyShingles = shingleCounts(body.text);
  const counts = compareShingleCounts(bodyShingles, shingleCounts(readabilityText));
  const coverage = counts.shared / Math.max(1, counts.shared + counts.missing);
  const precision = counts.shared / Math.max(1, counts.shared + counts.extra);
  const percent = (value: number): string => `${Math.round(value * 100)}%`;

  if (content === null || tokenize(readabilityText).length === 0 || (coverage < MISSED_COVERAGE && !body.truncated)) {
    return {
      html: paragraphsToHtml(body.paragraphs),
      method: 'json-ld',
      warnings: [
        content === null
          ? 'Readability found no article; the JSON-LD articleBody is used'
          : `Readability's text holds ${percent(coverage)} of the JSON-LD articleBody; the JSON-LD body is used`,
        ...(body.truncated ? ['the JSON-LD articleBody ends in an ellipsis and may be truncated'] : []),
      ],
    };
  }
  // A teaser body cannot say what is missing or extra; only what is there.
  if (body.truncated) return { html: content.innerHTML, method: 'readability', warnings: [] };
  const warnings: string[] = [];
  if (coverage < PARTIAL_COVERAGE) {
    const restored = restoreMissingParagraphs(content, body.paragraphs);
    if (restored > 0) {
      warnings.push(
        `Readability's text held ${percent(coverage)} of the JSON-LD articleBody; ${restored} missing paragraphs restored from it`,
      );
    }
  }
  if (precision < OVER_INCLUDED_PRECISION) {
    const removed = removeForeignBlocks(content, bodyShingles);
    if (removed > 0) {
      warnings.push(
        `only ${percent(precision)} of Readability's text is in the JSON-LD articleBody; ${removed} blocks not in it were dropped`,
      );
    }
  }
  return { html: content.innerHTML, method: warnings.length > 0 ? 'readability+json-ld' : 'readability', warnings };
}

/**
 * The first article's `articleBody` (HTML or plain text) as paragraphs; null
 * when there is none worth using. An article whose headline matches none of
 * the page's titles is another story (pages describe their teasers too) and
 * is passed over; one without a headline cannot be checked and is taken.
 */
export function readJsonLdBody(
  articleObjects: readonly JsonLdObject[],
  pageTitles: readonly string[],
): JsonLdBody | null {
  for (const article of articleObjects) {
    const raw = article['articleBody'] ?? article['text'];
    if (typeof raw !== 'string') continue;
    const headline = article['headline'] ?? article['name'];
    if (
      typeof headline === 'string' &&
      pageTitles.length > 0 &&
      !pageTitles.some((title) => sameStory(headline, title))
    ) {
      continue;
    }
    // Bodies come as plain text, as HTML, or as entity-escaped HTML (`&lt;p&gt;…`).
    const decoded = HTML_TAG.test(raw) ? raw : decodeHtmlEntities(raw);
    const text = HTML_TAG.test(decoded) ? htmlToText(decoded) : decoded;
    const paragraphs = text
      .split(/\n/)
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter((line) => line !== '');
    const joined = paragraphs.join('\n');
    if (tokenize(joined).length < MIN_BODY_WORDS) continue;
    return { paragraphs, text: joined, truncated: /(?:\.\.\.|…)$/.test(joined) };
  }
  return null;
}

/** Most of the headline's words are in the title ("Headline | Site" or a shortened headline both count). */
function sameStory(headline: string, title: string): boolean {
  const headlineWords = tokenize(headline.toLowerCase());
  const titleWords = new Set(tokenize(title.toLowerCase()));
  if (headlineWords.length === 0) return true;
  const shared = headlineWords.filter((word) => titleWords.has(word)).length;
  return shared / headlineWords.length >= 0.6 || shared / Math.max(1, titleWords.size) >= 0.6;
}

function paragraphsToHtml(paragraphs: readonly string[]): string {
  return paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n');
}

/**
 * Inserts the JSON-LD paragraphs Readability lacks into its content, each
 * after the block holding the paragraph before it. Only paragraph-sized
 * lines are restored: bodies often carry captions and credits as lines too.
 */
function restoreMissingParagraphs(content: MinimalElement, paragraphs: readonly string[]): number {
  const blocks = [...content.querySelectorAll(TEXT_BLOCKS)]
    .filter((block) => block.querySelector(TEXT_BLOCKS) === null)
    .map((block) => ({ block, shingles: shingleCounts(block.textContent ?? '') }));
  const contentShingles = shingleCounts(htmlToText(content.innerHTML));
  let anchor: MinimalElement | null = null;
  let searchFrom = 0;
  let restored = 0;
  for (const paragraph of paragraphs) {
    const shingles = shingleCounts(paragraph);
    if (sharedShare(contentShingles, shingles) >= 0.5) {
      const found = blocks.findIndex(
        (entry, index) => index >= searchFrom && sharedShare(entry.shingles, shingles) >= 0.5,
      );
      if (found >= 0) {
        anchor = blocks[found]?.block ?? anchor;
        searchFrom = found + 1;
      }
      continue;
    }
    if (tokenize(paragraph).length < MIN_RESTORED_WORDS) continue;
    const element = content.ownerDocument.createElement('p');
    element.textContent = paragraph;
    if (anchor === null) content.prepend(element);
    else anchor.after(element);
    anchor = element;
    restored += 1;
  }
  return restored;
}

/** Drops text blocks that share (almost) nothing with the JSON-LD body; returns how many went. */
function removeForeignBlocks(content: MinimalElement, bodyShingles: ReadonlyMap<string, number>): number {
  let removed = 0;
  for (const block of [...content.querySelectorAll(TEXT_BLOCKS)]) {
    if (block.querySelector(TEXT_BLOCKS) !== null) continue;
    const text = block.textContent ?? '';
    if (tokenize(text).length < 6) continue;
    if (sharedShare(bodyShingles, shingleCounts(text)) < FOREIGN_BLOCK_OVERLAP) {
      block.remove();
      removed += 1;
    }
  }
  return removed;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
