import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { OffprintError } from '../../shared/errors.ts';
import type { RestoreReport } from '../../shared/model.ts';
import { DATABASE_ENTRY, SETTINGS_ENTRY } from './BackupManifest.ts';
import type { CareProgressListener } from './CareProgress.ts';
import { BackupRefusal, readBackup } from './readBackup.ts';
import { removeStaleWorkDirectories } from './removeStaleWorkDirectories.ts';

/** A checked backup waiting to replace the library the next time it opens. */
export const STAGED_RESTORE_DIRECTORY = 'restore-staged';
const STAGED_MARKER = 'restore.json';
/** The search index: derived data, never restored; the old one is moved aside and a new one builds. */
const INDEX_DIRECTORY = 'index';
const IMAGES_DIRECTORY = 'images';

/** What `restore.json` in the staged directory records. */
interface StagedMarker {
  readonly file: string;
  readonly createdAt: string;
  readonly articles: number;
  readonly images: number;
  /** The name, in the data directory, the replaced library is moved to. */
  readonly previousLibrary: string;
  readonly hasSettings: boolean;
}

export interface RestoreOptions {
  /** The backup archive, absolute. */
  readonly file: string;
  readonly dataDir: string;
  readonly clock: () => Date;
  readonly onProgress?: CareProgressListener;
}

/**
 * Checks the backup completely (readBackup) and stages it in `<dataDir>/restore-staged/`; the library is not
 * touched. `applyStagedRestore` puts it in place before the database next opens (openLibrary does, so the
 * running app relaunches: `restartRequired`). A refused backup throws an OffprintError naming the file and
 * the problem, and leaves nothing behind.
 */
export async function stageRestore(options: RestoreOptions): Promise<RestoreReport> {
  const { file, dataDir, clock } = options;
  await mkdir(dataDir, { recursive: true });
  await removeStaleWorkDirectories(dataDir, clock());
  const incoming = join(dataDir, `restore-incoming-${randomUUID()}`);
  try {
    await mkdir(incoming);
    const manifest = await readBackup(file, incoming, options.onProgress);
    // One self-contained file, so putting it in place is one rename (the check above opened it in WAL mode).
    const database = new DatabaseSync(join(incoming, DATABASE_ENTRY));
    database.exec('PRAGMA journal_mode = DELETE');
    database.close();
    await mkdir(join(incoming, IMAGES_DIRECTORY), { recursive: true });
    const marker: StagedMarker = {
      file,
      createdAt: manifest.createdAt,
      articles: manifest.counts.articles,
      images: manifest.counts.images,
      previousLibrary: `replaced-${clock().toISOString().replace(/[:.]/g, '-')}`,
      hasSettings: manifest.files.some((entry) => entry.path === SETTINGS_ENTRY),
    };
    await writeFile(join(incoming, STAGED_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
    // A restore staged earlier and never applied gives way to this one: the user asked again.
    const staged = join(dataDir, STAGED_RESTORE_DIRECTORY);
    await rm(staged, { recursive: true, force: true });
    await rename(incoming, staged);
    const replacing = existsSync(join(dataDir, DATABASE_ENTRY));
    return reportOf(marker, replacing ? join(dataDir, marker.previousLibrary) : null, true);
  } catch (error) {
    if (error instanceof BackupRefusal) {
      throw new OffprintError('bad-request', `library:restore: ${file} ${error.message}; the library was not changed`, {
        cause: error,
      });
    }
    throw new OffprintError(
      'internal',
      `library:restore: cannot restore ${file}: ${(error as Error).message}; the library was not changed`,
      { cause: error },
    );
  } finally {
    await rm(incoming, { recursive: true, force: true });
  }
}

/**
 * Puts a staged restore in place, if there is one; call it before the database opens. The current
 * database, images, settings.json and search index move to `<dataDir>/replaced-<time>/` (kept, never
 * deleted), the staged ones take their place, and the index is left to rebuild. Each step is a rename
 * within the data directory; a step that already happened is skipped, so an apply cut short (a crash,
 * a full disk) completes on the next open.
 */
export function applyStagedRestore(dataDir: string): RestoreReport | null {
  const staged = join(dataDir, STAGED_RESTORE_DIRECTORY);
  const markerPath = join(staged, STAGED_MARKER);
  if (!existsSync(markerPath)) return null;
  const marker = JSON.parse(readFileSync(markerPath, 'utf8')) as StagedMarker;
  const aside = join(dataDir, marker.previousLibrary);
  const moveAside = (name: string): void => {
    if (!existsSync(join(dataDir, name))) return;
    mkdirSync(aside, { recursive: true });
    renameSync(join(dataDir, name), join(aside, name));
  };
  // Not in the backup: only the old library's can be here, so moving them on every attempt is safe.
  moveAside(INDEX_DIRECTORY);
  if (!marker.hasSettings) moveAside(SETTINGS_ENTRY);
  const restored = [...(marker.hasSettings ? [SETTINGS_ENTRY] : []), IMAGES_DIRECTORY, DATABASE_ENTRY];
  for (const name of restored) {
    // Gone from the staged directory: this one is in place already.
    if (!existsSync(join(staged, name))) continue;
    if (name === DATABASE_ENTRY) {
      for (const companion of [`${DATABASE_ENTRY}-wal`, `${DATABASE_ENTRY}-shm`]) moveAside(companion);
    }
    moveAside(name);
    renameSync(join(staged, name), join(dataDir, name));
  }
  rmSync(staged, { recursive: true, force: true });
  return reportOf(marker, existsSync(aside) ? aside : null, false);
}

/** The CLI's restore: check and stage, then put in place at once. The library must not be open. */
export async function restoreLibrary(options: RestoreOptions): Promise<RestoreReport> {
  await stageRestore(options);
  const report = applyStagedRestore(options.dataDir);
  if (report === null) throw new Error(`library:restore: the restore staged in ${options.dataDir} disappeared`);
  return report;
}

function reportOf(marker: StagedMarker, previousLibrary: string | null, restartRequired: boolean): RestoreReport {
  return {
    file: marker.file,
    createdAt: marker.createdAt,
    articles: marker.articles,
    images: marker.images,
    previousLibrary,
    restartRequired,
  };
}
