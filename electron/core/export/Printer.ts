/**
 * What a printed document may load besides itself: `print.css`,
 * `fonts/<file>.woff2` and `images/<hash>.<ext>`, all from disk. A printer
 * serves these (and nothing else) to the page it prints, so a brief makes no
 * network request.
 */
export interface PrintResources {
  /** The file for a path relative to the document (`images/ab…cd.png`), with its MIME type; null if none. */
  resolve(path: string): Promise<PrintResource | null>;
}

export interface PrintResource {
  readonly file: string;
  readonly type: string;
}

export interface PrintJob {
  /** The composed HTML document, on disk (a brief can be large: it is streamed, never held as one string). */
  readonly document: string;
  readonly resources: PrintResources;
  /** Where the PDF goes. Paper size and margins come from the document's own `@page` rules. */
  readonly output: string;
  readonly signal?: AbortSignal;
}

export interface PrintResult {
  readonly bytes: number;
  /** Requests the page made for anything but the document and its resources: refused, and reported. */
  readonly refused: readonly string[];
}

/**
 * Turns an HTML document into a tagged PDF with a document outline (a
 * bookmark per heading). In the app: a hidden, sandboxed BrowserWindow and
 * `webContents.printToPDF`; in the Node host and the CLI: the system's
 * Chromium through playwright-core (electron/server/ChromiumPrinter.ts).
 */
export interface Printer {
  print(job: PrintJob): Promise<PrintResult>;
  /** Frees the browser behind it; the printer cannot print afterwards. */
  close(): Promise<void>;
}
