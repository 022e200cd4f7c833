import { describe, expect, it } from 'vitest';
import { parsePage } from '../../../../electron/core/extract/article/parsePage.ts';
import { findArticleObjects, readJsonLd } from '../../../../electron/core/extract/article/readJsonLd.ts';
import { readPageMetadata } from '../../../../electron/core/extract/article/readPageMetadata.ts';

const URL = 'https://news.example/world/story.html';

function metadataOf(head: string, body = '<p>x</p>', htmlAttributes = ''): ReturnType<typeof readPageMetadata> {
  const { document, baseUrl } = parsePage(
    `<html ${htmlAttributes}><head>${head}</head><body>${body}</body></html>`,
    URL,
  );
  return readPageMetadata(document, findArticleObjects(readJsonLd(document)), baseUrl);
}

describe('readPageMetadata', () => {
  it('takes the published date from JSON-LD first, then article:published_time', () => {
    const jsonLd =
      '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2026-01-02T03:04:05+02:00"}</script>';
    const meta = '<meta property="article:published_time" content="2025-12-31T00:00:00Z">';
    expect(metadataOf(jsonLd + meta).publishedAt).toBe('2026-01-02T01:04:05.000Z');
    expect(metadataOf(meta).publishedAt).toBe('2025-12-31T00:00:00.000Z');
  });

  it('reads RFC 822 dates and skips values it cannot read', () => {
    const head = '<meta name="pubdate" content="soon"><meta name="date" content="Tue, 18 Nov 2025 10:00:00 GMT">';
    expect(metadataOf(head).publishedAt).toBe('2025-11-18T10:00:00.000Z');
  });

  it('falls back to microdata and then to <time datetime>', () => {
    expect(metadataOf('', '<span itemprop="datePublished" content="2024-02-29">Feb 29</span>').publishedAt).toBe(
      '2024-02-29T00:00:00.000Z',
    );
    expect(metadataOf('', '<article><time datetime="2024-03-01T12:00Z">1 March</time></article>').publishedAt).toBe(
      '2024-03-01T12:00:00.000Z',
    );
  });

  it('joins JSON-LD authors and ignores author values that are URLs', () => {
    const authors =
      '<script type="application/ld+json">{"@type":"Article","author":[{"@type":"Person","name":"A. Writer"},{"name":"B. Editor"},{"name":"A. Writer"}]}</script>';
    expect(metadataOf(authors).byline).toBe('A. Writer, B. Editor');
    expect(metadataOf('<meta name="author" content="https://news.example/staff/1">').byline).toBeNull();
    expect(metadataOf('<meta property="article:author" content="C. Reporter">').byline).toBe('C. Reporter');
  });

  it('resolves the lead image and ignores non-http ones', () => {
    expect(metadataOf('<meta property="og:image" content="../img/lead.jpg">').leadImageUrl).toBe(
      'https://news.example/img/lead.jpg',
    );
    expect(metadataOf('<meta property="og:image" content="data:image/png;base64,AAAA">').leadImageUrl).toBeNull();
    const imageObject =
      '<script type="application/ld+json">{"@type":"Article","image":{"@type":"ImageObject","url":"/i.png"}}</script>';
    expect(metadataOf(imageObject).leadImageUrl).toBe('https://news.example/i.png');
  });

  it('reads the language from <html lang>, then content-language, then og:locale', () => {
    expect(metadataOf('', '<p>x</p>', 'lang="fr-CA"').language).toBe('fr-CA');
    expect(metadataOf('<meta http-equiv="content-language" content="de, en">').language).toBe('de');
    expect(metadataOf('<meta property="og:locale" content="es_MX">').language).toBe('es-MX');
    expect(metadataOf('', '<p>x</p>', 'lang="not a tag"').language).toBeNull();
  });
});
