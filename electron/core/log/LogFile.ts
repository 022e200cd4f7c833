import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export type LogLevel = 'error' | 'warn' | 'info';

export interface LogFileOptions {
  /** The log, e.g. `<userData>/logs/offprint.log`; its folder is made on the first write. */
  readonly file: string;
  /** Past this size the log moves to `<file>.1` (replacing the previous one) and a new one starts. */
  readonly maxBytes?: number;
  readonly now?: () => Date;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;

function describeThrown(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    // undefined for a function or symbol, despite its declared type.
    const text = JSON.stringify(value) as string | undefined;
    return text ?? typeof value;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** One entry: an ISO time, the level, the message, then the error's stack (or its text) indented. */
export function formatLogEntry(at: Date, level: LogLevel, message: string, error?: unknown): string {
  let text = `${at.toISOString()} ${level.toUpperCase()} ${message}\n`;
  if (error !== undefined) {
    const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : describeThrown(error);
    text += `${detail.replace(/^/gm, '    ')}\n`;
  }
  return text;
}

/**
 * A local, size-capped log file (no network): crashes and errors of the
 * app are written here so a user can find and send them. Writes are
 * synchronous, so an entry written just before the process dies is on disk.
 * A log that cannot be written never throws into the caller: the failure
 * goes to stderr instead.
 */
export class LogFile {
  readonly file: string;
  readonly #maxBytes: number;
  readonly #now: () => Date;
  #size: number | undefined;

  constructor({ file, maxBytes = DEFAULT_MAX_BYTES, now = () => new Date() }: LogFileOptions) {
    this.file = file;
    this.#maxBytes = maxBytes;
    this.#now = now;
  }

  error(message: string, error?: unknown): void {
    this.write('error', message, error);
  }

  warn(message: string, error?: unknown): void {
    this.write('warn', message, error);
  }

  info(message: string): void {
    this.write('info', message);
  }

  write(level: LogLevel, message: string, error?: unknown): void {
    const entry = formatLogEntry(this.#now(), level, message, error);
    const bytes = Buffer.byteLength(entry);
    try {
      const size = this.#currentSize();
      if (size > 0 && size + bytes > this.#maxBytes) {
        renameSync(this.file, `${this.file}.1`);
        this.#size = 0;
      }
      appendFileSync(this.file, entry);
      this.#size = (this.#size ?? 0) + bytes;
    } catch (failure) {
      this.#size = undefined;
      console.error(`LogFile: could not write ${this.file}:`, failure, '\nentry:', entry);
    }
  }

  #currentSize(): number {
    if (this.#size !== undefined) return this.#size;
    mkdirSync(dirname(this.file), { recursive: true });
    try {
      this.#size = statSync(this.file).size;
    } catch {
      this.#size = 0;
    }
    return this.#size;
  }
}
