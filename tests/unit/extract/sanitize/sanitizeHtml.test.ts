import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../../../../electron/core/extract/sanitizeHtml.ts';

const BASE = 'https://news.test/world/story.html';
const HASH = 'a3f1'.repeat(16);
const LINK = 'rel="noopener noreferrer" target="_blank"';

describe('sanitizeHtml allow-list', () => {
  it('keeps text structure, lists, quotes, code, tables and figures', () => {
    const html = [
      '<h2>Heading</h2><p>A <strong>bold</strong> and <em>quiet</em> line<br>with <sub>2</sub><sup>3</sup>.</p>',
      '<ul><li>one</li></ul><ol start="3" reversed><li>three</li></ol><dl><dt>term</dt><dd>meaning</dd></dl>',
      '<blockquote><p>Quoted</p></blockquote><q>short</q><pre><code>let x = 1;</code></pre><kbd>Ctrl</kbd>',
      '<table><caption>Stocks</caption><thead><tr><th scope="col" colspan="2">Metal</th></tr></thead>',
      '<tbody><tr><td rowspan="2">Cu</td><td>4</td></tr></tbody></table>',
      '<figure><img src="https://news.test/chart.png" alt="Chart" width="600" height="400"><figcaption>Chart</figcaption></figure>',
      '<p><abbr title="London Metal Exchange">LME</abbr> <time datetime="2026-11-03">Tuesday</time> <mark>hi</mark></p>',
      '<p lang="fr" dir="ltr"><del>old</del><ins>new</ins><s>x</s><u>y</u><small>z</small></p><hr>',
    ].join('');
    // Only the void elements' spelling changes.
    expect(sanitizeHtml(html, BASE)).toBe(html.replace(/<(br|hr|img[^>]*)>/g, '<$1 />'));
  });

  it('drops styles, classes, ids, names, data and aria attributes', () => {
    expect(
      sanitizeHtml('<p style="color:red" class="lead" id="top" name="n" data-x="1" aria-hidden="true">Text</p>', BASE),
    ).toBe('<p>Text</p>');
  });

  it('unwraps unknown and presentational elements, keeping their text', () => {
    expect(
      sanitizeHtml('<font color=red><center>Centered</center></font><details><summary>S</summary>D</details>', BASE),
    ).toBe('CenteredSD');
  });

  it('drops code, styles, frames, objects, forms widgets, SVG and MathML with their content', () => {
    const html =
      '<p>Keep</p><script>x()</script><style>p{}</style><iframe>f</iframe><object>o</object><embed src="https://e.test/">' +
      '<svg><text>s</text></svg><math><mi>m</mi></math><noscript>n</noscript><textarea>t</textarea><select><option>o</option></select>' +
      '<button>b</button><template>t</template><title>t</title>';
    expect(sanitizeHtml(html, BASE)).toBe('<p>Keep</p>');
  });

  it('unwraps a form to its text but drops its inputs', () => {
    expect(sanitizeHtml('<form action="https://x.test/"><label>Name <input name="n"></label></form>', BASE)).toBe(
      'Name',
    );
  });
});

describe('sanitizeHtml links', () => {
  it('resolves relative links against the base and forces rel and target', () => {
    expect(
      sanitizeHtml('<a href="../markets/copper?x=1#t" target="_self" rel="opener" title="T">Copper</a>', BASE),
    ).toBe(`<a href="https://news.test/markets/copper?x=1#t" title="T" ${LINK}>Copper</a>`);
  });

  it('keeps http, https and mailto links, normalized as the browser would read them', () => {
    expect(sanitizeHtml('<a href="HTTP://News.Test/a b">a</a>', null)).toBe(
      `<a href="http://news.test/a%20b" ${LINK}>a</a>`,
    );
    expect(sanitizeHtml('<a href="mailto:desk@news.test">b</a>', null)).toBe(
      `<a href="mailto:desk@news.test" ${LINK}>b</a>`,
    );
    expect(sanitizeHtml('<a href="//cdn.news.test/x">c</a>', BASE)).toBe(
      `<a href="https://cdn.news.test/x" ${LINK}>c</a>`,
    );
  });

  it.each([
    'javascript:x()',
    'JAVASCRIPT:x()',
    ' \tjava\nscript:x()',
    'vbscript:x',
    'data:text/html,x',
    'ftp://files.test/a',
    'tel:+100',
    'file:///etc/passwd',
    'offprint-image://' + HASH + '.png',
  ])('unwraps a link to %j, keeping its text', (href) => {
    expect(sanitizeHtml(`<p>See <a href="${href}" title="t">the <b>source</b></a>.</p>`, BASE)).toBe(
      '<p>See the <b>source</b>.</p>',
    );
  });

  it('unwraps anchors without an href, and relative links when there is no base to resolve them', () => {
    expect(sanitizeHtml('<a name="x">Anchor</a> <a href="/relative">Rel</a> <a href="#frag">Frag</a>', null)).toBe(
      'Anchor Rel Frag',
    );
  });

  it('unwraps consecutive refused links without mislabelling the next link', () => {
    expect(sanitizeHtml('<p><a href="javascript:x">1</a> <a href="https://ok.test/">2</a> <a>3</a></p>', null)).toBe(
      `<p>1 <a href="https://ok.test/" ${LINK}>2</a> 3</p>`,
    );
  });
});

describe('sanitizeHtml images', () => {
  const cached = `offprint-image://${HASH}.webp`;

  it('keeps remote http(s) images resolved against the base, and drops the rest', () => {
    expect(sanitizeHtml('<img src="img/a.png" alt="A">', BASE)).toBe(
      '<img src="https://news.test/world/img/a.png" alt="A" />',
    );
    expect(sanitizeHtml('<img src="data:image/png;base64,AAAA"><img src="javascript:x"><img>', BASE)).toBe('');
    expect(sanitizeHtml(`<img src="${cached}">`, BASE)).toBe('');
    expect(sanitizeHtml('<img src="/relative.png">', null)).toBe('');
  });

  it('keeps srcset with absolute http(s) candidates for the image cache, and never under cached-only', () => {
    expect(
      sanitizeHtml('<img src="a.png" srcset="b.png 2x, javascript:x 3x, https://cdn.test/c,d.png 800w">', BASE),
    ).toBe(
      '<img src="https://news.test/world/a.png" srcset="https://news.test/world/b.png 2x, https://cdn.test/c,d.png 800w" />',
    );
    expect(sanitizeHtml('<img src="a.png" srcset="javascript:x 2x">', BASE)).toBe(
      '<img src="https://news.test/world/a.png" />',
    );
    expect(
      sanitizeHtml(`<img src="${cached}" srcset="https://n.test/b.png 2x">`, null, { images: 'cached-only' }),
    ).toBe(`<img src="${cached}" />`);
  });

  it("takes a lazy-loading page's real image from data-src when src is a placeholder", () => {
    expect(sanitizeHtml('<img src="data:image/gif;base64,R0lG" data-src="/real.jpg" alt="A">', BASE)).toBe(
      '<img src="https://news.test/real.jpg" alt="A" />',
    );
    expect(sanitizeHtml('<img data-srcset="/w.jpg 640w">', BASE)).toBe(
      '<img src="https://news.test/w.jpg" srcset="https://news.test/w.jpg 640w" />',
    );
  });

  it('keeps only cached image URLs under the cached-only policy', () => {
    expect(sanitizeHtml(`<img src="${cached}" alt="Cached">`, BASE, { images: 'cached-only' })).toBe(
      `<img src="${cached}" alt="Cached" />`,
    );
    // A remote image is never loaded from the reader: it becomes a placeholder without a source.
    expect(sanitizeHtml('<img src="https://news.test/a.png">', BASE, { images: 'cached-only' })).toBe(
      '<img data-offprint-missing="not-cached" />',
    );
  });

  it.each([
    `offprint-image://${HASH.toUpperCase()}.png`,
    `offprint-image://${HASH.slice(1)}.png`,
    `offprint-image://${HASH}.svg`,
    `offprint-image://${HASH}.jpeg`,
    `offprint-image://${HASH}.png?x=1`,
    `offprint-image://${HASH}/x.png`,
    ` offprint-image://${HASH}.png`,
    `OFFPRINT-IMAGE://${HASH}.png`,
  ])('refuses the near-miss cached URL %j, leaving a placeholder', (src) => {
    expect(sanitizeHtml(`<p>t<img src="${src}" alt="A"></p>`, BASE, { images: 'cached-only' })).toBe(
      '<p>t<img alt="A" data-offprint-missing="not-cached" /></p>',
    );
  });

  it("keeps the image cache's placeholders under the cached-only policy, with a short code as the reason", () => {
    expect(sanitizeHtml('<img data-offprint-missing="http-404" alt="Map">', null, { images: 'cached-only' })).toBe(
      '<img data-offprint-missing="http-404" alt="Map" />',
    );
    // A reason that is not a short code is replaced, never passed on.
    expect(
      sanitizeHtml('<img data-offprint-missing="javascript:alert(1)" src="https://x.test/a.png">', null, {
        images: 'cached-only',
      }),
    ).toBe('<img data-offprint-missing="not-cached" />');
    // Neither a source nor a reason: nothing to show, so nothing is kept.
    expect(sanitizeHtml('<p>t<img alt="empty"></p>', null, { images: 'cached-only' })).toBe('<p>t</p>');
    expect(sanitizeHtml('<p>t<img data-offprint-missing="" alt="x"></p>', null, { images: 'cached-only' })).toBe(
      '<p>t</p>',
    );
  });

  it('never takes a placeholder from the page under the remote policy', () => {
    expect(sanitizeHtml('<p>t<img data-offprint-missing="http-404"></p>', BASE)).toBe('<p>t</p>');
    expect(sanitizeHtml('<img data-offprint-missing="x" src="a.png">', BASE)).toBe(
      '<img src="https://news.test/world/a.png" />',
    );
  });

  it('accepts every cached image type', () => {
    for (const extension of ['png', 'jpg', 'gif', 'webp', 'avif']) {
      const src = `offprint-image://${HASH}.${extension}`;
      expect(sanitizeHtml(`<img src="${src}">`, null, { images: 'cached-only' })).toBe(`<img src="${src}" />`);
    }
  });
});

describe('sanitizeHtml signature', () => {
  it('keeps the two-argument call the ingest code makes', () => {
    expect(sanitizeHtml('<p onclick="x()">ok</p>', 'https://wire.test/feed.xml')).toBe('<p>ok</p>');
  });
});

describe('renderer allow-list', () => {
  it('accepts only absolute http(s)/mailto links and cached images', async () => {
    // Loaded by URL: the tests project does not compile the renderer, and this file is plain data and URL checks.
    const policyUrl = new URL('../../../../renderer/src/articleHtmlPolicy.ts', import.meta.url).href;
    const { ARTICLE_HTML_POLICY } = (await import(policyUrl)) as {
      ARTICLE_HTML_POLICY: {
        isAllowedLink(value: string): boolean;
        isAllowedImageSource(value: string): boolean;
      };
    };
    expect(ARTICLE_HTML_POLICY.isAllowedLink('https://news.test/')).toBe(true);
    expect(ARTICLE_HTML_POLICY.isAllowedLink('mailto:desk@news.test')).toBe(true);
    for (const href of ['java\tscript:x', ' JavaScript:x', 'data:text/html,x', '/relative', 'vbscript:x']) {
      expect(ARTICLE_HTML_POLICY.isAllowedLink(href)).toBe(false);
    }
    expect(ARTICLE_HTML_POLICY.isAllowedImageSource(`offprint-image://${HASH}.png`)).toBe(true);
    // The reader never loads a remote image: what is not cached is a placeholder.
    expect(ARTICLE_HTML_POLICY.isAllowedImageSource('https://news.test/a.png')).toBe(false);
    for (const src of ['data:image/png;base64,AA', `offprint-image://${HASH}.svg`, 'javascript:x', 'x.png']) {
      expect(ARTICLE_HTML_POLICY.isAllowedImageSource(src)).toBe(false);
    }
  });
});
