import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EXIT, runCli } from '../../electron/cli/runCli.ts';
import type { Printer } from '../../electron/core/export/Printer.ts';

/** The CLI's entry point, as `npm run offprint` and the `offprint` bin run it. */
const OFFPRINT_ENTRY = join(import.meta.dirname, '../../electron/cli/offprint.ts');

/** What one run of the CLI printed and how it exited. */
export interface OffprintRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface OffprintOptions {
  /**
   * Stands for Ctrl-C: commands that wait for it (serve) or stop on it
   * (prepare) see it when this settles. By default it never comes.
   */
  readonly untilInterrupted?: () => Promise<void>;
  /** Prints `export --pdf` (as offprint.ts gives the system's Chromium); without one the CLI says it cannot print. */
  readonly printer?: () => Printer;
}

/** `offprint --data-dir DATA_DIR ...args`, in-process through runCli: its output and exit code. */
export async function runOffprint(
  dataDir: string,
  args: readonly string[],
  options: OffprintOptions = {},
): Promise<OffprintRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--data-dir', dataDir, ...args], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    untilInterrupted: options.untilInterrupted ?? (() => new Promise(() => undefined)),
    ...(options.printer ? { printer: options.printer } : {}),
  });
  return { code, stdout, stderr };
}

/** A test file's in-process runs of the CLI over its library. */
export interface Offprint {
  /** `offprint --data-dir DATA_DIR ...args`: its output and exit code. */
  readonly run: (...args: string[]) => Promise<OffprintRun>;
  /** The same with `--json`: its parsed output; throws with what it printed to stderr unless it exits ok. */
  readonly json: <T>(...args: string[]) => Promise<T>;
}

/**
 * The in-process runs over the data directory `dataDir()` names when each
 * run starts (a test file may move to a fresh library per test), with one
 * Ctrl-C for them all.
 */
export function createOffprint(dataDir: () => string, options: OffprintOptions = {}): Offprint {
  const run = (...args: string[]): Promise<OffprintRun> => runOffprint(dataDir(), args, options);
  const json = async <T>(...args: string[]): Promise<T> => {
    const done = await run('--json', ...args);
    if (done.code !== EXIT.ok) throw new Error(`offprint ${args.join(' ')} failed: ${done.stderr}`);
    return JSON.parse(done.stdout) as T;
  };
  return { run, json };
}

/**
 * `offprint --data-dir DATA_DIR ...args` as a real process: this Node (24)
 * running electron/cli/offprint.ts, from `cwd` when given. Rejects on a
 * non-zero exit.
 */
export async function runOffprintProcess(
  dataDir: string,
  args: readonly string[],
  options: { readonly cwd?: string } = {},
): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [OFFPRINT_ENTRY, '--data-dir', dataDir, ...args], options);
}
