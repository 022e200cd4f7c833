import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { micromark } from 'micromark';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { articlesToMarkdown, articleToMarkdown, markdownImages } from '../../../electron/core/export/markdown.ts';
import { htmlToText } from '../../../electron/core/extract/htmlToText.ts';
import { escapeHtml } from '../../../electron/core/feeds/plainText.ts';
import { testdataDirectory } from '../../support/testdataDirectory.ts';
import { exportArticle, exportHighlight, exportNote, imageHash } from './exportArticle.ts';

const EXPORTED_AT = new Date('2026-11-28T10:00:00.000Z');

/** The YAML between the first two `---` lines, parsed by a real YAML reader. */
function frontMatterOf(markdown: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  if (match?.[1] === undefined) throw new Error(`no front matter in ${markdown.slice(0, 80)}`);
  return parseYaml(match[1]) as Record<string, unknown>;
}

/** Everything after the front matter. */
function bodyOf(markdown: string): string {
  return markdown.replace(/^---\n[\s\S]*?\n---\n\n/, '');
}

/** Markdown as a CommonMark reader renders it (raw HTML is not let through, as in most note apps). */
function render(markdown: string): string {
  return micromark(markdown);
}

function markdownOfBody(contentHtml: string): string {
  const markdown = articleToMarkdown(exportArticle({ contentHtml }), { exportedAt: EXPORTED_AT });
  const body = bodyOf(markdown);
  // Title and byline come first; the body starts after them.
  return body.split('\n\n').slice(2).join('\n\n').trimEnd();
}

describe('articleToMarkdown front matter', () => {
  it('writes title, source, author, url, dates, tags and language', () => {
    const article = exportArticle({
      canonicalUrl: 'https://example.com/canonical',
      categories: ['Rare earths', 'Trade'],
    });
    const markdown = articleToMarkdown(article, { topics: ['trade', 'China'], exportedAt: EXPORTED_AT });
    expect(frontMatterOf(markdown)).toEqual({
      title: 'Magnet export curbs widen',
      source: 'Example Wire',
      author: 'Jane Doe',
      url: 'https://example.com/canonical',
      published: '2025-09-07T06:30:00.000Z',
      fetched: '2025-09-08T10:00:00.000Z',
      saved: '2025-09-09T12:00:00.000Z',
      exported: '2026-11-28T10:00:00.000Z',
      tags: ['Rare earths', 'Trade', 'China'],
      language: 'en',
    });
  });

  it('leaves out what the article lacks', () => {
    const article = exportArticle({ author: null, publishedAt: null, savedAt: null, language: null, url: null });
    const fields = frontMatterOf(articleToMarkdown(article, { exportedAt: EXPORTED_AT }));
    expect(Object.keys(fields)).toEqual(['title', 'source', 'fetched', 'exported', 'tags']);
    expect(fields['tags']).toEqual([]);
  });

  it.each([
    'Gold: a primer',
    '- starts like a list',
    '# starts like a comment',
    '"Quoted" and \'single\'',
    'line one\nline two\r\nthree',
    'yes',
    'null',
    '123',
    '@at',
    '*star &anchor !tag [a] {b} | > % `tick`',
    'tab\there, backslash \\ and \u0000\u0007\u0085\u2028 controls',
    'key: value # comment',
    '---',
  ])('quotes a hostile title so YAML reads it back exactly: %j', (title) => {
    const fields = frontMatterOf(
      articleToMarkdown(exportArticle({ title, author: title }), { exportedAt: EXPORTED_AT }),
    );
    expect(fields['title']).toBe(title);
    expect(fields['author']).toBe(title);
  });

  it('reads back any title, source and tag exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 80 }),
        fc.string({ unit: 'binary', maxLength: 40 }),
        (text, tag) => {
          const article = exportArticle({ title: text, siteName: text, categories: [`x${tag}`] });
          const fields = frontMatterOf(articleToMarkdown(article, { exportedAt: EXPORTED_AT }));
          expect(fields['title']).toBe(text.toWellFormed());
          expect(fields['source']).toBe(text.toWellFormed());
          expect(fields['tags']).toEqual([`x${tag}`.trim().toWellFormed()]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('articleToMarkdown body', () => {
  it('converts structure: headings, paragraphs, emphasis, links, lists, quotes, code, rules', () => {
    const markdown = markdownOfBody(
      [
        '<h1>Section</h1><h3>Sub</h3>',
        '<p>Plain <em>em</em> <strong>strong</strong> <b>b</b> <i>i</i> <del>gone</del> and <code>x = `y`</code>.</p>',
        '<p>A <a href="https://example.com/a_(b)" title="T">link</a> and <a href="mailto:x@example.com">mail</a>.</p>',
        '<ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul>',
        '<ol start="3"><li>three</li><li><p>four</p><p>more</p></li></ol>',
        '<blockquote><p>Quoted</p><p>twice</p></blockquote>',
        '<pre><code>let a = 1;\n```\nlet b = 2;</code></pre>',
        '<hr><p>Line<br>break</p>',
      ].join(''),
    );
    expect(markdown).toBe(
      [
        '## Section',
        '#### Sub',
        'Plain *em* **strong** **b** *i* ~~gone~~ and `` x = `y` ``.',
        'A [link](https://example.com/a_\\(b\\) "T") and [mail](mailto:x@example.com).',
        '- one\n- two\n  - nested',
        '3. three\n\n4. four\n\n   more',
        '> Quoted\n>\n> twice',
        '````\nlet a = 1;\n```\nlet b = 2;\n````',
        '* * *',
        'Line\\\nbreak',
      ].join('\n\n'),
    );
    const html = render(markdown);
    expect(html).toContain('<h2>Section</h2>');
    expect(html).toContain('<em>em</em> <strong>strong</strong>');
    expect(html).toContain('<a href="https://example.com/a_(b)" title="T">link</a>');
    expect(html).toContain('<code>x = `y`</code>');
    expect(html).toContain('<ol start="3">');
    expect(html).toContain('<pre><code>let a = 1;\n```\nlet b = 2;\n</code></pre>');
    expect(html).toContain('<blockquote>\n<p>Quoted</p>\n<p>twice</p>\n</blockquote>');
    expect(html).toContain('<p>Line<br />\nbreak</p>');
  });

  it.each([
    ['neo<b>dym</b>ium', 'neo**dym**ium', 'neo<strong>dym</strong>ium'],
    ['<i>a</i><i>b</i> c', '*ab* c', '<em>ab</em> c'],
    ['<b>a</b><i>b</i>', '**a** *b*', '<strong>a</strong> <em>b</em>'],
    ['<b>Note <i>(this)</i></b> here', '__Note *(this)*__ here', '<strong>Note <em>(this)</em></strong> here'],
    ['<i><b>both</b></i>', '_**both**_', '<em><strong>both</strong></em>'],
    ['<i>A</i><sup><i>n</i></sup> is', '*An* is', '<em>An</em> is'],
    ['a <em> spaced </em> b', 'a *spaced* b', 'a <em>spaced</em> b'],
    [
      '<a href="https://x.example/"> see </a>next',
      '[see](https://x.example/) next',
      '<a href="https://x.example/">see</a> next',
    ],
  ])('keeps emphasis that meets other emphasis readable: %s', (html, markdown, rendered) => {
    expect(markdownOfBody(`<p>${html}</p>`)).toBe(markdown);
    expect(render(markdown)).toBe(`<p>${rendered}</p>`);
  });

  it('writes cached images as files under images/, figures with captions, and missing images as a note', () => {
    const cached = `offprint-image://${imageHash('a')}.png`;
    const markdown = markdownOfBody(
      `<figure><img src="${cached}" alt="Map [1] of *mines*"><figcaption>Mines, <em>2025</em> [source]</figcaption></figure>` +
        `<p><img data-offprint-missing="http-404" alt="Chart"> and <img src="https://tracker.example/pixel.png"></p>`,
    );
    expect(markdown).toBe(
      [
        `![Map \\[1\\] of \\*mines\\*](images/${imageHash('a')}.png)`,
        '*Mines, 2025 \\[source\\]*',
        '*Image not saved for offline reading (server said 404). Chart* and *Image not saved for offline reading (not downloaded yet).*',
      ].join('\n\n'),
    );
    expect(render(markdown)).toContain(`<img src="images/${imageHash('a')}.png" alt="Map [1] of *mines*" />`);
  });

  it('lists each cached image once across articles, for the caller to copy', () => {
    const image = (digit: string, extension: string) => `<img src="offprint-image://${imageHash(digit)}.${extension}">`;
    const articles = [
      exportArticle({ contentHtml: `${image('a', 'png')}${image('b', 'jpg')}${image('a', 'png')}` }),
      exportArticle({
        contentHtml: `${image('b', 'jpg')}${image('c', 'webp')}<img src="offprint-image://nothex.png">`,
      }),
    ];
    expect(markdownImages(articles)).toEqual([
      { hash: imageHash('a'), extension: 'png', path: `images/${imageHash('a')}.png` },
      { hash: imageHash('b'), extension: 'jpg', path: `images/${imageHash('b')}.jpg` },
      { hash: imageHash('c'), extension: 'webp', path: `images/${imageHash('c')}.webp` },
    ]);
  });

  it('writes tables in GitHub form, pipes in cells escaped', () => {
    const markdown = markdownOfBody(
      '<table><caption>Prices</caption><thead><tr><th>Metal</th><th>Price</th></tr></thead>' +
        '<tbody><tr><td>Gold | spot</td><td>1<br>2</td></tr><tr><td>Tin</td></tr></tbody></table>',
    );
    expect(markdown).toBe('*Prices*\n\n| Metal | Price |\n| --- | --- |\n| Gold \\| spot | 1 2 |\n| Tin |  |');
  });

  it('drops scripts and unsafe links, keeping the link text', () => {
    const markdown = markdownOfBody(
      '<p>Safe <a href="javascript:alert(1)">click</a><script>alert(2)</script><iframe src="https://x"></iframe>' +
        '<span onclick="alert(3)">text</span></p>',
    );
    expect(markdown).toBe('Safe clicktext');
  });

  it('shows hostile article text literally: no emphasis, links, HTML, headings or lists appear', () => {
    const hostile = [
      '*not emphasis* _nor this_ **bold** [link](https://evil.example) ![img](x.png)',
      '<script>alert(1)</script> `code` ~~strike~~ $math$ ==mark== %%comment%% #tag',
      '&amp; &#38; \\ backslash | pipe',
      '# not a heading',
      '- not a list',
      '+ nor this',
      '1. not numbered',
      '2025) neither',
      '> not a quote',
      '===',
      '<https://autolink.example>',
    ];
    const html =
      hostile.map((line) => `<p>${escapeHtml(line)}</p>`).join('') + `<p>${hostile.map(escapeHtml).join('<br>')}</p>`;
    const rendered = render(markdownOfBody(html));
    expect(rendered).not.toMatch(/<(em|strong|a|img|code|del|h\d|ul|ol|li|blockquote|script|hr)\b/);
    expect(htmlToText(rendered)).toBe(htmlToText(html));
  });

  it('renders any text back to itself (property)', () => {
    const alphabet = fc.constantFrom(...'*_[]()<>!#`~|$=%&;\\-+.)1 a\u00a0é中'.split(''), ' ', 'a', 'b');
    fc.assert(
      fc.property(fc.array(fc.string({ unit: alphabet, maxLength: 30 }), { minLength: 1, maxLength: 4 }), (lines) => {
        const html = `<p>${lines.map(escapeHtml).join('<br>')}</p>`;
        expect(htmlToText(render(markdownOfBody(html)))).toBe(htmlToText(html));
      }),
      { numRuns: 500 },
    );
  });

  it('falls back to the stored text, one paragraph a line', () => {
    const article = exportArticle({ contentHtml: null, text: 'First *line*\n\nSecond line\n' });
    expect(bodyOf(articleToMarkdown(article, { exportedAt: EXPORTED_AT }))).toContain(
      '\n\nFirst \\*line\\*\n\nSecond line\n',
    );
  });

  it('survives markup nested far deeper than the call stack', () => {
    const deep = `${'<div>'.repeat(5000)}<p>deep <em>text</em></p>${'</div>'.repeat(5000)}`;
    expect(markdownOfBody(deep)).toContain('deep');
  });

  it('keeps every word of real articles, in order (Mozilla Readability test pages)', () => {
    const pages = testdataDirectory('extraction', 'readability-pages', 'test-pages');
    const words = (text: string): string[] => text.match(/[\p{L}\p{N}]+/gu) ?? [];
    let checked = 0;
    for (const page of readdirSync(pages)) {
      // Images are left out: their placeholders add words (tested above), and their alt text runs into the next word.
      const expected = readFileSync(join(pages, page, 'expected.html'), 'utf8').replace(/<img\b[^>]*>/gi, '');
      const article = exportArticle({ contentHtml: expected, url: 'http://fakehost/test/page.html' });
      const markdown = articleToMarkdown(article, { exportedAt: EXPORTED_AT });
      const source = words(htmlToText(expected));
      const rendered = words(htmlToText(render(bodyOf(markdown))));
      // Every source word appears, in order (images add "image not saved" notes, lists their numbers).
      let at = 0;
      for (const word of rendered) if (word === source[at]) at += 1;
      expect(at, `${page}: stopped at word ${at} "${source[at] ?? ''}"`).toBe(source.length);
      checked += 1;
    }
    expect(checked).toBe(130);
  });
});

describe('articleToMarkdown highlights and notes', () => {
  it('quotes each highlight with its comment, marks lost ones, and keeps notes as written', () => {
    const article = exportArticle({
      highlights: [
        exportHighlight('widened controls', 8, { comment: 'Key *point*' }),
        exportHighlight('an old line\nacross two', 0, { status: 'lost' }),
      ],
      notes: [
        exportNote('**Follow up** with [the ministry](https://gov.example).'),
        exportNote('- a list\n- of things'),
      ],
    });
    const markdown = articleToMarkdown(article, { exportedAt: EXPORTED_AT });
    expect(
      markdown.endsWith(
        [
          '## Highlights',
          '> widened controls',
          'Key \\*point\\*',
          '> an old line\n> across two',
          '*(no longer in the article)*',
          '## Notes',
          '**Follow up** with [the ministry](https://gov.example).',
          '- a list\n- of things\n',
        ].join('\n\n'),
      ),
    ).toBe(true);
    const html = render(bodyOf(markdown));
    expect(html).toContain('<blockquote>\n<p>widened controls</p>\n</blockquote>\n<p>Key *point*</p>');
    expect(html).toContain('<strong>Follow up</strong>');
  });

  it('starts with the title and a byline of source, author, date and the original', () => {
    const markdown = articleToMarkdown(exportArticle({ categories: ['Trade'] }), { exportedAt: EXPORTED_AT });
    expect(bodyOf(markdown).split('\n\n').slice(0, 2)).toEqual([
      '# Magnet export curbs widen',
      '*Example Wire* · Jane Doe · 7 September 2025 · [Original article](https://example.com/news/magnets)\\\nTags: Trade',
    ]);
  });
});

describe('articlesToMarkdown', () => {
  it('writes one document: front matter, the title, then each article a level down between rules', () => {
    const first = exportArticle({
      contentHtml: '<h1>Inside</h1><p>One.</p>',
      highlights: [exportHighlight('One.', 0)],
    });
    const second = exportArticle({ id: 'a2', title: 'Second story', contentHtml: '<p>Two.</p>' });
    const markdown = articlesToMarkdown([first, second], {
      title: 'Brief: magnets',
      topics: new Map([['a2', ['China']]]),
      exportedAt: EXPORTED_AT,
    });
    expect(frontMatterOf(markdown)).toEqual({ title: 'Brief: magnets', exported: '2026-11-28T10:00:00.000Z' });
    const body = bodyOf(markdown);
    expect(body.startsWith('# Brief: magnets\n\n## Magnet export curbs widen\n\n')).toBe(true);
    expect(body).toContain('### Inside\n\nOne.\n\n### Highlights\n\n> One.\n\n---\n\n## Second story\n\n');
    expect(body).toContain('Tags: China\n\nTwo.\n');
    expect(render(body).match(/<hr \/>/g)).toHaveLength(1);
  });
});
