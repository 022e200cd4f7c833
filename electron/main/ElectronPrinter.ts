import { BrowserWindow, session, type Session } from 'electron';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { Printer, PrintJob, PrintResult } from '../core/export/Printer.ts';
import { OffprintError } from '../shared/errors.ts';
import { printWindowOptions } from './print/printWindowOptions.ts';
import { PRINT_DOCUMENT_NAME, PRINT_SCHEME, servePrintRequest } from './print/servePrintRequest.ts';

/** One in-memory session for every printing: no cache, no cookies kept, nothing shared with the app's window. */
export const PRINT_PARTITION = 'offprint-print';

function openPrintSession(): Session {
  const printSession = session.fromPartition(PRINT_PARTITION, { cache: false });
  // A printed page asks for nothing: no notifications, media, clipboard, anything.
  printSession.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  printSession.setPermissionCheckHandler(() => false);
  return printSession;
}

/**
 * The app's Printer (electron/core/export/Printer.ts): each job prints in
 * a fresh hidden, sandboxed BrowserWindow with JavaScript off. The
 * document and its resources are streamed from disk on a custom scheme
 * under a random base; every other request the page makes is refused by
 * the session's request filter and reported. `webContents.printToPDF`
 * makes a tagged PDF with an outline. Jobs run one at a time (the scheme
 * handler belongs to one job); an aborted job's window is destroyed.
 */
export class ElectronPrinter implements Printer {
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;
  #session: Session | undefined;

  print(job: PrintJob): Promise<PrintResult> {
    const run = this.#queue.then(() => this.#print(job));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#queue;
  }

  async #print(job: PrintJob): Promise<PrintResult> {
    if (this.#closed) throw new OffprintError('unavailable', 'export: the printer was closed');
    job.signal?.throwIfAborted();
    const printSession = (this.#session ??= openPrintSession());
    const base = `${PRINT_SCHEME}://${randomBytes(16).toString('hex')}/`;
    const refused: string[] = [];
    printSession.webRequest.onBeforeRequest((details, callback) => {
      if (details.url.startsWith(base)) {
        callback({});
        return;
      }
      refused.push(details.url);
      callback({ cancel: true });
    });
    printSession.protocol.handle(PRINT_SCHEME, (request) =>
      servePrintRequest(request, { base, document: job.document, resources: job.resources }),
    );
    // printWindowOptions: hardened preferences, JavaScript off, no preload (unit-tested); the gate cannot see into it.
    const window = new BrowserWindow(printWindowOptions(PRINT_PARTITION)); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
    const destroy = (): void => {
      if (!window.isDestroyed()) window.destroy();
    };
    job.signal?.addEventListener('abort', destroy, { once: true });
    try {
      // Resolves once the page and everything it loads (stylesheet, fonts, images) have finished.
      await window.loadURL(`${base}${PRINT_DOCUMENT_NAME}`);
      job.signal?.throwIfAborted();
      const pdf = await window.webContents.printToPDF({
        printBackground: true,
        preferCSSPageSize: true,
        generateTaggedPDF: true,
        generateDocumentOutline: true,
      });
      job.signal?.throwIfAborted();
      await writeFile(job.output, pdf);
      return { bytes: pdf.byteLength, refused };
    } catch (error) {
      job.signal?.throwIfAborted();
      throw error;
    } finally {
      job.signal?.removeEventListener('abort', destroy);
      destroy();
      printSession.webRequest.onBeforeRequest(null);
      printSession.protocol.unhandle(PRINT_SCHEME);
    }
  }
}
