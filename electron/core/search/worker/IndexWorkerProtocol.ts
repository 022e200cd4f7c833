import type { AnalyzedDocument } from '../SearchDocument.ts';

/**
 * The typed protocol between the search index (main thread) and its index
 * workers, carried in the shared WorkerPool envelope
 * (electron/core/workers/WorkerProtocol.ts): an IndexWorkerRequest in, a
 * BuiltSegment out, progress as the number of documents done, failures as
 * the thrown message. Workers do the heavy work — analysing articles,
 * encoding and merging segments — and write segment files themselves; the
 * main thread only loads finished files.
 */
export type IndexWorkerRequest =
  | {
      /** Read these articles from the database, analyse them and write one sealed segment. */
      readonly kind: 'build-from-store';
      readonly databasePath: string;
      readonly articleIds: readonly string[];
      readonly outputPath: string;
    }
  | {
      /** Read every article with rowid in (afterRowid, throughRowid] and write one sealed segment. */
      readonly kind: 'build-range';
      readonly databasePath: string;
      readonly afterRowid: number;
      readonly throughRowid: number;
      readonly outputPath: string;
    }
  | {
      /** Encode already analysed documents (a frozen live segment) and write them as a sealed segment. */
      readonly kind: 'seal';
      readonly documents: readonly AnalyzedDocument[];
      readonly outputPath: string;
    }
  | {
      /** Merge sealed segments, dropping deleted documents, into one. */
      readonly kind: 'merge';
      readonly inputs: readonly { readonly path: string; readonly deleted: readonly number[] }[];
      readonly outputPath: string;
    };

export interface BuiltSegment {
  readonly outputPath: string;
  /** The document ids in segment order (what the main thread needs to map ids to documents). */
  readonly documentCount: number;
  readonly bytes: number;
  /** Raw text analysed, for throughput figures. */
  readonly textBytes: number;
}
