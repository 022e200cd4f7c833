import { beforeEach, describe, expect, it } from 'vitest';
import { clearQuoteMarks, markQuotes, type QuoteMark } from '../../../renderer/src/markQuotes.ts';

let root: HTMLElement;

beforeEach(() => {
  root = document.createElement('div');
  document.body.replaceChildren(root);
});

function quote(id: number, text: string, position = 0, color = 'yellow'): QuoteMark {
  return { id, quote: text, color, position };
}

/** The text of `paragraph` before `mark` (empty text nodes left by splitting count for nothing). */
function textBefore(mark: Element): string {
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEndBefore(mark);
  return range.toString();
}

/** The text of each mark, in document order, with its highlight id. */
function marked(): { id: string | undefined; text: string | null; className: string }[] {
  return Array.from(root.querySelectorAll('mark')).map((mark) => ({
    id: mark.dataset['highlightId'],
    text: mark.textContent,
    className: mark.className,
  }));
}

describe('markQuotes', () => {
  it('wraps a quote inside one text node and leaves the rest of the text as it was', () => {
    root.innerHTML = '<p>Copper prices rose sharply on Monday.</p>';
    expect(markQuotes(root, [quote(4, 'rose sharply', 0.3, 'green')])).toEqual([]);
    expect(marked()).toEqual([{ id: '4', text: 'rose sharply', className: 'offprint-highlight highlight-green' }]);
    expect(root.textContent).toBe('Copper prices rose sharply on Monday.');
  });

  it('marks a quote across inline markup with one mark per text node', () => {
    root.innerHTML = '<p>Copper <em>prices</em> rose <a href="#x">sharply</a> on Monday.</p>';
    markQuotes(root, [quote(1, 'prices rose sharply')]);
    expect(marked().map((mark) => mark.text)).toEqual(['prices', ' rose ', 'sharply']);
    // Each mark sits inside the element that held its text: the markup is not broken up.
    expect(root.querySelector('em > mark')?.textContent).toBe('prices');
    expect(root.querySelector('a > mark')?.textContent).toBe('sharply');
  });

  it('reads text split only by inline markup as joined, as the stored text and a selection quote it', () => {
    root.innerHTML = '<p>Prices of <a href="#g">gold</a>, silver and neo<b>dym</b>ium rose.</p>';
    expect(markQuotes(root, [quote(1, 'gold, silver'), quote(2, 'neodymium', 0.7)])).toEqual([]);
    expect(marked().map((mark) => [mark.id, mark.text])).toEqual([
      ['1', 'gold'],
      ['1', ', silver'],
      ['2', 'neo'],
      ['2', 'dym'],
      ['2', 'ium'],
    ]);
  });

  it('reads a line break and the end of a nested block as a space', () => {
    root.innerHTML = '<div><p>First line</p>tail<br>next line</div>';
    expect(markQuotes(root, [quote(1, 'line tail next')])).toEqual([]);
    expect(marked().map((mark) => mark.text)).toEqual(['line', 'tail', 'next']);
    expect(markQuotes(root, [quote(2, 'linetail')])).toEqual([2]);
  });

  it('finds a quote that crosses paragraphs (a block boundary reads as a space)', () => {
    root.innerHTML = '<p>The mine closed.</p><p>Output fell by half.</p>';
    expect(markQuotes(root, [quote(2, 'closed. Output fell')])).toEqual([]);
    expect(marked().map((mark) => mark.text)).toEqual(['closed.', 'Output fell']);
  });

  it('folds whitespace: line breaks and runs of spaces in the markup or the quote still match', () => {
    root.innerHTML = '<p>Gallium   exports\n    were   restricted</p>';
    expect(markQuotes(root, [quote(3, 'exports  were\nrestricted')])).toEqual([]);
    expect(marked()).toHaveLength(1);
    expect(marked()[0]?.text).toBe('exports\n    were   restricted');
  });

  it('picks the occurrence of a repeated quote nearest its stored position', () => {
    root.innerHTML = '<p>prices rose. Then more news. prices rose. Then the close. prices rose.</p>';
    const text = root.textContent;
    const third = text.lastIndexOf('prices rose');
    markQuotes(root, [quote(5, 'prices rose', third / text.length)]);
    const mark = root.querySelector('mark');
    expect(mark?.textContent).toBe('prices rose');
    expect(mark && textBefore(mark)).toBe(text.slice(0, third));

    markQuotes(root, [quote(5, 'prices rose', 0)]);
    const first = root.querySelector('mark');
    expect(first && textBefore(first)).toBe('');
    expect(root.querySelectorAll('mark')).toHaveLength(1);
  });

  it('marks several quotes, also when they sit in the same text node', () => {
    root.innerHTML = '<p>Nickel climbed while zinc slipped and tin held.</p>';
    expect(markQuotes(root, [quote(1, 'Nickel climbed'), quote(2, 'tin held', 0.9, 'blue')])).toEqual([]);
    expect(marked().map((mark) => [mark.id, mark.text])).toEqual([
      ['1', 'Nickel climbed'],
      ['2', 'tin held'],
    ]);
  });

  it('reports the quotes it cannot find and marks nothing for them', () => {
    root.innerHTML = '<p>Nickel climbed.</p>';
    expect(markQuotes(root, [quote(1, 'zinc slipped'), quote(2, '   '), quote(3, 'Nickel')])).toEqual([1, 2]);
    expect(marked().map((mark) => mark.id)).toEqual(['3']);
  });

  it('replaces earlier marks when run again, and clearQuoteMarks restores the plain text nodes', () => {
    root.innerHTML = '<p>Nickel climbed while zinc slipped.</p>';
    markQuotes(root, [quote(1, 'Nickel climbed')]);
    markQuotes(root, [quote(2, 'zinc slipped', 0.8)]);
    expect(marked().map((mark) => mark.id)).toEqual(['2']);

    clearQuoteMarks(root);
    expect(root.querySelector('mark')).toBeNull();
    const paragraph = root.querySelector('p');
    expect(paragraph?.childNodes).toHaveLength(1);
    expect(paragraph?.textContent).toBe('Nickel climbed while zinc slipped.');
  });
});
