import { Readability } from '@mozilla/readability';
import { htmlToText } from '../htmlToText.ts';
import { sanitizeHtml } from '../sanitizeHtml.ts';
import { cleanArticleContent, linkWordShare } from './cleanArticleContent.ts';
import type { ExtractedArticle } from './ExtractedArticle.ts';
import { ExtractionError } from './ExtractionError.ts';
import type { MinimalDocument, MinimalElement, MinimalNode } from './MinimalDocument.ts';
import { ELEMENT_NODE, TEXT_NODE } from './MinimalDocument.ts';
import { parsePage } from './parsePage.ts';
import { findArticleObjects, readJsonLd } from './readJsonLd.ts';
import { readPageMetadata } from './readPageMetadata.ts';
import { repairWithJsonLd } from './repairWithJsonLd.ts';
import { countWords } from './countWords.ts';

/** Pages past this many characters are refused: the fetch caps bytes, this guards callers that read files. */
export const MAX_HTML_LENGTH = 8 * 1024 * 1024;
/** Fewer words than this is a teaser, a gallery or an index page, not an article to keep offline. */
const MIN_ARTICLE_WORDS = 25;
/** A candidate with more of its words in links than this is a list of links (an index or section page). */
const MAX_LINK_SHARE = 0.5;
const MAX_EXCERPT_LENGTH = 300;
/** Real pages nest 20–50 levels deep (the Zyte benchmark's deepest is 50). */
const MAX_NESTING_DEPTH = 250;

/**
 * Extracts the article of one HTML page. Pure over (html, url): no network,
 * no clock. `url` is the page's address (after redirects); it names the page
 * in errors and resolves relative links and images.
 *
 * Readability finds the body; boilerplate it keeps (share bars, related and
 * recommended lists, newsletter boxes) is removed afterwards; a JSON-LD
 * `articleBody` on the page checks the result and repairs it when Readability
 * clearly missed or over-included content.
 */
export function extractArticle(html: string, url: string): ExtractedArticle {
  checkInput(html, url);
  const { document, baseUrl } = parsePage(html, url);
  // Readability's cost grows with the square of nesting depth (1,000 levels take seconds): refuse pathological pages.
  const depth = nestingDepth(document.documentElement);
  if (depth > MAX_NESTING_DEPTH) {
    throw new ExtractionError(
      'too-large',
      url,
      `extractArticle: ${url} nests elements more than ${MAX_NESTING_DEPTH} levels deep`,
    );
  }

  // JSON-LD and meta tags first: Readability removes the scripts that hold them.
  const articleObjects = findArticleObjects(readJsonLd(document));
  const metadata = readPageMetadata(document, articleObjects, baseUrl);
  // Before Readability rewrites the document: the page's one <h1>, a headline when no metadata names one.
  const heading = soleHeading(document);

  let parsed: ReturnType<Readability<MinimalElement>['parse']>;
  try {
    parsed = new Readability<MinimalElement>(document, {
      // Class names let the boilerplate pass recognise share bars and related lists; the sanitizer drops them later.
      keepClasses: true,
      serializer: (node: unknown) => node as MinimalElement,
    }).parse();
  } catch (error) {
    throw new ExtractionError('no-article', url, `extractArticle: Readability failed on ${url}: ${String(error)}`, {
      cause: error,
    });
  }

  const content = parsed?.content ?? null;
  if (content !== null) {
    collapseSourceWhitespace(content);
    cleanArticleContent(content, { title: nonEmpty(parsed?.title) ?? metadata.title, pageUrl: baseUrl });
  }
  const repaired = repairWithJsonLd(content, articleObjects, metadata.pageTitles);
  const method = repaired.method;
  if (repaired.html === null) {
    throw new ExtractionError('no-article', url, `extractArticle: no article found in ${url}`);
  }

  const contentHtml = sanitizeHtml(repaired.html, baseUrl);
  const text = htmlToText(contentHtml);
  const wordCount = countWords(text);
  if (wordCount < MIN_ARTICLE_WORDS) {
    throw new ExtractionError(
      'no-article',
      url,
      `extractArticle: no article found in ${url} (the best candidate has ${wordCount} words)`,
    );
  }
  // An index page's best candidate is its list of headlines: text, but text that only points elsewhere.
  const linkShare = method === 'json-ld' || content === null ? 0 : linkWordShare(content, baseUrl);
  if (linkShare > MAX_LINK_SHARE) {
    throw new ExtractionError(
      'no-article',
      url,
      `extractArticle: no article found in ${url} (the best candidate is ${Math.round(linkShare * 100)}% links)`,
    );
  }

  return {
    title: chooseTitle(nonEmpty(parsed?.title), metadata.title, heading, metadata.siteName),
    byline: nonEmpty(parsed?.byline) ?? metadata.byline,
    publishedAt: metadata.publishedAt,
    siteName: nonEmpty(parsed?.siteName) ?? metadata.siteName,
    language: metadata.language,
    leadImageUrl: metadata.leadImageUrl,
    canonicalUrl: metadata.canonicalUrl,
    contentHtml,
    text,
    // Not Readability's excerpt: without a description it takes the first <p> before cleaning (often a dateline).
    excerpt: metadata.excerpt ?? leadParagraph(text),
    wordCount,
    method,
    warnings: repaired.warnings,
  };
}

/** The deepest element nesting under `root`, walked without recursion (the input may be hostile). */
function nestingDepth(root: MinimalElement | null): number {
  if (root === null) return 0;
  let deepest = 0;
  const stack: [MinimalElement, number][] = [[root, 1]];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [element, depth] = entry;
    deepest = Math.max(deepest, depth);
    if (depth > MAX_NESTING_DEPTH) break;
    for (const child of element.children) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Turns source formatting (newlines and indentation inside paragraphs) into
 * single spaces, outside <pre>: whitespace in HTML is not content, but
 * htmlToText reads a raw newline as a line break.
 */
function collapseSourceWhitespace(root: MinimalElement): void {
  const visit = (node: MinimalNode): void => {
    if (node.nodeType === TEXT_NODE) {
      const text = node.textContent ?? '';
      if (/[\t\n\r\f]| {2}/.test(text)) node.textContent = text.replace(/[ \t\n\r\f]+/g, ' ');
      return;
    }
    if (node.nodeType !== ELEMENT_NODE || (node as MinimalElement).localName === 'pre') return;
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
}

/**
 * Readability's title, unless it is the page's own headline plus a site
 * suffix Readability did not strip ("Headline — Site Name"): then the
 * headline. The headline is og:title or JSON-LD's; failing those, the page's
 * single <h1>, but only when what follows it is the site's name.
 */
function chooseTitle(
  readabilityTitle: string | null,
  headline: string | null,
  heading: string | null,
  siteName: string | null,
): string | null {
  if (readabilityTitle === null) return headline ?? heading;
  if (headline !== null) return siteSuffix(readabilityTitle, headline) === null ? readabilityTitle : headline;
  if (heading === null || siteName === null) return readabilityTitle;
  const suffix = siteSuffix(readabilityTitle, heading);
  return suffix !== null && suffix.toLowerCase() === siteName.toLowerCase() ? heading : readabilityTitle;
}

/** What follows `headline` in `title` after a separator (`Headline | Site` → `Site`), or null. */
function siteSuffix(title: string, headline: string): string | null {
  if (!title.startsWith(headline)) return null;
  const match = /^\s*[|\-–—:·•»/]\s*(\S.*)$/.exec(title.slice(headline.length));
  return match?.[1]?.trim() ?? null;
}

function soleHeading(document: MinimalDocument): string | null {
  const headings = [...document.querySelectorAll('h1')];
  return headings.length === 1 ? nonEmpty(headings[0]?.textContent) : null;
}

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return trimmed === undefined || trimmed === '' ? null : trimmed;
}

/** The first line of the text that reads as a paragraph, cut to about MAX_EXCERPT_LENGTH characters at a word boundary. */
function leadParagraph(text: string): string | null {
  const lines = text.split('\n');
  const lead = lines.find((line) => countWords(line) >= 8) ?? lines[0] ?? '';
  if (lead.length <= MAX_EXCERPT_LENGTH) return nonEmpty(lead);
  const cut = lead.slice(0, MAX_EXCERPT_LENGTH);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_EXCERPT_LENGTH / 2)).trimEnd()}…`;
}

/** Refuses what is not an HTML page before spending a parse on it. */
function checkInput(html: string, url: string): void {
  if (html.length > MAX_HTML_LENGTH) {
    throw new ExtractionError(
      'too-large',
      url,
      `extractArticle: ${url} is ${html.length} characters, over the ${MAX_HTML_LENGTH} limit`,
    );
  }
  const head = html.slice(0, 4096);
  if (head.trim() === '') throw new ExtractionError('not-html', url, `extractArticle: ${url} is empty`);
  // Control characters other than tab/newline/CR, or U+FFFD from a failed decode, mean binary data.
  // eslint-disable-next-line no-control-regex -- sniffing binary data means matching control characters.
  const binary = head.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
  if (binary > 8 || binary > head.length / 100) {
    throw new ExtractionError('not-html', url, `extractArticle: ${url} is not HTML (binary content)`);
  }
  if (!/<(?:!doctype\s+html|html|head|body|p|div|article|main|section|h[1-6])[\s>]/i.test(html.slice(0, 65536))) {
    throw new ExtractionError('not-html', url, `extractArticle: ${url} is not HTML (no HTML elements)`);
  }
  if (/^\s*(?:<\?xml[^>]*>\s*)?<(?:rss|feed|rdf:RDF)[\s>]/i.test(head)) {
    throw new ExtractionError('not-html', url, `extractArticle: ${url} is a feed, not an HTML page`);
  }
}
