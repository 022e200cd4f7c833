import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { parseDate } from '../feeds/parseDate.ts';
import { htmlToText } from '../extract/htmlToText.ts';
import { sanitizeHtml } from '../extract/sanitizeHtml.ts';
import { splitImageSources } from '../extract/splitImageSources.ts';
import type { ArticleStore, NewArticle } from '../store/ArticleStore.ts';
import { truncate } from './toNewArticle.ts';

export interface ImportProgress {
  /** Lines read so far. */
  readonly lines: number;
  /** Articles committed to the database so far (new + updated + unchanged). */
  readonly committed: number;
}

export interface ImportReport {
  readonly lines: number;
  readonly newCount: number;
  readonly updatedCount: number;
  readonly unchangedCount: number;
  readonly rejectedCount: number;
  /** The first problems, each naming the line and why it was rejected. */
  readonly problems: readonly string[];
  readonly sources: readonly string[];
}

export interface ImportOptions {
  readonly batchSize?: number;
  readonly clock?: () => Date;
  /** Called after every committed batch: what it reports is durable. */
  readonly onProgress?: (progress: ImportProgress) => void;
}

const DEFAULT_BATCH = 1000;
const MAX_PROBLEMS = 50;
const IMPORT_URL_PREFIX = 'offprint-import:';

/**
 * Imports articles from JSON Lines (one object a line: title, body or html,
 * optional id, url, date, source, topics), plain or gzipped. For migration
 * from other tools and for benchmarks. Each source becomes an import feed;
 * a line that cannot be used is reported with its number, never skipped
 * silently. Batches commit one transaction each, so a crash loses at most
 * the batch in flight.
 */
export async function importArticles(
  store: ArticleStore,
  path: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const clock = options.clock ?? (() => new Date());
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const input: Readable = path.endsWith('.gz') ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  const lines = createInterface({ input, crlfDelay: Infinity });
  const feedIds = new Map<string, number>();
  const batches = new Map<number, NewArticle[]>();
  const problems: string[] = [];
  let lineNumber = 0;
  let pending = 0;
  let committed = 0;
  let newCount = 0;
  let updatedCount = 0;
  let rejectedCount = 0;

  const feedIdFor = (source: string): number => {
    let id = feedIds.get(source);
    if (id === undefined) {
      const url = `${IMPORT_URL_PREFIX}${encodeURIComponent(source)}`;
      const existing = store.reader.findFeedByUrl(url);
      id =
        existing && existing.removedAt === null
          ? existing.id
          : store.writer.addFeed({ url, title: source, kind: 'import' }, clock().toISOString()).id;
      feedIds.set(source, id);
    }
    return id;
  };

  const flush = (): void => {
    const fetchedAt = clock().toISOString();
    store.transaction(() => {
      for (const [feedId, articles] of batches) {
        const outcome = store.writer.upsertArticles(feedId, articles, fetchedAt);
        newCount += outcome.newIds.length;
        updatedCount += outcome.updatedIds.length;
      }
    });
    committed += pending;
    batches.clear();
    pending = 0;
    options.onProgress?.({ lines: lineNumber, committed });
  };

  const reject = (reason: string): void => {
    rejectedCount += 1;
    if (problems.length < MAX_PROBLEMS) problems.push(`${path}:${lineNumber}: ${reason}`);
  };

  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      reject(`not JSON (${(error as Error).message})`);
      continue;
    }
    const parsed = toImportedArticle(record);
    if (typeof parsed === 'string') {
      reject(parsed);
      continue;
    }
    const feedId = feedIdFor(parsed.source);
    let batch = batches.get(feedId);
    if (!batch) batches.set(feedId, (batch = []));
    batch.push(parsed.article);
    pending += 1;
    if (pending >= batchSize) flush();
  }
  if (pending > 0) flush();
  return {
    lines: lineNumber,
    newCount,
    updatedCount,
    unchangedCount: committed - newCount - updatedCount,
    rejectedCount,
    problems,
    sources: [...feedIds.keys()],
  };
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Validates one imported record; returns the reason as a string when it cannot be used. */
export function toImportedArticle(record: unknown): { source: string; article: NewArticle } | string {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'expected a JSON object';
  const fields = record as Record<string, unknown>;
  const title = text(fields['title']);
  const html = text(fields['html']);
  const body = text(fields['body']);
  if (!title && !html && !body) return 'needs a title, body or html';
  const url = text(fields['url']);
  if (url && !/^https?:\/\//i.test(url)) return `url ${JSON.stringify(url)} is not http(s)`;
  const rawDate = fields['date'];
  let publishedAt: string | null = null;
  if (rawDate !== undefined && rawDate !== null) {
    publishedAt = typeof rawDate === 'string' ? parseDate(rawDate) : null;
    if (!publishedAt) return `date ${JSON.stringify(rawDate)} is not a date`;
  }
  const stored = html ? splitImageSources(sanitizeHtml(html, url), url) : null;
  const contentHtml = stored ? stored.contentHtml : body ? paragraphsOf(body) : null;
  const plain = contentHtml ? htmlToText(contentHtml) : '';
  const rawId = fields['id'];
  const guid = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : null;
  const topics = Array.isArray(fields['topics'])
    ? fields['topics'].filter((topic): topic is string => typeof topic === 'string')
    : [];
  return {
    source: text(fields['source']) ?? 'Imported',
    article: {
      guid,
      url,
      title: title ?? (truncate(plain.split('\n', 1)[0] ?? '', 90) || '(untitled)'),
      author: text(fields['author']),
      publishedAt,
      updatedAt: null,
      language: text(fields['language']),
      summary: plain ? truncate(plain.replace(/\s+/g, ' '), 400) : null,
      contentHtml,
      sourceHtml: stored?.sourceHtml ?? null,
      text: plain,
      categories: topics,
    },
  };
}

function paragraphsOf(body: string): string {
  const escape = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return (
    body
      // A blank line, or a line break followed by an indent (wire-service style), starts a paragraph.
      .split(/\n\s*\n|\n(?=[ \t]{2,})/)
      .map((paragraph) => paragraph.trim())
      .filter((paragraph) => paragraph.length > 0)
      .map((paragraph) => `<p>${escape(paragraph.replace(/\s+/g, ' '))}</p>`)
      .join('\n')
  );
}
