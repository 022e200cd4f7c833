import { chmodSync, existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatLogEntry, LogFile } from '../../../electron/core/log/LogFile.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';

const AT = new Date('2026-11-28T20:00:00.000Z');

describe('LogFile', () => {
  let temp: ReturnType<typeof createTempDirectory>;
  let file: string;

  beforeEach(() => {
    temp = createTempDirectory('log');
    file = join(temp.path, 'logs', 'offprint.log');
  });
  afterEach(() => {
    temp.dispose();
  });

  it('makes its folder and appends entries with time, level, message and the stack indented', () => {
    const log = new LogFile({ file, now: () => AT });
    log.info('started');
    const error = new Error('database is locked');
    log.error('uncaught exception', error);
    const text = readFileSync(file, 'utf8');
    expect(
      text.startsWith('2026-11-28T20:00:00.000Z INFO started\n2026-11-28T20:00:00.000Z ERROR uncaught exception\n'),
    ).toBe(true);
    expect(text).toContain('    Error: database is locked\n        at ');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('writes a thrown non-Error as text', () => {
    expect(formatLogEntry(AT, 'warn', 'unhandled rejection', 'just a string')).toBe(
      '2026-11-28T20:00:00.000Z WARN unhandled rejection\n    just a string\n',
    );
  });

  it('rotates once past the cap: the full log becomes offprint.log.1, replacing the older one', () => {
    const log = new LogFile({ file, maxBytes: 200, now: () => AT });
    for (let index = 0; index < 5; index += 1) log.info(`entry ${index} ${'x'.repeat(40)}`);
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(statSync(file).size).toBeLessThanOrEqual(200);
    expect(statSync(`${file}.1`).size).toBeLessThanOrEqual(200);
    for (let index = 5; index < 20; index += 1) log.info(`entry ${index} ${'x'.repeat(40)}`);
    const current = readFileSync(file, 'utf8');
    const previous = readFileSync(`${file}.1`, 'utf8');
    expect(current).toContain('entry 19');
    expect(previous).not.toContain('entry 0 ');
    expect(existsSync(`${file}.2`)).toBe(false);
  });

  it('counts a log left by an earlier run toward the cap', () => {
    mkdirSync(join(temp.path, 'logs'));
    writeFileSync(file, 'y'.repeat(190));
    new LogFile({ file, maxBytes: 200, now: () => AT }).info('one more line that does not fit');
    expect(readFileSync(`${file}.1`, 'utf8')).toBe('y'.repeat(190));
    expect(readFileSync(file, 'utf8')).toContain('one more line');
  });

  it('never throws when the log cannot be written; says so on stderr', () => {
    mkdirSync(join(temp.path, 'logs'));
    chmodSync(join(temp.path, 'logs'), 0o500);
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const log = new LogFile({ file, now: () => AT });
      if (process.getuid?.() === 0) {
        // root writes anyway; make the path itself unwritable instead: a folder where the file should be.
        mkdirSync(file);
      }
      expect(() => {
        log.error('boom');
      }).not.toThrow();
      expect(stderr).toHaveBeenCalledWith(
        expect.stringContaining('could not write'),
        expect.anything(),
        expect.any(String),
        expect.stringContaining('boom'),
      );
    } finally {
      chmodSync(join(temp.path, 'logs'), 0o700);
      stderr.mockRestore();
    }
  });
});
