import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PrintJob } from '../../../electron/core/export/Printer.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';

type RequestListener = (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;

/** A fake of the Electron pieces the printer uses: one session, and windows whose page asks for what a test says. */
const fake = vi.hoisted(() => {
  const state = {
    requestListener: null as RequestListener | null,
    schemeHandler: null as ((request: Request) => Promise<Response>) | null,
    windows: [] as FakeWindow[],
    /** What the page asks for as it loads, relative to the document's URL. */
    pageRequests: [] as string[],
    /** Bodies the page received for its requests, by URL. */
    served: new Map<string, { status: number; body: string }>(),
    holdLoad: false,
  };
  const printSession = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    webRequest: {
      onBeforeRequest: vi.fn((listener: RequestListener | null) => {
        state.requestListener = listener;
      }),
    },
    protocol: {
      handle: vi.fn((_scheme: string, handler: (request: Request) => Promise<Response>) => {
        state.schemeHandler = handler;
      }),
      unhandle: vi.fn(() => {
        state.schemeHandler = null;
      }),
    },
  };
  class FakeWindow {
    readonly options: unknown;
    destroyed = false;
    rejectLoad: ((error: Error) => void) | undefined;
    readonly webContents = {
      printToPDF: vi.fn(() => Promise.resolve(Buffer.from('%PDF-1.7 fake pdf bytes'))),
    };
    constructor(options: unknown) {
      this.options = options;
      state.windows.push(this);
    }
    isDestroyed() {
      return this.destroyed;
    }
    destroy = vi.fn(() => {
      this.destroyed = true;
      this.rejectLoad?.(new Error('ERR_ABORTED (-3) loading the page'));
    });
    async loadURL(url: string) {
      for (const wanted of [url, ...state.pageRequests.map((path) => new URL(path, url).href)]) {
        const verdict = { cancelled: false };
        state.requestListener?.({ url: wanted }, (response) => {
          verdict.cancelled = response.cancel === true;
        });
        if (verdict.cancelled || !wanted.startsWith('offprint-print:') || state.schemeHandler === null) continue;
        const response = await state.schemeHandler(new Request(wanted));
        state.served.set(wanted, { status: response.status, body: await response.text() });
      }
      if (state.holdLoad) {
        await new Promise((_resolve, reject) => {
          this.rejectLoad = reject;
        });
      }
    }
  }
  const electron = { BrowserWindow: FakeWindow, session: { fromPartition: vi.fn(() => printSession) } };
  return { state, electron, printSession };
});

vi.mock('electron', () => fake.electron);

const { ElectronPrinter } = await import('../../../electron/main/ElectronPrinter.ts');

describe('ElectronPrinter', () => {
  let temp: ReturnType<typeof createTempDirectory>;
  let job: PrintJob;

  beforeEach(() => {
    vi.clearAllMocks();
    temp = createTempDirectory('electron-printer');
    Object.assign(fake.state, { requestListener: null, schemeHandler: null, pageRequests: [], holdLoad: false });
    fake.state.windows.length = 0;
    fake.state.served.clear();
    const document = join(temp.path, 'brief.html');
    writeFileSync(document, '<!doctype html><title>Brief</title><img src="images/ab.png">');
    writeFileSync(join(temp.path, 'ab.png'), 'PNG bytes');
    job = {
      document,
      output: join(temp.path, 'brief.pdf'),
      resources: {
        resolve: (path) =>
          Promise.resolve(path === 'images/ab.png' ? { file: join(temp.path, 'ab.png'), type: 'image/png' } : null),
      },
    };
  });
  afterEach(() => {
    temp.dispose();
  });

  it('prints in a hidden window with JavaScript off, sandboxed, isolated, no Node, no preload, in its own session', async () => {
    await new ElectronPrinter().print(job);
    expect(fake.electron.session.fromPartition).toHaveBeenCalledWith('offprint-print', { cache: false });
    const options = fake.state.windows[0]?.options as { show: boolean; webPreferences: Record<string, unknown> };
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      partition: 'offprint-print',
      sandbox: true,
      contextIsolation: true,
      javascript: false,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(options.webPreferences).not.toHaveProperty('preload');
    // Its session grants no permission.
    const [[requestHandler]] = fake.printSession.setPermissionRequestHandler.mock.calls as unknown as [
      [(contents: unknown, permission: string, callback: (granted: boolean) => void) => void],
    ];
    const granted = vi.fn();
    requestHandler({}, 'notifications', granted);
    expect(granted).toHaveBeenCalledWith(false);
  });

  it('serves the document and its resources, writes the PDF, asks for a tagged PDF with an outline, and closes the window', async () => {
    fake.state.pageRequests = ['images/ab.png', 'images/missing.png'];
    const result = await new ElectronPrinter().print(job);
    const served = [...fake.state.served.entries()];
    expect(served[0]?.[0]).toMatch(/^offprint-print:\/\/[0-9a-f]{32}\/brief\.html$/);
    expect(served[0]?.[1]).toEqual({
      status: 200,
      body: '<!doctype html><title>Brief</title><img src="images/ab.png">',
    });
    expect(served[1]?.[1]).toEqual({ status: 200, body: 'PNG bytes' });
    expect(served[2]?.[1].status).toBe(404);
    const window = fake.state.windows[0];
    expect(window?.webContents.printToPDF).toHaveBeenCalledWith({
      printBackground: true,
      preferCSSPageSize: true,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
    });
    expect(readFileSync(job.output, 'utf8')).toBe('%PDF-1.7 fake pdf bytes');
    expect(result).toEqual({ bytes: 23, refused: [] });
    expect(window?.destroy).toHaveBeenCalled();
    // The job's handlers are gone with it.
    expect(fake.printSession.protocol.unhandle).toHaveBeenCalledWith('offprint-print');
    expect(fake.state.requestListener).toBeNull();
  });

  it('refuses and reports every request outside the job: the web, files, another job on the same scheme', async () => {
    fake.state.pageRequests = [
      'https://tracker.example/pixel.gif',
      'file:///etc/passwd',
      'offprint-print://0123456789abcdef0123456789abcdef/brief.html',
      'images/ab.png',
    ];
    const result = await new ElectronPrinter().print(job);
    expect(result.refused).toEqual([
      'https://tracker.example/pixel.gif',
      'file:///etc/passwd',
      'offprint-print://0123456789abcdef0123456789abcdef/brief.html',
    ]);
    // Only this job's own document and image reached the scheme handler.
    const served = [...fake.state.served.keys()];
    const base = served[0]?.replace('brief.html', '') ?? '';
    expect(served).toEqual([`${base}brief.html`, `${base}images/ab.png`]);
  });

  it('the scheme handler itself answers 404 outside its base and for other methods', async () => {
    fake.state.holdLoad = true;
    const controller = new AbortController();
    const printing = new ElectronPrinter().print({ ...job, signal: controller.signal });
    await vi.waitFor(() => {
      expect(fake.state.schemeHandler).not.toBeNull();
    });
    const handler = fake.state.schemeHandler as (request: Request) => Promise<Response>;
    expect((await handler(new Request('offprint-print://someone-else/brief.html'))).status).toBe(404);
    const served = [...fake.state.served.keys()][0] ?? '';
    expect((await handler(new Request(served, { method: 'POST', body: 'x' }))).status).toBe(404);
    expect((await handler(new Request(served.replace('brief.html', '..%2Fbrief.html')))).status).toBe(404);
    controller.abort();
    await expect(printing).rejects.toThrow();
  });

  it('an abort while the page loads destroys the window, writes nothing, and rejects with the abort', async () => {
    fake.state.holdLoad = true;
    const controller = new AbortController();
    const printing = new ElectronPrinter().print({ ...job, signal: controller.signal });
    await vi.waitFor(() => {
      expect(fake.state.windows[0]?.rejectLoad).toBeDefined();
    });
    controller.abort(new Error('export cancelled'));
    await expect(printing).rejects.toThrow('export cancelled');
    expect(fake.state.windows[0]?.destroy).toHaveBeenCalled();
    expect(fake.state.windows[0]?.webContents.printToPDF).not.toHaveBeenCalled();
    expect(existsSync(job.output)).toBe(false);
  });

  it('an already aborted job opens no window; a closed printer prints nothing', async () => {
    const printer = new ElectronPrinter();
    await expect(printer.print({ ...job, signal: AbortSignal.abort(new Error('gone')) })).rejects.toThrow('gone');
    expect(fake.state.windows).toHaveLength(0);
    await printer.close();
    await expect(printer.print(job)).rejects.toThrow('export: the printer was closed');
  });

  it('prints jobs one at a time: the second waits for the first window to finish', async () => {
    fake.state.holdLoad = true;
    const printer = new ElectronPrinter();
    const controller = new AbortController();
    const first = printer.print({ ...job, signal: controller.signal });
    const second = printer.print({ ...job, output: join(temp.path, 'second.pdf') });
    await vi.waitFor(() => {
      expect(fake.state.windows[0]?.rejectLoad).toBeDefined();
    });
    expect(fake.state.windows).toHaveLength(1);
    fake.state.holdLoad = false;
    controller.abort();
    await expect(first).rejects.toThrow();
    await second;
    expect(fake.state.windows).toHaveLength(2);
    expect(existsSync(join(temp.path, 'second.pdf'))).toBe(true);
  });
});
