// The record a benchmark leaves beside a library it made once and keeps under .bench/ for later runs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const READY_FILE = 'ready.json';

/** What made a kept library, when it can be reused. */
export interface ReadyRecord {
  readonly format: number;
  readonly articles: number;
}

/**
 * The record of the library kept in `directory` (its data in `<directory>/library`) when it can be reused:
 * complete, made the same way (`format`) with as many articles, and not asked to be made again (`fresh`).
 * Else null. The caller knows the rest of the record's shape: it wrote it.
 */
export function readReadyRecord(
  directory: string,
  wanted: { readonly format: number; readonly articles: number; readonly fresh?: boolean | undefined },
): ReadyRecord | null {
  if (wanted.fresh === true || !existsSync(join(directory, 'library'))) return null;
  try {
    const record = JSON.parse(readFileSync(join(directory, READY_FILE), 'utf8')) as ReadyRecord;
    return record.format === wanted.format && record.articles === wanted.articles ? record : null;
  } catch {
    return null;
  }
}

/** Marks the library in `directory` complete, with what made it. */
export function writeReadyRecord(directory: string, record: ReadyRecord): void {
  writeFileSync(join(directory, READY_FILE), JSON.stringify(record));
}
