import {
  ABSOLUTE_PATH_PATTERN,
  DEFAULT_SETTINGS,
  FONT_SIZES,
  FULL_TEXT_DEFAULTS,
  LINE_WIDTH_CHOICES,
  MAX_PATH_CHARS,
  MAX_PROXY_BYPASS_CHARS,
  MAX_PROXY_URL_CHARS,
  PROXY_URL_PATTERN,
  READING_THEMES,
  REFRESH_MINUTES,
  type SettingName,
  type Settings,
} from '../../shared/settings.ts';

/** The file's shape version: `settingsVersion` in settings.json. Raise it with a step in SETTINGS_MIGRATIONS. */
export const SETTINGS_VERSION = 1;
/** The file's name in the data directory (the library's backup copies the same name: care/BackupManifest.ts). */
export const SETTINGS_FILE_NAME = 'settings';
export const VERSION_KEY = 'settingsVersion';

/** A JSON Schema (draft-07, as conf's ajv reads it) for one value. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * The `properties` of settings.json: conf's and electron-store's `schema`
 * option (each `default` is what a fresh file holds). The choices come
 * from electron/shared/settings.ts, as the contract's zod rules do; a unit
 * test holds the two to the same verdicts.
 */
export const settingsProperties: Readonly<Record<SettingName | typeof VERSION_KEY, JsonSchema>> = {
  [VERSION_KEY]: { type: 'integer', minimum: 0, default: SETTINGS_VERSION },
  theme: { enum: [...READING_THEMES], default: DEFAULT_SETTINGS.theme },
  fontSize: { enum: [...FONT_SIZES], default: DEFAULT_SETTINGS.fontSize },
  lineWidth: { enum: [...LINE_WIDTH_CHOICES], default: DEFAULT_SETTINGS.lineWidth },
  refreshMinutes: {
    type: 'integer',
    minimum: REFRESH_MINUTES.min,
    maximum: REFRESH_MINUTES.max,
    default: DEFAULT_SETTINGS.refreshMinutes,
  },
  refreshOnMetered: { type: 'boolean', default: DEFAULT_SETTINGS.refreshOnMetered },
  fullTextDefault: { enum: [...FULL_TEXT_DEFAULTS], default: DEFAULT_SETTINGS.fullTextDefault },
  dataDirectory: {
    anyOf: [
      { type: 'null' },
      { type: 'string', minLength: 1, maxLength: MAX_PATH_CHARS, pattern: ABSOLUTE_PATH_PATTERN },
    ],
    default: DEFAULT_SETTINGS.dataDirectory,
  },
  proxy: {
    anyOf: [
      { type: 'null' },
      {
        type: 'object',
        properties: {
          url: { type: 'string', maxLength: MAX_PROXY_URL_CHARS, pattern: PROXY_URL_PATTERN },
          bypass: { type: 'string', maxLength: MAX_PROXY_BYPASS_CHARS },
        },
        required: ['url'],
        additionalProperties: false,
      },
    ],
    default: DEFAULT_SETTINGS.proxy,
  },
};

/** The rules for the file as a whole: nothing but the settings above (conf's `rootSchema` option). */
export const settingsRootSchema: JsonSchema = { additionalProperties: false };

/** A file's contents as conf keeps them: the settings plus their version. */
export type SettingsFileContents = Settings & { readonly [VERSION_KEY]: number };
