import { Worker } from 'node:worker_threads';

/*
 * Runs in a worker thread: PRAGMA integrity_check reads every page, which takes minutes on a large library,
 * and node:sqlite is synchronous. The worker is plain CommonJS evaluated from this string, so it needs no
 * build entry of its own in the Electron bundle.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
let database;
try {
  database = new DatabaseSync(workerData.path, { readOnly: true });
  const rows = database.prepare('PRAGMA integrity_check(20)').all();
  const schemaVersion = database.prepare('PRAGMA user_version').get().user_version;
  parentPort.postMessage({ ok: true, messages: rows.map((row) => String(row.integrity_check)), schemaVersion });
} catch (error) {
  parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
} finally {
  if (database !== undefined && database.isOpen) database.close();
}
`;

type WorkerAnswer = { ok: true; messages: string[]; schemaVersion: number } | { ok: false; message: string };

export interface DatabaseCheck {
  /** Empty when the file is sound, else up to 20 problems as SQLite words them. */
  readonly problems: readonly string[];
  /** PRAGMA user_version: the schema version it was written with. */
  readonly schemaVersion: number;
}

/**
 * SQLite's integrity check of the database file at `path`, off the main thread, and its schema version.
 * Rejects when the file cannot be opened or read as a database. The file must be in rollback-journal mode
 * or have no other connection (it is opened read-only).
 */
export function checkDatabaseIntegrity(path: string): Promise<DatabaseCheck> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path } });
    let answered = false;
    worker.once('message', (answer: WorkerAnswer) => {
      answered = true;
      if (answer.ok) {
        resolve({
          problems: answer.messages.filter((message) => message !== 'ok'),
          schemaVersion: answer.schemaVersion,
        });
      } else reject(new Error(answer.message));
    });
    worker.once('error', (error: Error) => {
      answered = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`checkDatabaseIntegrity: the worker for ${path} exited with code ${code}`));
    });
  });
}
