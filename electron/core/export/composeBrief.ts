import type { Article, Highlight, Note } from '../../shared/model.ts';
import { escapeHtml } from '../feeds/plainText.ts';
import { longDate } from './exportDates.ts';

export type Paper = 'a4' | 'letter';
export type Margins = 'narrow' | 'normal' | 'wide';

/** How a brief looks: its cover, its running header and its paper. */
export interface BriefStyle {
  readonly title: string;
  /** The cover's author line and the PDF's Author; null: none. */
  readonly author: string | null;
  readonly paper: Paper;
  readonly margins: Margins;
  readonly createdAt: Date;
}

/** One article in the contents and the list of sources (cheap: read before any article's body). */
export interface BriefEntry {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly author: string | null;
  readonly publishedAt: string | null;
  readonly fetchedAt: string;
  readonly url: string | null;
}

/** An article ready to print: its entry, its body (sanitized, images local) and what the reader added. */
export interface PreparedArticle {
  readonly entry: BriefEntry;
  readonly bodyHtml: string;
  readonly notes: readonly Note[];
  readonly highlights: readonly Highlight[];
}

const PAPER_SIZES: Readonly<Record<Paper, string>> = { a4: 'A4', letter: 'letter' };
const MARGINS: Readonly<Record<Margins, string>> = {
  narrow: '14mm 12mm 16mm',
  normal: '20mm 18mm 22mm',
  wide: '26mm 28mm 28mm',
};

/** "7 September 2025"; the stored text when it is not a date. */
export function formatBriefDate(iso: string): string {
  return longDate(iso) ?? iso;
}

export function briefEntryOf(
  article: Pick<
    Article,
    'id' | 'title' | 'siteName' | 'feedTitle' | 'author' | 'publishedAt' | 'fetchedAt' | 'url' | 'canonicalUrl'
  >,
): BriefEntry {
  return {
    id: article.id,
    title: article.title.trim() === '' ? 'Untitled' : article.title,
    source: article.siteName ?? article.feedTitle ?? 'Unknown source',
    author: article.author,
    publishedAt: article.publishedAt,
    fetchedAt: article.fetchedAt,
    url: article.canonicalUrl ?? article.url,
  };
}

/** A CSS string literal: quotes, backslashes and line breaks escaped, so a title cannot end the rule. */
function cssString(text: string): string {
  return `"${text
    .replace(/[\\"]/g, '\\$&')
    .replace(/[\r\n\f]+/g, ' ')
    .replace(/[<>]/g, (character) => `\\${character.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * The document's head: the stylesheet from assets, and the @page rules that
 * depend on the brief (paper, margins, the title in the running header and
 * "page N of M" below). The cover prints with neither.
 */
export function briefHead(style: BriefStyle): string {
  const author = style.author === null ? '' : `<meta name="author" content="${escapeHtml(style.author)}">`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(style.title)}</title>
${author}
<link rel="stylesheet" href="print.css">
<style>
@page {
  size: ${PAPER_SIZES[style.paper]};
  margin: ${MARGINS[style.margins]};
  @top-center { content: ${cssString(style.title)}; font: 8pt 'Inter Variable', sans-serif; color: #55524c; }
  @bottom-center { content: "page " counter(page) " of " counter(pages); font: 8pt 'Inter Variable', sans-serif; color: #55524c; }
}
@page cover {
  @top-center { content: none; }
  @bottom-center { content: none; }
}
</style>
</head>
<body>
`;
}

export function briefCover(style: BriefStyle, count: number): string {
  const author = style.author === null ? '' : `<p class="cover-meta">${escapeHtml(style.author)}</p>`;
  return `<section class="cover" aria-label="Cover">
<p class="cover-kicker">Offprint brief</p>
<p class="cover-title">${escapeHtml(style.title)}</p>
${author}
<p class="cover-meta">${formatBriefDate(style.createdAt.toISOString())} · ${count} ${count === 1 ? 'article' : 'articles'}</p>
</section>
`;
}

/**
 * The table of contents. `pages` (article id → first page) is unknown on the
 * first printing: the numbers are left blank in a fixed-width cell, so
 * filling them in later moves nothing.
 */
export function briefContents(entries: readonly BriefEntry[], pages: ReadonlyMap<string, number> | null): string {
  const items = entries.map((entry) => {
    const page = pages?.get(entry.id);
    return `<li><a href="#${anchorOf(entry)}"><span class="entry-title">${escapeHtml(entry.title)}</span><span class="entry-source">${escapeHtml(sourceLine(entry))}</span></a><span class="entry-page">${page ?? ''}</span></li>`;
  });
  return `<section class="contents">
<h1>Contents</h1>
<ol>
${items.join('\n')}
</ol>
</section>
`;
}

function anchorOf(entry: BriefEntry): string {
  return `article-${entry.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function sourceLine(entry: BriefEntry): string {
  const date = entry.publishedAt === null ? null : formatBriefDate(entry.publishedAt);
  return [entry.source, entry.author, date].filter((part) => part !== null && part !== '').join(' · ');
}

function link(url: string | null): string {
  return url === null ? 'no address' : `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
}

/** One article: its own page, a header of facts, the body, then the reader's highlights and notes. */
export function briefArticle(article: PreparedArticle): string {
  const { entry } = article;
  const published = entry.publishedAt === null ? 'date not given' : formatBriefDate(entry.publishedAt);
  const byline = entry.author === null ? '' : ` · ${escapeHtml(entry.author)}`;
  return `<article class="article" id="${anchorOf(entry)}">
<h1 class="article-title">${escapeHtml(entry.title)}</h1>
<div class="article-meta">
<p>${escapeHtml(entry.source)}${byline} · published ${escapeHtml(published)}</p>
${entry.url === null ? '' : `<p>Original: ${link(entry.url)}</p>\n`}<p>Saved to Offprint ${escapeHtml(formatBriefDate(entry.fetchedAt))}</p>
</div>
<div class="article-body">
${article.bodyHtml}
</div>
${annotations(article)}</article>
`;
}

function annotations({ highlights, notes }: PreparedArticle): string {
  if (highlights.length === 0 && notes.length === 0) return '';
  const parts: string[] = ['<section class="annotations">'];
  if (highlights.length > 0) {
    parts.push('<h2>Highlights</h2>', '<ol>');
    for (const highlight of highlights) {
      const comment = highlight.comment === null ? '' : `<p class="comment">${escapeHtml(highlight.comment)}</p>`;
      const lost = highlight.status === 'lost' ? '<p class="lost">This passage is no longer in the article.</p>' : '';
      parts.push(`<li><blockquote>${escapeHtml(highlight.quote)}</blockquote>${comment}${lost}</li>`);
    }
    parts.push('</ol>');
  }
  if (notes.length > 0) {
    parts.push('<h2>Notes</h2>');
    // Notes are Markdown the reader typed: printed as text, never as HTML.
    for (const note of notes) parts.push(`<p class="note">${escapeHtml(note.text)}</p>`);
  }
  parts.push('</section>');
  return `${parts.join('\n')}\n`;
}

export function briefSources(entries: readonly BriefEntry[]): string {
  const items = entries.map(
    (entry) =>
      `<li>${escapeHtml(entry.title)}. ${escapeHtml(sourceLine(entry))}. ${link(entry.url)} (saved ${escapeHtml(formatBriefDate(entry.fetchedAt))})</li>`,
  );
  return `<section class="sources">
<h1>Sources</h1>
<ol>
${items.join('\n')}
</ol>
</section>
</body>
</html>
`;
}
