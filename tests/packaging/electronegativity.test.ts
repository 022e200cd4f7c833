import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The gate script (scripts/electronegativity.ts, a step of `npm test` over
// electron/) on small main processes: it passes a hardened one and fails,
// naming check, file and line, on a weakened one or one it cannot parse.
const HARDENED_MAIN = `const { app, BrowserWindow, session } = require('electron');
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});
app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': ["default-src 'self'"] } }),
  );
  const window = new BrowserWindow({
    webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' },
  });
  window.loadURL('app://bundle/index.html');
});
`;
const WINDOW_LINE = 12;

let root = '';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'offprint-electronegativity-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function gate(name: string, files: Record<string, string>): Promise<{ status: number | null; output: string }> {
  const folder = join(root, name);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder);
  for (const [file, text] of Object.entries(files)) await writeFile(join(folder, file), text);
  const result = spawnSync(
    process.execPath,
    ['scripts/electronegativity.ts', '--sarif', join(root, 'reports'), folder],
    { encoding: 'utf8' },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the electronegativity gate', () => {
  it('passes a hardened main process', async () => {
    const { status, output } = await gate('hardened', { 'main.js': HARDENED_MAIN });
    expect(output).toContain('no HIGH or MEDIUM findings');
    expect(status).toBe(0);
  });

  it('fails on a window without context isolation, naming the check, file and line', async () => {
    const weakened = HARDENED_MAIN.replace('contextIsolation: true', 'contextIsolation: false');
    const { status, output } = await gate('weakened', { 'main.js': weakened });
    expect(output).toContain(
      `HIGH CONTEXT_ISOLATION_JS_CHECK ${join(root, 'weakened')}/main.js:${String(WINDOW_LINE)}`,
    );
    expect(status).toBe(1);
  });

  it('fails on a MEDIUM finding (no sandbox)', async () => {
    const { status, output } = await gate('unsandboxed', {
      'main.js': HARDENED_MAIN.replace('sandbox: true', 'sandbox: false'),
    });
    expect(output).toContain('MEDIUM SANDBOX_JS_CHECK');
    expect(status).toBe(1);
  });

  it('passes a finding silenced on its line with eng-disable', async () => {
    // The check reports the sandbox option's line, so the comment goes there.
    const silenced = HARDENED_MAIN.replace(
      'sandbox: true,',
      'sandbox: false, // eng-disable SANDBOX_JS_CHECK -- test fixture\n   ',
    );
    const { status, output } = await gate('silenced', { 'main.js': silenced });
    expect(output).not.toContain('SANDBOX_JS_CHECK');
    expect(status).toBe(0);
  });

  it('fails when a file cannot be parsed (it was not checked)', async () => {
    const { status, output } = await gate('unparsable', { 'main.js': HARDENED_MAIN, 'broken.js': 'const = ;\n' });
    expect(output).toContain(`could not parse ${join(root, 'unparsable')}/broken.js`);
    expect(status).toBe(1);
  });
});
