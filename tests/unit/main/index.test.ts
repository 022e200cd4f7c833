import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventHub } from '../../../electron/core/EventHub.ts';
import { callNames, ipcChannelOf } from '../../../electron/shared/contract.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';

type Listener = (...args: never[]) => unknown;

/** A fake of the slice of Electron the entry touches, rebuilt before every test. */
const fake = vi.hoisted(() => {
  const state = {
    appListeners: new Map<string, Listener>(),
    screenListeners: new Map<string, Listener>(),
    windows: [] as FakeWindow[],
    hasLock: true,
    /** app.getPath's folder: a temporary directory per test. */
    paths: '/nowhere',
    /** What the log received: [level, message, error]. */
    logged: [] as unknown[][],
    logFile: '',
  };
  class FakeWindow {
    readonly options: unknown;
    readonly listeners = new Map<string, Listener>();
    readonly webContents = {
      send: () => undefined,
      isDestroyed: () => false,
      once: () => undefined,
      removeListener: () => undefined,
      focus: vi.fn(),
      sendInputEvent: vi.fn(),
    };
    readonly loadURL = vi.fn(() => Promise.resolve());
    readonly show = vi.fn();
    readonly maximize = vi.fn();
    readonly focus = vi.fn();
    normalBounds = { x: 0, y: 0, width: 1280, height: 820 };
    maximized = false;
    getNormalBounds() {
      return this.normalBounds;
    }
    isMaximized() {
      return this.maximized;
    }
    constructor(options: unknown) {
      this.options = options;
      state.windows.push(this);
    }
    once(event: string, listener: Listener) {
      this.listeners.set(event, listener);
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
    }
    readonly setBounds = vi.fn((bounds: { x: number; y: number; width: number; height: number }) => {
      this.normalBounds = bounds;
    });
    isDestroyed() {
      return false;
    }
    isFullScreen() {
      return false;
    }
    isMinimized() {
      return false;
    }
    restore() {
      return undefined;
    }
  }
  class FakeLogFile {
    readonly file: string;
    constructor({ file }: { file: string }) {
      this.file = file;
      state.logFile = file;
    }
    error(message: string, error?: unknown) {
      state.logged.push(['error', message, error]);
    }
    warn(message: string) {
      state.logged.push(['warn', message]);
    }
    info(message: string) {
      state.logged.push(['info', message]);
    }
  }
  const electron = {
    app: {
      isPackaged: true,
      requestSingleInstanceLock: vi.fn(() => state.hasLock),
      on: vi.fn((event: string, listener: Listener) => state.appListeners.set(event, listener)),
      whenReady: vi.fn(() => Promise.resolve()),
      quit: vi.fn(),
      relaunch: vi.fn(),
      name: 'Offprint',
      getPath: vi.fn((name: string) => `${state.paths}/${name}`),
    },
    BrowserWindow: FakeWindow,
    dialog: {
      showErrorBox: vi.fn(),
      showMessageBox: vi.fn((..._args: unknown[]) => Promise.resolve({ response: 1 })),
      showOpenDialog: vi.fn(() => Promise.resolve({ canceled: true, filePaths: [] as string[] })),
      showSaveDialog: vi.fn(() => Promise.resolve({ canceled: true, filePath: '' })),
    },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown) => ({ template })),
      setApplicationMenu: vi.fn(),
    },
    screen: {
      on: vi.fn((event: string, listener: Listener) => state.screenListeners.set(event, listener)),
      removeListener: vi.fn((event: string) => state.screenListeners.delete(event)),
      getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]),
      getPrimaryDisplay: vi.fn(() => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } })),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn(), unhandle: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    shell: { openExternal: vi.fn(() => Promise.resolve()), showItemInFolder: vi.fn() },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
  };
  const appSettings = { settings: { name: 'electron-store settings' }, dataDir: '' };
  const library = {
    settings: { get: () => ({ refreshMinutes: 45, refreshOnMetered: true }) },
    handlers: {} as unknown,
    events: undefined as unknown,
    images: { read: vi.fn(() => Promise.resolve(null)) },
    close: vi.fn(() => Promise.resolve()),
  };
  const openLibrary = vi.fn(() => Promise.resolve(library));
  const stopBackground = vi.fn(() => Promise.resolve());
  const startBackground = vi.fn((_deps: unknown) => stopBackground);
  const openAppSettings = vi.fn(() => appSettings);
  return {
    state,
    electron,
    library,
    openLibrary,
    FakeLogFile,
    startBackground,
    stopBackground,
    appSettings,
    openAppSettings,
  };
});

vi.mock('electron', () => fake.electron);
vi.mock('../../../electron/core/Library.ts', () => ({ openLibrary: fake.openLibrary }));
vi.mock('../../../electron/core/log/LogFile.ts', () => ({ LogFile: fake.FakeLogFile }));
vi.mock('../../../electron/main/background/startBackground.ts', () => ({ startBackground: fake.startBackground }));
vi.mock('../../../electron/main/settings/openAppSettings.ts', () => ({ openAppSettings: fake.openAppSettings }));

function appListener(event: string): Listener {
  const listener = fake.state.appListeners.get(event);
  if (listener === undefined) throw new Error(`no app listener for ${event}`);
  return listener;
}

async function startApp(): Promise<void> {
  vi.resetModules();
  await import('../../../electron/main/index.ts');
  if (fake.state.hasLock)
    await vi.waitFor(() => {
      expect(fake.state.windows).toHaveLength(1);
    });
}

let temp: ReturnType<typeof createTempDirectory>;
/** The entry adds process-wide crash listeners on every import; each test removes its own. */
type ProcessListener = (...args: unknown[]) => void;
const processEvents = ['uncaughtException', 'unhandledRejection'] as const;
let processListenersBefore: Map<string, ProcessListener[]>;

function processListeners(name: (typeof processEvents)[number]): ProcessListener[] {
  return process.listeners(name as 'uncaughtException') as unknown as ProcessListener[];
}

/** The listeners the entry added to a process event. */
function addedProcessListeners(name: (typeof processEvents)[number]): ProcessListener[] {
  const before = processListenersBefore.get(name) ?? [];
  return processListeners(name).filter((listener) => !before.includes(listener));
}

beforeEach(() => {
  temp = createTempDirectory('main-entry');
  fake.state.paths = temp.path;
  fake.appSettings.dataDir = join(temp.path, 'library');
  fake.state.logged.length = 0;
  processListenersBefore = new Map(processEvents.map((name) => [name, processListeners(name)]));
  vi.clearAllMocks();
  fake.state.appListeners.clear();
  fake.state.screenListeners.clear();
  fake.state.windows.length = 0;
  fake.state.hasLock = true;
  fake.library.events = new EventHub();
  fake.library.handlers = Object.fromEntries(callNames.map((name) => [name, vi.fn()]));
});

afterEach(() => {
  for (const name of processEvents) {
    for (const listener of addedProcessListeners(name)) process.removeListener(name, listener);
  }
  temp.dispose();
});

describe('electron/main entry', () => {
  it('registers the app and image schemes as privileged before ready', async () => {
    await startApp();
    expect(fake.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'offprint-app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      // Only what <img> needs: no fetch, CORS, streaming or CSP bypass.
      { scheme: 'offprint-image', privileges: { standard: true, secure: true } },
      // The hidden print windows' documents: standard so relative links resolve.
      { scheme: 'offprint-print', privileges: { standard: true, secure: true } },
    ]);
  });

  it('serves cached images from the library once it is open', async () => {
    await startApp();
    const { calls, invocationCallOrder } = fake.electron.protocol.handle.mock;
    const imageCall = (calls as unknown[][]).findIndex(([scheme]) => scheme === 'offprint-image');
    const handler = calls[imageCall]?.[1] as unknown as (request: Request) => Promise<Response>;
    expect(invocationCallOrder[imageCall]).toBeGreaterThan(fake.openLibrary.mock.invocationCallOrder[0] ?? Infinity);
    const hash = 'cd'.repeat(32);
    const response = await handler(new Request(`offprint-image://${hash}.webp/`));
    expect(fake.library.images.read).toHaveBeenCalledWith(hash);
    expect(response.status).toBe(404);
  });

  it('serves the renderer, denies permissions, opens the library, registers IPC, then loads the window', async () => {
    await startApp();
    expect(fake.electron.protocol.handle).toHaveBeenCalledWith('offprint-app', expect.any(Function));
    const [[requestHandler]] = fake.electron.session.defaultSession.setPermissionRequestHandler.mock.calls as [
      [(contents: unknown, permission: string, callback: (granted: boolean) => void) => void],
    ];
    const callback = vi.fn();
    requestHandler({}, 'geolocation', callback);
    expect(callback).toHaveBeenCalledWith(false);
    // The library opens where the settings say, with the app's electron-store settings.
    expect(fake.openAppSettings).toHaveBeenCalledWith(fake.electron.app);
    expect(fake.openLibrary).toHaveBeenCalledWith({
      dataDir: join(temp.path, 'library'),
      settings: fake.appSettings.settings,
      openSearchEagerly: true,
      searchWorkerUrl: expect.any(URL) as URL,
      extractWorkerUrl: expect.any(URL) as URL,
      printer: expect.any(Function) as unknown,
    });
    // Both workers run the bundle's own entries, next to the main bundle.
    const options = (
      fake.openLibrary.mock.calls as unknown as [{ searchWorkerUrl: URL; extractWorkerUrl: URL }][]
    )[0]?.[0];
    expect(options?.searchWorkerUrl.pathname).toMatch(/\/indexWorker\.js$/);
    expect(options?.extractWorkerUrl.pathname).toMatch(/\/extractWorker\.js$/);
    expect(fake.electron.ipcMain.handle).toHaveBeenCalledTimes(callNames.length);
    const window = fake.state.windows[0];
    expect(window?.options).toMatchObject({
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
    });
    expect(window?.loadURL).toHaveBeenCalledWith('offprint-app://renderer/index.html');
    // Background refresh starts once the window is open, on the library, at the settings' interval.
    expect(fake.startBackground).toHaveBeenCalledOnce();
    expect(fake.startBackground.mock.calls[0]?.[0]).toMatchObject({
      library: fake.library,
      refreshMinutes: 45,
      refreshOnMetered: true,
    });
  });

  it('hardens every webContents: window.open goes to the system browser or nowhere; navigation stays in the app', async () => {
    await startApp();
    let openHandler: ((details: { url: string }) => unknown) | undefined;
    const navigationListeners = new Map<string, Listener>();
    const contents = {
      setWindowOpenHandler: (handler: typeof openHandler) => {
        openHandler = handler;
      },
      on: (event: string, listener: Listener) => navigationListeners.set(event, listener),
    };
    (appListener('web-contents-created') as (event: unknown, contents: unknown) => void)({}, contents);

    expect(openHandler?.({ url: 'https://example.com/story' })).toEqual({ action: 'deny' });
    expect(fake.electron.shell.openExternal).toHaveBeenCalledWith('https://example.com/story');
    expect(openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.electron.shell.openExternal).toHaveBeenCalledOnce();

    const navigate = navigationListeners.get('will-navigate') as (event: unknown) => void;
    const away = { url: 'https://evil.test/', preventDefault: vi.fn() };
    navigate(away);
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { url: 'offprint-app://renderer/index.html#/saved', preventDefault: vi.fn() };
    navigate(inside);
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const attach = { preventDefault: vi.fn() };
    (navigationListeners.get('will-attach-webview') as (event: unknown) => void)(attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('on quit, holds it once, removes the IPC handlers, closes the library, then quits', async () => {
    await startApp();
    const beforeQuit = appListener('before-quit') as (event: { preventDefault: () => void }) => void;
    const first = { preventDefault: vi.fn() };
    beforeQuit(first);
    expect(first.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => {
      expect(fake.electron.app.quit).toHaveBeenCalledOnce();
    });
    expect(fake.library.close).toHaveBeenCalledOnce();
    expect(fake.electron.ipcMain.removeHandler).toHaveBeenCalledTimes(callNames.length);
    expect(fake.electron.protocol.unhandle).toHaveBeenCalledWith('offprint-app');
    expect(fake.electron.protocol.unhandle).toHaveBeenCalledWith('offprint-image');
    // The image handler goes before the library it reads from closes.
    const unhandleImages = fake.electron.protocol.unhandle.mock.calls.findIndex(
      ([scheme]) => scheme === 'offprint-image',
    );
    expect(fake.electron.protocol.unhandle.mock.invocationCallOrder[unhandleImages]).toBeLessThan(
      fake.library.close.mock.invocationCallOrder[0] ?? 0,
    );
    // Background work stops (its running refresh awaited) before the library closes.
    expect(fake.stopBackground).toHaveBeenCalledOnce();
    expect(fake.stopBackground.mock.invocationCallOrder[0]).toBeLessThan(
      fake.library.close.mock.invocationCallOrder[0] ?? 0,
    );
    const second = { preventDefault: vi.fn() };
    beforeQuit(second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });

  it('quits when the last window closes (outside macOS)', async () => {
    await startApp();
    appListener('window-all-closed')();
    expect(fake.electron.app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
  });

  it('leaves everything to the running instance when it cannot take the single-instance lock', async () => {
    fake.state.hasLock = false;
    await startApp();
    expect(fake.electron.app.quit).toHaveBeenCalledOnce();
    expect(fake.electron.app.whenReady).not.toHaveBeenCalled();
    expect(fake.openLibrary).not.toHaveBeenCalled();
  });

  it('reports a library that cannot open and quits', async () => {
    fake.openLibrary.mockRejectedValueOnce(new Error('openLibrary /fake/userData: database is locked'));
    vi.resetModules();
    await import('../../../electron/main/index.ts');
    await vi.waitFor(() => {
      expect(fake.electron.dialog.showErrorBox).toHaveBeenCalled();
    });
    expect(fake.electron.dialog.showErrorBox).toHaveBeenCalledWith(
      'Offprint could not start',
      'openLibrary /fake/userData: database is locked',
    );
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(0);
  });

  it('opens the window where it was left (saved bounds, maximized) and saves it again as it closes', async () => {
    const stateFile = join(temp.path, 'userData', 'window-state.json');
    mkdirSync(join(temp.path, 'userData'));
    writeFileSync(stateFile, JSON.stringify({ bounds: { x: 100, y: 50, width: 1000, height: 700 }, maximized: true }));
    await startApp();
    const window = fake.state.windows[0];
    expect(window?.options).toMatchObject({ x: 100, y: 50, width: 1000, height: 700 });
    expect(window?.maximize).toHaveBeenCalled();
    if (window === undefined) return;
    window.normalBounds = { x: 300, y: 200, width: 900, height: 600 };
    window.maximized = false;
    window.listeners.get('close')?.();
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toEqual({
      bounds: { x: 300, y: 200, width: 900, height: 600 },
      maximized: false,
    });
  });

  it('brings the window back onto a display when the one it was on is unplugged while the app runs', async () => {
    fake.electron.screen.getAllDisplays.mockReturnValue([
      { workArea: { x: 0, y: 0, width: 1920, height: 1080 } },
      { workArea: { x: 1920, y: 0, width: 2560, height: 1440 } },
    ]);
    await startApp();
    const window = fake.state.windows[0];
    if (window === undefined) throw new Error('no window');
    window.normalBounds = { x: 2200, y: 100, width: 1000, height: 700 };
    fake.state.screenListeners.get('display-metrics-changed')?.();
    expect(window.setBounds).not.toHaveBeenCalled();
    fake.electron.screen.getAllDisplays.mockReturnValue([{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]);
    fake.state.screenListeners.get('display-removed')?.();
    expect(window.setBounds).toHaveBeenCalledWith({ x: 320, y: 130, width: 1280, height: 820 });
    window.listeners.get('closed')?.();
    expect(fake.state.screenListeners.size).toBe(0);
  });

  it('opens the default size centred on the primary display when the saved file is corrupt', async () => {
    mkdirSync(join(temp.path, 'userData'));
    writeFileSync(join(temp.path, 'userData', 'window-state.json'), '{"bounds":');
    await startApp();
    expect(fake.state.windows[0]?.options).toMatchObject({ x: 320, y: 130, width: 1280, height: 820 });
    expect(fake.state.windows[0]?.maximize).not.toHaveBeenCalled();
  });

  it('installs the application menu; Reveal Log shows the log in the data directory', async () => {
    await startApp();
    expect(fake.electron.Menu.setApplicationMenu).toHaveBeenCalledOnce();
    const [[template]] = fake.electron.Menu.buildFromTemplate.mock.calls as unknown as [
      [{ label?: string; submenu: { label?: string; click?: () => void }[] }[]],
    ];
    const file = template.find((menu) => menu.label?.replace('&', '') === 'File');
    file?.submenu.find((item) => item.label === 'Reveal Log')?.click?.();
    expect(fake.state.logFile).toBe(join(temp.path, 'userData', 'logs', 'offprint.log'));
    expect(fake.electron.shell.showItemInFolder).toHaveBeenCalledWith(fake.state.logFile);
    // A shortcut item presses its keys in the page.
    const articles = template.find((menu) => menu.label?.replace('&', '') === 'Articles');
    articles?.submenu.find((item) => item.label === 'Next Article')?.click?.();
    expect(fake.state.windows[0]?.webContents.sendInputEvent.mock.calls).toEqual([
      [{ type: 'keyDown', keyCode: 'j' }],
      [{ type: 'keyUp', keyCode: 'j' }],
    ]);
  });

  it('a second launch with a link focuses the window, clips the page through the contract and says so', async () => {
    await startApp();
    const clip = fake.library.handlers as Record<string, ReturnType<typeof vi.fn>>;
    clip['articles:clip']?.mockResolvedValue({ article: { title: 'Copper rises' }, imagesMissing: [], warnings: [] });
    const secondInstance = appListener('second-instance') as (event: unknown, argv: string[], cwd: string) => void;
    secondInstance(
      {},
      ['/opt/Offprint/offprint', '--some-chromium-flag', 'offprint://clip?url=https://example.com/copper', 'notes.txt'],
      '/home/ana',
    );
    expect(fake.state.windows[0]?.focus).toHaveBeenCalled();
    await vi.waitFor(() => {
      expect(fake.electron.dialog.showMessageBox).toHaveBeenCalled();
    });
    expect(clip['articles:clip']).toHaveBeenCalledWith({ url: 'https://example.com/copper' });
    expect(fake.electron.dialog.showMessageBox).toHaveBeenCalledWith(
      fake.state.windows[0],
      expect.objectContaining({ type: 'info', message: 'Saved “Copper rises”.' }),
    );
    expect(fake.state.logged).toContainEqual(['warn', expect.stringContaining('launch: refused "notes.txt"')]);
  });

  it('File › Import OPML… imports the chosen file; Export Saved… exports the saved list to the chosen PDF', async () => {
    await startApp();
    const opml = join(temp.path, 'subscriptions.xml');
    writeFileSync(opml, '<opml/>');
    const handlers = fake.library.handlers as Record<string, ReturnType<typeof vi.fn>>;
    handlers['opml:import']?.mockResolvedValue({ added: [], duplicates: [], problems: [], recovered: false });
    handlers['export:pdf']?.mockResolvedValue({
      format: 'pdf',
      files: ['/out/Saved.pdf'],
      articles: 2,
      pages: 5,
      bytes: 10,
      missingImages: [],
      refused: [],
      cancelled: false,
      durationMs: 1,
    });
    fake.electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [opml] });
    fake.electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/out/Saved.pdf' });
    const [[template]] = fake.electron.Menu.buildFromTemplate.mock.calls as unknown as [
      [{ label?: string; submenu: { label?: string; click?: () => void }[] }[]],
    ];
    const file = template.find((menu) => menu.label?.replace('&', '') === 'File')?.submenu ?? [];
    file.find((item) => item.label === 'Import OPML…')?.click?.();
    await vi.waitFor(() => {
      expect(handlers['opml:import']).toHaveBeenCalledWith({ content: '<opml/>' });
    });
    file.find((item) => item.label?.startsWith('Export Saved') === true)?.click?.();
    await vi.waitFor(() => {
      expect(fake.electron.dialog.showMessageBox).toHaveBeenCalledWith(
        fake.state.windows[0],
        expect.objectContaining({ message: 'Exported 2 saved articles to Saved.pdf.' }),
      );
    });
    expect(handlers['export:pdf']).toHaveBeenCalledWith(
      expect.objectContaining({ selection: { kind: 'saved' }, destination: '/out/Saved.pdf' }),
    );
  });

  it('a link handed over after the window was closed (macOS keeps running) opens the window again', async () => {
    await startApp();
    fake.state.windows[0]?.listeners.get('closed')?.();
    const handlers = fake.library.handlers as Record<string, ReturnType<typeof vi.fn>>;
    handlers['feeds:add']?.mockResolvedValue({ feed: { title: 'Wire', url: 'https://example.com/feed.xml' } });
    const event = { preventDefault: vi.fn() };
    (appListener('open-url') as (event: unknown, url: string) => void)(
      event,
      'offprint://subscribe?url=https://example.com/feed.xml',
    );
    expect(event.preventDefault).toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(2);
    await vi.waitFor(() => {
      expect(fake.electron.dialog.showMessageBox).toHaveBeenCalledWith(
        fake.state.windows[1],
        expect.objectContaining({ message: 'Following “Wire”.' }),
      );
    });
    expect(handlers['feeds:add']).toHaveBeenCalledWith({ url: 'https://example.com/feed.xml' });
  });

  it('an OPML file opened before the library is ready is imported once it is (macOS open-file)', async () => {
    let openNow: (library: typeof fake.library) => void = () => undefined;
    fake.openLibrary.mockImplementationOnce(
      () =>
        new Promise((resolve) => {
          openNow = resolve;
        }),
    );
    const opml = join(temp.path, 'feeds.opml');
    writeFileSync(opml, '<opml version="2.0"><body/></opml>');
    vi.resetModules();
    await import('../../../electron/main/index.ts');
    const event = { preventDefault: vi.fn() };
    (appListener('open-file') as (event: unknown, path: string) => void)(event, opml);
    expect(event.preventDefault).toHaveBeenCalled();
    const handlers = fake.library.handlers as Record<string, ReturnType<typeof vi.fn>>;
    handlers['opml:import']?.mockResolvedValue({ added: [{}], duplicates: [], problems: [], recovered: false });
    expect(handlers['opml:import']).not.toHaveBeenCalled();
    await vi.waitFor(() => {
      expect(fake.openLibrary).toHaveBeenCalled();
    });
    openNow(fake.library);
    await vi.waitFor(() => {
      expect(handlers['opml:import']).toHaveBeenCalledWith({ content: '<opml version="2.0"><body/></opml>' });
    });
  });

  it('after a restore that needs a restart, offers to relaunch and relaunches when asked', async () => {
    await startApp();
    const handlers = fake.library.handlers as Record<string, ReturnType<typeof vi.fn>>;
    handlers['library:restore']?.mockResolvedValue({
      file: '/b',
      createdAt: '',
      articles: 1,
      images: 0,
      previousLibrary: null,
      restartRequired: true,
    });
    fake.electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 });
    const channel = ipcChannelOf('library:restore');
    const [, restore] = (
      fake.electron.ipcMain.handle.mock.calls as unknown as [
        string,
        (event: unknown, payload: unknown) => Promise<unknown>,
      ][]
    ).find(([name]) => name === channel) ?? [undefined, undefined];
    const result = await restore?.(
      { senderFrame: { url: 'offprint-app://renderer/index.html', parent: null } },
      { file: '/b' },
    );
    expect(result).toMatchObject({ ok: true, value: { restartRequired: true } });
    await vi.waitFor(() => {
      expect(fake.electron.app.relaunch).toHaveBeenCalledOnce();
    });
    expect(fake.electron.app.quit).toHaveBeenCalled();
  });

  it('logs uncaught exceptions, unhandled rejections and crashed renderers, not clean exits', async () => {
    await startApp();
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const error = new Error('boom');
      for (const listener of addedProcessListeners('uncaughtException')) listener(error);
      for (const listener of addedProcessListeners('unhandledRejection')) listener('nope');
      const gone = appListener('render-process-gone') as (event: unknown, contents: unknown, details: unknown) => void;
      gone({}, { getURL: () => 'offprint-app://renderer/index.html' }, { reason: 'crashed', exitCode: 139 });
      gone({}, { getURL: () => '' }, { reason: 'clean-exit', exitCode: 0 });
      (appListener('child-process-gone') as (event: unknown, details: unknown) => void)(
        {},
        { type: 'GPU', reason: 'oom', exitCode: 1 },
      );
      // (The test runner's own command line is refused as launch arguments: warnings, left out here.)
      expect(fake.state.logged.filter(([level]) => level === 'error')).toEqual([
        ['error', 'uncaught exception', error],
        ['error', 'unhandled promise rejection', 'nope'],
        ['error', 'renderer is gone: crashed, exit code 139, at offprint-app://renderer/index.html', undefined],
        ['error', 'child process (GPU) is gone: oom, exit code 1', undefined],
      ]);
    } finally {
      stderr.mockRestore();
    }
  });
});
