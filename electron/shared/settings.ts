/**
 * The app's settings: one `settings.json` that the desktop app (electron-store),
 * the Node host and the CLI (conf) read and write. The shapes and choices
 * live here, beside the contract, so the renderer shows the same choices the
 * file's JSON Schema (electron/core/settings/settingsSchema.ts) accepts.
 *
 * Retention is not here: it lives in the library database (`retention:*`),
 * per feed as well as global, and travels with the library's backups.
 */
import { z } from 'zod';

/** `system` follows the OS (prefers-color-scheme). */
export type ReadingTheme = 'system' | 'light' | 'dark' | 'sepia';
export type LineWidth = 'narrow' | 'standard' | 'wide';
/** Whether a newly added feed asks for each article's page: `auto` decides from the first fetch. */
export type FullTextDefault = 'auto' | 'on' | 'off';

export interface ProxySettings {
  /** An http or https proxy URL. */
  readonly url: string;
  /** Hosts that bypass the proxy, comma-separated (Chromium's bypass-list rules). */
  readonly bypass?: string;
}

export interface Settings {
  readonly theme: ReadingTheme;
  /** The article text's size in CSS pixels, one of FONT_SIZES. */
  readonly fontSize: number;
  readonly lineWidth: LineWidth;
  /** Minutes between background refreshes. */
  readonly refreshMinutes: number;
  /** Refresh in the background on a metered connection too. */
  readonly refreshOnMetered: boolean;
  readonly fullTextDefault: FullTextDefault;
  /** Where the library lives (an absolute path); null: the default data directory. Applies at the next start. */
  readonly dataDirectory: string | null;
  readonly proxy: ProxySettings | null;
}

export const READING_THEMES: readonly ReadingTheme[] = ['system', 'light', 'dark', 'sepia'];
export const FONT_SIZES: readonly number[] = [15, 16, 17, 18, 20, 22, 24];
export const LINE_WIDTH_CHOICES: readonly LineWidth[] = ['narrow', 'standard', 'wide'];
export const FULL_TEXT_DEFAULTS: readonly FullTextDefault[] = ['auto', 'on', 'off'];
export const REFRESH_MINUTES = { min: 5, max: 1440 } as const;
export const MAX_PATH_CHARS = 4096;
export const MAX_PROXY_URL_CHARS = 2048;
export const MAX_PROXY_BYPASS_CHARS = 4096;
/** An http(s) URL with a host and no white space: what a proxy setting may hold. */
export const PROXY_URL_PATTERN = String.raw`^https?://[^\s/?#@]+(?:[/?#]\S*)?$`;
/** An absolute path: POSIX, a Windows drive or a UNC share. */
export const ABSOLUTE_PATH_PATTERN = String.raw`^(?:/|[A-Za-z]:[\\/]|\\\\)`;

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  fontSize: 18,
  lineWidth: 'standard',
  refreshMinutes: 30,
  refreshOnMetered: false,
  fullTextDefault: 'auto',
  dataDirectory: null,
  proxy: null,
};

export type SettingName = keyof Settings;
export const SETTING_NAMES = Object.keys(DEFAULT_SETTINGS) as SettingName[];

const proxyUrl = z
  .string()
  .max(MAX_PROXY_URL_CHARS)
  .regex(new RegExp(PROXY_URL_PATTERN, 'u'), { error: 'must be an http or https URL' });

/** Each setting's rule, as the contract checks a change (the file's JSON Schema says the same). */
export const settingSchemas = {
  theme: z.enum(['system', 'light', 'dark', 'sepia']),
  fontSize: z
    .number()
    .refine((size) => FONT_SIZES.includes(size), { error: `must be one of ${FONT_SIZES.join(', ')}` }),
  lineWidth: z.enum(['narrow', 'standard', 'wide']),
  refreshMinutes: z.number().int().min(REFRESH_MINUTES.min).max(REFRESH_MINUTES.max),
  refreshOnMetered: z.boolean(),
  fullTextDefault: z.enum(['auto', 'on', 'off']),
  dataDirectory: z
    .string()
    .min(1)
    .max(MAX_PATH_CHARS)
    .regex(new RegExp(ABSOLUTE_PATH_PATTERN, 'u'), { error: 'must be an absolute path' })
    .nullable(),
  proxy: z
    .object({ url: proxyUrl, bypass: z.string().max(MAX_PROXY_BYPASS_CHARS).optional() })
    .strict()
    .nullable(),
} satisfies Record<SettingName, z.ZodType>;

/** A change to some settings: `settings:update`'s request. */
export const settingsChangeSchema = z.object(settingSchemas).partial().strict();
export type SettingsChange = z.output<typeof settingsChangeSchema>;
