import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EventHub } from '../../../electron/core/EventHub.ts';
import { callNames } from '../../../electron/shared/contract.ts';

type Listener = (...args: never[]) => unknown;

/** A fake of the slice of Electron the entry touches, rebuilt before every test. */
const fake = vi.hoisted(() => {
  const state = {
    appListeners: new Map<string, Listener>(),
    windows: [] as FakeWindow[],
    hasLock: true,
  };
  class FakeWindow {
    readonly options: unknown;
    readonly listeners = new Map<string, Listener>();
    readonly webContents = {
      send: () => undefined,
      isDestroyed: () => false,
      once: () => undefined,
      removeListener: () => undefined,
    };
    readonly loadURL = vi.fn(() => Promise.resolve());
    readonly show = vi.fn();
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
    isMinimized() {
      return false;
    }
    restore() {
      return undefined;
    }
    focus() {
      return undefined;
    }
  }
  const electron = {
    app: {
      isPackaged: true,
      requestSingleInstanceLock: vi.fn(() => state.hasLock),
      on: vi.fn((event: string, listener: Listener) => state.appListeners.set(event, listener)),
      whenReady: vi.fn(() => Promise.resolve()),
      quit: vi.fn(),
      getPath: vi.fn((name: string) => `/fake/${name}`),
    },
    BrowserWindow: FakeWindow,
    dialog: { showErrorBox: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn(), unhandle: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
  };
  const library = {
    handlers: {} as unknown,
    events: undefined as unknown,
    images: { read: vi.fn(() => Promise.resolve(null)) },
    close: vi.fn(() => Promise.resolve()),
  };
  const openLibrary = vi.fn(() => Promise.resolve(library));
  return { state, electron, library, openLibrary };
});

vi.mock('electron', () => fake.electron);
vi.mock('../../../electron/core/Library.ts', () => ({ openLibrary: fake.openLibrary }));

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

beforeEach(() => {
  vi.clearAllMocks();
  fake.state.appListeners.clear();
  fake.state.windows.length = 0;
  fake.state.hasLock = true;
  fake.library.events = new EventHub();
  fake.library.handlers = Object.fromEntries(callNames.map((name) => [name, vi.fn()]));
});

describe('electron/main entry', () => {
  it('registers the app and image schemes as privileged before ready', async () => {
    await startApp();
    expect(fake.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'offprint-app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      // Only what <img> needs: no fetch, CORS, streaming or CSP bypass.
      { scheme: 'offprint-image', privileges: { standard: true, secure: true } },
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
    expect(fake.openLibrary).toHaveBeenCalledWith({
      dataDir: '/fake/userData',
      openSearchEagerly: true,
      searchWorkerUrl: expect.any(URL) as URL,
      extractWorkerUrl: expect.any(URL) as URL,
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
});
