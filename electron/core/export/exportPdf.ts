import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { OffprintError } from '../../shared/errors.ts';
import type { Article, ExportReport, MissingImagesNote } from '../../shared/model.ts';
import {
  briefArticle,
  briefContents,
  briefCover,
  briefEntryOf,
  briefHead,
  briefSources,
  type BriefEntry,
  type BriefStyle,
} from './composeBrief.ts';
import { finishPdf, readPdfFacts, type PdfFacts } from './pdfDocument.ts';
import { prepareArticleBody, type HighlightMarker, type ImageOnDisk } from './prepareArticleBody.ts';
import type { Printer, PrintResources } from './Printer.ts';

export type ExportPhase = 'composing' | 'printing' | 'numbering' | 'finishing';

export interface ExportProgress {
  readonly phase: ExportPhase;
  /** Articles done in this phase (printing counts documents: one brief, or one per article). */
  readonly done: number;
  readonly total: number;
}

export interface PdfExportJob {
  /** The articles, in the order the brief prints them. */
  readonly ids: readonly string[];
  readonly style: BriefStyle;
  /** What the brief is about (the PDF's Subject): "Saved articles", a topic's name, a search. */
  readonly subject: string;
  /** The PDF file; or, with `perArticle`, the folder that gets one PDF per article. */
  readonly output: string;
  readonly perArticle: boolean;
  /** With `perArticle`: each article's file name in the folder, in the order of `ids`. */
  readonly fileNames?: readonly string[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ExportProgress) => void;
}

export interface PdfExportDependencies {
  readonly article: (id: string) => Article | null;
  readonly onDisk: ImageOnDisk;
  readonly resources: PrintResources;
  readonly printer: Printer;
  readonly markHighlights: HighlightMarker;
}

/** What a printing did: the contract's report without what the service adds (format, cancelled, time). */
export type PdfExportReport = Omit<ExportReport, 'format' | 'cancelled' | 'durationMs' | 'pages'> & {
  readonly pages: number;
};

/** Moves a finished file into place (rename cannot cross file systems: then a copy). */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(from, to);
    await rm(from, { force: true });
  }
}

/**
 * A heading's letters and digits only: a bookmark carries the heading's text as laid out, and Chromium drops
 * the space where a long title wraps.
 */
function comparable(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .toLowerCase();
}

/**
 * Prints articles to PDF: one brief (cover, contents with page numbers,
 * each article from a new page, sources), or one PDF per article. A brief is
 * printed twice: the first printing's outline tells on which page each
 * article starts, the second prints those numbers into the contents (their
 * cells have a fixed width, so nothing moves). Articles are read and written
 * to the document one at a time; the document goes to the printer as a file.
 */
export async function exportPdf(job: PdfExportJob, dependencies: PdfExportDependencies): Promise<PdfExportReport> {
  if (job.ids.length === 0) throw new OffprintError('bad-request', 'export:pdf: no articles to export');
  const entries = job.ids.map((id) => {
    const article = dependencies.article(id);
    if (article === null) throw new OffprintError('not-found', `export:pdf: no article with id ${id}`);
    return briefEntryOf(article);
  });
  const work = await mkdtemp(join(tmpdir(), 'offprint-export-'));
  try {
    return job.perArticle
      ? await printEach(job, dependencies, entries, work)
      : await printBrief(job, dependencies, entries, work);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

interface Composed {
  readonly path: string;
  readonly missingImages: readonly MissingImagesNote[];
}

/** Writes a document to disk piece by piece: head and front matter, then each article as it is read. */
async function compose(
  path: string,
  parts: { readonly before: string; readonly ids: readonly string[]; readonly after: string },
  dependencies: PdfExportDependencies,
  onArticle: (done: number) => void,
  signal: AbortSignal | undefined,
): Promise<Composed> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const write = (text: string): Promise<void> =>
    new Promise((resolve, reject) => {
      out.write(text, (error) => {
        if (error) reject(error);
        else resolve();
      });
    });
  const missingImages: MissingImagesNote[] = [];
  try {
    await write(parts.before);
    for (const [index, id] of parts.ids.entries()) {
      signal?.throwIfAborted();
      const article = dependencies.article(id);
      if (article === null)
        throw new OffprintError('not-found', `export:pdf: article ${id} was removed while exporting`);
      const body = await prepareArticleBody(article, dependencies.onDisk, dependencies.markHighlights);
      if (body.missingImages > 0)
        missingImages.push({ articleId: id, title: article.title, missing: body.missingImages });
      await write(
        briefArticle({
          entry: briefEntryOf(article),
          bodyHtml: body.html,
          notes: article.notes,
          highlights: article.highlights,
        }),
      );
      onArticle(index + 1);
    }
    await write(parts.after);
  } finally {
    out.end();
    await finished(out);
  }
  return { path, missingImages };
}

/** Each article's first page, from the first printing's top-level bookmarks (Contents, the articles, Sources). */
function pagesFromOutline(facts: PdfFacts, entries: readonly BriefEntry[]): Map<string, number> {
  const pages = new Map<string, number>();
  let at = 0;
  for (const entry of entries) {
    const title = comparable(entry.title);
    while (at < facts.outline.length && comparable(facts.outline[at]?.title ?? '') !== title) at += 1;
    const found = facts.outline[at];
    if (found === undefined || found.page < 1) {
      throw new OffprintError('internal', `export:pdf: the printed brief has no bookmark for "${entry.title}"`);
    }
    pages.set(entry.id, found.page);
    at += 1;
  }
  return pages;
}

async function printBrief(
  job: PdfExportJob,
  dependencies: PdfExportDependencies,
  entries: readonly BriefEntry[],
  work: string,
): Promise<PdfExportReport> {
  const total = entries.length;
  const progress = (phase: ExportPhase, done: number, of = total): void => job.onProgress?.({ phase, done, total: of });
  const front = (pages: ReadonlyMap<string, number> | null): string =>
    briefHead(job.style) + briefCover(job.style, total) + briefContents(entries, pages);
  const parts = (pages: ReadonlyMap<string, number> | null) => ({
    before: front(pages),
    ids: job.ids,
    after: briefSources(entries),
  });

  progress('composing', 0);
  const draft = await compose(
    join(work, 'draft.html'),
    parts(null),
    dependencies,
    (done) => {
      progress('composing', done);
    },
    job.signal,
  );
  progress('printing', 0, 2);
  const draftPrint = await dependencies.printer.print({
    document: draft.path,
    resources: dependencies.resources,
    output: join(work, 'draft.pdf'),
    ...(job.signal ? { signal: job.signal } : {}),
  });
  const pages = pagesFromOutline(await readPdfFacts(join(work, 'draft.pdf')), entries);

  progress('numbering', 0);
  const numbered = await compose(
    join(work, 'brief.html'),
    parts(pages),
    dependencies,
    (done) => {
      progress('numbering', done);
    },
    job.signal,
  );
  progress('printing', 1, 2);
  const finalPdf = join(work, 'brief.pdf');
  const finalPrint = await dependencies.printer.print({
    document: numbered.path,
    resources: dependencies.resources,
    output: finalPdf,
    ...(job.signal ? { signal: job.signal } : {}),
  });
  progress('printing', 2, 2);
  progress('finishing', 0, 1);
  const metadata = {
    title: job.style.title,
    author: job.style.author,
    subject: job.subject,
    keywords: [],
    createdAt: job.style.createdAt,
  };
  // The numbers in the contents must be the pages the articles are on: check the printing that has them.
  const facts = await finishPdf(finalPdf, metadata, (printedFacts) => {
    const printed = pagesFromOutline(printedFacts, entries);
    for (const entry of entries) {
      if (printed.get(entry.id) !== pages.get(entry.id)) {
        throw new OffprintError(
          'internal',
          `export:pdf: "${entry.title}" moved from page ${pages.get(entry.id)} to ${printed.get(entry.id)} when the contents were numbered`,
        );
      }
    }
  });
  await moveFile(finalPdf, job.output);
  progress('finishing', 1, 1);
  return {
    files: [job.output],
    articles: total,
    pages: facts.pages,
    bytes: (await stat(job.output)).size,
    missingImages: numbered.missingImages,
    refused: [...new Set([...draftPrint.refused, ...finalPrint.refused])],
  };
}

async function printEach(
  job: PdfExportJob,
  dependencies: PdfExportDependencies,
  entries: readonly BriefEntry[],
  work: string,
): Promise<PdfExportReport> {
  const fileNames = job.fileNames;
  if (fileNames?.length !== entries.length) throw new Error('exportPdf: perArticle needs a file name per article');
  await mkdir(job.output, { recursive: true });
  const files: string[] = [];
  const missingImages: MissingImagesNote[] = [];
  const refused = new Set<string>();
  let pages = 0;
  let bytes = 0;
  for (const [index, entry] of entries.entries()) {
    job.signal?.throwIfAborted();
    job.onProgress?.({ phase: 'printing', done: index, total: entries.length });
    const article = dependencies.article(entry.id);
    if (article === null)
      throw new OffprintError('not-found', `export:pdf: article ${entry.id} was removed while exporting`);
    const style: BriefStyle = { ...job.style, title: entry.title };
    const document = await compose(
      join(work, `${index}.html`),
      { before: briefHead(style), ids: [entry.id], after: '</body>\n</html>\n' },
      dependencies,
      () => undefined,
      job.signal,
    );
    missingImages.push(...document.missingImages);
    const pdf = join(work, `${index}.pdf`);
    const printed = await dependencies.printer.print({
      document: document.path,
      resources: dependencies.resources,
      output: pdf,
      ...(job.signal ? { signal: job.signal } : {}),
    });
    for (const url of printed.refused) refused.add(url);
    const { pages: articlePages } = await finishPdf(pdf, {
      title: entry.title,
      author: entry.author ?? job.style.author,
      subject: `${entry.source}${entry.url === null ? '' : ` — ${entry.url}`}`,
      keywords: [...article.categories],
      createdAt: job.style.createdAt,
    });
    const target = join(job.output, fileNames[index] ?? `${index + 1}.pdf`);
    await moveFile(pdf, target);
    files.push(target);
    pages += articlePages;
    bytes += (await stat(target)).size;
  }
  job.onProgress?.({ phase: 'printing', done: entries.length, total: entries.length });
  return { files, articles: entries.length, pages, bytes, missingImages, refused: [...refused] };
}
