import type { Highlight, Note } from '../../../electron/shared/model.ts';

const AT = '2026-11-02T09:30:00.000Z';

/** A highlight as the library returns it, anchored at [start, end) of `text`. */
export function highlightOf(
  id: number,
  text: string,
  quote: string,
  fields: Partial<Omit<Highlight, 'id' | 'quote' | 'start' | 'end'>> = {},
): Highlight {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`highlightOf: ${JSON.stringify(quote)} is not in the text`);
  return {
    id,
    articleId: 'article-1',
    quote,
    start,
    end: start + quote.length,
    comment: null,
    color: 'yellow',
    status: 'anchored',
    createdAt: AT,
    updatedAt: AT,
    ...fields,
  };
}

export function noteOf(id: number, text: string, fields: Partial<Omit<Note, 'id' | 'text'>> = {}): Note {
  return { id, articleId: 'article-1', text, createdAt: AT, updatedAt: AT, ...fields };
}
