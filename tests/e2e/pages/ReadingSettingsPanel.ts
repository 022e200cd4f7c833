import type { Locator, Page } from 'playwright-core';

export type ThemeName = 'System' | 'Light' | 'Dark' | 'Sepia';
export type WidthName = 'Narrow' | 'Standard' | 'Wide';

/** The reader header's "Reading settings" button and the popover it opens, by roles and names. */
export class ReadingSettingsPanel {
  readonly page: Page;
  readonly toggle: Locator;
  readonly dialog: Locator;
  readonly largerButton: Locator;
  readonly smallerButton: Locator;

  constructor(page: Page) {
    this.page = page;
    this.toggle = page.getByRole('main').getByRole('article').getByRole('button', { name: 'Reading settings' });
    this.dialog = page.getByRole('dialog', { name: 'Reading settings' });
    this.largerButton = this.dialog.getByRole('button', { name: 'Larger text' });
    this.smallerButton = this.dialog.getByRole('button', { name: 'Smaller text' });
  }

  async open(): Promise<void> {
    if (!(await this.dialog.isVisible())) await this.toggle.click();
    await this.dialog.waitFor();
  }

  /** Escape closes a popover, as a click elsewhere does. */
  async close(): Promise<void> {
    if (await this.dialog.isVisible()) await this.page.keyboard.press('Escape');
    await this.dialog.waitFor({ state: 'hidden' });
  }

  theme(name: ThemeName): Locator {
    return this.dialog.getByRole('group', { name: 'Theme' }).getByRole('radio', { name, exact: true });
  }

  width(name: WidthName): Locator {
    return this.dialog.getByRole('group', { name: 'Line width' }).getByRole('radio', { name, exact: true });
  }

  async chooseTheme(name: ThemeName): Promise<void> {
    await this.open();
    await this.theme(name).check();
  }

  async chooseWidth(name: WidthName): Promise<void> {
    await this.open();
    await this.width(name).check();
  }
}
