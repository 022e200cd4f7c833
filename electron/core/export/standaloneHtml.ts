import type { Article, Highlight, MissingImagesNote, Note } from '../../shared/model.ts';
import { parseImageContentType } from '../extract/images/ImageType.ts';
import { escapeHtml } from '../feeds/plainText.ts';
import { articleBodyHtml, parseHtmlFragment } from './articleBody.ts';
import { longDate } from './exportDates.ts';
import { markHighlights } from './markHighlights.ts';
import { replaceImages, type ImageSourceFor } from './replaceImages.ts';
import { shiftHeadings } from './shiftHeadings.ts';
import { STANDALONE_STYLES } from './standaloneStyles.ts';

/** A cached image's bytes and type, or null when its file is not on disk. */
export type ReadImage = (hash: string) => Promise<{ bytes: Uint8Array; type: string } | null>;

export interface StandaloneHtml {
  readonly html: string;
  /** Articles shown with a sentence for an image: never cached, or its file gone from disk. */
  readonly missingImages: readonly MissingImagesNote[];
}

export interface StandaloneHtmlOptions {
  readonly title: string;
  readonly readImage: ReadImage;
  readonly exportedAt: Date;
}

/** Nothing may be fetched: images come inline, styles from the page itself, and scripts, frames and fonts not at all. */
export const STANDALONE_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/** A language tag fit for `lang` (BCP 47 in shape), else null. */
function languageAttribute(language: string | null): string {
  return language !== null && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(language)
    ? ` lang="${escapeHtml(language)}"`
    : '';
}

function webAddress(article: Article): string | null {
  const address = article.canonicalUrl ?? article.url;
  return address !== null && /^https?:\/\//i.test(address) ? address : null;
}

/** Cached images read once per export however often they are shown, as data: URIs (null: not on disk). */
function imageInliner(readImage: ReadImage): ImageSourceFor {
  const inlined = new Map<string, Promise<string | null>>();
  return (reference) => {
    let pending = inlined.get(reference.hash);
    if (pending === undefined) {
      pending = readImage(reference.hash).then((image) => {
        if (image === null) return null;
        // The type goes into the URI: only a known image type, never the caller's text.
        const type = parseImageContentType(image.type) ?? reference.type;
        return `data:${type};base64,${Buffer.from(image.bytes).toString('base64')}`;
      });
      inlined.set(reference.hash, pending);
    }
    return pending;
  };
}

function highlightItem(highlight: Highlight): string {
  const comment =
    highlight.comment === null || highlight.comment.trim() === ''
      ? ''
      : `<p class="comment">${escapeHtml(highlight.comment)}</p>`;
  const lost = highlight.status === 'lost' ? '<p class="lost">No longer in the article.</p>' : '';
  return `<li><blockquote>${escapeHtml(highlight.quote)}</blockquote>${lost}${comment}</li>`;
}

function annotations(highlights: readonly Highlight[], notes: readonly Note[]): string {
  const parts: string[] = [];
  if (highlights.length > 0) parts.push('<h3>Highlights</h3>', `<ol>${highlights.map(highlightItem).join('')}</ol>`);
  // Notes are Markdown the reader wrote: shown as text, never as HTML.
  if (notes.length > 0) {
    parts.push('<h3>Notes</h3>', ...notes.map((note) => `<div class="note">${escapeHtml(note.text)}</div>`));
  }
  return parts.length === 0 ? '' : `<section class="annotations">\n${parts.join('\n')}\n</section>\n`;
}

async function articleHtml(
  article: Article,
  index: number,
  inline: ImageSourceFor,
): Promise<{ readonly html: string; readonly missingImages: number }> {
  const body = parseHtmlFragment(articleBodyHtml(article));
  shiftHeadings(body, 2);
  markHighlights(body, article);
  const { missing } = await replaceImages(body, inline);
  const source = article.siteName ?? article.feedTitle;
  const published = longDate(article.publishedAt);
  const facts = [
    source,
    article.author,
    published === null ? null : `published ${published}`,
    `saved to Offprint ${longDate(article.fetchedAt) ?? article.fetchedAt}`,
  ].filter((fact) => fact !== null);
  const address = webAddress(article);
  const link =
    address === null ? '' : `<p class="article-link"><a href="${escapeHtml(address)}">${escapeHtml(address)}</a></p>\n`;
  const html = `<article id="article-${index + 1}"${languageAttribute(article.language)}>
<header>
<h2>${escapeHtml(article.title.trim() || 'Untitled')}</h2>
<p class="article-meta">${facts.map(escapeHtml).join(' · ')}</p>
${link}</header>
<div class="article-body">
${body.innerHTML}
</div>
${annotations(article.highlights, article.notes)}</article>`;
  return { html, missingImages: missing };
}

function contents(articles: readonly Article[]): string {
  if (articles.length < 2) return '';
  const items = articles.map((article, index) => {
    const source = article.siteName ?? article.feedTitle;
    const from = source === null ? '' : ` <span class="export-meta">— ${escapeHtml(source)}</span>`;
    return `<li><a href="#article-${index + 1}">${escapeHtml(article.title.trim() || 'Untitled')}</a>${from}</li>`;
  });
  return `<nav aria-label="Contents">\n<ol>\n${items.join('\n')}\n</ol>\n</nav>\n`;
}

/**
 * The articles as one self-contained HTML file that opens anywhere, offline,
 * and asks nothing of the network: a strict Content-Security-Policy
 * (STANDALONE_CSP), an embedded stylesheet (readable on screen, one article
 * a page in print), and for each article its title, source, author, dates
 * and original link, its body (sanitized again, cached images only) with
 * the images inlined as data: URIs (missing ones as a sentence), the
 * reader's highlights marked as in the reader, then the highlights with
 * their comments and the notes (as text). The only addresses in the file
 * are plain links to the originals. Also says which articles show a
 * sentence for an image that is not on disk.
 */
export async function articlesToStandaloneHtml(
  articles: readonly Article[],
  options: StandaloneHtmlOptions,
): Promise<StandaloneHtml> {
  const inline = imageInliner(options.readImage);
  const bodies: string[] = [];
  const missingImages: MissingImagesNote[] = [];
  // One article at a time: each holds its parsed body only while it is written.
  for (const [index, article] of articles.entries()) {
    const written = await articleHtml(article, index, inline);
    bodies.push(written.html);
    if (written.missingImages > 0) {
      missingImages.push({ articleId: article.id, title: article.title, missing: written.missingImages });
    }
  }
  const title = escapeHtml(options.title.trim() || 'Offprint export');
  const count = `${articles.length} ${articles.length === 1 ? 'article' : 'articles'}`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${STANDALONE_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Offprint">
<title>${title}</title>
<style>${STANDALONE_STYLES}</style>
</head>
<body>
<header class="export-header">
<h1>${title}</h1>
<p class="export-meta">Exported ${longDate(options.exportedAt.toISOString()) ?? ''} · ${count}</p>
${contents(articles)}</header>
<main>
${bodies.join('\n')}
</main>
</body>
</html>
`;
  return { html, missingImages };
}
