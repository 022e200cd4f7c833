import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSettings } from '../../../electron/core/settings/openSettings.ts';
import { prepareSettingsFile, settingsFilePath } from '../../../electron/core/settings/prepareSettingsFile.ts';
import { SETTINGS_VERSION } from '../../../electron/core/settings/settingsSchema.ts';
import type { SettingsService } from '../../../electron/core/settings/SettingsService.ts';
import { OffprintError } from '../../../electron/shared/errors.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../electron/shared/settings.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';

const clock = () => new Date('2026-11-28T20:45:10.123Z');
const STAMP = '2026-11-28T20-45-10-123Z';

let temp: ReturnType<typeof createTempDirectory>;
let opened: SettingsService[];
let logged: string[];

beforeEach(() => {
  temp = createTempDirectory('settings');
  opened = [];
  logged = [];
});
afterEach(() => {
  for (const settings of opened) settings.close();
  temp.dispose();
});

function open(): SettingsService {
  const settings = openSettings({ directory: temp.path, clock, log: (message) => logged.push(message) });
  opened.push(settings);
  return settings;
}

function writeFile(contents: string): void {
  writeFileSync(settingsFilePath(temp.path), contents);
}

function readFile(): Record<string, unknown> {
  return JSON.parse(readFileSync(settingsFilePath(temp.path), 'utf8')) as Record<string, unknown>;
}

function otherFiles(): string[] {
  return readdirSync(temp.path)
    .filter((name) => name !== 'settings.json')
    .sort();
}

const CHANGED: Settings = {
  theme: 'sepia',
  fontSize: 22,
  lineWidth: 'wide',
  refreshMinutes: 90,
  refreshOnMetered: true,
  fullTextDefault: 'on',
  dataDirectory: '/srv/offprint',
  proxy: { url: 'http://proxy.example:3128', bypass: 'localhost,*.internal' },
};

describe('openSettings (conf, settings.json in the data directory)', () => {
  it('gives the defaults with no file, and writes settings.json on the first change', () => {
    const settings = open();
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(settings.path).toBe(join(temp.path, 'settings.json'));
    expect(settings.problems).toEqual([]);
    // Nothing written until something changes: a library nobody configured has no settings.json to back up.
    expect(existsSync(settings.path)).toBe(false);

    expect(settings.update({ theme: 'dark', fontSize: 20 })).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'dark',
      fontSize: 20,
    });
    expect(readFile()).toMatchObject({ settingsVersion: SETTINGS_VERSION, theme: 'dark', fontSize: 20 });
    expect(logged).toEqual([]);
  });

  it('reads a good file as it is, leaving it alone', () => {
    const text = JSON.stringify({ settingsVersion: SETTINGS_VERSION, ...CHANGED });
    writeFile(text);
    const settings = open();
    expect(settings.get()).toEqual(CHANGED);
    expect(settings.problems).toEqual([]);
    expect(readFileSync(settingsFilePath(temp.path), 'utf8')).toBe(text);
    expect(otherFiles()).toEqual([]);
  });

  it('fills in settings a good file leaves out with their defaults', () => {
    writeFile(JSON.stringify({ settingsVersion: SETTINGS_VERSION, theme: 'light' }));
    expect(open().get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' });
  });

  it('moves a file that is not JSON aside, writes a default file, and reports it', () => {
    writeFile('{"theme": "dark",');
    const settings = open();
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    const backup = join(temp.path, `settings.corrupt-${STAMP}.json`);
    expect(settings.backup).toBe(backup);
    expect(readFileSync(backup, 'utf8')).toBe('{"theme": "dark",');
    expect(readFile()).toEqual({ settingsVersion: SETTINGS_VERSION, ...DEFAULT_SETTINGS });
    expect(settings.problems).toHaveLength(1);
    expect(settings.problems[0]).toContain('is not JSON');
    expect(settings.problems[0]).toContain(backup);
    expect(logged).toEqual(settings.problems);
  });

  it.each([['[1, 2]'], ['null'], ['"dark"']])('treats %s (JSON, not an object) as corrupt', (text) => {
    writeFile(text);
    const settings = open();
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(settings.problems[0]).toContain('does not hold a JSON object');
    expect(otherFiles()).toEqual([`settings.corrupt-${STAMP}.json`]);
  });

  it('puts values the schema refuses back to their defaults, keeps the rest, and keeps a copy', () => {
    const original = JSON.stringify({
      settingsVersion: SETTINGS_VERSION,
      theme: 'dark',
      fontSize: 30,
      refreshMinutes: 1,
      lineWidth: 'wide',
      proxy: { url: 'ftp://proxy.example' },
      dataDirectory: 'relative/path',
    });
    writeFile(original);
    const settings = open();
    expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', lineWidth: 'wide' });
    const backup = join(temp.path, `settings.corrupt-${STAMP}.json`);
    expect(readFileSync(backup, 'utf8')).toBe(original);
    expect(settings.problems.map((problem) => problem.split(': ')[1])).toEqual([
      'fontSize 30 refused (must be one of 15, 16, 17, 18, 20, 22, 24)',
      expect.stringContaining('refreshMinutes 1 refused'),
      'proxy {"url":"ftp://proxy.example"} refused (must be an http or https URL)',
      'dataDirectory "relative/path" refused (must be an absolute path)',
    ]);
    for (const problem of settings.problems) expect(problem).toContain(backup);
    // The repaired file opens cleanly next time.
    settings.close();
    expect(open().problems).toEqual([]);
  });

  it('drops unknown keys, keeping a copy', () => {
    writeFile(JSON.stringify({ settingsVersion: SETTINGS_VERSION, theme: 'dark', colour: 'red' }));
    const settings = open();
    expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(readFile()).not.toHaveProperty('colour');
    expect(settings.problems[0]).toContain('unknown setting "colour" dropped');
    expect(otherFiles()).toEqual([`settings.corrupt-${STAMP}.json`]);
  });

  it('migrates a file without a version (version 0): a bare proxy URL becomes { url }', () => {
    writeFile(JSON.stringify({ theme: 'sepia', proxy: 'https://proxy.example:8443' }));
    const settings = open();
    expect(settings.get()).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'sepia',
      proxy: { url: 'https://proxy.example:8443' },
    });
    expect(readFile()['settingsVersion']).toBe(SETTINGS_VERSION);
    expect(settings.problems[0]).toContain(`migrated from settings version 0 to ${SETTINGS_VERSION}`);
    expect(otherFiles()).toEqual([`settings.v0-${STAMP}.json`]);
  });

  it('keeps what it knows of a file from a newer Offprint, with a copy of the file as it was', () => {
    const newer = JSON.stringify({
      settingsVersion: SETTINGS_VERSION + 3,
      theme: 'dark',
      hologram: true,
      fontSize: 'big',
    });
    writeFile(newer);
    const settings = open();
    expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(settings.problems[0]).toContain(`written by a newer Offprint (settings version ${SETTINGS_VERSION + 3}`);
    expect(readFileSync(join(temp.path, `settings.v${SETTINGS_VERSION + 3}-${STAMP}.json`), 'utf8')).toBe(newer);
  });

  it('never overwrites an earlier copy', () => {
    writeFile('not json');
    open().close();
    writeFile('still not json');
    open();
    expect(otherFiles()).toEqual([`settings.corrupt-${STAMP}-2.json`, `settings.corrupt-${STAMP}.json`]);
    expect(readFileSync(join(temp.path, `settings.corrupt-${STAMP}.json`), 'utf8')).toBe('not json');
  });

  it('refuses a change the schema refuses, leaving the file as it was', () => {
    const settings = open();
    settings.update({ theme: 'dark' });
    const before = readFileSync(settingsFilePath(temp.path), 'utf8');
    const attempt = () => settings.update({ refreshMinutes: 2 });
    expect(attempt).toThrow(OffprintError);
    expect(attempt).toThrow(/settings:update: .*refreshMinutes/);
    expect(readFileSync(settingsFilePath(temp.path), 'utf8')).toBe(before);
    expect(settings.get().theme).toBe('dark');
  });

  it('announces a change to its listeners with the settings after it', () => {
    const settings = open();
    const seen: Settings[] = [];
    const stop = settings.onChange((changed) => seen.push(changed));
    settings.update({ refreshOnMetered: true });
    stop();
    settings.update({ refreshOnMetered: false });
    expect(seen).toEqual([{ ...DEFAULT_SETTINGS, refreshOnMetered: true }]);
  });

  it('sees what a second program writes to the same file (the app and the CLI)', () => {
    const app = open();
    const cli = open();
    cli.update({ theme: 'sepia', proxy: { url: 'http://proxy.example:3128' } });
    expect(app.get()).toMatchObject({ theme: 'sepia', proxy: { url: 'http://proxy.example:3128' } });
    app.update({ proxy: null, fontSize: 15 });
    expect(cli.get()).toMatchObject({ theme: 'sepia', proxy: null, fontSize: 15 });
  });

  it('watching the file (the app), announces what a second program (the CLI) writes', async () => {
    writeFile(JSON.stringify({ settingsVersion: SETTINGS_VERSION, theme: 'light' }));
    const app = openSettings({ directory: temp.path, watch: true, log: (message) => logged.push(message) });
    opened.push(app);
    const announced = new Promise<Settings>((resolve) => {
      app.onChange(resolve);
    });
    open().update({ theme: 'dark' });
    expect(await announced).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
  });

  it('keeps serving the last settings read when another program breaks the file while it is open', () => {
    const settings = open();
    settings.update({ theme: 'dark' });
    writeFile('{ broken');
    expect(settings.get().theme).toBe('dark');
  });
});

describe('prepareSettingsFile', () => {
  it('runs the numbered steps in order from the stored version, and a failing step leaves the defaults', () => {
    const path = settingsFilePath(temp.path);
    writeFileSync(path, JSON.stringify({ settingsVersion: 1, fontSize: 9 }));
    const check = prepareSettingsFile(temp.path, {
      clock,
      version: 3,
      migrations: {
        2: (fields) => ({ ...fields, fontSize: (fields['fontSize'] as number) * 2 }),
        3: (fields) => ({ ...fields, fontSize: (fields['fontSize'] as number) + 2 }),
      },
    });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ settingsVersion: 3, fontSize: 20 });
    expect(check.problems[0]).toContain('migrated from settings version 1 to 3');
    expect(check.backup).toBe(join(temp.path, `settings.v1-${STAMP}.json`));

    writeFileSync(path, JSON.stringify({ settingsVersion: 1, theme: 'dark' }));
    const failed = prepareSettingsFile(temp.path, {
      clock,
      version: 2,
      migrations: {
        2: () => {
          throw new Error('step broke');
        },
      },
    });
    expect(failed.problems[0]).toContain('could not migrate from settings version 1: step broke');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ ...DEFAULT_SETTINGS, settingsVersion: 2 });
    expect(existsSync(join(temp.path, `settings.v1-${STAMP}-2.json`))).toBe(true);
  });
});
