import { randomUUID } from 'node:crypto';
import { copyFile, link, mkdir, open, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { create as createTar } from 'tar';
import type { BackupReport } from '../../shared/model.ts';
import type { ImageStore } from '../extract/images/ImageStore.ts';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  countTables,
  DATABASE_ENTRY,
  MANIFEST_ENTRY,
  SETTINGS_ENTRY,
  sha256File,
  type BackupCounts,
  type BackupFile,
  type BackupManifest,
} from './BackupManifest.ts';
import { checkDatabaseIntegrity } from './checkDatabaseIntegrity.ts';
import type { CareProgressListener } from './CareProgress.ts';
import { removeStaleWorkDirectories } from './removeStaleWorkDirectories.ts';

export interface BackupOptions {
  /** The library database; copied through a read-only connection of its own. */
  readonly databasePath: string;
  readonly images: ImageStore;
  /** The data directory: holds settings.json, and the work directory (so image files can be hard-linked). */
  readonly dataDir: string;
  /** The archive to write, absolute. */
  readonly file: string;
  readonly appVersion: string;
  readonly clock: () => Date;
  readonly onProgress?: CareProgressListener;
}

/** Copies every page in one step: the copy is one read transaction, so it is a snapshot however busy the library. */
const WHOLE_DATABASE = 2 ** 31 - 1;

/**
 * Writes the library to one archive (the format is described in BackupManifest.ts), consistent while the
 * library is open and being written:
 *
 * 1. SQLite's online backup copies the database through a read-only connection of its own in a single step
 *    (one read transaction on the libuv pool): the copy is the library at one instant, and in WAL mode the
 *    app's writes go on meanwhile. The copy is switched to a rollback journal (one self-contained file) and
 *    checked with PRAGMA integrity_check in a worker: a backup that a restore would refuse is never written.
 * 2. The image files the copy lists are hashed and hard-linked (else copied) beside it. Image files are
 *    immutable and content-addressed, so a link made now holds the bytes the copy refers to. A missing or
 *    damaged file is left out and named in the report and the manifest, never silently.
 * 3. The manifest (counts, size and SHA-256 of every entry), then tar, to a temporary name beside `file`,
 *    flushed, then renamed over `file`: the archive appears complete or not at all.
 */
export async function writeBackup(options: BackupOptions): Promise<BackupReport> {
  const { dataDir, file, images, clock } = options;
  const progress = options.onProgress ?? (() => undefined);
  const target = await stat(dirname(file)).catch(() => null);
  if (target === null || !target.isDirectory()) throw new Error(`the folder ${dirname(file)} does not exist`);
  if ((await stat(file).catch(() => null))?.isDirectory() === true) throw new Error(`${file} is a folder`);

  await removeStaleWorkDirectories(dataDir, clock());
  const work = join(dataDir, `backup-work-${randomUUID()}`);
  const partial = join(dirname(file), `.${basename(file)}.${randomUUID()}.partial`);
  try {
    await mkdir(work, { recursive: true });
    progress({ operation: 'backup', phase: 'database', done: 0, total: 1 });
    const createdAt = clock().toISOString();
    const snapshot = join(work, DATABASE_ENTRY);
    const { counts, schemaVersion, imageRows } = await snapshotDatabase(options.databasePath, snapshot);
    progress({ operation: 'backup', phase: 'database', done: 1, total: 1 });

    const files: BackupFile[] = [{ path: DATABASE_ENTRY, ...(await sha256File(snapshot)) }];
    const missingImages: string[] = [];
    const problems: string[] = [];
    let done = 0;
    for (const row of imageRows) {
      const linked = await linkImage(row.hash, images, work);
      if (linked.ok) {
        files.push(linked.file);
      } else {
        missingImages.push(row.hash);
        problems.push(linked.problem);
      }
      done += 1;
      if (done % 100 === 0 || done === imageRows.length) {
        progress({ operation: 'backup', phase: 'images', done, total: imageRows.length });
      }
    }

    const settings = join(dataDir, SETTINGS_ENTRY);
    if ((await stat(settings).catch(() => null))?.isFile() === true) {
      // Copied, not linked: unlike an image, settings.json may be rewritten in place.
      await copyFile(settings, join(work, SETTINGS_ENTRY));
      files.push({ path: SETTINGS_ENTRY, ...(await sha256File(join(work, SETTINGS_ENTRY))) });
    }

    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      appVersion: options.appVersion,
      schemaVersion,
      createdAt,
      counts: { ...counts, images: imageRows.length - missingImages.length },
      files,
      missingImages,
      problems,
    };
    await writeFile(join(work, MANIFEST_ENTRY), `${JSON.stringify(manifest, null, 2)}\n`);

    const entries = [MANIFEST_ENTRY, ...files.map((entry) => entry.path)];
    let written = 0;
    await createTar(
      {
        cwd: work,
        file: partial,
        portable: true,
        onWriteEntry: () => {
          written += 1;
          if (written % 500 === 0 || written === entries.length) {
            progress({ operation: 'backup', phase: 'archive', done: written, total: entries.length });
          }
        },
      },
      entries,
    );
    await flush(partial);
    await rename(partial, file);
    return {
      file,
      bytes: (await stat(file)).size,
      articles: counts.articles,
      images: manifest.counts.images,
      createdAt,
      problems,
    };
  } finally {
    await unlink(partial).catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  }
}

interface Snapshot {
  readonly counts: Omit<BackupCounts, 'images'>;
  readonly schemaVersion: number;
  readonly imageRows: readonly { readonly hash: string }[];
}

async function snapshotDatabase(databasePath: string, snapshot: string): Promise<Snapshot> {
  const source = new DatabaseSync(databasePath, { readOnly: true });
  try {
    source.exec('PRAGMA busy_timeout = 5000');
    await backup(source, snapshot, { rate: WHOLE_DATABASE });
  } finally {
    source.close();
  }
  const copy = new DatabaseSync(snapshot);
  let result: Snapshot;
  try {
    // One self-contained file: the archive carries no -wal beside it.
    copy.exec('PRAGMA journal_mode = DELETE');
    result = {
      counts: countTables(copy),
      schemaVersion: (copy.prepare('PRAGMA user_version').get() as { user_version: number }).user_version,
      imageRows: copy.prepare('SELECT hash FROM images ORDER BY hash').all() as { hash: string }[],
    };
  } finally {
    copy.close();
  }
  const { problems } = await checkDatabaseIntegrity(snapshot);
  if (problems.length > 0) {
    throw new Error(
      `the library's database fails SQLite's integrity check (${problems.slice(0, 3).join('; ')}); ` +
        'no backup was written: copy the data directory as it is instead',
    );
  }
  return result;
}

type LinkedImage = { readonly ok: true; readonly file: BackupFile } | { readonly ok: false; readonly problem: string };

/**
 * Hard-links (else copies) an image into the work directory, then checks the bytes there against the name:
 * what is checked is what goes into the archive.
 */
async function linkImage(hash: string, images: ImageStore, work: string): Promise<LinkedImage> {
  const source = await images.path(hash);
  if (source === null) return { ok: false, problem: `image ${hash}: no file in ${images.directory}; left out` };
  const path = relative(images.directory, source).split('\\').join('/');
  const destination = join(work, 'images', path);
  try {
    await mkdir(dirname(destination), { recursive: true });
    // A link cannot cross file systems or work on some (FAT, some network shares): then a copy.
    await link(source, destination).catch(() => copyFile(source, destination));
  } catch (error) {
    return { ok: false, problem: `image ${hash}: cannot read ${source} (${(error as Error).message}); left out` };
  }
  const checked = await sha256File(destination);
  if (checked.sha256 !== hash) {
    await unlink(destination);
    return { ok: false, problem: `image ${hash}: ${source} is damaged (its bytes do not match its name); left out` };
  }
  return { ok: true, file: { path: `images/${path}`, ...checked } };
}

async function flush(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
