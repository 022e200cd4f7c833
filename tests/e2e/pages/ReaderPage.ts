import type { Locator, Page } from 'playwright-core';
import { rowTitles } from './rowTitles.ts';
import { SearchPanel } from './SearchPanel.ts';

const NOT_OFFLINE = 'Not fully saved for offline reading';

/**
 * The reader screen as a user sees it, found by roles and labels only, so
 * the tests also hold the screen to its accessibility promises.
 */
export class ReaderPage {
  readonly page: Page;
  readonly feedsNav: Locator;
  readonly articlesPane: Locator;
  readonly reader: Locator;
  readonly feedUrlInput: Locator;
  readonly addFeedButton: Locator;
  readonly addFeedError: Locator;
  readonly refreshButton: Locator;
  readonly refreshStatus: Locator;
  readonly indexStatus: Locator;
  readonly offlineStatus: Locator;
  /** "Save all for offline", or "Save feed for offline" while a feed is selected. */
  readonly saveOfflineButton: Locator;
  readonly cancelOfflineButton: Locator;
  /** The failures of the last offline pass, once their "N problems" toggle is open. */
  readonly offlineProblems: Locator;
  readonly search: SearchPanel;
  /** The reader's notes and highlights, under the article. */
  readonly notes: Locator;
  readonly newNoteField: Locator;
  readonly addNoteButton: Locator;

  constructor(page: Page) {
    this.page = page;
    this.feedsNav = page.getByRole('navigation', { name: 'Library' });
    this.articlesPane = page.getByRole('main').getByRole('region', { name: 'Articles', exact: true });
    this.reader = page.getByRole('main').getByRole('article');
    this.feedUrlInput = this.feedsNav.getByLabel('Feed or site URL');
    this.addFeedButton = this.feedsNav.getByRole('button', { name: 'Add feed' });
    this.addFeedError = this.feedsNav.getByRole('alert');
    this.refreshButton = page.getByRole('banner').getByRole('button', { name: /refresh/i });
    this.refreshStatus = page.getByRole('banner').getByRole('status', { name: 'Refresh progress' });
    this.indexStatus = page.getByRole('banner').getByRole('status', { name: 'Search index' });
    this.offlineStatus = page.getByRole('banner').getByRole('status', { name: 'Offline progress' });
    this.saveOfflineButton = page.getByRole('banner').getByRole('button', { name: /for offline$/ });
    this.cancelOfflineButton = page.getByRole('banner').getByRole('button', { name: 'Cancel', exact: true });
    this.offlineProblems = page.getByRole('banner').getByRole('list', { name: 'Offline problems' });
    this.search = new SearchPanel(page);
    this.notes = this.reader.getByRole('region', { name: 'Highlights and notes' });
    this.newNoteField = this.notes.getByLabel('New note');
    this.addNoteButton = this.notes.getByRole('button', { name: 'Add note' });
  }

  /** Opens the host URL (with its #token) and waits for the feed list to load. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.feedsNav.getByRole('button', { name: /^All articles/ }).waitFor();
  }

  /**
   * Loads the page again (the session keeps the token; opening the URL with
   * its #token again would only be a same-page jump) and waits for the feeds.
   */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.feedsNav.getByRole('button', { name: /^All articles/ }).waitFor();
  }

  async addFeed(url: string): Promise<void> {
    await this.feedUrlInput.fill(url);
    await this.addFeedButton.click();
  }

  /** The feed's row itself (its settings button comes after it in the same item). */
  feedRow(title: string): Locator {
    return this.feedsNav.getByRole('listitem').filter({ hasText: title }).getByRole('button').first();
  }

  feedSettingsButton(title: string): Locator {
    return this.feedsNav.getByRole('button', { name: `Settings for ${title}`, exact: true });
  }

  feedSettings(title: string): Locator {
    return this.feedsNav.getByRole('group', { name: `Settings for ${title}`, exact: true });
  }

  fullTextCheckbox(title: string): Locator {
    return this.feedSettings(title).getByRole('checkbox', { name: 'Fetch full article pages' });
  }

  /** The "N problems" toggle of the last offline pass (a <summary>, which has no role of its own). */
  offlineProblemsToggle(): Locator {
    return this.page.getByRole('banner').getByText(/^\d+ problems?$/);
  }

  /** The rows rendered now: the list is virtual, so only those near the screen exist. */
  articleRows(): Locator {
    return this.articlesPane.getByRole('listitem').getByRole('button');
  }

  /** The rendered rows' titles (their accessible names), in screen order. */
  async articleTitles(): Promise<string[]> {
    return rowTitles(this.articleRows());
  }

  /** A row, named by its title alone (the rest of the row is its description). */
  articleRow(title: string): Locator {
    return this.articlesPane.getByRole('listitem').getByRole('button', { name: title, exact: true });
  }

  /** A row's list item: its button (the title) and, beside it, the summary, source, date and marks. */
  articleItem(title: string): Locator {
    return this.articlesPane
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('button', { name: title, exact: true }) });
  }

  /** The list in the pane: the view's articles, or the search results while searching. */
  rowList(): Locator {
    return this.articlesPane.getByRole('list');
  }

  /** The list's heading: the view's name and its count ("Saved · 1"). */
  listHeading(): Locator {
    return this.articlesPane.getByRole('heading', { level: 2 });
  }

  /** The list's own count in its heading ("All articles · 100,000"). */
  async listTotal(): Promise<string> {
    const heading = (await this.listHeading().textContent()) ?? '';
    return heading.replace(/^.*·\s*/, '');
  }

  /**
   * Scrolls the virtual list until the row titled `title` is rendered (from
   * the top, a screen at a time), as a user scrolling to it would. Waits
   * for the list to load; fails after `timeoutMs`.
   */
  async revealArticle(title: string, timeoutMs = 10_000): Promise<Locator> {
    const row = this.articleRow(title);
    const list = this.rowList();
    const deadline = Date.now() + timeoutMs;
    let fromTop = true;
    for (;;) {
      // aria-busy: the list still shows the previous view (or query) while this one loads.
      const settled = (await list.count()) === 1 && (await list.getAttribute('aria-busy')) === 'false';
      if (settled && (await row.count()) > 0) return row;
      if (Date.now() > deadline) throw new Error(`ReaderPage: no row "${title}" in the list after ${timeoutMs} ms`);
      if (settled) {
        const moved: boolean = await list.evaluate((element, toTop: boolean) => {
          const scroller = element.parentElement;
          if (scroller === null) return false;
          const before = scroller.scrollTop;
          scroller.scrollTop = toTop ? 0 : before + scroller.clientHeight * 0.8;
          return scroller.scrollTop !== before;
        }, fromTop);
        // At the bottom without it: rows may still be loading; start over from the top.
        fromTop = !moved && !fromTop;
      }
      await this.page.waitForTimeout(100);
    }
  }

  unreadDot(title: string): Locator {
    return this.articleRow(title).getByRole('img', { name: 'Unread' });
  }

  /** The hollow circle of a row whose full text or images are not on disk yet. */
  offlineMark(title: string): Locator {
    return this.articleItem(title).getByRole('img', { name: NOT_OFFLINE });
  }

  /** Every such mark in the list. */
  offlineMarks(): Locator {
    return this.articlesPane.getByRole('img', { name: NOT_OFFLINE });
  }

  async openArticle(title: string): Promise<void> {
    const row = await this.revealArticle(title);
    await row.click();
  }

  readerTitle(): Locator {
    return this.reader.getByRole('heading', { level: 2 });
  }

  readerLink(): Locator {
    return this.reader.getByRole('link', { name: 'Open original' });
  }

  /**
   * The article's body as shown (stored HTML after the renderer's DOMPurify
   * pass, or the plain-text paragraphs). It is content, not a landmark, so it
   * has no role or label of its own: found by its class inside the reader.
   */
  articleBody(): Locator {
    return this.reader.locator('.reader-body');
  }

  /** Opens an article and waits until the reader shows it. */
  async readArticle(title: string): Promise<void> {
    await this.openArticle(title);
    await this.reader.getByRole('heading', { level: 2, name: title, exact: true }).waitFor();
  }

  /** The reader's save toggle, as it reads when the article is saved (★ Saved, pressed) or not (☆ Save). */
  saveToggle(saved: boolean): Locator {
    return this.reader.getByRole('button', { name: saved ? '★ Saved' : '☆ Save', pressed: saved, exact: true });
  }

  /** A row's ★, shown while the article is saved. */
  savedMark(title: string): Locator {
    return this.articleItem(title).getByRole('img', { name: 'Saved', exact: true });
  }

  /**
   * The width of the article image named `alt` as decoded (0 until it has
   * loaded, and for a broken image): proof the picture itself is there.
   */
  async imageNaturalWidth(alt: string): Promise<number> {
    const image = this.articleBody().getByRole('img', { name: alt, exact: true });
    return image.evaluate((element: HTMLImageElement) => (element.complete ? element.naturalWidth : 0));
  }

  /** The line under the title: feed, site name, author, date. Plain text without a role, so found by its class. */
  byline(): Locator {
    return this.reader.locator('.reader-meta');
  }

  /** The note under the byline: a page that failed or is pending, images not saved. */
  offlineNotice(): Locator {
    return this.reader.getByRole('note', { name: 'Offline copy' });
  }

  /** Under the article: the same story from other feeds and articles like it, or why there are none. */
  relatedSection(): Locator {
    return this.reader.getByRole('region', { name: 'Related articles' });
  }

  /** A list under the article: "Same story elsewhere" or "Related". */
  relatedList(heading: 'Same story elsewhere' | 'Related'): Locator {
    return this.relatedSection().getByRole('list', { name: heading, exact: true });
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: false });
  }
}
