import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../../electron/core/extract/htmlToText.ts';
import { sanitizeHtml, type ImagePolicy } from '../../../../electron/core/extract/sanitizeHtml.ts';
import { loadXssVectors } from '../../../fixtures/xss/loadXssVectors.ts';
import { unsafeMarkup } from './unsafeMarkup.ts';

const vectors = loadXssVectors();

/** Every way the library calls the sanitizer: with a page URL, without one, and for cached images only. */
const POLICIES: readonly (readonly [string, string | null, ImagePolicy])[] = [
  ['with a base URL, remote images', 'https://news.test/world/story.html', 'remote'],
  ['without a base URL', null, 'remote'],
  ['with a base URL, cached images only', 'https://news.test/world/story.html', 'cached-only'],
];

describe('XSS vector corpus', () => {
  it('holds at least 60 vectors with unique ids across every class the issue names', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(60);
    expect(new Set(vectors.map((vector) => vector.id)).size).toBe(vectors.length);
    const classes = new Set(vectors.map((vector) => vector.class));
    for (const name of ['script', 'handler', 'url', 'form', 'frame', 'object', 'meta', 'svg', 'math', 'css']) {
      expect(classes).toContain(name);
    }
    for (const name of ['mutation', 'comment', 'entity']) expect(classes).toContain(name);
  });

  describe.each(POLICIES)('sanitized %s', (_label, baseUrl, images) => {
    it.each(vectors.map((vector) => [vector.id, vector] as const))('%s: nothing unsafe survives', (_id, vector) => {
      const output = sanitizeHtml(vector.html, baseUrl, { images });
      expect(unsafeMarkup(output, images)).toEqual([]);
      // Sanitizing is stable: a second pass changes nothing (a change would hint at a parse differential).
      expect(sanitizeHtml(output, baseUrl, { images })).toBe(output);
      if (vector.keep !== undefined) expect(htmlToText(output)).toContain(vector.keep);
    });
  });
});
