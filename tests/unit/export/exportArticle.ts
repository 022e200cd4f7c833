import type { Article, Highlight, Note } from '../../../electron/shared/model.ts';

/** A cached image's hash: 64 hex digits made from one character. */
export function imageHash(digit: string): string {
  return digit.repeat(64);
}

/** A stored article as the reader gets it, with what a test gives replacing the defaults. */
export function exportArticle(overrides: Partial<Article> = {}): Article {
  return {
    id: 'a1',
    feedId: 1,
    feedTitle: 'Example Wire feed',
    url: 'https://example.com/news/magnets',
    title: 'Magnet export curbs widen',
    author: 'Jane Doe',
    publishedAt: '2025-09-07T06:30:00.000Z',
    fetchedAt: '2025-09-08T10:00:00.000Z',
    updatedAt: null,
    summary: null,
    wordCount: 9,
    read: true,
    saved: true,
    savedAt: '2025-09-09T12:00:00.000Z',
    offlineReady: true,
    noteCount: 0,
    highlightCount: 0,
    guid: null,
    canonicalUrl: null,
    language: 'en',
    contentHtml: '<p>Beijing widened controls on rare-earth magnets.</p>',
    text: 'Beijing widened controls on rare-earth magnets.',
    categories: [],
    siteName: 'Example Wire',
    leadImageUrl: null,
    offline: { page: 'ok', pageError: null, imagesCached: 0, imagesMissing: [] },
    notes: [],
    highlights: [],
    ...overrides,
  };
}

let nextId = 1;

/** A highlight of `quote` at `start` in the article's text (anchored and yellow unless told). */
export function exportHighlight(quote: string, start: number, overrides: Partial<Highlight> = {}): Highlight {
  nextId += 1;
  return {
    id: nextId,
    articleId: 'a1',
    quote,
    start,
    end: start + quote.length,
    comment: null,
    color: 'yellow',
    status: 'anchored',
    createdAt: '2025-09-10T08:00:00.000Z',
    updatedAt: '2025-09-10T08:00:00.000Z',
    ...overrides,
  };
}

export function exportNote(text: string): Note {
  nextId += 1;
  return {
    id: nextId,
    articleId: 'a1',
    text,
    createdAt: '2025-09-10T09:00:00.000Z',
    updatedAt: '2025-09-10T09:00:00.000Z',
  };
}
