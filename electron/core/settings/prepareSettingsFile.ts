import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, SETTING_NAMES, settingSchemas, type SettingName } from '../../shared/settings.ts';
import { SETTINGS_FILE_NAME, SETTINGS_VERSION, VERSION_KEY } from './settingsSchema.ts';

/** One step: a file's fields at version N-1 in, at version N out (keyed by N in SETTINGS_MIGRATIONS). */
export type SettingsMigration = (fields: Record<string, unknown>) => Record<string, unknown>;

/**
 * Numbered steps from one file shape to the next. Version 0 is a file with
 * no `settingsVersion` (written by hand, or before versions): its keys are
 * version 1's, except that a proxy may be a bare URL.
 */
export const SETTINGS_MIGRATIONS: Readonly<Record<number, SettingsMigration>> = {
  1: (fields) => (typeof fields['proxy'] === 'string' ? { ...fields, proxy: { url: fields['proxy'] } } : fields),
};

/** What opening found wrong with settings.json and did about it; nothing is dropped without a copy kept. */
export interface SettingsFileCheck {
  readonly path: string;
  /** Sentences for people, one per problem (each also logged). */
  readonly problems: readonly string[];
  /** The copy of the file as it was before it was repaired or migrated, or null if it was left alone. */
  readonly backup: string | null;
}

export interface PrepareSettingsOptions {
  readonly clock?: () => Date;
  readonly migrations?: Readonly<Record<number, SettingsMigration>>;
  readonly version?: number;
}

export function settingsFilePath(directory: string): string {
  return join(directory, `${SETTINGS_FILE_NAME}.json`);
}

/**
 * Reads settings.json before conf or electron-store opens it (conf's
 * `clearInvalidConfig` would delete a bad file without a copy). A file that
 * is not a JSON object is moved to `settings.corrupt-<time>.json` and a
 * default file written. A readable file is migrated to the current version;
 * unknown keys are dropped and values the schema refuses go back to their
 * defaults, the rest kept, after copying the original aside
 * (`settings.corrupt-<time>.json`, or `settings.v<N>-<time>.json` for a
 * migration or a file from a newer Offprint). Never throws for what the file
 * holds.
 */
export function prepareSettingsFile(directory: string, options: PrepareSettingsOptions = {}): SettingsFileCheck {
  const path = settingsFilePath(directory);
  const clock = options.clock ?? (() => new Date());
  const migrations = options.migrations ?? SETTINGS_MIGRATIONS;
  const current = options.version ?? SETTINGS_VERSION;
  if (!existsSync(path)) return { path, problems: [], backup: null };

  const stamp = clock().toISOString().replaceAll(':', '-').replace('.', '-');
  let parsed: unknown;
  let parseError: string | null = null;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    parseError = error instanceof Error ? error.message : String(error);
  }
  if (parseError !== null || typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const backup = freeName(directory, `corrupt-${stamp}`);
    renameSync(path, backup);
    writeSettingsFile(path, { [VERSION_KEY]: current, ...DEFAULT_SETTINGS });
    const what = parseError === null ? 'does not hold a JSON object' : `is not JSON (${parseError})`;
    return { path, problems: [`${path} ${what}: moved to ${backup}; the default settings are used`], backup };
  }

  const problems: string[] = [];
  const { [VERSION_KEY]: stored, ...stripped } = parsed as Record<string, unknown>;
  let fields = stripped;
  let version = 0;
  if (Number.isSafeInteger(stored) && (stored as number) >= 0) version = stored as number;
  else if (stored !== undefined) problems.push(`${VERSION_KEY} ${JSON.stringify(stored)} is not a version; read as 0`);
  // The copy of a file from a newer Offprint, or one only migrated, is named by its version; one repaired is corrupt.
  const versionKind = `v${version}`;
  if (version > current) {
    problems.push(
      `written by a newer Offprint (settings version ${version}, this one reads ${current}): settings it knows are kept`,
    );
  } else if (version < current) {
    try {
      for (let step = version + 1; step <= current; step += 1) {
        const migrate = migrations[step];
        if (migrate) fields = migrate(fields);
      }
      problems.push(`migrated from settings version ${version} to ${current}`);
    } catch (error) {
      problems.push(
        `could not migrate from settings version ${version}: ${error instanceof Error ? error.message : String(error)}`,
      );
      fields = {};
    }
  }

  const repaired: Record<string, unknown> = { [VERSION_KEY]: current };
  let repairs = 0;
  for (const [key, value] of Object.entries(fields)) {
    if (!isSettingName(key)) {
      repairs += 1;
      problems.push(`unknown setting ${JSON.stringify(key)} dropped`);
      continue;
    }
    const verdict = settingSchemas[key].safeParse(value);
    if (verdict.success) repaired[key] = value;
    else {
      repairs += 1;
      const reason = verdict.error.issues[0]?.message ?? 'invalid';
      problems.push(
        `${key} ${JSON.stringify(value)} refused (${reason}): back to ${JSON.stringify(DEFAULT_SETTINGS[key])}`,
      );
    }
  }
  // Missing keys are filled in by the schema's defaults as conf reads the file; not a problem.
  if (problems.length === 0) return { path, problems, backup: null };
  const kind = repairs > 0 && version <= current ? 'corrupt' : versionKind;
  const backup = freeName(directory, `${kind}-${stamp}`);
  copyFileSync(path, backup);
  writeSettingsFile(path, { ...DEFAULT_SETTINGS, ...repaired });
  const copyNote = `the file as it was is kept at ${backup}`;
  return { path, problems: problems.map((problem) => `${path}: ${problem}; ${copyNote}`), backup };
}

function isSettingName(key: string): key is SettingName {
  return (SETTING_NAMES as string[]).includes(key);
}

/** `settings.<label>.json`, or `settings.<label>-2.json` and on if that is taken. */
function freeName(directory: string, label: string): string {
  for (let attempt = 1; ; attempt += 1) {
    const candidate = join(directory, `${SETTINGS_FILE_NAME}.${label}${attempt === 1 ? '' : `-${attempt}`}.json`);
    if (!existsSync(candidate)) return candidate;
  }
}

/** Written beside the file then renamed over it, as conf writes: a reader sees the old file or the new one. */
function writeSettingsFile(path: string, contents: Record<string, unknown>): void {
  mkdirSync(join(path, '..'), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(contents, null, '\t')}\n`);
  renameSync(temporary, path);
}
