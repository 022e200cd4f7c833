import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type Library } from '../../../electron/core/Library.ts';
import { printResources } from '../../../electron/core/export/printResources.ts';
import { ChromiumPrinter } from '../../../electron/server/ChromiumPrinter.ts';
import type { ExportProgress, ExportReport } from '../../../electron/shared/model.ts';
import { missingImageMessage } from '../../../electron/shared/missingImageMessage.ts';
import { attempt, call } from '../../support/callHandlers.ts';
import { expectFailure } from '../../support/expectFailure.ts';
import { CHROMIUM_PATH } from '../../support/launchChromium.ts';
import {
  pdfImages,
  pdfInfo,
  pdfOutline,
  pdfPages,
  pdfText,
  qpdfCheck,
  type PdfBookmark,
} from '../../support/pdfTools.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import type { FixtureServer } from '../../support/startFixtureServer.ts';
import {
  RecordingPrinter,
  SOURCE,
  STORIES,
  contentsEntries,
  escapeRegExp,
  exportLibraryFixture,
  removeCachedImage,
  type ExportLibraryFixture,
  type StoryName,
} from './exportLibrary.ts';

/*
 * PDF export through the contract, end to end: articles clipped from a local
 * fixture server (their images cached by the real pipeline), saved, annotated,
 * then printed by the system's Chromium. Every fact about a produced PDF is
 * read with poppler or qpdf. One library and one printer (one Chromium) serve
 * the whole file; the tests run in order and only the last one changes the
 * library's images.
 */

let fixture: ExportLibraryFixture;
let library: Library;
let server: FixtureServer;
let printer: RecordingPrinter;
let out: string;
let previousTmpdir: string | undefined;

beforeAll(async () => {
  // The exporter's working files go to os.tmpdir(): a folder of this file's own, so leftovers can be seen.
  previousTmpdir = process.env['TMPDIR'];
  fixture = await exportLibraryFixture('export-pdf', {
    printer: () => {
      printer = new RecordingPrinter(new ChromiumPrinter(CHROMIUM_PATH));
      return printer;
    },
  });
  ({ library, server } = fixture);
  process.env['TMPDIR'] = join(fixture.temp.path, 'tmp');
  mkdirSync(process.env['TMPDIR'], { recursive: true });
  out = join(fixture.temp.path, 'out');
  mkdirSync(out);
}, 60_000);

afterAll(async () => {
  if (previousTmpdir === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = previousTmpdir;
  await fixture.close();
});

/** The exporter's working folders left in os.tmpdir() (none, once an export has finished or stopped). */
function workingFolders(): string[] {
  return readdirSync(join(fixture.temp.path, 'tmp')).filter((name) => name.startsWith('offprint-export-'));
}

/** Where each article of a brief starts and ends: from its bookmark's page to the page before the next one's. */
function articlePages(
  outline: readonly PdfBookmark[],
  names: readonly StoryName[],
): Map<StoryName, { first: number; last: number }> {
  // The outline is Contents, then the articles in order, then Sources.
  return new Map(
    names.map((name, index) => {
      const first = outline[index + 1]?.page ?? 0;
      return [name, { first, last: Math.max(first, (outline[index + 2]?.page ?? 0) - 1) }];
    }),
  );
}

/**
 * What every brief must be, checked with poppler and qpdf: a cover, contents listing the articles in this
 * order with the page each starts on (that page has the title), one bookmark per article opening that
 * page, a "page N of M" footer on every page after the cover, a clean file. Returns each article's pages.
 */
async function expectBrief(
  file: string,
  names: readonly StoryName[],
  expected: { readonly title: string; readonly subject: string; readonly paper: 'A4' | 'letter' },
): Promise<Map<StoryName, { first: number; last: number }>> {
  const info = await pdfInfo(file);
  expect(info['Title']).toBe(expected.title);
  expect(info['Subject']).toBe(expected.subject);
  expect(info['Tagged']).toBe('yes');
  expect(info['Page size']).toContain(`(${expected.paper})`);
  const total = Number(info['Pages']);

  const check = await qpdfCheck(file);
  expect(check.code, check.output).toBe(0);
  expect(check.output).toContain('No syntax or stream encoding errors found');

  const cover = await pdfText(file, { first: 1 });
  expect(cover).toMatch(/offprint brief/i);
  expect(cover).toContain(expected.title);
  expect(cover).toContain(`${names.length} ${names.length === 1 ? 'article' : 'articles'}`);
  expect(cover).not.toMatch(/page \d+ of/);

  // The contents: every article in order, each with a page number that is right.
  const titles = names.map((name) => STORIES[name].title);
  const contents = contentsEntries(await pdfText(file), titles);
  expect(contents.map((entry) => entry.title)).toEqual(titles);
  // The contents and the sources page hold every title: the article's own page is the one with its address too.
  for (const [index, name] of names.entries()) {
    const number = contents[index]?.page ?? 0;
    const page = await pdfText(file, { first: number });
    expect(page, `page ${number} of "${STORIES[name].title}"`).toContain(STORIES[name].title);
    expect(page, `page ${number} of "${STORIES[name].title}"`).toContain(`Original: ${server.url(STORIES[name].path)}`);
  }

  // The outline: Contents, a bookmark per article opening the page the contents says, Sources.
  const outline = await pdfOutline(file);
  expect(outline.map((bookmark) => bookmark.title)).toEqual(['Contents', ...titles, 'Sources']);
  expect(outline.slice(1, -1).map((bookmark) => bookmark.page)).toEqual(contents.map((entry) => entry.page));

  for (let page = 2; page <= total; page += 1) {
    expect(await pdfText(file, { first: page }), `footer of page ${page}`).toMatch(
      new RegExp(`page ${page} of ${total}\\s*$`),
    );
  }
  const sources = await pdfText(file, { first: outline.at(-1)?.page ?? total, last: total });
  expect(sources).toContain('Sources');
  for (const name of names) expect(sources).toContain(server.url(STORIES[name].path));
  return articlePages(outline, names);
}

/** Runs an export:pdf and gives its report and the progress events it sent. */
async function exportPdf(
  request: Parameters<typeof call<'export:pdf'>>[2],
  onProgress: (progress: ExportProgress) => void = () => undefined,
): Promise<{ report: ExportReport; progress: ExportProgress[] }> {
  const progress: ExportProgress[] = [];
  const stop = library.events.subscribe((name, payload) => {
    if (name !== 'export:progress') return;
    progress.push(payload as ExportProgress);
    onProgress(payload as ExportProgress);
  });
  try {
    return { report: await call(library, 'export:pdf', request), progress };
  } finally {
    stop();
  }
}

describe('export:pdf of the saved list', () => {
  let file: string;
  let report: ExportReport;
  let requestsBefore: number;
  let requestsAfter: number;
  let pages: Map<StoryName, { first: number; last: number }>;

  beforeAll(async () => {
    file = join(out, 'brief.pdf');
    requestsBefore = server.requests();
    ({ report } = await exportPdf({
      selection: { kind: 'saved' },
      title: 'Critical minerals, week 36',
      author: 'Ana Analyst',
      destination: file,
    }));
    requestsAfter = server.requests();
    pages = articlePages(await pdfOutline(file), fixture.savedOrder);
  }, 60_000);

  it('is a brief: cover, numbered contents, a bookmark per article, footers, metadata, no errors', async () => {
    await expectBrief(file, fixture.savedOrder, {
      title: 'Critical minerals, week 36',
      subject: 'Saved articles',
      paper: 'A4',
    });
    const info = await pdfInfo(file);
    expect(info['Author']).toBe('Ana Analyst');
    // The library's clock at the export, to the second.
    const created = fixture
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    expect(info['CreationDate']).toBe(created);
    expect(await pdfText(file, { first: 1 })).toContain('Ana Analyst');
  });

  it('reports the file, its pages and articles, and the article printed with a placeholder', async () => {
    expect(report).toMatchObject({
      format: 'pdf',
      files: [file],
      articles: fixture.savedOrder.length,
      pages: await pdfPages(file),
      bytes: statSync(file).size,
      cancelled: false,
    });
    expect(report.missingImages).toEqual([
      { articleId: fixture.ids.magnets, title: STORIES.magnets.title, missing: 1 },
    ]);
    expect(workingFolders()).toEqual([]);
  });

  it("prints each article's source, dates, address, highlights, notes and placeholders on its own pages", async () => {
    for (const name of fixture.savedOrder) {
      const story = STORIES[name];
      const range = pages.get(name);
      if (range === undefined) throw new Error(`no pages for ${name}`);
      const text = await pdfText(file, range);
      expect(text).toContain(story.title);
      expect(text).toMatch(
        new RegExp(`${SOURCE}${story.byline ? ` · ${story.byline}` : ''} · published ${story.publishedWords}`),
      );
      expect(text).toContain(`Original: ${server.url(story.path)}`);
      expect(text).toMatch(/Saved to Offprint \d{1,2} \w+ \d{4}/);
      expect(text).toContain(story.lead.slice(0, 40));
      for (const note of story.notes) expect(text.slice(text.indexOf('Notes'))).toContain(note);
      if (story.highlight) {
        const annotations = text.slice(text.indexOf('Highlights'));
        expect(annotations).toContain(story.highlight.quote);
        expect(annotations).toContain(story.highlight.comment);
      }
      if (story.missing) expect(text).toContain(`${missingImageMessage('http-404')} ${story.missing.alt}`);
      else expect(text).not.toContain('Image not saved');
    }
  });

  it('embeds every cached image, each on its own article’s pages', async () => {
    const images = await pdfImages(file);
    const cached = fixture.savedOrder.reduce((sum, name) => sum + STORIES[name].images.length, 0);
    expect(images.length).toBeGreaterThanOrEqual(cached);
    for (const name of fixture.savedOrder) {
      const range = pages.get(name);
      for (const image of STORIES[name].images) {
        const found = images.find((candidate) => candidate.width === image.width && candidate.height === image.height);
        expect(found, `${image.path} in the PDF`).toBeDefined();
        expect(found?.page).toBeGreaterThanOrEqual(range?.first ?? 0);
        expect(found?.page).toBeLessThanOrEqual(range?.last ?? 0);
      }
    }
  });

  it('makes no network request: the fixture server saw none, the printer refused nothing, the report says so', () => {
    expect(requestsAfter).toBe(requestsBefore);
    expect(printer.refused).toEqual([]);
    expect(report.refused).toEqual([]);
  });
});

describe('export:pdf, one PDF per article', () => {
  it('writes readable, unique, safe file names, each PDF with its own metadata', async () => {
    const folder = join(out, 'each');
    const names: StoryName[] = ['gallium', 'galliumAgain', 'tariffs', 'potash', 'magnets'];
    const before = server.requests();
    const { report } = await exportPdf({
      selection: { kind: 'ids', ids: names.map((name) => fixture.ids[name]) },
      perArticle: true,
      destination: folder,
    });
    expect(server.requests()).toBe(before);
    const expectedNames = [
      `2025-09-07 Gallium export licences tightened — ${SOURCE}.pdf`,
      `2025-09-07 Gallium export licences tightened — ${SOURCE} (2).pdf`,
      `2025-09-04 Tariffs - what now A 50-50 call — ${SOURCE}.pdf`,
      `2025-09-03 Potash prices ease — ${SOURCE}.pdf`,
      `2025-09-05 Neodymium magnet curbs widen — ${SOURCE}.pdf`,
    ];
    expect(report.files).toEqual(expectedNames.map((name) => join(folder, name)));
    expect(readdirSync(folder).sort()).toEqual([...expectedNames].sort());
    for (const name of expectedNames) expect(name).not.toMatch(/[/\\:*?"<>|\p{Cc}]/u);
    expect(report.articles).toBe(5);
    expect(report.missingImages).toEqual([
      { articleId: fixture.ids.magnets, title: STORIES.magnets.title, missing: 1 },
    ]);

    let pages = 0;
    for (const [index, name] of names.entries()) {
      const story = STORIES[name];
      const pdf = report.files[index] ?? '';
      const info = await pdfInfo(pdf);
      expect(info['Title']).toBe(story.title);
      expect(info['Subject']).toBe(`${SOURCE} — ${server.url(story.path)}`);
      expect(info['Author']).toBe(story.byline ?? undefined);
      expect(info['Tagged']).toBe('yes');
      expect((await qpdfCheck(pdf)).code).toBe(0);
      const text = await pdfText(pdf);
      expect(text).toContain(story.title);
      expect(text).toContain(`Original: ${server.url(story.path)}`);
      expect(text).not.toContain('Contents');
      expect(text).toMatch(new RegExp(`page 1 of ${info['Pages']}`));
      expect((await pdfOutline(pdf)).map((bookmark) => bookmark.title)).toEqual([story.title]);
      expect((await pdfImages(pdf)).length).toBeGreaterThanOrEqual(story.images.length);
      pages += Number(info['Pages']);
    }
    expect(report.pages).toBe(pages);
    expect(report.bytes).toBe(report.files.reduce((sum, pdf) => sum + statSync(pdf).size, 0));
    expect(workingFolders()).toEqual([]);
  });
});

describe('export:pdf, one PDF per article, into a folder that has files', () => {
  // A file of the same name already in the folder stays: the new PDF is numbered past it, as a brief refuses a
  // destination that exists.
  it('keeps a file that is already there', async () => {
    const folder = join(out, 'each-again');
    mkdirSync(folder);
    const mine = join(folder, `2025-09-03 Potash prices ease — ${SOURCE}.pdf`);
    writeFileSync(mine, 'my annotated copy');
    await attempt(library, 'export:pdf', {
      selection: { kind: 'ids', ids: [fixture.ids.potash] },
      perArticle: true,
      destination: folder,
    });
    expect(readFileSync(mine, 'utf8')).toBe('my annotated copy');
  });
});

describe('export:pdf of a topic and of a search', () => {
  it("prints a topic's articles newest first, on Letter paper, titled and filed under the topic", async () => {
    const topic = await call(library, 'topics:create', { name: 'Magnets and potash', query: 'magnets potash' });
    await library.topics.whenCurrent();
    const file = join(out, 'topic.pdf');
    const { report } = await exportPdf({
      selection: { kind: 'topic', topicId: topic.id },
      paper: 'letter',
      destination: file,
    });
    expect(report.articles).toBe(2);
    // Newest first: the magnets story (5 September) before potash (3 September), unlike the saved order.
    await expectBrief(file, ['magnets', 'potash'], {
      title: 'Magnets and potash',
      subject: 'Magnets and potash',
      paper: 'letter',
    });
  });

  it("prints a search's results in the search's order of relevance", async () => {
    const found = await call(library, 'search:query', { query: 'tariffs', sort: 'relevance' });
    const byId = new Map(Object.entries(fixture.ids).map(([name, id]) => [id, name as StoryName]));
    const order = found.items.map((hit) => byId.get(hit.article.id) ?? hit.article.id);
    // The title match first, though the gallium story is newer and saved earlier.
    expect(order).toEqual(['tariffs', 'gallium']);
    const file = join(out, 'search.pdf');
    const { report } = await exportPdf({ selection: { kind: 'search', query: 'tariffs' }, destination: file });
    expect(report.articles).toBe(2);
    await expectBrief(file, ['tariffs', 'gallium'], {
      title: 'Search: tariffs',
      subject: 'Search: tariffs',
      paper: 'A4',
    });
  });
});

describe('export:cancel', () => {
  it('stops an export at its first progress event: cancelled, and no file', async () => {
    const file = join(out, 'cancelled-early.pdf');
    const printsBefore = printer.prints;
    const cancels: Promise<unknown>[] = [];
    const { report, progress } = await exportPdf({ selection: { kind: 'saved' }, destination: file }, () => {
      if (cancels.length === 0) cancels.push(call(library, 'export:cancel', {}));
    });
    expect(await Promise.all(cancels)).toEqual([{ cancelled: true }]);
    expect(progress[0]).toMatchObject({ format: 'pdf', phase: 'composing', done: 0 });
    expect(report).toMatchObject({ cancelled: true, files: [], articles: 0, pages: null, bytes: 0 });
    expect(existsSync(file)).toBe(false);
    expect(printer.prints).toBe(printsBefore);
    expect(workingFolders()).toEqual([]);
  });

  it('stops an export while Chromium prints it; the printer prints the next one', async () => {
    const file = join(out, 'cancelled-printing.pdf');
    const { prints, failures } = printer;
    const cancels: Promise<unknown>[] = [];
    const { report } = await exportPdf({ selection: { kind: 'saved' }, destination: file }, (progress) => {
      if (progress.phase === 'printing' && cancels.length === 0) cancels.push(call(library, 'export:cancel', {}));
    });
    expect(await Promise.all(cancels)).toEqual([{ cancelled: true }]);
    expect(report.cancelled).toBe(true);
    // The first printing was under way and was stopped; the second never started.
    expect(printer.prints).toBe(prints + 1);
    expect(printer.failures).toBe(failures + 1);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(out).filter((name) => name.includes('cancelled'))).toEqual([]);
    expect(workingFolders()).toEqual([]);
    expect(await call(library, 'export:cancel', {})).toEqual({ cancelled: false });

    const next = join(out, 'after-cancel.pdf');
    const { report: after } = await exportPdf({
      selection: { kind: 'ids', ids: [fixture.ids.potash] },
      destination: next,
    });
    expect(after.cancelled).toBe(false);
    expect(await pdfText(next)).toContain(STORIES.potash.title);
  });
});

describe('export:pdf refuses what it cannot do, in words', () => {
  it('an unknown article, topic or empty search; a relative or existing destination', async () => {
    expectFailure(
      await attempt(library, 'export:pdf', { selection: { kind: 'ids', ids: ['no-such-article'] } }),
      'not-found',
      /^export:pdf: no article with id no-such-article$/,
    );
    expectFailure(
      await attempt(library, 'export:pdf', { selection: { kind: 'topic', topicId: 999 } }),
      'not-found',
      /no topic with id 999/,
    );
    expectFailure(
      await attempt(library, 'export:pdf', {
        selection: { kind: 'search', query: 'zirconium' },
        destination: join(out, 'nothing.pdf'),
      }),
      'bad-request',
      /no articles to export/,
    );
    expectFailure(
      await attempt(library, 'export:pdf', { selection: { kind: 'saved' }, destination: 'brief.pdf' }),
      'bad-request',
      /destination must be an absolute path, got brief\.pdf/,
    );
    const taken = join(out, 'taken.pdf');
    writeFileSync(taken, 'an earlier brief');
    expectFailure(
      await attempt(library, 'export:pdf', { selection: { kind: 'saved' }, destination: taken }),
      'conflict',
      new RegExp(`${escapeRegExp(taken)} already exists; choose another name \\(nothing is overwritten\\)`),
    );
    expect(readFileSync(taken, 'utf8')).toBe('an earlier brief');
    expect(existsSync(join(out, 'nothing.pdf'))).toBe(false);
  });

  it('an empty saved list', async () => {
    const empty = createTempDirectory('export-empty');
    const emptyLibrary = await openLibrary({
      dataDir: empty.path,
      printer: () => new ChromiumPrinter(CHROMIUM_PATH),
    });
    try {
      expectFailure(
        await attempt(emptyLibrary, 'export:pdf', {
          selection: { kind: 'saved' },
          destination: join(empty.path, 'brief.pdf'),
        }),
        'bad-request',
        /^export:pdf: no articles to export$/,
      );
      expect(existsSync(join(empty.path, 'brief.pdf'))).toBe(false);
    } finally {
      await emptyLibrary.close();
      empty.dispose();
    }
  });
});

describe('ChromiumPrinter', () => {
  it('serves the document and its resources only: anything else is refused and never reaches the network', async () => {
    const work = join(fixture.temp.path, 'printer');
    mkdirSync(work);
    const document = join(work, 'page.html');
    writeFileSync(
      document,
      `<!doctype html><html><head><link rel="stylesheet" href="print.css">
<link rel="stylesheet" href="${server.url('/style.css')}"></head>
<body><h1>Refusals</h1><img src="${server.url('/img/remote.png')}" alt=""><img src="images/unknown.png" alt=""></body></html>`,
    );
    const before = server.requests();
    const chromium = new ChromiumPrinter(CHROMIUM_PATH);
    try {
      const result = await chromium.print({
        document,
        resources: printResources(library.images),
        output: join(work, 'page.pdf'),
      });
      expect([...result.refused].sort()).toEqual([server.url('/img/remote.png'), server.url('/style.css')]);
      expect(await pdfText(join(work, 'page.pdf'))).toContain('Refusals');
    } finally {
      await chromium.close();
    }
    expect(server.requests()).toBe(before);
  });
});

describe('an image gone from disk', () => {
  // Last: it deletes a cached image the other tests print.
  it('prints as a placeholder and is listed in the report', async () => {
    await removeCachedImage(fixture, 'potash');
    const file = join(out, 'gone.pdf');
    const { report } = await exportPdf({ selection: { kind: 'ids', ids: [fixture.ids.potash] }, destination: file });
    expect(report.missingImages).toEqual([{ articleId: fixture.ids.potash, title: STORIES.potash.title, missing: 1 }]);
    const text = await pdfText(file);
    expect(text).toContain(STORIES.potash.title);
    expect(text).toContain(missingImageMessage('not-cached'));
    const [chart] = STORIES.potash.images;
    expect(
      (await pdfImages(file)).filter((found) => found.width === chart.width && found.height === chart.height),
    ).toEqual([]);
  });
});
