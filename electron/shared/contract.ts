/**
 * The one API contract. Every call the renderer, the Node host's HTTP API
 * and the CLI can make is listed here once, as `domain:verb` with its zod
 * request schema and its response type; every event pushed to the renderer
 * is listed under `events`. The Electron handler registry, the preload's
 * `window.offprint`, the HTTP routes and the renderer client are all derived
 * from this object: no channel string appears anywhere else.
 */
import { z } from 'zod';
import type { Result } from './errors.ts';
import type {
  AddFeedResult,
  AppInfo,
  Article,
  BackupReport,
  CareProgress,
  CitationExport,
  ExportProgress,
  ExportReport,
  Highlight,
  Note,
  RestoreReport,
  RetentionPreview,
  RetentionReport,
  RetentionSettings,
  Topic,
  TopicEvent,
  TopicImportReport,
  TopicPreview,
  TopicSuggestion,
  ArticlePage,
  ArticleSummary,
  ClipResult,
  Feed,
  IngestEvent,
  LibraryChange,
  OfflineEvent,
  OfflineReport,
  OpmlImportReport,
  RefreshReport,
  RelatedArticles,
  SearchProgress,
  SearchResults,
  SearchStatus,
} from './model.ts';
import { settingsChangeSchema, type Settings } from './settings.ts';

/** A call's request schema plus its response type (carried as a type only). */
export interface CallSpec<Request extends z.ZodType, Response> {
  readonly request: Request;
  readonly summary: string;
  /** Phantom: never set at run time; lets types derive the response. */
  readonly response?: Response;
}

export interface EventSpec<Payload> {
  readonly summary: string;
  readonly payload?: Payload;
}

function call<Response>() {
  return <Request extends z.ZodType>(request: Request, summary: string): CallSpec<Request, Response> => ({
    request,
    summary,
  });
}

function event<Payload>(summary: string): EventSpec<Payload> {
  return { summary };
}

const feedId = z.number().int().positive();
const articleId = z.string().min(1).max(64);
const httpUrl = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .refine((value) => /^https?:\/\//i.test(value), { error: 'must be an http or https URL' });

const topicId = z.number().int().positive();
const noteId = z.number().int().positive();
const highlightId = z.number().int().positive();
const topicName = z.string().trim().min(1).max(200);
const topicQuery = z.string().trim().min(1).max(2000);
const topicFeedIds = z.array(feedId).max(10_000).nullable();
const topicCategories = z.array(z.string().trim().min(1).max(200)).max(200);
const highlightColor = z.enum(['yellow', 'green', 'blue', 'pink', 'purple']);
const retentionDays = z.number().int().min(1).max(36_500).nullable();
const localPath = z.string().trim().min(1).max(4096);
const isoInstant = z.iso.datetime({ offset: true });
const exportSelection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ids'), ids: z.array(articleId).min(1).max(10_000) }).strict(),
  z.object({ kind: z.literal('saved') }).strict(),
  z.object({ kind: z.literal('topic'), topicId }).strict(),
  z.object({ kind: z.literal('search'), query: z.string().trim().min(1).max(2000) }).strict(),
]);
const exportTitle = z.string().trim().min(1).max(300);

/** Limits keep one call from asking the main process for an unbounded amount of work. */
export const MAX_PAGE_SIZE = 500;
export const MAX_OPML_CHARS = 10_000_000;
/** A clipped page's HTML; the page fetcher's own cap is the same. */
export const MAX_CLIP_HTML_CHARS = 8 * 1024 * 1024;

export const contract = {
  calls: {
    'app:info': call<AppInfo>()(z.object({}).strict(), 'Version, data directory and library counts.'),

    'feeds:add': call<AddFeedResult>()(
      z.object({ url: httpUrl, folder: z.string().trim().max(200).nullable().optional() }).strict(),
      'Subscribe to a feed URL, or to the feed a web page advertises, and fetch it once.',
    ),
    'feeds:list': call<readonly Feed[]>()(z.object({}).strict(), 'Every subscribed feed with status and counts.'),
    'feeds:remove': call<{
      readonly removed: boolean;
      readonly articlesDeleted: number;
      readonly articlesKept: number;
    }>()(
      z.object({ feedId }).strict(),
      "Unsubscribe; the feed's articles are deleted except saved, noted or highlighted ones.",
    ),
    'feeds:update': call<Feed>()(
      z
        .object({
          feedId,
          title: z.string().trim().min(1).max(500).optional(),
          folder: z.string().trim().max(200).nullable().optional(),
          fullText: z.enum(['on', 'off']).optional(),
        })
        .strict(),
      'Rename a feed, file it in a folder, or turn fetching full article pages on or off.',
    ),
    'feeds:refresh': call<RefreshReport>()(
      z.object({ feedIds: z.array(feedId).max(10_000).optional() }).strict(),
      'Fetch the given feeds (or all) now; per-feed results, failures included.',
    ),

    'opml:import': call<OpmlImportReport>()(
      z.object({ content: z.string().max(MAX_OPML_CHARS) }).strict(),
      'Subscribe to every feed in an OPML document; duplicates and problems are reported.',
    ),
    'opml:export': call<{ readonly opml: string; readonly feedCount: number }>()(
      z.object({}).strict(),
      'All subscriptions as an OPML 2.0 document.',
    ),

    'articles:list': call<ArticlePage>()(
      z
        .object({
          feedId: feedId.optional(),
          topicIds: z.array(topicId).min(1).max(100).optional(),
          unread: z.boolean().optional(),
          saved: z.boolean().optional(),
          after: isoInstant.optional(),
          before: isoInstant.optional(),
          /** `newest` (published, else fetched); `saved`: most recently saved first (the saved list). */
          sort: z.enum(['newest', 'saved']).default('newest'),
          limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
          offset: z.number().int().min(0).default(0),
        })
        .strict(),
      'A page of articles filtered by feed, topics (any of them), unread, saved and date range.',
    ),
    'articles:get': call<Article>()(z.object({ id: articleId }).strict(), 'One article with its stored content.'),
    'articles:markRead': call<{ readonly updated: number }>()(
      z.object({ ids: z.array(articleId).min(1).max(MAX_PAGE_SIZE), read: z.boolean() }).strict(),
      'Mark articles read or unread.',
    ),
    'articles:setSaved': call<ArticleSummary>()(
      z.object({ id: articleId, saved: z.boolean() }).strict(),
      'Save or unsave an article (saved_at is kept).',
    ),

    'articles:clip': call<ClipResult>()(
      z.union([
        z.object({ url: httpUrl }).strict(),
        z
          .object({
            html: z.string().min(1).max(MAX_CLIP_HTML_CHARS),
            /** The file the page came from, for messages; its address comes from the page or `url`. */
            fileName: z.string().min(1).max(1000),
            url: httpUrl.optional(),
          })
          .strict(),
      ]),
      'Save one page (by URL, or a local HTML file\'s content) as a "Clipped" article, with its images.',
    ),

    'offline:prepare': call<OfflineReport>()(
      z
        .object({
          feedIds: z.array(feedId).max(10_000).optional(),
          saved: z.boolean().optional(),
          since: z.iso.datetime({ offset: true }).optional(),
          articleIds: z.array(articleId).max(10_000).optional(),
        })
        .strict(),
      'Fetch full text and images for the selected articles, with progress events; reports what could not be fetched.',
    ),
    'offline:cancel': call<{ readonly cancelled: boolean }>()(
      z.object({}).strict(),
      'Stop a running offline:prepare; what is already on disk stays.',
    ),

    'topics:list': call<readonly Topic[]>()(z.object({}).strict(), 'Every topic with its counts.'),
    'topics:create': call<Topic>()(
      z
        .object({
          name: topicName,
          query: topicQuery,
          feedIds: topicFeedIds.optional(),
          categories: topicCategories.optional(),
          notify: z.boolean().optional(),
        })
        .strict(),
      'Create a topic; its rule is applied to the whole library in the background (topics:progress).',
    ),
    'topics:update': call<Topic>()(
      z
        .object({
          id: topicId,
          name: topicName.optional(),
          query: topicQuery.optional(),
          feedIds: topicFeedIds.optional(),
          categories: topicCategories.optional(),
          notify: z.boolean().optional(),
        })
        .strict(),
      'Rename a topic or change its rule (re-applied in the background) or notification.',
    ),
    'topics:delete': call<{ readonly deleted: boolean }>()(
      z.object({ id: topicId }).strict(),
      'Delete a topic; its articles stay.',
    ),
    'topics:preview': call<TopicPreview>()(
      z
        .object({
          query: topicQuery,
          feedIds: topicFeedIds.optional(),
          categories: topicCategories.optional(),
          limit: z.number().int().min(0).max(50).default(5),
        })
        .strict(),
      'How many stored articles a rule would match, and the newest few, before saving it.',
    ),
    'topics:suggest': call<readonly TopicSuggestion[]>()(
      z.object({ limit: z.number().int().min(1).max(50).default(8) }).strict(),
      "Starter topics from the library's frequent key terms and feed categories.",
    ),
    'topics:export': call<{ readonly content: string; readonly count: number }>()(
      z.object({ format: z.enum(['opml', 'json']) }).strict(),
      'Every topic as OPML (saved-search outlines) or JSON.',
    ),
    'topics:import': call<TopicImportReport>()(
      z.object({ content: z.string().max(MAX_OPML_CHARS) }).strict(),
      'Create the topics in an OPML or JSON export; existing names and problems are reported.',
    ),

    'notes:add': call<Note>()(
      z.object({ articleId, text: z.string().trim().min(1).max(100_000) }).strict(),
      'Add a markdown note to an article.',
    ),
    'notes:edit': call<Note>()(
      z.object({ id: noteId, text: z.string().trim().min(1).max(100_000) }).strict(),
      'Change the text of a note.',
    ),
    'notes:remove': call<{ readonly removed: boolean }>()(z.object({ id: noteId }).strict(), 'Delete a note.'),
    'highlights:add': call<Highlight>()(
      z
        .object({
          articleId,
          quote: z.string().min(1).max(10_000),
          /** Where the quote starts in the stored text; found by searching when omitted or wrong. */
          start: z.number().int().min(0).optional(),
          comment: z.string().trim().max(10_000).nullable().optional(),
          color: highlightColor.optional(),
        })
        .strict(),
      "Highlight a passage of an article's text, with an optional comment and colour.",
    ),
    'highlights:edit': call<Highlight>()(
      z
        .object({
          id: highlightId,
          comment: z.string().trim().max(10_000).nullable().optional(),
          color: highlightColor.optional(),
        })
        .strict(),
      "Change a highlight's comment or colour.",
    ),
    'highlights:remove': call<{ readonly removed: boolean }>()(
      z.object({ id: highlightId }).strict(),
      'Delete a highlight.',
    ),

    'retention:get': call<RetentionSettings>()(z.object({}).strict(), 'The global and per-feed retention settings.'),
    'retention:set': call<RetentionSettings>()(
      z
        .object({ globalDays: retentionDays.optional(), feedId: feedId.optional(), days: retentionDays.optional() })
        .strict(),
      "Set the global retention, or one feed's (null: keep everything / use the global setting).",
    ),
    'retention:preview': call<RetentionPreview>()(
      z.object({ limit: z.number().int().min(0).max(100).default(10) }).strict(),
      'What a clean-up would delete now (never saved, noted or highlighted articles).',
    ),
    'retention:run': call<RetentionReport>()(
      z.object({}).strict(),
      'Delete what retention:preview lists, and image files no article uses any more.',
    ),

    'settings:get': call<Settings>()(
      z.object({}).strict(),
      'The app settings (settings.json in the data directory, shared by the app, the Node host and the CLI).',
    ),
    'settings:update': call<Settings>()(
      settingsChangeSchema,
      'Change some settings (each checked, and the file checked against its schema on writing); returns them all.',
    ),

    'library:backup': call<BackupReport>()(
      z.object({ file: localPath }).strict(),
      'Write the whole library (database, images, settings) to one archive file, consistent while the app runs.',
    ),
    'library:restore': call<RestoreReport>()(
      z.object({ file: localPath }).strict(),
      'Check a backup archive completely, then replace the library with it (the old one is kept aside).',
    ),
    'library:loadSample': call<{ readonly added: number; readonly alreadyThere: number }>()(
      z.object({}).strict(),
      'Import the short sample articles shipped with the app (assets/sample-library.jsonl) under "Sample articles".',
    ),

    'export:pdf': call<ExportReport>()(
      z
        .object({
          selection: exportSelection,
          title: exportTitle.optional(),
          author: z.string().trim().max(200).nullable().optional(),
          paper: z.enum(['a4', 'letter']).default('a4'),
          margins: z.enum(['narrow', 'normal', 'wide']).default('normal'),
          perArticle: z.boolean().default(false),
          destination: localPath.optional(),
        })
        .strict(),
      'Print articles to one PDF brief (cover, contents, articles, sources), or one PDF per article into a folder.',
    ),
    'export:html': call<ExportReport>()(
      z
        .object({ selection: exportSelection, title: exportTitle.optional(), destination: localPath.optional() })
        .strict(),
      'One self-contained HTML file of the articles, images inlined.',
    ),
    'export:markdown': call<ExportReport>()(
      z
        .object({
          selection: exportSelection,
          perArticle: z.boolean().default(true),
          destination: localPath.optional(),
        })
        .strict(),
      'Markdown with front matter, highlights as quotes and notes: a folder of files (one per article) with their images.',
    ),
    'export:citations': call<CitationExport>()(
      z
        .object({
          selection: exportSelection,
          format: z.enum(['bibtex', 'ris', 'csl-json', 'text']),
          destination: localPath.optional(),
        })
        .strict(),
      'Citations for the articles (BibTeX, RIS, CSL-JSON or one plain line each), returned and optionally written to a file.',
    ),
    'export:cancel': call<{ readonly cancelled: boolean }>()(
      z.object({}).strict(),
      'Stop the running export; nothing half-written is left behind.',
    ),

    'search:query': call<SearchResults>()(
      z
        .object({
          query: z.string().max(2000),
          limit: z.number().int().min(1).max(200).default(20),
          offset: z.number().int().min(0).max(100_000).default(0),
          sort: z.enum(['relevance', 'date']).default('relevance'),
          feedId: feedId.optional(),
          topicIds: z.array(topicId).min(1).max(100).optional(),
          unread: z.boolean().optional(),
          saved: z.boolean().optional(),
          after: isoInstant.optional(),
          before: isoInstant.optional(),
        })
        .strict(),
      'Full-text search in the query language, ranked or newest first, with snippets; filters combine.',
    ),
    'search:related': call<RelatedArticles>()(
      z.object({ id: articleId, limit: z.number().int().min(1).max(50).default(10) }).strict(),
      'Articles most like this one, and the same story from other sources.',
    ),
    'search:status': call<SearchStatus>()(
      z.object({}).strict(),
      'Segments, documents, queued changes and build progress.',
    ),
    'search:rebuild': call<SearchStatus>()(
      z.object({}).strict(),
      'Rebuild the search index from the library (in the background, with progress events).',
    ),
  },
  events: {
    'ingest:progress': event<IngestEvent>('Refresh progress: per feed started/finished, then the report.'),
    'library:changed': event<LibraryChange>('Feeds or articles changed; lists should reload.'),
    'search:progress': event<SearchProgress>('Index building, merging or rebuilding progress.'),
    'offline:progress': event<OfflineEvent>('Full-text and image fetching progress: done/total, bytes, failures.'),
    'export:progress': event<ExportProgress>('A running export: format, phase, articles or documents done/total.'),
    'settings:changed': event<Settings>('The settings changed (here, or in another program sharing the file).'),
    'care:progress': event<CareProgress>('Retention clean-up, backup or restore progress: phase, done/total.'),
    'topics:progress': event<TopicEvent>(
      'A topic rule being applied to the library, applied, or matching new articles.',
    ),
  },
} as const;

type Calls = typeof contract.calls;
type Events = typeof contract.events;

export type CallName = keyof Calls;
export type EventName = keyof Events;

/** What a caller passes (defaults may be omitted). */
export type RequestOf<Name extends CallName> = z.input<Calls[Name]['request']>;
/** What a handler receives after the schema has parsed and defaulted it. */
export type ParsedRequestOf<Name extends CallName> = z.output<Calls[Name]['request']>;
export type ResponseOf<Name extends CallName> = NonNullable<Calls[Name]['response']>;
export type EventPayloadOf<Name extends EventName> = NonNullable<Events[Name]['payload']>;

export const callNames = Object.keys(contract.calls) as CallName[];
export const eventNames = Object.keys(contract.events) as EventName[];

export function isCallName(value: unknown): value is CallName {
  return typeof value === 'string' && Object.hasOwn(contract.calls, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(contract.events, value);
}

/** The core side: one async function per call. */
export type Handlers = {
  readonly [Name in CallName]: (request: ParsedRequestOf<Name>) => Promise<ResponseOf<Name>>;
};

export type EventListener<Name extends EventName> = (payload: EventPayloadOf<Name>) => void;
export type Unsubscribe = () => void;

type DomainOf<Name extends string> = Name extends `${infer Domain}:${string}` ? Domain : never;
type Domains = DomainOf<CallName>;

/**
 * `window.offprint`: calls grouped by domain (`offprint.feeds.add({...})`),
 * each returning the result envelope; plus `on(event, listener)` limited to
 * the contract's events. Derived from the contract, never written by hand.
 */
export type OffprintApi = {
  readonly [Domain in Domains]: {
    readonly [Name in CallName as Name extends `${Domain}:${infer Verb}` ? Verb : never]: (
      request: RequestOf<Name>,
    ) => Promise<Result<ResponseOf<Name>>>;
  };
} & {
  readonly on: <Name extends EventName>(name: Name, listener: EventListener<Name>) => Unsubscribe;
};

/** Splits `feeds:add` into `['feeds', 'add']`. */
export function splitCallName(name: CallName): readonly [string, string] {
  const [domain = '', verb = ''] = name.split(':');
  return [domain, verb];
}

/** Channel names used by Electron IPC, derived from the contract. */
export function ipcChannelOf(name: CallName | EventName): string {
  return `offprint:${name}`;
}

/** Parses a request with its call's schema, or returns the first problem in plain words. */
export function parseRequest<Name extends CallName>(
  name: Name,
  payload: unknown,
): { ok: true; value: ParsedRequestOf<Name> } | { ok: false; message: string } {
  const schema: z.ZodType = contract.calls[name].request;
  const parsed = schema.safeParse(payload ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as ParsedRequestOf<Name> };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'request';
  return { ok: false, message: `${name}: invalid ${where}: ${issue?.message ?? 'bad payload'}` };
}
