import { OffprintError } from '../../shared/errors.ts';
import type { ClipResult } from '../../shared/model.ts';
import { ExtractionError } from '../extract/article/ExtractionError.ts';
import type { ExtractedArticle } from '../extract/article/ExtractedArticle.ts';
import { splitImageSources } from '../extract/splitImageSources.ts';
import { FetchError } from '../feeds/FetchError.ts';
import type { FetchOptions } from '../feeds/fetchResource.ts';
import type { HostLimiter } from '../feeds/HostLimiter.ts';
import { truncate } from '../ingest/toNewArticle.ts';
import { articleIdOf, contentHashOf, dedupeKeyOf, type ArticleStore, type NewArticle } from '../store/ArticleStore.ts';
import { fetchArticlePage, type PageFetcher } from './fetchArticlePage.ts';
import type { ArticleExtractor, OfflinePreparer } from './OfflinePreparer.ts';

/** The source every clipped page is filed under. Like imported articles, it is never fetched. */
export const CLIPPED_FEED_URL = 'offprint:clipped';
export const CLIPPED_FEED_TITLE = 'Clipped';

/** A page to clip: fetched from `url`, or given as the content of a local file. */
export type ClipInput =
  { readonly url: string } | { readonly html: string; readonly fileName: string; readonly url?: string | undefined };

export interface ClipContext {
  readonly store: ArticleStore;
  readonly fetch: PageFetcher;
  readonly extractor: ArticleExtractor;
  readonly limiter: HostLimiter;
  readonly preparer: OfflinePreparer;
  readonly clock: () => Date;
  readonly fetchOptions?: Partial<FetchOptions>;
}

const SUMMARY_CHARS = 400;

/**
 * Saves one web page as an article of the "Clipped" source: fetched (same
 * limits as every page), extracted in a worker, sanitized, stored, and its
 * images cached. Clipping the same address again updates the article.
 * Failures are OffprintErrors naming the page and the reason.
 */
export async function clipPage(input: ClipInput, context: ClipContext): Promise<ClipResult> {
  const { store, clock } = context;
  const { extracted, pageUrl } = await extractInput(input, context);
  const feedId = clippedFeedId(store, clock().toISOString());
  const url = pageUrl ?? extracted.canonicalUrl;
  const stored = splitImageSources(extracted.contentHtml, url);
  const article: NewArticle = {
    guid: null,
    url,
    title: extracted.title ?? ('fileName' in input ? input.fileName : (url ?? '(untitled)')),
    author: extracted.byline,
    publishedAt: extracted.publishedAt,
    updatedAt: null,
    language: extracted.language,
    summary: truncate((extracted.excerpt ?? extracted.text).replace(/\s+/g, ' '), SUMMARY_CHARS),
    ...stored,
    text: extracted.text,
    categories: [],
  };
  store.writer.upsertArticles(feedId, [article], clock().toISOString(), {
    isPage: true,
    siteName: extracted.siteName,
    leadImageUrl: extracted.leadImageUrl,
  });
  const id = articleIdOf(CLIPPED_FEED_URL, dedupeKeyOf(article, contentHashOf(article)));
  await context.preparer.prepare({ articleIds: [id] });
  const saved = store.reader.getArticle(id);
  if (saved === null) throw new Error(`clipPage: the clipped article ${id} was not stored`);
  const { contentHtml: _html, text: _text, ...summary } = saved;
  return { article: summary, imagesMissing: saved.offline.imagesMissing, warnings: extracted.warnings };
}

async function extractInput(
  input: ClipInput,
  context: ClipContext,
): Promise<{ extracted: ExtractedArticle; pageUrl: string | null }> {
  try {
    if ('html' in input) {
      if (input.url !== undefined) {
        return { extracted: await context.extractor.extract(input.html, input.url), pageUrl: input.url };
      }
      // A saved file has no address of its own: the one the page declares (canonical link, og:url), so its
      // relative links and images resolve as they did in the browser; else none (they are dropped).
      const local = await context.extractor.extract(input.html, `file:///${encodeURIComponent(input.fileName)}`);
      if (local.canonicalUrl === null) return { extracted: local, pageUrl: null };
      return {
        extracted: await context.extractor.extract(input.html, local.canonicalUrl),
        pageUrl: local.canonicalUrl,
      };
    }
    const page = await fetchArticlePage(input.url, context.fetch, {
      ...context.fetchOptions,
      limiter: context.limiter,
    });
    return { extracted: await context.extractor.extract(page.html, page.url), pageUrl: page.url };
  } catch (error) {
    if (error instanceof FetchError) {
      throw new OffprintError('feed-error', `articles:clip: ${error.message}`, { cause: error });
    }
    // Not a page we can read (a PDF, an index of links): the call was fine, the page is not an article.
    if (error instanceof ExtractionError) {
      throw new OffprintError('feed-error', `articles:clip: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

function clippedFeedId(store: ArticleStore, now: string): number {
  const existing = store.reader.findFeedByUrl(CLIPPED_FEED_URL);
  if (existing !== null && existing.removedAt === null) return existing.id;
  return store.writer.addFeed({ url: CLIPPED_FEED_URL, title: CLIPPED_FEED_TITLE, kind: 'import' }, now).id;
}
