import { describe, expect, it } from 'vitest';
import type { MinimalElement } from '../../../../electron/core/extract/article/MinimalDocument.ts';
import { parsePage } from '../../../../electron/core/extract/article/parsePage.ts';
import type { JsonLdObject } from '../../../../electron/core/extract/article/readJsonLd.ts';
import { readJsonLdBody, repairWithJsonLd } from '../../../../electron/core/extract/article/repairWithJsonLd.ts';

const PARAGRAPHS = [
  'The regional council approved the harbour budget on Tuesday after a debate that ran late into the evening and ended with a narrow vote.',
  'Most of the money will go to dredging the eastern channel, which has silted up faster than engineers expected when it was last cleared.',
  'Ferry operators said the work was overdue and asked for the timetable to be published early so they can plan winter sailings around it.',
  'The council will review progress in March and publish the contracts for the dredging work on its website before the work begins.',
];

function content(html: string): MinimalElement {
  const { document } = parsePage(`<html><body><div id="c">${html}</div></body></html>`, 'https://a.example/');
  const element = document.querySelector('#c');
  if (element === null) throw new Error('test: no content');
  return element;
}

const TITLES = ['Council approves harbour budget | Harbour News'];

function article(body: string, headline = 'Council approves harbour budget'): JsonLdObject[] {
  return [{ '@type': 'NewsArticle', headline, articleBody: body }];
}

describe('repairWithJsonLd', () => {
  it('leaves Readability alone when the two agree', () => {
    const result = repairWithJsonLd(
      content(PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')),
      article(PARAGRAPHS.join('\n')),
      TITLES,
    );
    expect(result.method).toBe('readability');
    expect(result.warnings).toEqual([]);
  });

  it('restores paragraphs Readability missed, in their place, keeping its markup', () => {
    const partial = `<p><a href="https://a.example/budget">${PARAGRAPHS[0] ?? ''}</a></p><p>${PARAGRAPHS[3] ?? ''}</p>`;
    const result = repairWithJsonLd(content(partial), article(PARAGRAPHS.join('\n\n')), TITLES);
    expect(result.method).toBe('readability+json-ld');
    expect(result.warnings[0]).toMatch(/2 missing paragraphs restored/);
    const html = result.html ?? '';
    expect(html).toContain('<a href="https://a.example/budget">');
    const order = PARAGRAPHS.map((paragraph) => html.indexOf(paragraph.slice(0, 40)));
    expect(order.every((position, index) => position >= 0 && (index === 0 || position > (order[index - 1] ?? 0)))).toBe(
      true,
    );
  });

  it('uses the JSON-LD body when Readability found nothing', () => {
    const result = repairWithJsonLd(null, article(PARAGRAPHS.join('\n')), TITLES);
    expect(result.method).toBe('json-ld');
    expect(result.html?.match(/<p>/g)).toHaveLength(4);
  });

  it('does not trim Readability to a body that ends in an ellipsis (a teaser)', () => {
    const teaser = `${PARAGRAPHS[0] ?? ''} ${PARAGRAPHS[1] ?? ''}…`;
    const full = `${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}<p>${'Another paragraph of the full story that the teaser does not carry at all, with its own words. '.repeat(3)}</p>`;
    const result = repairWithJsonLd(content(full), article(teaser), TITLES);
    expect(result.method).toBe('readability');
    expect(result.html).toContain('Another paragraph');
  });

  it('ignores the body of another story described on the page', () => {
    const other = article(PARAGRAPHS.join('\n'), 'Ferry timetable changes for the winter season');
    expect(repairWithJsonLd(null, other, TITLES).html).toBeNull();
    expect(readJsonLdBody(other, [])).not.toBeNull();
  });

  it('ignores bodies too short to judge by', () => {
    expect(readJsonLdBody(article('Too short to be a body.'), TITLES)).toBeNull();
  });
});

describe('readJsonLdBody', () => {
  it('reads plain, HTML and entity-escaped HTML bodies as paragraphs', () => {
    const words = 'word '.repeat(30).trim();
    expect(readJsonLdBody(article(`${words}\n\n${words}`), TITLES)?.paragraphs).toHaveLength(2);
    expect(readJsonLdBody(article(`<p>${words}</p><p>${words} &amp; more</p>`), TITLES)?.paragraphs[1]).toBe(
      `${words} & more`,
    );
    expect(
      readJsonLdBody(article(`&lt;p&gt;${words}&lt;/p&gt;&lt;p&gt;${words}&lt;/p&gt;`), TITLES)?.paragraphs,
    ).toEqual([words, words]);
    expect(readJsonLdBody(article(`${words} <The Palace> is a show`), TITLES)?.text).toContain('<The Palace>');
  });
});
