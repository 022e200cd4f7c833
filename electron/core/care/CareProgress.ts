/**
 * Progress of a long library-care operation. Not a contract event (the contract has none for library care
 * yet): the CLI prints it, and LibraryCare.onProgress hands it to whoever listens.
 */
export interface CareProgress {
  readonly operation: 'retention' | 'backup' | 'restore';
  /** retention: articles, images; backup: database, images, archive; restore: reading, checking, images. */
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

export type CareProgressListener = (progress: CareProgress) => void;
