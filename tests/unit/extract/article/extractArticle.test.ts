import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractionError } from '../../../../electron/core/extract/article/ExtractionError.ts';
import type { ExtractionErrorCode } from '../../../../electron/core/extract/article/ExtractionError.ts';
import { MAX_HTML_LENGTH, extractArticle } from '../../../../electron/core/extract/article/extractArticle.ts';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'extract');

function fixture(name: string): string {
  return readFileSync(join(fixtures, name), 'utf8');
}

function expectExtractionError(run: () => unknown, code: ExtractionErrorCode, url: string): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ExtractionError);
    if (!(error instanceof ExtractionError)) return;
    expect(error.code).toBe(code);
    expect(error.url).toBe(url);
    expect(error.message).toContain(url);
    return;
  }
  expect.fail(`expected an ExtractionError (${code})`);
}

/** Every href and src in a fragment. */
function urlsIn(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((match) => match[1] ?? '');
}

describe('extractArticle on a seed-shaped page', () => {
  const url = 'https://ledger.example/markets/2026/11/17/copper-shipments-resume';
  const article = extractArticle(fixture('seed-shaped.html'), url);

  it('keeps the six paragraphs of the article', () => {
    expect(article.text.split('\n')).toHaveLength(6);
    expect(article.text).toMatch(/^Loading crews at Harbour Point worked through the weekend/);
    expect(article.text).toMatch(/before they renew cover for the coming season\.$/);
    expect(article.method).toBe('readability');
  });

  it('drops the "Video Articles", "Recommended" and "Related News" lists and their headings', () => {
    expect(article.contentHtml).not.toMatch(/<li|<ul/);
    for (const heading of ['Video Articles', 'Recommended', 'Related News'])
      expect(article.text).not.toContain(heading);
    for (const teaser of ['Night shift at the quay', 'Zinc premiums climb', 'Port authority sets out']) {
      expect(article.text).not.toContain(teaser);
    }
    expect(article.text).not.toMatch(/Nov \d+, 2026/);
  });

  it('drops the headline and the dateline above the body (the reader shows both from metadata)', () => {
    expect(article.text).not.toContain('November 17, 2026');
    expect(article.contentHtml).not.toContain('<h1');
  });

  it('reads the metadata', () => {
    expect(article).toMatchObject({
      title: 'Copper shipments resume as Harbour Point clears its backlog',
      byline: 'Ines Valcourt',
      publishedAt: '2026-11-17T07:30:00.000Z',
      siteName: 'The Meridian Ledger',
      language: 'en',
      leadImageUrl: 'https://ledger.example/media/2026/11/harbour-point-cranes.jpg',
    });
    expect(article.excerpt).toMatch(/^Loading crews at Harbour Point/);
    expect(article.wordCount).toBeGreaterThan(280);
    expect(article.warnings).toEqual([]);
  });
});

describe('extractArticle on a page with relative links and images', () => {
  const url = 'https://harbour.example/newsroom/2026/q3-report.html';
  const article = extractArticle(fixture('relative-links.html'), url);

  it('resolves every link and image against the page’s relative <base href>', () => {
    expect(article.contentHtml).toContain('href="https://harbour.example/newsroom/reports/2026-q3.html"');
    expect(article.contentHtml).toContain('href="https://harbour.example/downloads/q3-tables.csv"');
    expect(article.contentHtml).toContain('href="https://harbour.example/archive/"');
    expect(article.contentHtml).toContain('href="https://cdn.harbour.example/guides/booking.pdf"');
    expect(article.contentHtml).toContain('src="https://harbour.example/newsroom/images/chart-calls.png"');
    expect(article.contentHtml).toContain('src="https://harbour.example/static/img/map-berths.jpg"');
    expect(article.leadImageUrl).toBe('https://harbour.example/newsroom/images/report-cover.png');
    for (const value of urlsIn(article.contentHtml)) expect(value).toMatch(/^(?:https:\/\/|mailto:)/);
  });

  it("keeps a figure's image and its figcaption, and drops javascript: links", () => {
    expect(article.contentHtml).toMatch(
      /<figure>\s*<img [^>]*alt="Vessel calls by month"[^>]*\/>\s*<figcaption>Vessel calls by month, third quarter<\/figcaption>/,
    );
    expect(article.contentHtml).not.toContain('javascript:');
    expect(article.text).toContain('Open the interactive map');
    expect(article.language).toBe('de');
  });
});

describe('extractArticle and JSON-LD articleBody', () => {
  it('uses the JSON-LD body when the page renders its article with scripts', () => {
    const article = extractArticle(fixture('json-ld-only.html'), 'https://energydesk.example/power/reserve-plan');
    expect(article.method).toBe('json-ld');
    expect(article.contentHtml.match(/<p>/g)).toHaveLength(5);
    expect(article.text).toMatch(/^The regional grid operator has approved a plan/);
    expect(article.warnings.join(' ')).toMatch(/JSON-LD body is used/);
    expect(article).toMatchObject({
      title: 'Grid operator approves winter reserve plan',
      byline: 'Tomas Brandt, Alma Reyes',
      publishedAt: '2026-11-20T06:45:00.000Z',
      siteName: 'Northfield Energy Desk',
      language: 'en-GB',
      leadImageUrl: 'https://energydesk.example/images/reserve-plan.jpg',
    });
  });

  it('drops what Readability took in beyond the JSON-LD body (reader comments)', () => {
    const article = extractArticle(fixture('over-included.html'), 'https://harbour.example/council/tolls');
    expect(article.method).toBe('readability+json-ld');
    expect(article.text.split('\n')).toHaveLength(4);
    expect(article.text).not.toMatch(/Ferryman42|Harbourwatcher|Net Mender/);
    expect(article.warnings.join(' ')).toMatch(/blocks not in it were dropped/);
    expect(article.byline).toBe('Priya Natarajan');
    expect(article.publishedAt).toBe('2026-11-12T00:00:00.000Z');
  });
});

describe('extractArticle metadata fallbacks', () => {
  const body = Array.from(
    { length: 6 },
    (_, index) =>
      `<p>Paragraph ${index + 1} of a plain article about tariffs on steel imports, long enough to be read as prose by the extractor, with a few more words to be sure.</p>`,
  ).join('');

  it('takes the date from <time datetime>, the byline from meta author and the language from og:locale', () => {
    const html = `<html><head><title>Steel tariffs</title><meta name="author" content="Dana Whitlock"><meta property="og:locale" content="pt_BR"></head><body><article><time datetime="2026-03-04T10:00:00-03:00">4 March</time>${body}</article></body></html>`;
    const article = extractArticle(html, 'https://example.org/steel');
    expect(article.publishedAt).toBe('2026-03-04T13:00:00.000Z');
    expect(article.byline).toBe('Dana Whitlock');
    expect(article.language).toBe('pt-BR');
  });

  it('prefers itemprop datePublished over <time>, and names the site from the JSON-LD publisher', () => {
    const html = `<html lang="en"><head><title>Steel tariffs</title><meta itemprop="datePublished" content="2026-05-06"><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Steel tariffs","author":"https://example.org/staff/9","publisher":{"@type":"Organization","name":"Example Wire"},"image":["/a.jpg","/b.jpg"]}</script></head><body><article><time datetime="2020-01-01">old</time>${body}</article></body></html>`;
    const article = extractArticle(html, 'https://example.org/news/steel');
    expect(article.publishedAt).toBe('2026-05-06T00:00:00.000Z');
    expect(article.siteName).toBe('Example Wire');
    expect(article.byline).toBeNull();
    expect(article.leadImageUrl).toBe('https://example.org/a.jpg');
  });

  it('returns null for what the page does not state', () => {
    const article = extractArticle(`<html><body><div>${body}</div></body></html>`, 'https://example.org/x');
    expect(article).toMatchObject({
      byline: null,
      publishedAt: null,
      siteName: null,
      language: null,
      leadImageUrl: null,
    });
  });
});

describe('extractArticle output is sanitized', () => {
  it('carries no scripts, styles, event handlers or javascript: URLs', () => {
    const paragraphs = Array.from(
      { length: 5 },
      (_, index) =>
        `<p onclick="steal()" style="color:red">Paragraph ${index + 1} describes the harbour budget in enough words to count as an article paragraph for the extractor.<script>alert(${index})</script></p>`,
    ).join('');
    const html = `<html><head><style>p{}</style></head><body><article>${paragraphs}<p><img src="/x.png" onerror="alert(1)"><a href="javascript:alert(1)" onmouseover="x()">link</a><iframe src="https://evil.example/"></iframe><style>.a{}</style></p></article></body></html>`;
    const article = extractArticle(html, 'https://example.org/budget');
    expect(article.contentHtml).not.toMatch(/<script|<style|<iframe|\son\w+=|javascript:|style=/i);
    expect(article.contentHtml).toContain('<img src="https://example.org/x.png"');
    expect(article.text).not.toContain('alert');
  });
});

describe('extractArticle errors', () => {
  const url = 'https://example.org/page';

  it('refuses empty and whitespace-only input as not-html', () => {
    expectExtractionError(() => extractArticle('', url), 'not-html', url);
    expectExtractionError(() => extractArticle(' \n\t ', url), 'not-html', url);
  });

  it('refuses binary data, JSON, plain text and feeds as not-html', () => {
    const png = Buffer.from([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      ...Array.from({ length: 64 }, (_, i) => i % 32),
    ]);
    expectExtractionError(() => extractArticle(png.toString('latin1'), url), 'not-html', url);
    expectExtractionError(() => extractArticle('{"title":"not a page"}', url), 'not-html', url);
    expectExtractionError(() => extractArticle('Just a line of text, no markup at all.', url), 'not-html', url);
    expectExtractionError(
      () => extractArticle('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>', url),
      'not-html',
      url,
    );
  });

  it('refuses pathologically deep nesting as too-large (Readability slows with the square of depth)', () => {
    const paragraph = `<p>${'The harbour budget was approved after a long debate. '.repeat(10)}</p>`;
    const html = `<html><body>${'<div>'.repeat(2000)}${paragraph}${'</div>'.repeat(2000)}</body></html>`;
    expectExtractionError(() => extractArticle(html, url), 'too-large', url);
  });

  it('refuses input over the size limit as too-large', () => {
    expectExtractionError(() => extractArticle(`<p>${'a'.repeat(MAX_HTML_LENGTH)}</p>`, url), 'too-large', url);
  });

  it('reports an index page, a near-empty page and a script-only page as no-article', () => {
    expectExtractionError(
      () => extractArticle(fixture('non-article.html'), 'https://ledger.example/markets'),
      'no-article',
      'https://ledger.example/markets',
    );
    expectExtractionError(
      () => extractArticle('<html><body><p>Coming soon.</p></body></html>', url),
      'no-article',
      url,
    );
    expectExtractionError(
      () => extractArticle('<html><body><div id="app"></div><script>render()</script></body></html>', url),
      'no-article',
      url,
    );
  });
});
