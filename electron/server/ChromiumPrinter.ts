import { existsSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';
import type { Printer, PrintJob, PrintResult } from '../core/export/Printer.ts';
import { OffprintError } from '../shared/errors.ts';
import { serveDocument } from './serveDocument.ts';

/** How long fonts and images may take to load from disk before printing starts anyway. */
const LOAD_TIMEOUT_MS = 120_000;
const STREAM_CHUNK_BYTES = 1 << 20;

/** Where Chrome or Chromium usually is, per platform; `OFFPRINT_CHROMIUM` names another. */
const CANDIDATES: Readonly<Record<string, readonly string[]>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  ],
};

/** The system's Chromium-family browser, or a clear error saying how to name one. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): string {
  const named = env['OFFPRINT_CHROMIUM'];
  if (named !== undefined && named !== '') {
    if (!existsSync(named))
      throw new OffprintError('unavailable', `export: OFFPRINT_CHROMIUM names ${named}, which does not exist`);
    return named;
  }
  const found = (CANDIDATES[platform] ?? []).find((path) => existsSync(path));
  if (found === undefined) {
    throw new OffprintError(
      'unavailable',
      'export: PDF printing needs Chrome or Chromium, and none was found; install one or set OFFPRINT_CHROMIUM to its path',
    );
  }
  return found;
}

/**
 * Prints with the system's Chromium through playwright-core (the Node host
 * and the CLI; the app prints with its own hidden window). One browser
 * serves every job until `close`; each job gets a fresh context with
 * JavaScript off, its document and resources streamed from disk by a
 * one-job server on 127.0.0.1 (serveDocument), and the page may load those
 * and nothing else: every other request is refused and reported.
 */
export class ChromiumPrinter implements Printer {
  readonly #executablePath: string;
  #browser: Promise<Browser> | null = null;

  constructor(executablePath: string = findChromium()) {
    this.#executablePath = executablePath;
  }

  async print(job: PrintJob): Promise<PrintResult> {
    job.signal?.throwIfAborted();
    const browser = await this.#launch();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: false });
    const refused: string[] = [];
    const served = await serveDocument(job.document, job.resources);
    try {
      const page = await context.newPage();
      // The page may load its document and resources, nothing else: every other request is refused and reported.
      await page.route('**/*', async (route) => {
        const url = route.request().url();
        if (url.startsWith(served.base)) {
          await route.continue();
          return;
        }
        refused.push(url);
        await route.abort('blockedbyclient');
      });
      const abort = (): void => {
        void context.close();
      };
      job.signal?.addEventListener('abort', abort, { once: true });
      try {
        await page.goto(served.documentUrl, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
        job.signal?.throwIfAborted();
        // Print through the DevTools protocol: a tagged PDF with an outline, streamed to disk in chunks.
        const session = await context.newCDPSession(page);
        const { stream } = (await session.send('Page.printToPDF', {
          preferCSSPageSize: true,
          printBackground: true,
          generateTaggedPDF: true,
          generateDocumentOutline: true,
          transferMode: 'ReturnAsStream',
        })) as { stream: string };
        const file = await open(job.output, 'w');
        try {
          for (;;) {
            job.signal?.throwIfAborted();
            const chunk = await session.send('IO.read', { handle: stream, size: STREAM_CHUNK_BYTES });
            await file.write(Buffer.from(chunk.data, chunk.base64Encoded === true ? 'base64' : 'utf8'));
            if (chunk.eof) break;
          }
        } finally {
          await file.close();
          await session.send('IO.close', { handle: stream }).catch(() => undefined);
        }
      } catch (error) {
        job.signal?.throwIfAborted();
        throw error;
      } finally {
        job.signal?.removeEventListener('abort', abort);
      }
      return { bytes: (await stat(job.output)).size, refused };
    } finally {
      await context.close().catch(() => undefined);
      await served.close();
    }
  }

  async close(): Promise<void> {
    const browser = this.#browser;
    this.#browser = null;
    if (browser !== null) await (await browser.catch(() => null))?.close();
  }

  #launch(): Promise<Browser> {
    this.#browser ??= chromium
      .launch({
        executablePath: this.#executablePath,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
      })
      .catch((error: unknown) => {
        this.#browser = null;
        throw new OffprintError('unavailable', `export: cannot start ${this.#executablePath} to print`, {
          cause: error,
        });
      });
    return this.#browser;
  }
}
