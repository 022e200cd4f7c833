import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfInfo, pdfText } from '../support/pdfTools.ts';
import { AxeAudit } from './pages/AxeAudit.ts';
import { FirstRunPanel } from './pages/FirstRunPanel.ts';
import { KeyboardUser } from './pages/KeyboardUser.ts';
import type { ReaderPage } from './pages/ReaderPage.ts';
import { startReaderWorld, type ReaderWorld } from './startReaderWorld.ts';

const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));
const COPPER = 'How copper smelters are paid, and why their fees can fall below zero';
const LICENCES = 'Export licences for critical minerals, explained';
const PATIENCE = { timeout: 30_000 } as const;

/**
 * The saved list's Export…: two saved sample articles printed to a PDF
 * brief through the Node host and the system Chromium, checked with
 * poppler; citations from the same dialog. Real library, host and browser.
 */
describe('export from the saved list', () => {
  let world: ReaderWorld;
  let reader: ReaderPage;
  let keys: KeyboardUser;

  beforeAll(async () => {
    world = await startReaderWorld('export');
    reader = world.reader;
    keys = new KeyboardUser(world.browser.page);
    await mkdir(resultsDir, { recursive: true });
    await reader.open(world.host.url);
    await new FirstRunPanel(world.browser.page).loadSampleButton.click();
    for (const title of [COPPER, LICENCES]) {
      await reader.openArticle(title);
      await reader.saveToggle(false).click();
      await reader.saveToggle(true).waitFor();
    }
    await keys.press('Escape');
    await keys.press('g', 's');
    await reader.articlesPane.getByRole('heading', { level: 2, name: /^Saved · 2/ }).waitFor(PATIENCE);
  });

  afterAll(async () => {
    await world.close();
  });

  function dialog() {
    return world.browser.page.getByRole('dialog', { name: 'Export articles' });
  }

  it('prints the saved list to a PDF brief and says where the file is', async () => {
    await reader.articlesPane.getByRole('button', { name: 'Export…' }).click();
    await dialog().getByRole('textbox', { name: 'Title' }).fill('Minerals brief');
    await dialog().getByRole('button', { name: 'Export 2 articles' }).click();
    const status = dialog().getByRole('status', { name: 'Export progress' });
    await expect.poll(() => status.textContent(), PATIENCE).toMatch(/^Exported 2 articles \(\d+ pages\) to:/);
    await dialog().screenshot({ path: join(resultsDir, 'export-dialog.png') });
    // The dialog with its result, held to the same bar as the rest of the app, in both schemes.
    const axe = new AxeAudit(world.browser.page);
    const light = await axe.seriousViolations();
    await world.browser.page.emulateMedia({ colorScheme: 'dark' });
    const dark = await axe.seriousViolations();
    await world.browser.page.emulateMedia({ colorScheme: 'light' });
    expect({ light, dark }).toEqual({ light: [], dark: [] });
    const file = (await status.getByRole('listitem').textContent()) ?? '';
    expect(file.startsWith(join(world.dataDir, 'exports'))).toBe(true);
    expect(file.endsWith('.pdf')).toBe(true);

    const info = await pdfInfo(file);
    expect(info['Title']).toBe('Minerals brief');
    expect(info['Tagged']).toBe('yes');
    const text = await pdfText(file);
    expect(text).toContain('Contents');
    // Titles wrap in the PDF's columns: compare with the white space folded.
    const folded = text.replace(/\s+/g, ' ');
    expect(folded).toContain(COPPER);
    expect(folded).toContain(LICENCES);
  });

  it('writes citations from the same dialog, and closes', async () => {
    await dialog().getByRole('combobox', { name: 'Format' }).selectOption({ label: 'RIS citations' });
    await dialog().getByRole('button', { name: 'Export 2 articles' }).click();
    await expect
      .poll(() => dialog().getByRole('status', { name: 'Export progress' }).textContent(), PATIENCE)
      .toBe('2 citations written.');
    await dialog().getByRole('button', { name: 'Close' }).click();
    await dialog().waitFor({ state: 'detached' });
  });
});
