import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary, type Library } from '../../../electron/core/Library.ts';
import { openSettings } from '../../../electron/core/settings/openSettings.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../electron/shared/settings.ts';
import { attempt, call } from '../../support/callHandlers.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';

let temp: ReturnType<typeof createTempDirectory>;
let library: Library;

beforeEach(async () => {
  temp = createTempDirectory('settings-calls');
  library = await openLibrary({ dataDir: temp.path });
});
afterEach(async () => {
  await library.close();
  temp.dispose();
});

describe('settings:get, settings:update and settings:changed through the contract', () => {
  it("reads and writes the data directory's settings.json, announcing each change", async () => {
    expect(await call(library, 'settings:get', {})).toEqual(DEFAULT_SETTINGS);
    const announced: unknown[] = [];
    const stop = library.events.subscribe((name, payload) => {
      if (name === 'settings:changed') announced.push(payload);
    });
    const updated = await call(library, 'settings:update', { theme: 'dark', proxy: { url: 'https://proxy.example' } });
    stop();
    const expected: Settings = { ...DEFAULT_SETTINGS, theme: 'dark', proxy: { url: 'https://proxy.example' } };
    expect(updated).toEqual(expected);
    expect(announced).toEqual([expected]);
    expect(JSON.parse(readFileSync(join(temp.path, 'settings.json'), 'utf8'))).toEqual({
      settingsVersion: 1,
      ...expected,
    });
  });

  it('an empty change changes nothing and is not announced', async () => {
    const announced: string[] = [];
    const stop = library.events.subscribe((name) => announced.push(name));
    expect(await call(library, 'settings:update', {})).toEqual(DEFAULT_SETTINGS);
    stop();
    expect(announced).toEqual([]);
  });

  it.each([
    [{ fontSize: 19 }],
    [{ theme: 'blue' }],
    [{ refreshMinutes: 0 }],
    [{ proxy: { url: 'file:///etc/passwd' } }],
    [{ retentionDays: 30 }],
    [{ dataDirectory: 'relative' }],
  ])('refuses %j as a bad request, changing nothing', async (change) => {
    const result = await attempt(library, 'settings:update', change);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call(library, 'settings:get', {})).toEqual(DEFAULT_SETTINGS);
  });

  it('sees a change another program wrote to the file', async () => {
    const other = openSettings({ directory: temp.path });
    other.update({ fullTextDefault: 'on' });
    other.close();
    expect((await call(library, 'settings:get', {})).fullTextDefault).toBe('on');
  });

  it('is in the backup with the library (settings.json)', async () => {
    await call(library, 'settings:update', { lineWidth: 'wide' });
    await call(library, 'library:backup', { file: join(temp.path, 'backup.tar') });
    const archive = readFileSync(join(temp.path, 'backup.tar'));
    expect(archive.includes(Buffer.from('settings.json'))).toBe(true);
    expect(archive.includes(Buffer.from('"lineWidth": "wide"'))).toBe(true);
  });

  it('a library opened over a corrupt settings file opens, with the defaults and a copy kept', async () => {
    await library.close();
    writeFileSync(join(temp.path, 'settings.json'), '\u0000\u0001 not json');
    library = await openLibrary({ dataDir: temp.path });
    expect(await call(library, 'settings:get', {})).toEqual(DEFAULT_SETTINGS);
    expect(library.settings.problems[0]).toContain('is not JSON');
    expect(readFileSync(library.settings.backup ?? '', 'utf8')).toBe('\u0000\u0001 not json');
  });
});
