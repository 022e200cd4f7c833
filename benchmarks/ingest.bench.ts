// Ingest benchmark: `npm run bench:ingest` (add `-- --json` for one JSON document on stdout).
//
// 1. Import at scale: the Reuters-21578 corpus repeated (ids shifted, dates a year later per
//    repetition) up to OFFPRINT_BENCH_ARTICLES articles (default 100,000) as JSON Lines, imported
//    with importArticles into a fresh store, then the same file again (every line a dedupe hit).
//    This phase runs in a child process, so its peak RSS is the import's own.
// 2. Feed path: one 10,000-item RSS 2.0 document built from the same stories; parseFeed alone,
//    parse + toNewArticle + upsertArticles into a fresh store in one transaction (the headline),
//    and a refresh of the unchanged document.
// 3. A peer in the same run: the same rows through one prepared INSERT into a minimal node:sqlite
//    table with the store's pragmas, so the store's figure reads as a fraction of that ceiling.
//
// Figures and ratios only: nothing here asserts a time. Progress goes to stderr.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { testdataDirectory } from '../tests/support/testdataDirectory.ts';
import { writeJsonLines } from './support/writeJsonLines.ts';
import { DatabaseSync } from 'node:sqlite';
import { createInterface } from 'node:readline';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createGunzip } from 'node:zlib';
import { parseDate } from '../electron/core/feeds/parseDate.ts';
import { parseFeed } from '../electron/core/feeds/parseFeed.ts';
import { importArticles } from '../electron/core/ingest/importArticles.ts';
import type { ImportReport } from '../electron/core/ingest/importArticles.ts';
import { toNewArticle } from '../electron/core/ingest/toNewArticle.ts';
import { ArticleStore } from '../electron/core/store/ArticleStore.ts';
import type { NewArticle } from '../electron/core/store/ArticleStore.ts';

const CORPUS_PATH = process.env['OFFPRINT_BENCH_CORPUS'] ?? testdataDirectory('corpus', 'reuters21578.jsonl.gz');
const IMPORT_ARTICLES = positiveInteger(process.env['OFFPRINT_BENCH_ARTICLES'], 100_000);
const FEED_ITEMS = 10_000;
const FEED_REPEATS = 3;
const GOAL_ITEMS_PER_SECOND = 2_000;
const ID_STRIDE = 100_000;
const WARMUP_ARTICLES = 1_000;
const WARMUP_FEED_ITEMS = 500;
const FEED_URL = 'https://example.test/feed.xml';
const JSON_OUTPUT = process.argv.includes('--json');
const IMPORT_PHASE_FLAG = '--import-phase';
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

interface Story {
  readonly id: number;
  readonly date: string;
  readonly title: string;
  readonly body: string;
  readonly topics: readonly string[];
}

interface Timed<T> {
  readonly seconds: number;
  readonly value: T;
}

interface ImportFigures {
  readonly articles: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly report: ImportReport;
}

interface ImportPhase {
  readonly first: ImportFigures;
  readonly unchanged: ImportFigures;
  readonly storedArticles: number;
  readonly databaseSize: number;
  readonly rssBeforeImport: number;
  readonly peakRss: number;
  /** 'phase': the first import alone (Linux); 'process': the child's lifetime. */
  readonly peakCovers: 'phase' | 'process';
}

interface FeedSample {
  readonly parse: number;
  readonly convert: number;
  readonly upsert: number;
  readonly rawInsert: number;
  readonly parseAndStore: number;
  readonly refresh: number;
}

type DateMode = 'reuters' | 'iso';

function positiveInteger(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new Error(`expected a positive integer, got ${JSON.stringify(value)}`);
  return parsed;
}

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function time<T>(work: () => T): Timed<T> {
  const start = performance.now();
  const value = work();
  return { seconds: (performance.now() - start) / 1000, value };
}

async function timeAsync<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const start = performance.now();
  const value = await work();
  return { seconds: (performance.now() - start) / 1000, value };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A full GC between phases, so one phase's garbage neither inflates the next one's RSS nor lands in its timing. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as (() => void) | undefined;
  collect?.();
}

/**
 * Linux: resets the process's peak RSS (VmHWM) so the next reading covers one phase only.
 * Elsewhere the reading stays the process's lifetime peak.
 */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function peakRssBytes(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // Not Linux: fall through to the lifetime peak.
  }
  return process.resourceUsage().maxRSS * 1024;
}

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

function databaseBytes(path: string): number {
  let total = 0;
  for (const suffix of ['', '-wal']) if (existsSync(`${path}${suffix}`)) total += statSync(`${path}${suffix}`).size;
  return total;
}

// ---- corpus ----

/** Streams the corpus so that only the stories stay in memory (the peak RSS figure should be the import's). */
async function loadCorpus(path: string): Promise<Story[]> {
  const stories: Story[] = [];
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as Record<string, unknown>;
    const topics = Array.isArray(record['topics']) ? record['topics'] : [];
    stories.push({
      id: Number(record['id']),
      date: typeof record['date'] === 'string' ? record['date'] : '',
      title: typeof record['title'] === 'string' ? record['title'] : '',
      body: typeof record['body'] === 'string' ? record['body'] : '',
      topics: topics.filter((topic): topic is string => typeof topic === 'string'),
    });
  }
  return stories;
}

const REUTERS_DATE = /^\s*(\d{1,2})-([A-Z]{3})-(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?/;

/** Reuters writes "26-FEB-1987 15:01:01.79" (some with trailing junk); null when it is not a real time. */
function reutersDate(raw: string, yearShift: number): Date | null {
  const match = REUTERS_DATE.exec(raw);
  if (!match) return null;
  const [, day, monthName, year, hours, minutes, seconds, fraction] = match;
  const month = MONTHS.indexOf(monthName ?? '');
  if (month < 0 || Number(hours) > 23) return null;
  const milliseconds = fraction ? Number(fraction.padEnd(3, '0')) : 0;
  return new Date(
    Date.UTC(
      Number(year) + yearShift,
      month,
      Number(day),
      Number(hours),
      Number(minutes),
      Number(seconds),
      milliseconds,
    ),
  );
}

/** Keep Reuters' own date format only if core's parseDate reads it to the same instant. */
function chooseDateMode(sample: string): { mode: DateMode; note: string } {
  const expected = reutersDate(sample, 0)?.toISOString() ?? null;
  const parsed = parseDate(sample);
  if (expected !== null && parsed !== null && new Date(parsed).toISOString() === expected) {
    return { mode: 'reuters', note: `kept as written (parseDate reads ${JSON.stringify(sample)})` };
  }
  return {
    mode: 'iso',
    note: `converted to ISO (parseDate(${JSON.stringify(sample)}) = ${JSON.stringify(parsed)})`,
  };
}

function shiftedDate(story: Story, repetition: number, mode: DateMode): string | null {
  const date = reutersDate(story.date, repetition);
  if (!date) return null;
  if (mode === 'iso') return date.toISOString();
  // Reuters' own notation, without the trailing junk some stories carry.
  const written = (REUTERS_DATE.exec(story.date)?.[0] ?? '').trim().replace(/\s+/g, ' ');
  return written.replace(/^(\d{1,2}-[A-Z]{3}-)\d{4}/, `$1${date.getUTCFullYear()}`);
}

/** Writes `count` JSON Lines: the corpus over and over, ids shifted by ID_STRIDE and dates by a year per pass. */
function writeImportFile(path: string, stories: readonly Story[], count: number, mode: DateMode): number {
  function* records(): Generator<object> {
    let written = 0;
    for (let repetition = 0; written < count; repetition += 1) {
      for (const story of stories) {
        if (written >= count) return;
        const date = shiftedDate(story, repetition, mode);
        yield {
          id: story.id + repetition * ID_STRIDE,
          title: story.title,
          body: story.body,
          ...(date === null ? {} : { date }),
          topics: story.topics,
        };
        written += 1;
      }
    }
  }
  return writeJsonLines(path, records());
}

/** Reuters paragraphs start on a new line indented by one space. */
function paragraphsOf(body: string): string[] {
  return body
    .split(/\n(?=[ \t])/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph.length > 0);
}

/** An RSS 2.0 document of `count` stories: title, link, guid, RFC 822 pubDate, a few <p> paragraphs, categories. */
function buildRss(stories: readonly Story[], count: number): string {
  const items: string[] = [];
  for (const story of stories) {
    if (items.length >= count) break;
    if (story.title.trim() === '' && story.body.trim() === '') continue;
    const link = `https://example.test/articles/${story.id}`;
    const lines = [
      '<item>',
      story.title.trim() === '' ? '' : `<title>${escapeXml(story.title)}</title>`,
      `<link>${link}</link>`,
      `<guid isPermaLink="true">${link}</guid>`,
    ];
    const date = reutersDate(story.date, 0);
    if (date) lines.push(`<pubDate>${date.toUTCString()}</pubDate>`);
    const paragraphs = paragraphsOf(story.body).slice(0, 4);
    if (paragraphs.length > 0) {
      const html = paragraphs.map((paragraph) => `<p>${escapeXml(paragraph)}</p>`).join('');
      lines.push(`<description>${escapeXml(html)}</description>`);
    }
    for (const topic of story.topics) lines.push(`<category>${escapeXml(topic)}</category>`);
    lines.push('</item>');
    items.push(lines.filter((line) => line !== '').join(''));
  }
  if (items.length < count) throw new Error(`the corpus has only ${items.length} usable stories, need ${count}`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0"><channel>',
    '<title>Reuters-21578 (benchmark)</title><link>https://example.test/</link>',
    '<description>Offprint ingest benchmark feed</description><language>en</language>',
    ...items,
    '</channel></rss>',
    '',
  ].join('\n');
}

// ---- measurements ----

async function measureImport(store: ArticleStore, path: string, articles: number): Promise<ImportFigures> {
  const timed = await timeAsync(() => importArticles(store, path));
  return { articles, seconds: timed.seconds, perSecond: articles / timed.seconds, report: timed.value };
}

function openFeedStore(path: string): { store: ArticleStore; feedId: number } {
  removeDatabase(path);
  const store = ArticleStore.open(path);
  const feedId = store.writer.addFeed(
    { url: FEED_URL, title: 'Reuters-21578 (benchmark)' },
    new Date().toISOString(),
  ).id;
  return { store, feedId };
}

/** parse + toNewArticle + upsertArticles in one transaction; returns [new, updated]. */
function parseAndStore(store: ArticleStore, feedId: number, xml: string): [number, number] {
  return store.transaction(() => {
    const parsed = parseFeed(xml, FEED_URL);
    const rows = parsed.items.map((item) => toNewArticle(item, FEED_URL));
    const outcome = store.writer.upsertArticles(feedId, rows, new Date().toISOString());
    return [outcome.newIds.length, outcome.updatedIds.length];
  });
}

/** The peer: the same rows, one prepared INSERT, a table with no secondary index, the store's pragmas. */
function rawInsert(path: string, rows: readonly NewArticle[]): number {
  removeDatabase(path);
  const database = new DatabaseSync(path);
  try {
    database.exec('PRAGMA journal_mode = WAL');
    database.exec('PRAGMA synchronous = NORMAL');
    database.exec(
      `CREATE TABLE articles (id INTEGER PRIMARY KEY, guid TEXT, url TEXT, title TEXT NOT NULL, author TEXT,
         published_at TEXT, summary TEXT, content_html TEXT, text TEXT NOT NULL, categories TEXT NOT NULL)`,
    );
    const insert = database.prepare(
      'INSERT INTO articles (guid, url, title, author, published_at, summary, content_html, text, categories) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    return time(() => {
      database.exec('BEGIN IMMEDIATE');
      for (const row of rows) {
        insert.run(
          row.guid,
          row.url,
          row.title,
          row.author,
          row.publishedAt,
          row.summary,
          row.contentHtml,
          row.text,
          row.categories.join('\n'),
        );
      }
      database.exec('COMMIT');
    }).seconds;
  } finally {
    database.close();
    removeDatabase(path);
  }
}

function measureFeed(directory: string, xml: string, items: number, label: string): FeedSample {
  const check = (what: string, actual: number, expected: number): void => {
    if (actual !== expected) throw new Error(`${label}: ${what} was ${actual}, expected ${expected}`);
  };

  const parse = time(() => parseFeed(xml, FEED_URL));
  check('parsed items', parse.value.items.length, items);
  const convert = time(() => parse.value.items.map((item) => toNewArticle(item, FEED_URL)));
  const rows = convert.value;

  const upsertPath = join(directory, `${label}-upsert.db`);
  const upsertTarget = openFeedStore(upsertPath);
  const upsert = time(() =>
    upsertTarget.store.writer.upsertArticles(upsertTarget.feedId, rows, new Date().toISOString()),
  );
  check('upserted new', upsert.value.newIds.length, items);
  upsertTarget.store.close();
  removeDatabase(upsertPath);

  const rawSeconds = rawInsert(join(directory, `${label}-raw.db`), rows);

  const storePath = join(directory, `${label}-store.db`);
  const target = openFeedStore(storePath);
  const first = time(() => parseAndStore(target.store, target.feedId, xml));
  check('new after parse + store', first.value[0], items);
  const again = time(() => parseAndStore(target.store, target.feedId, xml));
  check('new on refresh', again.value[0], 0);
  check('updated on refresh', again.value[1], 0);
  target.store.close();
  removeDatabase(storePath);

  return {
    parse: items / parse.seconds,
    convert: items / convert.seconds,
    upsert: items / upsert.seconds,
    rawInsert: items / rawSeconds,
    parseAndStore: items / first.seconds,
    refresh: items / again.seconds,
  };
}

// ---- report ----

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const mebibytes = (bytes: number): string => `${decimal.format(bytes / 1024 / 1024)} MiB`;
const rate = (perSecond: number, unit: string): string => `${integer.format(perSecond)} ${unit}/s`.padStart(20);

/** Runs in the child process: warm-up import, then the measured import and the unchanged re-import. */
async function importPhase(directory: string): Promise<ImportPhase> {
  const importFile = join(directory, 'import.jsonl');
  const warmupFile = join(directory, 'warmup.jsonl');
  const warmupDatabase = join(directory, 'warmup.db');
  const warmupStore = ArticleStore.open(warmupDatabase);
  await importArticles(warmupStore, warmupFile);
  await importArticles(warmupStore, warmupFile);
  warmupStore.close();
  removeDatabase(warmupDatabase);

  const importDatabase = join(directory, 'import.db');
  const store = ArticleStore.open(importDatabase);
  try {
    collectGarbage();
    const peakIsPhase = resetPeakRss();
    const rssBeforeImport = process.memoryUsage().rss;
    progress('  import, fresh store');
    const first = await measureImport(store, importFile, IMPORT_ARTICLES);
    const peakRss = peakRssBytes();
    collectGarbage();
    progress('  import again, unchanged');
    const unchanged = await measureImport(store, importFile, IMPORT_ARTICLES);
    const storedArticles = store.reader.countArticles();
    store.close();
    const databaseSize = databaseBytes(importDatabase);
    return {
      first,
      unchanged,
      storedArticles,
      databaseSize,
      rssBeforeImport,
      peakRss,
      peakCovers: peakIsPhase ? 'phase' : 'process',
    };
  } finally {
    store.close();
    removeDatabase(importDatabase);
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const directory = mkdtempSync(join(tmpdir(), 'offprint-bench-'));
  try {
    progress(`loading ${CORPUS_PATH}`);
    const stories = await loadCorpus(CORPUS_PATH);
    const firstDate = stories[0]?.date ?? '';
    const dates = chooseDateMode(firstDate.trim());
    const undated = stories.filter((story) => reutersDate(story.date, 0) === null).length;

    // 1. Import at scale, in a child process of its own: its peak RSS is the import's, not this
    //    process's (which holds the corpus and whatever V8 kept from earlier phases).
    const importFile = join(directory, 'import.jsonl');
    const warmupFile = join(directory, 'warmup.jsonl');
    progress(`writing ${integer.format(IMPORT_ARTICLES)} articles as JSON Lines`);
    const importFileBytes = writeImportFile(importFile, stories, IMPORT_ARTICLES, dates.mode);
    writeImportFile(warmupFile, stories, WARMUP_ARTICLES, dates.mode);
    progress('import phase (child process): warm-up, fresh store, again unchanged');
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), IMPORT_PHASE_FLAG, directory], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    if (child.status !== 0) throw new Error(`import phase failed (exit ${child.status ?? child.signal ?? 'unknown'})`);
    const imported = JSON.parse(child.stdout) as ImportPhase;
    rmSync(importFile);
    rmSync(warmupFile);
    const {
      first: firstImport,
      unchanged: secondImport,
      storedArticles,
      databaseSize,
      rssBeforeImport,
      peakRss,
    } = imported;
    const peakIsPhase = imported.peakCovers === 'phase';

    // Warm-up of the feed path: every step once, small, so the measured runs do not pay for JIT and first-time setup.
    progress('feed warm-up');
    measureFeed(directory, buildRss(stories, WARMUP_FEED_ITEMS), WARMUP_FEED_ITEMS, 'warmup');

    // 2 + 3. Feed path and its peer, each repeated; the medians are reported.
    const xml = buildRss(stories, FEED_ITEMS);
    const samples: FeedSample[] = [];
    for (let repeat = 1; repeat <= FEED_REPEATS; repeat += 1) {
      progress(`feed path, run ${repeat}/${FEED_REPEATS}`);
      collectGarbage();
      samples.push(measureFeed(directory, xml, FEED_ITEMS, `feed${repeat}`));
    }
    const medianOf = (key: keyof FeedSample): number => median(samples.map((sample) => sample[key]));
    const feed = {
      parse: medianOf('parse'),
      convert: medianOf('convert'),
      upsert: medianOf('upsert'),
      rawInsert: medianOf('rawInsert'),
      parseAndStore: medianOf('parseAndStore'),
      refresh: medianOf('refresh'),
    };
    const upsertRatio = feed.upsert / feed.rawInsert;
    const goalMet = feed.parseAndStore >= GOAL_ITEMS_PER_SECOND;
    const totalSeconds = (performance.now() - started) / 1000;
    const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';

    if (JSON_OUTPUT) {
      const document = {
        environment: {
          node: process.version,
          platform: `${process.platform} ${process.arch}`,
          cpus: cpus().length,
          cpu,
        },
        corpus: { path: CORPUS_PATH, stories: stories.length, undatedStories: undated, dates: dates.note },
        import: {
          articles: IMPORT_ARTICLES,
          fileBytes: importFileBytes,
          first: {
            ...firstImport,
            report: { ...firstImport.report, problems: firstImport.report.problems.slice(0, 5) },
          },
          unchanged: {
            ...secondImport,
            report: { ...secondImport.report, problems: secondImport.report.problems.slice(0, 5) },
          },
          storedArticles,
          databaseBytes: databaseSize,
          rssBeforeImportBytes: rssBeforeImport,
          peakRssBytes: peakRss,
          peakRssCovers: peakIsPhase ? 'the first import' : 'the import process',
        },
        feed: {
          items: FEED_ITEMS,
          documentBytes: Buffer.byteLength(xml),
          repeats: FEED_REPEATS,
          medianItemsPerSecond: feed,
          samples,
          upsertToRawInsertRatio: upsertRatio,
          goal: { itemsPerSecond: GOAL_ITEMS_PER_SECOND, met: goalMet },
        },
        totalSeconds,
      };
      process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
      return;
    }

    const lines = [
      `Offprint ingest benchmark — node ${process.version}, ${process.platform} ${process.arch}, ${cpus().length} × ${cpu}`,
      `corpus: ${integer.format(stories.length)} Reuters-21578 stories (${undated} with an unusable date, written undated); dates ${dates.note}`,
      '',
      `import: ${integer.format(IMPORT_ARTICLES)} articles, JSON Lines ${mebibytes(importFileBytes)}`,
      `  fresh store          ${rate(firstImport.perSecond, 'articles')}  ${decimal.format(firstImport.seconds).padStart(7)} s   new ${integer.format(firstImport.report.newCount)}, rejected ${firstImport.report.rejectedCount}`,
      `  again, unchanged     ${rate(secondImport.perSecond, 'articles')}  ${decimal.format(secondImport.seconds).padStart(7)} s   unchanged ${integer.format(secondImport.report.unchangedCount)}, new ${secondImport.report.newCount}, updated ${secondImport.report.updatedCount}`,
      `  database on disk     ${mebibytes(databaseSize).padStart(20)}            ${integer.format(databaseSize / Math.max(1, storedArticles))} B/article, ${integer.format(storedArticles)} stored`,
      `  peak RSS             ${mebibytes(peakRss).padStart(20)}            ${peakIsPhase ? 'first import' : 'import process'}; ${mebibytes(rssBeforeImport)} before it`,
      '',
      `feed: RSS 2.0, ${integer.format(FEED_ITEMS)} items, ${mebibytes(Buffer.byteLength(xml))}, median of ${FEED_REPEATS}`,
      `  parseFeed            ${rate(feed.parse, 'items')}`,
      `  toNewArticle         ${rate(feed.convert, 'items')}`,
      `  upsertArticles       ${rate(feed.upsert, 'items')}   fresh store, rows prepared`,
      `  raw INSERT (peer)    ${rate(feed.rawInsert, 'items')}   node:sqlite, one prepared INSERT, minimal table`,
      `  parse + store        ${rate(feed.parseAndStore, 'items')}   headline; goal ${integer.format(GOAL_ITEMS_PER_SECOND)} items/s: ${goalMet ? 'met' : 'NOT met'}`,
      `  refresh, unchanged   ${rate(feed.refresh, 'items')}   all dedupe hits`,
      '',
      `store upsert = ${decimal.format(upsertRatio)}× raw insert`,
      `total ${decimal.format(totalSeconds)} s`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const phaseIndex = process.argv.indexOf(IMPORT_PHASE_FLAG);
const phaseDirectory = phaseIndex >= 0 ? process.argv[phaseIndex + 1] : undefined;
if (phaseDirectory === undefined) {
  await main();
} else {
  process.stdout.write(JSON.stringify(await importPhase(phaseDirectory)));
}
