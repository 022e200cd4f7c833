import type { Locator, Page } from 'playwright-core';

/** The modal topic editor ("New topic" or "Edit topic"): name, rule, the live preview and its buttons. */
export class TopicEditorDialog {
  readonly dialog: Locator;
  readonly nameField: Locator;
  readonly ruleField: Locator;
  readonly saveButton: Locator;

  constructor(page: Page, mode: 'new' | 'edit' = 'new') {
    this.dialog = page.getByRole('dialog', { name: mode === 'new' ? 'New topic' : 'Edit topic' });
    this.nameField = this.dialog.getByLabel('Name');
    this.ruleField = this.dialog.getByLabel('Rule');
    this.saveButton = this.dialog.getByRole('button', { name: mode === 'new' ? 'Save topic' : 'Save changes' });
  }

  /** The preview's count line ("Matches 2 articles in the library"), once the rule has been counted. */
  previewCount(articles: number): Locator {
    const noun = articles === 1 ? 'article' : 'articles';
    return this.dialog.getByText(`Matches ${articles} ${noun} in the library`, { exact: true });
  }

  /** The titles the preview lists (the newest few matches). */
  async previewTitles(): Promise<string[]> {
    return this.dialog.getByRole('listitem').allTextContents();
  }
}
