import { readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CallName, RequestOf, ResponseOf } from '../shared/contract.ts';
import { dispatchCall } from '../shared/dispatch.ts';
import { toErrorInfo, type ErrorInfo } from '../shared/errors.ts';
import { openLibrary, type Library } from '../core/Library.ts';
import type { CareProgress } from '../core/care/CareProgress.ts';
import type { ExportProgress } from '../shared/model.ts';
import { restoreLibrary } from '../core/care/restoreLibrary.ts';
import { decodeBody } from '../core/feeds/decodeBody.ts';
import { importArticles } from '../core/ingest/importArticles.ts';
import { StoreError } from '../core/store/openDatabase.ts';
import type { Printer } from '../core/export/Printer.ts';
import { defaultDataDir } from './defaultDataDir.ts';
import {
  EXPORT_USAGE,
  ExportUsageError,
  exportCall,
  formatCitations,
  formatExportProgress,
  formatExportReport,
} from './exportCommand.ts';
import {
  SETTINGS_USAGE,
  SettingsUsageError,
  formatSettings,
  openCliSettings,
  settingsChange,
  type CliSettings,
} from './settingsCommand.ts';
import {
  formatArticle,
  formatArticlePage,
  formatBackupReport,
  formatClipResult,
  formatFeeds,
  formatHighlight,
  formatNote,
  formatOfflineReport,
  formatOpmlReport,
  formatRefreshReport,
  formatRefreshResult,
  formatRelated,
  formatRestoreReport,
  formatRetentionPreview,
  formatRetentionReport,
  formatRetentionSettings,
  formatSearchResults,
  formatTopicImportReport,
  formatTopicPreview,
  formatTopics,
  formatTopicSuggestions,
} from './formatters.ts';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Resolves when the user asks a long-running command (serve) to stop. */
  readonly untilInterrupted: () => Promise<void>;
  readonly serve?: ServeFunction;
  /** Prints PDF exports (offprint.ts: the system's Chromium); without one, export --pdf says it cannot print. */
  readonly printer?: () => Printer;
}

export type ServeFunction = (
  library: Library,
  port: number,
  io: CliIo,
) => Promise<{ url: string; close(): Promise<void> }>;

/** Exit codes: 0 done, 1 a call failed, 2 usage, 3 data directory. */
export const EXIT = { ok: 0, failed: 1, usage: 2, dataDir: 3 } as const;

export const USAGE = `Usage: offprint [--data-dir DIR] [--json] <command>

Feeds
  feeds add <url> [--folder NAME]   subscribe to a feed, or to the feed a page advertises
  feeds list                        subscriptions with status and counts
  feeds remove <id>                 unsubscribe (saved articles are kept)
  feeds set <id> [--full-text on|off] [--folder NAME] [--title TEXT]
                                    fetch each article's page for full text, or keep the feed's content
  refresh [feedId...]               fetch feeds now (all when none are given)
  opml import <file>                subscribe to every feed in an OPML file
  opml export [file]                write subscriptions as OPML (stdout when no file)

Articles
  articles list [--feed ID] [--unread] [--saved] [--sort newest|saved] [--limit N] [--offset N]
                                    (--saved --sort saved: the saved list, most recently saved first)
  articles show <id>                one article with its text
  articles import <file.jsonl[.gz]> one JSON object a line: title, body or html, url, date, source, topics
  save <id> | unsave <id>
  clip <url | file.html> [--url URL]
                                    save one page as an article of "Clipped", with its images
                                    (--url: where a saved file came from, for its links and images)

Notes and highlights
  note <articleId> <text...>        add a markdown note to an article
  notes edit <noteId> <text...>     change a note's text
  notes remove <noteId>             delete a note
  highlight <articleId> <quote> [--comment TEXT] [--color yellow|green|blue|pink|purple]
                                    highlight a passage of the article's text
  highlights edit <id> [--comment TEXT] [--color C]
  highlights remove <id>            delete a highlight
                                    (articles show lists them; search note:word, has:note)

Topics
  topics list                       every topic with its counts (articles, unread, saved)
  topics add <name> <query> [--feed ID]... [--category C]... [--notify]
                                    a named rule in the search language; applied to the library before exiting
  topics remove <id>                delete a topic (its articles stay)
  topics preview <query> [--feed ID]... [--category C]... [--limit N]
                                    how many articles the rule matches now, and the newest few
  topics suggest [--limit N]        starter topics from the library's categories and key terms (none is created)
  topics export [--format opml|json] [file]
  topics import <file>              topics from an OPML or JSON export (duplicates and problems reported)
  articles list --topic ID [--topic ID]...
  search "<query>" --topic ID [--topic ID]...
                                    the articles of any of these topics (with the other filters)

Offline
  prepare [--feed ID]... [--saved] [--since 14d|2026-11-01]
                                    fetch full text and images for those articles (all when none given);
                                    reports what could not be fetched and why; Ctrl-C stops it

Search
  search "<query>" [--limit N] [--offset N] [--sort relevance|date] [--feed ID] [--unread] [--saved]
                                    the query language: words, "phrases", title:/author:/source:, +must -not,
                                    wild*, fuzzy~1, OR, is:saved, is:unread, after:2025-01-01, before:, date:7d
  related <id>                      articles like this one, and the same story from other sources
  reindex                           rebuild the search index from the library

Library care
  retention [show]                  how long read articles are kept, globally and per feed
  retention set --days N | --keep [--feed ID]
                                    delete read articles older than N days, or keep everything (the default);
                                    with --feed, that feed's own setting (--keep: follow the global one).
                                    Saved, noted, highlighted and unread articles are always kept
  retention preview [--limit N]     what a clean-up would delete now: articles by feed, image files
  retention run [--yes]             delete them (without --yes it only previews)
  backup <file>                     write the library (database, images, settings) to one archive;
                                    safe while the app runs
  restore <file>                    check a backup completely, then replace the library with it (the old
                                    one is kept in replaced-<time>/ in the data directory); close the app first

${EXPORT_USAGE}

${SETTINGS_USAGE}

Other
  info                              version, data directory and counts
  serve [--port N]                  start the Node host; prints its URL with the access token

Options
  --data-dir DIR   the library to use (default: the desktop app's own, ${defaultDataDir()},
                   or the dataDirectory its settings name)
  --json           print one JSON document on stdout
`;

class UsageError extends Error {}

interface Parsed {
  readonly positionals: readonly string[];
  readonly values: {
    'data-dir'?: string;
    json?: boolean;
    help?: boolean;
    feed?: string[];
    unread?: boolean;
    saved?: boolean;
    limit?: string;
    offset?: string;
    port?: string;
    sort?: string;
    folder?: string;
    'full-text'?: string;
    title?: string;
    since?: string;
    url?: string;
    days?: string;
    keep?: boolean;
    yes?: boolean;
    topic?: string[];
    category?: string[];
    notify?: boolean;
    format?: string;
    comment?: string;
    color?: string;
    ids?: string;
    query?: string;
    author?: string;
    paper?: string;
    margins?: string;
    pdf?: string;
    'per-article'?: string;
    html?: string;
    markdown?: string;
    bibtex?: string;
    ris?: string;
    'csl-json'?: string;
  };
}

/** Progress of index work on stderr, one line per step of 10%; returns the disposer. */
function printSearchProgress(library: Library, io: CliIo): () => void {
  let lastShown = -1;
  return library.events.subscribe((name, payload) => {
    if (name !== 'search:progress' || !('phase' in payload) || payload.phase === 'idle' || payload.total === 0) return;
    const tenth = Math.floor((payload.done / payload.total) * 10);
    if (tenth === lastShown) return;
    lastShown = tenth;
    io.stderr(`search index: ${payload.phase} ${payload.done}/${payload.total}\n`);
  });
}

/** Progress of a full-text and image pass on stderr, at most one line per 10%; returns the disposer. */
function printOfflineProgress(library: Library, io: CliIo): () => void {
  let lastShown = -1;
  return library.events.subscribe((name, payload) => {
    if (name !== 'offline:progress' || !('kind' in payload) || payload.kind !== 'article') return;
    const tenth = Math.floor((payload.done / payload.total) * 10);
    if (tenth === lastShown && payload.done !== payload.total) return;
    lastShown = tenth;
    const kilobytes = Math.round(payload.bytes / 1024);
    const problems = `${payload.failed} problem${payload.failed === 1 ? '' : 's'}`;
    io.stderr(`offline: ${payload.done}/${payload.total} articles, ${kilobytes} KB, ${problems}\n`);
  });
}

const RELATIVE_SINCE = /^(\d+)([hdw])$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** An ISO 8601 instant with its offset: 2026-11-01T08:00Z, 2026-11-01T08:00:00.000+01:00. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * `14d`, `12h`, `2w` before `now`, or a calendar date (midnight UTC) or an
 * ISO instant with its offset; as an ISO instant. Anything else is a usage
 * error: `Date` alone would take `1` for 2001 and 2026-02-30 for March 2.
 */
export function parseSince(value: string, now: Date): string {
  const text = value.trim();
  const relative = RELATIVE_SINCE.exec(text);
  let date: Date | null = null;
  if (relative) {
    const hours = { h: 1, d: 24, w: 24 * 7 }[relative[2] as 'h' | 'd' | 'w'] * Number(relative[1]);
    date = new Date(now.getTime() - hours * 3_600_000);
  } else if (CALENDAR_DATE.test(text) || ISO_INSTANT.test(text)) {
    const day = text.slice(0, 10);
    const parsed = new Date(CALENDAR_DATE.test(text) ? `${day}T00:00:00Z` : text);
    // Date rolls 2026-02-30 over into March; a day that does not exist is a typing mistake.
    const calendarDay = new Date(`${day}T00:00:00Z`);
    if (!Number.isNaN(calendarDay.getTime()) && calendarDay.toISOString().startsWith(day)) date = parsed;
  }
  if (date === null || Number.isNaN(date.getTime())) {
    throw new UsageError(`--since must be like 14d, 12h, 2w or a date like 2026-11-01, got ${JSON.stringify(value)}`);
  }
  return date.toISOString();
}

const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;

function highlightColor(value: string): (typeof HIGHLIGHT_COLORS)[number] {
  const color = HIGHLIGHT_COLORS.find((name) => name === value);
  if (!color)
    throw new UsageError(`--color must be one of ${HIGHLIGHT_COLORS.join(', ')}, got ${JSON.stringify(value)}`);
  return color;
}

function articleOrder(value: string): 'newest' | 'saved' {
  if (value !== 'newest' && value !== 'saved') {
    throw new UsageError(`articles list --sort must be newest or saved, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Waits until every topic rule is applied to the library, with progress on stderr. */
async function waitForTopics(library: Library, io: CliIo, quiet: boolean): Promise<void> {
  const stop = quiet
    ? () => undefined
    : library.events.subscribe((name, payload) => {
        if (name === 'topics:progress' && 'kind' in payload && payload.kind === 'applying') {
          io.stderr(`topic ${payload.topicId}: applying, ${payload.done}/${payload.total} articles examined\n`);
        }
      });
  try {
    await library.topics.whenCurrent();
  } finally {
    stop();
  }
}

/** Searching from the CLI first brings the index up to date with the library (building it the first time). */
async function readyIndex(library: Library, io: CliIo, quiet: boolean): Promise<void> {
  const stop = quiet ? () => undefined : printSearchProgress(library, io);
  try {
    await library.search().index.catchUp();
  } finally {
    stop();
  }
}

/** Library care progress on stderr, at most one line per 10% of each phase. */
function careProgressPrinter(io: CliIo): (progress: CareProgress) => void {
  let lastShown = '';
  return (progress) => {
    const tenth = progress.total === 0 ? 10 : Math.floor((progress.done / progress.total) * 10);
    const step = `${progress.phase} ${tenth}`;
    if (step === lastShown) return;
    lastShown = step;
    io.stderr(`${progress.operation}: ${progress.phase} ${progress.done}/${progress.total}\n`);
  };
}

/** Runs `work` with library care progress on stderr (none with --json, whose stdout is one document). */
async function withCareProgress(
  library: Library,
  io: CliIo,
  json: boolean,
  work: () => Promise<number>,
): Promise<number> {
  const stop = json ? () => undefined : library.care.onProgress(careProgressPrinter(io));
  try {
    return await work();
  } finally {
    stop();
  }
}

/**
 * `offprint restore <file>`: checks the whole backup, then puts it in place at once, moving the library
 * that was there to replaced-<time>/ in the data directory. Runs with the library closed (an app that has
 * it open keeps writing to the old files: close it first).
 */
async function restoreCommand({ positionals, values }: Parsed, dataDir: string, io: CliIo): Promise<number> {
  const json = values.json === true;
  const [, file, ...extra] = positionals;
  if (file === undefined || file === '' || extra.length > 0) {
    io.stderr(`offprint: restore takes one backup file\n\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    const report = await restoreLibrary({
      file: resolve(file),
      dataDir,
      clock: () => new Date(),
      ...(json ? {} : { onProgress: careProgressPrinter(io) }),
    });
    io.stdout(json ? `${JSON.stringify(report, null, 2)}\n` : `${formatRestoreReport(report)}\n`);
    return EXIT.ok;
  } catch (error) {
    const info = toErrorInfo(error);
    if (json) io.stdout(`${JSON.stringify({ ok: false, error: info }, null, 2)}\n`);
    io.stderr(`offprint: ${info.message}\n`);
    return EXIT.failed;
  }
}

/** `--days N` or `--keep` (null: keep everything, or for one feed follow the global setting). */
function retentionDays(days: string | undefined, keep: boolean | undefined): number | null {
  if ((days === undefined) === (keep !== true)) throw new UsageError('retention set takes --days N or --keep');
  if (days === undefined) return null;
  if (!/^\d+$/.test(days) || Number(days) < 1) {
    throw new UsageError(`--days must be a whole number of days from 1, got ${JSON.stringify(days)}`);
  }
  return Number(days);
}

/** Runs one CLI command; returns the exit code. Pure over its IO so tests run it in-process. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        feed: { type: 'string', multiple: true },
        unread: { type: 'boolean' },
        saved: { type: 'boolean' },
        limit: { type: 'string' },
        offset: { type: 'string' },
        port: { type: 'string' },
        sort: { type: 'string' },
        folder: { type: 'string' },
        'full-text': { type: 'string' },
        title: { type: 'string' },
        since: { type: 'string' },
        url: { type: 'string' },
        days: { type: 'string' },
        keep: { type: 'boolean' },
        yes: { type: 'boolean' },
        topic: { type: 'string', multiple: true },
        category: { type: 'string', multiple: true },
        notify: { type: 'boolean' },
        format: { type: 'string' },
        comment: { type: 'string' },
        color: { type: 'string' },
        ids: { type: 'string' },
        query: { type: 'string' },
        author: { type: 'string' },
        paper: { type: 'string' },
        margins: { type: 'string' },
        pdf: { type: 'string' },
        'per-article': { type: 'string' },
        html: { type: 'string' },
        markdown: { type: 'string' },
        bibtex: { type: 'string' },
        ris: { type: 'string' },
        'csl-json': { type: 'string' },
      },
    });
  } catch (error) {
    io.stderr(`offprint: ${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  const { positionals, values } = parsed;
  if (values.help || positionals.length === 0) {
    (values.help ? io.stdout : io.stderr)(USAGE);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  let opened: CliSettings;
  try {
    opened = openCliSettings(values['data-dir'], (problem) => {
      io.stderr(`offprint: settings: ${problem}\n`);
    });
  } catch (error) {
    const directory = resolve(values['data-dir'] ?? defaultDataDir());
    io.stderr(`offprint: cannot open data directory ${directory}: ${(error as Error).message}\n`);
    return EXIT.dataDir;
  }
  const { settings, dataDir } = opened;
  // A restore replaces the library's files: it runs before the library is opened, not through it.
  if (positionals[0] === 'restore') {
    settings.close();
    return restoreCommand(parsed, dataDir, io);
  }
  let library: Library;
  try {
    library = await openLibrary({ dataDir, settings, ...(io.printer ? { printer: io.printer } : {}) });
  } catch (error) {
    settings.close();
    const reason =
      error instanceof StoreError
        ? error.message
        : `cannot open data directory ${dataDir}: ${(error as Error).message}`;
    io.stderr(`offprint: ${reason}\n`);
    return EXIT.dataDir;
  }
  try {
    return await runCommand(library, parsed, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ExportUsageError || error instanceof SettingsUsageError) {
      io.stderr(`offprint: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`offprint: ${(error as Error).message}\n`);
    return EXIT.failed;
  } finally {
    await library.close();
  }
}

async function runCommand(library: Library, { positionals, values }: Parsed, io: CliIo): Promise<number> {
  const json = values.json === true;
  const [command, subcommand, ...rest] = positionals;

  /** Every library operation goes through the contract, exactly as the app's calls do. */
  const call = async <Name extends CallName>(
    name: Name,
    request: RequestOf<Name>,
    format: (value: ResponseOf<Name>) => string,
  ): Promise<number> => {
    const result = await dispatchCall(library.handlers, name, request);
    if (!result.ok) return fail(result.error);
    const value = result.value as ResponseOf<Name>;
    io.stdout(json ? `${JSON.stringify(value, null, 2)}\n` : `${format(value)}\n`);
    return EXIT.ok;
  };
  const fail = (error: ErrorInfo): number => {
    if (json) io.stdout(`${JSON.stringify({ ok: false, error }, null, 2)}\n`);
    io.stderr(`offprint: ${error.message}\n`);
    return error.code === 'bad-request' ? EXIT.usage : EXIT.failed;
  };
  const need = (value: string | undefined, what: string): string => {
    if (value === undefined || value === '') throw new UsageError(`missing ${what}\n\n${USAGE}`);
    return value;
  };
  const integer = (value: string | undefined, what: string): number | undefined => {
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) throw new UsageError(`${what} must be a whole number, got ${JSON.stringify(value)}`);
    return Number(value);
  };
  const requireInteger = (value: string | undefined, what: string): number => {
    const number = integer(need(value, what), what);
    if (number === undefined) throw new UsageError(`missing ${what}`);
    return number;
  };
  const topicIds = (topics: readonly string[]): number[] => topics.map((topic) => requireInteger(topic, '--topic'));
  const oneFeed = (feeds: readonly string[]): number => {
    if (feeds.length > 1) throw new UsageError(`${command ?? ''} takes one --feed, got ${feeds.length}`);
    return requireInteger(feeds[0], '--feed');
  };

  switch (command) {
    case 'info':
      return call('app:info', {}, (info) =>
        [
          `${info.name} ${info.version} (${info.runtime})`,
          `data: ${info.dataDir}`,
          `schema ${info.schemaVersion}, ${info.feedCount} feeds, ${info.articleCount} articles`,
        ].join('\n'),
      );
    case 'feeds':
      switch (subcommand) {
        case 'add': {
          const stopOffline = json ? () => undefined : printOfflineProgress(library, io);
          try {
            return await call(
              'feeds:add',
              { url: need(rest[0], 'feed URL'), ...(values.folder ? { folder: values.folder } : {}) },
              (added) =>
                [
                  `Subscribed to ${added.feed.title} (feed ${added.feed.id})`,
                  added.discoveredFrom
                    ? `  discovered at ${added.discoveredFrom}: ${added.feed.url}`
                    : `  ${added.feed.url}`,
                  `  ${formatRefreshResult(added.refresh)}`,
                  ...(added.offline === null ? [] : [`  ${formatOfflineReport(added.offline)}`]),
                ].join('\n'),
            );
          } finally {
            stopOffline();
          }
        }
        case 'list':
          return call('feeds:list', {}, formatFeeds);
        case 'set': {
          const fullText = values['full-text'];
          if (fullText !== undefined && fullText !== 'on' && fullText !== 'off') {
            throw new UsageError(`--full-text must be on or off, got ${JSON.stringify(fullText)}`);
          }
          if (fullText === undefined && values.folder === undefined && values.title === undefined) {
            throw new UsageError('feeds set needs --full-text, --folder or --title');
          }
          return call(
            'feeds:update',
            {
              feedId: requireInteger(rest[0], 'feed id'),
              ...(fullText === undefined ? {} : { fullText }),
              ...(values.folder === undefined ? {} : { folder: values.folder }),
              ...(values.title === undefined ? {} : { title: values.title }),
            },
            (feed) => formatFeeds([feed]),
          );
        }
        case 'remove':
          return call(
            'feeds:remove',
            { feedId: requireInteger(rest[0], 'feed id') },
            (removed) =>
              `Removed; ${removed.articlesDeleted} articles deleted, ${removed.articlesKept} saved articles kept.`,
          );
        default:
          throw new UsageError(`unknown feeds command ${JSON.stringify(subcommand ?? '')}\n\n${USAGE}`);
      }
    case 'refresh': {
      const feedIds = [subcommand, ...rest]
        .filter((value): value is string => value !== undefined)
        .map((value) => requireInteger(value, 'feed id'));
      const unsubscribe = json
        ? () => undefined
        : library.events.subscribe((name, payload) => {
            if (name === 'ingest:progress' && 'result' in payload) {
              io.stderr(`[${payload.done}/${payload.total}] ${formatRefreshResult(payload.result)}\n`);
            }
          });
      // After the feeds, the full text and images of what arrived.
      const stopOffline = json ? () => undefined : printOfflineProgress(library, io);
      try {
        return await call('feeds:refresh', feedIds.length > 0 ? { feedIds } : {}, formatRefreshReport);
      } finally {
        unsubscribe();
        stopOffline();
      }
    }
    case 'opml':
      if (subcommand === 'import') {
        const file = need(rest[0], 'OPML file');
        const content = await readFile(file, 'utf8').catch((error: unknown) => {
          throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
        });
        return call('opml:import', { content }, formatOpmlReport);
      }
      if (subcommand === 'export') {
        const file = rest[0];
        const result = await dispatchCall(library.handlers, 'opml:export', {});
        if (!result.ok) return fail(result.error);
        const { opml, feedCount } = result.value as ResponseOf<'opml:export'>;
        if (file) {
          await writeFile(file, opml, 'utf8');
          io.stdout(json ? `${JSON.stringify({ file, feedCount })}\n` : `Wrote ${feedCount} feeds to ${file}\n`);
        } else {
          io.stdout(json ? `${JSON.stringify({ opml, feedCount })}\n` : opml);
        }
        return EXIT.ok;
      }
      throw new UsageError(`unknown opml command ${JSON.stringify(subcommand ?? '')}\n\n${USAGE}`);
    case 'articles':
      switch (subcommand) {
        case 'list':
          return call(
            'articles:list',
            {
              ...(values.topic !== undefined ? { topicIds: topicIds(values.topic) } : {}),
              ...(values.feed !== undefined ? { feedId: oneFeed(values.feed) } : {}),
              ...(values.unread ? { unread: true } : {}),
              ...(values.saved ? { saved: true } : {}),
              ...(values.sort !== undefined ? { sort: articleOrder(values.sort) } : {}),
              ...(values.limit !== undefined ? { limit: integer(values.limit, '--limit') } : {}),
              ...(values.offset !== undefined ? { offset: integer(values.offset, '--offset') } : {}),
            },
            formatArticlePage,
          );
        case 'show':
          return call('articles:get', { id: need(rest[0], 'article id') }, formatArticle);
        case 'import': {
          const file = need(rest[0], 'JSON Lines file');
          const report = await importArticles(library.store, file, {
            onProgress: (progress) => {
              // One line per committed batch: what it reports is durable (the crash test relies on it).
              io.stderr(`committed ${progress.committed} articles (line ${progress.lines})\n`);
            },
          }).catch((error: unknown) => {
            throw new Error(`articles import: cannot read ${file}: ${(error as Error).message}`);
          });
          if (report.newCount + report.updatedCount > 0) {
            library.events.emit('library:changed', { reason: 'articles', feedIds: [] });
          }
          io.stdout(
            json
              ? `${JSON.stringify(report, null, 2)}\n`
              : [
                  `${report.newCount} new, ${report.updatedCount} updated, ${report.unchangedCount} unchanged, ${report.rejectedCount} rejected (${report.lines} lines)`,
                  ...report.problems.map((problem) => `problem: ${problem}`),
                ].join('\n') + '\n',
          );
          return EXIT.ok;
        }
        default:
          throw new UsageError(`unknown articles command ${JSON.stringify(subcommand ?? '')}\n\n${USAGE}`);
      }
    case 'topics':
      switch (subcommand) {
        case 'list':
          return call('topics:list', {}, formatTopics);
        case 'add': {
          const created = await dispatchCall(library.handlers, 'topics:create', {
            name: need(rest[0], 'topic name'),
            query: need(rest.slice(1).join(' '), 'topic query'),
            ...(values.feed === undefined
              ? {}
              : { feedIds: values.feed.map((feed) => requireInteger(feed, '--feed')) }),
            ...(values.category === undefined ? {} : { categories: values.category }),
            ...(values.notify ? { notify: true } : {}),
          });
          if (!created.ok) return fail(created.error);
          // The rule is applied in the background: wait for it, so the counts printed are the rule's.
          await waitForTopics(library, io, json);
          const { id } = created.value as ResponseOf<'topics:create'>;
          return call(
            'topics:list',
            {},
            (topics) => `Added topic ${id}.\n${formatTopics(topics.filter((topic) => topic.id === id))}`,
          );
        }
        case 'remove': {
          const id = requireInteger(rest[0], 'topic id');
          return call('topics:delete', { id }, () => `Removed topic ${id}; its articles stay.`);
        }
        case 'preview':
          return call(
            'topics:preview',
            {
              query: need(rest.join(' '), 'topic query'),
              ...(values.feed === undefined
                ? {}
                : { feedIds: values.feed.map((feed) => requireInteger(feed, '--feed')) }),
              ...(values.category === undefined ? {} : { categories: values.category }),
              ...(values.limit === undefined ? {} : { limit: integer(values.limit, '--limit') }),
            },
            formatTopicPreview,
          );
        case 'suggest':
          return call(
            'topics:suggest',
            values.limit === undefined ? {} : { limit: integer(values.limit, '--limit') },
            formatTopicSuggestions,
          );
        case 'export': {
          const format = values.format ?? 'opml';
          if (format !== 'opml' && format !== 'json') {
            throw new UsageError(`--format must be opml or json, got ${JSON.stringify(format)}`);
          }
          const result = await dispatchCall(library.handlers, 'topics:export', { format });
          if (!result.ok) return fail(result.error);
          const { content, count } = result.value as ResponseOf<'topics:export'>;
          const file = rest[0];
          if (file === undefined) {
            io.stdout(json ? `${JSON.stringify({ content, count })}\n` : content);
            return EXIT.ok;
          }
          await writeFile(file, content, 'utf8');
          io.stdout(json ? `${JSON.stringify({ file, count })}\n` : `Wrote ${count} topics to ${file}\n`);
          return EXIT.ok;
        }
        case 'import': {
          const file = need(rest[0], 'topics file (OPML or JSON)');
          const content = await readFile(file, 'utf8').catch((error: unknown) => {
            throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
          });
          const imported = await dispatchCall(library.handlers, 'topics:import', { content });
          if (!imported.ok) return fail(imported.error);
          await waitForTopics(library, io, json);
          const report = imported.value as ResponseOf<'topics:import'>;
          io.stdout(json ? `${JSON.stringify(report, null, 2)}\n` : `${formatTopicImportReport(report)}\n`);
          return EXIT.ok;
        }
        default:
          throw new UsageError(`unknown topics command ${JSON.stringify(subcommand ?? '')}\n\n${USAGE}`);
      }
    case 'search': {
      const query = need(subcommand, 'search query');
      if (values.sort !== undefined && values.sort !== 'relevance' && values.sort !== 'date') {
        throw new UsageError(`--sort must be relevance or date, got ${JSON.stringify(values.sort)}`);
      }
      await readyIndex(library, io, json);
      return call(
        'search:query',
        {
          query: [query, ...rest].join(' '),
          ...(values.topic !== undefined ? { topicIds: topicIds(values.topic) } : {}),
          ...(values.limit !== undefined ? { limit: integer(values.limit, '--limit') } : {}),
          ...(values.offset !== undefined ? { offset: integer(values.offset, '--offset') } : {}),
          ...(values.sort !== undefined ? { sort: values.sort } : {}),
          ...(values.feed !== undefined ? { feedId: oneFeed(values.feed) } : {}),
          ...(values.unread ? { unread: true } : {}),
          ...(values.saved ? { saved: true } : {}),
        },
        formatSearchResults,
      );
    }
    case 'related':
      await readyIndex(library, io, json);
      return call('search:related', { id: need(subcommand, 'article id') }, formatRelated);
    case 'reindex': {
      const stop = json ? () => undefined : printSearchProgress(library, io);
      try {
        return await call(
          'search:rebuild',
          {},
          (status) => `Search index rebuilt: ${status.documents} articles in ${status.segments.length} segments.`,
        );
      } finally {
        stop();
      }
    }
    case 'note':
      return call(
        'notes:add',
        { articleId: need(subcommand, 'article id'), text: need(rest.join(' '), 'note text') },
        formatNote,
      );
    case 'notes':
      switch (subcommand) {
        case 'edit':
          return call(
            'notes:edit',
            { id: requireInteger(rest[0], 'note id'), text: need(rest.slice(1).join(' '), 'note text') },
            formatNote,
          );
        case 'remove':
          return call('notes:remove', { id: requireInteger(rest[0], 'note id') }, (removed) =>
            removed.removed ? 'Note removed.' : 'No such note; nothing removed.',
          );
        default:
          throw new UsageError(`unknown notes command ${JSON.stringify(subcommand ?? '')}\n\n${USAGE}`);
      }
    case 'highlight':
      return call(
        'highlights:add',
        {
          articleId: need(subcommand, 'article id'),
          quote: need(rest.join(' '), 'quote'),
          ...(values.comment === undefined ? {} : { comment: values.comment }),
          ...(values.color === undefined ? {} : { color: highlightColor(values.color) }),
        },
        formatHighlight,
      );
    case 'highlights':
      switch (subcommand) {
        case 'edit':
          if (values.comment === undefined && values.color === undefined) {
            throw new UsageError('highlights edit needs --comment or --color');
          }
          return call(
            'highlights:edit',
            {
              id: requireInteger(rest[0], 'highlight id'),
              // An empty --comment clears it.
              ...(values.comment === undefined ? {} : { comment: values.comment === '' ? null : values.comment }),
              ...(values.color === undefined ? {} : { color: highlightColor(values.color) }),
            },
            formatHighlight,
          );
        case 'remove':
          return call('highlights:remove', { id: requireInteger(rest[0], 'highlight id') }, (removed) =>
            removed.removed ? 'Highlight removed.' : 'No such highlight; nothing removed.',
          );
        default:
          throw new UsageError(`unknown highlights command ${JSON.stringify(subcommand ?? '')}\n\n${USAGE}`);
      }
    case 'retention':
      switch (subcommand ?? 'show') {
        case 'show':
          return call('retention:get', {}, formatRetentionSettings);
        case 'set': {
          const days = retentionDays(values.days, values.keep);
          const request = values.feed === undefined ? { globalDays: days } : { feedId: oneFeed(values.feed), days };
          return call('retention:set', request, formatRetentionSettings);
        }
        case 'preview':
          return call(
            'retention:preview',
            values.limit === undefined ? {} : { limit: integer(values.limit, '--limit') },
            formatRetentionPreview,
          );
        case 'run': {
          if (values.yes !== true) {
            // A clean-up shows what it will delete before doing it.
            return call('retention:preview', {}, (preview) =>
              preview.total + preview.images === 0
                ? formatRetentionPreview(preview)
                : `${formatRetentionPreview(preview)}\nNothing was deleted. To delete these, run: offprint retention run --yes`,
            );
          }
          return withCareProgress(library, io, json, () => call('retention:run', {}, formatRetentionReport));
        }
        default:
          throw new UsageError(`unknown retention command ${JSON.stringify(subcommand ?? '')}\n\n${USAGE}`);
      }
    case 'settings':
      switch (subcommand ?? 'show') {
        case 'show':
          return call('settings:get', {}, formatSettings);
        case 'set':
          return call('settings:update', settingsChange(rest), formatSettings);
        default:
          throw new UsageError(`unknown settings command ${JSON.stringify(subcommand ?? '')}\n\n${USAGE}`);
      }
    case 'backup': {
      const file = resolve(need(subcommand, 'backup file'));
      return withCareProgress(library, io, json, () => call('library:backup', { file }, formatBackupReport));
    }
    case 'save':
    case 'unsave':
      return call(
        'articles:setSaved',
        { id: need(subcommand, 'article id'), saved: command === 'save' },
        (summary) => `${summary.saved ? 'Saved' : 'Unsaved'}: ${summary.title}`,
      );
    case 'clip': {
      const target = need(subcommand, 'URL or HTML file');
      if (/^https?:\/\//i.test(target)) return call('articles:clip', { url: target }, formatClipResult);
      const bytes = await readFile(target).catch((error: unknown) => {
        throw new Error(`clip: cannot read ${target}: ${(error as Error).message}`);
      });
      // A saved page declares its charset in a <meta>, as it did for the browser that saved it.
      const html = decodeBody(bytes, null).text;
      return call(
        'articles:clip',
        { html, fileName: basename(target), ...(values.url === undefined ? {} : { url: values.url }) },
        formatClipResult,
      );
    }
    case 'prepare': {
      const since = values.since === undefined ? undefined : parseSince(values.since, new Date());
      const stopProgress = json ? () => undefined : printOfflineProgress(library, io);
      // Ctrl-C stops the pass; the report still says what was done.
      void io.untilInterrupted().then(() => library.offline.cancel());
      try {
        return await call(
          'offline:prepare',
          {
            ...(values.feed === undefined
              ? {}
              : { feedIds: values.feed.map((feed) => requireInteger(feed, '--feed')) }),
            ...(values.saved ? { saved: true } : {}),
            ...(since === undefined ? {} : { since }),
          },
          formatOfflineReport,
        );
      } finally {
        stopProgress();
      }
    }
    case 'export': {
      const chosen = exportCall(values);
      // Ctrl-C stops the export and nothing half-written is left. An interrupt that comes before the export
      // has begun (while the library reads the selection) stops it at its first step.
      let interrupted = false;
      void io.untilInterrupted().then(() => {
        interrupted = true;
        library.exports.cancel();
      });
      const stopProgress = library.events.subscribe((name, payload) => {
        if (name !== 'export:progress') return;
        if (interrupted) library.exports.cancel();
        else if (!json) io.stderr(`${formatExportProgress(payload as ExportProgress)}\n`);
      });
      const run = (): Promise<number> => {
        switch (chosen.name) {
          case 'export:pdf':
            return call(chosen.name, chosen.request, formatExportReport);
          case 'export:html':
            return call(chosen.name, chosen.request, formatExportReport);
          case 'export:markdown':
            return call(chosen.name, chosen.request, formatExportReport);
          case 'export:citations':
            return call(chosen.name, chosen.request, formatCitations);
        }
      };
      try {
        return await run();
      } finally {
        stopProgress();
      }
    }
    case 'serve': {
      if (!io.serve) throw new Error('serve: the Node host is not available in this build');
      const port = integer(values.port, '--port') ?? 0;
      // The host serves searches: open the index now and keep it caught up with writes from other processes.
      const stopWatching = library.search().index.watch();
      const host = await io.serve(library, port, io);
      io.stdout(
        json ? `${JSON.stringify({ url: host.url })}\n` : `Offprint is serving ${library.dataDir}\nOpen ${host.url}\n`,
      );
      await io.untilInterrupted();
      stopWatching();
      await host.close();
      return EXIT.ok;
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
  }
}
