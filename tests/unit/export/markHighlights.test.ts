import { describe, expect, it } from 'vitest';
import { parseHtmlFragment } from '../../../electron/core/export/articleBody.ts';
import { markHighlights } from '../../../electron/core/export/markHighlights.ts';
import type { Highlight } from '../../../electron/shared/model.ts';
import { exportArticle, exportHighlight } from './exportArticle.ts';

/** Marks the highlights in `html` (the article's stored text is `text`) and returns the markup and what was not marked. */
function mark(html: string, text: string, highlights: readonly Highlight[]) {
  const root = parseHtmlFragment(html);
  const unmarked = markHighlights(root, exportArticle({ text, highlights }));
  const marks = [...root.querySelectorAll('mark')].map((element) => [
    element.getAttribute('data-highlight-id'),
    element.textContent,
  ]);
  return { html: root.innerHTML, text: root.textContent, marks, unmarked };
}

describe('markHighlights (core, over linkedom)', () => {
  it('wraps a quote in one text node with the reader’s classes and keeps the text as it was', () => {
    const highlight = exportHighlight('rose sharply', 14, { color: 'green' });
    const result = mark('<p>Copper prices rose sharply on Monday.</p>', 'Copper prices rose sharply on Monday.', [
      highlight,
    ]);
    expect(result.html).toBe(
      `<p>Copper prices <mark data-highlight-id="${highlight.id}" class="offprint-highlight highlight-green">rose sharply</mark> on Monday.</p>`,
    );
    expect(result.unmarked).toEqual([]);
  });

  it('marks across inline markup, paragraphs and line breaks, one mark per text node', () => {
    const text = 'Copper prices rose sharply.\nOutput fell\nby half.';
    const highlight = exportHighlight('prices rose sharply. Output fell by', 7);
    const result = mark(
      '<p>Copper <em>prices</em> rose <a href="https://x.example/">sharply</a>.</p><p>Output fell<br>by half.</p>',
      text,
      [highlight],
    );
    expect(result.marks.map(([, quoted]) => quoted)).toEqual(['prices', ' rose ', 'sharply', '.', 'Output fell', 'by']);
    expect(result.text).toBe('Copper prices rose sharply.Output fellby half.');
    expect(result.html).toContain('<em><mark');
    expect(result.html).toContain('<a href="https://x.example/"><mark');
  });

  it('matches with white space folded and entities decoded (linkedom splits text at entities)', () => {
    const highlight = exportHighlight('A & B   were\nrestricted', 0);
    const result = mark('<p>A &amp; B were   restricted</p>', 'A & B were restricted', [highlight]);
    expect(result.unmarked).toEqual([]);
    expect(result.marks.map(([, quoted]) => quoted).join('')).toBe('A & B were   restricted');
  });

  it('picks the copy of a repeated quote nearest the highlight’s stored position', () => {
    const text = 'prices rose. Then news. prices rose. Then the close. prices rose.';
    const third = text.lastIndexOf('prices rose');
    const result = mark(`<p>${text}</p>`, text, [exportHighlight('prices rose', third)]);
    expect(result.html).toBe(
      `<p>prices rose. Then news. prices rose. Then the close. <mark data-highlight-id="${result.marks[0]?.[0] ?? ''}" class="offprint-highlight highlight-yellow">prices rose</mark>.</p>`,
    );
  });

  it('marks several highlights, also in one text node and overlapping', () => {
    const text = 'Nickel climbed while zinc slipped and tin held.';
    const first = exportHighlight('Nickel climbed while', 0);
    const second = exportHighlight('while zinc', 15, { color: 'blue' });
    const third = exportHighlight('tin held', 37);
    const result = mark(`<p>${text}</p>`, text, [first, second, third]);
    expect(result.unmarked).toEqual([]);
    expect(result.text).toBe(text);
    expect(result.marks.map(([id]) => id)).toEqual([
      String(first.id),
      String(second.id),
      String(second.id),
      String(third.id),
    ]);
  });

  it('returns the highlights it could not mark: lost ones are not looked for, missing ones are reported', () => {
    const lost = exportHighlight('Nickel', 0, { status: 'lost' });
    const missing = exportHighlight('zinc slipped', 0);
    const blank = exportHighlight('   ', 0);
    const result = mark('<p>Nickel climbed.</p>', 'Nickel climbed.', [lost, missing, blank]);
    expect(result.unmarked).toEqual([lost.id, missing.id, blank.id]);
    expect(result.marks).toEqual([]);
  });

  it('does not recurse: markup nested deeper than the call stack is walked', () => {
    const depth = 1500;
    const html = `${'<span>'.repeat(depth)}deep text${'</span>'.repeat(depth)}`;
    const result = mark(html, 'deep text', [exportHighlight('text', 5)]);
    expect(result.marks.map(([, quoted]) => quoted)).toEqual(['text']);
  });
});
