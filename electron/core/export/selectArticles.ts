import { OffprintError } from '../../shared/errors.ts';
import type { ExportSelection } from '../../shared/model.ts';
import type { SearchService } from '../search/SearchService.ts';
import type { ArticleStore } from '../store/ArticleStore.ts';
import type { TopicService } from '../topics/TopicService.ts';

/** More than this in one export is refused with a request to narrow it (a brief of 200 is the design point). */
export const MAX_EXPORT_ARTICLES = 1000;
const PAGE = 500;
const SEARCH_PAGE = 200;

export interface SelectedArticles {
  readonly ids: readonly string[];
  /** Words for what was chosen: a brief's default title and its PDF subject. */
  readonly description: string;
}

export interface SelectionSources {
  readonly store: ArticleStore;
  readonly topics: TopicService;
  readonly search: () => SearchService;
}

function tooMany(call: string, total: number, what: string): OffprintError {
  return new OffprintError(
    'bad-request',
    `${call}: ${what} has ${total.toLocaleString('en')} articles, more than the ${MAX_EXPORT_ARTICLES.toLocaleString('en')} one export takes; narrow it (a date range, a topic, a search)`,
  );
}

/**
 * The articles an export covers, in the order it prints them: the ids as
 * given, the saved list (most recently saved first), a topic's articles or
 * a search's results (newest first, or by relevance for a search). Unknown
 * ids and topics are errors, never silently left out, and so is nothing to
 * export.
 */
export function selectArticles(call: string, selection: ExportSelection, sources: SelectionSources): SelectedArticles {
  const chosen = chooseArticles(call, selection, sources);
  if (chosen.ids.length === 0) throw new OffprintError('bad-request', `${call}: no articles to export`);
  return chosen;
}

function chooseArticles(call: string, selection: ExportSelection, sources: SelectionSources): SelectedArticles {
  const { store } = sources;
  switch (selection.kind) {
    case 'ids': {
      const missing = selection.ids.filter((id) => store.reader.getArticleSummary(id) === null);
      if (missing.length > 0) throw new OffprintError('not-found', `${call}: no article with id ${missing.join(', ')}`);
      if (selection.ids.length > MAX_EXPORT_ARTICLES) throw tooMany(call, selection.ids.length, 'the selection');
      return {
        ids: [...new Set(selection.ids)],
        description: selection.ids.length === 1 ? 'One article' : 'Selected articles',
      };
    }
    case 'saved':
      return {
        ids: listAll(call, store, { saved: true, sort: 'saved' }, 'the saved list'),
        description: 'Saved articles',
      };
    case 'topic': {
      sources.topics.requireTopics(call, [selection.topicId]);
      const topic = sources.topics.list().find((candidate) => candidate.id === selection.topicId);
      const name = topic?.name ?? `topic ${selection.topicId}`;
      return {
        ids: listAll(call, store, { topicIds: [selection.topicId], sort: 'newest' }, `the topic "${name}"`),
        description: name,
      };
    }
    case 'search': {
      const service = sources.search();
      const ids: string[] = [];
      for (let offset = 0; ; offset += SEARCH_PAGE) {
        const page = service.query({ query: selection.query, sort: 'relevance', offset, limit: SEARCH_PAGE });
        if (page.total > MAX_EXPORT_ARTICLES) throw tooMany(call, page.total, `the search "${selection.query}"`);
        ids.push(...page.items.map((hit) => hit.article.id));
        if (page.items.length < SEARCH_PAGE || ids.length >= page.total) break;
      }
      return { ids, description: `Search: ${selection.query}` };
    }
  }
}

function listAll(
  call: string,
  store: ArticleStore,
  filter: { saved?: boolean; topicIds?: number[]; sort: 'newest' | 'saved' },
  what: string,
): string[] {
  const ids: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = store.reader.listArticles({ ...filter, offset, limit: PAGE });
    if (page.total > MAX_EXPORT_ARTICLES) throw tooMany(call, page.total, what);
    ids.push(...page.items.map((article) => article.id));
    if (page.items.length < PAGE) return ids;
  }
}
