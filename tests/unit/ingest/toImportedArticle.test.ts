import { describe, expect, it } from 'vitest';
import { toImportedArticle } from '../../../electron/core/ingest/importArticles.ts';
import { toNewArticle } from '../../../electron/core/ingest/toNewArticle.ts';
import type { ParsedItem } from '../../../electron/core/feeds/ParsedFeed.ts';

describe('toImportedArticle', () => {
  it('keeps wire-style paragraphs (newline + indent) and unwraps hard line breaks', () => {
    const result = toImportedArticle({
      id: 7,
      title: 'BAHIA <TCB> COCOA REVIEW',
      body: 'Showers continued throughout the week in\nthe Bahia cocoa zone.\n    The final figure\nis not yet known.\n\nA third paragraph.',
      source: 'Reuters',
    });
    if (typeof result === 'string') throw new Error(result);
    expect(result.article.title).toBe('BAHIA <TCB> COCOA REVIEW');
    expect(result.article.contentHtml).toBe(
      '<p>Showers continued throughout the week in the Bahia cocoa zone.</p>\n<p>The final figure is not yet known.</p>\n<p>A third paragraph.</p>',
    );
    expect(result.article.text).toBe(
      'Showers continued throughout the week in the Bahia cocoa zone.\nThe final figure is not yet known.\nA third paragraph.',
    );
    expect(result.article.guid).toBe('7');
  });

  it('sanitizes imported HTML like feed HTML', () => {
    const result = toImportedArticle({ title: 't', html: '<p onmouseover="x()">ok<script>bad()</script></p>' });
    if (typeof result === 'string') throw new Error(result);
    expect(result.article.contentHtml).toBe('<p>ok</p>');
  });

  it.each([
    [[], 'expected a JSON object'],
    [{ url: 'https://x.test' }, 'needs a title, body or html'],
    [{ title: 't', url: 'javascript:alert(1)' }, 'url "javascript:alert(1)" is not http(s)'],
    [{ title: 't', date: 12 }, 'date 12 is not a date'],
  ])('rejects %j: %s', (record, reason) => {
    expect(toImportedArticle(record)).toBe(reason);
  });
});

describe('toNewArticle', () => {
  const item: ParsedItem = {
    guid: 'g',
    url: 'https://wire.test/a',
    title: null,
    author: null,
    publishedAt: null,
    updatedAt: null,
    summaryHtml: '<p>First line of the story.</p><p>Second <a href="/more">line</a>.</p>',
    contentHtml: null,
    categories: [' metals ', 'metals', ''],
    enclosures: [],
    imageUrl: null,
    language: null,
  };

  it('derives body, summary and a title from a description-only item, with links resolved', () => {
    const article = toNewArticle(item, 'https://wire.test/feed.xml');
    expect(article.contentHtml).toBe(
      '<p>First line of the story.</p><p>Second <a href="https://wire.test/more" rel="noopener noreferrer" target="_blank">line</a>.</p>',
    );
    expect(article.text).toBe('First line of the story.\nSecond line.');
    expect(article.summary).toBe('First line of the story. Second line.');
    expect(article.title).toBe('First line of the story.');
    expect(article.categories).toEqual(['metals']);
  });

  it('uses content for the body and the description for the summary when both exist', () => {
    const article = toNewArticle(
      { ...item, title: 'T', contentHtml: '<p>Full body.</p>' },
      'https://wire.test/feed.xml',
    );
    expect(article.text).toBe('Full body.');
    expect(article.summary).toBe('First line of the story. Second line.');
  });
});
