import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { openLibrary, type Library } from '../../../electron/core/Library.ts';
import type { NewArticle } from '../../../electron/core/store/ArticleStore.ts';
import { pngImage } from '../../unit/extract/images/imageFixtures.ts';

export const NOW = new Date('2026-11-28T12:00:00.000Z');
const DAY = 24 * 3_600_000;

export function daysAgo(days: number, from: Date = NOW): string {
  return new Date(from.getTime() - days * DAY).toISOString();
}

/** A library in `dataDir` whose clock stands still at NOW (one extraction thread, never used). */
export function openCareLibrary(dataDir: string, clock: () => Date = () => NOW): Promise<Library> {
  return openLibrary({ dataDir, clock, extractWorkers: 1, searchWorkers: 1 });
}

export function addFeed(library: Library, title: string): number {
  const slug = title.toLowerCase().replace(/\W+/g, '-');
  return library.store.writer.addFeed({ url: `https://${slug}.test/feed.xml`, title }, NOW.toISOString()).id;
}

export interface ArticleSpec {
  readonly title: string;
  /** Days before `from` (NOW unless given). */
  readonly age: number;
  readonly from?: Date;
  readonly read?: boolean;
  readonly saved?: boolean;
  readonly note?: boolean;
  readonly highlight?: boolean;
  /** Colours of PNG images the article uses (the same colour: the same file). */
  readonly images?: readonly (readonly [number, number, number])[];
}

/** Stores one article as ingest would, with its state, annotations (rows written directly) and cached images. */
export async function addArticle(library: Library, feedId: number, spec: ArticleSpec): Promise<string> {
  const { store } = library;
  const slug = spec.title.toLowerCase().replace(/\W+/g, '-');
  const article: NewArticle = {
    guid: slug,
    url: `https://wire.test/${slug}`,
    title: spec.title,
    author: 'A. Writer',
    publishedAt: daysAgo(spec.age, spec.from),
    updatedAt: null,
    language: 'en',
    summary: spec.title,
    contentHtml: `<p>${spec.title}.</p>`,
    text: `${spec.title}.`,
    categories: ['metals'],
  };
  const [id] = store.writer.upsertArticles(feedId, [article], daysAgo(spec.age)).newIds;
  if (id === undefined) throw new Error(`addArticle: ${spec.title} was not stored`);
  if (spec.read) store.writer.markRead([id], true);
  if (spec.saved) store.writer.setSaved(id, true, NOW.toISOString());
  const now = NOW.toISOString();
  if (spec.note) {
    store.database
      .prepare('INSERT INTO notes (article_id, text, created_at, updated_at) VALUES (?, ?, ?, ?)')
      .run(id, `Note on ${spec.title}`, now, now);
  }
  if (spec.highlight) {
    store.database
      .prepare(
        'INSERT INTO highlights (article_id, quote, start, end, created_at, updated_at) VALUES (?, ?, 0, ?, ?, ?)',
      )
      .run(id, spec.title, spec.title.length, now, now);
  }
  if (spec.images && spec.images.length > 0) {
    const cached = [];
    for (const [index, color] of spec.images.entries()) {
      const stored = await library.images.put(pngImage({ color }), 'image/png');
      cached.push({
        url: `https://wire.test/${slug}/${index}.png`,
        hash: stored.hash,
        type: stored.type,
        bytes: stored.bytes,
      });
    }
    store.writer.storeArticleImages(id, { html: article.contentHtml ?? '', images: cached, failures: [] }, now);
  }
  return id;
}

export function imageHashOf(color: readonly [number, number, number]): string {
  return createHash('sha256').update(pngImage({ color })).digest('hex');
}

export function articleIds(database: DatabaseSync): string[] {
  return (database.prepare('SELECT id FROM articles ORDER BY id').all() as { id: string }[]).map((row) => row.id);
}

/** Every row of every table the user's library is made of, in a stable order. */
export const LIBRARY_TABLES = [
  'feeds',
  'articles',
  'article_categories',
  'article_images',
  'images',
  'notes',
  'highlights',
  'topics',
  'article_topics',
  'settings',
] as const;

export function tableRows(database: DatabaseSync, table: string): unknown[] {
  return database.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
}

/** Every file under `directory` with its SHA-256: a fingerprint to show nothing changed. */
export function fingerprint(directory: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(directory, { recursive: true, encoding: 'utf8' })) {
    const path = join(directory, name);
    if (!statSync(path).isFile()) continue;
    files[name.split('\\').join('/')] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return files;
}
