// Search benchmark: `npm run bench:search` (`-- --json` for one JSON document on stdout, `-- --level 1` for L1 only,
// `-- --topics-only` for the topics figures alone).
//
// The issue: "`npm run bench:search` (not a timed test) on shared/testdata/corpus/reuters21578.jsonl.gz (L1)
// and on the same corpus recombined to 100k articles of ~5 KB (L2): build time, MB/s, peak RSS, serialized
// size, cold load time, query p50/p95/p99 over a fixed mix of ≥ 200 queries (single terms, two terms, field,
// wildcard, fuzzy, required/excluded, phrase), time until a new article is searchable, overlap@10 of the merged
// engine against one global lunr index — and the same figures for SQLite FTS5 (bm25) over the same docs and
// queries in the same run, with ratios. Goals at L2: query p95 ≤ 1.0× FTS5 and ≤ 50 ms; build throughput
// ≥ 1.0× FTS5; new article searchable ≤ 1 s; main-process RSS ≤ 1 GB with search ready."
//
// Per level: the corpus is written as JSON Lines and imported with importArticles into a fresh library (import
// time is context, not search build time). Then, each in a child process of its own (peak RSS, cold start):
// - ours: the library's index built by opening it with none on disk (SearchIndex#rebuild, in index workers);
//   cold load = openLibrary + library.search() until segments are loaded and caught up, then a first query;
//   queries through SearchService.query (limit 10, relevance, snippets), one warm-up pass and PASSES timed ones;
//   new article = one upsert in the store + 'library:changed', polled every 5 ms until search finds it.
// - a second index of ours beside it: at L1 with chunkSize 5000 (several segments, so overlap@10 against
//   lunr proves the merge); at L2 one segment (chunkSize ≥ articles), the reference for our merged ranking,
//   because lunr cannot index 100k × 5 KB articles (shared/DESIGN.md: ~45 KB of heap per article, 6 min for 50k,
//   its JSON no longer fits one string past ~75k).
// - FTS5 (node:sqlite, WAL, synchronous=NORMAL): a contentful table with our six fields, filled from the same
//   SearchDocuments in one transaction, 'optimize' counted in the build; porter stemming; ORDER BY rank with
//   rank = bm25 weighted by our field boosts; top 10 with highlighted title and snippet, as ours returns.
//   Queries keep lunr's meaning: optional terms joined by OR, `+a -b` → `a NOT b`, `title:x` → `title : x`;
//   FTS5 has no fuzzy matching, so `word~1` searches `word`.
// - lunr 2.3.9 at L1 (vanilla peer): one index, same fields and boosts; phrases have no lunr syntax and are
//   left out of its timings and of overlap@10.
// Overlap@10 is printed as the issue defines it and, in parentheses, tie-aware: a document tied with the
// reference's 10th score counts as agreeing (engines break ties differently; ours: newest first).
// A one-thread profile (read, analyze, postings, encode; segment decoding; vocabulary scans) says where time goes.
// Topics (issue 5: "re-applying a topic rule over L2 (100k articles): goal ≤ 5 s"; preview "within a second at
// 100k"): per rule in TOPIC_RULES, topics:preview; a new topic's first application; and the re-application after
// its rule changed (the old assignment replaced), each until the assignment is stored; then the grouped counts
// (topics:list) and one topic's first page. `-- --topics-only` runs just the corpus, import, build and this.
//
// Figures and ratios only: nothing here asserts a time. Progress goes to stderr.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reutersStories } from '../tests/support/reutersStories.ts';
import { buildQueryMix, QUERY_KINDS, type BenchQuery, type QueryKind } from './search/buildQueryMix.ts';
import { median, percentile, progress } from './search/measurement.ts';
import {
  runSearchPhase,
  SEARCH_PHASES,
  type BuildResult,
  type Fts5BuildResult,
  type Fts5ServeResult,
  type ImportResult,
  type IndexVariant,
  type LunrBuildResult,
  type LunrServeResult,
  type ProfileResult,
  type PhaseInputs,
  type PhaseResults,
  type SearchPhase,
  type ServeResult,
  type TopicsResult,
} from './search/runSearchPhase.ts';
import { writeLevelOne, writeLevelTwo, type CorpusFile } from './search/writeLevelCorpus.ts';

const L2_ARTICLES = positiveInteger(process.env['OFFPRINT_BENCH_L2_ARTICLES'], 100_000);
const JSON_OUTPUT = process.argv.includes('--json');
const LEVEL_ARGUMENT = process.argv.indexOf('--level');
const PHASE_FLAG = '--phase';
/** Timed passes over the query mix, after one warm-up pass. */
const PASSES = 3;
const NEW_ARTICLE_PROBES = 5;
const L1_CHUNK_SIZE = 5_000;
/** The build profile covers one default-size segment (SearchIndex's chunkSize). */
const PROFILE_ARTICLES = 25_000;
const PHASE_TIMEOUT_MS = 20 * 60 * 1000;
const TOPICS_ONLY = process.argv.includes('--topics-only');
/** Topic rules in the style of the issue's `"rare earth" OR neodymium OR gallium`, from the Reuters vocabulary. */
const TOPIC_RULES = [
  '"crude oil" OR opec OR petroleum',
  'gold OR silver OR "precious metals"',
  '"interest rates" OR "money supply" OR inflation',
];
const TOPIC_PREVIEW_RUNS = 5;
const GOALS = {
  p95RatioToFts5: 1,
  p95Ms: 50,
  buildRatioToFts5: 1,
  newArticleMs: 1000,
  rssBytes: 1024 ** 3,
  topicReapplySeconds: 5,
  topicPreviewMs: 1000,
};

type Level = 1 | 2;

interface Percentiles {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly samples: number;
}

interface LatencySummary {
  readonly all: Percentiles;
  readonly withoutPhrases: Percentiles;
  readonly kinds: Readonly<Record<QueryKind, Percentiles>>;
}

interface OverlapFigures {
  /** As the issue defines it: |top10 ∩ reference top10| / min(10, |reference results|). */
  readonly strict: number;
  /** The same, with any document tied with the reference's 10th score counted as in its top 10. */
  readonly tieAware: number;
}

interface OverlapSummary extends OverlapFigures {
  readonly queries: number;
  readonly kinds: Readonly<Record<QueryKind, OverlapFigures | null>>;
}

interface LevelReport {
  readonly level: Level;
  readonly corpus: CorpusFile;
  readonly imported: ImportResult;
  readonly ours: {
    readonly build: BuildResult;
    readonly serve: Omit<ServeResult, 'top' | 'tied'>;
    readonly latency: LatencySummary;
    readonly engineLatency: LatencySummary;
    readonly overlap: OverlapSummary;
  };
  readonly second: {
    readonly label: string;
    readonly variant: IndexVariant;
    readonly build: BuildResult;
    readonly serve: Omit<ServeResult, 'top' | 'tied'>;
    readonly latency: LatencySummary;
    /** L1: this multi-segment index against lunr. L2: null (it is the reference). */
    readonly overlap: OverlapSummary | null;
  };
  readonly fts5: {
    readonly build: Fts5BuildResult;
    readonly serve: Omit<Fts5ServeResult, 'top'>;
    readonly latency: LatencySummary;
    readonly overlap: OverlapSummary;
  };
  readonly lunr: {
    readonly build: LunrBuildResult;
    readonly serve: Omit<LunrServeResult, 'top' | 'tied'>;
    readonly latency: LatencySummary;
  } | null;
  readonly reference: string;
  readonly profile: ProfileResult;
  readonly meanHits: Readonly<Record<QueryKind, number>>;
  readonly topics: TopicsResult;
}

function positiveInteger(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new Error(`expected a positive integer, got ${JSON.stringify(value)}`);
  return parsed;
}

function levelsToRun(): Level[] {
  if (LEVEL_ARGUMENT < 0) return [1, 2];
  const value = process.argv[LEVEL_ARGUMENT + 1];
  if (value === '1' || value === '2') return [Number(value) as Level];
  throw new Error(`--level expects 1 or 2, got ${JSON.stringify(value)}`);
}

/** Runs one phase in a child process: input and result travel as JSON files, the child's output goes to stderr. */
function runPhase<Phase extends SearchPhase>(
  phase: Phase,
  input: PhaseInputs[Phase],
  directory: string,
): PhaseResults[Phase] {
  const inputPath = join(directory, `${phase}-input.json`);
  const outputPath = join(directory, `${phase}-output.json`);
  writeFileSync(inputPath, JSON.stringify(input));
  rmSync(outputPath, { force: true });
  const child = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), PHASE_FLAG, phase, inputPath, outputPath],
    {
      stdio: ['ignore', 2, 'inherit'],
      timeout: PHASE_TIMEOUT_MS,
    },
  );
  if (child.status !== 0)
    throw new Error(`search bench: phase ${phase} failed (exit ${child.status ?? child.signal ?? 'unknown'})`);
  const output = JSON.parse(readFileSync(outputPath, 'utf8')) as PhaseResults[Phase];
  rmSync(inputPath, { force: true });
  rmSync(outputPath, { force: true });
  return output;
}

function percentilesOf(samples: readonly number[]): Percentiles {
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    samples: samples.length,
  };
}

function summarizeLatency(queries: readonly BenchQuery[], samples: readonly (readonly number[])[]): LatencySummary {
  const where = (accept: (query: BenchQuery) => boolean): number[] =>
    queries.flatMap((query, position) => (accept(query) ? [...(samples[position] ?? [])] : []));
  const ofKind = (kind: QueryKind | null): number[] => where((query) => kind === null || query.kind === kind);
  const kinds = Object.fromEntries(QUERY_KINDS.map((kind) => [kind, percentilesOf(ofKind(kind))])) as Record<
    QueryKind,
    Percentiles
  >;
  return {
    all: percentilesOf(ofKind(null)),
    withoutPhrases: percentilesOf(where((query) => query.kind !== 'phrase')),
    kinds,
  };
}

/**
 * Overlap@10 against a reference ranking, averaged over the queries it answers. Ties at the reference's
 * 10th score are broken differently by every engine (ours: newest first; lunr: insertion order), so the
 * tie-aware figure counts a document tied with that score as agreeing.
 */
function overlapAt10(
  queries: readonly BenchQuery[],
  tops: readonly (readonly string[])[],
  reference: {
    readonly top: readonly (readonly string[] | null)[];
    readonly tied: readonly (readonly string[] | null)[];
  },
): OverlapSummary {
  const scores: { kind: QueryKind; strict: number; tieAware: number }[] = [];
  queries.forEach((query, position) => {
    const expected = reference.top[position];
    if (!expected || expected.length === 0) return;
    const mine = tops[position] ?? [];
    const found = new Set(mine);
    const tied = new Set([...expected, ...(reference.tied[position] ?? [])]);
    const denominator = Math.min(10, expected.length);
    scores.push({
      kind: query.kind,
      strict: expected.filter((id) => found.has(id)).length / denominator,
      tieAware: Math.min(denominator, mine.filter((id) => tied.has(id)).length) / denominator,
    });
  });
  const average = (subset: readonly { strict: number; tieAware: number }[]): OverlapFigures | null =>
    subset.length === 0
      ? null
      : {
          strict: subset.reduce((sum, score) => sum + score.strict, 0) / subset.length,
          tieAware: subset.reduce((sum, score) => sum + score.tieAware, 0) / subset.length,
        };
  const kinds = Object.fromEntries(
    QUERY_KINDS.map((kind) => [kind, average(scores.filter((score) => score.kind === kind))]),
  ) as Record<QueryKind, OverlapFigures | null>;
  const all = average(scores) ?? { strict: Number.NaN, tieAware: Number.NaN };
  return { ...all, queries: scores.length, kinds };
}

/** The serve figures without the per-query id lists (they stay out of the JSON document). */
function withoutIds<T extends { readonly top: unknown }>(result: T): Omit<T, 'top' | 'tied'> {
  const { top: _top, tied: _tied, ...rest } = result as T & { readonly tied?: unknown };
  return rest;
}

/** Writes the level's corpus and imports it into a fresh library under `root`. */
function importLevel(
  level: Level,
  root: string,
): { directory: string; dataDir: string; corpus: CorpusFile; imported: ImportResult } {
  const directory = join(root, `level${level}`);
  const dataDir = join(directory, 'library');
  mkdirSync(dataDir, { recursive: true });
  const stories = reutersStories();
  const jsonlPath = join(directory, 'corpus.jsonl');
  progress(`L${level}: writing the corpus`);
  const corpus = level === 1 ? writeLevelOne(jsonlPath, stories) : writeLevelTwo(jsonlPath, stories, L2_ARTICLES);
  progress(`L${level}: importing ${corpus.articles} articles (context: not part of any build time)`);
  const imported = runPhase('import', { dataDir, jsonlPath }, directory);
  rmSync(jsonlPath, { force: true });
  return { directory, dataDir, corpus, imported };
}

function runLevel(level: Level, root: string, queries: readonly BenchQuery[], queriesPath: string): LevelReport {
  const { directory, dataDir, corpus, imported } = importLevel(level, root);

  const library: IndexVariant = { kind: 'library' };
  const second: { label: string; variant: IndexVariant } =
    level === 1
      ? {
          label: `chunkSize ${L1_CHUNK_SIZE}`,
          variant: { kind: 'direct', directoryName: 'index-chunked', chunkSize: L1_CHUNK_SIZE },
        }
      : {
          label: 'one segment',
          variant: { kind: 'direct', directoryName: 'index-single', chunkSize: imported.articles + 1_000 },
        };
  progress(`L${level}: building our index (library defaults)`);
  const oursBuild = runPhase('build', { dataDir, variant: library }, directory);
  progress(`L${level}: building our index with ${second.label}`);
  const secondBuild = runPhase('build', { dataDir, variant: second.variant }, directory);
  progress(`L${level}: building FTS5`);
  const ftsPath = join(directory, 'fts5.sqlite');
  const fts5Build = runPhase('fts5-build', { dataDir, ftsPath }, directory);
  const lunrPath = join(directory, 'lunr.json');
  let lunrBuild: LunrBuildResult | null = null;
  if (level === 1) {
    progress('L1: building lunr');
    lunrBuild = runPhase('lunr-build', { dataDir, jsonPath: lunrPath }, directory);
  }
  progress(`L${level}: profiling build stages and segment loading on one thread`);
  const profile = runPhase('profile', { dataDir, articles: PROFILE_ARTICLES }, directory);

  progress(`L${level}: queries, our index with ${second.label}`);
  const secondServe = runPhase(
    'serve',
    { dataDir, variant: second.variant, queriesPath, passes: PASSES, newArticles: 0 },
    directory,
  );
  progress(`L${level}: queries, FTS5`);
  const fts5Serve = runPhase(
    'fts5-serve',
    { ftsPath, queriesPath, passes: PASSES, newArticles: NEW_ARTICLE_PROBES },
    directory,
  );
  let lunrServe: LunrServeResult | null = null;
  if (lunrBuild) {
    progress('L1: queries, lunr');
    lunrServe = runPhase('lunr-serve', { jsonPath: lunrPath, queriesPath, passes: PASSES }, directory);
  }
  // Last: its probe articles change the library.
  progress(`L${level}: cold load, queries and new articles, our index (library defaults)`);
  const oursServe = runPhase(
    'serve',
    { dataDir, variant: library, queriesPath, passes: PASSES, newArticles: NEW_ARTICLE_PROBES },
    directory,
  );
  const topics = runTopicsPhase(level, dataDir, directory);

  const reference = lunrServe ?? secondServe;
  const meanHits = Object.fromEntries(
    QUERY_KINDS.map((kind) => {
      const totals = oursServe.totals.filter((_total, position) => queries[position]?.kind === kind);
      return [kind, totals.reduce((sum, total) => sum + total, 0) / Math.max(1, totals.length)];
    }),
  ) as Record<QueryKind, number>;
  const report: LevelReport = {
    level,
    corpus,
    imported,
    ours: {
      build: oursBuild,
      serve: withoutIds(oursServe),
      latency: summarizeLatency(queries, oursServe.samples),
      engineLatency: summarizeLatency(queries, oursServe.engineSamples),
      overlap: overlapAt10(queries, oursServe.top, reference),
    },
    second: {
      ...second,
      build: secondBuild,
      serve: withoutIds(secondServe),
      latency: summarizeLatency(queries, secondServe.samples),
      overlap: lunrServe ? overlapAt10(queries, secondServe.top, lunrServe) : null,
    },
    fts5: {
      build: fts5Build,
      serve: withoutIds(fts5Serve),
      latency: summarizeLatency(queries, fts5Serve.samples),
      overlap: overlapAt10(queries, fts5Serve.top, reference),
    },
    lunr:
      lunrBuild && lunrServe
        ? { build: lunrBuild, serve: withoutIds(lunrServe), latency: summarizeLatency(queries, lunrServe.samples) }
        : null,
    reference: lunrServe ? 'one global lunr index' : `our index rebuilt as ${second.label}`,
    profile,
    meanHits,
    topics,
  };
  rmSync(directory, { recursive: true, force: true });
  return report;
}

function runTopicsPhase(level: Level, dataDir: string, directory: string): TopicsResult {
  progress(`L${level}: topics: preview, apply and re-apply ${TOPIC_RULES.length} rules`);
  return runPhase('topics', { dataDir, rules: TOPIC_RULES, previewRuns: TOPIC_PREVIEW_RUNS }, directory);
}

interface TopicsOnlyReport {
  readonly level: Level;
  readonly imported: ImportResult;
  readonly build: BuildResult;
  readonly topics: TopicsResult;
}

/** `--topics-only`: the corpus, its import and our index, then the topics phase alone. */
function runTopicsOnly(level: Level, root: string): TopicsOnlyReport {
  const { directory, dataDir, imported } = importLevel(level, root);
  progress(`L${level}: building our index (library defaults)`);
  const build = runPhase('build', { dataDir, variant: { kind: 'library' } }, directory);
  const topics = runTopicsPhase(level, dataDir, directory);
  rmSync(directory, { recursive: true, force: true });
  return { level, imported, build, topics };
}

function topicLines(topics: TopicsResult): string[] {
  return [
    ...topics.rules.map(
      (rule) =>
        `  topic ${JSON.stringify(rule.rule)}: ${integer.format(rule.matches)} matches; preview ${ms(rule.previewMs)}; new topic applied ${seconds(rule.applySeconds)}; re-applied after a rule change ${seconds(rule.reapplySeconds)}`,
    ),
    `  topics: counts of ${topics.rules.length} topics (topics:list) ${ms(topics.listMs)}; one topic's first page (articles:list) ${ms(topics.filterMs)}`,
  ];
}

function topicVerdicts(topics: TopicsResult): GoalVerdict[] {
  const slowest = Math.max(...topics.rules.map((rule) => rule.reapplySeconds));
  const slowestPreview = Math.max(...topics.rules.map((rule) => rule.previewMs));
  return [
    {
      goal: 'topic rule re-applied ≤ 5 s',
      met: slowest <= GOALS.topicReapplySeconds,
      measured: `slowest ${seconds(slowest)} of ${topics.rules.length} rules`,
    },
    {
      goal: 'topic preview ≤ 1 s',
      met: slowestPreview <= GOALS.topicPreviewMs,
      measured: `slowest ${ms(slowestPreview)} (median of ${TOPIC_PREVIEW_RUNS}) of ${topics.rules.length} rules`,
    },
  ];
}

// ---- report ----

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const MIB = 1024 * 1024;
const mib = (bytes: number): string => `${oneDecimal.format(bytes / MIB)} MiB`;
const seconds = (value: number): string => `${decimal.format(value)} s`;
const ms = (value: number): string => (Number.isFinite(value) ? `${decimal.format(value)} ms` : '—');
const ratio = (ours: number, peer: number): string =>
  Number.isFinite(ours) && Number.isFinite(peer) && peer > 0 ? `${decimal.format(ours / peer)}×` : '—';
const share = (part: number, whole: number): string => `${integer.format((100 * part) / whole)}%`;
const overlapText = (value: OverlapFigures | null): string =>
  value === null ? '—' : `${decimal.format(value.strict)} (${decimal.format(value.tieAware)})`;

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_cell, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('   ')
      .trimEnd(),
  );
}

function levelLines(report: LevelReport): string[] {
  const { ours, fts5, lunr, second, profile, imported, corpus } = report;
  const textMiB = imported.textBytes / MIB;
  const lunrColumn = (value: string): string[] => (lunr ? [value] : []);
  const header = ['', 'ours', 'FTS5', ...lunrColumn('lunr'), 'ours/FTS5'];
  const row = (label: string, mine: string, peer: string, lunrValue: string, quotient: string): string[] => [
    label,
    mine,
    peer,
    ...lunrColumn(lunrValue),
    quotient,
  ];
  const oursNew = ours.serve.newArticleMs;
  const ftsNew = fts5.serve.newArticleMs;
  const rows: string[][] = [
    header,
    row(
      'build',
      seconds(ours.build.seconds),
      seconds(fts5.build.seconds),
      lunr ? seconds(lunr.build.seconds) : '',
      ratio(ours.build.seconds, fts5.build.seconds),
    ),
    row(
      'throughput',
      `${decimal.format(textMiB / ours.build.seconds)} MiB/s`,
      `${decimal.format(textMiB / fts5.build.seconds)} MiB/s`,
      lunr ? `${decimal.format(textMiB / lunr.build.seconds)} MiB/s` : '',
      ratio(fts5.build.seconds, ours.build.seconds),
    ),
    row(
      'peak RSS, build',
      mib(ours.build.peakRss),
      mib(fts5.build.peakRss),
      lunr ? mib(lunr.build.peakRss) : '',
      ratio(ours.build.peakRss, fts5.build.peakRss),
    ),
    row(
      'size on disk',
      mib(ours.build.indexBytes),
      mib(fts5.build.bytes),
      lunr ? mib(lunr.build.serializedBytes) : '',
      ratio(ours.build.indexBytes, fts5.build.bytes),
    ),
    row(
      '  FTS5 without its text copy',
      '',
      mib(fts5.build.indexBytes),
      '',
      ratio(ours.build.indexBytes, fts5.build.indexBytes),
    ),
    row(
      'cold load + first query',
      ms(ours.serve.openSeconds * 1000 + ours.serve.firstQueryMs),
      ms(fts5.serve.openFirstMs),
      lunr ? ms(lunr.serve.loadFirstMs) : '',
      ratio(ours.serve.openSeconds * 1000 + ours.serve.firstQueryMs, fts5.serve.openFirstMs),
    ),
    row(
      'RSS, search ready',
      mib(ours.serve.rssReady),
      mib(fts5.serve.rssReady),
      lunr ? mib(lunr.serve.rssReady) : '',
      ratio(ours.serve.rssReady, fts5.serve.rssReady),
    ),
  ];
  for (const key of ['p50', 'p95', 'p99'] as const) {
    rows.push(
      row(
        `query ${key}`,
        ms(ours.latency.all[key]),
        ms(fts5.latency.all[key]),
        lunr ? `${ms(lunr.latency.all[key])}*` : '',
        ratio(ours.latency.all[key], fts5.latency.all[key]),
      ),
    );
  }
  rows.push(
    row(
      'query p95, phrases left out',
      ms(ours.latency.withoutPhrases.p95),
      ms(fts5.latency.withoutPhrases.p95),
      lunr ? ms(lunr.latency.withoutPhrases.p95) : '',
      ratio(ours.latency.withoutPhrases.p95, fts5.latency.withoutPhrases.p95),
    ),
  );
  for (const kind of QUERY_KINDS) {
    rows.push(
      row(
        `  p95 ${kind}`,
        ms(ours.latency.kinds[kind].p95),
        ms(fts5.latency.kinds[kind].p95),
        lunr ? ms(lunr.latency.kinds[kind].p95) : '',
        ratio(ours.latency.kinds[kind].p95, fts5.latency.kinds[kind].p95),
      ),
    );
  }
  rows.push(
    row(
      'new article searchable',
      `${ms(median(oursNew))} (max ${integer.format(Math.max(...oursNew))})`,
      `${ms(median(ftsNew))} (max ${integer.format(Math.max(...ftsNew))})`,
      lunr ? 'rebuild' : '',
      ratio(median(oursNew), median(ftsNew)),
    ),
    row(
      `overlap@10 (tie-aware) vs ${lunr ? 'lunr' : '1 segment'}`,
      `${overlapText(ours.overlap)}, ${ours.serve.segments} seg`,
      overlapText(fts5.overlap),
      lunr ? 'reference' : '',
      '',
    ),
  );

  const lines = [
    `L${report.level}: ${integer.format(imported.articles)} articles, ${oneDecimal.format(textMiB)} MiB of title + text (mean ${integer.format(imported.textBytes / Math.max(1, imported.articles))} B), ${queriesSummary(report)}`,
    `  import (context, not search): ${seconds(imported.seconds)}, ${integer.format(imported.articles / imported.seconds)} articles/s, ${imported.rejected} rejected; JSON Lines ${mib(corpus.fileBytes)}`,
    ...table(rows).map((line) => `  ${line}`),
  ];
  if (lunr) lines.push('  * lunr: phrases left out (no lunr syntax); overlap@10 over the other kinds, against lunr.');
  const kindsOverlap = (summary: OverlapSummary): string =>
    QUERY_KINDS.filter((kind) => summary.kinds[kind] !== null)
      .map((kind) => `${kind} ${overlapText(summary.kinds[kind])}`)
      .join(', ');
  lines.push(`  overlap@10 by kind, ours (${ours.serve.segments} seg): ${kindsOverlap(ours.overlap)}`);
  if (second.overlap) {
    lines.push(
      `  merge check, ${second.label}: ${second.serve.segments} segments, build ${seconds(second.build.seconds)}, p50/p95/p99 ${ms(second.latency.all.p50)} / ${ms(second.latency.all.p95)} / ${ms(second.latency.all.p99)}, overlap@10 vs lunr ${overlapText(second.overlap)} over ${second.overlap.queries} queries`,
      `    by kind: ${kindsOverlap(second.overlap)}`,
    );
  } else {
    lines.push(
      `  merge check: lunr cannot index ${integer.format(imported.articles)} articles / ${oneDecimal.format(textMiB)} MiB here (DESIGN.md: ~45 KB heap per 5 KB article, JSON > one string past ~75k), so the reference is our index rebuilt as ${second.label} (${second.serve.segments} seg): build ${seconds(second.build.seconds)}, peak RSS ${mib(second.build.peakRss)}, p50/p95/p99 ${ms(second.latency.all.p50)} / ${ms(second.latency.all.p95)} / ${ms(second.latency.all.p99)}; ours (${ours.serve.segments} seg) vs it: overlap@10 ${overlapText(ours.overlap)} over ${ours.overlap.queries} queries`,
    );
  }
  const stages = profile.readSeconds + profile.analyzeSeconds + profile.addSeconds + profile.encodeSeconds;
  lines.push(
    `  build stages, one thread, ${integer.format(profile.articles)} articles (${mib(profile.textBytes)}): read ${seconds(profile.readSeconds)} (${share(profile.readSeconds, stages)}), analyze ${seconds(profile.analyzeSeconds)} (${share(profile.analyzeSeconds, stages)}), postings ${seconds(profile.addSeconds)} (${share(profile.addSeconds, stages)}), encode ${seconds(profile.encodeSeconds)} (${share(profile.encodeSeconds, stages)}) = ${decimal.format(profile.textBytes / MIB / stages)} MiB/s; ${integer.format(profile.terms)} terms, ${integer.format(profile.postings)} postings, ${mib(profile.segmentBytes)}`,
    `  load: read + decode ${profile.segments} segment files ${seconds(profile.decodeSeconds)} (profile process; cold open in the serve process ${seconds(ours.serve.openSeconds)}); vocabulary: ${integer.format(profile.scannedTerms)} terms in ${profile.segments} dictionaries (${integer.format(profile.vocabularyTerms)} distinct), one pass ${ms(profile.vocabularyScanMs)}, with a fuzzy~1 automaton ${ms(profile.fuzzyScanMs)}`,
    `  ours per kind, p50 service / engine only (parse + execute + sort) / mean hits: ${QUERY_KINDS.map(
      (kind) =>
        `${kind} ${decimal.format(ours.latency.kinds[kind].p50)} / ${decimal.format(ours.engineLatency.kinds[kind].p50)} / ${integer.format(report.meanHits[kind])}`,
    ).join('; ')}`,
  );
  lines.push(...topicLines(report.topics));
  if (fts5.serve.errors.length > 0) lines.push(`  FTS5 errors: ${fts5.serve.errors.join('; ')}`);
  if (lunr && lunr.serve.errors.length > 0) lines.push(`  lunr errors: ${lunr.serve.errors.join('; ')}`);
  return lines;
}

function queriesSummary(report: LevelReport): string {
  return `${report.ours.serve.samples.length} queries × ${PASSES} timed passes`;
}

interface GoalVerdict {
  readonly goal: string;
  readonly met: boolean;
  readonly measured: string;
}

function evaluateGoals(report: LevelReport): GoalVerdict[] {
  const { ours, fts5 } = report;
  const p95 = ours.latency.all.p95;
  const ftsP95 = fts5.latency.all.p95;
  const throughputRatio = fts5.build.seconds / ours.build.seconds;
  const slowest = Math.max(...ours.serve.newArticleMs);
  const rss = Math.max(ours.serve.rssReady, ours.serve.rssAfterQueries);
  return [
    {
      goal: 'query p95 ≤ 1.0× FTS5',
      met: p95 <= ftsP95 * GOALS.p95RatioToFts5,
      measured: `${ms(p95)} vs ${ms(ftsP95)} = ${ratio(p95, ftsP95)}`,
    },
    { goal: 'query p95 ≤ 50 ms', met: p95 <= GOALS.p95Ms, measured: ms(p95) },
    {
      goal: 'build throughput ≥ 1.0× FTS5',
      met: throughputRatio >= GOALS.buildRatioToFts5,
      measured: `${decimal.format(throughputRatio)}× (${seconds(ours.build.seconds)} vs ${seconds(fts5.build.seconds)})`,
    },
    {
      goal: 'new article searchable ≤ 1 s',
      met: slowest <= GOALS.newArticleMs,
      measured: `slowest ${ms(slowest)} of ${ours.serve.newArticleMs.length}`,
    },
    {
      goal: 'main-process RSS ≤ 1 GiB, search ready',
      met: rss <= GOALS.rssBytes,
      measured: `${mib(ours.serve.rssReady)} ready, ${mib(ours.serve.rssAfterQueries)} after the query mix`,
    },
    ...topicVerdicts(report.topics),
  ];
}

function goalLines(
  report: { readonly level: Level; readonly imported: ImportResult },
  verdicts: GoalVerdict[],
): string[] {
  const width = Math.max(...verdicts.map((verdict) => verdict.goal.length));
  return [
    `goals at L${report.level} (${integer.format(report.imported.articles)} articles):`,
    ...verdicts.map(
      (verdict) =>
        `  ${verdict.goal.padEnd(width)}   ${(verdict.met ? 'met' : 'NOT met').padEnd(7)}   ${verdict.measured}`,
    ),
  ];
}

function mainTopicsOnly(): void {
  const started = performance.now();
  const root = mkdtempSync(join(tmpdir(), 'offprint-search-bench-'));
  try {
    const reports = levelsToRun().map((level) => runTopicsOnly(level, root));
    const totalSeconds = (performance.now() - started) / 1000;
    if (JSON_OUTPUT) {
      process.stdout.write(`${JSON.stringify({ levels: reports, totalSeconds }, null, 2)}\n`);
      return;
    }
    const lines = [
      `Offprint search benchmark, topics only — node ${process.version}, ${process.platform} ${process.arch}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
      '',
    ];
    for (const report of reports) {
      lines.push(
        `L${report.level}: ${integer.format(report.imported.articles)} articles; index built in ${seconds(report.build.seconds)} (${report.build.segments} segments)`,
        ...topicLines(report.topics),
        '',
      );
    }
    const last = reports.at(-1);
    if (last?.level === 2) lines.push(...goalLines(last, topicVerdicts(last.topics)), '');
    lines.push(`total ${seconds(totalSeconds)}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function main(): void {
  if (TOPICS_ONLY) {
    mainTopicsOnly();
    return;
  }
  const started = performance.now();
  const levels = levelsToRun();
  const root = mkdtempSync(join(tmpdir(), 'offprint-search-bench-'));
  try {
    progress('building the query mix from the Reuters vocabulary');
    const queries = buildQueryMix(reutersStories());
    const queriesPath = join(root, 'queries.json');
    writeFileSync(queriesPath, JSON.stringify(queries));
    const reports = levels.map((level) => runLevel(level, root, queries, queriesPath));
    const totalSeconds = (performance.now() - started) / 1000;
    const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
    const last = reports.at(-1);
    if (JSON_OUTPUT) {
      const document = {
        environment: {
          node: process.version,
          platform: `${process.platform} ${process.arch}`,
          cpus: cpus().length,
          cpu,
        },
        queries: { count: queries.length, passes: PASSES, kinds: QUERY_KINDS, mix: queries },
        levels: reports,
        goals: last?.level === 2 ? evaluateGoals(last) : null,
        totalSeconds,
      };
      process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
      return;
    }
    const lines = [
      `Offprint search benchmark — node ${process.version}, ${process.platform} ${process.arch}, ${cpus().length} × ${cpu}`,
      `queries: ${queries.length} (${QUERY_KINDS.map((kind) => `${queries.filter((query) => query.kind === kind).length} ${kind}`).join(', ')}); one warm-up pass, ${PASSES} timed; FTS5 fuzzy = plain term`,
      '',
    ];
    for (const report of reports) lines.push(...levelLines(report), '');
    if (last?.level === 2) lines.push(...goalLines(last, evaluateGoals(last)), '');
    lines.push(`total ${seconds(totalSeconds)}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const phaseIndex = process.argv.indexOf(PHASE_FLAG);
if (phaseIndex < 0) {
  main();
} else {
  const [phase, inputPath, outputPath] = process.argv.slice(phaseIndex + 1);
  if (!SEARCH_PHASES.includes(phase as SearchPhase) || inputPath === undefined || outputPath === undefined)
    throw new Error(`search bench: usage ${PHASE_FLAG} <${SEARCH_PHASES.join('|')}> <input.json> <output.json>`);
  const result = await runSearchPhase(phase as SearchPhase, JSON.parse(readFileSync(inputPath, 'utf8')));
  writeFileSync(outputPath, JSON.stringify(result));
}
