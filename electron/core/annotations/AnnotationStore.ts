import type { StatementSync } from 'node:sqlite';
import type { Highlight, HighlightColor, Note } from '../../shared/model.ts';
import { toHighlight, toNote, type ArticleStore, type HighlightRow, type NoteRow } from '../store/ArticleStore.ts';
import type { QuoteRange } from './QuoteLocator.ts';

const NOTE_COLUMNS = 'id, article_id, text, created_at, updated_at';
const HIGHLIGHT_COLUMNS = 'id, article_id, quote, start, end, comment, color, status, created_at, updated_at';

const STATEMENTS = {
  addNote: `INSERT INTO notes (article_id, text, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING ${NOTE_COLUMNS}`,
  editNote: `UPDATE notes SET text = ?, updated_at = ? WHERE id = ? RETURNING ${NOTE_COLUMNS}`,
  removeNote: 'DELETE FROM notes WHERE id = ? RETURNING article_id',
  addHighlight: `INSERT INTO highlights (article_id, quote, start, end, prefix, suffix, comment, color, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${HIGHLIGHT_COLUMNS}`,
  // comment: the first parameter says whether to set it (null clears it); color: null keeps it.
  editHighlight: `UPDATE highlights SET comment = CASE WHEN ? THEN ? ELSE comment END, color = coalesce(?, color),
    updated_at = ? WHERE id = ? RETURNING ${HIGHLIGHT_COLUMNS}`,
  removeHighlight: 'DELETE FROM highlights WHERE id = ? RETURNING article_id',
  notedArticles: 'SELECT DISTINCT article_id FROM notes',
} as const;
type StatementName = keyof typeof STATEMENTS;

/** A highlight ready to store: its passage as the text spells it, placed and with its context. */
export interface NewHighlight extends QuoteRange {
  readonly articleId: string;
  readonly quote: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly comment: string | null;
  readonly color: HighlightColor;
}

/**
 * Notes and highlights in the library database, on the store's one
 * connection. Every write queues the article for the search index through
 * migration 6's triggers, in the write's own transaction. Reading them with
 * an article is ArticleStore.getArticle's; keeping highlights on their
 * passages when the text changes is HighlightAnchors'.
 */
export class AnnotationStore {
  readonly #statements: Readonly<Record<StatementName, StatementSync>>;

  constructor(store: ArticleStore) {
    const { database } = store;
    this.#statements = Object.fromEntries(
      Object.entries(STATEMENTS).map(([name, sql]) => [name, database.prepare(sql)]),
    ) as Record<StatementName, StatementSync>;
  }

  addNote(articleId: string, text: string, now: string): Note {
    const row = this.#statements.addNote.get(articleId, text, now, now) as unknown as NoteRow;
    return toNote(row);
  }

  /** The note with its new text, or null when there is no such note. */
  editNote(id: number, text: string, now: string): Note | null {
    const row = this.#statements.editNote.get(text, now, id) as NoteRow | undefined;
    return row ? toNote(row) : null;
  }

  /** The removed note's article, or null when there was no such note. */
  removeNote(id: number): string | null {
    const row = this.#statements.removeNote.get(id) as { article_id: string } | undefined;
    return row?.article_id ?? null;
  }

  addHighlight(highlight: NewHighlight, now: string): Highlight {
    const row = this.#statements.addHighlight.get(
      highlight.articleId,
      highlight.quote,
      highlight.start,
      highlight.end,
      highlight.prefix,
      highlight.suffix,
      highlight.comment,
      highlight.color,
      now,
      now,
    ) as unknown as HighlightRow;
    return toHighlight(row);
  }

  /** The highlight with the changes made (absent fields stay), or null when there is no such highlight. */
  editHighlight(
    id: number,
    changes: { readonly comment?: string | null; readonly color?: HighlightColor },
    now: string,
  ): Highlight | null {
    const row = this.#statements.editHighlight.get(
      changes.comment === undefined ? 0 : 1,
      changes.comment ?? null,
      changes.color ?? null,
      now,
      id,
    ) as HighlightRow | undefined;
    return row ? toHighlight(row) : null;
  }

  /** The removed highlight's article, or null when there was no such highlight. */
  removeHighlight(id: number): string | null {
    const row = this.#statements.removeHighlight.get(id) as { article_id: string } | undefined;
    return row?.article_id ?? null;
  }

  /** Ids of the articles with at least one note: the store's side of `has:note`. */
  notedArticleIds(): Set<string> {
    const rows = this.#statements.notedArticles.all() as { article_id: string }[];
    return new Set(rows.map((row) => row.article_id));
  }
}
