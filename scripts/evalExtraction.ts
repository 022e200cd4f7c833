/**
 * Extraction quality: `npm run eval:extraction`.
 *
 * 1. Runs extractArticle on the 181 pages of the Zyte article-extraction
 *    benchmark and scores `text` against the ground-truth bodies the way the
 *    benchmark's evaluate.py does: `\w+` tokens, 4-token shingle multisets,
 *    TP/FP/FN normalised per document, precision and recall averaged over
 *    documents, F1 = harmonic mean of the two averages.
 * 2. Scores the baseline outputs staged beside the pages with the same code:
 *    readability_js must come out at its published 0.947, or the scorer is wrong.
 * 3. Checks title, byline and published date against Mozilla Readability's
 *    test pages (expected-metadata.json), and their body text against
 *    expected.html with the same shingle measure.
 *
 *   node scripts/evalExtraction.ts                    summary
 *   node scripts/evalExtraction.ts --worst 20         also the 20 worst pages
 *   node scripts/evalExtraction.ts --write out.json   also our bodies in the benchmark's output format
 *   node scripts/evalExtraction.ts --misses           also each metadata mismatch on the test pages
 */
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { compareShingles } from '../electron/core/extract/article/compareShingles.ts';
import type { ShingleCounts } from '../electron/core/extract/article/compareShingles.ts';
import { extractArticle } from '../electron/core/extract/article/extractArticle.ts';
import type { ExtractedArticle } from '../electron/core/extract/article/ExtractedArticle.ts';
import { htmlToText } from '../electron/core/extract/htmlToText.ts';
import { parseDate } from '../electron/core/feeds/parseDate.ts';
import { testdataDirectory } from '../tests/support/testdataDirectory.ts';

/** Published anchors on the same 181 pages (the benchmark's README, latest run). */
const READABILITY_JS_F1 = 0.947;
const BEST_PUBLISHED_F1 = 0.97;
/** The URL Readability's own harness parses its test pages with. */
const READABILITY_TEST_URL = 'http://fakehost/test/page.html';

interface Scores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

interface GroundTruthEntry {
  readonly articleBody: string;
  readonly url: string;
}

const zyteDirectory = testdataDirectory('extraction', 'zyte-benchmark');
const readabilityDirectory = testdataDirectory('extraction', 'readability-pages');
const worstCount = numberArgument('--worst') ?? 0;
const writePath = stringArgument('--write');

function stringArgument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function numberArgument(name: string): number | undefined {
  const value = stringArgument(name);
  return value === undefined ? undefined : Number.parseInt(value, 10);
}

/** evaluate.py's string_shingle_matching: counts normalised so that long documents do not weigh more. */
function normalisedCounts(truth: string, predicted: string): ShingleCounts {
  const counts = compareShingles(truth, predicted);
  const sum = counts.shared + counts.extra + counts.missing;
  if (sum === 0) return counts;
  return { shared: counts.shared / sum, extra: counts.extra / sum, missing: counts.missing / sum };
}

function precisionOf({ shared, extra, missing }: ShingleCounts): number {
  if (extra === 0 && missing === 0) return 1;
  if (shared === 0 && extra === 0) return 0;
  return shared / (shared + extra);
}

function recallOf({ shared, extra, missing }: ShingleCounts): number {
  if (extra === 0 && missing === 0) return 1;
  if (shared === 0 && missing === 0) return 0;
  return shared / (shared + missing);
}

/** evaluate.py's metrics_from_tp_fp_fns: precision over documents with a prediction, recall over documents with a truth. */
function scoresOf(documents: readonly ShingleCounts[]): Scores {
  const precisions = documents.filter((counts) => counts.shared + counts.extra > 0).map(precisionOf);
  const recalls = documents.filter((counts) => counts.shared + counts.missing > 0).map(recallOf);
  const precision = mean(precisions);
  const recall = mean(recalls);
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function format(scores: Scores): string {
  return `F1 ${scores.f1.toFixed(3)}  precision ${scores.precision.toFixed(3)}  recall ${scores.recall.toFixed(3)}`;
}

// ---------------------------------------------------------------- Zyte benchmark

const groundTruth = JSON.parse(readFileSync(join(zyteDirectory, 'ground-truth.json'), 'utf8')) as Record<
  string,
  GroundTruthEntry
>;
const ids = Object.keys(groundTruth);
const predictions = new Map<string, string>();
const failures: string[] = [];
const methods = new Map<string, number>();
const started = performance.now();
for (const id of ids) {
  const entry = groundTruth[id];
  if (entry === undefined) continue;
  const html = gunzipSync(readFileSync(join(zyteDirectory, 'html', `${id}.html.gz`))).toString('utf8');
  try {
    const article = extractArticle(html, entry.url);
    predictions.set(id, article.text);
    methods.set(article.method, (methods.get(article.method) ?? 0) + 1);
  } catch (error) {
    predictions.set(id, '');
    failures.push(`${id.slice(0, 12)} ${entry.url}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
const seconds = (performance.now() - started) / 1000;
const perDocument = ids.map((id) => normalisedCounts(groundTruth[id]?.articleBody ?? '', predictions.get(id) ?? ''));
const ours = scoresOf(perDocument);

console.log(`Zyte article-extraction benchmark: ${ids.length} pages in ${seconds.toFixed(1)} s`);
console.log(`  extractArticle    ${format(ours)}  failures ${failures.length}`);
console.log(
  `  anchors           Readability.js ${READABILITY_JS_F1.toFixed(3)}, best published ${BEST_PUBLISHED_F1.toFixed(3)}; goal ≥ ${BEST_PUBLISHED_F1.toFixed(2)}: ${ours.f1 >= BEST_PUBLISHED_F1 ? 'met' : 'not met'}`,
);
console.log(`  methods           ${[...methods].map(([method, count]) => `${method} ${count}`).join(', ')}`);
for (const failure of failures) console.log(`  failed: ${failure}`);

const outputDirectory = join(zyteDirectory, 'output');
for (const file of readdirSync(outputDirectory)
  .filter((name) => name.endsWith('.json'))
  .sort()) {
  const parsed = JSON.parse(readFileSync(join(outputDirectory, file), 'utf8')) as {
    output?: Record<string, { articleBody?: string }>;
  } & Record<string, { articleBody?: string }>;
  const output = parsed.output ?? parsed;
  const scores = scoresOf(
    ids.map((id) => normalisedCounts(groundTruth[id]?.articleBody ?? '', output[id]?.articleBody ?? '')),
  );
  console.log(`  baseline ${file.replace(/\.json$/, '').padEnd(16)} ${format(scores)}  (scorer check)`);
}

if (worstCount > 0) {
  const ranked = ids
    .map((id, index) => {
      const counts = perDocument[index] ?? { shared: 0, extra: 0, missing: 0 };
      return { id, precision: precisionOf(counts), recall: recallOf(counts) };
    })
    .sort((a, b) => a.precision + a.recall - (b.precision + b.recall))
    .slice(0, worstCount);
  for (const row of ranked) {
    console.log(
      `  worst: P ${row.precision.toFixed(3)} R ${row.recall.toFixed(3)} ${row.id.slice(0, 12)} ${groundTruth[row.id]?.url ?? ''}`,
    );
  }
}

if (writePath !== undefined) {
  const output = Object.fromEntries(ids.map((id) => [id, { articleBody: predictions.get(id) ?? '' }]));
  writeFileSync(writePath, JSON.stringify({ version: 'offprint', output }, null, 1));
}

// ---------------------------------------------------------------- Readability test pages

interface ExpectedMetadata {
  readonly title?: string | null;
  readonly byline?: string | null;
  readonly publishedTime?: string | null;
}

const pagesDirectory = join(readabilityDirectory, 'test-pages');
const pages = readdirSync(pagesDirectory).sort();
const passes = { title: 0, byline: 0, date: 0 };
let datedPages = 0;
let pageFailures = 0;
const bodyCounts: ShingleCounts[] = [];
const metadataMisses: string[] = [];
for (const page of pages) {
  const folder = join(pagesDirectory, page);
  if (!existsSync(join(folder, 'source.html'))) continue;
  const source = readFileSync(join(folder, 'source.html'), 'utf8').trim();
  const expected = JSON.parse(readFileSync(join(folder, 'expected-metadata.json'), 'utf8')) as ExpectedMetadata;
  const expectedText = htmlToText(readFileSync(join(folder, 'expected.html'), 'utf8'));
  let article: ExtractedArticle | null = null;
  try {
    article = extractArticle(source, READABILITY_TEST_URL);
  } catch {
    pageFailures += 1;
  }
  bodyCounts.push(normalisedCounts(expectedText, article?.text ?? ''));
  if (sameText(article?.title, expected.title)) passes.title += 1;
  else metadataMisses.push(`${page} title: ${JSON.stringify(article?.title)} ≠ ${JSON.stringify(expected.title)}`);
  if (sameText(article?.byline, expected.byline)) passes.byline += 1;
  else metadataMisses.push(`${page} byline: ${JSON.stringify(article?.byline)} ≠ ${JSON.stringify(expected.byline)}`);
  if (typeof expected.publishedTime === 'string') {
    datedPages += 1;
    const expectedDate = parseDate(expected.publishedTime);
    if (expectedDate !== null && article?.publishedAt === expectedDate) passes.date += 1;
    else {
      metadataMisses.push(
        `${page} date: ${JSON.stringify(article?.publishedAt)} ≠ ${expected.publishedTime} (${String(expectedDate)})`,
      );
    }
  }
}

function sameText(actual: string | null | undefined, expected: string | null | undefined): boolean {
  const normalise = (value: string | null | undefined): string => (value ?? '').replace(/\s+/g, ' ').trim();
  return normalise(actual) === normalise(expected);
}

console.log(`Readability test pages: ${pages.length} pages, ${pageFailures} without an article`);
console.log(
  `  metadata          title ${passes.title}/${pages.length}  byline ${passes.byline}/${pages.length}  date ${passes.date}/${datedPages}`,
);
console.log(`  body vs expected  ${format(scoresOf(bodyCounts))}`);
if (process.argv.includes('--misses')) for (const miss of metadataMisses) console.log(`  miss: ${miss}`);
