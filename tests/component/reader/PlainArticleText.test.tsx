import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PlainArticleText } from '../../../renderer/src/components/PlainArticleText.tsx';
import { highlightOf } from '../support/annotations.ts';

const TEXT = 'Copper rose on Monday.\nTraders cited Chile.\n\n   \nStocks fell in Shanghai.';

/** Each paragraph as text with its marks in [brackets] and their highlight ids. */
function paragraphs(container: HTMLElement): string[] {
  return Array.from(container.querySelectorAll('p')).map((paragraph) =>
    Array.from(paragraph.childNodes)
      .map((node) =>
        node instanceof HTMLElement && node.localName === 'mark'
          ? `[${node.dataset['highlightId'] ?? '?'}:${node.textContent}]`
          : node.textContent,
      )
      .join(''),
  );
}

describe('PlainArticleText', () => {
  it('shows one paragraph per non-blank line', () => {
    const { container } = render(<PlainArticleText text={TEXT} highlights={[]} />);
    expect(paragraphs(container)).toEqual([
      'Copper rose on Monday.',
      'Traders cited Chile.',
      'Stocks fell in Shanghai.',
    ]);
  });

  it('says when no text was stored', () => {
    const { container } = render(<PlainArticleText text={'\n  \n'} highlights={[]} />);
    expect(container.textContent).toBe('No text was stored for this article.');
  });

  it('marks highlights by their stored offsets, in their colour', () => {
    const { container } = render(
      <PlainArticleText
        text={TEXT}
        highlights={[highlightOf(2, TEXT, 'Chile', { color: 'green' }), highlightOf(1, TEXT, 'Copper rose')]}
      />,
    );
    expect(paragraphs(container)).toEqual([
      '[1:Copper rose] on Monday.',
      'Traders cited [2:Chile].',
      'Stocks fell in Shanghai.',
    ]);
    expect(container.querySelector('[data-highlight-id="2"]')).toHaveClass('offprint-highlight', 'highlight-green');
  });

  it('uses the offsets, not the quote: a repeated word is marked where the highlight is', () => {
    const text = 'rose and rose again';
    const second = { ...highlightOf(1, text, 'rose'), start: 9, end: 13 };
    const { container } = render(<PlainArticleText text={text} highlights={[second]} />);
    expect(paragraphs(container)).toEqual(['rose and [1:rose] again']);
  });

  it('splits a highlight across paragraphs into one mark per paragraph (the blank lines between hold none)', () => {
    const quote = 'Chile.\n\n   \nStocks fell';
    const { container } = render(<PlainArticleText text={TEXT} highlights={[highlightOf(3, TEXT, quote)]} />);
    expect(paragraphs(container)).toEqual([
      'Copper rose on Monday.',
      'Traders cited [3:Chile.]',
      '[3:Stocks fell] in Shanghai.',
    ]);
  });

  it('marks overlapping highlights without repeating text, and leaves lost highlights out', () => {
    const first = highlightOf(1, TEXT, 'Copper rose');
    const overlapping = highlightOf(2, TEXT, 'rose on Monday');
    const lost = highlightOf(3, TEXT, 'Traders', { status: 'lost' });
    const { container } = render(<PlainArticleText text={TEXT} highlights={[overlapping, lost, first]} />);
    expect(paragraphs(container)).toEqual([
      '[1:Copper rose][2: on Monday].',
      'Traders cited Chile.',
      'Stocks fell in Shanghai.',
    ]);
  });
});
