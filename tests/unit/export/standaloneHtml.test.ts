import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DomUtils, parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  articlesToStandaloneHtml,
  STANDALONE_CSP,
  type ReadImage,
} from '../../../electron/core/export/standaloneHtml.ts';
import type { Article } from '../../../electron/shared/model.ts';
import { launchChromium, type LaunchedChromium } from '../../support/launchChromium.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import { exportArticle, exportHighlight, exportNote, imageHash } from './exportArticle.ts';

const EXPORTED_AT = new Date('2026-11-28T10:00:00.000Z');
/** A real 1×1 PNG, so a browser can decode the inlined image. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** An image store holding `images` (hash → type), counting reads. */
function imageStore(images: Readonly<Record<string, string>>): { read: ReadImage; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read: (hash) => {
      reads.push(hash);
      const type = images[hash];
      return Promise.resolve(type === undefined ? null : { bytes: new Uint8Array(PNG), type });
    },
  };
}

async function exportHtml(articles: readonly Article[], read: ReadImage = imageStore({}).read): Promise<string> {
  return (
    await articlesToStandaloneHtml(articles, { title: 'Magnets brief', readImage: read, exportedAt: EXPORTED_AT })
  ).html;
}

type Element = ReturnType<typeof DomUtils.findAll>[number];

/** Whether `node` is an element named `name` (a parent may be the document). */
function isTagNamed(node: Element['parent'], name: string): boolean {
  return node !== null && DomUtils.isTag(node) && node.name === name;
}

function elements(html: string): Element[] {
  return DomUtils.findAll(() => true, parseDocument(html).children);
}

const cached = (digit: string, extension = 'png') => `offprint-image://${imageHash(digit)}.${extension}`;

const HOSTILE_BODY = [
  '<h1>Inside heading</h1>',
  '<p>Copper <em>prices</em> rose sharply.</p>',
  `<figure><img src="${cached('a')}" alt="Map of mines"><figcaption>Mines in 2025</figcaption></figure>`,
  `<p><img src="${cached('a')}" alt="again"><img src="${cached('b', 'jpg')}" alt="gone from disk"></p>`,
  '<p><img data-offprint-missing="http-404" alt="never saved"><img src="https://tracker.example/pixel.gif"></p>',
  '<p><a href="https://example.com/source">a source</a> <a href="javascript:alert(1)">js</a></p>',
  '<script>alert(1)</script><img src=x onerror="alert(2)"><svg onload="alert(3)"></svg>',
  '<iframe src="https://evil.example/"></iframe><style>body{background:url(https://evil.example/bg.png)}</style>',
  '<p style="background:url(https://evil.example/p.png)" onclick="alert(4)">styled</p>',
  '<link rel="stylesheet" href="https://evil.example/x.css"><object data="https://evil.example/x.swf"></object>',
].join('');

function hostileArticle(): Article {
  return exportArticle({
    title: 'Curbs </title><script>alert(5)</script> widen',
    author: 'Jane <b>Doe</b>',
    canonicalUrl: 'https://example.com/canonical',
    language: 'en" onload="alert(6)',
    contentHtml: HOSTILE_BODY,
    text: 'Inside heading\nCopper prices rose sharply.\nMines in 2025\na source js\nstyled',
    highlights: [
      exportHighlight('prices rose', 22, { comment: 'Why <now>?', color: 'green' }),
      exportHighlight('a passage since edited away', 0, { status: 'lost' }),
    ],
    notes: [exportNote('<script>alert(7)</script> **Follow up** & check')],
  });
}

describe('articlesToStandaloneHtml', () => {
  it('opens with a charset and a strict Content-Security-Policy before anything else', async () => {
    const html = await exportHtml([exportArticle()]);
    expect(html.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    expect(STANDALONE_CSP).toBe("default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    const head = elements(html).filter((element) => isTagNamed(element.parent, 'head'));
    expect(head.map((element) => DomUtils.getName(element)).slice(0, 2)).toEqual(['meta', 'meta']);
    expect(head[1]?.attribs).toEqual({ 'http-equiv': 'Content-Security-Policy', content: STANDALONE_CSP });
  });

  it('has no way to reach the network: no scripts, frames, styles from elsewhere, only data: images and plain links', async () => {
    const html = await exportHtml([hostileArticle()], imageStore({ [imageHash('a')]: 'image/png' }).read);
    const all = elements(html);
    const names = new Set(all.map((element) => DomUtils.getName(element)));
    for (const name of [
      'script',
      'iframe',
      'link',
      'object',
      'embed',
      'svg',
      'base',
      'form',
      'video',
      'audio',
      'source',
    ]) {
      expect(names.has(name), name).toBe(false);
    }
    for (const element of all) {
      const name = DomUtils.getName(element);
      for (const [attribute, value] of Object.entries(element.attribs)) {
        expect(attribute, `${name} ${attribute}`).not.toMatch(
          /^(on|style$|srcset$|background$|poster$|action$|formaction$)/,
        );
        if (attribute === 'src') {
          expect(name).toBe('img');
          expect(value).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
        }
        if (attribute === 'href') {
          expect(name).toBe('a');
          expect(value).toMatch(/^(https?:\/\/|mailto:|#article-\d+$)/);
        }
      }
    }
    const styles = all.filter((element) => DomUtils.getName(element) === 'style');
    expect(styles).toHaveLength(1);
    expect(DomUtils.textContent(styles)).not.toMatch(/url\(|@import|@font-face/i);
    expect(DomUtils.textContent(all.filter((element) => DomUtils.getName(element) === 'title'))).toBe('Magnets brief');
  });

  it('inlines each cached image once as a data: URI of its own type, and says so where one is missing', async () => {
    const store = imageStore({
      [imageHash('a')]: 'image/png; charset=binary',
      [imageHash('c')]: 'text/html"><script>',
    });
    const article = exportArticle({
      contentHtml: `${HOSTILE_BODY}<p><img src="${cached('c', 'webp')}" alt="typed by its name"></p>`,
    });
    const html = await exportHtml([article, article], store.read);
    expect(store.reads).toEqual([imageHash('a'), imageHash('b'), imageHash('c')]);
    const sources = elements(html)
      .filter((element) => DomUtils.getName(element) === 'img')
      .map((element) => element.attribs['src'] ?? '');
    const png = `data:image/png;base64,${PNG.toString('base64')}`;
    // The hostile type is not trusted: the file's extension names it.
    const webp = `data:image/webp;base64,${PNG.toString('base64')}`;
    expect(sources).toEqual([png, png, webp, png, png, webp]);
    const placeholders = elements(html)
      .filter((element) => element.attribs['class'] === 'missing-image')
      .map((element) => DomUtils.textContent(element));
    expect(placeholders.slice(0, 3)).toEqual([
      'Image not saved for offline reading (not downloaded yet). gone from disk',
      'Image not saved for offline reading (server said 404). never saved',
      'Image not saved for offline reading (not downloaded yet).',
    ]);
  });

  it('shows the article’s facts, its body with headings under its title, highlights marked, and notes as text', async () => {
    const html = await exportHtml([hostileArticle()]);
    const document = parseDocument(html);
    const article = DomUtils.findOne((element) => element.name === 'article', document.children);
    if (article === null) throw new Error('no article');
    expect(article.attribs).toEqual({ id: 'article-1' });
    const text = (selector: (element: Element) => boolean) =>
      DomUtils.findAll(selector, [article]).map((element) => DomUtils.textContent(element).trim());
    expect(text((element) => element.name === 'h2')).toEqual(['Curbs </title><script>alert(5)</script> widen']);
    expect(text((element) => element.attribs['class'] === 'article-meta')).toEqual([
      'Example Wire · Jane <b>Doe</b> · published 7 September 2025 · saved to Offprint 8 September 2025',
    ]);
    expect(text((element) => element.attribs['class'] === 'article-link')).toEqual(['https://example.com/canonical']);
    expect(text((element) => element.name === 'h3')).toEqual(['Inside heading', 'Highlights', 'Notes']);
    expect(text((element) => element.name === 'mark')).toEqual(['prices', 'rose']);
    expect(DomUtils.findAll((element) => element.name === 'mark', [article])[0]?.attribs['class']).toBe(
      'offprint-highlight highlight-green',
    );
    expect(text((element) => element.attribs['class'] === 'comment')).toEqual(['Why <now>?']);
    expect(text((element) => element.attribs['class'] === 'lost')).toEqual(['No longer in the article.']);
    expect(text((element) => element.attribs['class'] === 'note')).toEqual([
      '<script>alert(7)</script> **Follow up** & check',
    ]);
    expect(text((element) => element.name === 'figcaption')).toEqual(['Mines in 2025']);
  });

  it('lists the articles when there are several, and falls back to the stored text', async () => {
    const second = exportArticle({ id: 'a2', title: 'Second', contentHtml: null, text: 'Line one\nLine <two>' });
    const html = await exportHtml([exportArticle(), second]);
    const document = parseDocument(html);
    const links = DomUtils.findAll(
      (element) => element.name === 'a' && isTagNamed(element.parent, 'li'),
      document.children,
    );
    expect(links.map((link) => [link.attribs['href'], DomUtils.textContent(link)])).toEqual([
      ['#article-1', 'Magnet export curbs widen'],
      ['#article-2', 'Second'],
    ]);
    const secondArticle = DomUtils.findAll((element) => element.attribs['id'] === 'article-2', document.children);
    const paragraphs = DomUtils.findAll((element) => element.name === 'p', secondArticle).map((element) =>
      DomUtils.textContent(element),
    );
    expect(paragraphs).toContain('Line one');
    expect(paragraphs).toContain('Line <two>');
    expect(html).toContain('Exported 28 November 2026 · 2 articles');
  });
});

describe('articlesToStandaloneHtml in Chromium', () => {
  let chromium: LaunchedChromium;
  let folder: { path: string; dispose: () => void };

  beforeAll(async () => {
    chromium = await launchChromium();
    folder = createTempDirectory('standalone-html');
  });

  afterAll(async () => {
    await chromium.close();
    folder.dispose();
  });

  it('opens offline with its images decoded, its highlights shown, and no request but the file itself', async () => {
    const html = await exportHtml([hostileArticle()], imageStore({ [imageHash('a')]: 'image/png' }).read);
    const file = join(folder.path, 'brief.html');
    await writeFile(file, html);
    const requests: string[] = [];
    chromium.context.on('request', (request) => requests.push(request.url()));
    const violations: string[] = [];
    chromium.page.on('console', (message) => {
      if (/Content Security Policy|Refused/i.test(message.text())) violations.push(message.text());
    });
    await chromium.page.goto(pathToFileURL(file).href);
    const state = await chromium.page.evaluate(() => ({
      images: Array.from(document.images, (image) => [image.complete, image.naturalWidth]),
      marks: Array.from(document.querySelectorAll('mark'), (mark) => getComputedStyle(mark).backgroundColor),
      font: getComputedStyle(document.body).fontFamily,
    }));
    expect(state.images).toEqual([
      [true, 1],
      [true, 1],
    ]);
    expect(state.marks).toEqual(['rgb(187, 247, 208)', 'rgb(187, 247, 208)']);
    expect(state.font).toMatch(/serif/);
    expect(requests.filter((url) => !url.startsWith('data:') && url !== pathToFileURL(file).href)).toEqual([]);
    expect(violations).toEqual([]);
  });
});
