// The search benchmark's phases. Each runs in a child process of its own (search.bench.ts spawns them),
// so its peak RSS and its cold start are its own, not the orchestrator's.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import lunr from 'lunr';
import { toImportedArticle, importArticles } from '../../electron/core/ingest/importArticles.ts';
import { DATABASE_FILE, INDEX_DIRECTORY, openLibrary, type Library } from '../../electron/core/Library.ts';
import { Analyzer } from '../../electron/core/search/analysis/Analyzer.ts';
import { compareByRelevance, executeQuery } from '../../electron/core/search/engine/executeQuery.ts';
import { TermMatcher } from '../../electron/core/search/engine/TermMatcher.ts';
import { FIELD_BOOSTS, SEARCH_FIELDS, type SearchDocument } from '../../electron/core/search/SearchDocument.ts';
import { SearchDocumentSource } from '../../electron/core/search/SearchDocumentSource.ts';
import { SearchIndex } from '../../electron/core/search/SearchIndex.ts';
import { SearchService, toEngineQuery } from '../../electron/core/search/SearchService.ts';
import { decodeSegment } from '../../electron/core/search/segment/SegmentCodec.ts';
import { SegmentBuilder } from '../../electron/core/search/segment/SegmentBuilder.ts';
import { dispatchCall } from '../../electron/shared/dispatch.ts';
import type { CallName, RequestOf, ResponseOf } from '../../electron/shared/contract.ts';
import { parseQuery } from '../../electron/shared/query/parseQuery.ts';
import type { BenchQuery } from './buildQueryMix.ts';
import {
  collectGarbage,
  diskBytes,
  elapsedSeconds,
  median,
  peakRssBytes,
  progress,
  resetPeakRss,
  sleep,
} from './measurement.ts';

/** Which of our indexes a phase opens: the library's own, or one built beside it with other options. */
export type IndexVariant =
  | { readonly kind: 'library' }
  | { readonly kind: 'direct'; readonly directoryName: string; readonly chunkSize: number };

export interface ImportInput {
  readonly dataDir: string;
  readonly jsonlPath: string;
}
export interface ImportResult {
  readonly seconds: number;
  readonly articles: number;
  readonly rejected: number;
  /** UTF-8 bytes of title + text of every stored article: the text the indexes take in. */
  readonly textBytes: number;
}

export interface BuildInput {
  readonly dataDir: string;
  readonly variant: IndexVariant;
}
export interface BuildResult {
  readonly seconds: number;
  readonly peakRss: number;
  readonly rssBefore: number;
  readonly indexBytes: number;
  readonly segments: number;
  readonly documents: number;
}

export interface ServeInput {
  readonly dataDir: string;
  readonly variant: IndexVariant;
  readonly queriesPath: string;
  readonly passes: number;
  readonly newArticles: number;
}
export interface ServeResult {
  /** openLibrary → segments loaded and caught up (phase idle). */
  readonly openSeconds: number;
  readonly firstQueryMs: number;
  readonly rssReady: number;
  readonly peakRssLoad: number;
  readonly rssAfterQueries: number;
  readonly segments: number;
  readonly documents: number;
  /** Per query, one SearchService.query time (ms) per timed pass. */
  readonly samples: number[][];
  /** Per query, parse + executeQuery + sort alone (ms), one per timed pass. */
  readonly engineSamples: number[][];
  readonly totals: number[];
  readonly top: string[][];
  /** Per query, every id scoring at least the 10th hit's score (ties broken either way), at most TIED_CAP. */
  readonly tied: string[][];
  /** Write → found by search (ms), one per probe article. */
  readonly newArticleMs: number[];
}

export interface Fts5BuildInput {
  readonly dataDir: string;
  readonly ftsPath: string;
}
export interface Fts5BuildResult {
  readonly seconds: number;
  readonly peakRss: number;
  readonly bytes: number;
  /** Of `bytes`: the FTS5 index itself (data, idx, docsize, config), without the stored copy of the text. */
  readonly indexBytes: number;
  readonly documents: number;
}

export interface Fts5ServeInput {
  readonly ftsPath: string;
  readonly queriesPath: string;
  readonly passes: number;
  readonly newArticles: number;
}
export interface Fts5ServeResult {
  /** Open → first query answered. */
  readonly openFirstMs: number;
  readonly rssReady: number;
  readonly samples: number[][];
  readonly top: string[][];
  readonly errors: string[];
  readonly newArticleMs: number[];
}

export interface LunrBuildInput {
  readonly dataDir: string;
  readonly jsonPath: string;
}
export interface LunrBuildResult {
  readonly seconds: number;
  readonly peakRss: number;
  readonly heapBytes: number;
  readonly serializedBytes: number;
  readonly serializeSeconds: number;
  readonly documents: number;
}

export interface LunrServeInput {
  readonly jsonPath: string;
  readonly queriesPath: string;
  readonly passes: number;
}
export interface LunrServeResult {
  /** Read + JSON.parse + lunr.Index.load + first query. */
  readonly loadFirstMs: number;
  readonly rssReady: number;
  /** Empty for queries lunr cannot express (phrases). */
  readonly samples: number[][];
  readonly top: (string[] | null)[];
  /** As ServeResult's `tied`. */
  readonly tied: (string[] | null)[];
  readonly errors: string[];
}

export interface ProfileInput {
  readonly dataDir: string;
  readonly articles: number;
}
/** Where a build's and a load's time goes, measured stage by stage on one thread. */
export interface ProfileResult {
  readonly articles: number;
  readonly textBytes: number;
  readonly readSeconds: number;
  readonly analyzeSeconds: number;
  readonly addSeconds: number;
  readonly encodeSeconds: number;
  readonly segmentBytes: number;
  readonly terms: number;
  readonly postings: number;
  /** Reading and decoding the library index's segment files. */
  readonly decodeSeconds: number;
  /** Distinct terms over all segments, and terms in all dictionaries together (what a full scan visits). */
  readonly vocabularyTerms: number;
  readonly scannedTerms: number;
  readonly segments: number;
  /** One pass over every segment's dictionary, as fuzzy matching does (best of three). */
  readonly vocabularyScanMs: number;
  /** The same pass testing terms within one letter of the probe's length with lunr's fuzzy automaton, as the engine does. */
  readonly fuzzyScanMs: number;
}

export interface TopicsInput {
  readonly dataDir: string;
  /** Topic rules in the query language, each applied and re-applied in turn. */
  readonly rules: readonly string[];
  readonly previewRuns: number;
}
/** One rule's figures: applying it to a new topic, then re-applying it after its rule changed. */
export interface TopicRuleResult {
  readonly rule: string;
  readonly matches: number;
  /** topics:preview, median over the runs (ms). */
  readonly previewMs: number;
  /** topics:create until the assignment is stored (s). */
  readonly applySeconds: number;
  /** topics:update of the rule (to this one, from another) until the new assignment replaced the old (s). */
  readonly reapplySeconds: number;
}
export interface TopicsResult {
  readonly articles: number;
  readonly rules: readonly TopicRuleResult[];
  /** topics:list with every rule's topic: the grouped count query (ms, median). */
  readonly listMs: number;
  /** articles:list of one topic, first page of 50 (ms, median). */
  readonly filterMs: number;
}

const PAGE = 500;
const TOP = 10;
const TIED_CAP = 2_000;
/** Scores this close count as a tie (both engines round field weights to 3 decimals). */
const TIE_EPSILON = 1e-9;
const PROBE_TIMEOUT_MS = 30_000;
const PROBE_POLL_MS = 5;
/** bm25 column weights equal to our field boosts, in SEARCH_FIELDS order. */
const BM25_WEIGHTS = SEARCH_FIELDS.map((field) => FIELD_BOOSTS[field].toFixed(1)).join(', ');

function readQueries(path: string): BenchQuery[] {
  return JSON.parse(readFileSync(path, 'utf8')) as BenchQuery[];
}

/** Every stored article as a SearchDocument, page by page, on a read-only connection (as index workers read). */
function* searchDocuments(dataDir: string, limit = Infinity): Generator<SearchDocument> {
  const database = new DatabaseSync(join(dataDir, DATABASE_FILE), { readOnly: true });
  try {
    const source = new SearchDocumentSource(database);
    const { lastRowid } = source.extent();
    let after = 0;
    let yielded = 0;
    for (;;) {
      const { documents, lastRowid: last } = source.page(after, lastRowid, PAGE);
      for (const document of documents) {
        if (yielded >= limit) return;
        yielded += 1;
        yield document;
      }
      if (documents.length < PAGE) return;
      after = last;
    }
  } finally {
    database.close();
  }
}

function textBytesOf(document: SearchDocument): number {
  let total = 0;
  for (const field of SEARCH_FIELDS) total += Buffer.byteLength(document.fields[field]);
  return total;
}

interface OpenedSearch {
  readonly library: Library;
  readonly index: SearchIndex;
  readonly service: SearchService;
  close(): Promise<void>;
}

/** Opens the library and the variant's index; resolves once the index is loaded or built and caught up. */
async function openSearch(dataDir: string, variant: IndexVariant): Promise<OpenedSearch> {
  const library = await openLibrary({ dataDir });
  if (variant.kind === 'library') {
    const { index, service } = library.search();
    await index.catchUp();
    return { library, index, service, close: () => library.close() };
  }
  const index = SearchIndex.open({
    directory: join(dataDir, variant.directoryName),
    databasePath: library.store.path,
    store: library.store,
    events: library.events,
    chunkSize: variant.chunkSize,
  });
  await index.catchUp();
  const service = new SearchService(index, library.store, () => new Date());
  return {
    library,
    index,
    service,
    async close() {
      await index.close();
      await library.close();
    },
  };
}

function indexDirectory(dataDir: string, variant: IndexVariant): string {
  return join(dataDir, variant.kind === 'library' ? INDEX_DIRECTORY : variant.directoryName);
}

async function importPhase(input: ImportInput): Promise<ImportResult> {
  const library = await openLibrary({ dataDir: input.dataDir });
  const start = performance.now();
  const report = await importArticles(library.store, input.jsonlPath);
  const seconds = elapsedSeconds(start);
  const articles = library.store.reader.countArticles();
  await library.close();
  const database = new DatabaseSync(join(input.dataDir, DATABASE_FILE), { readOnly: true });
  const row = database
    .prepare('SELECT sum(length(CAST(title AS BLOB)) + length(CAST(text AS BLOB))) AS bytes FROM articles')
    .get() as { bytes: number | null };
  database.close();
  return { seconds, articles, rejected: report.rejectedCount, textBytes: row.bytes ?? 0 };
}

async function buildPhase(input: BuildInput): Promise<BuildResult> {
  rmSync(indexDirectory(input.dataDir, input.variant), { recursive: true, force: true });
  collectGarbage();
  resetPeakRss();
  const rssBefore = process.memoryUsage().rss;
  const start = performance.now();
  // With no index on disk, opening it rebuilds it from the store in index workers (SearchIndex#rebuild).
  const opened = await openSearch(input.dataDir, input.variant);
  const seconds = elapsedSeconds(start);
  const peakRss = peakRssBytes();
  const status = opened.index.status();
  await opened.close();
  return {
    seconds,
    peakRss,
    rssBefore,
    indexBytes: diskBytes(indexDirectory(input.dataDir, input.variant)),
    segments: status.segments.filter((segment) => segment.kind === 'sealed').length,
    documents: status.documents,
  };
}

function topIds(service: SearchService, query: string): { ids: string[]; total: number } {
  const result = service.query({ query, limit: TOP, offset: 0, sort: 'relevance' });
  return { ids: result.items.map((item) => item.article.id), total: result.total };
}

async function servePhase(input: ServeInput): Promise<ServeResult> {
  const queries = readQueries(input.queriesPath);
  resetPeakRss();
  const start = performance.now();
  const opened = await openSearch(input.dataDir, input.variant);
  const openSeconds = elapsedSeconds(start);
  const { index, service } = opened;
  if (index.status().phase !== 'idle') throw new Error(`serve: index not idle after load (${index.status().phase})`);
  const firstStart = performance.now();
  topIds(service, queries[0]?.text ?? 'oil');
  const firstQueryMs = performance.now() - firstStart;
  const rssReady = process.memoryUsage().rss;
  const peakRssLoad = peakRssBytes();
  const status = index.status();

  progress(`    ${queries.length} queries: warm-up pass, then ${input.passes} timed`);
  const top: string[][] = [];
  const totals: number[] = [];
  const tied: string[][] = [];
  for (const query of queries) {
    const { ids, total } = topIds(service, query.text);
    top.push(ids);
    totals.push(total);
    tied.push(tiedIds(index, query.text));
  }
  const samples: number[][] = queries.map(() => []);
  const engineSamples: number[][] = queries.map(() => []);
  for (let pass = 0; pass < input.passes; pass += 1) {
    queries.forEach((query, position) => {
      const begin = performance.now();
      service.query({ query: query.text, limit: TOP, offset: 0, sort: 'relevance' });
      samples[position]?.push(performance.now() - begin);
    });
    queries.forEach((query, position) => {
      const begin = performance.now();
      const parsed = parseQuery(query.text);
      const outcome = executeQuery(toEngineQuery(parsed), index.segments, index.statistics, index.analyzer);
      outcome.hits.sort(compareByRelevance);
      engineSamples[position]?.push(performance.now() - begin);
    });
  }
  const rssAfterQueries = process.memoryUsage().rss;

  const newArticleMs: number[] = [];
  if (input.newArticles > 0) {
    progress(`    new article searchable, ${input.newArticles} probes`);
    const { store, events } = opened.library;
    const feedId = store.reader.listFeeds()[0]?.id;
    if (feedId === undefined) throw new Error('serve: the library has no feed to add a probe article to');
    for (let probe = 0; probe < input.newArticles; probe += 1) {
      const token = `offprintprobe${String.fromCharCode(97 + (probe % 26))}${String.fromCharCode(97 + Math.floor(probe / 26))}`;
      const parsed = toImportedArticle({
        id: `probe-${probe}`,
        title: `Probe ${token} arrives`,
        body: `A new article about ${token} for the search benchmark.`,
        date: new Date().toISOString(),
      });
      if (typeof parsed === 'string') throw new Error(`serve: probe article rejected: ${parsed}`);
      const begin = performance.now();
      store.transaction(() => store.writer.upsertArticles(feedId, [parsed.article], new Date().toISOString()));
      events.emit('library:changed', { reason: 'articles', feedIds: [feedId] });
      while (topIds(service, token).total === 0) {
        if (performance.now() - begin > PROBE_TIMEOUT_MS) throw new Error(`serve: ${token} not searchable in 30 s`);
        await sleep(PROBE_POLL_MS);
      }
      newArticleMs.push(performance.now() - begin);
      await sleep(50);
    }
  }
  await opened.close();
  return {
    openSeconds,
    firstQueryMs,
    rssReady,
    peakRssLoad,
    rssAfterQueries,
    segments: status.segments.filter((segment) => segment.kind === 'sealed').length,
    documents: status.documents,
    samples,
    engineSamples,
    totals,
    top,
    tied,
    newArticleMs,
  };
}

/** Ids of the hits scoring at least as high as the 10th, from the engine's full ranking. */
function tiedIds(index: SearchIndex, text: string): string[] {
  const segments = index.segments;
  const { hits } = executeQuery(toEngineQuery(parseQuery(text)), segments, index.statistics, index.analyzer);
  hits.sort(compareByRelevance);
  const tenth = hits[Math.min(TOP, hits.length) - 1]?.score;
  if (tenth === undefined) return [];
  return hits
    .filter((hit) => hit.score >= tenth - TIE_EPSILON)
    .slice(0, TIED_CAP)
    .map((hit) => segments[hit.segment]?.reader.documentId(hit.document) ?? '');
}

function openFts5(path: string): DatabaseSync {
  const database = new DatabaseSync(path);
  database.exec('PRAGMA journal_mode = WAL');
  database.exec('PRAGMA synchronous = NORMAL');
  return database;
}

function fts5BuildPhase(input: Fts5BuildInput): Fts5BuildResult {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${input.ftsPath}${suffix}`, { force: true });
  collectGarbage();
  resetPeakRss();
  const start = performance.now();
  const database = openFts5(input.ftsPath);
  database.exec(
    `CREATE VIRTUAL TABLE t USING fts5(${SEARCH_FIELDS.join(', ')}, id UNINDEXED, tokenize = 'porter unicode61')`,
  );
  // ORDER BY rank runs bm25 with our boosts, and FTS5 then sorts inside the table (snippets only for the top rows).
  database.exec(`INSERT INTO t(t, rank) VALUES ('rank', 'bm25(${BM25_WEIGHTS})')`);
  const insert = database.prepare(
    `INSERT INTO t (${SEARCH_FIELDS.join(', ')}, id) VALUES (${SEARCH_FIELDS.map(() => '?').join(', ')}, ?)`,
  );
  let documents = 0;
  database.exec('BEGIN IMMEDIATE');
  for (const document of searchDocuments(input.dataDir)) {
    insert.run(...SEARCH_FIELDS.map((field) => document.fields[field]), document.id);
    documents += 1;
  }
  database.exec('COMMIT');
  database.exec("INSERT INTO t(t) VALUES ('optimize')");
  database.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  const seconds = elapsedSeconds(start);
  const peakRss = peakRssBytes();
  const pages = database
    .prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 't\\_%' ESCAPE '\\' GROUP BY name")
    .all() as { name: string; bytes: number }[];
  database.close();
  const indexBytes = pages.filter((page) => page.name !== 't_content').reduce((sum, page) => sum + page.bytes, 0);
  return {
    seconds,
    peakRss,
    bytes: diskBytes(input.ftsPath) + diskBytes(`${input.ftsPath}-wal`),
    indexBytes,
    documents,
  };
}

function fts5ServePhase(input: Fts5ServeInput): Fts5ServeResult {
  const queries = readQueries(input.queriesPath);
  const start = performance.now();
  const database = openFts5(input.ftsPath);
  const select = database.prepare(
    `SELECT id, highlight(t, 0, '<mark>', '</mark>') AS title, snippet(t, 5, '<mark>', '</mark>', '…', 24) AS snippet
     FROM t WHERE t MATCH ? ORDER BY rank LIMIT ${TOP}`,
  );
  const errors: string[] = [];
  const run = (match: string): string[] => {
    try {
      return (select.all(match) as { id: string }[]).map((row) => row.id);
    } catch (error) {
      if (errors.length < 10) errors.push(`${match}: ${(error as Error).message}`);
      return [];
    }
  };
  run(queries[0]?.fts5 ?? 'oil');
  const openFirstMs = performance.now() - start;
  const rssReady = process.memoryUsage().rss;
  const top = queries.map((query) => run(query.fts5));
  const samples: number[][] = queries.map(() => []);
  for (let pass = 0; pass < input.passes; pass += 1) {
    queries.forEach((query, position) => {
      const begin = performance.now();
      run(query.fts5);
      samples[position]?.push(performance.now() - begin);
    });
  }
  const newArticleMs: number[] = [];
  const insert = database.prepare(
    `INSERT INTO t (${SEARCH_FIELDS.join(', ')}, id) VALUES (${SEARCH_FIELDS.map(() => '?').join(', ')}, ?)`,
  );
  for (let probe = 0; probe < input.newArticles; probe += 1) {
    const token = `offprintprobe${String.fromCharCode(97 + probe)}`;
    const begin = performance.now();
    database.exec('BEGIN IMMEDIATE');
    insert.run(`Probe ${token} arrives`, '', 'Reuters', '', '', `A new article about ${token}.`, `probe-${probe}`);
    database.exec('COMMIT');
    if (run(token).length === 0) throw new Error(`fts5: ${token} not found right after its insert`);
    newArticleMs.push(performance.now() - begin);
  }
  database.close();
  return { openFirstMs, rssReady, samples, top, errors: [...new Set(errors)], newArticleMs };
}

function lunrBuildPhase(input: LunrBuildInput): LunrBuildResult {
  const documents = [...searchDocuments(input.dataDir)].map((document) => ({ id: document.id, ...document.fields }));
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  resetPeakRss();
  const start = performance.now();
  // Vanilla lunr 2.3.9: its own pipeline (trimmer, stop words, stemmer), the same fields and boosts, one index.
  const index = lunr(function () {
    this.ref('id');
    for (const field of SEARCH_FIELDS) this.field(field, { boost: FIELD_BOOSTS[field] });
    for (const document of documents) this.add(document);
  });
  const seconds = elapsedSeconds(start);
  const peakRss = peakRssBytes();
  collectGarbage();
  const heapBytes = process.memoryUsage().heapUsed - heapBefore;
  const serializeStart = performance.now();
  const json = JSON.stringify(index);
  writeFileSync(input.jsonPath, json);
  const serializeSeconds = elapsedSeconds(serializeStart);
  return {
    seconds,
    peakRss,
    heapBytes,
    serializedBytes: Buffer.byteLength(json),
    serializeSeconds,
    documents: documents.length,
  };
}

function lunrServePhase(input: LunrServeInput): LunrServeResult {
  const queries = readQueries(input.queriesPath);
  const start = performance.now();
  const index = lunr.Index.load(JSON.parse(readFileSync(input.jsonPath, 'utf8')) as object);
  const errors: string[] = [];
  const search = (text: string): lunr.Index.Result[] => {
    try {
      return index.search(text);
    } catch (error) {
      if (errors.length < 10) errors.push(`${text}: ${(error as Error).message}`);
      return [];
    }
  };
  const run = (text: string): string[] =>
    search(text)
      .slice(0, TOP)
      .map((result) => result.ref);
  run(queries[0]?.lunr ?? 'oil');
  const loadFirstMs = performance.now() - start;
  const rssReady = process.memoryUsage().rss;
  const top: (string[] | null)[] = [];
  const tied: (string[] | null)[] = [];
  for (const query of queries) {
    if (query.lunr === null) {
      top.push(null);
      tied.push(null);
      continue;
    }
    const results = search(query.lunr);
    top.push(results.slice(0, TOP).map((result) => result.ref));
    const tenth = results[Math.min(TOP, results.length) - 1]?.score ?? Infinity;
    tied.push(
      results
        .filter((result) => result.score >= tenth - TIE_EPSILON)
        .slice(0, TIED_CAP)
        .map((result) => result.ref),
    );
  }
  const samples: number[][] = queries.map(() => []);
  for (let pass = 0; pass < input.passes; pass += 1) {
    queries.forEach((query, position) => {
      if (query.lunr === null) return;
      const begin = performance.now();
      run(query.lunr);
      samples[position]?.push(performance.now() - begin);
    });
  }
  return { loadFirstMs, rssReady, samples, top, tied, errors: [...new Set(errors)] };
}

function profilePhase(input: ProfileInput): ProfileResult {
  let start = performance.now();
  const documents = [...searchDocuments(input.dataDir, input.articles)];
  const readSeconds = elapsedSeconds(start);
  const textBytes = documents.reduce((sum, document) => sum + textBytesOf(document), 0);
  const analyzer = new Analyzer();
  start = performance.now();
  const analyzed = documents.map((document) => analyzer.analyzeDocument(document));
  const analyzeSeconds = elapsedSeconds(start);
  const builder = new SegmentBuilder();
  start = performance.now();
  for (const document of analyzed) builder.add(document);
  const addSeconds = elapsedSeconds(start);
  start = performance.now();
  const encoded = builder.encode();
  const encodeSeconds = elapsedSeconds(start);

  const directory = join(input.dataDir, INDEX_DIRECTORY);
  start = performance.now();
  const segments = readdirSync(directory)
    .filter((name) => name.endsWith('.seg'))
    .map((name) => decodeSegment(readFileSync(join(directory, name)), name));
  const decodeSeconds = elapsedSeconds(start);
  const distinct = new Set<string>();
  for (const segment of segments) for (const term of segment.terms()) distinct.add(term);
  // Best of three: one pass over every segment's dictionary, as a fuzzy query's expansion walks it.
  let vocabularyScanMs = Infinity;
  let fuzzyScanMs = Infinity;
  let fuzzyMatches = 0;
  let scannedTerms = 0;
  for (let round = 0; round < 3; round += 1) {
    start = performance.now();
    let count = 0;
    for (const segment of segments) for (const _term of segment.terms()) count += 1;
    vocabularyScanMs = Math.min(vocabularyScanMs, performance.now() - start);
    scannedTerms = count;
    const probe = 'market';
    const matcher = TermMatcher.fuzzy(probe, 1);
    start = performance.now();
    fuzzyMatches = 0;
    for (const segment of segments) {
      for (const term of segment.terms()) {
        if (Math.abs(term.length - probe.length) <= 1 && matcher.matches(term)) fuzzyMatches += 1;
      }
    }
    fuzzyScanMs = Math.min(fuzzyScanMs, performance.now() - start);
  }
  if (fuzzyMatches === 0) progress('    (profile: the fuzzy probe "market~1" matched nothing)');
  return {
    articles: documents.length,
    textBytes,
    readSeconds,
    analyzeSeconds,
    addSeconds,
    encodeSeconds,
    segmentBytes: encoded.byteLength,
    terms: builder.termCount,
    postings: builder.postingCount,
    decodeSeconds,
    vocabularyTerms: distinct.size,
    scannedTerms,
    segments: segments.length,
    vocabularyScanMs,
    fuzzyScanMs,
  };
}

/** A contract call that must succeed, as the app makes it. */
async function callOrThrow<Name extends CallName>(
  library: Library,
  name: Name,
  request: RequestOf<Name>,
): Promise<ResponseOf<Name>> {
  const result = await dispatchCall(library.handlers, name, request);
  if (!result.ok) throw new Error(`topics bench: ${name} failed: ${result.error.message}`);
  return result.value as ResponseOf<Name>;
}

async function medianMs(runs: number, work: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const begin = performance.now();
    await work();
    samples.push(performance.now() - begin);
  }
  return median(samples);
}

/**
 * Topics over the library's own index: per rule, preview; create a topic with it and wait until its
 * assignment is stored (the first application); then give the topic another rule, apply that, and time
 * changing it back to this one — the re-application the goal is about (the old assignment is
 * replaced in one transaction). Then the counts of every topic and one topic's first page.
 */
async function topicsPhase(input: TopicsInput): Promise<TopicsResult> {
  const library = await openLibrary({ dataDir: input.dataDir });
  try {
    await library.search().index.catchUp();
    const rules: TopicRuleResult[] = [];
    let firstTopic = 0;
    for (const [position, rule] of input.rules.entries()) {
      progress(`    topic rule ${position + 1}/${input.rules.length}: ${rule}`);
      const previewMs = await medianMs(input.previewRuns, () =>
        callOrThrow(library, 'topics:preview', { query: rule }),
      );
      let begin = performance.now();
      const topic = await callOrThrow(library, 'topics:create', { name: `Bench ${position + 1}`, query: rule });
      await library.topics.whenCurrent();
      const applySeconds = elapsedSeconds(begin);
      firstTopic ||= topic.id;
      await callOrThrow(library, 'topics:update', { id: topic.id, query: 'zzzunmatchedterm OR wheat' });
      await library.topics.whenCurrent();
      begin = performance.now();
      await callOrThrow(library, 'topics:update', { id: topic.id, query: rule });
      await library.topics.whenCurrent();
      const reapplySeconds = elapsedSeconds(begin);
      const listed = (await callOrThrow(library, 'topics:list', {})).find((candidate) => candidate.id === topic.id);
      rules.push({ rule, matches: listed?.counts.total ?? 0, previewMs, applySeconds, reapplySeconds });
    }
    const listMs = await medianMs(input.previewRuns, () => callOrThrow(library, 'topics:list', {}));
    const filterMs = await medianMs(input.previewRuns, () =>
      callOrThrow(library, 'articles:list', { topicIds: [firstTopic], limit: 50 }),
    );
    return { articles: library.store.reader.countArticles(), rules, listMs, filterMs };
  } finally {
    await library.close();
  }
}

export const SEARCH_PHASES = [
  'import',
  'build',
  'serve',
  'fts5-build',
  'fts5-serve',
  'lunr-build',
  'lunr-serve',
  'profile',
  'topics',
] as const;
export type SearchPhase = (typeof SEARCH_PHASES)[number];

export interface PhaseInputs {
  readonly import: ImportInput;
  readonly build: BuildInput;
  readonly serve: ServeInput;
  readonly 'fts5-build': Fts5BuildInput;
  readonly 'fts5-serve': Fts5ServeInput;
  readonly 'lunr-build': LunrBuildInput;
  readonly 'lunr-serve': LunrServeInput;
  readonly profile: ProfileInput;
  readonly topics: TopicsInput;
}

export interface PhaseResults {
  readonly import: ImportResult;
  readonly build: BuildResult;
  readonly serve: ServeResult;
  readonly 'fts5-build': Fts5BuildResult;
  readonly 'fts5-serve': Fts5ServeResult;
  readonly 'lunr-build': LunrBuildResult;
  readonly 'lunr-serve': LunrServeResult;
  readonly profile: ProfileResult;
  readonly topics: TopicsResult;
}

/** Runs one phase with its JSON input; the result is what the orchestrator reads back. */
export async function runSearchPhase(phase: SearchPhase, input: unknown): Promise<unknown> {
  switch (phase) {
    case 'import':
      return importPhase(input as ImportInput);
    case 'build':
      return buildPhase(input as BuildInput);
    case 'serve':
      return servePhase(input as ServeInput);
    case 'fts5-build':
      return fts5BuildPhase(input as Fts5BuildInput);
    case 'fts5-serve':
      return fts5ServePhase(input as Fts5ServeInput);
    case 'lunr-build':
      return lunrBuildPhase(input as LunrBuildInput);
    case 'lunr-serve':
      return lunrServePhase(input as LunrServeInput);
    case 'profile':
      return profilePhase(input as ProfileInput);
    case 'topics':
      return topicsPhase(input as TopicsInput);
  }
}
