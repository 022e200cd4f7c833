import { describe, expect, it } from 'vitest';
import { findArticleImages } from '../../../../electron/core/extract/images/findArticleImages.ts';

const BASE = 'https://news.example/world/2025/story.html';

function spanText(html: string, span: { start: number; end: number }): string {
  return html.slice(span.start, span.end);
}

describe('findArticleImages', () => {
  it('finds each <img> with its exact source span and resolved candidates', () => {
    const html = '<p>One <IMG SRC="../img/a.png" Alt="A &amp; B"/> two</p><img src=b.jpg#frag>';
    const { images, end } = findArticleImages(html, BASE);
    expect(end).toBe(html.length);
    expect(images.map((image) => spanText(html, image.span))).toEqual([
      '<IMG SRC="../img/a.png" Alt="A &amp; B"/>',
      '<img src=b.jpg#frag>',
    ]);
    expect(images[0]?.attributes).toEqual({ src: '../img/a.png', alt: 'A & B' });
    expect(images[0]?.candidates).toEqual(['https://news.example/world/img/a.png']);
    expect(images[1]?.candidates).toEqual(['https://news.example/world/2025/b.jpg']);
  });

  it('lets the first of duplicate attributes win, as browsers do', () => {
    const { images } = findArticleImages('<img src="/first.png" src="/second.png">', BASE);
    expect(images[0]?.candidates).toEqual(['https://news.example/first.png']);
  });

  it('orders candidates: chosen srcset entry, lazy-loading sources, then src', () => {
    const html =
      '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/lazy.jpg" srcset="/s-800.jpg 800w, /s-1600.jpg 1600w" data-srcset="/d-1200.jpg 1200w">';
    const [image] = findArticleImages(html, BASE).images;
    expect(image?.candidates).toEqual(['https://news.example/s-1600.jpg', 'https://news.example/lazy.jpg']);
  });

  it('pools a <picture>: sources of allowed types, the <img> srcset and src; the sources are removed', () => {
    const html =
      '<picture><source type="image/svg+xml" srcset="/p.svg"><source type="image/webp" srcset="/p-1200.webp 1200w, /p-2000.webp 2000w" media="(min-width: 800px)"><source srcset="/p-600.jpg 600w"><img src="/p.jpg" alt="P"></picture>';
    const [image, ...rest] = findArticleImages(html, BASE).images;
    expect(rest).toEqual([]);
    expect(spanText(html, image?.span ?? { start: 0, end: 0 })).toBe('<img src="/p.jpg" alt="P">');
    expect(image?.removals.map((span) => spanText(html, span))).toEqual([
      '<source type="image/svg+xml" srcset="/p.svg">',
      '<source type="image/webp" srcset="/p-1200.webp 1200w, /p-2000.webp 2000w" media="(min-width: 800px)">',
      '<source srcset="/p-600.jpg 600w">',
    ]);
    expect(image?.candidates).toEqual(['https://news.example/p-1200.webp', 'https://news.example/p.jpg']);
  });

  it('uses the first <source> of a <picture> without <img> as the place for the image', () => {
    const html = '<picture><source srcset="/a.png 1x"><source srcset="/b.png 1x"></picture>';
    const [image] = findArticleImages(html, BASE).images;
    expect(spanText(html, image?.span ?? { start: 0, end: 0 })).toBe('<source srcset="/a.png 1x">');
    expect(image?.removals.map((span) => spanText(html, span))).toEqual(['<source srcset="/b.png 1x">']);
    expect(image?.attributes).toEqual({});
  });

  it('ignores images inside script, style, textarea and comments, and <source> outside <picture>', () => {
    const html =
      '<script>document.write("<img src=/s.png>")</script><style>/* <img src=/c.png> */</style><!-- <img src=/m.png> --><textarea><img src=/t.png></textarea><video><source src="/v.mp4"></video>';
    expect(findArticleImages(html, BASE).images).toEqual([]);
  });

  it('never offers data:, javascript: or blank sources', () => {
    const html = '<img src="javascript:alert(1)"><img src="  "><img src="data:image/png;base64,iVBORw0KGgo="><img>';
    expect(findArticleImages(html, BASE).images.map((image) => image.candidates)).toEqual([[], [], [], []]);
  });

  it('marks tracking pixels by size attribute and by beacon source', () => {
    const html = [
      '<img src="/a.png" width="1" height="1">',
      '<img src="/b.png" width="0">',
      '<img src="/c.png" height="1px">',
      '<img src="https://www.google-analytics.com/collect?v=1">',
      '<img src="/pixel?id=3">',
      '<img src="/d.png" width="400" height="300">',
      '<img src="/e.png" width="100%">',
    ].join('');
    expect(findArticleImages(html, BASE).images.map((image) => [image.tracking, image.sized])).toEqual([
      ['pixel-size', false],
      ['pixel-size', false],
      ['pixel-size', false],
      ['beacon', false],
      ['beacon', false],
      [null, true],
      [null, false],
    ]);
  });

  it('reports where an unterminated tag at the very end begins', () => {
    const html = '<p>Text</p><img src="https://tracker.example/x.png"';
    const scan = findArticleImages(html, BASE);
    expect(scan.images).toEqual([]);
    expect(html.slice(0, scan.end)).toBe('<p>Text</p>');
  });

  it.each(['', 'plain text', '<p>a</p>tail a < b', '<p>a</p><!-- open', '<p>a</p></div>\n', '<p>a</p><br/>'])(
    'keeps a well-formed end intact: %j',
    (html) => {
      expect(findArticleImages(html, BASE).end).toBe(html.length);
    },
  );
});
