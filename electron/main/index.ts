import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  protocol,
  screen,
  session,
  shell,
  type MessageBoxOptions,
  type WebContents,
} from 'electron';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCAL_IMAGE_SCHEME } from '../core/extract/images/localImageUrl.ts';
import { openLibrary } from '../core/Library.ts';
import { LogFile } from '../core/log/LogFile.ts';
import { startBackground } from './background/startBackground.ts';
import { contentSecurityPolicy } from './contentSecurityPolicy.ts';
import { createWindowOptions, DEFAULT_WINDOW_SIZE, MINIMUM_WINDOW_SIZE } from './createWindowOptions.ts';
import { describeGoneProcess } from './describeGoneProcess.ts';
import { DisposerStack } from './DisposerStack.ts';
import { ElectronPrinter } from './ElectronPrinter.ts';
import {
  launchTargetsFromArgv,
  OFFPRINT_LINK_SCHEME,
  parseLaunchArgument,
  type LaunchTarget,
} from './handoff/parseLaunchTargets.ts';
import { performLaunchTarget, type LaunchFiles, type Outcome } from './handoff/performLaunchTarget.ts';
import { registersProtocolClient } from './handoff/registersProtocolClient.ts';
import { isAllowedExternalUrl } from './isAllowedExternalUrl.ts';
import { isAppUrl } from './isAppUrl.ts';
import { isPermissionAllowed } from './isPermissionAllowed.ts';
import { forwardEvents } from './ipc/forwardEvents.ts';
import { isTrustedSender } from './ipc/isTrustedSender.ts';
import { registerIpcHandlers } from './ipc/registerIpcHandlers.ts';
import { buildMenuTemplate } from './menu/buildMenuTemplate.ts';
import { exportSavedAsPdf } from './menu/exportSavedAsPdf.ts';
import { PRINT_SCHEME } from './print/servePrintRequest.ts';
import { serveCachedImage } from './protocol/serveCachedImage.ts';
import { serveRendererFile } from './protocol/serveRendererFile.ts';
import { openAppSettings } from './settings/openAppSettings.ts';
import { appScheme, rendererLocation } from './rendererLocation.ts';
import { windowBoundsFor, type SavedWindowState } from './window/windowBounds.ts';
import { createWindowStateSaver, readWindowState, writeWindowState } from './window/windowStateFile.ts';
import { withRestartOffer } from './withRestartOffer.ts';
import type { Handlers } from '../shared/contract.ts';
import type { Library } from '../core/Library.ts';

/*
 * The app entry: wiring only. Every decision (window flags and placement,
 * which URLs leave the app, which frames may call, which files are served,
 * the menu, what a launch argument asks for) is a small pure function
 * beside this file, unit-tested without Electron.
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
// The print scheme (hidden PDF windows only) is standard so the brief's
// relative links to its stylesheet, fonts and images resolve.
protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: LOCAL_IMAGE_SCHEME, privileges: { standard: true, secure: true } },
  { scheme: PRINT_SCHEME, privileges: { standard: true, secure: true } },
]);

const location = rendererLocation({
  isPackaged: app.isPackaged,
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
});
const disposers = new DisposerStack((error) => {
  logError('quit: a clean-up step failed', error);
});
// Crashes and errors go to <userData>/logs/offprint.log (size-capped, one older file kept); nothing leaves the machine.
const log = new LogFile({ file: join(app.getPath('userData'), 'logs', 'offprint.log') });
const windowStateFile = join(app.getPath('userData'), 'window-state.json');
let mainWindow: BrowserWindow | undefined;
let library: Library | undefined;
let handlers: Handlers | undefined;
/** Links and files handed over before the library was open; done once it is. */
const pendingTargets: LaunchTarget[] = [];

function logError(message: string, error?: unknown): void {
  console.error(`main: ${message}`, ...(error === undefined ? [] : [error]));
  log.error(message, error);
}

function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) {
      // Only http(s) URLs that isAllowedExternalUrl accepted (parsed, allow-listed; unit-tested).
      const opening = shell.openExternal(new URL(url).href); // eng-disable OPEN_EXTERNAL_JS_CHECK
      opening.catch((error: unknown) => {
        logError(`could not open ${url} in the system browser`, error);
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

function showMessage(options: MessageBoxOptions): Promise<{ response: number }> {
  const window = mainWindow;
  return window === undefined ? dialog.showMessageBox(options) : dialog.showMessageBox(window, options);
}

function report(outcome: Outcome): void {
  if (!outcome.ok) log.warn(`${outcome.message} ${outcome.detail}`);
  showMessage({
    type: outcome.ok ? 'info' : 'warning',
    title: 'Offprint',
    message: outcome.message,
    detail: outcome.detail,
    buttons: ['OK'],
  }).catch((error: unknown) => {
    logError('could not show a message', error);
  });
}

/** Brings the window forward, or opens it again (macOS keeps running with none) once the library is open. */
function focusMainWindow(): void {
  if (mainWindow === undefined) {
    if (library !== undefined) openMainWindow(library);
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

const launchFiles: LaunchFiles = {
  size: async (file) => (await stat(file)).size,
  readText: (file) => readFile(file, 'utf8'),
};

function perform(target: LaunchTarget): void {
  if (handlers === undefined) {
    pendingTargets.push(target);
    return;
  }
  focusMainWindow();
  void performLaunchTarget(target, { handlers, files: launchFiles }).then(report);
}

/** A second launch's command line, this launch's, or an OS open-file/open-url: do what it asks, log what is refused. */
function receive({
  targets,
  refused,
}: {
  targets: readonly LaunchTarget[];
  refused: readonly { argument: string; reason: string }[];
}): void {
  for (const { argument, reason } of refused) log.warn(`launch: refused ${JSON.stringify(argument)}: ${reason}`);
  for (const target of targets) perform(target);
}

function receiveOne(argument: string): void {
  const parsed = parseLaunchArgument(argument, process.cwd());
  receive(parsed.ok ? { targets: [parsed.target], refused: [] } : { targets: [], refused: [parsed.refused] });
}

/** The reader's shortcut keys, pressed in the page (the menu shows them; the page's handler does them). */
function pressKeys(keys: readonly string[]): void {
  const contents = mainWindow?.webContents;
  if (contents === undefined) return;
  contents.focus();
  // keyDown and keyUp only: the page acts on keydown, and a 'char' would type the key into a field it focused (/).
  for (const keyCode of keys) {
    contents.sendInputEvent({ type: 'keyDown', keyCode });
    contents.sendInputEvent({ type: 'keyUp', keyCode });
  }
}

async function importOpmlFromMenu(): Promise<void> {
  const options = {
    title: 'Import OPML',
    properties: ['openFile'] as 'openFile'[],
    filters: [{ name: 'Feed lists (OPML)', extensions: ['opml', 'xml'] }],
  };
  const chosen = await (mainWindow === undefined
    ? dialog.showOpenDialog(options)
    : dialog.showOpenDialog(mainWindow, options));
  const file = chosen.filePaths[0];
  if (!chosen.canceled && file !== undefined) perform({ kind: 'import-opml', file });
}

async function exportSavedFromMenu(): Promise<void> {
  if (handlers === undefined) return;
  const options = {
    title: 'Export Saved Articles as PDF',
    defaultPath: join(app.getPath('documents'), 'Saved articles.pdf'),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  };
  const chosen = await (mainWindow === undefined
    ? dialog.showSaveDialog(options)
    : dialog.showSaveDialog(mainWindow, options));
  if (chosen.canceled || chosen.filePath === '') return;
  report(await exportSavedAsPdf(handlers, chosen.filePath));
}

function installMenu(): void {
  const fail = (what: string) => (error: unknown) => {
    logError(`menu: ${what} failed`, error);
  };
  const template = buildMenuTemplate({
    platform: process.platform,
    isPackaged: app.isPackaged,
    appName: app.name,
    actions: {
      pressKeys,
      importOpml: () => {
        importOpmlFromMenu().catch(fail('Import OPML'));
      },
      exportSaved: () => {
        exportSavedFromMenu().catch(fail('Export saved'));
      },
      revealLog: () => {
        if (!existsSync(log.file)) log.info('log opened from the menu');
        shell.showItemInFolder(log.file);
      },
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** After a restore staged a backup: it is put in place when the library reopens, so offer to relaunch. */
function offerRestart(): void {
  showMessage({
    type: 'question',
    title: 'Offprint',
    message: 'The backup is ready to be restored.',
    detail: 'Offprint puts it in place when it starts again. Your current library is kept aside.',
    buttons: ['Restart Now', 'Later'],
    defaultId: 0,
    cancelId: 1,
  })
    .then(({ response }) => {
      if (response !== 0) return;
      app.relaunch();
      app.quit();
    })
    .catch((error: unknown) => {
      logError('could not offer a restart', error);
    });
}

/** Where a window with this state goes on the displays connected now. */
function placeOnDisplays(saved: SavedWindowState | null): SavedWindowState {
  return windowBoundsFor({
    saved,
    workAreas: screen.getAllDisplays().map((display) => display.workArea),
    primaryWorkArea: screen.getPrimaryDisplay().workArea,
    defaultSize: DEFAULT_WINDOW_SIZE,
    minimumSize: MINIMUM_WINDOW_SIZE,
  });
}

function openMainWindow(openedLibrary: Library): void {
  const placed = placeOnDisplays(readWindowState(windowStateFile));
  // The options come from createWindowOptions (contextIsolation, sandbox, no Node; unit-tested), which the gate cannot see into.
  const window = new BrowserWindow(createWindowOptions({ preloadPath, bounds: placed.bounds })); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  if (placed.maximized) window.maximize();
  mainWindow = window;
  const stopForwarding = forwardEvents({ events: openedLibrary.events, webContents: window.webContents });
  disposers.add(stopForwarding);
  const windowState = createWindowStateSaver({
    read: () => ({ bounds: window.getNormalBounds(), maximized: window.isMaximized() }),
    write: (state) => {
      writeWindowState(windowStateFile, state);
    },
    onError: (error) => {
      logError('could not save the window state', error);
    },
  });
  const saveSoon = () => {
    windowState.schedule();
  };
  window.on('move', saveSoon);
  window.on('resize', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', () => {
    windowState.flush();
  });
  // A display unplugged or rearranged while the app runs: bring the window back onto one if it was left off-screen.
  const keepOnScreen = () => {
    if (window.isDestroyed() || window.isMaximized() || window.isFullScreen()) return;
    const current = window.getNormalBounds();
    const { bounds } = placeOnDisplays({ bounds: current, maximized: false });
    if (JSON.stringify(bounds) !== JSON.stringify(current)) window.setBounds(bounds);
  };
  screen.on('display-removed', keepOnScreen);
  screen.on('display-metrics-changed', keepOnScreen);
  window.once('ready-to-show', () => {
    window.show();
  });
  window.on('closed', () => {
    screen.removeListener('display-removed', keepOnScreen);
    screen.removeListener('display-metrics-changed', keepOnScreen);
    windowState.cancel();
    stopForwarding();
    if (mainWindow === window) mainWindow = undefined;
  });
  window.loadURL(location.entryUrl).catch((error: unknown) => {
    logError(`could not load ${location.entryUrl}`, error);
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
  installMenu();

  // settings.json (electron-store) in userData; its dataDirectory setting says where the library lives.
  const appSettings = openAppSettings(app);
  const openedLibrary = await openLibrary({
    dataDir: appSettings.dataDir,
    settings: appSettings.settings,
    // Search is ready when the window is; index workers run the bundled worker entry.
    openSearchEagerly: true,
    searchWorkerUrl: indexWorkerUrl,
    extractWorkerUrl,
    // PDF export prints in a hidden, sandboxed window of this app (no system browser needed).
    printer: () => new ElectronPrinter(),
  });
  library = openedLibrary;
  disposers.add(() => openedLibrary.close());
  const libraryHandlers = withRestartOffer(openedLibrary.handlers, offerRestart);
  // Released before the library closes (the stack runs in reverse).
  protocol.handle(LOCAL_IMAGE_SCHEME, serveCachedImage({ images: openedLibrary.images }));
  disposers.add(() => {
    protocol.unhandle(LOCAL_IMAGE_SCHEME);
  });
  disposers.add(
    registerIpcHandlers({
      handlers: libraryHandlers,
      isTrustedSender: (frame) => isTrustedSender(frame, location.trustedOrigins),
    }),
  );
  openMainWindow(openedLibrary);
  // Background refresh, topic notifications, unread badge; stopped (a running refresh awaited) before the library closes.
  const { refreshMinutes, refreshOnMetered } = openedLibrary.settings.get();
  disposers.add(
    startBackground({
      library: openedLibrary,
      refreshMinutes,
      refreshOnMetered,
      settings: openedLibrary.settings,
      focusWindow: focusMainWindow,
    }),
  );
  handlers = libraryHandlers;
  for (const target of pendingTargets.splice(0)) perform(target);
}

if (!app.requestSingleInstanceLock()) {
  // Another Offprint owns the data directory (SQLite has one writer); it gets focus and this launch's arguments.
  app.quit();
} else {
  process.on('uncaughtException', (error) => {
    logError('uncaught exception', error);
  });
  process.on('unhandledRejection', (reason) => {
    logError('unhandled promise rejection', reason);
  });
  app.on('render-process-gone', (_event, contents, details) => {
    const line = describeGoneProcess('renderer', details, contents.getURL());
    if (line !== null) logError(line);
  });
  app.on('child-process-gone', (_event, details) => {
    const line = describeGoneProcess('child process', details);
    if (line !== null) logError(line);
  });

  if (registersProtocolClient(process.platform, app.isPackaged) && !app.isDefaultProtocolClient(OFFPRINT_LINK_SCHEME)) {
    // offprint:// links arrive as arguments and are parsed and allow-listed by handoff/parseLaunchTargets.ts (unit-tested).
    app.setAsDefaultProtocolClient(OFFPRINT_LINK_SCHEME); // eng-disable PROTOCOL_HANDLER_JS_CHECK
  }
  // This launch's own arguments (a file or link the OS opened Offprint with), done once the library is open.
  receive(launchTargetsFromArgv({ argv: process.argv, workingDirectory: process.cwd(), isPackaged: app.isPackaged }));
  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusMainWindow();
    receive(launchTargetsFromArgv({ argv, workingDirectory, isPackaged: app.isPackaged }));
  });
  // macOS hands files and links over as events (also before 'ready', for the launch that opened the app).
  app.on('open-file', (event, path) => {
    event.preventDefault();
    receiveOne(path);
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    receiveOne(url);
  });

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents);
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logError('could not start', error);
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
