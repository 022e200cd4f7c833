// Export benchmark: `npm run bench:export` (`-- --articles N` for another library size, `-- --fresh` to make
// the library again, `-- --json` for one JSON document on stdout).
//
// The issue: "time for a 20-article brief with images (goal ≤ 5 s) and a 200-article brief (completes,
// memory reported)."
//
// The library (benchmarks/export/prepareExportLibrary.ts) holds 200 saved Reuters-21578 stories, each with a
// PNG chart and two JPEG photos of a few hundred KB, cached through the real pipeline from a local fixture
// server; it is made once and kept under .bench/export/. Exports go through the contract (export:pdf) with
// the Node host's printer, the system's Chromium through playwright-core (electron/server/ChromiumPrinter.ts).
// - 20-article brief: the newest 20 saved articles; the first export starts Chromium (reported apart), then
//   RUNS warm exports. The phases come from the export's own progress events.
//   Peers in the same run: one printing of the same composed brief by the same printer (what the two
//   printings, the outline read and the metadata cost on top), and the 20 articles one PDF each.
// - 200-article brief: the whole saved list, once. Memory: this process's peak RSS, per step and in all
//   (VmHWM, which process.resourceUsage().maxRSS reads, reset at each step: Linux), and Chromium's processes
//   sampled from /proc every 100 ms (summed RSS and PSS at their peak, and the sum of each process's own peak).
//   The goal is judged on the warm median; the load average says how busy the machine was.
// Figures and ratios only: nothing here asserts a time. Progress goes to stderr.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLibrary, type Library } from '../electron/core/Library.ts';
import type { Printer, PrintJob, PrintResult } from '../electron/core/export/Printer.ts';
import { printResources } from '../electron/core/export/printResources.ts';
import { ChromiumPrinter } from '../electron/server/ChromiumPrinter.ts';
import type { RequestOf } from '../electron/shared/contract.ts';
import type { ExportProgress, ExportReport } from '../electron/shared/model.ts';
import { call } from '../tests/support/callHandlers.ts';
import { CHROMIUM_PATH } from '../tests/support/launchChromium.ts';
import { prepareExportLibrary, type ExportLibrary } from './export/prepareExportLibrary.ts';
import { sampleChildMemory, type ChildMemory } from './export/sampleChildMemory.ts';
import { collectGarbage, elapsedSeconds, median, peakRssBytes, progress, resetPeakRss } from './search/measurement.ts';
import { argumentAfter, positiveInteger } from './support/commandLine.ts';

const repository = fileURLToPath(new URL('..', import.meta.url));
const JSON_OUTPUT = process.argv.includes('--json');
const ARTICLES = positiveInteger(
  argumentAfter('--articles') ?? process.env['OFFPRINT_BENCH_EXPORT_ARTICLES'],
  200,
  'export bench',
);
const BRIEF_ARTICLES = 20;
const RUNS = 5;
const GOAL_SECONDS = 5;
const MB = 1024 * 1024;

/** A brief's steps, each between two of its progress events (phase, done). */
const PHASES = [
  { name: 'compose draft', from: ['composing', 0], to: ['printing', 0] },
  { name: 'print draft, read its outline', from: ['printing', 0], to: ['numbering', 0] },
  { name: 'compose numbered', from: ['numbering', 0], to: ['printing', 1] },
  { name: 'print final, check its outline', from: ['printing', 1], to: ['finishing', 0] },
  { name: 'metadata, move', from: ['finishing', 0], to: ['finishing', 1] },
] as const;

/** What one step of a brief took: its seconds and, when measured, this process's peak RSS during it. */
interface PhaseFigure {
  readonly name: string;
  readonly seconds: number;
  readonly nodePeakRssBytes: number | null;
}

interface ProgressMark {
  readonly at: number;
  readonly progress: ExportProgress;
  /** Peak RSS since the previous mark (VmHWM, reset at each mark), when measured. */
  readonly nodePeakRssBytes: number | null;
}

interface TimedExport {
  readonly seconds: number;
  readonly pages: number;
  readonly bytes: number;
  readonly phases: readonly PhaseFigure[] | null;
}

interface BriefReport {
  readonly articles: number;
  readonly first: TimedExport;
  readonly warm: readonly TimedExport[];
  readonly warmMedianSeconds: number;
  readonly goalMet: boolean;
  readonly onePrintingSeconds: readonly number[];
  readonly perArticle: TimedExport & { readonly files: number };
}

interface LargeReport extends TimedExport {
  readonly articles: number;
  readonly nodePeakRssBytes: number;
  readonly nodePeakCovers: 'phase' | 'process';
  /** process.resourceUsage().maxRSS as this export began: the peak of everything before it (Linux's resets clear it too). */
  readonly nodeMaxRssBeforeBytes: number;
  readonly chromium: ChildMemory;
}

interface ExportBenchReport {
  readonly library: ExportLibrary;
  readonly chromium: string;
  readonly cores: number;
  readonly memoryBytes: number;
  /** The machine's 1-minute load average as the measurements began (other work on it slows them). */
  readonly loadAverage: number;
  readonly brief: BriefReport;
  readonly large: LargeReport;
  readonly seconds: number;
}

/** The printer the library gets: the real one, which can keep a copy of the documents it is given. */
class CopyingPrinter implements Printer {
  readonly #printer = new ChromiumPrinter(CHROMIUM_PATH);
  /** While set, each job's document is copied here first (the last copy is a brief's numbered document). */
  copyTo: string | null = null;

  print(job: PrintJob): Promise<PrintResult> {
    if (this.copyTo !== null) copyFileSync(job.document, this.copyTo);
    return this.#printer.print(job);
  }

  close(): Promise<void> {
    return this.#printer.close();
  }
}

function phasesOf(marks: readonly ProgressMark[]): PhaseFigure[] | null {
  const indexOf = ([phase, done]: readonly [string, number]): number =>
    marks.findIndex((mark) => mark.progress.phase === phase && mark.progress.done === done);
  const figures: PhaseFigure[] = [];
  for (const phase of PHASES) {
    const from = indexOf(phase.from);
    const to = indexOf(phase.to);
    if (from < 0 || to < from) return null;
    const peaks = marks.slice(from + 1, to + 1).flatMap((mark) => mark.nodePeakRssBytes ?? []);
    figures.push({
      name: phase.name,
      seconds: ((marks[to]?.at ?? 0) - (marks[from]?.at ?? 0)) / 1000,
      nodePeakRssBytes: peaks.length === 0 ? null : Math.max(...peaks),
    });
  }
  return figures;
}

async function timedExport(
  library: Library,
  request: RequestOf<'export:pdf'>,
  options: { readonly peakPerPhase?: boolean } = {},
): Promise<TimedExport & { readonly nodePeakRssBytes: number | null; readonly report: ExportReport }> {
  const events: ProgressMark[] = [];
  const stop = library.events.subscribe((name, payload) => {
    if (name !== 'export:progress') return;
    const at = performance.now();
    const peak = options.peakPerPhase === true ? peakRssBytes() : null;
    if (peak !== null) resetPeakRss();
    events.push({ at, progress: payload as ExportProgress, nodePeakRssBytes: peak });
  });
  const started = performance.now();
  try {
    const report = await call(library, 'export:pdf', request);
    const seconds = elapsedSeconds(started);
    if (report.cancelled) throw new Error('export bench: the export was cancelled');
    // With a reset at each event, the export's peak is the largest of the readings, the last one taken now.
    const peaks = events.flatMap((event) => event.nodePeakRssBytes ?? []);
    const nodePeakRssBytes = options.peakPerPhase === true ? Math.max(peakRssBytes(), ...peaks) : null;
    return {
      seconds,
      pages: report.pages ?? 0,
      bytes: report.bytes,
      phases: phasesOf(events),
      nodePeakRssBytes,
      report,
    };
  } finally {
    stop();
  }
}

async function measureBrief(library: Library, printer: CopyingPrinter, out: string): Promise<BriefReport> {
  const saved = await call(library, 'articles:list', { saved: true, sort: 'saved', limit: BRIEF_ARTICLES });
  const ids = saved.items.map((article) => article.id);
  const request = (name: string): RequestOf<'export:pdf'> => ({
    selection: { kind: 'ids', ids },
    title: `Brief of ${ids.length} articles`,
    destination: join(out, name),
  });

  progress(`${ids.length}-article brief: first export (starts Chromium)`);
  const composed = join(out, 'composed.html');
  printer.copyTo = composed;
  const first = await timedExport(library, request('first.pdf'));
  printer.copyTo = null;
  const warm: TimedExport[] = [];
  for (let run = 1; run <= RUNS; run += 1) {
    progress(`${ids.length}-article brief: warm run ${run} of ${RUNS}`);
    warm.push(await timedExport(library, request(`warm-${run}.pdf`)));
  }

  progress(`${ids.length}-article brief: peer, one printing of the same composed document`);
  const onePrinting: number[] = [];
  for (let run = 1; run <= RUNS; run += 1) {
    const started = performance.now();
    await printer.print({
      document: composed,
      resources: printResources(library.images),
      output: join(out, `one-printing-${run}.pdf`),
    });
    onePrinting.push(elapsedSeconds(started));
  }

  progress(`${ids.length}-article brief: peer, one PDF per article`);
  const each = await timedExport(library, {
    selection: { kind: 'ids', ids },
    perArticle: true,
    destination: join(out, 'each'),
  });
  const warmMedianSeconds = median(warm.map((run) => run.seconds));
  return {
    articles: ids.length,
    first,
    warm,
    warmMedianSeconds,
    goalMet: warmMedianSeconds <= GOAL_SECONDS,
    onePrintingSeconds: onePrinting,
    perArticle: {
      seconds: each.seconds,
      pages: each.pages,
      bytes: each.bytes,
      phases: null,
      files: each.report.files.length,
    },
  };
}

async function measureLarge(library: Library, out: string): Promise<LargeReport> {
  progress(`${ARTICLES}-article brief: the whole saved list`);
  const nodeMaxRssBeforeBytes = process.resourceUsage().maxRSS * 1024;
  collectGarbage();
  const phaseOnly = resetPeakRss();
  const sampler = sampleChildMemory();
  let exported: Awaited<ReturnType<typeof timedExport>>;
  try {
    exported = await timedExport(
      library,
      {
        selection: { kind: 'saved' },
        title: `Brief of ${ARTICLES} articles`,
        destination: join(out, 'large.pdf'),
      },
      { peakPerPhase: phaseOnly },
    );
  } catch (error) {
    sampler.stop();
    throw error;
  }
  const chromium = sampler.stop();
  return {
    articles: exported.report.articles,
    seconds: exported.seconds,
    pages: exported.pages,
    bytes: exported.bytes,
    phases: exported.phases,
    nodePeakRssBytes: exported.nodePeakRssBytes ?? peakRssBytes(),
    nodePeakCovers: phaseOnly ? 'phase' : 'process',
    nodeMaxRssBeforeBytes,
    chromium,
  };
}

async function run(): Promise<ExportBenchReport> {
  const started = performance.now();
  const library = await prepareExportLibrary(join(repository, '.bench', 'export'), ARTICLES, {
    fresh: process.argv.includes('--fresh'),
  });
  const loadAverage = loadavg()[0] ?? 0;
  const out = mkdtempSync(join(tmpdir(), 'offprint-export-bench-'));
  const printer = new CopyingPrinter();
  const opened = await openLibrary({ dataDir: library.dataDir, printer: () => printer });
  try {
    const brief = await measureBrief(opened, printer, out);
    const large = await measureLarge(opened, out);
    return {
      library,
      chromium: execFileSync(CHROMIUM_PATH, ['--version'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim(),
      cores: cpus().length,
      memoryBytes: totalmem(),
      loadAverage,
      brief,
      large,
      seconds: elapsedSeconds(started),
    };
  } finally {
    await opened.close();
    rmSync(out, { recursive: true, force: true });
  }
}

const seconds = (value: number): string => `${value.toFixed(2)} s`;
const megabytes = (bytes: number | null): string => (bytes === null ? 'n/a' : `${(bytes / MB).toFixed(1)} MB`);
const verdict = (met: boolean): string => (met ? 'met' : 'NOT MET');

function phaseLines(phases: readonly PhaseFigure[] | null): string[] {
  if (phases === null) return ['    (no phase events)'];
  const lines = [`    ${phases.map((phase) => `${phase.name} ${seconds(phase.seconds)}`).join(' · ')}`];
  if (phases.some((phase) => phase.nodePeakRssBytes !== null)) {
    lines.push(
      `    Node peak RSS by step: ${phases.map((phase) => `${phase.name} ${megabytes(phase.nodePeakRssBytes)}`).join(' · ')}`,
    );
  }
  return lines;
}

function print(report: ExportBenchReport): void {
  const { library, brief, large } = report;
  const made = library.reused
    ? `reused from an earlier run (made in ${library.makeSeconds.toFixed(0)} s)`
    : `made in this run in ${library.makeSeconds.toFixed(0)} s`;
  const onePrinting = median(brief.onePrintingSeconds);
  const sizeOf = (run: TimedExport): string => `${run.pages} pages, ${megabytes(run.bytes)}`;
  const output = [
    `Export benchmark: ${library.articles} saved articles (Reuters-21578 text, ${library.meanTextCharacters.toLocaleString('en')} characters on average; ${library.images} pictures, ${megabytes(library.imageBytes)} cached; ${library.highlights} highlights, ${library.notes} notes), library ${made}`,
    `${report.chromium} through playwright-core (ChromiumPrinter); ${report.cores} cores, ${(report.memoryBytes / 1024 ** 3).toFixed(0)} GB, load average ${report.loadAverage.toFixed(1)} at the start; Node ${process.version}; ${report.seconds.toFixed(0)} s in all`,
    '',
    `${brief.articles}-article brief with images (export:pdf: compose, print, read the outline, number the contents, print again, check, metadata)`,
    `  first export, Chromium started by it: ${seconds(brief.first.seconds)}; ${sizeOf(brief.first)}`,
    ...phaseLines(brief.first.phases),
    `  warm, ${brief.warm.length} runs: ${brief.warm.map((run) => seconds(run.seconds)).join(' / ')} (median ${seconds(brief.warmMedianSeconds)}); ${sizeOf(brief.warm[0] ?? brief.first)}`,
    ...phaseLines(brief.warm[0]?.phases ?? null),
    `  goal ≤ ${GOAL_SECONDS} s (warm median): ${verdict(brief.goalMet)}; the first export, Chromium's start included: ${verdict(brief.first.seconds <= GOAL_SECONDS)}`,
    `  peer: one printing of the same composed brief (ChromiumPrinter.print): ${brief.onePrintingSeconds.map(seconds).join(' / ')} (median ${seconds(onePrinting)}); the export takes ${(brief.warmMedianSeconds / onePrinting).toFixed(2)}× that`,
    `  peer: the ${brief.articles} articles one PDF each (perArticle): ${seconds(brief.perArticle.seconds)}, ${brief.perArticle.files} files, ${sizeOf(brief.perArticle)}; the brief takes ${(brief.warmMedianSeconds / brief.perArticle.seconds).toFixed(2)}× that`,
    '',
    `${large.articles}-article brief with images (the saved list): completed in ${seconds(large.seconds)}; ${sizeOf(large)}`,
    ...phaseLines(large.phases),
    `  Node: peak RSS ${megabytes(large.nodePeakRssBytes)} ${large.nodePeakCovers === 'phase' ? 'during this export' : 'over the process (no per-phase reset here)'}; before it (library opened, the 20-article runs) maxRSS ${megabytes(large.nodeMaxRssBeforeBytes)}`,
    `  Chromium (${large.chromium.processes} processes over the export, sampled every 100 ms): peak summed RSS ${megabytes(large.chromium.peakRssBytes)}, peak summed PSS ${megabytes(large.chromium.peakPssBytes)}, sum of each process's own peak (VmHWM) ${megabytes(large.chromium.summedPeaksBytes)}`,
  ];
  console.log(output.join('\n'));
}

const report = await run();
if (JSON_OUTPUT) console.log(JSON.stringify(report, null, 2));
else print(report);
