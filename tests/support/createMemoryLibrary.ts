import type { CallName, Handlers } from '../../electron/shared/contract.ts';
import type { AnyEventListener, EventSink } from '../../electron/shared/dispatch.ts';
import { OffprintError } from '../../electron/shared/errors.ts';
import type {
  Article,
  ArticleSummary,
  Feed,
  ExportFormat,
  ExportReport,
  ExportSelection,
  FeedRefreshResult,
  Highlight,
  HighlightRange,
  Note,
  OfflineReport,
  RelatedArticles,
  Topic,
  TopicSuggestion,
} from '../../electron/shared/model.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../electron/shared/settings.ts';

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
  /** Puts a feed in the library directly (no fetch); unset fields get plain defaults. */
  addFeed(feed?: Partial<Feed>): Feed;
  /** Puts an article in the library directly; unset fields get plain defaults (unread, offline-ready). */
  addArticle(article: Partial<Article> & { readonly title: string }): Article;
  /** What `topics:suggest` offers (nothing until set). */
  setSuggestions(suggestions: readonly TopicSuggestion[]): void;
  /** What `search:related` answers for one article (nothing related until set). */
  setRelated(articleId: string, related: RelatedArticles): void;
  /** The next call of `name` fails with `error` (once), as the real library fails. */
  failNext(name: CallName, error: OffprintError): void;
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

interface Annotation {
  readonly id: number;
  readonly articleId: string;
  readonly updatedAt: string;
}

/** Notes or highlights by id; every change is announced as the library announces it. */
function createAnnotationMap<T extends Annotation>(noun: string, changed: () => void) {
  const items = new Map<number, T>();
  let lastId = 0;
  const put = (item: T): T => {
    items.set(item.id, item);
    changed();
    return item;
  };
  return {
    nextId: (): number => (lastId += 1),
    put,
    edit(call: string, id: number, change: (item: T) => Partial<T>): T {
      const item = items.get(id);
      if (!item) throw new OffprintError('not-found', `${call}: no ${noun} with id ${id}`);
      return put({ ...item, ...change(item), updatedAt: new Date().toISOString() });
    },
    remove(id: number): { removed: boolean } {
      const removed = items.delete(id);
      if (removed) changed();
      return { removed };
    },
    of: (articleId: string): T[] => [...items.values()].filter((item) => item.articleId === articleId),
  };
}

/** An attribute's value in one start tag (`name="value"`, entities left as they are), or null. */
function attributeOf(tag: string, name: string): string | null {
  return new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)?.[1] ?? null;
}

/** Where `needle` (lower case) stands in `text`, case-insensitively: the ranges search marks. */
function rangesOf(text: string, needle: string): HighlightRange[] {
  const ranges: HighlightRange[] = [];
  if (needle === '') return ranges;
  const haystack = text.toLowerCase();
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
    ranges.push([at, at + needle.length]);
  }
  return ranges;
}

/**
 * True when `query` matches the article the naive way: any of its `OR`
 * alternatives (quotes dropped) is a case-insensitive substring of the title
 * or the text. A stand-in for the query language, good for fixtures only.
 */
function matchesRule(article: Article, query: string): boolean {
  const haystack = `${article.title}\n${article.text}`.toLowerCase();
  return query
    .split(/\s+OR\s+/)
    .map((alternative) => alternative.replace(/"/g, '').trim().toLowerCase())
    .some((alternative) => alternative !== '' && haystack.includes(alternative));
}

/**
 * An in-memory stand-in for core's Library: just enough of the contract to
 * exercise the host and the renderer. `feeds:add` really fetches the URL and
 * reads RSS 2.0 items with regular expressions — good for fixtures, nothing
 * else; `addFeed` and `addArticle` fill it directly. Topic rules match with
 * `matchesRule`; notes and highlights live beside the articles. Unimplemented
 * calls throw `unavailable`.
 */
export function createMemoryLibrary(): MemoryLibrary {
  const events = createMemoryEvents();
  const received: { name: string; request: unknown }[] = [];
  const feeds = new Map<number, Feed>();
  const articles = new Map<string, Article>();
  const topics = new Map<number, Topic>();
  const failures = new Map<CallName, OffprintError>();
  /** The articles an export covers, as core's selectArticles picks them (ids as given, the saved list, a topic). */
  const selected = (selection: ExportSelection): Article[] => {
    if (selection.kind === 'ids') {
      return selection.ids.map((id) => {
        const article = articles.get(id);
        if (article === undefined) throw new OffprintError('not-found', `export: no article with id ${id}`);
        return article;
      });
    }
    if (selection.kind === 'saved') return [...articles.values()].filter((article) => article.saved);
    if (selection.kind === 'topic') {
      const topic = topics.get(selection.topicId);
      if (topic === undefined) throw new OffprintError('not-found', `export: no topic with id ${selection.topicId}`);
      return [...articles.values()].filter((article) => inTopic(article, topic));
    }
    throw new OffprintError('bad-request', 'export: the memory library does not export searches');
  };
  /** A finished export of the selection: progress events, then the report (nothing is written anywhere). */
  const exported = (format: ExportFormat, selection: ExportSelection, file: string): ExportReport => {
    const chosen = selected(selection);
    events.emit('export:progress', { format, phase: 'composing', done: 0, total: chosen.length });
    events.emit('export:progress', { format, phase: 'composing', done: chosen.length, total: chosen.length });
    return {
      format,
      files: [file],
      articles: chosen.length,
      pages: format === 'pdf' ? chosen.length + 2 : null,
      bytes: 1000 * chosen.length,
      missingImages: [],
      refused: [],
      cancelled: false,
      durationMs: 1,
    };
  };

  let suggestions: readonly TopicSuggestion[] = [];
  const relatedTo = new Map<string, RelatedArticles>();
  let nextFeedId = 1;
  let nextArticleNumber = 1;
  let nextTopicId = 1;

  const record = (name: string, request: unknown): void => {
    received.push({ name, request });
  };
  const unavailable = (name: string) => () =>
    Promise.reject(new OffprintError('unavailable', `memory library: ${name} is not implemented`));
  const withCounts = (feed: Feed): Feed => {
    const own = [...articles.values()].filter((article) => article.feedId === feed.id);
    return { ...feed, articleCount: own.length, unreadCount: own.filter((article) => !article.read).length };
  };
  const summaryOf = (article: Article): ArticleSummary => {
    const {
      guid: _guid,
      canonicalUrl: _canonical,
      language: _language,
      contentHtml: _html,
      text: _text,
      categories: _categories,
      ...summary
    } = article;
    return {
      ...summary,
      noteCount: article.notes.length + notes.of(article.id).length,
      highlightCount: article.highlights.length + highlights.of(article.id).length,
    };
  };
  const now = (): string => new Date().toISOString();
  const articleOrThrow = (call: string, id: string): Article => {
    const article = articles.get(id);
    if (!article) throw new OffprintError('not-found', `${call}: no article with id ${id}`);
    return article;
  };
  const inTopic = (article: Article, topic: Topic): boolean =>
    (topic.feedIds === null || (article.feedId !== null && topic.feedIds.includes(article.feedId))) &&
    (matchesRule(article, topic.query) ||
      topic.categories.some((category) =>
        article.categories.some((own) => own.toLowerCase() === category.toLowerCase()),
      ));
  const withTopicCounts = (topic: Topic): Topic => {
    const members = [...articles.values()].filter((article) => inTopic(article, topic));
    return {
      ...topic,
      counts: {
        total: members.length,
        unread: members.filter((article) => !article.read).length,
        saved: members.filter((article) => article.saved).length,
      },
    };
  };
  const topicOrThrow = (call: string, id: number): Topic => {
    const topic = topics.get(id);
    if (!topic) throw new OffprintError('not-found', `${call}: no topic with id ${id}`);
    return topic;
  };
  const nameTaken = (call: string, name: string, except: number | null): void => {
    const taken = [...topics.values()].some(
      (topic) => topic.id !== except && topic.name.toLowerCase() === name.toLowerCase(),
    );
    if (taken) throw new OffprintError('conflict', `${call}: a topic named ${JSON.stringify(name)} exists already`);
  };
  const newestFirst = (left: Article, right: Article): number =>
    (right.publishedAt ?? '').localeCompare(left.publishedAt ?? '');
  const changed = (): void => {
    events.emit('library:changed', { reason: 'articles', feedIds: [] });
  };
  const stamped = (): { createdAt: string; updatedAt: string } => {
    const at = now();
    return { createdAt: at, updatedAt: at };
  };
  const notes = createAnnotationMap<Note>('note', changed);
  const highlights = createAnnotationMap<Highlight>('highlight', changed);

  const putFeed = (fields: Partial<Feed>): Feed => {
    const id = fields.id ?? nextFeedId;
    nextFeedId = Math.max(nextFeedId, id + 1);
    const feed: Feed = {
      id,
      kind: 'feed',
      url: `https://feeds.example/${id}.xml`,
      siteUrl: null,
      title: `Feed ${id}`,
      description: null,
      folder: null,
      lastFetchedAt: null,
      lastStatus: 'ok',
      lastError: null,
      errorCount: 0,
      nextFetchAt: null,
      articleCount: 0,
      unreadCount: 0,
      fullText: 'off',
      ...fields,
    };
    feeds.set(id, feed);
    return feed;
  };
  const putArticle = (fields: Partial<Article> & { readonly title: string }): Article => {
    const feed = fields.feedId === undefined || fields.feedId === null ? undefined : feeds.get(fields.feedId);
    const text = fields.text ?? '';
    const article: Article = {
      id: `memory-${nextArticleNumber++}`,
      feedId: feed?.id ?? null,
      feedTitle: feed?.title ?? null,
      url: null,
      author: null,
      publishedAt: null,
      fetchedAt: now(),
      updatedAt: null,
      summary: text.slice(0, 200),
      wordCount: text.split(/\s+/).filter(Boolean).length,
      read: false,
      saved: false,
      savedAt: null,
      offlineReady: true,
      noteCount: 0,
      highlightCount: 0,
      guid: null,
      canonicalUrl: null,
      language: null,
      contentHtml: null,
      text,
      categories: [],
      siteName: null,
      leadImageUrl: null,
      offline: { page: 'none', pageError: null, imagesCached: 0, imagesMissing: [] },
      notes: [],
      highlights: [],
      ...fields,
    };
    articles.set(article.id, article);
    return article;
  };

  // settings.json, in memory: the real file's checks are the contract's and the schema's (electron/core/settings).
  let settings: Settings = DEFAULT_SETTINGS;

  const handlers: Handlers = {
    'settings:get': settle((request) => {
      record('settings:get', request);
      return settings;
    }),
    'settings:update': settle((request) => {
      record('settings:update', request);
      settings = { ...settings, ...request };
      events.emit('settings:changed', settings);
      return settings;
    }),
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
      const fetchedAt = now();
      const feed = putFeed({
        url: request.url,
        siteUrl: textOf(body, 'link'),
        title: textOf(body, 'title') ?? request.url,
        description: textOf(body, 'description'),
        folder: request.folder ?? null,
        lastFetchedAt: fetchedAt,
      });
      const items = body.match(/<item[\s>][\s\S]*?<\/item>/gi) ?? [];
      items.forEach((item, index) => {
        const link = textOf(item, 'link');
        const text = textOf(item, 'description') ?? '';
        const published = textOf(item, 'pubDate');
        putArticle({
          id: `${feed.id}-${index + 1}`,
          feedId: feed.id,
          url: link === null ? null : new URL(link, request.url).href,
          title: textOf(item, 'title') ?? '(untitled)',
          publishedAt: published === null ? null : new Date(published).toISOString(),
          fetchedAt,
          guid: textOf(item, 'guid'),
          contentHtml: `<p>${text}</p>`,
          text,
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
    // Outlines read with regular expressions, good for fixtures only: each xmlUrl not yet followed becomes a feed.
    'opml:import': settle((request) => {
      record('opml:import', request);
      if (!/<opml[\s>]/i.test(request.content)) {
        throw new OffprintError('bad-request', 'opml:import: the file is not an OPML document (no <opml> element)');
      }
      const added: Feed[] = [];
      const duplicates: string[] = [];
      for (const [outline] of request.content.matchAll(/<outline\b[^>]*>/gi)) {
        const url = attributeOf(outline, 'xmlUrl');
        if (url === null) continue;
        if ([...feeds.values()].some((feed) => feed.url === url)) {
          duplicates.push(url);
          continue;
        }
        added.push(putFeed({ url, title: attributeOf(outline, 'title') ?? attributeOf(outline, 'text') ?? url }));
      }
      if (added.length > 0) events.emit('library:changed', { reason: 'feeds', feedIds: added.map((feed) => feed.id) });
      return { added: added.map(withCounts), duplicates, problems: [], recovered: false };
    }),
    'opml:export': unavailable('opml:export'),
    // As core's: full text applies only to fetched feeds, an empty folder is none, and the change is announced.
    'feeds:update': settle((request) => {
      record('feeds:update', request);
      const feed = feeds.get(request.feedId);
      if (!feed) throw new OffprintError('not-found', `feeds:update: no feed with id ${request.feedId}`);
      if (request.fullText !== undefined && feed.kind !== 'feed') {
        throw new OffprintError(
          'bad-request',
          `feeds:update: feed ${feed.id} holds imported or clipped articles and is never fetched; full text does not apply`,
        );
      }
      const next = putFeed({
        ...feed,
        ...(request.title === undefined ? {} : { title: request.title }),
        ...(request.folder === undefined ? {} : { folder: request.folder === '' ? null : request.folder }),
        ...(request.fullText === undefined ? {} : { fullText: request.fullText }),
      });
      events.emit('library:changed', { reason: 'feeds', feedIds: [next.id] });
      return withCounts(next);
    }),
    'articles:clip': unavailable('articles:clip'),
    // Every selected article not yet readable offline becomes so at once (no network, nothing fails), with
    // progress events as core sends them; the pass is over before offline:cancel could stop it.
    'offline:prepare': settle((request) => {
      record('offline:prepare', request);
      const startedAt = now();
      const selected = [...articles.values()].filter(
        (article) =>
          (request.feedIds === undefined || (article.feedId !== null && request.feedIds.includes(article.feedId))) &&
          (request.articleIds === undefined || request.articleIds.includes(article.id)) &&
          (request.saved === undefined || article.saved === request.saved),
      );
      const pending = selected.filter((article) => !article.offlineReady);
      events.emit('offline:progress', { kind: 'started', total: pending.length });
      pending.forEach((article, index) => {
        articles.set(article.id, {
          ...article,
          offlineReady: true,
          offline: { ...article.offline, page: 'ok', pageError: null, imagesMissing: [] },
        });
        events.emit('offline:progress', {
          kind: 'article',
          done: index + 1,
          total: pending.length,
          bytes: 0,
          failed: 0,
          articleId: article.id,
        });
      });
      const report: OfflineReport = {
        startedAt,
        finishedAt: now(),
        total: selected.length,
        ready: selected.length,
        pagesFetched: pending.length,
        imagesCached: 0,
        bytes: 0,
        failures: [],
        cancelled: false,
      };
      events.emit('offline:progress', { kind: 'finished', report });
      if (pending.length > 0) changed();
      return report;
    }),
    'offline:cancel': settle((request) => {
      record('offline:cancel', request);
      return { cancelled: false };
    }),
    'topics:list': settle((request) => {
      record('topics:list', request);
      return [...topics.values()].map(withTopicCounts);
    }),
    'topics:create': settle((request) => {
      record('topics:create', request);
      nameTaken('topics:create', request.name, null);
      const at = now();
      const topic: Topic = {
        id: nextTopicId++,
        name: request.name,
        query: request.query,
        feedIds: request.feedIds ?? null,
        categories: request.categories ?? [],
        notify: request.notify ?? false,
        createdAt: at,
        updatedAt: at,
        counts: { total: 0, unread: 0, saved: 0 },
        applying: false,
      };
      topics.set(topic.id, topic);
      return withTopicCounts(topic);
    }),
    'topics:update': settle((request) => {
      record('topics:update', request);
      const topic = topicOrThrow('topics:update', request.id);
      if (request.name !== undefined) nameTaken('topics:update', request.name, topic.id);
      const next: Topic = {
        ...topic,
        name: request.name ?? topic.name,
        query: request.query ?? topic.query,
        feedIds: request.feedIds === undefined ? topic.feedIds : request.feedIds,
        categories: request.categories ?? topic.categories,
        notify: request.notify ?? topic.notify,
        updatedAt: now(),
      };
      topics.set(next.id, next);
      return withTopicCounts(next);
    }),
    'topics:delete': settle((request) => {
      record('topics:delete', request);
      return { deleted: topics.delete(request.id) };
    }),
    'topics:preview': settle((request) => {
      record('topics:preview', request);
      const rule: Topic = {
        ...withTopicCounts({
          id: 0,
          name: '(preview)',
          query: request.query,
          feedIds: request.feedIds ?? null,
          categories: request.categories ?? [],
          notify: false,
          createdAt: now(),
          updatedAt: now(),
          counts: { total: 0, unread: 0, saved: 0 },
          applying: false,
        }),
      };
      const matching = [...articles.values()].filter((article) => inTopic(article, rule)).sort(newestFirst);
      return {
        total: matching.length,
        sample: matching.slice(0, request.limit).map(summaryOf),
        problems: [],
        tookMs: 0,
      };
    }),
    'topics:suggest': settle((request) => {
      record('topics:suggest', request);
      return suggestions.slice(0, request.limit);
    }),
    'topics:export': unavailable('topics:export'),
    'topics:import': unavailable('topics:import'),
    'notes:add': settle((request) => {
      record('notes:add', request);
      articleOrThrow('notes:add', request.articleId);
      return notes.put({ id: notes.nextId(), articleId: request.articleId, text: request.text, ...stamped() });
    }),
    'notes:edit': settle((request) => {
      record('notes:edit', request);
      return notes.edit('notes:edit', request.id, () => ({ text: request.text }));
    }),
    'notes:remove': settle((request) => {
      record('notes:remove', request);
      return notes.remove(request.id);
    }),
    'highlights:add': settle((request) => {
      record('highlights:add', request);
      const article = articleOrThrow('highlights:add', request.articleId);
      const start =
        request.start !== undefined && article.text.startsWith(request.quote, request.start)
          ? request.start
          : article.text.indexOf(request.quote);
      if (start < 0) {
        throw new OffprintError('bad-request', `highlights:add: the quote is not in article ${request.articleId}`);
      }
      return highlights.put({
        id: highlights.nextId(),
        articleId: article.id,
        quote: request.quote,
        start,
        end: start + request.quote.length,
        comment: request.comment ?? null,
        color: request.color ?? 'yellow',
        status: 'anchored',
        ...stamped(),
      });
    }),
    'highlights:edit': settle((request) => {
      record('highlights:edit', request);
      return highlights.edit('highlights:edit', request.id, (highlight) => ({
        comment: request.comment === undefined ? highlight.comment : request.comment,
        color: request.color ?? highlight.color,
      }));
    }),
    'highlights:remove': settle((request) => {
      record('highlights:remove', request);
      return highlights.remove(request.id);
    }),
    'retention:get': unavailable('retention:get'),
    'retention:set': unavailable('retention:set'),
    'retention:preview': unavailable('retention:preview'),
    'retention:run': unavailable('retention:run'),
    'library:backup': unavailable('library:backup'),
    'library:restore': unavailable('library:restore'),
    // A few short articles under "Sample articles", by fixed ids: loading twice finds them there.
    'library:loadSample': settle((request) => {
      record('library:loadSample', request);
      const source =
        [...feeds.values()].find((feed) => feed.title === 'Sample articles') ??
        putFeed({ kind: 'import', title: 'Sample articles', url: 'offprint:sample' });
      const samples = ['Copper output falls in Chile', 'Cocoa prices ease', 'Shipping rates through Suez'];
      let added = 0;
      samples.forEach((title, index) => {
        const id = `sample-${index + 1}`;
        if (articles.has(id)) return;
        putArticle({ id, feedId: source.id, title, text: `${title}.` });
        added += 1;
      });
      events.emit('library:changed', { reason: 'feeds', feedIds: [] });
      return { added, alreadyThere: samples.length - added };
    }),
    'export:pdf': settle((request) => {
      record('export:pdf', request);
      return exported('pdf', request.selection, request.destination ?? `/exports/${request.title ?? 'Export'}.pdf`);
    }),
    'export:html': settle((request) => {
      record('export:html', request);
      return exported('html', request.selection, request.destination ?? `/exports/${request.title ?? 'Export'}.html`);
    }),
    'export:markdown': settle((request) => {
      record('export:markdown', request);
      return exported('markdown', request.selection, request.destination ?? '/exports/Markdown');
    }),
    'export:citations': settle((request) => {
      record('export:citations', request);
      const chosen = selected(request.selection);
      const text = chosen.map((article) => `${article.title}. ${article.feedTitle ?? ''}.`).join('\n');
      return { format: request.format, text, file: request.destination ?? null, articles: chosen.length };
    }),
    'export:cancel': settle((request) => {
      record('export:cancel', request);
      return { cancelled: false };
    }),
    'articles:list': settle((request) => {
      record('articles:list', request);
      const inTopics = (request.topicIds ?? []).map((id) => topics.get(id)).filter((topic) => topic !== undefined);
      const matching = [...articles.values()]
        .filter((article) => request.feedId === undefined || article.feedId === request.feedId)
        .filter((article) => request.unread === undefined || article.read === !request.unread)
        .filter((article) => request.saved === undefined || article.saved === request.saved)
        .filter((article) => request.topicIds === undefined || inTopics.some((topic) => inTopic(article, topic)))
        .sort(
          request.sort === 'saved'
            ? (left, right) => (right.savedAt ?? '').localeCompare(left.savedAt ?? '')
            : newestFirst,
        );
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
      return {
        ...article,
        ...summaryOf(article),
        notes: [...article.notes, ...notes.of(article.id)],
        highlights: [...article.highlights, ...highlights.of(article.id)],
      };
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
      if (updated > 0) events.emit('library:changed', { reason: 'read', feedIds: [] });
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
    // A naive stand-in for the search engine: case-insensitive substring over title and text, in the order
    // the articles were added, the substring marked in the title and the snippet (the text's start).
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
          snippet: { text: article.text.slice(0, 200), highlights: rangesOf(article.text.slice(0, 200), needle) },
          titleHighlights: rangesOf(article.title, needle),
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
      const answer = relatedTo.get(request.id);
      return {
        related: answer?.related.slice(0, request.limit) ?? [],
        sameStory: answer?.sameStory.slice(0, request.limit) ?? [],
      };
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
  // A failure queued with failNext answers the next call of its name in place of the handler.
  const failing = Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      (request: unknown) => {
        const error = failures.get(name as CallName);
        if (error === undefined) return (handler as (request: unknown) => Promise<unknown>)(request);
        failures.delete(name as CallName);
        record(name, request);
        return Promise.reject(error);
      },
    ]),
  ) as unknown as Handlers;

  return {
    handlers: failing,
    events,
    received,
    addFeed: (feed = {}) => withCounts(putFeed(feed)),
    addArticle: putArticle,
    setSuggestions(next) {
      suggestions = next;
    },
    setRelated(articleId, related) {
      relatedTo.set(articleId, related);
    },
    failNext(name, error) {
      failures.set(name, error);
    },
  };
}
