import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Library } from '../../../electron/core/Library.ts';
import type { CitationFormat, ExportProgress } from '../../../electron/shared/model.ts';
import { missingImageMessage } from '../../../electron/shared/missingImageMessage.ts';
import { attempt, call } from '../../support/callHandlers.ts';
import { expectFailure } from '../../support/expectFailure.ts';
import type { FixtureServer } from '../../support/startFixtureServer.ts';
import { pngImage } from '../../unit/extract/images/imageFixtures.ts';
import {
  SOURCE,
  STORIES,
  exportLibraryFixture,
  removeCachedImage,
  type ExportLibraryFixture,
  type StoryName,
} from './exportLibrary.ts';

/*
 * HTML, Markdown and citation exports through the contract, over the same
 * clipped, saved and annotated library as the PDF tests (no printer needed).
 * What the formatters write in detail is their unit tests' business; here:
 * the calls, the files they leave, the images that go with them, the
 * reports, and that no export asks the network for anything.
 */

let fixture: ExportLibraryFixture;
let library: Library;
let server: FixtureServer;
let out: string;

beforeAll(async () => {
  fixture = await exportLibraryFixture('export-formats');
  ({ library, server } = fixture);
  out = join(fixture.temp.path, 'out');
  mkdirSync(out);
}, 60_000);

afterAll(async () => {
  await fixture.close();
});

/** The bytes the fixture server sent for each cached picture of these stories. */
function servedImages(names: readonly StoryName[]): Buffer[] {
  return names.flatMap((name) =>
    STORIES[name].images.map((image) => pngImage({ width: image.width, height: image.height, color: image.color })),
  );
}

function progressOf(run: () => Promise<unknown>): Promise<ExportProgress[]> {
  const seen: ExportProgress[] = [];
  const stop = library.events.subscribe((name, payload) => {
    if (name === 'export:progress') seen.push(payload as ExportProgress);
  });
  return run().then(
    () => {
      stop();
      return seen;
    },
    (error: unknown) => {
      stop();
      throw error;
    },
  );
}

describe('export:html', () => {
  it('writes one self-contained file: images inlined, a strict CSP, nothing to fetch', async () => {
    const folder = join(out, 'html');
    const file = join(folder, 'reading.html');
    const before = server.requests();
    let report: Awaited<ReturnType<typeof call<'export:html'>>> | undefined;
    const progress = await progressOf(async () => {
      report = await call(library, 'export:html', {
        selection: { kind: 'saved' },
        title: 'Minerals reading',
        destination: file,
      });
    });
    expect(server.requests()).toBe(before);
    expect(report).toMatchObject({
      format: 'html',
      files: [file],
      articles: fixture.savedOrder.length,
      pages: null,
      bytes: statSync(file).size,
      cancelled: false,
      missingImages: [{ articleId: fixture.ids.magnets, title: STORIES.magnets.title, missing: 1 }],
    });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((event) => event.format === 'html')).toBe(true);
    // One file: no images folder, no stylesheet beside it.
    expect(readdirSync(folder)).toEqual(['reading.html']);

    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:;[^"]*">/,
    );
    expect(html).toContain('<title>Minerals reading</title>');
    // Every image is a data: URI holding the bytes the server sent; nothing on the page loads from anywhere.
    const sources = [...html.matchAll(/<img\b[^>]*\ssrc="([^"]*)"/g)].map((match) => match[1] ?? '');
    expect(sources).toHaveLength(servedImages(fixture.savedOrder).length);
    const inlined = sources.map((source) => {
      expect(source).toMatch(/^data:image\/png;base64,/);
      return Buffer.from(source.slice(source.indexOf(',') + 1), 'base64');
    });
    for (const image of servedImages(fixture.savedOrder)) {
      expect(inlined.some((bytes) => bytes.equals(image))).toBe(true);
    }
    expect(html).not.toMatch(/\s(src|srcset|poster|data)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<(script|link|iframe|object|embed)\b/i);
    expect(html).not.toContain('offprint-image:');

    // The articles in the saved list's order, each with its link, the highlight, notes and the placeholder.
    const positions = fixture.savedOrder.map((name) => html.indexOf(`<h2>${STORIES[name].title}</h2>`));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((left, right) => left - right)).toEqual(positions);
    for (const name of fixture.savedOrder) {
      expect(html).toContain(`<a href="${server.url(STORIES[name].path)}">`);
    }
    expect(html).toContain(`<blockquote>${STORIES.gallium.highlight.quote}</blockquote>`);
    expect(html).toContain(STORIES.gallium.highlight.comment);
    expect(html).toMatch(/<mark\b[^>]*offprint-highlight/);
    for (const note of [...STORIES.gallium.notes, ...STORIES.potash.notes]) expect(html).toContain(note);
    // The reader and the PDF say why an image is missing in the same words.
    expect(html).toContain(`${missingImageMessage('http-404')} ${STORIES.magnets.missing.alt}`);
  });
});

describe('export:markdown', () => {
  it('writes a folder: one .md per article with front matter, and the images they reference', async () => {
    const folder = join(out, 'notes');
    const before = server.requests();
    const report = await call(library, 'export:markdown', { selection: { kind: 'saved' }, destination: folder });
    expect(server.requests()).toBe(before);

    const expectedNames: Record<StoryName, string> = {
      gallium: `2025-09-07 Gallium export licences tightened — ${SOURCE}.md`,
      galliumAgain: '',
      tariffs: `2025-09-04 Tariffs - what now A 50-50 call — ${SOURCE}.md`,
      potash: `2025-09-03 Potash prices ease — ${SOURCE}.md`,
      magnets: `2025-09-05 Neodymium magnet curbs widen — ${SOURCE}.md`,
    };
    expect(report).toMatchObject({
      format: 'markdown',
      files: fixture.savedOrder.map((name) => join(folder, expectedNames[name])),
      articles: fixture.savedOrder.length,
      pages: null,
      cancelled: false,
      missingImages: [{ articleId: fixture.ids.magnets, title: STORIES.magnets.title, missing: 1 }],
    });
    expect(readdirSync(folder).sort()).toEqual(
      [...fixture.savedOrder.map((name) => expectedNames[name]), 'images'].sort(),
    );
    expect(report.bytes).toBe(report.files.reduce((sum, file) => sum + statSync(file).size, 0));

    // The images folder holds exactly the pictures the files reference, byte for byte as served.
    const copied = readdirSync(join(folder, 'images'));
    expect(copied).toHaveLength(servedImages(fixture.savedOrder).length);
    for (const image of servedImages(fixture.savedOrder)) {
      expect(copied.some((name) => readFileSync(join(folder, 'images', name)).equals(image))).toBe(true);
    }
    const referenced = new Set<string>();
    for (const name of fixture.savedOrder) {
      const story = STORIES[name];
      const markdown = readFileSync(join(folder, expectedNames[name]), 'utf8');
      const front = /^---\n([\s\S]*?)\n---\n/.exec(markdown)?.[1];
      expect(parse(front ?? '')).toMatchObject({
        title: story.title,
        source: SOURCE,
        url: server.url(story.path),
        published: new Date(story.publishedAt).toISOString(),
      });
      expect(markdown).toContain(story.lead.slice(0, 40));
      const links = [...markdown.matchAll(/!\[[^\]]*\]\((images\/[0-9a-f]{64}\.png)\)/g)].map(
        (match) => match[1] ?? '',
      );
      expect(links).toHaveLength(story.images.length);
      for (const link of links) {
        expect(statSync(join(folder, link)).isFile()).toBe(true);
        referenced.add(link);
      }
      for (const note of story.notes) expect(markdown).toContain(note);
    }
    expect(referenced.size).toBe(copied.length);
    expect(readFileSync(join(folder, expectedNames.magnets), 'utf8')).toContain(STORIES.magnets.missing.alt);
    const gallium = readFileSync(join(folder, expectedNames.gallium), 'utf8');
    expect(gallium).toContain(`> ${STORIES.gallium.highlight.quote}`);
    expect(gallium).toContain(STORIES.gallium.highlight.comment);
  });
});

describe('export:citations', () => {
  const shapes: Record<CitationFormat, (text: string) => string[]> = {
    bibtex: (text) => [...text.matchAll(/^@online\{[^,]+,$/gm)].map((match) => match[0]),
    ris: (text) => [...text.matchAll(/^TY {2}- \w+$/gm)].map((match) => match[0]),
    'csl-json': (text) => (JSON.parse(text) as { title: string }[]).map((item) => item.title),
    text: (text) => text.split('\n').filter((line) => line.trim() !== ''),
  };

  for (const format of ['bibtex', 'ris', 'csl-json', 'text'] as const) {
    it(`${format}: returns the citations, and writes them to a file when asked`, async () => {
      const before = server.requests();
      const returned = await call(library, 'export:citations', { selection: { kind: 'saved' }, format });
      expect(returned).toMatchObject({ format, file: null, articles: fixture.savedOrder.length });
      expect(shapes[format](returned.text)).toHaveLength(fixture.savedOrder.length);
      for (const name of fixture.savedOrder) {
        expect(returned.text).toContain(server.url(STORIES[name].path));
      }

      const file = join(out, `citations.${format}`);
      const written = await call(library, 'export:citations', {
        selection: { kind: 'ids', ids: [fixture.ids.gallium, fixture.ids.potash] },
        format,
        destination: file,
      });
      expect(written).toMatchObject({ format, file, articles: 2 });
      expect(readFileSync(file, 'utf8')).toBe(written.text);
      expect(shapes[format](written.text)).toHaveLength(2);
      expect(server.requests()).toBe(before);
    });
  }

  it('refuses a destination that exists or is relative, leaving the file as it was', async () => {
    const taken = join(out, 'taken.bib');
    writeFileSync(taken, '% mine\n');
    expectFailure(
      await attempt(library, 'export:citations', {
        selection: { kind: 'saved' },
        format: 'bibtex',
        destination: taken,
      }),
      'conflict',
      /already exists/,
    );
    expect(readFileSync(taken, 'utf8')).toBe('% mine\n');
    expectFailure(
      await attempt(library, 'export:citations', {
        selection: { kind: 'saved' },
        format: 'ris',
        destination: 'out.ris',
      }),
      'bad-request',
      /absolute path, got out\.ris/,
    );
    expectFailure(
      await attempt(library, 'export:html', { selection: { kind: 'ids', ids: ['no-such-article'] } }),
      'not-found',
      /^export:html: no article with id no-such-article$/,
    );
  });
});

describe('an image gone from disk', () => {
  // Last: it deletes a cached image. Every format reports an image whose file is gone, not only the ones the
  // library never saved: a placeholder (HTML) or a link to a file that is not there (Markdown) is named.
  it('is listed in the HTML and the Markdown reports', async () => {
    await removeCachedImage(fixture, 'potash');
    const selection = { kind: 'ids' as const, ids: [fixture.ids.potash] };
    const html = await call(library, 'export:html', { selection, destination: join(out, 'gone.html') });
    const markdown = await call(library, 'export:markdown', { selection, destination: join(out, 'gone') });
    const missing = [{ articleId: fixture.ids.potash, title: STORIES.potash.title, missing: 1 }];
    expect(html.missingImages).toEqual(missing);
    expect(markdown.missingImages).toEqual(missing);
  });
});
