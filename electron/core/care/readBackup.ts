import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { extract as extractTar } from 'tar';
import { imageTypeForExtension } from '../extract/images/ImageType.ts';
import { probeImage } from '../extract/images/probeImage.ts';
import { openDatabase, StoreError } from '../store/openDatabase.ts';
import { LATEST_SCHEMA_VERSION } from '../store/migrations.ts';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  backupManifestSchema,
  countTables,
  DATABASE_ENTRY,
  IMAGE_ENTRY,
  MANIFEST_ENTRY,
  SETTINGS_ENTRY,
  sha256File,
  type BackupManifest,
} from './BackupManifest.ts';
import type { CareProgressListener } from './CareProgress.ts';
import { checkDatabaseIntegrity } from './checkDatabaseIntegrity.ts';

/** Why a file is not a backup that can be restored; the message completes "<file> …". */
export class BackupRefusal extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BackupRefusal';
  }
}

/** Directory entries tar may carry for the image shards. */
const IMAGE_DIRECTORY = /^images(\/[0-9a-f]{2})?\/?$/;

/**
 * Unpacks the backup at `file` into the empty `directory` and checks all of it, or throws a BackupRefusal
 * saying what is wrong. Nothing outside `directory` is touched. Checked: the archive reads to its end and
 * holds only the entries a backup has; the manifest is there, of a format version we read; every file it
 * lists is there with its size and SHA-256 and nothing else is; each image is an image of its extension's
 * type whose SHA-256 is its name; the database passes PRAGMA integrity_check, is of a schema this Offprint
 * understands (an older one is migrated here, in the copy), holds the rows the manifest counts, and lists
 * no image the archive lacks unless the backup said it was missing when it was made.
 */
export async function readBackup(
  file: string,
  directory: string,
  onProgress: CareProgressListener = () => undefined,
): Promise<BackupManifest> {
  const info = await stat(file).catch((error: unknown) => {
    throw new BackupRefusal(`cannot be read (${(error as Error).message})`);
  });
  if (!info.isFile()) throw new BackupRefusal('is not a file');
  if (info.size === 0) throw new BackupRefusal('is empty: it is not an Offprint backup');

  onProgress({ operation: 'restore', phase: 'reading', done: 0, total: 1 });
  await unpack(file, directory);
  onProgress({ operation: 'restore', phase: 'reading', done: 1, total: 1 });
  const manifest = await readManifest(directory);

  const listed = new Map(manifest.files.map((entry) => [entry.path, entry]));
  if (listed.size !== manifest.files.length) throw new BackupRefusal('is damaged: its manifest lists a file twice');
  if (!listed.has(DATABASE_ENTRY)) throw new BackupRefusal(`is damaged: its manifest lists no ${DATABASE_ENTRY}`);
  for (const path of listed.keys()) {
    if (path !== DATABASE_ENTRY && path !== SETTINGS_ENTRY && !IMAGE_ENTRY.test(path)) {
      throw new BackupRefusal(`is damaged: its manifest lists ${JSON.stringify(path)}, which no backup holds`);
    }
  }
  for (const path of await filesUnder(directory)) {
    if (path !== MANIFEST_ENTRY && !listed.has(path)) {
      throw new BackupRefusal(`is damaged: it holds ${path}, which its manifest does not list`);
    }
  }

  let done = 0;
  for (const entry of manifest.files) {
    const path = join(directory, entry.path);
    const found = await sha256File(path).catch(() => null);
    if (found === null) throw new BackupRefusal(`is damaged: ${entry.path} is listed in its manifest but missing`);
    if (found.bytes !== entry.bytes || found.sha256 !== entry.sha256) {
      throw new BackupRefusal(
        `is damaged: ${entry.path} does not match its checksum (${found.bytes} bytes with SHA-256 ${found.sha256}, ` +
          `expected ${entry.bytes} bytes with ${entry.sha256})`,
      );
    }
    const image = IMAGE_ENTRY.exec(entry.path);
    if (image) await checkImage(path, entry.path, image[2] ?? '', image[3] ?? '');
    done += 1;
    if (done % 100 === 0 || done === manifest.files.length) {
      onProgress({ operation: 'restore', phase: 'checking', done, total: manifest.files.length });
    }
  }

  if (listed.has(SETTINGS_ENTRY)) {
    try {
      JSON.parse(await readFile(join(directory, SETTINGS_ENTRY), 'utf8'));
    } catch (error) {
      throw new BackupRefusal(`is damaged: its ${SETTINGS_ENTRY} is not JSON (${(error as Error).message})`);
    }
  }
  await checkDatabase(join(directory, DATABASE_ENTRY), manifest);
  return manifest;
}

async function unpack(file: string, directory: string): Promise<void> {
  const unexpected: string[] = [];
  try {
    await extractTar({
      file,
      cwd: directory,
      // Any warning (a bad header, a path escaping the directory, a cut-off entry) fails the whole read.
      strict: true,
      preserveOwner: false,
      filter: (path, entry) => {
        const type = 'type' in entry ? entry.type : 'File';
        const allowed =
          type === 'Directory'
            ? IMAGE_DIRECTORY.test(path)
            : (type === 'File' || type === 'OldFile') &&
              (path === MANIFEST_ENTRY || path === DATABASE_ENTRY || path === SETTINGS_ENTRY || IMAGE_ENTRY.test(path));
        if (!allowed) unexpected.push(`${JSON.stringify(path)} (${type})`);
        return allowed;
      },
    });
  } catch (error) {
    const message = (error as Error).message;
    if (/truncated|unexpected end/i.test(message)) {
      throw new BackupRefusal(`is damaged: the archive is cut short (${message})`, { cause: error });
    }
    throw new BackupRefusal(`is not an Offprint backup: it is not a readable tar archive (${message})`, {
      cause: error,
    });
  }
  if (unexpected.length > 0) {
    const more = unexpected.length > 3 ? ` and ${unexpected.length - 3} more` : '';
    throw new BackupRefusal(
      `is not an Offprint backup: it holds entries a backup never has: ${unexpected.slice(0, 3).join(', ')}${more}`,
    );
  }
}

async function readManifest(directory: string): Promise<BackupManifest> {
  const text = await readFile(join(directory, MANIFEST_ENTRY), 'utf8').catch(() => null);
  if (text === null) throw new BackupRefusal(`is not an Offprint backup: it has no ${MANIFEST_ENTRY}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BackupRefusal(`is damaged: its ${MANIFEST_ENTRY} is not JSON (${(error as Error).message})`);
  }
  const head = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  if (head.format !== BACKUP_FORMAT) {
    throw new BackupRefusal(`is not an Offprint backup: its ${MANIFEST_ENTRY} is not an Offprint backup manifest`);
  }
  if (typeof head.formatVersion === 'number' && head.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupRefusal(
      `was written by a newer Offprint (backup format ${head.formatVersion}; this one reads ` +
        `${BACKUP_FORMAT_VERSION}): update Offprint to restore it`,
    );
  }
  const parsed = backupManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new BackupRefusal(`is damaged: its ${MANIFEST_ENTRY} is malformed (${where}: ${issue?.message ?? ''})`);
  }
  const manifest = parsed.data;
  if (manifest.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw new BackupRefusal(
      `holds a library of schema version ${manifest.schemaVersion}, newer than this Offprint understands ` +
        `(${LATEST_SCHEMA_VERSION}): update Offprint to restore it`,
    );
  }
  return manifest;
}

/** Every regular file under `directory`, as a relative path with `/`; anything else (a link) is refused. */
async function filesUnder(directory: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(directory, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name)
      .slice(directory.length + 1)
      .split('\\')
      .join('/');
    if (entry.isFile()) files.push(path);
    else if (!entry.isDirectory()) throw new BackupRefusal(`is not an Offprint backup: ${path} is not a file`);
  }
  return files;
}

async function checkImage(path: string, entry: string, hash: string, extension: string): Promise<void> {
  const bytes = await readFile(path);
  const probed = probeImage(bytes)?.type ?? null;
  if (probed === null || probed !== imageTypeForExtension(extension)) {
    throw new BackupRefusal(`is damaged: ${entry} is not a valid ${extension.toUpperCase()} image`);
  }
  const { sha256 } = await sha256File(path);
  if (sha256 !== hash) throw new BackupRefusal(`is damaged: the bytes of ${entry} do not match its name`);
}

async function checkDatabase(path: string, manifest: BackupManifest): Promise<void> {
  let check;
  try {
    check = await checkDatabaseIntegrity(path);
  } catch (error) {
    throw new BackupRefusal(`is damaged: its database cannot be read (${(error as Error).message})`, {
      cause: error,
    });
  }
  if (check.problems.length > 0) {
    throw new BackupRefusal(
      `is damaged: its database fails SQLite's integrity check (${check.problems.slice(0, 3).join('; ')})`,
    );
  }
  if (check.schemaVersion !== manifest.schemaVersion) {
    throw new BackupRefusal(
      `is damaged: its database has schema version ${check.schemaVersion}, its manifest says ${manifest.schemaVersion}`,
    );
  }
  let database;
  try {
    // Refuses a newer schema untouched and migrates an older one: in this copy, before anything is replaced.
    database = openDatabase(path);
  } catch (error) {
    const reason = error instanceof StoreError ? error.message : (error as Error).message;
    throw new BackupRefusal(`cannot be restored: ${reason}`, { cause: error });
  }
  try {
    const counts = countTables(database);
    for (const [table, count] of Object.entries(counts)) {
      const expected = manifest.counts[table as keyof typeof counts];
      if (count !== expected) {
        throw new BackupRefusal(`is damaged: its database holds ${count} ${table}, its manifest says ${expected}`);
      }
    }
    const inArchive = new Set(
      manifest.files.map((entry) => IMAGE_ENTRY.exec(entry.path)?.[2]).filter((hash) => hash !== undefined),
    );
    const missing = new Set(manifest.missingImages);
    const rows = database.prepare('SELECT hash FROM images').all() as { hash: string }[];
    for (const { hash } of rows) {
      if (!inArchive.has(hash) && !missing.has(hash)) {
        throw new BackupRefusal(`is damaged: its database lists image ${hash}, which the archive lacks`);
      }
    }
    if (inArchive.size !== manifest.counts.images) {
      throw new BackupRefusal(
        `is damaged: it holds ${inArchive.size} image files, its manifest says ${manifest.counts.images}`,
      );
    }
  } finally {
    database.close();
  }
}
