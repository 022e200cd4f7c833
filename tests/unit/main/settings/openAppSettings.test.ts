import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openSettings, settingsStoreOptions } from '../../../../electron/core/settings/openSettings.ts';
import { settingsProperties } from '../../../../electron/core/settings/settingsSchema.ts';
import type { SettingsService } from '../../../../electron/core/settings/SettingsService.ts';
import { openAppSettings } from '../../../../electron/main/settings/openAppSettings.ts';
import { DEFAULT_SETTINGS } from '../../../../electron/shared/settings.ts';
import { createTempDirectory } from '../../../support/tempDirectory.ts';

/**
 * electron-store stands in as what it is without Electron: a conf whose file
 * name option is `name`. (The real module imports `electron`, whose package
 * would try to download the binary; a vi.mock of `electron` does not reach
 * an import inside node_modules.) Every options object is kept for assertions.
 */
const storeOptions = vi.hoisted(() => [] as Record<string, unknown>[]);
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  class FakeElectronStore extends Conf<Record<string, unknown>> {
    constructor(options: Record<string, unknown>) {
      storeOptions.push(options);
      const { name, ...rest } = options;
      super({ ...rest, configName: name as string });
    }
  }
  return { default: FakeElectronStore };
});
vi.mock('electron', () => {
  throw new Error('openAppSettings must not import electron itself (only electron-store does)');
});

let temp: ReturnType<typeof createTempDirectory>;
let opened: SettingsService[];
const app = {
  getPath: vi.fn((name: string) => {
    if (name !== 'userData') throw new Error(`unexpected path ${name}`);
    return temp.path;
  }),
};

beforeEach(() => {
  temp = createTempDirectory('app-settings');
  opened = [];
  storeOptions.length = 0;
});
afterEach(() => {
  for (const settings of opened) settings.close();
  temp.dispose();
});

function openApp(): ReturnType<typeof openAppSettings> {
  const appSettings = openAppSettings(app);
  opened.push(appSettings.settings);
  return appSettings;
}

describe('openAppSettings (electron-store, mocked)', () => {
  it('configures electron-store as conf is configured for the CLI and the host', () => {
    openApp();
    expect(storeOptions).toEqual([
      {
        name: 'settings',
        cwd: temp.path,
        schema: settingsProperties,
        rootSchema: { additionalProperties: false },
        clearInvalidConfig: false,
        accessPropertiesByDotNotation: false,
        watch: true,
      },
    ]);
    expect(storeOptions[0]).toEqual({ ...settingsStoreOptions(temp.path, true), name: 'settings' });
  });

  it('opens settings.json in userData, and the library there while dataDirectory is unset', () => {
    const { settings, dataDir } = openApp();
    expect(settings.path).toBe(join(temp.path, 'settings.json'));
    expect(dataDir).toBe(temp.path);
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('opens the library where dataDirectory says', () => {
    writeFileSync(
      join(temp.path, 'settings.json'),
      JSON.stringify({ settingsVersion: 1, dataDirectory: '/srv/offprint' }),
    );
    expect(openApp().dataDir).toBe('/srv/offprint');
  });

  it('writes the file conf reads in the CLI and the host, and reads what they write', () => {
    const { settings: app } = openApp();
    app.update({ theme: 'dark', refreshMinutes: 60 });
    const cli = openSettings({ directory: temp.path });
    opened.push(cli);
    expect(cli.problems).toEqual([]);
    expect(cli.get()).toMatchObject({ theme: 'dark', refreshMinutes: 60 });
    cli.update({ lineWidth: 'narrow' });
    expect(app.get()).toMatchObject({ theme: 'dark', lineWidth: 'narrow' });
  });

  it('checks writes against the same schema', () => {
    const { settings } = openApp();
    expect(() => settings.update({ fontSize: 19 })).toThrow(/fontSize/);
  });

  it('repairs a corrupt file the same way, keeping a copy, and tells the log it is given', () => {
    writeFileSync(join(temp.path, 'settings.json'), 'garbage');
    const logged: string[] = [];
    const { settings } = openAppSettings(app, { log: (message) => logged.push(message) });
    opened.push(settings);
    expect(logged).toEqual(settings.problems);
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(settings.problems[0]).toContain('is not JSON');
    const copies = readdirSync(temp.path).filter((name) => name.startsWith('settings.corrupt-'));
    expect(copies).toHaveLength(1);
    expect(readFileSync(join(temp.path, copies[0] ?? ''), 'utf8')).toBe('garbage');
  });
});
