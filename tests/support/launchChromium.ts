import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium package; Playwright's own browser downloads are not available on the build machines. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Quiet, offline-friendly flags: no sandbox (containers run as root), no background traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface LaunchedChromium {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/** System Chromium with a fresh throwaway profile and one open page. */
export async function launchChromium(
  options: { viewport?: { width: number; height: number } } = {},
): Promise<LaunchedChromium> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'offprint-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: options.viewport ?? { width: 1280, height: 800 },
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw new Error(`launchChromium: cannot start ${CHROMIUM_PATH} (apt-get install -y chromium)`, { cause: error });
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
