import type { App } from 'electron';
import ElectronStore from 'electron-store';
import { openSettingsWith } from '../../core/settings/openSettings.ts';
import { SETTINGS_FILE_NAME } from '../../core/settings/settingsSchema.ts';
import type { SettingsService } from '../../core/settings/SettingsService.ts';
import { libraryDirectory } from '../../core/settings/libraryDirectory.ts';

export interface AppSettings {
  readonly settings: SettingsService;
  /** Where to open the library: the `dataDirectory` setting, or the app's own data directory. */
  readonly dataDir: string;
}

/**
 * settings.json in the app's data directory (`userData`, the directory the
 * CLI and the Node host use by default), opened with electron-store under
 * the same checks, schema and repair as conf in the CLI and the host
 * (core/settings/openSettings.ts), and watched so a change the CLI writes
 * reaches the window as `settings:changed`. Problems found on opening go
 * to `log` (e.g. the app's log file; default console.warn) and stay on
 * `settings.problems`.
 */
export function openAppSettings(
  app: Pick<App, 'getPath'>,
  options: { readonly log?: (message: string) => void } = {},
): AppSettings {
  const directory = app.getPath('userData');
  const settings = openSettingsWith(
    { directory, watch: true, ...(options.log ? { log: options.log } : {}) },
    (storeOptions) => new ElectronStore<Record<string, unknown>>({ ...storeOptions, name: SETTINGS_FILE_NAME }),
  );
  return { settings, dataDir: libraryDirectory(directory, settings.get().dataDirectory) };
}
