import { existsSync } from 'node:fs';
import type { Handlers } from '../shared/contract.ts';
import { OffprintError } from '../shared/errors.ts';
import type { Feed } from '../shared/model.ts';
import type { EventSink } from '../shared/dispatch.ts';
import { FetchError } from './feeds/FetchError.ts';
import { FeedParseError } from './feeds/FeedParseError.ts';
import { normalizeFeedUrl } from './feeds/normalizeFeedUrl.ts';
import type { Ingest } from './ingest/Ingest.ts';
import { importArticles } from './ingest/importArticles.ts';
import { clipPage, type ClipContext } from './offline/clipPage.ts';
import type { OfflinePreparer } from './offline/OfflinePreparer.ts';
import { createAnnotationHandlers } from './annotations/createAnnotationHandlers.ts';
import { createLibraryCareHandlers } from './care/createLibraryCareHandlers.ts';
import type { LibraryCare } from './care/LibraryCare.ts';
import { createTopicHandlers } from './topics/createTopicHandlers.ts';
import type { TopicService } from './topics/TopicService.ts';
import { exportOpml } from './opml/exportOpml.ts';
import { OpmlError } from './opml/OpmlError.ts';
import { parseOpml } from './opml/parseOpml.ts';
import { SAMPLE_LIBRARY_FILE } from './assetFiles.ts';
import { createExportHandlers } from './export/createExportHandlers.ts';
import type { SettingsService } from './settings/SettingsService.ts';
import type { ExportService } from './export/ExportService.ts';
import type { LibrarySearch } from './Library.ts';
import type { ArticleStore, FeedRecord } from './store/ArticleStore.ts';

export interface HandlerContext {
  readonly store: ArticleStore;
  readonly ingest: Ingest;
  readonly offline: OfflinePreparer;
  readonly clip: ClipContext;
  readonly events: EventSink;
  readonly clock: () => Date;
  readonly dataDir: string;
  readonly version: string;
  /** The search index and service, opened on first use. */
  readonly search: () => LibrarySearch;
  /** Retention, unused images, backup and restore. */
  readonly care: LibraryCare;
  readonly topics: TopicService;
  readonly exports: ExportService;
  readonly settings: SettingsService;
}

/** Implements every contract call over the store and ingest. Requests arrive already parsed by the call's schema. */
export function createHandlers(context: HandlerContext): Handlers {
  const { store, ingest, events, clock } = context;
  const now = (): string => clock().toISOString();

  const requireFeed = (call: string, feedId: number): Feed => {
    const feed = store.reader.getFeed(feedId);
    if (!feed) throw new OffprintError('not-found', `${call}: no feed with id ${feedId}`);
    return feed;
  };

  /** A feed subscribed to now takes the `fullTextDefault` setting (auto: decided from its first fetch). */
  const withFullTextDefault = (record: FeedRecord): FeedRecord => {
    const fullText = context.settings.get().fullTextDefault;
    // A feed subscribed again keeps the choice it had.
    if (fullText === 'auto' || record.fullText !== 'auto') return record;
    store.writer.updateFeedSettings(record.id, { fullText });
    return { ...record, fullText };
  };

  return {
    ...createTopicHandlers(context.topics),
    ...createAnnotationHandlers(context),
    ...createLibraryCareHandlers(context.care),
    ...createExportHandlers(context.exports),

    'settings:get': () => Promise.resolve(context.settings.get()),
    'settings:update': (change) => Promise.resolve(context.settings.update(change)),

    'app:info': () =>
      Promise.resolve({
        name: 'Offprint',
        version: context.version,
        dataDir: context.dataDir,
        schemaVersion: store.reader.schemaVersion(),
        runtime: `Node ${process.versions.node}`,
        feedCount: store.reader.countFeeds(),
        articleCount: store.reader.countArticles(),
      }),

    'feeds:add': async ({ url, folder }) => {
      const requested = canonicalFeedUrl('feeds:add', url);
      const already = store.reader.findFeedByUrl(requested);
      if (already && already.removedAt === null) {
        throw new OffprintError('conflict', `feeds:add: already subscribed to ${requested} (feed ${already.id})`);
      }
      const started = clock();
      let resolved;
      try {
        resolved = await ingest.resolveFeed(requested);
      } catch (error) {
        if (error instanceof FetchError || error instanceof FeedParseError) {
          throw new OffprintError('feed-error', `feeds:add: ${error.message}`, { cause: error });
        }
        throw error;
      }
      const existing = store.reader.findFeedByUrl(resolved.feedUrl);
      if (existing && existing.removedAt === null) {
        throw new OffprintError(
          'conflict',
          `feeds:add: ${requested} advertises ${resolved.feedUrl}, already subscribed (feed ${existing.id})`,
        );
      }
      const record = withFullTextDefault(
        store.writer.addFeed(
          {
            url: resolved.feedUrl,
            title: resolved.parsed.title ?? new URL(resolved.feedUrl).hostname,
            siteUrl: resolved.parsed.siteUrl,
            description: resolved.parsed.description,
            folder: folder ?? null,
          },
          now(),
        ),
      );
      const refresh = ingest.storeFirstFetch(record, resolved, started);
      events.emit('library:changed', { reason: 'feeds', feedIds: [record.id] });
      const offline = await ingest.catchUpOffline();
      return { feed: requireFeed('feeds:add', record.id), discoveredFrom: resolved.discoveredFrom, refresh, offline };
    },

    'feeds:list': () => Promise.resolve(store.reader.listFeeds()),

    'feeds:update': ({ feedId, title, folder, fullText }) => {
      const before = requireFeed('feeds:update', feedId);
      if (fullText !== undefined && before.kind !== 'feed') {
        throw new OffprintError(
          'bad-request',
          `feeds:update: feed ${feedId} holds imported or clipped articles and is never fetched; full text does not apply`,
        );
      }
      store.transaction(() => {
        store.writer.updateFeedSettings(feedId, {
          ...(title === undefined ? {} : { title }),
          ...(folder === undefined ? {} : { folder: folder === '' ? null : folder }),
          ...(fullText === undefined ? {} : { fullText }),
        });
        // Turning full text on asks for the pages of the articles already stored (the next refresh or
        // offline:prepare fetches them); turning it off stops asking. Pages already extracted stay.
        if (fullText !== undefined && fullText !== before.fullText) {
          store.writer.setFeedPagesWanted(feedId, fullText === 'on');
        }
      });
      events.emit('library:changed', { reason: 'feeds', feedIds: [feedId] });
      return Promise.resolve(requireFeed('feeds:update', feedId));
    },

    'feeds:remove': ({ feedId }) => {
      requireFeed('feeds:remove', feedId);
      const outcome = store.writer.removeFeed(feedId, now());
      events.emit('library:changed', { reason: 'feeds', feedIds: [feedId] });
      // The deleted articles' image files, unless other articles use them too.
      context.care.scheduleImageCollection();
      return Promise.resolve({ removed: true, ...outcome });
    },

    'feeds:refresh': async ({ feedIds }) => {
      const feeds =
        feedIds === undefined
          ? store.reader.feedsToRefresh()
          : feedIds.map((feedId) => {
              requireFeed('feeds:refresh', feedId);
              const record = store.reader.getFeedRecord(feedId);
              if (!record || record.kind !== 'feed') {
                throw new OffprintError(
                  'bad-request',
                  `feeds:refresh: feed ${feedId} holds imported articles and has nothing to fetch`,
                );
              }
              return record;
            });
      return ingest.refresh(feeds);
    },

    'opml:import': ({ content }) => {
      let document;
      try {
        document = parseOpml(content);
      } catch (error) {
        if (error instanceof OpmlError)
          throw new OffprintError('bad-request', `opml:import: ${error.message}`, { cause: error });
        throw error;
      }
      const added: Feed[] = [];
      const duplicates = [...document.duplicates];
      for (const entry of document.outlines) {
        const url = canonicalFeedUrl('opml:import', entry.url);
        const existing = store.reader.findFeedByUrl(url);
        if (existing && existing.removedAt === null) {
          duplicates.push(url);
          continue;
        }
        const record = withFullTextDefault(
          store.writer.addFeed(
            { url, title: entry.title ?? new URL(url).hostname, siteUrl: entry.siteUrl, folder: entry.folder },
            now(),
          ),
        );
        added.push(requireFeed('opml:import', record.id));
      }
      if (added.length > 0) events.emit('library:changed', { reason: 'feeds', feedIds: added.map((feed) => feed.id) });
      return Promise.resolve({ added, duplicates, problems: document.problems, recovered: document.recovered });
    },

    'opml:export': () => {
      const feeds = store.reader.listFeeds().filter((feed) => /^https?:/i.test(feed.url));
      const opml = exportOpml(feeds, { title: 'Offprint subscriptions', dateCreated: clock() });
      return Promise.resolve({ opml, feedCount: feeds.length });
    },

    'articles:list': (filter) => {
      if (filter.feedId !== undefined) requireFeed('articles:list', filter.feedId);
      if (filter.topicIds !== undefined) context.topics.requireTopics('articles:list', filter.topicIds);
      return Promise.resolve(store.reader.listArticles(filter));
    },

    'articles:get': ({ id }) => {
      const article = store.reader.getArticle(id);
      if (!article) throw new OffprintError('not-found', `articles:get: no article with id ${id}`);
      return Promise.resolve(article);
    },

    'articles:markRead': ({ ids, read }) => {
      const updated = store.writer.markRead(ids, read);
      if (updated > 0) events.emit('library:changed', { reason: 'read', feedIds: [] });
      return Promise.resolve({ updated });
    },

    'articles:clip': async (input) => {
      const result = await clipPage(input, context.clip);
      events.emit('library:changed', {
        reason: 'articles',
        feedIds: result.article.feedId === null ? [] : [result.article.feedId],
      });
      return result;
    },

    'offline:prepare': ({ feedIds, saved, since, articleIds }) => {
      for (const feedId of feedIds ?? []) requireFeed('offline:prepare', feedId);
      return context.offline.prepare({
        ...(feedIds === undefined ? {} : { feedIds }),
        ...(saved === undefined ? {} : { saved }),
        ...(since === undefined ? {} : { since }),
        ...(articleIds === undefined ? {} : { articleIds }),
      });
    },

    'offline:cancel': () => Promise.resolve({ cancelled: context.offline.cancel() }),

    'search:query': (request) => {
      if (request.topicIds !== undefined) context.topics.requireTopics('search:query', request.topicIds);
      return Promise.resolve(context.search().service.query(request));
    },

    'search:related': ({ id, limit }) => Promise.resolve(context.search().service.related(id, limit)),

    'search:status': () => Promise.resolve(context.search().index.status()),

    'search:rebuild': async () => {
      const { index } = context.search();
      await index.rebuild();
      return index.status();
    },

    'library:loadSample': async () => {
      if (!existsSync(SAMPLE_LIBRARY_FILE)) {
        throw new OffprintError(
          'unavailable',
          `library:loadSample: the sample library is missing (${SAMPLE_LIBRARY_FILE})`,
        );
      }
      // Each line names its source ("Sample articles") and id, so loading twice finds the same articles.
      const report = await importArticles(store, SAMPLE_LIBRARY_FILE, { clock });
      if (report.rejectedCount > 0) {
        throw new OffprintError('internal', `library:loadSample: ${report.problems.join('; ')}`);
      }
      // A new source may have been added with the articles: lists and the sidebar reload.
      events.emit('library:changed', { reason: 'feeds', feedIds: [] });
      return { added: report.newCount, alreadyThere: report.updatedCount + report.unchangedCount };
    },

    'articles:setSaved': ({ id, saved }) => {
      if (!store.writer.setSaved(id, saved, now())) {
        throw new OffprintError('not-found', `articles:setSaved: no article with id ${id}`);
      }
      const summary = store.reader.getArticleSummary(id);
      if (!summary) throw new OffprintError('not-found', `articles:setSaved: no article with id ${id}`);
      events.emit('library:changed', { reason: 'articles', feedIds: summary.feedId === null ? [] : [summary.feedId] });
      return Promise.resolve(summary);
    },
  };
}

/** The stored form of a feed URL: `feed:` schemes undone, fragment dropped, one spelling per feed. */
function canonicalFeedUrl(call: string, input: string): string {
  const check = normalizeFeedUrl(input);
  if (!check.ok) throw new OffprintError('bad-request', `${call}: ${JSON.stringify(input)} ${check.reason}`);
  return check.key;
}
