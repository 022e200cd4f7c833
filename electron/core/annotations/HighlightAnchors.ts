import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { reanchorHighlights, type HighlightAnchor } from './reanchorHighlights.ts';

/** What re-anchoring one article's highlights did. */
export interface ReanchorReport {
  /** Highlights whose position, spelling or context changed (found again included). */
  readonly moved: readonly number[];
  /** Highlights whose quote is no longer in the text (newly lost or still lost). */
  readonly lost: readonly number[];
}

const NOTHING: ReanchorReport = { moved: [], lost: [] };

/**
 * Keeps stored highlights on their passages when an article's text changes.
 * ArticleStore calls `reanchor` from every path that rewrites `articles.text`,
 * inside the same transaction, so a highlight never points into text it was
 * not made on. Lost highlights are marked (status `lost`), never deleted: the
 * article shows them, and a later version of the text may bring them back.
 */
export class HighlightAnchors {
  readonly #select: StatementSync;
  readonly #update: StatementSync;

  constructor(database: DatabaseSync) {
    this.#select = database.prepare(
      'SELECT id, quote, start, end, prefix, suffix, status FROM highlights WHERE article_id = ? ORDER BY id',
    );
    this.#update = database.prepare(
      'UPDATE highlights SET quote = ?, start = ?, end = ?, prefix = ?, suffix = ?, status = ? WHERE id = ?',
    );
  }

  /** Re-anchors the article's highlights in its new `text`; call inside the transaction that stores the text. */
  reanchor(articleId: string, text: string): ReanchorReport {
    const highlights = this.#select.all(articleId) as unknown as HighlightAnchor[];
    if (highlights.length === 0) return NOTHING;
    const moved: number[] = [];
    const lost: number[] = [];
    for (const result of reanchorHighlights(text, highlights)) {
      if (result.status === 'lost') lost.push(result.id);
      else if (result.changed) moved.push(result.id);
      if (!result.changed) continue;
      this.#update.run(result.quote, result.start, result.end, result.prefix, result.suffix, result.status, result.id);
    }
    return { moved, lost };
  }
}
