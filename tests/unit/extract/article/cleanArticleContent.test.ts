import { describe, expect, it } from 'vitest';
import {
  cleanArticleContent,
  isBoilerplateText,
} from '../../../../electron/core/extract/article/cleanArticleContent.ts';
import type { MinimalElement } from '../../../../electron/core/extract/article/MinimalDocument.ts';
import { parsePage } from '../../../../electron/core/extract/article/parsePage.ts';

const PAGE = 'https://news.example/2026/11/story.html';
const PROSE =
  'The committee heard evidence from shipping lines, port operators and unions over three days, and its report recommends that the tolls be phased in over two years.';

/** Cleans `<div id="content">…</div>` and returns what is left of it. */
function clean(html: string, title: string | null = null): MinimalElement {
  const { document } = parsePage(`<html><body><div id="content">${html}</div></body></html>`, PAGE);
  const root = document.querySelector('#content');
  if (root === null) throw new Error('test: no #content');
  cleanArticleContent(root, { title, pageUrl: PAGE });
  return root;
}

/** The element's text with block boundaries as spaces. */
function text(element: MinimalElement): string {
  return element.innerHTML
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('cleanArticleContent', () => {
  it('removes blocks whose class or id names share bars, newsletters and related lists', () => {
    const root = clean(
      `<p>${PROSE}</p><div class="article-share-bar">Share Facebook Twitter</div><div id="newsletterSignup">Get our daily briefing</div><p class="mm_related">On Example.com: another story entirely</p><p>${PROSE}</p>`,
    );
    expect(text(root)).toBe(`${PROSE} ${PROSE}`);
  });

  it('does not read a heading slug id as a class ("sharing-with-a-single-developer")', () => {
    const root = clean(
      `<div id="sharing-with-a-single-developer"><h2>Sharing</h2><p>${PROSE}</p></div><p>${PROSE}</p>`,
    );
    expect(text(root)).toContain('Sharing');
  });

  it('keeps a container that holds most of the article whatever its class says', () => {
    const root = clean(`<div class="social-story"><p>${PROSE}</p><p>${PROSE}</p><p>${PROSE}</p></div><p>Short.</p>`);
    expect(text(root)).toContain(PROSE);
  });

  it('keeps images of caption blocks and drops their text', () => {
    const root = clean(
      `<p>${PROSE}</p><figure><img src="https://news.example/a.jpg"><p>Workers on the quay (Photo: Jane Roe/Getty Images)</p></figure><div class="image-wrap"><img src="https://news.example/b.jpg"> The old quay in 1950</div><p>${PROSE}</p>`,
    );
    expect(root.querySelectorAll('img')).toHaveLength(2);
    expect(text(root)).toBe(`${PROSE} ${PROSE}`);
  });

  it('removes link lists and the headings left without a section', () => {
    const root = clean(
      `<p>${PROSE}</p><h3>More stories</h3><ul><li><a href="/a">Story A about ports</a></li><li><a href="/b">Story B about tolls</a></li><li><a href="/c">Story C about ferries</a></li></ul>`,
    );
    expect(text(root)).toBe(PROSE);
  });

  it('keeps a one-item call to action and a list of prose items', () => {
    const root = clean(
      `<p>${PROSE}</p><ul><li><a href="https://shop.example/x">Get it on Amazon for $39.99</a></li></ul><ul><li>Berth four closes in January.</li><li>The channel is resurveyed in February.</li><li>Fees rise in March.</li></ul>`,
    );
    expect(root.querySelectorAll('li')).toHaveLength(4);
  });

  it('removes teaser lines that are a link and a date, but keeps linked sentences', () => {
    const root = clean(
      `<p>${PROSE}</p><p>${PROSE}</p><div><a href="/x">Rail link tender draws three bidders</a> <span>Nov 10, 2026</span></div><div><a href="/y">Zinc premiums climb</a> Nov 9</div><p><a href="https://gov.example/report">The council published its report on Monday.</a></p>`,
    );
    expect(text(root)).toBe(`${PROSE} ${PROSE} The council published its report on Monday.`);
  });

  it('removes teaser cards beside the main <article>', () => {
    const root = clean(
      `<article><p>${PROSE}</p><p>${PROSE}</p><p>${PROSE}</p></article><article><h2>Other story</h2><p>A teaser for another story.</p></article><article><h2>Third story</h2><p>Another teaser.</p></article>`,
    );
    expect(root.querySelectorAll('article')).toHaveLength(1);
    expect(text(root)).not.toContain('teaser');
  });

  it('keeps articles of similar size (a live blog)', () => {
    const root = clean(`<article><p>${PROSE}</p></article><article><p>${PROSE}</p></article>`);
    expect(root.querySelectorAll('article')).toHaveLength(2);
  });

  it('removes the headline, chrome elements and stereotyped lines', () => {
    const root = clean(
      `<header>Home › News</header><h1>Council delays tolls</h1><p>By Jane Roe</p><p>Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM</p><p>${PROSE}</p><aside>Most read</aside><p>Advertisement</p><p>Read more: Port fees rise again</p><p>${PROSE}</p><nav><a href="/">Home</a></nav>`,
      'Council delays tolls',
    );
    expect(text(root)).toBe(`${PROSE} ${PROSE}`);
  });
});

describe('isBoilerplateText', () => {
  it.each([
    'Related: From Big Bang to Present: Snapshots of Our Universe',
    'READ MORE: Hong Kong protests continue',
    "DON'T MISS",
    'You may also like...',
    'Photo: David Zalubowski, STF / Associated Press',
    '(Image credit: NASA/JPL)',
    'Natalie Naccache | Bloomberg | Getty Images',
    'Image 1 of 9',
    'By Justine Coleman - 11/18/19 11:04 PM EST',
    'By Mike Wuerthele and Malcolm Owen',
    'Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM',
    'Published 1 day ago',
    'segunda-feira, 22 de janeiro de 2018 às 0:13',
    'Sign up for our newsletter',
    'Advertisement',
    'Continue Reading Below',
    'Tags: ports, tolls, council',
  ])('flags %j', (line) => {
    expect(isBoilerplateText(line)).toBe(true);
  });

  it.each([
    'An Alibaba spokesperson declined to comment on the pricing to Reuters.',
    'By 2030 the port expects to handle twice as many containers as it does today.',
    'More than 2,500 civilians have been killed in the fighting so far this year.',
    'The vote was held on Monday, November 18.',
    'Keyboard',
    PROSE,
  ])('keeps %j', (line) => {
    expect(isBoilerplateText(line)).toBe(false);
  });
});
