import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { z } from 'zod';

/**
 * An Offprint backup is a POSIX tar archive (uncompressed: images are compressed already) holding
 *
 *   manifest.json                   first, so a damaged tail is found missing rather than half-read
 *   library.sqlite                  a consistent copy made with SQLite's online backup, rollback journal mode
 *   settings.json                   only when the data directory has one
 *   images/ab/abcdef….<ext>         every image file the database lists, named by its SHA-256
 *
 * The manifest gives the format version, the app and schema versions, row counts, and the size and SHA-256
 * of every other entry. The search index is not in it: it is derived, and rebuilds from the database.
 */
export const BACKUP_FORMAT = 'offprint-backup';
export const BACKUP_FORMAT_VERSION = 1;

export const MANIFEST_ENTRY = 'manifest.json';
export const DATABASE_ENTRY = 'library.sqlite';
export const SETTINGS_ENTRY = 'settings.json';
/** `images/<first two hex digits>/<sha256>.<ext>`: the ImageStore's own layout. */
export const IMAGE_ENTRY = /^images\/([0-9a-f]{2})\/(\1[0-9a-f]{62})\.(png|jpg|gif|webp|avif)$/;

const count = z.number().int().min(0);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const backupManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  appVersion: z.string(),
  schemaVersion: count,
  createdAt: z.iso.datetime({ offset: true }),
  counts: z.object({
    feeds: count,
    articles: count,
    notes: count,
    highlights: count,
    topics: count,
    settings: count,
    images: count,
  }),
  files: z.array(z.object({ path: z.string(), bytes: count, sha256 })),
  /** Images the database lists whose files were missing or damaged when the backup was made. */
  missingImages: z.array(sha256),
  /** Those, in sentences. */
  problems: z.array(z.string()),
});

export type BackupManifest = z.infer<typeof backupManifestSchema>;
export type BackupCounts = BackupManifest['counts'];
export type BackupFile = BackupManifest['files'][number];

/** Rows in each table the manifest counts (images apart: the backup counts the files it holds). */
export function countTables(database: DatabaseSync): Omit<BackupCounts, 'images'> {
  const count = (table: string): number => {
    // A library from before migration 5 has no topics, notes or settings yet.
    const exists = database.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table);
    return exists === undefined ? 0 : (database.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  };
  return {
    feeds: count('feeds'),
    articles: count('articles'),
    notes: count('notes'),
    highlights: count('highlights'),
    topics: count('topics'),
    settings: count('settings'),
  };
}

/** SHA-256 of a file in lower-case hex, and its size, read as a stream. */
export async function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    const buffer = chunk as Buffer;
    bytes += buffer.byteLength;
    hash.update(buffer);
  }
  return { sha256: hash.digest('hex'), bytes };
}
