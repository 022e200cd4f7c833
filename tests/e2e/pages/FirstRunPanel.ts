import type { Locator, Page } from 'playwright-core';

/** What an empty library shows in the reader pane: the ways to fill it and the sample library. */
export class FirstRunPanel {
  readonly region: Locator;
  readonly loadSampleButton: Locator;
  /** The OPML file input (hidden behind its label, which is drawn as a button). */
  readonly opmlInput: Locator;
  readonly clipUrlInput: Locator;
  readonly clipButton: Locator;
  readonly feedUrlInput: Locator;
  readonly addFeedButton: Locator;

  constructor(page: Page) {
    this.region = page.getByRole('main').getByRole('region', { name: 'Start your library' });
    this.loadSampleButton = this.region.getByRole('button', { name: 'Load sample articles' });
    this.opmlInput = this.region.getByLabel('Import an OPML file…');
    this.clipUrlInput = this.region.getByLabel('Page URL');
    this.clipButton = this.region.getByRole('button', { name: 'Clip page' });
    this.feedUrlInput = this.region.getByLabel('Feed or site URL');
    this.addFeedButton = this.region.getByRole('button', { name: 'Add feed' });
  }

  /** Follows a feed from the first step of the panel. */
  async follow(url: string): Promise<void> {
    await this.feedUrlInput.fill(url);
    await this.addFeedButton.click();
  }

  async clip(url: string): Promise<void> {
    await this.clipUrlInput.fill(url);
    await this.clipButton.click();
  }
}
