import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from './migrations.ts';

export class StoreError extends Error {
  readonly code: 'newer-schema' | 'corrupt' | 'open-failed';
  constructor(code: StoreError['code'], message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

export function schemaVersionOf(database: DatabaseSync): number {
  const row = database.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  return row?.user_version ?? 0;
}

/**
 * Opens (creating if needed) the library database: WAL so readers never
 * block the one writer, foreign keys on, and migrations applied. A database
 * written by a newer Offprint is refused untouched: migrating backwards or
 * guessing at unknown columns could lose the user's data.
 */
export function openDatabase(path: string, available: readonly Migration[] = migrations): DatabaseSync {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let database: DatabaseSync;
  try {
    database = new DatabaseSync(path, { enableForeignKeyConstraints: true });
  } catch (error) {
    throw new StoreError('open-failed', `ArticleStore: cannot open ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    database.exec('PRAGMA busy_timeout = 5000');
    // Check the version before anything writes: switching to WAL alone rewrites the file header.
    refuseNewerSchema(database, path, available);
    const journal = database.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode: string } | undefined;
    if (path !== ':memory:' && journal?.journal_mode !== 'wal') {
      throw new StoreError('open-failed', `ArticleStore: cannot switch ${path} to WAL (got ${journal?.journal_mode})`);
    }
    // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commits.
    database.exec('PRAGMA synchronous = NORMAL');
    migrate(database, path, available);
    return database;
  } catch (error) {
    database.close();
    if (error instanceof StoreError) throw error;
    const message = (error as Error).message;
    if (/not a database|malformed|corrupt/i.test(message)) {
      throw new StoreError('corrupt', `ArticleStore: ${path} is not a readable SQLite database (${message})`, {
        cause: error,
      });
    }
    throw error;
  }
}

function refuseNewerSchema(database: DatabaseSync, path: string, available: readonly Migration[]): void {
  const latest = available.at(-1)?.version ?? LATEST_SCHEMA_VERSION;
  const current = schemaVersionOf(database);
  if (current > latest) {
    throw new StoreError(
      'newer-schema',
      `ArticleStore: ${path} has schema version ${current}, newer than this Offprint understands (${latest}); update Offprint — the file was not modified`,
    );
  }
}

function migrate(database: DatabaseSync, path: string, available: readonly Migration[]): void {
  const current = schemaVersionOf(database);
  for (const migration of available) {
    if (migration.version <= current) continue;
    database.exec('BEGIN IMMEDIATE');
    try {
      migration.up(database);
      database.exec(`PRAGMA user_version = ${migration.version}`);
      database.exec('COMMIT');
    } catch (error) {
      database.exec('ROLLBACK');
      throw new Error(
        `ArticleStore: migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }
}
