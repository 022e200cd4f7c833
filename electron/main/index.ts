import { app, BrowserWindow, dialog, protocol, session, shell, type WebContents } from 'electron';
import { fileURLToPath } from 'node:url';
import { LOCAL_IMAGE_SCHEME } from '../core/extract/images/localImageUrl.ts';
import { openLibrary } from '../core/Library.ts';
import { contentSecurityPolicy } from './contentSecurityPolicy.ts';
import { createWindowOptions } from './createWindowOptions.ts';
import { DisposerStack } from './DisposerStack.ts';
import { isAllowedExternalUrl } from './isAllowedExternalUrl.ts';
import { isAppUrl } from './isAppUrl.ts';
import { isPermissionAllowed } from './isPermissionAllowed.ts';
import { forwardEvents } from './ipc/forwardEvents.ts';
import { isTrustedSender } from './ipc/isTrustedSender.ts';
import { registerIpcHandlers } from './ipc/registerIpcHandlers.ts';
import { serveCachedImage } from './protocol/serveCachedImage.ts';
import { serveRendererFile } from './protocol/serveRendererFile.ts';
import { appScheme, rendererLocation } from './rendererLocation.ts';
import type { Library } from '../core/Library.ts';

/*
 * The app entry: wiring only. Every decision (window flags, which URLs leave
 * the app, which frames may call, which files are served) is a small pure
 * function beside this file, unit-tested without Electron.
 */

// Built layout (electron.vite.config.ts): out/main/index.js beside out/preload and out/renderer.
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererDirectory = fileURLToPath(new URL('../renderer/', import.meta.url));
const indexWorkerUrl = new URL('./indexWorker.js', import.meta.url);
const extractWorkerUrl = new URL('./extractWorker.js', import.meta.url);

// Must run before 'ready'. `standard` gives the scheme real origins (so 'self'
// and the sender check mean something); `secure` makes it a secure context.
// The image scheme gets only what `<img src="offprint-image://…">` needs:
// `standard` for ordinary URL parsing (hence the trailing slash
// parseLocalImageUrl tolerates) and `secure` so the secure app page does not
// block it as mixed content. No fetch, CORS, streaming or CSP bypass: the
// page cannot fetch() the images, and the CSP's img-src names the scheme.
protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: LOCAL_IMAGE_SCHEME, privileges: { standard: true, secure: true } },
]);

const location = rendererLocation({
  isPackaged: app.isPackaged,
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
});
const disposers = new DisposerStack();
let mainWindow: BrowserWindow | undefined;
let library: Library | undefined;

function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) {
      shell.openExternal(new URL(url).href).catch((error: unknown) => {
        console.error(`main: could not open ${url} in the system browser:`, error);
      });
    }
    return { action: 'deny' };
  });
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, location.trustedOrigins)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => {
    stayInApp(event, event.url);
  });
  contents.on('will-redirect', (event) => {
    stayInApp(event, event.url);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

function openMainWindow(openedLibrary: Library): void {
  const window = new BrowserWindow(createWindowOptions({ preloadPath }));
  mainWindow = window;
  const stopForwarding = forwardEvents({ events: openedLibrary.events, webContents: window.webContents });
  disposers.add(stopForwarding);
  window.once('ready-to-show', () => {
    window.show();
  });
  window.on('closed', () => {
    stopForwarding();
    if (mainWindow === window) mainWindow = undefined;
  });
  window.loadURL(location.entryUrl).catch((error: unknown) => {
    console.error(`main: could not load ${location.entryUrl}:`, error);
  });
}

async function start(): Promise<void> {
  protocol.handle(appScheme, serveRendererFile({ rootDirectory: rendererDirectory, contentSecurityPolicy }));
  disposers.add(() => {
    protocol.unhandle(appScheme);
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(isPermissionAllowed(permission));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));

  const openedLibrary = await openLibrary({
    dataDir: app.getPath('userData'),
    // Search is ready when the window is; index workers run the bundled worker entry.
    openSearchEagerly: true,
    searchWorkerUrl: indexWorkerUrl,
    extractWorkerUrl,
  });
  library = openedLibrary;
  disposers.add(() => openedLibrary.close());
  // Released before the library closes (the stack runs in reverse).
  protocol.handle(LOCAL_IMAGE_SCHEME, serveCachedImage({ images: openedLibrary.images }));
  disposers.add(() => {
    protocol.unhandle(LOCAL_IMAGE_SCHEME);
  });
  disposers.add(
    registerIpcHandlers({
      handlers: openedLibrary.handlers,
      isTrustedSender: (frame) => isTrustedSender(frame, location.trustedOrigins),
    }),
  );
  openMainWindow(openedLibrary);
}

if (!app.requestSingleInstanceLock()) {
  // Another Offprint owns the data directory (SQLite has one writer); it gets focus instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === undefined) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents);
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Offprint could not start', error instanceof Error ? error.message : String(error));
      app.quit();
    });

  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open opens one again.
    if (mainWindow === undefined && library !== undefined) openMainWindow(library);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let shutdown: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    if (shutdown === 'closed') return;
    // Hold the quit until the library has closed its database; then quit for real.
    event.preventDefault();
    if (shutdown === 'closing') return;
    shutdown = 'closing';
    void disposers.disposeAll().finally(() => {
      shutdown = 'closed';
      app.quit();
    });
  });
}
