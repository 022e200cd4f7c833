import Conf from 'conf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsStoreOptions } from '../../../electron/core/settings/openSettings.ts';
import { DEFAULT_SETTINGS, settingSchemas, type SettingName } from '../../../electron/shared/settings.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';

/** Values each setting must take or refuse; the contract's zod rules and the file's JSON Schema must agree on all. */
const CASES: Record<SettingName, { good: unknown[]; bad: unknown[] }> = {
  theme: { good: ['system', 'light', 'dark', 'sepia'], bad: ['blue', '', null, 1] },
  fontSize: { good: [15, 16, 17, 18, 20, 22, 24], bad: [14, 19, 25, 18.5, '18', null] },
  lineWidth: { good: ['narrow', 'standard', 'wide'], bad: ['huge', null] },
  refreshMinutes: { good: [5, 30, 1440], bad: [4, 1441, 30.5, '30', null] },
  refreshOnMetered: { good: [true, false], bad: ['true', 0, null] },
  fullTextDefault: { good: ['auto', 'on', 'off'], bad: ['yes', true, null] },
  dataDirectory: {
    good: [null, '/home/ana/Offprint', 'C:\\Users\\Ana\\Offprint', 'D:/Offprint', '\\\\server\\share\\Offprint'],
    bad: ['', 'relative/dir', '~/Offprint', 5, 'x'.repeat(5000)],
  },
  proxy: {
    good: [
      null,
      { url: 'http://proxy.example:3128' },
      { url: 'https://10.0.0.1:8443/path', bypass: 'localhost,*.internal' },
    ],
    bad: [
      'http://proxy.example',
      { url: 'socks5://proxy.example:1080' },
      { url: 'http://user:secret@proxy.example' },
      { url: 'http://' },
      { url: 'http://proxy example' },
      { url: 'http://proxy.example', port: 80 },
      { bypass: 'localhost' },
    ],
  },
};

let temp: ReturnType<typeof createTempDirectory>;
let conf: ReturnType<typeof openConf>;

function openConf(directory: string) {
  return new Conf({ ...settingsStoreOptions(directory, false), configName: 'settings' });
}

beforeAll(() => {
  temp = createTempDirectory('settings-schema');
  conf = openConf(temp.path);
});
afterAll(() => {
  temp.dispose();
});

function schemaTakes(name: SettingName, value: unknown): boolean {
  try {
    conf.set({ [name]: value });
    return true;
  } catch {
    return false;
  } finally {
    conf.reset(name);
  }
}

describe('the settings schema (JSON Schema for conf and electron-store) and the contract', () => {
  it('a fresh file holds the defaults', () => {
    const { settingsVersion, ...settings } = conf.store;
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(settingsVersion).toBe(1);
  });

  for (const [name, { good, bad }] of Object.entries(CASES) as [SettingName, { good: unknown[]; bad: unknown[] }][]) {
    it(`${name}: both take ${good.length} values and refuse ${bad.length}`, () => {
      for (const value of good) {
        expect({ value, zod: settingSchemas[name].safeParse(value).success }).toEqual({ value, zod: true });
        expect({ value, schema: schemaTakes(name, value) }).toEqual({ value, schema: true });
      }
      for (const value of bad) {
        expect({ value, zod: settingSchemas[name].safeParse(value).success }).toEqual({ value, zod: false });
        expect({ value, schema: schemaTakes(name, value) }).toEqual({ value, schema: false });
      }
    });
  }

  it('the file refuses keys that are not settings', () => {
    expect(() => {
      conf.set('colour' as never, 'red' as never);
    }).toThrow(/colour/);
  });
});
