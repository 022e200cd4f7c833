import Conf from 'conf';
import { prepareSettingsFile, type PrepareSettingsOptions } from './prepareSettingsFile.ts';
import { SETTINGS_FILE_NAME, settingsProperties, settingsRootSchema } from './settingsSchema.ts';
import { SettingsService, type SettingsBackend } from './SettingsService.ts';

export interface OpenSettingsOptions extends PrepareSettingsOptions {
  /** The directory settings.json is in: the data directory. */
  readonly directory: string;
  /** Report changes other processes write to the file (a file watcher; close() stops it). */
  readonly watch?: boolean;
  /** Where problems found on opening go, besides `SettingsService.problems` (default console.warn). */
  readonly log?: (message: string) => void;
}

/**
 * The options conf and electron-store both get, so the desktop app, the
 * Node host and the CLI read and write one file the same way. Only the
 * file name's option differs: conf calls it `configName`, electron-store
 * `name`.
 */
export function settingsStoreOptions(directory: string, watch: boolean) {
  return {
    cwd: directory,
    schema: settingsProperties,
    rootSchema: settingsRootSchema,
    // prepareSettingsFile has already repaired the file, keeping a copy; a file that still fails is an error to show.
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    watch,
  } as const;
}

/**
 * Runs the checks, then hands the file to `open` (conf here, electron-store
 * in electron/main/settings/openAppSettings.ts).
 */
export function openSettingsWith(
  options: OpenSettingsOptions,
  open: (storeOptions: ReturnType<typeof settingsStoreOptions>) => SettingsBackend,
): SettingsService {
  const check = prepareSettingsFile(options.directory, options);
  const log =
    options.log ??
    ((message: string) => {
      console.warn(`settings: ${message}`);
    });
  for (const problem of check.problems) log(problem);
  const watch = options.watch ?? false;
  return new SettingsService(() => open(settingsStoreOptions(options.directory, watch)), check, { eager: watch });
}

/** Opens `<directory>/settings.json` with conf: the Node host and the CLI. */
export function openSettings(options: OpenSettingsOptions): SettingsService {
  return openSettingsWith(
    options,
    (storeOptions) => new Conf<Record<string, unknown>>({ ...storeOptions, configName: SETTINGS_FILE_NAME }),
  );
}
