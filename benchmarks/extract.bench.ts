// Extraction benchmark: `npm run bench:extract`.
//
// Pages per second of extractArticle over the 181 pages of the Zyte
// article-extraction benchmark (decompressed once, up front), three ways:
// on the main thread alone, and through ExtractWorkerPool with one and with
// two workers (the app runs extraction off the main thread; two workers use
// both cores of the build machines). Each way gets a warm-up pass, then
// OFFPRINT_BENCH_ROUNDS measured passes (default 3); the best pass counts.
//
// Figures only: nothing here asserts a time. Progress goes to stderr.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../electron/core/extract/article/extractArticle.ts';
import { ExtractWorkerPool } from '../electron/core/extract/article/ExtractWorkerPool.ts';
import { testdataDirectory } from '../tests/support/testdataDirectory.ts';

const GOAL_PAGES_PER_SECOND = 50;
const ROUNDS = positiveInteger(process.env['OFFPRINT_BENCH_ROUNDS'], 3);

interface Page {
  readonly html: string;
  readonly url: string;
}

interface Figures {
  readonly label: string;
  readonly pagesPerSecond: number;
  readonly failures: number;
}

function positiveInteger(value: string | undefined, fallback: number): number {
  const parsed = value === undefined ? Number.NaN : Number.parseInt(value, 10);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

function loadPages(): Page[] {
  const directory = testdataDirectory('extraction', 'zyte-benchmark');
  const truth = JSON.parse(readFileSync(join(directory, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { readonly url: string }
  >;
  return Object.entries(truth).map(([id, entry]) => ({
    html: gunzipSync(readFileSync(join(directory, 'html', `${id}.html.gz`))).toString('utf8'),
    url: entry.url,
  }));
}

/** Runs `pass` once to warm up, then ROUNDS times; the fastest pass is the figure. */
async function measure(label: string, pages: readonly Page[], pass: () => Promise<number>): Promise<Figures> {
  process.stderr.write(`${label}: warm-up…\n`);
  await pass();
  let best = Number.POSITIVE_INFINITY;
  let failures = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    failures = await pass();
    best = Math.min(best, performance.now() - started);
  }
  return { label, pagesPerSecond: pages.length / (best / 1000), failures };
}

function mainThreadPass(pages: readonly Page[]): Promise<number> {
  let failures = 0;
  for (const page of pages) {
    try {
      extractArticle(page.html, page.url);
    } catch {
      failures += 1;
    }
  }
  return Promise.resolve(failures);
}

async function poolPass(pool: ExtractWorkerPool, pages: readonly Page[]): Promise<number> {
  const results = await Promise.allSettled(pages.map((page) => pool.extract(page.html, page.url)));
  return results.filter((result) => result.status === 'rejected').length;
}

const pages = loadPages();
const megabytes = pages.reduce((sum, page) => sum + page.html.length, 0) / 1e6;
console.log(
  `Extraction benchmark: ${pages.length} Zyte pages (${megabytes.toFixed(1)} M characters), ${availableParallelism()} cores, best of ${ROUNDS} passes`,
);

const figures: Figures[] = [];
figures.push(await measure('main thread', pages, () => mainThreadPass(pages)));
for (const size of [1, 2]) {
  const pool = new ExtractWorkerPool({ size });
  try {
    figures.push(await measure(`${size} worker${size === 1 ? '' : 's'}`, pages, () => poolPass(pool, pages)));
  } finally {
    await pool.dispose();
  }
}

const mainThread = figures[0]?.pagesPerSecond ?? 0;
for (const figure of figures) {
  const ratio = mainThread > 0 ? figure.pagesPerSecond / mainThread : 0;
  console.log(
    `  ${figure.label.padEnd(12)} ${figure.pagesPerSecond.toFixed(1).padStart(6)} pages/s  (${ratio.toFixed(2)}× main thread, ${(1000 / figure.pagesPerSecond).toFixed(1)} ms/page, ${figure.failures} failures)`,
  );
}
const best = figures.at(-1)?.pagesPerSecond ?? 0;
console.log(
  `  goal ≥ ${GOAL_PAGES_PER_SECOND} pages/s with both cores (2 workers): ${best >= GOAL_PAGES_PER_SECOND ? 'met' : 'not met'} (${best.toFixed(1)})`,
);
