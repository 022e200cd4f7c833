// Reader benchmark: `npm run bench:reader` (`-- --articles N` for another size, `-- --fresh` to make the
// library again, `-- --build` to build the renderer again, `-- --json` for one JSON document on stdout).
//
// The issue: "keystroke to painted results p95 ≤ 100 ms on a 100k-article library (measure in Chromium with
// performance marks; a benchmark, not a timed test); opening an article ≤ 50 ms; no long task over 100 ms
// while scrolling."
//
// The library is the search benchmark's L2 (Reuters stories recombined into 100k articles of ~5 KB),
// imported and indexed once and kept under .bench/reader/ for later runs. The Node host serves it with the
// built renderer (out/renderer, built when missing) to Debian's Chromium, driven by playwright-core, as the
// end-to-end tests do. A probe installed before the renderer's scripts (benchmarks/reader/page) records
// trusted keydowns and clicks, every call the renderer's own client makes, and long tasks; the renderer is
// measured as it is, unmodified.
// - Typing: queries typed a key at a time; per key that changes the query, keydown → the search:query
//   for that text answered → the list showing it (fresh rows or "no match") → the next frame. The next
//   key follows once the results are painted (plus a short pause), so every key is answered.
//   Peer: the same search:query requests replayed from the page with fetch, no rendering.
// - Opening: 50 article rows clicked in turn; click → the reader showing that title and body → next frame.
//   Peer: the same articles:get requests replayed from the page.
// - Scrolling: the list wheeled down from the top, then dragged from the top to the bottom in equal jumps,
//   one per frame; every long task (PerformanceObserver 'longtask') and the gaps between frames.
// Figures and ratios only: nothing here asserts a time. Progress goes to stderr.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium } from '../tests/support/launchChromium.ts';
import {
  articleRowTitles,
  callCountsSince,
  installReaderProbe,
  longTasksSince,
  pageNow,
  probeCounts,
  probedCalls,
  scrollArticleList,
  waitForQuiet,
  timeRawCalls,
  waitForArticlePainted,
  waitForSearchPainted,
  type LongTask,
  type OpenSample,
  type ScrollResult,
  type SearchSample,
} from './reader/page/readerProbe.ts';
import { prepareReaderLibrary, type ReaderLibrary } from './reader/prepareReaderLibrary.ts';
import { startReaderHost } from './reader/startReaderHost.ts';
import { percentile, progress, sleep } from './search/measurement.ts';
import { argumentAfter, positiveInteger } from './support/commandLine.ts';

const repository = fileURLToPath(new URL('..', import.meta.url));
const rendererDir = join(repository, 'out', 'renderer');
const JSON_OUTPUT = process.argv.includes('--json');
const ARTICLES = positiveInteger(
  argumentAfter('--articles') ?? process.env['OFFPRINT_BENCH_READER_ARTICLES'],
  100_000,
  'reader bench',
);
const VIEWPORT = { width: 1280, height: 800 };
/** Queries in the corpus's own words; every prefix is typed, so most keys ask the library. */
const QUERIES = [
  'oil prices',
  'gold',
  'interest rates',
  'coffee exports',
  'opec',
  'trade deficit',
  'wheat',
  'bank of japan',
  'copper',
  'dollar',
];
const WARM_UP_QUERY = 'sugar';
const ARTICLES_TO_OPEN = 50;
const WHEEL_EVENTS = 150;
const WHEEL_PIXELS = 120;
const DRAG_STEPS = 600;
const WAIT_MS = 15_000;
/** "Reading" an article: the next one is opened once no call has been in flight for this long. */
const QUIET_MS = 1_000;
const GOALS = { keystrokeP95Ms: 100, openMs: 50, longTaskMs: 100 };

interface Figures {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly samples: number;
}

interface TypingReport {
  readonly keystrokes: Figures;
  readonly debounce: Figures;
  readonly roundTrip: Figures;
  readonly answerToPaint: Figures;
  /** Request sent → painted: what a keystroke costs once the debounce has let the query go. */
  readonly afterDebounce: Figures;
  readonly rawRoundTrip: Figures;
  readonly unanswered: number;
  readonly queries: number;
  readonly longTasks: readonly LongTask[];
  /** Every call the page made while typing, by name (what shares the host with the searches). */
  readonly calls: Readonly<Record<string, number>>;
}

interface OpenFigures {
  readonly open: Figures;
  readonly clickToRequest: Figures;
  readonly roundTrip: Figures;
  readonly answerToPaint: Figures;
  /** Calls made between click and paint, summed over the articles opened. */
  readonly calls: Readonly<Record<string, number>>;
  readonly unanswered: number;
  readonly longTasks: readonly LongTask[];
}

interface OpenReport {
  readonly reading: OpenFigures;
  readonly flipping: OpenFigures;
  readonly rawGet: Figures;
}

interface ScrollReport {
  readonly wheel: { readonly events: number; readonly pixels: number; readonly longTasks: readonly LongTask[] };
  readonly drag: Omit<ScrollResult, 'frameGaps'> & {
    readonly frameGaps: Figures;
    readonly longTasks: readonly LongTask[];
  };
}

interface ReaderReport {
  readonly library: ReaderLibrary;
  readonly chromium: string;
  readonly cores: number;
  readonly memoryBytes: number;
  readonly typing: TypingReport;
  readonly opening: OpenReport;
  readonly scrolling: ScrollReport;
  readonly seconds: number;
}

function figures(samples: readonly number[]): Figures {
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: samples.length === 0 ? Number.NaN : Math.max(...samples),
    samples: samples.length,
  };
}

function ensureRendererBuild(): void {
  if (existsSync(join(rendererDir, 'index.html')) && !process.argv.includes('--build')) return;
  progress('building the renderer (out/renderer)');
  const vite = join(repository, 'node_modules', '.bin', 'vite');
  const build = spawnSync(vite, ['build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'], {
    cwd: repository,
    stdio: ['ignore', 2, 'inherit'],
  });
  if (build.status !== 0) throw new Error(`reader bench: the renderer build failed (exit ${build.status ?? 'signal'})`);
}

function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

function searchField(page: Page) {
  return page.getByRole('searchbox', { name: 'Search articles' });
}

/** Clears the search and waits for the article list to be back. */
async function clearSearch(page: Page): Promise<void> {
  await searchField(page).press('Escape');
  await page.locator('[aria-label="Search results"]').waitFor({ state: 'detached', timeout: WAIT_MS });
  await page.locator('.article-row:not(.placeholder)').first().waitFor({ timeout: WAIT_MS });
}

/** A pause between keys that looks like a person's (40–120 ms, the same sequence every run). */
function pauseAfter(keyNumber: number): number {
  return 40 + ((keyNumber * 37) % 81);
}

async function typeQuery(
  page: Page,
  query: string,
  measure: boolean,
): Promise<{ samples: SearchSample[]; unanswered: number }> {
  await searchField(page).focus();
  const samples: SearchSample[] = [];
  let unanswered = 0;
  let typed = '';
  for (let position = 0; position < query.length; position += 1) {
    const character = query.charAt(position);
    const before = typed.trim();
    typed += character;
    const key = character === ' ' ? 'Space' : character;
    // A key that leaves the trimmed query as it was (a space) asks the library nothing.
    if (typed.trim() === before) {
      await page.keyboard.press(key);
      continue;
    }
    const { keydowns } = await page.evaluate(probeCounts);
    // Armed first, so the wait starts before the key lands, however long the driver takes to return.
    const painted = page.evaluate(waitForSearchPainted, {
      query: typed.trim(),
      keydownsBefore: keydowns,
      timeoutMs: WAIT_MS,
    });
    await page.keyboard.press(key);
    const sample = await painted;
    if (sample === null) unanswered += 1;
    else if (measure) samples.push(sample);
    await sleep(pauseAfter(position));
  }
  await clearSearch(page);
  return { samples, unanswered };
}

async function measureTyping(page: Page, token: string): Promise<TypingReport> {
  progress(`typing: warm-up query "${WARM_UP_QUERY}"`);
  await typeQuery(page, WARM_UP_QUERY, false);
  const since = await page.evaluate(pageNow);
  const samples: SearchSample[] = [];
  let unanswered = 0;
  for (const query of QUERIES) {
    progress(`typing: "${query}"`);
    const typed = await typeQuery(page, query, true);
    samples.push(...typed.samples);
    unanswered += typed.unanswered;
  }
  const longTasks = await page.evaluate(longTasksSince, since);
  const calls = await page.evaluate(callCountsSince, since);
  // The peer: the first-page requests the renderer sent while typing, replayed without rendering.
  const sent = (await page.evaluate(probedCalls, 'search:query')).filter(
    (probed) => probed.sentAt >= since && probed.offset === 0 && probed.body !== null,
  );
  progress(`typing: replaying ${sent.length} search:query requests without rendering (peer)`);
  const raw = await page.evaluate(timeRawCalls, {
    name: 'search:query',
    bodies: sent.map((probed) => probed.body ?? ''),
    token,
  });
  return {
    keystrokes: figures(samples.map((sample) => sample.paintedAt - sample.keydownAt)),
    debounce: figures(samples.map((sample) => sample.sentAt - sample.keydownAt)),
    roundTrip: figures(samples.map((sample) => sample.answeredAt - sample.sentAt)),
    answerToPaint: figures(samples.map((sample) => sample.paintedAt - sample.answeredAt)),
    afterDebounce: figures(samples.map((sample) => sample.paintedAt - sample.sentAt)),
    rawRoundTrip: figures(raw),
    unanswered,
    queries: QUERIES.length,
    longTasks,
    calls,
  };
}

/**
 * How the next article is opened: after `reading`, once the page has had no call in flight for a while
 * (the library has caught up with the last open); when `flipping`, a moment after the last one painted.
 */
type OpenPace = 'reading' | 'flipping';

/** Clicks article rows one after another at `pace` (scrolling the list for more), each timed until painted. */
async function openArticles(
  page: Page,
  pace: OpenPace,
  count: number,
  opened: Set<string>,
): Promise<{ samples: OpenSample[]; unanswered: number }> {
  const samples: OpenSample[] = [];
  let unanswered = 0;
  let current = '';
  const target = opened.size + count;
  while (opened.size < target) {
    const title = (await page.evaluate(articleRowTitles)).find(
      (candidate) => !opened.has(candidate) && candidate !== current,
    );
    if (title === undefined) {
      const moved = await page.evaluate(scrollArticleList, { mode: 'screen' } as const);
      if (moved.reachedEnd) break;
      await sleep(100);
      continue;
    }
    opened.add(title);
    if (pace === 'reading') await page.evaluate(waitForQuiet, { quietMs: QUIET_MS, timeoutMs: WAIT_MS });
    const row = page
      .locator('.article-row:not(.placeholder)')
      .filter({ has: page.locator('.article-title', { hasText: exactly(title) }) })
      .first();
    const { clicks } = await page.evaluate(probeCounts);
    const painted = page.evaluate(waitForArticlePainted, { title, clicksBefore: clicks, timeoutMs: WAIT_MS });
    await row.click();
    const sample = await painted;
    if (sample === null) unanswered += 1;
    else samples.push(sample);
    current = title;
    if (pace === 'flipping') await sleep(pauseAfter(opened.size) + 100);
  }
  return { samples, unanswered };
}

function summarizeOpens(
  samples: readonly OpenSample[],
  unanswered: number,
  longTasks: readonly LongTask[],
): OpenFigures {
  const calls: Record<string, number> = {};
  for (const sample of samples) {
    for (const [name, count] of Object.entries(sample.calls)) calls[name] = (calls[name] ?? 0) + count;
  }
  const fetched = samples.flatMap((sample) =>
    sample.sentAt === null || sample.answeredAt === null
      ? []
      : [{ ...sample, sentAt: sample.sentAt, answeredAt: sample.answeredAt }],
  );
  return {
    open: figures(samples.map((sample) => sample.paintedAt - sample.clickAt)),
    clickToRequest: figures(fetched.map((sample) => sample.sentAt - sample.clickAt)),
    roundTrip: figures(fetched.map((sample) => sample.answeredAt - sample.sentAt)),
    answerToPaint: figures(fetched.map((sample) => sample.paintedAt - sample.answeredAt)),
    calls,
    unanswered,
    longTasks,
  };
}

async function measureOpening(page: Page, token: string): Promise<OpenReport> {
  await page.getByRole('button', { name: /^All articles/ }).click();
  await page.locator('.article-row:not(.placeholder)').first().waitFor({ timeout: WAIT_MS });
  const opened = new Set<string>();
  const paces: Partial<Record<OpenPace, OpenFigures>> = {};
  for (const pace of ['reading', 'flipping'] as const) {
    progress(`opening ${ARTICLES_TO_OPEN / 2} articles, ${pace}`);
    const since = await page.evaluate(pageNow);
    const { samples, unanswered } = await openArticles(page, pace, ARTICLES_TO_OPEN / 2, opened);
    paces[pace] = summarizeOpens(samples, unanswered, await page.evaluate(longTasksSince, since));
  }
  const gets = (await page.evaluate(probedCalls, 'articles:get')).filter((probed) => probed.body !== null);
  progress(`opening: replaying ${gets.length} articles:get requests without rendering, once the host is idle (peer)`);
  await page.evaluate(waitForQuiet, { quietMs: QUIET_MS, timeoutMs: WAIT_MS });
  const raw = await page.evaluate(timeRawCalls, {
    name: 'articles:get',
    bodies: gets.map((probed) => probed.body ?? ''),
    token,
  });
  if (paces.reading === undefined || paces.flipping === undefined)
    throw new Error('reader bench: an opening pace did not run');
  return { reading: paces.reading, flipping: paces.flipping, rawGet: figures(raw) };
}

async function measureScrolling(page: Page): Promise<ScrollReport> {
  await page.getByRole('button', { name: /^All articles/ }).click();
  const firstRow = page.locator('.article-row:not(.placeholder)').first();
  await firstRow.waitFor({ timeout: WAIT_MS });
  await page.evaluate(scrollArticleList, { mode: 'top' } as const);
  await sleep(300);

  progress(`scrolling: ${WHEEL_EVENTS} wheel turns from the top`);
  const box = await firstRow.boundingBox();
  if (box === null) throw new Error('reader bench: the first article row has no box on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const wheelSince = await page.evaluate(pageNow);
  for (let turn = 0; turn < WHEEL_EVENTS; turn += 1) {
    await page.mouse.wheel(0, WHEEL_PIXELS);
    await sleep(16);
  }
  await sleep(500);
  const wheelTasks = await page.evaluate(longTasksSince, wheelSince);

  progress(`scrolling: dragged from the top to the bottom in ${DRAG_STEPS} frames`);
  const dragSince = await page.evaluate(pageNow);
  const drag = await page.evaluate(scrollArticleList, { mode: 'end', steps: DRAG_STEPS } as const);
  await sleep(1000);
  const dragTasks = await page.evaluate(longTasksSince, dragSince);
  return {
    wheel: { events: WHEEL_EVENTS, pixels: WHEEL_EVENTS * WHEEL_PIXELS, longTasks: wheelTasks },
    drag: { ...drag, frameGaps: figures(drag.frameGaps), longTasks: dragTasks },
  };
}

function chromiumVersion(): string {
  const version = spawnSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' });
  return version.status === 0 ? version.stdout.trim() : CHROMIUM_PATH;
}

async function run(): Promise<ReaderReport> {
  const start = performance.now();
  const library = await prepareReaderLibrary(join(repository, '.bench', 'reader'), ARTICLES, {
    fresh: process.argv.includes('--fresh'),
  });
  ensureRendererBuild();
  progress('starting the host over the library (search ready) in its own process');
  const host = await startReaderHost(library.dataDir, rendererDir);
  const browser = await launchChromium({ viewport: VIEWPORT });
  try {
    const { page } = browser;
    await page.addInitScript(installReaderProbe);
    await page.goto(host.url);
    await page.locator('.article-row:not(.placeholder)').first().waitFor({ timeout: 60_000 });
    const typing = await measureTyping(page, host.token);
    progress(`opening ${ARTICLES_TO_OPEN} articles`);
    const opening = await measureOpening(page, host.token);
    const scrolling = await measureScrolling(page);
    return {
      library,
      chromium: chromiumVersion(),
      cores: cpus().length,
      memoryBytes: totalmem(),
      typing,
      opening,
      scrolling,
      seconds: (performance.now() - start) / 1000,
    };
  } finally {
    await browser.close();
    await host.close();
  }
}

const ms = (value: number): string => (Number.isNaN(value) ? '—' : `${value.toFixed(1)} ms`);
const line = (label: string, figure: Figures): string =>
  `${label.padEnd(34)} p50 ${ms(figure.p50).padStart(9)}  p95 ${ms(figure.p95).padStart(9)}  max ${ms(figure.max).padStart(9)}  (n=${figure.samples})`;
const verdict = (met: boolean): string => (met ? 'met' : 'NOT MET');
const longest = (tasks: readonly LongTask[]): number => Math.max(0, ...tasks.map((task) => task.duration));
const longTaskLine = (tasks: readonly LongTask[]): string =>
  `${tasks.length} long tasks (> 50 ms), longest ${ms(longest(tasks))}, ${tasks.filter((task) => task.duration > GOALS.longTaskMs).length} over ${GOALS.longTaskMs} ms`;

function openingLines(pace: string, figuresOf: OpenFigures, raw: Figures): string[] {
  return [
    `Opening ${figuresOf.open.samples} articles from the list ${pace}; unanswered: ${figuresOf.unanswered}`,
    line('click → article painted', figuresOf.open),
    line('  click → articles:get sent', figuresOf.clickToRequest),
    line('  articles:get → answer in the page', figuresOf.roundTrip),
    line('  answer → painted', figuresOf.answerToPaint),
    `  calls between click and paint: ${Object.entries(figuresOf.calls)
      .map(([name, count]) => `${name} ×${count}`)
      .join(', ')}`,
    `goal opening ≤ ${GOALS.openMs} ms (p95): ${verdict(figuresOf.open.p95 <= GOALS.openMs)}; ratio to the peer (p95): ${(figuresOf.open.p95 / raw.p95).toFixed(1)}×; ${longTaskLine(figuresOf.longTasks)}`,
  ];
}

function print(report: ReaderReport): void {
  const { library, typing, opening, scrolling } = report;
  const made = library.reused
    ? `reused from an earlier run (made in: import ${library.importSeconds.toFixed(0)} s, index ${library.indexSeconds.toFixed(0)} s)`
    : `made in this run: import ${library.importSeconds.toFixed(0)} s, index ${library.indexSeconds.toFixed(0)} s`;
  const output = [
    `Reader benchmark: ${library.articles.toLocaleString('en')} articles (L2, ~5 KB each), library ${made}`,
    `${report.chromium} headless ${VIEWPORT.width}×${VIEWPORT.height}, Node host in its own process; ${report.cores} cores, ${(report.memoryBytes / 1024 ** 3).toFixed(0)} GB; ${report.seconds.toFixed(0)} s in all`,
    '',
    `Typing ${typing.queries} queries a key at a time (each key waits for its results; unanswered: ${typing.unanswered})`,
    line('keystroke → results painted', typing.keystrokes),
    line('  keydown → request sent (debounce)', typing.debounce),
    line('  request → answer in the page', typing.roundTrip),
    line('  answer → painted', typing.answerToPaint),
    line('peer: search:query replayed, no UI', typing.rawRoundTrip),
    line('  request sent → painted', typing.afterDebounce),
    `goal keystroke → painted p95 ≤ ${GOALS.keystrokeP95Ms} ms: ${verdict(typing.keystrokes.p95 <= GOALS.keystrokeP95Ms)}; ratio to the peer (p95): ${(typing.keystrokes.p95 / typing.rawRoundTrip.p95).toFixed(1)}×, after the debounce ${(typing.afterDebounce.p95 / typing.rawRoundTrip.p95).toFixed(1)}×`,
    `while typing: ${longTaskLine(typing.longTasks)}`,
    `  calls while typing: ${Object.entries(typing.calls)
      .map(([name, count]) => `${name} ×${count}`)
      .join(', ')}`,
    '',
    ...openingLines(
      'after reading (the next opened once no call was in flight for 1 s)',
      opening.reading,
      opening.rawGet,
    ),
    '',
    ...openingLines(
      'flipping through (the next opened 0.1–0.2 s after the last painted)',
      opening.flipping,
      opening.rawGet,
    ),
    line('peer: articles:get replayed, no UI', opening.rawGet),
    '',
    `Scrolling the list: ${scrolling.wheel.events} wheel turns (${scrolling.wheel.pixels.toLocaleString('en')} px) from the top; then top to bottom in ${scrolling.drag.frames} frames, ${scrolling.drag.seconds.toFixed(1)} s, ${Math.round(scrolling.drag.scrolledPixels).toLocaleString('en')} px of ${scrolling.drag.scrollHeight.toLocaleString('en')}${scrolling.drag.reachedEnd ? '' : ' (end not reached)'}`,
    `wheel: ${longTaskLine(scrolling.wheel.longTasks)}`,
    `top to bottom: ${longTaskLine(scrolling.drag.longTasks)}`,
    line('  gap between frames', scrolling.drag.frameGaps),
    `goal no long task over ${GOALS.longTaskMs} ms while scrolling: ${verdict(longest([...scrolling.wheel.longTasks, ...scrolling.drag.longTasks]) <= GOALS.longTaskMs)}`,
  ];
  console.log(output.join('\n'));
}

const report = await run();
if (JSON_OUTPUT) console.log(JSON.stringify(report, null, 2));
else print(report);
