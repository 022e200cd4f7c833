import { describe, expect, it } from 'vitest';
import { parsePage } from '../../../../electron/core/extract/article/parsePage.ts';
import { findArticleObjects, readJsonLd } from '../../../../electron/core/extract/article/readJsonLd.ts';

function objectsOf(...blocks: string[]): ReturnType<typeof readJsonLd> {
  const scripts = blocks.map((block) => `<script type="application/ld+json">${block}</script>`).join('');
  return readJsonLd(
    parsePage(`<html><head>${scripts}</head><body><p>x</p></body></html>`, 'https://a.example/').document,
  );
}

describe('readJsonLd', () => {
  it('flattens top-level arrays, @graph members and mainEntity', () => {
    const objects = objectsOf(
      '[{"@type":"Organization","name":"A"},{"@type":"BlogPosting","headline":"One"}]',
      '{"@context":"https://schema.org","@graph":[{"@type":"WebPage","mainEntity":{"@type":"NewsArticle","headline":"Two"}}]}',
    );
    expect(findArticleObjects(objects).map((object) => object['headline'])).toEqual(['One', 'Two']);
  });

  it('matches types given as arrays or full schema.org URLs', () => {
    const objects = objectsOf(
      '{"@type":["WebPage","ReportageNewsArticle"],"headline":"Three"}',
      '{"@type":"http://schema.org/Article","headline":"Four"}',
      '{"@type":"Recipe","headline":"Not an article"}',
    );
    expect(findArticleObjects(objects).map((object) => object['headline'])).toEqual(['Three', 'Four']);
  });

  it('reads blocks with raw newlines inside strings, CDATA wrappers and a trailing semicolon', () => {
    const objects = objectsOf(
      '{"@type":"NewsArticle","articleBody":"First line\nsecond line\tand a tab"}',
      '<![CDATA[{"@type":"Article","headline":"Five"}]]>',
      '{"@type":"Article","headline":"Six"};',
    );
    const articles = findArticleObjects(objects);
    expect(articles[0]?.['articleBody']).toBe('First line\nsecond line\tand a tab');
    expect(articles.map((object) => object['headline'])).toEqual([undefined, 'Five', 'Six']);
  });

  it('skips blocks that are not JSON at all', () => {
    expect(objectsOf('not json {', '', '{"@type":"Article","headline":"Seven"}')).toHaveLength(1);
  });
});
