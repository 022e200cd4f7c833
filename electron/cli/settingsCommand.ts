import { resolve } from 'node:path';
import { libraryDirectory } from '../core/settings/libraryDirectory.ts';
import { openSettings } from '../core/settings/openSettings.ts';
import type { SettingsService } from '../core/settings/SettingsService.ts';
import { SETTING_NAMES, type SettingName, type Settings, type SettingsChange } from '../shared/settings.ts';
import { defaultDataDir } from './defaultDataDir.ts';

export const SETTINGS_USAGE = `Settings (settings.json in the data directory; the desktop app reads the same file)
  settings [show]                   every setting and its value
  settings set <name> <value>       change one: theme system|light|dark|sepia, fontSize 15-24,
                                    lineWidth narrow|standard|wide, refreshMinutes 5-1440,
                                    refreshOnMetered on|off, fullTextDefault auto|on|off (new feeds),
                                    dataDirectory <dir>|default (where the library lives, next start),
                                    proxy <http(s) URL> [<bypass list>] | none
                                    (retention is the library's own: see retention)`;

/** A usage mistake in `settings set`, said in words. */
export class SettingsUsageError extends Error {}

export interface CliSettings {
  readonly settings: SettingsService;
  /** The library's directory. */
  readonly dataDir: string;
}

/**
 * `--data-dir DIR` names the library, and its settings.json is read. Without
 * it, the desktop app's data directory holds the settings, and the library
 * is where their `dataDirectory` says (as the app opens it).
 */
export function openCliSettings(dataDirOption: string | undefined, log: (message: string) => void): CliSettings {
  const directory = resolve(dataDirOption ?? defaultDataDir());
  const settings = openSettings({ directory, log });
  if (dataDirOption !== undefined) return { settings, dataDir: directory };
  return { settings, dataDir: libraryDirectory(directory, settings.get().dataDirectory) };
}

function isSettingName(name: string): name is SettingName {
  return (SETTING_NAMES as string[]).includes(name);
}

const SWITCHES: Readonly<Record<string, boolean>> = {
  on: true,
  true: true,
  yes: true,
  off: false,
  false: false,
  no: false,
};

/** `settings set <name> <value> [<bypass>]` as a change for `settings:update` (the contract checks the value). */
export function settingsChange(args: readonly (string | undefined)[]): SettingsChange {
  const [name, value, extra] = args;
  if (name === undefined || name === '') throw new SettingsUsageError(`missing setting name\n\n${SETTINGS_USAGE}`);
  if (!isSettingName(name)) {
    throw new SettingsUsageError(`unknown setting ${JSON.stringify(name)}; settings: ${SETTING_NAMES.join(', ')}`);
  }
  if (value === undefined || value === '') throw new SettingsUsageError(`missing a value for ${name}`);
  if (args.length > 3 || (extra !== undefined && name !== 'proxy')) {
    throw new SettingsUsageError(`too many values for ${name}\n\n${SETTINGS_USAGE}`);
  }
  switch (name) {
    case 'fontSize':
    case 'refreshMinutes':
      if (!/^\d+$/.test(value))
        throw new SettingsUsageError(`${name} must be a whole number, got ${JSON.stringify(value)}`);
      return { [name]: Number(value) };
    case 'refreshOnMetered': {
      const on = SWITCHES[value.toLowerCase()];
      if (on === undefined)
        throw new SettingsUsageError(`refreshOnMetered must be on or off, got ${JSON.stringify(value)}`);
      return { refreshOnMetered: on };
    }
    case 'dataDirectory':
      return { dataDirectory: value === 'default' ? null : resolve(value) };
    case 'proxy':
      if (value === 'none') return { proxy: null };
      return { proxy: extra === undefined ? { url: value } : { url: value, bypass: extra } };
    default:
      // theme, lineWidth, fullTextDefault: the contract names the choices if the value is not one.
      return { [name]: value };
  }
}

/** The settings, one a line, as `settings set` names them. */
export function formatSettings(settings: Settings): string {
  const { proxy } = settings;
  const shown: Record<SettingName, string> = {
    theme: settings.theme,
    fontSize: String(settings.fontSize),
    lineWidth: settings.lineWidth,
    refreshMinutes: String(settings.refreshMinutes),
    refreshOnMetered: settings.refreshOnMetered ? 'on' : 'off',
    fullTextDefault: settings.fullTextDefault,
    dataDirectory: settings.dataDirectory ?? 'default (this data directory)',
    proxy: proxy === null ? 'none' : proxy.bypass === undefined ? proxy.url : `${proxy.url} (bypass: ${proxy.bypass})`,
  };
  const width = Math.max(...SETTING_NAMES.map((name) => name.length)) + 2;
  return SETTING_NAMES.map((name) => `${name.padEnd(width)}${shown[name]}`).join('\n');
}
