import type { Article, Highlight } from '../../shared/model.ts';
import { articleBodyHtml, parseHtmlFragment } from './articleBody.ts';
import { longDate } from './exportDates.ts';
import { frontMatter } from './frontMatter.ts';
import { htmlToMarkdown, type MarkdownImage } from './htmlToMarkdown.ts';
import { escapeMarkdown, linkDestination, quoteBlock } from './markdownText.ts';

export type { MarkdownImage } from './htmlToMarkdown.ts';

export interface ArticleMarkdownOptions {
  /** Names of the topics the article is filed under; written as tags after its feed categories. */
  readonly topics?: readonly string[];
  readonly exportedAt: Date;
}

export interface ArticlesMarkdownOptions {
  /** The document's title (front matter and first heading). */
  readonly title: string;
  /** Topic names by article id. */
  readonly topics?: ReadonlyMap<string, readonly string[]>;
  readonly exportedAt: Date;
}

const SEPARATOR = '\n\n---\n\n';

function sourceOf(article: Article): string | null {
  return article.siteName ?? article.feedTitle;
}

function addressOf(article: Article): string | null {
  const address = article.canonicalUrl ?? article.url;
  return address !== null && /^https?:\/\//i.test(address) ? address : null;
}

/** Feed categories then topics, each once (ignoring case), blanks dropped. */
function tagsOf(article: Article, topics: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...article.categories, ...topics]
    .map((tag) => tag.trim())
    .filter((tag) => {
      const key = tag.toLowerCase();
      if (tag === '' || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** `text` escaped line by line (stored quotes and comments keep their line breaks). */
function escapeLines(text: string): string {
  return text
    .split(/\r\n?|\n/)
    .map((line) => escapeMarkdown(line.trim()))
    .join('\n');
}

/** The line under the title: source, author, date, the original, then the tags. */
function byline(article: Article, tags: readonly string[]): string {
  const address = addressOf(article);
  const facts = [
    sourceOf(article) === null ? null : `*${escapeMarkdown(sourceOf(article) ?? '', false)}*`,
    article.author === null ? null : escapeMarkdown(article.author, false),
    longDate(article.publishedAt),
    address === null ? null : `[Original article](${linkDestination(address)})`,
  ].filter((fact) => fact !== null);
  const tagLine = tags.length === 0 ? [] : [`Tags: ${tags.map((tag) => escapeMarkdown(tag, false)).join(', ')}`];
  return [facts.join(' · '), ...tagLine].filter((line) => line !== '').join('\\\n');
}

function highlightBlock(highlight: Highlight): string {
  const parts = [quoteBlock(escapeLines(highlight.quote))];
  if (highlight.status === 'lost') parts.push('*(no longer in the article)*');
  if (highlight.comment !== null && highlight.comment.trim() !== '') parts.push(escapeLines(highlight.comment));
  return parts.join('\n\n');
}

/** One article under a heading of `level`: byline, body, highlights, notes. */
function articleSection(article: Article, level: number, tags: readonly string[]): string {
  const title = article.title.replace(/\s+/g, ' ').trim() || 'Untitled';
  const body = htmlToMarkdown(parseHtmlFragment(articleBodyHtml(article)), { headingShift: level }).markdown;
  const subheading = '#'.repeat(level + 1);
  const parts = [`${'#'.repeat(level)} ${escapeMarkdown(title, false)}`, byline(article, tags), body];
  if (article.highlights.length > 0) {
    parts.push(`${subheading} Highlights`, ...article.highlights.map(highlightBlock));
  }
  if (article.notes.length > 0) {
    // Notes are Markdown the reader wrote: kept as written.
    parts.push(`${subheading} Notes`, ...article.notes.map((note) => note.text.trim()));
  }
  return parts.filter((part) => part !== '').join('\n\n');
}

/**
 * One article as a Markdown file for Obsidian- or Zotero-style notes: YAML
 * front matter (title, source, author, url, published, fetched, saved,
 * exported, tags = feed categories and topics, language), the title, a
 * byline, the body converted from its stored HTML (see htmlToMarkdown), then
 * "## Highlights" (each quote as a block quote, its comment below, lost
 * ones marked) and "## Notes" (each note's Markdown as written).
 */
export function articleToMarkdown(article: Article, options: ArticleMarkdownOptions): string {
  const tags = tagsOf(article, options.topics ?? []);
  const header = frontMatter([
    ['title', article.title],
    ['source', sourceOf(article)],
    ['author', article.author],
    ['url', addressOf(article)],
    ['published', article.publishedAt === null ? null : { instant: article.publishedAt }],
    ['fetched', { instant: article.fetchedAt }],
    ['saved', article.savedAt === null ? null : { instant: article.savedAt }],
    ['exported', { instant: options.exportedAt.toISOString() }],
    ['tags', tags],
    ['language', article.language],
  ]);
  return `${header}\n\n${articleSection(article, 1, tags)}\n`;
}

/**
 * Many articles as one Markdown document: front matter (title, exported),
 * the title, then each article as in articleToMarkdown a level down, with a
 * `---` rule between them. For one file per article, call articleToMarkdown
 * for each and name the files with articleFileName.
 */
export function articlesToMarkdown(articles: readonly Article[], options: ArticlesMarkdownOptions): string {
  const header = frontMatter([
    ['title', options.title],
    ['exported', { instant: options.exportedAt.toISOString() }],
  ]);
  const title = `# ${escapeMarkdown(options.title.replace(/\s+/g, ' ').trim() || 'Offprint export', false)}`;
  const sections = articles.map((article) =>
    articleSection(article, 2, tagsOf(article, options.topics?.get(article.id) ?? [])),
  );
  return `${header}\n\n${title}\n\n${sections.join(SEPARATOR)}\n`;
}

/**
 * The cached images the Markdown of `articles` shows, each once: copy each
 * image's file to `<folder of the .md>/<path>` (`images/<hash>.<ext>`).
 */
export function markdownImages(articles: readonly Article[]): MarkdownImage[] {
  const images = new Map<string, MarkdownImage>();
  for (const article of articles) {
    for (const image of htmlToMarkdown(parseHtmlFragment(articleBodyHtml(article))).images) {
      images.set(image.path, image);
    }
  }
  return [...images.values()];
}
