import { rmSync } from 'node:fs';
import { openLibrary, type Library } from '../../../electron/core/Library.ts';
import type { Printer, PrintJob, PrintResult } from '../../../electron/core/export/Printer.ts';
import { call } from '../../support/callHandlers.ts';
import { serve, startFixtureServer, type FixtureServer } from '../../support/startFixtureServer.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import { pngImage } from '../../unit/extract/images/imageFixtures.ts';
import { articlePage, paragraphsAbout } from '../offline/offlinePages.ts';

/*
 * The export tests' library: news pages on a local fixture server, clipped
 * through the real pipeline (extraction in a worker, images fetched and
 * cached), four of them saved, one annotated. Each picture has its own size,
 * so a test can find it again in a PDF by its width and height.
 */

/** The site name every fixture page declares (og:site_name): the source a brief prints. */
export const SOURCE = 'Wire Test';

export interface StoryImage {
  readonly path: string;
  readonly width: number;
  readonly height: number;
  readonly color: readonly [number, number, number];
  readonly alt: string;
}

export interface Story {
  readonly path: string;
  readonly title: string;
  readonly publishedAt: string;
  /** The published date as a brief prints it. */
  readonly publishedWords: string;
  readonly byline: string | null;
  /** The first paragraph: words only this story has. */
  readonly lead: string;
  /** What the filler paragraphs are about (a word a topic or search can find). */
  readonly subject: string;
  /** Cached by the pipeline. */
  readonly images: readonly StoryImage[];
  /** An image the server answers 404 for: a placeholder. */
  readonly missing: { readonly path: string; readonly alt: string } | null;
  readonly highlight: { readonly quote: string; readonly comment: string } | null;
  readonly notes: readonly string[];
}

export const STORIES = {
  gallium: {
    path: '/story/gallium',
    title: 'Gallium export licences tightened',
    publishedAt: '2025-09-07T07:30:00Z',
    publishedWords: '7 September 2025',
    byline: 'Ana Reyes',
    lead: 'Beijing widened the licence regime for gallium and germanium shipments on Sunday, while tariffs on finished wafers stayed in place.',
    subject: 'gallium',
    images: [
      { path: '/img/gallium-chart.png', width: 400, height: 300, color: [200, 40, 40], alt: 'Exports by month' },
      { path: '/img/gallium-port.png', width: 300, height: 200, color: [40, 40, 200], alt: 'Port of Tianjin' },
    ],
    highlight: {
      quote: 'widened the licence regime for gallium and germanium shipments',
      comment: 'Ask the desk whether wafers are covered.',
    },
    notes: ['Call the Tianjin agent before the trip.'],
    missing: null,
  },
  galliumAgain: {
    path: '/story/gallium-wire',
    title: 'Gallium export licences tightened',
    publishedAt: '2025-09-07T09:00:00Z',
    publishedWords: '7 September 2025',
    lead: 'A second wire carried the licence story with fewer details and no pictures.',
    subject: 'germanium',
    images: [],
    notes: [],
    byline: null,
    missing: null,
    highlight: null,
  },
  tariffs: {
    path: '/story/tariffs',
    title: 'Tariffs: what now? A 50/50 call',
    publishedAt: '2025-09-04T07:30:00Z',
    publishedWords: '4 September 2025',
    lead: 'Tariffs on processed minerals look like a coin toss for the coming quarter, brokers said.',
    subject: 'tariffs',
    images: [],
    notes: [],
    byline: null,
    missing: null,
    highlight: null,
  },
  potash: {
    path: '/story/potash',
    title: 'Potash prices ease',
    publishedAt: '2025-09-03T07:30:00Z',
    publishedWords: '3 September 2025',
    byline: 'Sam Ortiz',
    lead: 'Potash contracts for the winter season settled lower as Canadian output recovered.',
    subject: 'potash',
    images: [
      { path: '/img/potash-field.png', width: 320, height: 240, color: [40, 160, 40], alt: 'Fields in Saskatchewan' },
    ],
    notes: ['Fertiliser costs feed into the fourth-quarter outlook.'],
    missing: null,
    highlight: null,
  },
  magnets: {
    path: '/story/magnets',
    title: 'Neodymium magnet curbs widen',
    publishedAt: '2025-09-05T07:30:00Z',
    publishedWords: '5 September 2025',
    lead: 'Magnet makers said the new curbs reach sintered neodymium blocks for the first time.',
    subject: 'magnets',
    images: [],
    missing: { path: '/img/mine-map.png', alt: 'Map of mines' },
    notes: [],
    byline: null,
    highlight: null,
  },
} as const satisfies Record<string, Story>;

export type StoryName = keyof typeof STORIES;

/** Saved in this order; the saved list shows the most recently saved first. */
const SAVING_ORDER: readonly StoryName[] = ['magnets', 'gallium', 'tariffs', 'potash'];

export interface ExportLibraryFixture {
  readonly library: Library;
  readonly server: FixtureServer;
  readonly temp: { readonly path: string; dispose(): void };
  readonly ids: Readonly<Record<StoryName, string>>;
  /** The saved list as the library orders it: most recently saved first. */
  readonly savedOrder: readonly StoryName[];
  /** The library's clock. */
  now(): Date;
  close(): Promise<void>;
}

function storyPage(story: Story): string {
  const figures = [
    ...story.images.map(
      (image) => `<figure><img src="${image.path}" alt="${image.alt}"><figcaption>${image.alt}</figcaption></figure>`,
    ),
    ...(story.missing ? [`<img src="${story.missing.path}" alt="${story.missing.alt}">`] : []),
  ];
  return articlePage({
    title: story.title,
    published: story.publishedAt,
    ...(story.byline === null ? {} : { byline: story.byline }),
    paragraphs: [story.lead, ...paragraphsAbout(story.subject, 6)],
    figures,
  });
}

/** Starts the fixture server, opens a library in a temporary folder and fills it (clipped, saved, annotated). */
export async function exportLibraryFixture(
  prefix: string,
  options: { readonly printer?: () => Printer } = {},
): Promise<ExportLibraryFixture> {
  const server = await startFixtureServer();
  const temp = createTempDirectory(prefix);
  for (const story of Object.values(STORIES) as Story[]) {
    server.route(story.path, serve(storyPage(story), 'text/html; charset=utf-8'));
    for (const image of story.images) {
      server.route(
        image.path,
        serve(pngImage({ width: image.width, height: image.height, color: image.color }), 'image/png'),
      );
    }
    if (story.missing) {
      server.route(story.missing.path, (_request, response) => {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('gone');
      });
    }
  }
  let now = new Date('2025-09-08T09:00:00Z');
  const library = await openLibrary({
    dataDir: temp.path,
    clock: () => now,
    extractWorkers: 1,
    fetchOptions: { totalTimeoutMs: 5000, connectTimeoutMs: 2000 },
    ...(options.printer ? { printer: options.printer } : {}),
  });
  try {
    const ids = {} as Record<StoryName, string>;
    for (const [name, story] of Object.entries(STORIES) as [StoryName, Story][]) {
      const clipped = await call(library, 'articles:clip', { url: server.url(story.path) });
      ids[name] = clipped.article.id;
    }
    for (const name of SAVING_ORDER) {
      now = new Date(now.getTime() + 60_000);
      await call(library, 'articles:setSaved', { id: ids[name], saved: true });
    }
    for (const [name, story] of Object.entries(STORIES) as [StoryName, Story][]) {
      if (story.highlight) {
        await call(library, 'highlights:add', { articleId: ids[name], ...story.highlight });
      }
      for (const text of story.notes) await call(library, 'notes:add', { articleId: ids[name], text });
    }
    now = new Date(now.getTime() + 60_000);
    return {
      library,
      server,
      temp,
      ids,
      savedOrder: [...SAVING_ORDER].reverse(),
      now: () => now,
      async close() {
        await library.close();
        await server.close();
        temp.dispose();
      },
    };
  } catch (error) {
    await library.close();
    await server.close();
    temp.dispose();
    throw error;
  }
}

/** Deletes the file of a story's first cached image (the library still lists it): an image gone from disk. */
export async function removeCachedImage(fixture: ExportLibraryFixture, name: StoryName): Promise<void> {
  const article = await call(fixture.library, 'articles:get', { id: fixture.ids[name] });
  const hash = /offprint-image:\/\/([0-9a-f]{64})\./.exec(article.contentHtml ?? '')?.[1];
  const file = hash === undefined ? null : await fixture.library.images.path(hash);
  if (file === null) throw new Error(`removeCachedImage: ${name} has no cached image on disk`);
  rmSync(file);
}

/**
 * A printer that passes every job to a real one and keeps what came back: the URLs the page asked for beyond
 * its own files (the export report does not carry them).
 */
export class RecordingPrinter implements Printer {
  readonly refused: string[] = [];
  /** Jobs started. */
  prints = 0;
  /** Jobs that ended in an error (a cancelled export stops the one running). */
  failures = 0;
  readonly #printer: Printer;

  constructor(printer: Printer) {
    this.#printer = printer;
  }

  async print(job: PrintJob): Promise<PrintResult> {
    this.prints += 1;
    try {
      const result = await this.#printer.print(job);
      this.refused.push(...result.refused);
      return result;
    } catch (error) {
      this.failures += 1;
      throw error;
    }
  }

  close(): Promise<void> {
    return this.#printer.close();
  }
}

export interface ContentsEntry {
  readonly title: string;
  readonly page: number;
}

/** `text` matched literally in a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A brief's table of contents as `pdftotext -layout` lays it out: after the "Contents" heading, each title
 * on a line ending in its page number, found in the order given.
 */
export function contentsEntries(layoutText: string, titles: readonly string[]): ContentsEntry[] {
  let from = layoutText.indexOf('Contents');
  if (from < 0) return [];
  const entries: ContentsEntry[] = [];
  for (const title of titles) {
    const line = new RegExp(`^[ \\t]*${escapeRegExp(title)}[ \\t]+(\\d+)[ \\t]*$`, 'm');
    const match = line.exec(layoutText.slice(from));
    if (match === null) return entries;
    entries.push({ title, page: Number(match[1]) });
    from += match.index + match[0].length;
  }
  return entries;
}
