import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COPPER_FEES,
  GALLIUM_LICENCES,
  GALLIUM_RECYCLING,
  GALLIUM_STORIES,
  JOURNEY_FEED_TITLE,
  JOURNEY_STORIES,
  POTASH_BERTH,
  journeyRoutes,
  type JourneyStory,
} from './fixtures/journeySite.ts';
import { FirstRunPanel } from './pages/FirstRunPanel.ts';
import { KeyboardUser } from './pages/KeyboardUser.ts';
import type { ReaderPage } from './pages/ReaderPage.ts';
import { TopicEditorDialog } from './pages/TopicEditorDialog.ts';
import { startReaderWorld, type ReaderWorld } from './startReaderWorld.ts';

const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));

const TOPIC = 'Gallium watch';
const NOTE = 'Ask the Tokyo desk how much recovered gallium reaches exporters.';
const ALL_TITLES = JOURNEY_STORIES.map((story) => story.title);
const GALLIUM_TITLES = GALLIUM_STORIES.map((story) => story.title);
/** The themes' --paper, as getComputedStyle reports the body's background. */
const PAPER = { light: 'rgb(251, 250, 247)', dark: 'rgb(28, 29, 31)' } as const;
const JOURNEY_MS = 60_000;
/**
 * How long a check waits for the screen to catch up (expect.poll's 1 s is
 * short for a subscription that fetches pages and images, or a search
 * index still catching up, when the whole e2e project runs at once).
 */
const PATIENCE = { timeout: 15_000 } as const;

/** Runs one step of a journey; a failure says which step it was. */
async function step(name: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`journey step "${name}": ${message}`, { cause: error });
  }
}

/** Waits for the reader's related articles to be found (or not), so a screenshot shows the settled page. */
async function settleRelated(reader: ReaderPage): Promise<void> {
  await expect.poll(() => reader.relatedSection().textContent(), PATIENCE).not.toMatch(/^Finding related articles/);
}

/** The same screen in the OS's light and dark schemes (the app follows the OS by default): journey-<state>-<theme>.png. */
async function photograph(page: Page, state: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect
      .poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor), PATIENCE)
      .toBe(PAPER[theme]);
    await page.screenshot({ path: join(resultsDir, `journey-${state}-${theme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** What the reader shows of a story: the full page's text (not the feed's teaser) and its image from the cache. */
async function expectFullStory(reader: ReaderPage, story: JourneyStory): Promise<void> {
  await expect.poll(() => reader.readerTitle().textContent(), PATIENCE).toBe(story.title);
  await reader.articleBody().getByText(story.pageOnly).waitFor();
  expect(await reader.articleBody().textContent()).not.toContain(story.teaser);
  const { image } = story;
  if (image !== undefined) await expect.poll(() => reader.imageNaturalWidth(image.alt), PATIENCE).toBe(image.width);
}

/** Search results as you type "gallium": the two gallium stories, the word marked in every snippet. */
async function expectGalliumResults(reader: ReaderPage): Promise<void> {
  await reader.search.waitForFreshResults();
  await expect
    .poll(async () => (await reader.search.resultTitles()).sort(), PATIENCE)
    .toEqual([...GALLIUM_TITLES].sort());
  const snippets = await reader.search.snippetMarks();
  expect(snippets).toHaveLength(2);
  for (const marks of snippets) {
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) expect(mark.toLowerCase()).toBe('gallium');
  }
}

/** The topic editor, opened from "Save as topic": the query is its rule and the preview counts both stories. */
async function expectGalliumPreview(editor: TopicEditorDialog): Promise<void> {
  await editor.dialog.waitFor();
  expect(await editor.ruleField.inputValue()).toBe('gallium');
  await editor.previewCount(2).waitFor();
  expect((await editor.previewTitles()).sort()).toEqual([...GALLIUM_TITLES].sort());
}

/** The topic's own list: selected in the sidebar, named in the heading, holding only what its rule matches. */
async function expectTopicView(reader: ReaderPage): Promise<void> {
  await expect.poll(() => reader.feedRow(TOPIC).getAttribute('aria-current'), PATIENCE).toBe('true');
  await expect.poll(() => reader.listHeading().textContent(), PATIENCE).toMatch(new RegExp(`^${TOPIC}`));
  await expect.poll(() => reader.articleTitles(), PATIENCE).toEqual(GALLIUM_TITLES);
}

/** The Saved view: the one saved article, opened, with the note written on it. */
async function expectSavedWithNote(reader: ReaderPage): Promise<void> {
  await expect
    .poll(() => reader.feedsNav.getByRole('button', { name: /^Saved/ }).getAttribute('aria-current'), PATIENCE)
    .toBe('true');
  await expect.poll(() => reader.articleTitles(), PATIENCE).toEqual([GALLIUM_RECYCLING.title]);
  await reader.savedMark(GALLIUM_RECYCLING.title).waitFor();
  await expect.poll(() => reader.readerTitle().textContent(), PATIENCE).toBe(GALLIUM_RECYCLING.title);
  await reader.saveToggle(true).waitFor();
  await reader.notes.getByText(NOTE, { exact: true }).waitFor();
}

/** Every request the page makes, to prove none of them went to the feed's web server. */
function recordRequests(page: Page): string[] {
  const requested: string[] = [];
  page.on('request', (request) => {
    requested.push(request.url());
  });
  return requested;
}

/**
 * An analyst's day, end to end in Chromium over the Node host, from an
 * empty data directory: follow a feed of teasers, read a full article with
 * its image, lose the network (the feed's web server closes), and go on
 * offline — read another article with its cached image, search as you
 * type, save the search as a topic, filter by it, save an article, write a
 * note, and find both under Saved. Screenshots of each main screen, light
 * and dark, go to test-results/journey-<state>-<theme>.png.
 */
describe("journey: an analyst's day", () => {
  let world: ReaderWorld;
  let reader: ReaderPage;
  let page: Page;
  let requested: string[];

  beforeAll(async () => {
    world = await startReaderWorld('journey', { routes: journeyRoutes() });
    ({ reader } = world);
    ({ page } = world.browser);
    requested = recordRequests(page);
    await page.emulateMedia({ colorScheme: 'light' });
    await mkdir(resultsDir, { recursive: true });
  });

  afterAll(async () => {
    await world.close();
  });

  it(
    "an analyst's day",
    async () => {
      const firstRun = new FirstRunPanel(page);

      await step('first run of an empty library', async () => {
        await reader.open(world.host.url);
        await firstRun.region.waitFor();
        await reader.feedsNav.getByText('No feeds yet').waitFor();
        expect(await reader.articleRows().count()).toBe(0);
        await photograph(page, 'first-run');
      });

      await step('subscribe to the feed from the first-run panel', async () => {
        await firstRun.follow(world.web.url('/wire.xml'));
        await expect.poll(() => reader.feedRow(JOURNEY_FEED_TITLE).getAttribute('aria-current'), PATIENCE).toBe('true');
        await expect.poll(() => reader.articleTitles(), PATIENCE).toEqual(ALL_TITLES);
        // Every page and image was fetched with the feed: nothing is marked as missing offline.
        await expect.poll(() => reader.offlineMarks().count(), PATIENCE).toBe(0);
        await firstRun.region.waitFor({ state: 'detached' });
      });

      await step('read the first story online: full text and its image', async () => {
        await reader.readArticle(GALLIUM_LICENCES.title);
        await expectFullStory(reader, GALLIUM_LICENCES);
        await expect.poll(() => reader.unreadDot(GALLIUM_LICENCES.title).count(), PATIENCE).toBe(0);
        await settleRelated(reader);
        await photograph(page, 'reader');
      });

      await step('the network goes away', async () => {
        await world.web.close();
        await expect(fetch(world.web.url('/wire.xml'))).rejects.toThrow();
      });

      await step('read another story offline, its image from the cache', async () => {
        await reader.readArticle(POTASH_BERTH.title);
        await expectFullStory(reader, POTASH_BERTH);
      });

      await step('search as you type, with the words marked in the snippets', async () => {
        await reader.search.box.click();
        await page.keyboard.type('gallium');
        await expectGalliumResults(reader);
        await photograph(page, 'search');
      });

      await step('save the search as a topic', async () => {
        await reader.search.saveAsTopicButton.click();
        const editor = new TopicEditorDialog(page);
        await expectGalliumPreview(editor);
        await editor.nameField.fill(TOPIC);
        await editor.saveButton.click();
        await editor.dialog.waitFor({ state: 'detached' });
        await reader.feedRow(TOPIC).waitFor();
      });

      await step('filter by the topic from the sidebar', async () => {
        await reader.feedRow('All articles').click();
        await expect.poll(() => reader.articleTitles(), PATIENCE).toEqual(ALL_TITLES);
        await reader.feedRow(TOPIC).click();
        await expectTopicView(reader);
        expect(await reader.articleTitles()).not.toContain(COPPER_FEES.title);
        await reader.readArticle(GALLIUM_RECYCLING.title);
        await expectFullStory(reader, GALLIUM_RECYCLING);
        await settleRelated(reader);
        await photograph(page, 'topic');
      });

      await step('save the article and write a note on it', async () => {
        await reader.saveToggle(false).click();
        await reader.saveToggle(true).waitFor();
        await reader.savedMark(GALLIUM_RECYCLING.title).waitFor();
        await reader.feedsNav.getByLabel('1 saved').waitFor();
        await reader.newNoteField.fill(NOTE);
        await reader.addNoteButton.click();
        await reader.notes.getByText(NOTE, { exact: true }).waitFor();
        await expect.poll(() => reader.newNoteField.inputValue(), PATIENCE).toBe('');
      });

      await step('find the saved article and its note under Saved', async () => {
        await reader.feedRow('Saved').click();
        await expect.poll(() => reader.articleTitles(), PATIENCE).toEqual([GALLIUM_RECYCLING.title]);
        await reader.readArticle(GALLIUM_RECYCLING.title);
        await expectSavedWithNote(reader);
        await settleRelated(reader);
        await reader.notes.scrollIntoViewIfNeeded();
        await photograph(page, 'saved');
      });

      // The browser asked nobody but the host: every image came from the library's cache, online or not.
      expect(requested.length).toBeGreaterThan(0);
      expect(requested.filter((url) => new URL(url).origin !== world.host.origin)).toEqual([]);
    },
    JOURNEY_MS,
  );
});

/**
 * The same day without a mouse, in a data directory of its own: every
 * step is a key (Tab, Enter, j/k, s, /, g then a or s, ?), and the page
 * never sees a pointer press.
 */
describe('journey: the same day without a mouse', () => {
  let world: ReaderWorld;
  let reader: ReaderPage;
  let keys: KeyboardUser;

  beforeAll(async () => {
    world = await startReaderWorld('journey-keys', { routes: journeyRoutes() });
    ({ reader } = world);
    keys = new KeyboardUser(world.browser.page);
    await keys.watchPointer();
  });

  afterAll(async () => {
    await world.close();
  });

  it(
    'the same day without a mouse',
    async () => {
      const page = world.browser.page;

      await step('subscribe by typing the feed URL and pressing Enter', async () => {
        await reader.open(world.host.url);
        await keys.tabTo(reader.feedUrlInput);
        await keys.type(world.web.url('/wire.xml'));
        await keys.press('Enter');
        await expect.poll(() => reader.feedRow(JOURNEY_FEED_TITLE).getAttribute('aria-current'), PATIENCE).toBe('true');
        await expect.poll(() => reader.articleTitles(), PATIENCE).toEqual(ALL_TITLES);
        await expect.poll(() => reader.offlineMarks().count(), PATIENCE).toBe(0);
      });

      await step('j opens the first story: full text and its image', async () => {
        // Out of the field, where j is just a letter.
        await keys.press('Tab', 'j');
        await expectFullStory(reader, GALLIUM_LICENCES);
      });

      await step('the network goes away; j reads the next story from the cache', async () => {
        await world.web.close();
        await keys.press('j');
        await expectFullStory(reader, POTASH_BERTH);
        await keys.press('k');
        await expect.poll(() => reader.readerTitle().textContent(), PATIENCE).toBe(GALLIUM_LICENCES.title);
      });

      await step('/ focuses the search box; results come as you type', async () => {
        await keys.press('/');
        expect(await keys.hasFocus(reader.search.box)).toBe(true);
        await keys.type('gallium');
        await expectGalliumResults(reader);
      });

      await step('Tab to "Save as topic", Enter, name it and press Enter', async () => {
        await keys.tabTo(reader.search.saveAsTopicButton);
        await keys.press('Enter');
        const editor = new TopicEditorDialog(page);
        await expectGalliumPreview(editor);
        expect(await keys.hasFocus(editor.nameField)).toBe(true);
        await keys.type(TOPIC);
        await keys.press('Enter');
        await editor.dialog.waitFor({ state: 'detached' });
        // The search that opened the editor is gone: focus goes to the new topic's row, not to the page.
        await expect.poll(() => keys.hasFocus(reader.feedRow(TOPIC)), PATIENCE).toBe(true);
      });

      await step('g a shows everything; back on the topic in the sidebar, Enter filters by it', async () => {
        await keys.press('g', 'a');
        await expect.poll(() => reader.listHeading().textContent(), PATIENCE).toMatch(/^All articles/);
        await expect.poll(() => reader.articleTitles(), PATIENCE).toEqual(ALL_TITLES);
        await keys.tabTo(reader.feedRow(TOPIC));
        await keys.press('Enter');
        await expectTopicView(reader);
      });

      await step('j, j opens the second topic article; s saves it', async () => {
        await keys.press('j');
        await expect.poll(() => reader.readerTitle().textContent(), PATIENCE).toBe(GALLIUM_LICENCES.title);
        await keys.press('j');
        await expectFullStory(reader, GALLIUM_RECYCLING);
        await keys.press('s');
        await reader.saveToggle(true).waitFor();
        await reader.savedMark(GALLIUM_RECYCLING.title).waitFor();
      });

      await step('Tab to the note field, type a note, Tab to "Add note", Enter', async () => {
        await keys.tabTo(reader.newNoteField);
        await keys.type(NOTE);
        await keys.press('Tab');
        expect(await keys.hasFocus(reader.addNoteButton)).toBe(true);
        await keys.press('Enter');
        await reader.notes.getByText(NOTE, { exact: true }).waitFor();
        await expect.poll(() => reader.newNoteField.inputValue(), PATIENCE).toBe('');
        // The emptied field leaves nothing to add, and the button says so, but keeps the focus.
        expect(await keys.hasFocus(reader.addNoteButton)).toBe(true);
        expect(await reader.addNoteButton.getAttribute('aria-disabled')).toBe('true');
      });

      await step('g s goes to Saved; j opens the saved article with its note', async () => {
        await keys.press('g', 's');
        await expect.poll(() => reader.listHeading().textContent(), PATIENCE).toMatch(/^Saved/);
        // Until the saved list has loaded, the topic's rows stay on screen (dimmed, aria-busy) and j walks them.
        await expect.poll(() => reader.rowList().getAttribute('aria-busy'), PATIENCE).toBe('false');
        await expect.poll(() => reader.articleTitles(), PATIENCE).toEqual([GALLIUM_RECYCLING.title]);
        await keys.press('j');
        await expectSavedWithNote(reader);
      });

      await step('? lists the shortcuts; Escape closes the list', async () => {
        await keys.press('?');
        const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
        await help.waitFor();
        expect(await keys.hasFocus(help)).toBe(true);
        await keys.press('Escape');
        await help.waitFor({ state: 'detached' });
      });

      await step('no pointer was ever pressed', async () => {
        expect(await keys.pointerPresses()).toBe(0);
      });
    },
    JOURNEY_MS,
  );
});
