import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { SearchDocument } from './SearchDocument.ts';

interface DocumentRow {
  rowid: number;
  id: string;
  title: string;
  author: string | null;
  sort_at: string;
  language: string | null;
  text: string;
  source: string | null;
  categories: string | null;
  notes: string | null;
  highlights: string | null;
}

const SELECT_DOCUMENTS = `
  SELECT a.rowid AS rowid, a.id, a.title, a.author, a.sort_at, a.language, a.text, f.title AS source,
         (SELECT group_concat(category, ' ') FROM article_categories c WHERE c.article_id = a.id) AS categories,
         (SELECT group_concat(n.text, char(10) ORDER BY n.id) FROM notes n WHERE n.article_id = a.id) AS notes,
         (SELECT group_concat(h.quote || coalesce(char(10) || h.comment, ''), char(10) ORDER BY h.id)
          FROM highlights h WHERE h.article_id = a.id) AS highlights
  FROM articles a JOIN feeds f ON f.id = a.feed_id`;

/**
 * Reads articles from the library database as SearchDocuments. Used on the
 * main thread for the few articles of a refresh and in index workers (each
 * with its own read-only connection) for bulk builds, so both see the same
 * mapping from a stored article to indexed fields.
 */
export class SearchDocumentSource {
  readonly #byId: StatementSync;
  readonly #page: StatementSync;
  readonly #count: StatementSync;
  readonly #boundaries: StatementSync;

  constructor(database: DatabaseSync) {
    this.#byId = database.prepare(`${SELECT_DOCUMENTS} WHERE a.id = ?`);
    this.#page = database.prepare(`${SELECT_DOCUMENTS} WHERE a.rowid > ? AND a.rowid <= ? ORDER BY a.rowid LIMIT ?`);
    this.#count = database.prepare('SELECT count(*) AS n, coalesce(max(rowid), 0) AS last FROM articles');
    this.#boundaries = database.prepare(
      'SELECT rowid FROM (SELECT rowid, row_number() OVER (ORDER BY rowid) AS position FROM articles) WHERE position % ? = 0',
    );
  }

  /** The stored article as a search document, or null when it no longer exists. */
  document(id: string): SearchDocument | null {
    const row = this.#byId.get(id) as DocumentRow | undefined;
    return row ? toSearchDocument(row) : null;
  }

  /** Up to `limit` documents with rowid in (afterRowid, throughRowid], in rowid order, and the last rowid read. */
  page(afterRowid: number, throughRowid: number, limit: number): { documents: SearchDocument[]; lastRowid: number } {
    const rows = this.#page.all(afterRowid, throughRowid, limit) as unknown as DocumentRow[];
    return { documents: rows.map(toSearchDocument), lastRowid: rows.at(-1)?.rowid ?? afterRowid };
  }

  /** How many articles there are and the highest rowid, for splitting a rebuild into ranges. */
  extent(): { count: number; lastRowid: number } {
    const row = this.#count.get() as { n: number; last: number };
    return { count: row.n, lastRowid: row.last };
  }

  /** Rowids that split the articles into consecutive ranges of about `size` articles: (0, b1], (b1, b2], … */
  rangeBoundaries(size: number): number[] {
    const rows = this.#boundaries.all(size) as { rowid: number }[];
    const boundaries = rows.map((row) => row.rowid);
    const { lastRowid } = this.extent();
    if (boundaries.at(-1) !== lastRowid && lastRowid > 0) boundaries.push(lastRowid);
    return boundaries;
  }
}

function toSearchDocument(row: DocumentRow): SearchDocument {
  const publishedAt = Date.parse(row.sort_at);
  return {
    id: row.id,
    publishedAt: Number.isNaN(publishedAt) ? null : publishedAt,
    language: row.language,
    fields: {
      title: row.title,
      author: row.author ?? '',
      source: row.source ?? '',
      // Topics arrive with the topics issue; until then categories stand in for them.
      topics: '',
      categories: row.categories ?? '',
      text: row.text,
      // The user's words: notes, then each highlight's quote and comment (lost ones too: still theirs).
      notes: [row.notes, row.highlights].filter((part) => part !== null).join('\n'),
    },
  };
}
