import type { Handlers } from '../../electron/shared/contract.ts';
import type { AnyEventListener, EventSink } from '../../electron/shared/dispatch.ts';
import { OffprintError } from '../../electron/shared/errors.ts';
import type { Article, Feed, FeedRefreshResult } from '../../electron/shared/model.ts';

/** A tiny event hub with the same shape as core's EventHub. */
export interface MemoryEvents extends EventSink {
  subscribe(listener: AnyEventListener): () => void;
  readonly listenerCount: number;
}

export interface MemoryLibrary {
  readonly handlers: Handlers;
  readonly events: MemoryEvents;
  /** Every request a handler received, in order, for assertions. */
  readonly received: { name: string; request: unknown }[];
}

function createMemoryEvents(): MemoryEvents {
  const listeners = new Set<AnyEventListener>();
  return {
    emit(name, payload) {
      for (const listener of listeners) listener(name, payload);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}

/** Wraps a synchronous handler body; a throw becomes a rejection, as from a real async handler. */
function settle<Request, Response>(run: (request: Request) => Response): (request: Request) => Promise<Response> {
  return (request) =>
    new Promise((resolve) => {
      resolve(run(request));
    });
}

function textOf(xml: string, tag: string): string | null {
  const match = new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'i').exec(xml);
  if (!match?.[1]) return null;
  return match[1]
    .replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
}

/**
 * An in-memory stand-in for core's Library: just enough of the contract to
 * exercise the host and the renderer. `feeds:add` really fetches the URL and
 * reads RSS 2.0 items with regular expressions — good for fixtures, nothing
 * else. Unimplemented calls throw `unavailable`.
 */
export function createMemoryLibrary(): MemoryLibrary {
  const events = createMemoryEvents();
  const received: { name: string; request: unknown }[] = [];
  const feeds = new Map<number, Feed>();
  const articles = new Map<string, Article>();
  let nextFeedId = 1;

  const record = (name: string, request: unknown): void => {
    received.push({ name, request });
  };
  const unavailable = (name: string) => () =>
    Promise.reject(new OffprintError('unavailable', `memory library: ${name} is not implemented`));
  const withCounts = (feed: Feed): Feed => {
    const own = [...articles.values()].filter((article) => article.feedId === feed.id);
    return { ...feed, articleCount: own.length, unreadCount: own.filter((article) => !article.read).length };
  };
  const summaryOf = (article: Article) => {
    const {
      guid: _guid,
      canonicalUrl: _canonical,
      language: _language,
      contentHtml: _html,
      text: _text,
      categories: _categories,
      ...summary
    } = article;
    return summary;
  };

  const handlers: Handlers = {
    'app:info': settle((request) => {
      record('app:info', request);
      return {
        name: 'offprint',
        version: '0.0.0-memory',
        dataDir: '(memory)',
        schemaVersion: 0,
        runtime: `node ${process.version}`,
        feedCount: feeds.size,
        articleCount: articles.size,
      };
    }),
    'feeds:add': async (request) => {
      record('feeds:add', request);
      const response = await fetch(request.url);
      const body = await response.text();
      if (!response.ok)
        throw new OffprintError('feed-error', `feeds:add: ${request.url} answered HTTP ${response.status}`);
      if (!/<rss[\s>]/i.test(body)) {
        throw new OffprintError('feed-error', `feeds:add: ${request.url} is not a feed and does not link to one`);
      }
      const now = new Date().toISOString();
      const feed: Feed = {
        id: nextFeedId++,
        kind: 'feed',
        url: request.url,
        siteUrl: textOf(body, 'link'),
        title: textOf(body, 'title') ?? request.url,
        description: textOf(body, 'description'),
        folder: request.folder ?? null,
        lastFetchedAt: now,
        lastStatus: 'ok',
        lastError: null,
        errorCount: 0,
        nextFetchAt: null,
        articleCount: 0,
        unreadCount: 0,
        fullText: 'off',
      };
      feeds.set(feed.id, feed);
      const items = body.match(/<item[\s>][\s\S]*?<\/item>/gi) ?? [];
      items.forEach((item, index) => {
        const link = textOf(item, 'link');
        const text = textOf(item, 'description') ?? '';
        const published = textOf(item, 'pubDate');
        const id = `${feed.id}-${index + 1}`;
        articles.set(id, {
          id,
          feedId: feed.id,
          feedTitle: feed.title,
          url: link === null ? null : new URL(link, request.url).href,
          title: textOf(item, 'title') ?? '(untitled)',
          author: null,
          publishedAt: published === null ? null : new Date(published).toISOString(),
          fetchedAt: now,
          updatedAt: null,
          summary: text.slice(0, 200),
          wordCount: text.split(/\s+/).filter(Boolean).length,
          read: false,
          saved: false,
          savedAt: null,
          offlineReady: true,
          guid: textOf(item, 'guid'),
          canonicalUrl: null,
          language: null,
          contentHtml: `<p>${text}</p>`,
          text,
          categories: [],
          siteName: null,
          leadImageUrl: null,
          offline: { page: 'none', pageError: null, imagesCached: 0, imagesMissing: [] },
          notes: [],
          highlights: [],
        });
      });
      const refresh: FeedRefreshResult = {
        feedId: feed.id,
        url: feed.url,
        title: feed.title,
        status: 'ok',
        newCount: items.length,
        updatedCount: 0,
        errorCode: null,
        errorMessage: null,
        durationMs: 1,
      };
      events.emit('library:changed', { reason: 'feeds', feedIds: [feed.id] });
      return { feed: withCounts(feed), discoveredFrom: null, refresh, offline: null };
    },
    'feeds:list': settle((request) => {
      record('feeds:list', request);
      return [...feeds.values()].map(withCounts);
    }),
    'feeds:remove': settle((request) => {
      record('feeds:remove', request);
      const removed = feeds.delete(request.feedId);
      let articlesDeleted = 0;
      for (const [id, article] of articles) {
        if (article.feedId === request.feedId) {
          articles.delete(id);
          articlesDeleted += 1;
        }
      }
      return { removed, articlesDeleted, articlesKept: 0 };
    }),
    'feeds:refresh': settle((request) => {
      record('feeds:refresh', request);
      const targets = request.feedIds ?? [...feeds.keys()];
      const startedAt = new Date().toISOString();
      events.emit('ingest:progress', { kind: 'refresh-started', feedCount: targets.length });
      const results: FeedRefreshResult[] = targets.map((feedId, index) => {
        const feed = feeds.get(feedId);
        const result: FeedRefreshResult = {
          feedId,
          url: feed?.url ?? '',
          title: feed?.title ?? '',
          status: 'not-modified',
          newCount: 0,
          updatedCount: 0,
          errorCode: null,
          errorMessage: null,
          durationMs: 1,
        };
        events.emit('ingest:progress', { kind: 'feed-finished', result, done: index + 1, total: targets.length });
        return result;
      });
      const report = { startedAt, finishedAt: new Date().toISOString(), feeds: results, offline: null };
      events.emit('ingest:progress', { kind: 'refresh-finished', report });
      return report;
    }),
    'opml:import': unavailable('opml:import'),
    'opml:export': unavailable('opml:export'),
    'feeds:update': unavailable('feeds:update'),
    'articles:clip': unavailable('articles:clip'),
    'offline:prepare': unavailable('offline:prepare'),
    'offline:cancel': unavailable('offline:cancel'),
    'topics:list': unavailable('topics:list'),
    'topics:create': unavailable('topics:create'),
    'topics:update': unavailable('topics:update'),
    'topics:delete': unavailable('topics:delete'),
    'topics:preview': unavailable('topics:preview'),
    'topics:suggest': unavailable('topics:suggest'),
    'topics:export': unavailable('topics:export'),
    'topics:import': unavailable('topics:import'),
    'notes:add': unavailable('notes:add'),
    'notes:edit': unavailable('notes:edit'),
    'notes:remove': unavailable('notes:remove'),
    'highlights:add': unavailable('highlights:add'),
    'highlights:edit': unavailable('highlights:edit'),
    'highlights:remove': unavailable('highlights:remove'),
    'retention:get': unavailable('retention:get'),
    'retention:set': unavailable('retention:set'),
    'retention:preview': unavailable('retention:preview'),
    'retention:run': unavailable('retention:run'),
    'library:backup': unavailable('library:backup'),
    'library:restore': unavailable('library:restore'),
    'library:loadSample': unavailable('library:loadSample'),
    'articles:list': settle((request) => {
      record('articles:list', request);
      const matching = [...articles.values()]
        .filter((article) => request.feedId === undefined || article.feedId === request.feedId)
        .filter((article) => request.unread === undefined || article.read === !request.unread)
        .filter((article) => request.saved === undefined || article.saved === request.saved)
        .sort((left, right) => (right.publishedAt ?? '').localeCompare(left.publishedAt ?? ''));
      return {
        items: matching.slice(request.offset, request.offset + request.limit).map(summaryOf),
        total: matching.length,
        offset: request.offset,
        limit: request.limit,
      };
    }),
    'articles:get': settle((request) => {
      record('articles:get', request);
      const article = articles.get(request.id);
      if (!article) throw new OffprintError('not-found', `articles:get: no article with id ${request.id}`);
      return article;
    }),
    'articles:markRead': settle((request) => {
      record('articles:markRead', request);
      let updated = 0;
      for (const id of request.ids) {
        const article = articles.get(id);
        if (article && article.read !== request.read) {
          articles.set(id, { ...article, read: request.read });
          updated += 1;
        }
      }
      if (updated > 0) events.emit('library:changed', { reason: 'articles', feedIds: [] });
      return { updated };
    }),
    'articles:setSaved': settle((request) => {
      record('articles:setSaved', request);
      const article = articles.get(request.id);
      if (!article) throw new OffprintError('not-found', `articles:setSaved: no article with id ${request.id}`);
      const next = {
        ...article,
        saved: request.saved,
        savedAt: request.saved ? new Date().toISOString() : article.savedAt,
      };
      articles.set(request.id, next);
      return summaryOf(next);
    }),
    // A naive stand-in for the search engine: case-insensitive substring over title and text.
    'search:query': settle((request) => {
      record('search:query', request);
      const needle = request.query.trim().toLowerCase();
      const matches = [...articles.values()].filter(
        (article) => needle !== '' && `${article.title}\n${article.text}`.toLowerCase().includes(needle),
      );
      return {
        items: matches.slice(request.offset, request.offset + request.limit).map((article) => ({
          article: summaryOf(article),
          score: 1,
          snippet: { text: article.text.slice(0, 200), highlights: [] },
          titleHighlights: [],
        })),
        total: matches.length,
        offset: request.offset,
        limit: request.limit,
        problems: [],
        tookMs: 0,
      };
    }),
    'search:related': settle((request) => {
      record('search:related', request);
      return { related: [], sameStory: [] };
    }),
    'search:status': settle((request) => {
      record('search:status', request);
      return { documents: articles.size, segments: [], pending: 0, phase: 'idle' as const, done: 0, total: 0 };
    }),
    'search:rebuild': settle((request) => {
      record('search:rebuild', request);
      return { documents: articles.size, segments: [], pending: 0, phase: 'idle' as const, done: 0, total: 0 };
    }),
  };
  return { handlers, events, received };
}
