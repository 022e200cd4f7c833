import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { ParsedRequestOf } from '../../shared/contract.ts';
import { OffprintError } from '../../shared/errors.ts';
import type {
  Article,
  CitationExport,
  CitationFormat,
  ExportFormat,
  ExportProgress,
  ExportReport,
  MissingImagesNote,
} from '../../shared/model.ts';
import type { ImageStore } from '../extract/images/ImageStore.ts';
import type { EventSink } from '../../shared/dispatch.ts';
import type { SearchService } from '../search/SearchService.ts';
import type { ArticleStore } from '../store/ArticleStore.ts';
import type { TopicService } from '../topics/TopicService.ts';
import { citationText, toBibtex, toCslJson, toRis } from './citations.ts';
import { exportPdf } from './exportPdf.ts';
import { articleFileName, safeFileName, uniqueFileNames } from './fileNames.ts';
import { markHighlights } from './markHighlights.ts';
import { articlesToMarkdown, articleToMarkdown, markdownImages } from './markdown.ts';
import { articlesToStandaloneHtml } from './standaloneHtml.ts';
import type { Printer } from './Printer.ts';
import { countMissingImages } from './prepareArticleBody.ts';
import { printResources } from './printResources.ts';
import { selectArticles } from './selectArticles.ts';

const CITATION_WRITERS: Readonly<Record<CitationFormat, (articles: readonly Article[]) => string>> = {
  bibtex: toBibtex,
  ris: toRis,
  'csl-json': toCslJson,
  text: (articles) => articles.map((article) => `${citationText(article)}\n`).join(''),
};

/** Writes through a temporary name beside the file, so a stopped or failed export leaves no half-written file. */
async function writeFileAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.offprint-partial`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

/**
 * Names for new files in `folder`: each article's name, numbered past the files already there and past each
 * other (" (2)"), so an export into a folder never replaces anything in it.
 */
function freshFileNames(folder: string, names: readonly string[]): string[] {
  const existing = readdirSync(folder);
  return uniqueFileNames([...existing, ...names]).slice(existing.length);
}

export interface ExportServiceOptions {
  readonly store: ArticleStore;
  readonly images: ImageStore;
  readonly topics: TopicService;
  readonly search: () => SearchService;
  readonly events: EventSink;
  readonly clock: () => Date;
  /** Where exports go when the caller names no destination: `<dataDir>/exports`. */
  readonly exportsDirectory: string;
  /** The host's printer, made on the first PDF; null: this host cannot print (export:pdf says so). */
  readonly printer: (() => Printer) | null;
}

/**
 * Exports of articles, one at a time: PDF briefs, standalone HTML, Markdown
 * and citations. Each reports progress as `export:progress` events and stops
 * on `cancel()`, removing what it had half-written.
 */
export class ExportService {
  readonly #options: ExportServiceOptions;
  #printer: Printer | null = null;
  #running: AbortController | null = null;

  constructor(options: ExportServiceOptions) {
    this.#options = options;
  }

  /** Stops the running export; returns whether one was running. */
  cancel(): boolean {
    const running = this.#running;
    running?.abort(new Error('export: cancelled'));
    return running !== null;
  }

  async pdf(request: ParsedRequestOf<'export:pdf'>): Promise<ExportReport> {
    const call = 'export:pdf';
    const chosen = this.#select(call, request.selection);
    const createdAt = this.#options.clock();
    const title = request.title ?? chosen.description;
    const output = await this.#destination(
      call,
      request.destination,
      this.#defaultName(title, createdAt, request.perArticle ? '' : 'pdf'),
      request.perArticle,
    );
    const fileNames = request.perArticle
      ? freshFileNames(
          output,
          chosen.ids.map((id) => articleFileName(this.#article(call, id), 'pdf')),
        )
      : undefined;
    return this.#run('pdf', output, request.perArticle, async (signal, progress) => {
      const report = await exportPdf(
        {
          ids: chosen.ids,
          style: {
            title,
            author: request.author ?? null,
            paper: request.paper,
            margins: request.margins,
            createdAt,
          },
          subject: chosen.description,
          output,
          perArticle: request.perArticle,
          ...(fileNames ? { fileNames } : {}),
          signal,
          onProgress: ({ phase, done, total }) => {
            progress(phase, done, total);
          },
        },
        {
          article: (id) => this.#options.store.reader.getArticle(id),
          onDisk: (hash) => this.#options.images.has(hash),
          resources: printResources(this.#options.images),
          printer: this.#printerOrFail(call),
          markHighlights,
        },
      );
      return {
        files: report.files,
        articles: report.articles,
        pages: report.pages,
        bytes: report.bytes,
        missingImages: report.missingImages,
        refused: report.refused,
      };
    });
  }

  async html(request: ParsedRequestOf<'export:html'>): Promise<ExportReport> {
    const call = 'export:html';
    const chosen = this.#select(call, request.selection);
    const exportedAt = this.#options.clock();
    const title = request.title ?? chosen.description;
    const output = await this.#destination(
      call,
      request.destination,
      this.#defaultName(title, exportedAt, 'html'),
      false,
    );
    return this.#run('html', output, false, async (signal, progress) => {
      const articles = chosen.ids.map((id) => this.#article(call, id));
      progress('composing', 0, articles.length);
      const { html, missingImages } = await articlesToStandaloneHtml(articles, {
        title,
        exportedAt,
        readImage: (hash) => this.#options.images.read(hash),
      });
      signal.throwIfAborted();
      await writeFileAtomically(output, html);
      progress('composing', articles.length, articles.length);
      return {
        files: [output],
        articles: articles.length,
        pages: null,
        bytes: Buffer.byteLength(html),
        missingImages,
        refused: [],
      };
    });
  }

  async markdown(request: ParsedRequestOf<'export:markdown'>): Promise<ExportReport> {
    const call = 'export:markdown';
    const chosen = this.#select(call, request.selection);
    const exportedAt = this.#options.clock();
    const folder = await this.#destination(
      call,
      request.destination,
      this.#defaultName(chosen.description, exportedAt, ''),
      true,
    );
    return this.#run('markdown', folder, true, async (signal, progress) => {
      const topicNames = new Map(this.#options.topics.list().map((topic) => [topic.id, topic.name]));
      const topicsOf = (id: string): string[] =>
        this.#options.topics.topicIdsOf(id).flatMap((topicId) => topicNames.get(topicId) ?? []);
      const articles = chosen.ids.map((id) => this.#article(call, id));
      const files: string[] = [];
      let bytes = 0;
      const write = async (name: string, text: string): Promise<void> => {
        signal.throwIfAborted();
        const file = join(folder, name);
        await writeFileAtomically(file, text);
        files.push(file);
        bytes += Buffer.byteLength(text);
      };
      if (request.perArticle) {
        const names = freshFileNames(
          folder,
          articles.map((article) => articleFileName(article, 'md')),
        );
        for (const [index, article] of articles.entries()) {
          progress('writing', index, articles.length);
          await write(
            names[index] ?? `${index + 1}.md`,
            articleToMarkdown(article, { topics: topicsOf(article.id), exportedAt }),
          );
        }
      } else {
        const topics = new Map(articles.map((article) => [article.id, topicsOf(article.id)]));
        await write(
          safeFileName(chosen.description, 'md'),
          articlesToMarkdown(articles, { title: chosen.description, topics, exportedAt }),
        );
      }
      // The images the Markdown points at (images/<hash>.<ext>), copied beside it.
      const images = markdownImages(articles);
      for (const [index, image] of images.entries()) {
        signal.throwIfAborted();
        progress('images', index, images.length);
        const file = await this.#options.images.path(image.hash);
        if (file === null) continue;
        await mkdir(join(folder, 'images'), { recursive: true });
        await copyFile(file, join(folder, image.path));
      }
      progress('images', images.length, images.length);
      return {
        files,
        articles: articles.length,
        pages: null,
        bytes,
        missingImages: await this.#missingImagesOf(articles),
        refused: [],
      };
    });
  }

  /** Citations as text (for copying), written to `destination` too when one is given. */
  async citations(request: ParsedRequestOf<'export:citations'>): Promise<CitationExport> {
    const call = 'export:citations';
    const chosen = this.#select(call, request.selection);
    const articles = chosen.ids.map((id) => this.#article(call, id));
    const text = CITATION_WRITERS[request.format](articles);
    if (request.destination === undefined) {
      return { format: request.format, text, file: null, articles: articles.length };
    }
    const file = await this.#destination(call, request.destination, '', false);
    await writeFileAtomically(file, text);
    return { format: request.format, text, file, articles: articles.length };
  }

  async close(): Promise<void> {
    this.cancel();
    await this.#printer?.close();
    this.#printer = null;
  }

  #select(call: string, selection: ParsedRequestOf<'export:pdf'>['selection']) {
    return selectArticles(call, selection, {
      store: this.#options.store,
      topics: this.#options.topics,
      search: this.#options.search,
    });
  }

  #article(call: string, id: string) {
    const article = this.#options.store.reader.getArticle(id);
    if (article === null) throw new OffprintError('not-found', `${call}: no article with id ${id}`);
    return article;
  }

  /** Articles an export shows with placeholders for images: never cached, or their files gone from disk. */
  async #missingImagesOf(articles: readonly Article[]): Promise<MissingImagesNote[]> {
    const notes: MissingImagesNote[] = [];
    for (const article of articles) {
      const missing = await countMissingImages(article, (hash) => this.#options.images.has(hash));
      if (missing > 0) notes.push({ articleId: article.id, title: article.title, missing });
    }
    return notes;
  }

  /** "Saved articles 2026-11-28.pdf": a name for an export nobody named. */
  #defaultName(title: string, at: Date, extension: string): string {
    return safeFileName(`${title} ${at.toISOString().slice(0, 10)}`, extension);
  }

  #printerOrFail(call: string): Printer {
    if (this.#printer !== null) return this.#printer;
    if (this.#options.printer === null) {
      throw new OffprintError('unavailable', `${call}: this Offprint cannot print PDFs (no printer is set up)`);
    }
    this.#printer = this.#options.printer();
    return this.#printer;
  }

  /**
   * Where an export goes: the caller's absolute path (a file, or a folder for one file per article), or a
   * new name under the exports folder. An existing file is never overwritten.
   */
  async #destination(call: string, asked: string | undefined, fallbackName: string, folder: boolean): Promise<string> {
    const path = asked ?? join(this.#options.exportsDirectory, fallbackName);
    if (!isAbsolute(path))
      throw new OffprintError('bad-request', `${call}: the destination must be an absolute path, got ${path}`);
    if (!folder && existsSync(path)) {
      throw new OffprintError(
        'conflict',
        `${call}: ${path} already exists; choose another name (nothing is overwritten)`,
      );
    }
    await mkdir(folder ? path : dirname(path), { recursive: true });
    return path;
  }

  /** Runs one export at a time with progress events; a cancelled one leaves nothing half-written. */
  async #run(
    format: ExportFormat,
    output: string,
    folder: boolean,
    work: (
      signal: AbortSignal,
      progress: (phase: string, done: number, total: number) => void,
    ) => Promise<Omit<ExportReport, 'format' | 'cancelled' | 'durationMs'>>,
  ): Promise<ExportReport> {
    if (this.#running !== null) {
      throw new OffprintError('conflict', `export:${format}: another export is running; wait for it or cancel it`);
    }
    const controller = new AbortController();
    this.#running = controller;
    const started = performance.now();
    const progress = (phase: string, done: number, total: number): void => {
      const event: ExportProgress = { format, phase, done, total };
      this.#options.events.emit('export:progress', event);
    };
    try {
      const report = await work(controller.signal, progress);
      return { format, ...report, cancelled: false, durationMs: Math.round(performance.now() - started) };
    } catch (error) {
      if (!controller.signal.aborted) throw error;
      // Stopped: the single file is not there (it is moved into place last); a folder keeps what finished.
      if (!folder) await rm(output, { force: true });
      return {
        format,
        files: [],
        articles: 0,
        pages: null,
        bytes: 0,
        missingImages: [],
        refused: [],
        cancelled: true,
        durationMs: Math.round(performance.now() - started),
      };
    } finally {
      this.#running = null;
    }
  }
}
