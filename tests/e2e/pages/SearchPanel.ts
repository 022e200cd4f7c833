import type { Locator, Page } from 'playwright-core';
import { rowTitles } from './rowTitles.ts';

/** The search box above the article list, its results and its help, found by roles and labels. */
export class SearchPanel {
  readonly page: Page;
  readonly box: Locator;
  readonly helpButton: Locator;
  readonly helpPanel: Locator;
  readonly results: Locator;
  readonly resultsHeading: Locator;
  /** Offered while searching: opens the topic editor with the query as its rule. */
  readonly saveAsTopicButton: Locator;

  constructor(page: Page) {
    this.page = page;
    const pane = page.getByRole('main').getByRole('region', { name: 'Articles', exact: true });
    this.box = pane.getByRole('searchbox', { name: 'Search articles' });
    this.helpButton = pane.getByRole('button', { name: 'Search help' });
    this.helpPanel = pane.getByRole('region', { name: 'Search syntax' });
    this.results = pane.getByRole('list', { name: 'Search results' });
    this.resultsHeading = pane.getByRole('heading', { name: /^Search results/ });
    this.saveAsTopicButton = pane.getByRole('group', { name: 'Sort results' }).getByRole('button', {
      name: 'Save as topic',
    });
  }

  /** Replaces the query, as typing it would (one input event; the debounce sends it once). */
  async search(query: string): Promise<void> {
    await this.box.fill(query);
  }

  sortButton(label: 'Relevance' | 'Newest'): Locator {
    return this.page.getByRole('group', { name: 'Sort results' }).getByRole('button', { name: label });
  }

  resultRows(): Locator {
    return this.results.getByRole('listitem').getByRole('button');
  }

  /** The results' list items: each row's button (the title) with its snippet, source and date beside it. */
  resultItems(): Locator {
    return this.results.getByRole('listitem');
  }

  /** The rows' accessible names (their titles), in screen order. */
  async resultTitles(): Promise<string[]> {
    return rowTitles(this.resultRows());
  }

  /** The words marked in each result's snippet (not its title), row by row in screen order. */
  async snippetMarks(): Promise<string[][]> {
    return this.resultRows().evaluateAll((rows) =>
      rows.map((row) =>
        // The snippet is beside the row's button (which holds the title), in the same list item.
        Array.from(row.closest('li')?.querySelectorAll('.search-snippet mark') ?? [], (mark) => mark.textContent),
      ),
    );
  }

  /** Waits until the list shows answers to the query typed last (not an older one, still dimmed). */
  async waitForFreshResults(): Promise<void> {
    await this.page.waitForFunction(() => {
      const list = document.querySelector('[aria-label="Search results"]');
      return list !== null && list.getAttribute('aria-busy') === 'false';
    });
  }

  /** The query's problems in plain words, read the way a screen reader finds them: the box's description. */
  async problemText(): Promise<string> {
    return this.box.evaluate((box) => {
      const describedBy = box.getAttribute('aria-describedby');
      return describedBy === null ? '' : (document.getElementById(describedBy)?.textContent ?? '');
    });
  }
}
