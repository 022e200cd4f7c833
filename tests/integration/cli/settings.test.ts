import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../../electron/cli/runCli.ts';
import { openSettings } from '../../../electron/core/settings/openSettings.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../electron/shared/settings.ts';
import { runOffprint, type OffprintRun } from '../../support/runOffprint.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';

let temp: ReturnType<typeof createTempDirectory>;
let dataDir: string;

beforeEach(() => {
  temp = createTempDirectory('cli-settings');
  dataDir = join(temp.path, 'library');
});
afterEach(() => {
  temp.dispose();
});

function offprint(...args: string[]): Promise<OffprintRun> {
  return runOffprint(dataDir, args);
}

function fileSettings(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
}

describe('offprint settings', () => {
  it('shows the defaults, one setting a line', async () => {
    const shown = await offprint('settings');
    expect(shown.code, shown.stderr).toBe(EXIT.ok);
    expect(shown.stdout.split('\n')).toEqual([
      'theme             system',
      'fontSize          18',
      'lineWidth         standard',
      'refreshMinutes    30',
      'refreshOnMetered  off',
      'fullTextDefault   auto',
      'dataDirectory     default (this data directory)',
      'proxy             none',
      '',
    ]);
    const json = await offprint('--json', 'settings', 'show');
    expect(JSON.parse(json.stdout)).toEqual(DEFAULT_SETTINGS);
  });

  it('sets each kind of value, writing settings.json that another reader sees', async () => {
    const runs = [
      ['theme', 'sepia'],
      ['fontSize', '22'],
      ['lineWidth', 'narrow'],
      ['refreshMinutes', '120'],
      ['refreshOnMetered', 'on'],
      ['fullTextDefault', 'off'],
      ['dataDirectory', join(temp.path, 'elsewhere')],
      ['proxy', 'http://proxy.example:3128', 'localhost,*.internal'],
    ];
    for (const args of runs) {
      const run = await offprint('settings', 'set', ...args);
      expect(run.code, run.stderr).toBe(EXIT.ok);
    }
    const expected: Settings = {
      theme: 'sepia',
      fontSize: 22,
      lineWidth: 'narrow',
      refreshMinutes: 120,
      refreshOnMetered: true,
      fullTextDefault: 'off',
      dataDirectory: join(temp.path, 'elsewhere'),
      proxy: { url: 'http://proxy.example:3128', bypass: 'localhost,*.internal' },
    };
    expect(fileSettings()).toEqual({ settingsVersion: 1, ...expected });
    const reader = openSettings({ directory: dataDir });
    expect(reader.get()).toEqual(expected);
    reader.close();

    const shown = await offprint('settings');
    expect(shown.stdout).toContain('proxy             http://proxy.example:3128 (bypass: localhost,*.internal)');
    expect(shown.stdout).toContain('refreshOnMetered  on');

    const cleared = await offprint('--json', 'settings', 'set', 'proxy', 'none');
    expect((JSON.parse(cleared.stdout) as Settings).proxy).toBeNull();
    await offprint('settings', 'set', 'dataDirectory', 'default');
    expect(fileSettings()['dataDirectory']).toBeNull();
  });

  it.each([
    [['theme', 'blue'], /theme/],
    [['fontSize', '19'], /fontSize.*one of 15, 16, 17, 18, 20, 22, 24/],
    [['fontSize', 'big'], /fontSize must be a whole number/],
    [['refreshMinutes', '2'], /refreshMinutes/],
    [['refreshOnMetered', 'maybe'], /refreshOnMetered must be on or off/],
    [['proxy', 'socks5://proxy.example:1080'], /must be an http or https URL/],
    [['colour', 'red'], /unknown setting "colour"/],
    [['theme'], /missing a value for theme/],
    [['theme', 'dark', 'light'], /too many values for theme/],
  ])('refuses settings set %j (exit 2) and leaves the file alone', async (args, message) => {
    await offprint('settings', 'set', 'theme', 'dark');
    const before = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    const run = await offprint('settings', 'set', ...args);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toMatch(message);
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(before);
  });

  it('repairs a corrupt settings.json, keeping a copy and saying so, and still runs the command', async () => {
    await offprint('info');
    writeFileSync(join(dataDir, 'settings.json'), '{"theme": "dark", "fontSize": 99}');
    const shown = await offprint('--json', 'settings');
    expect(shown.code).toBe(EXIT.ok);
    expect(JSON.parse(shown.stdout)).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    const copy = /kept at (\S+settings\.corrupt-[\w-]+\.json)/.exec(shown.stderr)?.[1] ?? '';
    expect(shown.stderr).toContain('offprint: settings: ');
    expect(shown.stderr).toContain('fontSize 99 refused');
    expect(readFileSync(copy, 'utf8')).toBe('{"theme": "dark", "fontSize": 99}');
    // Repaired once: the next run has nothing to say.
    expect((await offprint('settings')).stderr).toBe('');
  });

  it('without --data-dir: settings from the default data directory, the library where dataDirectory says', async () => {
    const home = join(temp.path, 'config');
    const elsewhere = join(temp.path, 'elsewhere');
    const previous = process.env['XDG_CONFIG_HOME'];
    process.env['XDG_CONFIG_HOME'] = home;
    try {
      let stdout = '';
      const run = (...args: string[]) =>
        runCli(args, {
          stdout: (text) => (stdout += text),
          stderr: () => undefined,
          untilInterrupted: () => new Promise(() => undefined),
        });
      expect(await run('settings', 'set', 'dataDirectory', elsewhere)).toBe(EXIT.ok);
      stdout = '';
      expect(await run('--json', 'info')).toBe(EXIT.ok);
      expect((JSON.parse(stdout) as { dataDir: string }).dataDir).toBe(elsewhere);
      stdout = '';
      expect(await run('--json', 'settings')).toBe(EXIT.ok);
      expect((JSON.parse(stdout) as Settings).dataDirectory).toBe(elsewhere);
    } finally {
      if (previous === undefined) delete process.env['XDG_CONFIG_HOME'];
      else process.env['XDG_CONFIG_HOME'] = previous;
    }
  });
});
