// The export benchmark's library: Reuters-21578 stories (2.5–6 KB of real text each) as a feed of whole
// articles with three pictures each (a PNG chart and two JPEG photos, a few hundred KB apiece, drawn by
// Chromium), served from a local fixture server and taken in through the real pipeline (feeds:add, which
// stores the articles and caches their images), then every article saved, some highlighted and noted.
// Made once and kept under .bench/export/ for later runs; `ready.json` marks a complete one.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openLibrary } from '../../electron/core/Library.ts';
import { call } from '../../tests/support/callHandlers.ts';
import { reutersStories, type ReutersStory } from '../../tests/support/reutersStories.ts';
import { rssFeed, serve, startFixtureServer, type FixtureItem } from '../../tests/support/startFixtureServer.ts';
import { diskBytes, elapsedSeconds, progress } from '../search/measurement.ts';
import { readReadyRecord, writeReadyRecord, type ReadyRecord } from '../support/readyRecord.ts';
import { drawPictures, type Picture, type PictureRequest } from './drawPictures.ts';

/** Bump when the way a library is made changes, so older cached libraries are not reused. */
const LIBRARY_FORMAT = 1;
const BODY_CHARACTERS = { min: 2_500, max: 6_000 };
/** Per article: a chart and two photos, placed after paragraphs 1, 3 and 5. */
const PICTURES: readonly PictureRequest['kind'][] = ['chart', 'photo', 'photo'];
const FIRST_PUBLISHED = Date.UTC(2025, 8, 1, 6);
const HOUR_MS = 60 * 60 * 1000;

export interface ExportLibrary {
  readonly dataDir: string;
  readonly articles: number;
  readonly images: number;
  readonly imageBytes: number;
  /** Characters of article text, on average. */
  readonly meanTextCharacters: number;
  readonly highlights: number;
  readonly notes: number;
  /** True when an earlier run's library was reused. */
  readonly reused: boolean;
  /** Drawing the pictures and taking the feed in, when made (the figure recorded with it when reused). */
  readonly makeSeconds: number;
}

type ExportReadyRecord = Omit<ExportLibrary, 'dataDir' | 'reused'> & ReadyRecord;

function storiesFor(count: number): ReutersStory[] {
  const chosen = reutersStories().filter(
    (story) =>
      story.title.trim() !== '' && story.body.length >= BODY_CHARACTERS.min && story.body.length <= BODY_CHARACTERS.max,
  );
  if (chosen.length < count) throw new Error(`export bench: only ${chosen.length} stories are long enough`);
  return chosen.slice(0, count);
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A story as article HTML: its paragraphs (Reuters starts each with a space) with figures among them. */
function articleHtml(story: ReutersStory, figures: readonly string[]): string {
  const paragraphs = story.body
    .split(/\n (?=\S)/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '');
  const html: string[] = [];
  for (const [index, paragraph] of paragraphs.entries()) {
    html.push(`<p>${escapeHtml(paragraph)}</p>`);
    const figure = index % 2 === 0 ? figures[index / 2] : undefined;
    if (figure !== undefined) html.push(figure);
  }
  // Short stories: the figures the paragraphs did not reach go at the end.
  html.push(...figures.slice(Math.ceil(paragraphs.length / 2)));
  return html.join('\n');
}

/**
 * A library of `count` saved articles with cached images under `root`, made once and reused; `fresh`
 * makes it again.
 */
export async function prepareExportLibrary(
  root: string,
  count: number,
  options: { readonly fresh?: boolean } = {},
): Promise<ExportLibrary> {
  const directory = join(root, `articles-${count}`);
  const dataDir = join(directory, 'library');
  const ready = readReadyRecord(directory, {
    format: LIBRARY_FORMAT,
    articles: count,
    fresh: options.fresh,
  }) as ExportReadyRecord | null;
  if (ready !== null) {
    progress(`${count} articles: reusing the library in ${dataDir}`);
    const { format: _format, ...record } = ready;
    return { ...record, dataDir, reused: true };
  }
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const started = performance.now();
  const stories = storiesFor(count);

  progress(`${count} articles: drawing ${count * PICTURES.length} pictures in Chromium`);
  const requests = stories.flatMap((_story, article) =>
    PICTURES.map((kind, index) => ({ kind, seed: article * PICTURES.length + index + 1 })),
  );
  const pictures = await drawPictures(requests);
  const server = await startFixtureServer();
  const pathOf = (index: number, picture: Picture): string =>
    `/img/${index}.${picture.type === 'image/jpeg' ? 'jpg' : 'png'}`;
  for (const [index, picture] of pictures.entries())
    server.route(pathOf(index, picture), serve(picture.bytes, picture.type));
  const items: FixtureItem[] = stories.map((story, article) => {
    const figures = PICTURES.map((kind, offset) => {
      const index = article * PICTURES.length + offset;
      const picture = pictures[index];
      if (picture === undefined) throw new Error(`export bench: picture ${index} was not drawn`);
      const caption = kind === 'chart' ? `Chart ${article + 1}.${offset + 1}` : `Photo ${article + 1}.${offset + 1}`;
      return `<figure><img src="${server.url(pathOf(index, picture))}" width="${picture.width}" height="${picture.height}" alt="${caption}"><figcaption>${caption}</figcaption></figure>`;
    });
    return {
      guid: `reuters-${story.id}`,
      title: story.title,
      link: `/story/${story.id}`,
      body: articleHtml(story, figures),
      date: new Date(FIRST_PUBLISHED + article * HOUR_MS).toUTCString(),
      categories: [...story.topics],
    };
  });
  server.route('/feed.xml', serve(rssFeed('Reuters archive', items), 'application/rss+xml'));

  let now = new Date(FIRST_PUBLISHED + count * HOUR_MS);
  const library = await openLibrary({ dataDir, clock: () => now });
  try {
    progress(`${count} articles: taking the feed in (articles stored, images cached)`);
    const added = await call(library, 'feeds:add', { url: server.url('/feed.xml') });
    const page = await call(library, 'articles:list', { feedId: added.feed.id, limit: 500 });
    if (page.total !== count) throw new Error(`export bench: the feed stored ${page.total} articles, not ${count}`);
    const notReady = page.items.filter((article) => !article.offlineReady);
    if (notReady.length > 0) throw new Error(`export bench: ${notReady.length} articles have images missing`);

    progress(`${count} articles: saving, highlighting and noting`);
    let highlights = 0;
    let notes = 0;
    let textCharacters = 0;
    // Oldest first, so the saved list (most recently saved first) reads newest first.
    for (const [index, summary] of [...page.items].reverse().entries()) {
      now = new Date(now.getTime() + 60_000);
      await call(library, 'articles:setSaved', { id: summary.id, saved: true });
      const article = await call(library, 'articles:get', { id: summary.id });
      const { text } = article;
      textCharacters += text.length;
      if (index % 3 === 0) {
        const quote = text.slice(0, text.indexOf(' ', 80) > 0 ? text.indexOf(' ', 80) : 80).trim();
        await call(library, 'highlights:add', { articleId: summary.id, quote, comment: 'Check against the desk.' });
        highlights += 1;
      }
      if (index % 4 === 0) {
        await call(library, 'notes:add', { articleId: summary.id, text: `Brief note ${index + 1}: follow up.` });
        notes += 1;
      }
    }
    const record: ExportReadyRecord = {
      format: LIBRARY_FORMAT,
      articles: count,
      images: pictures.length,
      imageBytes: diskBytes(join(dataDir, 'images')),
      meanTextCharacters: Math.round(textCharacters / count),
      highlights,
      notes,
      makeSeconds: elapsedSeconds(started),
    };
    writeReadyRecord(directory, record);
    const { format: _format, ...figures } = record;
    return { ...figures, dataDir, reused: false };
  } finally {
    await library.close();
    await server.close();
  }
}
