// The reader benchmark's libraries: the search benchmark's L2 articles (Reuters stories recombined into
// ~5 KB articles), imported and indexed once, then kept under .bench/ and reused by later runs.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { importArticles } from '../../electron/core/ingest/importArticles.ts';
import { openLibrary } from '../../electron/core/Library.ts';
import { reutersStories } from '../../tests/support/reutersStories.ts';
import { elapsedSeconds, progress } from '../search/measurement.ts';
import { readReadyRecord, writeReadyRecord, type ReadyRecord } from '../support/readyRecord.ts';
import { writeLevelTwo } from '../search/writeLevelCorpus.ts';

/** Bump when the way a library is made changes, so older cached libraries are not reused. */
const LIBRARY_FORMAT = 1;

export interface ReaderLibrary {
  readonly dataDir: string;
  readonly articles: number;
  /** True when an earlier run's library was reused (its import and index build are not part of this run). */
  readonly reused: boolean;
  /** Import and index build when made in this run; the figures recorded with it when reused. */
  readonly importSeconds: number;
  readonly indexSeconds: number;
}

interface ReaderReadyRecord extends ReadyRecord {
  readonly importSeconds: number;
  readonly indexSeconds: number;
}

/**
 * A library of `count` L2 articles under `root`, with its search index built and caught up. Made once
 * (import, then the index built by opening search on a library with none); `ready.json` marks a complete one.
 * `fresh` makes it again even so.
 */
export async function prepareReaderLibrary(
  root: string,
  count: number,
  options: { readonly fresh?: boolean } = {},
): Promise<ReaderLibrary> {
  const directory = join(root, `l2-${count}`);
  const dataDir = join(directory, 'library');
  const ready = readReadyRecord(directory, {
    format: LIBRARY_FORMAT,
    articles: count,
    fresh: options.fresh,
  }) as ReaderReadyRecord | null;
  if (ready !== null) {
    progress(`${count} articles: reusing the library in ${dataDir}`);
    return {
      dataDir,
      articles: count,
      reused: true,
      importSeconds: ready.importSeconds,
      indexSeconds: ready.indexSeconds,
    };
  }
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const jsonlPath = join(directory, 'corpus.jsonl');
  progress(`${count} articles: writing the corpus`);
  const corpus = writeLevelTwo(jsonlPath, reutersStories(), count);

  progress(`${count} articles: importing`);
  const library = await openLibrary({ dataDir });
  try {
    const importStart = performance.now();
    const report = await importArticles(library.store, jsonlPath);
    const importSeconds = elapsedSeconds(importStart);
    if (report.rejectedCount > 0) throw new Error(`reader bench: ${report.rejectedCount} articles were rejected`);
    rmSync(jsonlPath, { force: true });

    progress(`${count} articles: building the search index`);
    const indexStart = performance.now();
    // With no index on disk, opening it rebuilds it from the store in index workers.
    await library.search().index.catchUp();
    const indexSeconds = elapsedSeconds(indexStart);
    const record: ReaderReadyRecord = {
      format: LIBRARY_FORMAT,
      articles: corpus.articles,
      importSeconds,
      indexSeconds,
    };
    writeReadyRecord(directory, record);
    return { dataDir, articles: corpus.articles, reused: false, importSeconds, indexSeconds };
  } finally {
    await library.close();
  }
}
