import type { Handlers } from '../../shared/contract.ts';
import type { EventSink } from '../../shared/dispatch.ts';
import { OffprintError } from '../../shared/errors.ts';
import type { ArticleStore } from '../store/ArticleStore.ts';
import { AnnotationStore } from './AnnotationStore.ts';
import { QuoteLocator, type QuoteRange } from './QuoteLocator.ts';

export type AnnotationHandlers = Pick<
  Handlers,
  'notes:add' | 'notes:edit' | 'notes:remove' | 'highlights:add' | 'highlights:edit' | 'highlights:remove'
>;

export interface AnnotationContext {
  readonly store: ArticleStore;
  readonly events: EventSink;
  readonly clock: () => Date;
}

/** How much of a quote an error message repeats. */
const QUOTE_EXCERPT = 60;

/**
 * Notes and highlights: the contract's calls over AnnotationStore. Each
 * change says `library:changed` for the article's feed, so the reader
 * reloads the article and the search index catches up (the store's triggers
 * queued the article for it in the same write).
 */
export function createAnnotationHandlers(context: AnnotationContext): AnnotationHandlers {
  const { store, events, clock } = context;
  const annotations = new AnnotationStore(store);
  const now = (): string => clock().toISOString();

  const requireArticle = (call: string, articleId: string): void => {
    if (!store.reader.getArticleSummary(articleId)) {
      throw new OffprintError('not-found', `${call}: no article with id ${articleId}`);
    }
  };
  const changed = (articleId: string): void => {
    const feedId = store.reader.getArticleSummary(articleId)?.feedId ?? null;
    events.emit('library:changed', { reason: 'articles', feedIds: feedId === null ? [] : [feedId] });
  };

  return {
    'notes:add': ({ articleId, text }) => {
      requireArticle('notes:add', articleId);
      const note = annotations.addNote(articleId, text, now());
      changed(articleId);
      return Promise.resolve(note);
    },

    'notes:edit': ({ id, text }) => {
      const note = annotations.editNote(id, text, now());
      if (!note) throw new OffprintError('not-found', `notes:edit: no note with id ${id}`);
      changed(note.articleId);
      return Promise.resolve(note);
    },

    'notes:remove': ({ id }) => {
      const articleId = annotations.removeNote(id);
      if (articleId !== null) changed(articleId);
      return Promise.resolve({ removed: articleId !== null });
    },

    'highlights:add': ({ articleId, quote, start, comment, color }) => {
      const text = store.reader.getArticleText(articleId);
      if (text === null) throw new OffprintError('not-found', `highlights:add: no article with id ${articleId}`);
      if (quote.trim() === '') {
        throw new OffprintError(
          'bad-request',
          `highlights:add: the quote for article ${articleId} is only white space`,
        );
      }
      const locator = new QuoteLocator(text);
      const range = placeQuote(locator, quote, start);
      if (range === null) {
        throw new OffprintError(
          'bad-request',
          `highlights:add: article ${articleId} has no passage ${JSON.stringify(excerpt(quote))} in its stored text`,
        );
      }
      const highlight = annotations.addHighlight(
        {
          articleId,
          // The text's own spelling, so that text.slice(start, end) is the quote (white space may differ).
          quote: text.slice(range.start, range.end),
          ...range,
          ...locator.context(range),
          comment: comment === undefined || comment === '' ? null : comment,
          color: color ?? 'yellow',
        },
        now(),
      );
      changed(articleId);
      return Promise.resolve(highlight);
    },

    'highlights:edit': ({ id, comment, color }) => {
      if (comment === undefined && color === undefined) {
        throw new OffprintError(
          'bad-request',
          `highlights:edit: nothing to change for highlight ${id} (give a comment, null to clear it, or a color)`,
        );
      }
      const highlight = annotations.editHighlight(
        id,
        {
          ...(comment === undefined ? {} : { comment: comment === '' ? null : comment }),
          ...(color === undefined ? {} : { color }),
        },
        now(),
      );
      if (!highlight) throw new OffprintError('not-found', `highlights:edit: no highlight with id ${id}`);
      changed(highlight.articleId);
      return Promise.resolve(highlight);
    },

    'highlights:remove': ({ id }) => {
      const articleId = annotations.removeHighlight(id);
      if (articleId !== null) changed(articleId);
      return Promise.resolve({ removed: articleId !== null });
    },
  };
}

/** Where the caller says the quote starts, if it is there; else the copy nearest that place (or the first). */
function placeQuote(locator: QuoteLocator, quote: string, start: number | undefined): QuoteRange | null {
  if (start !== undefined && locator.text.slice(start, start + quote.length) === quote) {
    return { start, end: start + quote.length };
  }
  return locator.locate({ quote, ...(start === undefined ? {} : { near: start }) });
}

function excerpt(quote: string): string {
  const folded = quote.trim().replace(/\s+/g, ' ');
  return folded.length <= QUOTE_EXCERPT ? folded : `${folded.slice(0, QUOTE_EXCERPT - 1)}…`;
}
