import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { list as listTar } from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../../../electron/core/Library.ts';
import { restoreLibrary } from '../../../electron/core/care/restoreLibrary.ts';
import type { BackupManifest } from '../../../electron/core/care/BackupManifest.ts';
import { attempt, call } from '../../support/callHandlers.ts';
import { expectFailure } from '../../support/expectFailure.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import {
  addArticle,
  addFeed,
  fingerprint,
  imageHashOf,
  LIBRARY_TABLES,
  NOW,
  openCareLibrary,
  tableRows,
} from './careLibrary.ts';
import { repack, unpackArchive } from './repack.ts';

let temp: ReturnType<typeof createTempDirectory>;
let library: Library;
let dataDir: string;

beforeEach(async () => {
  temp = createTempDirectory('backup');
  dataDir = join(temp.path, 'library');
  library = await openCareLibrary(dataDir);
});
afterEach(async () => {
  await library.close();
  temp.dispose();
});

/** A library with something in every table: articles in every state, notes, highlights, topics, settings, images. */
async function fillLibrary(target: Library): Promise<void> {
  const copper = addFeed(target, 'Copper Wire');
  const gold = addFeed(target, 'Gold Wire');
  await addArticle(target, copper, { title: 'Copper stocks build', age: 1, images: [[200, 40, 40]] });
  await addArticle(target, copper, { title: 'Copper output rises', age: 5, read: true, note: true });
  await addArticle(target, gold, {
    title: 'Gold hits a record',
    age: 2,
    saved: true,
    highlight: true,
    images: [
      [200, 40, 40],
      [40, 200, 40],
    ],
  });
  await call(target, 'retention:set', { globalDays: 90, feedId: gold, days: 30 });
  const now = NOW.toISOString();
  const topic = target.store.database
    .prepare(
      `INSERT INTO topics (name, query, created_at, updated_at, rule_version, applied_version)
       VALUES ('Metals', 'copper OR gold', ?, ?, 1, 1)`,
    )
    .run(now, now).lastInsertRowid;
  target.store.database
    .prepare('INSERT INTO article_topics (topic_id, article_id) SELECT ?, id FROM articles')
    .run(topic);
}

function rowsOf(databasePath: string): Record<string, unknown[]> {
  const database = new DatabaseSync(databasePath, { readOnly: true });
  try {
    return Object.fromEntries(LIBRARY_TABLES.map((table) => [table, tableRows(database, table)]));
  } finally {
    database.close();
  }
}

function imageFiles(directory: string): Record<string, string> {
  return existsSync(join(directory, 'images')) ? fingerprint(join(directory, 'images')) : {};
}

describe('backup and restore', () => {
  it('round-trips articles, notes, highlights, topics, settings and image bytes', async () => {
    await fillLibrary(library);
    writeFileSync(join(dataDir, 'settings.json'), '{"theme":"sepia"}\n');
    const file = join(temp.path, 'offprint.tar');
    const report = await call(library, 'library:backup', { file });
    expect(report).toMatchObject({ file, articles: 3, images: 2, createdAt: NOW.toISOString(), problems: [] });
    expect(report.bytes).toBeGreaterThan(0);
    const expectedRows = rowsOf(join(dataDir, 'library.sqlite'));
    const expectedImages = imageFiles(dataDir);
    expect(Object.keys(expectedImages)).toHaveLength(2);

    const fresh = join(temp.path, 'fresh');
    const restored = await restoreLibrary({ file, dataDir: fresh, clock: () => NOW });
    expect(restored).toEqual({
      file,
      createdAt: NOW.toISOString(),
      articles: 3,
      images: 2,
      previousLibrary: null,
      restartRequired: false,
    });
    expect(rowsOf(join(fresh, 'library.sqlite'))).toEqual(expectedRows);
    expect(imageFiles(fresh)).toEqual(expectedImages);
    expect(readFileSync(join(fresh, 'settings.json'), 'utf8')).toBe('{"theme":"sepia"}\n');
    for (const table of ['notes', 'highlights', 'topics', 'article_topics', 'settings']) {
      expect(expectedRows[table]?.length, table).toBeGreaterThan(0);
    }

    // The restored library opens, reads its articles with their annotations, and searches (the index rebuilds).
    const reopened = await openCareLibrary(fresh);
    try {
      const page = await call(reopened, 'articles:list', {});
      expect(page.total).toBe(3);
      const gold = page.items.find((article) => article.title === 'Gold hits a record');
      expect((await call(reopened, 'articles:get', { id: gold?.id ?? '' })).highlights).toHaveLength(1);
      const image = await reopened.images.read(imageHashOf([40, 200, 40]));
      expect(image?.type).toBe('image/png');
      await reopened.search().index.catchUp();
      expect((await call(reopened, 'search:query', { query: 'copper' })).total).toBe(2);
    } finally {
      await reopened.close();
    }
  });

  it('writes a tar archive with the manifest first and no search index', async () => {
    await fillLibrary(library);
    await library.search().index.catchUp();
    expect(existsSync(join(dataDir, 'index'))).toBe(true);
    const file = join(temp.path, 'offprint.tar');
    const progress: { operation: string; phase: string }[] = [];
    library.events.subscribe((name, payload) => {
      if (name === 'care:progress' && 'operation' in payload) progress.push(payload);
    });
    await call(library, 'library:backup', { file });
    // Progress reaches the app and the host as contract events.
    expect(progress.length).toBeGreaterThan(0);
    expect(new Set(progress.map((step) => step.operation))).toEqual(new Set(['backup']));
    const entries: string[] = [];
    await listTar({ file, onReadEntry: (entry) => entries.push(entry.path) });
    expect(entries[0]).toBe('manifest.json');
    expect(entries.filter((entry) => entry.startsWith('images/'))).toHaveLength(2);
    expect(entries.some((entry) => entry.startsWith('index'))).toBe(false);
    const manifest = JSON.parse(
      readFileSync(join(await unpackArchive(file, temp.path), 'manifest.json'), 'utf8'),
    ) as BackupManifest;
    expect(manifest).toMatchObject({
      format: 'offprint-backup',
      formatVersion: 1,
      schemaVersion: library.store.schemaVersion(),
      counts: { feeds: 2, articles: 3, notes: 1, highlights: 1, topics: 1, images: 2 },
      missingImages: [],
    });
    expect(manifest.files.map((entry) => entry.path).sort()).toEqual(entries.slice(1).sort());
    // No temporary file or work directory is left behind.
    expect(readdirSync(temp.path).filter((name) => name.includes('partial'))).toEqual([]);
    expect(readdirSync(dataDir).filter((name) => name.startsWith('backup-work'))).toEqual([]);
  });

  it('is consistent while the library is being written', async () => {
    const feedId = addFeed(library, 'Busy Wire');
    // Batches of ten articles, each in one transaction: a consistent copy holds each batch whole or not at all.
    let batch = 0;
    const writeBatch = (): void => {
      library.store.transaction(() => {
        for (let index = 0; index < 10; index += 1) {
          library.store.writer.upsertArticles(
            feedId,
            [
              {
                guid: `b${batch}-${index}`,
                url: null,
                title: `Batch ${batch} item ${index}`,
                author: null,
                publishedAt: NOW.toISOString(),
                updatedAt: null,
                language: 'en',
                summary: null,
                contentHtml: `<p>${'Padding text. '.repeat(200)}</p>`,
                text: 'Padding text. '.repeat(200),
                categories: [],
              },
            ],
            NOW.toISOString(),
          );
        }
      });
      batch += 1;
    };
    for (let index = 0; index < 200; index += 1) writeBatch();
    const done = new AbortController();
    const writer = (async () => {
      while (!done.signal.aborted) {
        writeBatch();
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const file = join(temp.path, 'busy.tar');
    const report = await call(library, 'library:backup', { file });
    done.abort();
    await writer;
    const writtenBefore = 200;
    expect(batch, 'batches written while the backup ran').toBeGreaterThan(writtenBefore);
    expect(report.articles).toBeGreaterThanOrEqual(writtenBefore * 10);

    const fresh = join(temp.path, 'fresh');
    await restoreLibrary({ file, dataDir: fresh, clock: () => NOW });
    const database = new DatabaseSync(join(fresh, 'library.sqlite'), { readOnly: true });
    try {
      const sizes = database
        .prepare("SELECT substr(guid, 1, instr(guid, '-') - 1) AS batch, count(*) AS n FROM articles GROUP BY batch")
        .all() as { batch: string; n: number }[];
      expect(sizes.every((row) => row.n === 10)).toBe(true);
      expect(sizes.length * 10).toBe(report.articles);
      expect(database.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    } finally {
      database.close();
    }
    // Writes went on while it ran, and nothing was lost from the live library.
    expect(library.store.reader.countArticles()).toBe(batch * 10);
  });

  it('names an image file missing on disk in the report and the manifest, and the backup still restores', async () => {
    await fillLibrary(library);
    const lost = imageHashOf([40, 200, 40]);
    expect(library.images.remove(lost)).toBeGreaterThan(0);
    const file = join(temp.path, 'offprint.tar');
    const report = await call(library, 'library:backup', { file });
    expect(report.images).toBe(1);
    expect(report.problems).toEqual([expect.stringContaining(`image ${lost}: no file`)]);
    const restored = await restoreLibrary({ file, dataDir: join(temp.path, 'fresh'), clock: () => NOW });
    expect(restored.images).toBe(1);
  });

  it('refuses a relative path and a folder that does not exist', async () => {
    expectFailure(
      await attempt(library, 'library:backup', { file: 'offprint.tar' }),
      'bad-request',
      /library:backup: the file must be an absolute path, got "offprint.tar"/,
    );
    const missing = join(temp.path, 'no-such-folder', 'offprint.tar');
    expectFailure(
      await attempt(library, 'library:backup', { file: missing }),
      'internal',
      /library:backup: cannot write .*offprint\.tar: the folder .*no-such-folder does not exist/,
    );
  });
});

describe('restoring into the running app', () => {
  it('stages the backup, keeps the open library as it is, and replaces it when the library next opens', async () => {
    await fillLibrary(library);
    const file = join(temp.path, 'offprint.tar');
    await call(library, 'library:backup', { file });
    const expectedRows = rowsOf(join(dataDir, 'library.sqlite'));
    // After the backup the library moves on: a feed and an article the backup does not have.
    const later = addFeed(library, 'Later Wire');
    await addArticle(library, later, { title: 'Written after the backup', age: 0 });
    await library.search().index.catchUp();

    const staged = await call(library, 'library:restore', { file });
    expect(staged).toMatchObject({ file, articles: 3, images: 2, restartRequired: true });
    expect(staged.previousLibrary).toMatch(/replaced-2026-11-28T12-00-00-000Z$/);
    expect(library.store.reader.countArticles()).toBe(4);
    await library.close();

    library = await openCareLibrary(dataDir);
    expect(library.restored).toMatchObject({ file, articles: 3, restartRequired: false });
    expect(library.restored?.previousLibrary).toBe(staged.previousLibrary);
    expect(rowsOf(join(dataDir, 'library.sqlite'))).toEqual(expectedRows);
    // The replaced library is kept whole beside it, search index included.
    const previous = staged.previousLibrary ?? '';
    const replaced = new DatabaseSync(join(previous, 'library.sqlite'), { readOnly: true });
    expect(replaced.prepare('SELECT count(*) AS n FROM articles').get()).toEqual({ n: 4 });
    replaced.close();
    expect(existsSync(join(previous, 'index'))).toBe(true);
    expect(existsSync(join(previous, 'images'))).toBe(true);
    expect(existsSync(join(dataDir, 'restore-staged'))).toBe(false);
    await library.search().index.catchUp();
    expect((await call(library, 'search:query', { query: 'written after' })).total).toBe(0);
    expect((await call(library, 'search:query', { query: 'gold' })).total).toBe(1);
  });
});

describe('a damaged or foreign backup', () => {
  let file: string;
  let libraryFiles: Record<string, string>;

  beforeEach(async () => {
    await fillLibrary(library);
    file = join(temp.path, 'offprint.tar');
    await call(library, 'library:backup', { file });
    await library.close();
    libraryFiles = fingerprint(dataDir);
  });

  async function expectRefused(archive: string, message: RegExp): Promise<void> {
    const refusal = restoreLibrary({ file: archive, dataDir, clock: () => NOW });
    await expect(refusal).rejects.toThrow(message);
    await expect(refusal).rejects.toThrow(`library:restore: ${archive} `);
    await expect(refusal).rejects.toThrow(/; the library was not changed$/);
    expect(fingerprint(dataDir)).toEqual(libraryFiles);
    expect(readdirSync(dataDir).filter((name) => /^(restore|replaced)/.test(name))).toEqual([]);
  }

  it('refuses a truncated archive', async () => {
    const bytes = readFileSync(file);
    const cut = join(temp.path, 'cut.tar');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectRefused(cut, /is damaged: (the archive is cut short|.*missing)/);
  });

  it('refuses a file that is not an archive at all', async () => {
    const text = join(temp.path, 'notes.txt');
    writeFileSync(text, 'Shopping list: copper wire, gold leaf.\n'.repeat(50));
    await expectRefused(text, /is not an Offprint backup: it is not a readable tar archive/);
  });

  it('refuses an empty file and a tar archive without a manifest', async () => {
    const empty = join(temp.path, 'empty.tar');
    writeFileSync(empty, '');
    await expectRefused(empty, /is empty: it is not an Offprint backup/);
    const foreign = await repack(file, temp.path, 'foreign', (directory) => {
      writeFileSync(join(directory, 'manifest.json'), '{"name":"something else"}');
    });
    await expectRefused(foreign, /is not an Offprint backup: its manifest.json is not an Offprint backup manifest/);
  });

  it('refuses a flipped byte in the database', async () => {
    const bytes = readFileSync(file);
    const header = bytes.indexOf('library.sqlite');
    expect(header).toBeGreaterThan(0);
    // The entry's data starts at the next 512-byte block; flip a byte well inside it.
    const dataStart = Math.ceil((header + 1) / 512) * 512;
    bytes[dataStart + 4096 + 100] = (bytes[dataStart + 4096 + 100] ?? 0) ^ 0xff;
    const flipped = join(temp.path, 'flipped.tar');
    writeFileSync(flipped, bytes);
    await expectRefused(flipped, /is damaged: library.sqlite does not match its checksum/);
  });

  it('refuses an archive that lacks an image its manifest lists', async () => {
    const missing = await repack(file, temp.path, 'missing-image', (directory) => {
      const hash = imageHashOf([40, 200, 40]);
      rmSync(join(directory, 'images', hash.slice(0, 2), `${hash}.png`));
    });
    await expectRefused(missing, /is damaged: images\/\S+\.png is listed in its manifest but missing/);
  });

  it('refuses a file whose checksum is wrong', async () => {
    const wrong = await repack(file, temp.path, 'wrong-checksum', (directory) => {
      const manifest = JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8')) as BackupManifest;
      const image = manifest.files.find((entry) => entry.path.startsWith('images/'));
      if (!image) throw new Error('no image in the manifest');
      writeFileSync(
        join(directory, 'manifest.json'),
        JSON.stringify({
          ...manifest,
          files: manifest.files.map((entry) => (entry === image ? { ...entry, sha256: 'f'.repeat(64) } : entry)),
        }),
      );
    });
    await expectRefused(wrong, /is damaged: images\/\S+ does not match its checksum/);
  });

  it('refuses a file the manifest does not list', async () => {
    const extra = await repack(file, temp.path, 'extra', (directory) => {
      writeFileSync(join(directory, 'settings.json'), '{}');
    });
    await expectRefused(extra, /is damaged: it holds settings.json, which its manifest does not list/);
  });

  it('refuses a backup from a newer schema or a newer backup format', async () => {
    const newer = await repack(
      file,
      temp.path,
      'newer-schema',
      (directory) => {
        const database = new DatabaseSync(join(directory, 'library.sqlite'));
        const version = (database.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
        database.exec(`PRAGMA user_version = ${version + 1}`);
        database.close();
        editManifest(directory, (manifest) => ({ ...manifest, schemaVersion: version + 1 }));
      },
      'recompute',
    );
    await expectRefused(newer, /holds a library of schema version \d+, newer than this Offprint understands/);
    const format = await repack(file, temp.path, 'newer-format', (directory) => {
      editManifest(directory, (manifest) => ({ ...manifest, formatVersion: 2 }));
    });
    await expectRefused(format, /was written by a newer Offprint \(backup format 2; this one reads 1\)/);
  });

  it('refuses a database that fails the integrity check even when its checksum is right', async () => {
    const damaged = await repack(
      file,
      temp.path,
      'corrupt-database',
      (directory) => {
        const path = join(directory, 'library.sqlite');
        const database = new DatabaseSync(path, { readOnly: true });
        const { rootpage } = database.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'articles'").get() as {
          rootpage: number;
        };
        const { page_size } = database.prepare('PRAGMA page_size').get() as { page_size: number };
        database.close();
        // An invalid b-tree page type on the articles table's root page: the file still opens.
        const bytes = readFileSync(path);
        bytes[(rootpage - 1) * page_size] = 0x07;
        writeFileSync(path, bytes);
      },
      'recompute',
    );
    // SQLite says either that the check found problems or that the file is malformed: both refuse.
    await expectRefused(damaged, /is damaged: its database (fails SQLite's integrity check|cannot be read) \(.+\)/);
  });

  it('refuses an image whose bytes are not an image of its name', async () => {
    const fake = await repack(
      file,
      temp.path,
      'fake-image',
      (directory) => {
        const hash = imageHashOf([40, 200, 40]);
        writeFileSync(join(directory, 'images', hash.slice(0, 2), `${hash}.png`), 'not a picture');
      },
      'recompute',
    );
    await expectRefused(fake, /is damaged: images\/\S+\.png is not a valid PNG image/);
  });

  it('refuses a missing file, and through the contract too', async () => {
    await expectRefused(join(temp.path, 'nowhere.tar'), /cannot be read \(ENOENT/);
    library = await openCareLibrary(dataDir);
    const before = library.store.reader.countArticles();
    const text = join(temp.path, 'notes.txt');
    writeFileSync(text, 'not a backup');
    expectFailure(
      await attempt(library, 'library:restore', { file: text }),
      'bad-request',
      /^library:restore: .*notes\.txt is not an Offprint backup: .*; the library was not changed$/,
    );
    expect(library.store.reader.countArticles()).toBe(before);
    expect(existsSync(join(dataDir, 'restore-staged'))).toBe(false);
  });
});

function editManifest(directory: string, edit: (manifest: BackupManifest) => Record<string, unknown>): void {
  const path = join(directory, 'manifest.json');
  writeFileSync(path, JSON.stringify(edit(JSON.parse(readFileSync(path, 'utf8')) as BackupManifest)));
}
