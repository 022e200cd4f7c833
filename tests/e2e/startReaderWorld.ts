import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLibrary, type Library } from '../../electron/core/Library.ts';
import { ChromiumPrinter } from '../../electron/server/ChromiumPrinter.ts';
import { startHost, type Host } from '../../electron/server/startHost.ts';
import { CHROMIUM_PATH, launchChromium, type LaunchedChromium } from '../support/launchChromium.ts';
import { startFixtureServer, type FixtureRoute, type FixtureServer } from '../support/startFixtureServer.ts';
import { ReaderPage } from './pages/ReaderPage.ts';

const rendererDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

/** Everything an end-to-end test reads through: a real library, the Node host, a local web and Chromium. */
export interface ReaderWorld {
  readonly dataDir: string;
  readonly library: Library;
  readonly host: Host;
  readonly web: FixtureServer;
  readonly browser: LaunchedChromium;
  readonly reader: ReaderPage;
  /** Closes all of it and removes the data directory. */
  close(): Promise<void>;
}

/** A throwaway data directory with its library, host, fixture web (routes added later) and browser. */
export async function startReaderWorld(
  name: string,
  options: { openSearchEagerly?: boolean; routes?: Record<string, FixtureRoute> } = {},
): Promise<ReaderWorld> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`${name} e2e: ${rendererDir}index.html is missing; run npm run build:renderer first`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), `offprint-${name}-`));
  const library = await openLibrary({
    dataDir,
    // PDF exports print with the system Chromium, as the Node host does (launched on the first export only).
    printer: () => new ChromiumPrinter(CHROMIUM_PATH),
    ...(options.openSearchEagerly ? { openSearchEagerly: true } : {}),
  });
  const host = await startHost({
    handlers: library.handlers,
    events: library.events,
    rendererDir,
    images: library.images,
  });
  const web = await startFixtureServer(options.routes ?? {});
  const browser = await launchChromium();
  return {
    dataDir,
    library,
    host,
    web,
    browser,
    reader: new ReaderPage(browser.page),
    async close() {
      await browser.close();
      await host.close();
      await web.close();
      await library.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
