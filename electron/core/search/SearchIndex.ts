import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lunr from 'lunr';
import type { EventSink } from '../../shared/dispatch.ts';
import { OffprintError } from '../../shared/errors.ts';
import type { SearchStatus } from '../../shared/model.ts';
import type { ArticleStore } from '../store/ArticleStore.ts';
import { Analyzer } from './analysis/Analyzer.ts';
import { normalizeLanguage } from './analysis/normalizeLanguage.ts';
import type { AnalyzedDocument, SegmentReader } from './SearchDocument.ts';
import { CorpusStatistics, type IndexedSegment } from './engine/CorpusStatistics.ts';
import { LiveSegment } from './segment/LiveSegment.ts';
import { decodeSegment, SEGMENT_FORMAT_VERSION } from './segment/SegmentCodec.ts';
import { IndexWorkerPool } from './worker/IndexWorkerPool.ts';

/**
 * Bump when fields, analysis or the manifest change meaning: any mismatch rebuilds the index.
 * 2: the `notes` field (notes and highlights) joined the fields.
 */
export const SEARCH_SCHEMA_VERSION = 2;
const MANIFEST_FILE = 'manifest.json';
const NO_INDEX_YET = 'no index yet';
/** Below this, splitting bulk work across workers costs more than it saves. */
const MIN_BULK_CHUNK = 5000;

export interface SearchIndexOptions {
  /** The index directory (dataDir/index). */
  readonly directory: string;
  /** The library database file, which index workers open read-only. */
  readonly databasePath: string;
  readonly store: ArticleStore;
  readonly events: EventSink;
  readonly workerUrl?: URL;
  readonly workers?: number;
  /** Live-segment size at which it is sealed into a segment file (in a worker). */
  readonly liveLimit?: number;
  /** Queued changes above which catching up builds segments in workers instead of the live segment. */
  readonly bulkThreshold?: number;
  /** Articles per segment built in bulk (rebuild, large catch-up). */
  readonly chunkSize?: number;
  /** Sealed segments above which the smallest are merged. */
  readonly maxSegments?: number;
}

interface Manifest {
  readonly schema: number;
  readonly lunr: string;
  readonly segmentFormat: number;
  readonly nextSegmentId: number;
  readonly segments: readonly { readonly file: string; readonly deleted: readonly number[] }[];
}

/** One segment in the index, with its deletions (tombstones). */
interface Holder extends IndexedSegment {
  readonly reader: SegmentReader;
  readonly deleted: Set<number>;
  /** Segment file name for sealed segments; null for the live or a frozen (being sealed) one. */
  readonly file: string | null;
  readonly bytes: number;
}

interface LiveState {
  readonly holder: Holder & { readonly reader: LiveSegment };
  readonly documents: AnalyzedDocument[];
}

export type SearchPhase = 'idle' | 'indexing' | 'rebuilding' | 'merging';

/**
 * What a step of the index applied: articles now searchable in their stored
 * form (new or changed), or a rebuild that took in the whole library at once
 * (without naming the articles it caught up with on the way).
 */
export type IndexApplied =
  { readonly kind: 'articles'; readonly ids: readonly string[] } | { readonly kind: 'rebuilt' };

export type IndexAppliedListener = (applied: IndexApplied) => void;

/**
 * The segmented search index (shared/DESIGN.md, search/): sealed segments on
 * disk plus a small live segment for new articles, with tombstones for
 * deleted or superseded documents. The store is the source of truth: every
 * article write queues a change (migration 2's triggers) and `catchUp` applies
 * the queue, so a crash or a stale index only ever means more catching up.
 * Heavy work — bulk builds, sealing, merges — runs in index workers; the main
 * thread analyses only the handful of articles a refresh brings.
 */
export class SearchIndex {
  readonly #options: Required<Omit<SearchIndexOptions, 'workerUrl' | 'workers'>>;
  readonly #pool: IndexWorkerPool;
  readonly #analyzer = new Analyzer();
  #sealed: Holder[] = [];
  #frozen: Holder[] = [];
  #live: LiveState = newLive();
  #locations = new Map<string, { holder: Holder; document: number }>();
  #statistics: CorpusStatistics | null = null;
  #languages: readonly string[] | null = null;
  #nextSegmentId = 1;
  /** Queue position applied to the in-memory index. */
  #processedSeq = 0;
  /** Work (catch-up, seal, merge, rebuild) runs one step at a time, in order. */
  #work: Promise<unknown> = Promise.resolve();
  #phase: { phase: SearchPhase; done: number; total: number } = { phase: 'idle', done: 0, total: 0 };
  #closed = false;
  /** The pid of the process that owns the index files, or null when this one does. */
  #owner: number | null = null;
  /** Steps queued or running. */
  #queued = 0;
  readonly #appliedListeners = new Set<IndexAppliedListener>();

  private constructor(options: SearchIndexOptions) {
    this.#options = {
      directory: options.directory,
      databasePath: options.databasePath,
      store: options.store,
      events: options.events,
      liveLimit: options.liveLimit ?? 5000,
      // Above a couple of hundred articles, analysing on the main thread would be felt: build in workers.
      bulkThreshold: options.bulkThreshold ?? 200,
      chunkSize: options.chunkSize ?? 25_000,
      maxSegments: options.maxSegments ?? 8,
    };
    this.#pool = new IndexWorkerPool({
      ...(options.workerUrl ? { url: options.workerUrl } : {}),
      ...(options.workers ? { size: options.workers } : {}),
    });
  }

  /**
   * Opens the index in `directory`. A missing, outdated or corrupt index is
   * discarded and rebuilt from the store (in workers, in the background);
   * it never stops the library from opening.
   */
  static open(options: SearchIndexOptions): SearchIndex {
    const index = new SearchIndex(options);
    mkdirSync(options.directory, { recursive: true });
    index.#owner = acquireLock(`${options.directory}.lock`);
    const problem = index.#load();
    if (index.#owner !== null) {
      console.warn(
        `SearchIndex: ${options.directory} belongs to another Offprint process (pid ${index.#owner}); searching it read-only`,
      );
      if (problem !== null && problem !== NO_INDEX_YET) console.warn(`SearchIndex: cannot read it: ${problem}`);
    } else if (problem !== null) {
      if (problem !== NO_INDEX_YET) console.warn(`SearchIndex: rebuilding: ${problem}`);
      index.#resetFiles();
      void index.rebuild().catch((error: unknown) => {
        console.error('SearchIndex: rebuild failed:', error);
      });
      return index;
    }
    void index.catchUp().catch((error: unknown) => {
      console.error('SearchIndex: catching up failed:', error);
    });
    return index;
  }

  /**
   * True when another process (the app, while the CLI runs) owns the index
   * files: this one then only reads them, and keeps its own catching up in
   * memory, never writing segments, the manifest or the queue.
   */
  get readOnly(): boolean {
    return this.#owner !== null;
  }

  /** Every segment, sealed first, then those being sealed, then the live one. */
  get segments(): readonly IndexedSegment[] {
    return [...this.#sealed, ...this.#frozen, this.#live.holder];
  }

  get analyzer(): Analyzer {
    return this.#analyzer;
  }

  /** Statistics over the current segments, computed once per change. */
  get statistics(): CorpusStatistics {
    this.#statistics ??= new CorpusStatistics(this.segments);
    return this.#statistics;
  }

  /**
   * Languages of the indexed articles that have a stemmer other than
   * English's, for analysing queries in each. Read from the store, cached
   * until the index changes.
   */
  languages(): readonly string[] {
    this.#languages ??= this.#options.store.reader
      .articleLanguages()
      .filter((tag) => normalizeLanguage(tag).pipeline !== 'en');
    return this.#languages;
  }

  /** Where the current version of an article is indexed, if it is. */
  locate(id: string): { segment: SegmentReader; document: number } | null {
    const location = this.#locations.get(id);
    return location ? { segment: location.holder.reader, document: location.document } : null;
  }

  status(): SearchStatus {
    const holders = this.segments as readonly Holder[];
    return {
      documents: this.#locations.size,
      segments: holders
        .filter((holder) => holder.reader.documentCount > 0)
        .map((holder) => ({
          kind: holder.file
            ? ('sealed' as const)
            : holder === this.#live.holder
              ? ('live' as const)
              : ('sealing' as const),
          documents: holder.reader.documentCount,
          deleted: holder.deleted.size,
          bytes: holder.bytes,
        })),
      pending: this.#options.store.reader.pendingSearchExtent(this.#processedSeq).count,
      phase: this.#phase.phase,
      done: this.#phase.done,
      total: this.#phase.total,
    };
  }

  /** Applies queued article changes; resolves once they are searchable. */
  catchUp(): Promise<void> {
    return this.#enqueue(() => this.#catchUp());
  }

  /**
   * Calls `listener` inside the step that made articles searchable, once they
   * are, and before the store's queue of changes is cleared for them: work
   * derived from the index (topic assignment) is then as durable as the index
   * itself, since a crash before the queue is cleared applies the changes
   * again. Returns the disposer.
   */
  onDidApply(listener: IndexAppliedListener): () => void {
    this.#appliedListeners.add(listener);
    return () => this.#appliedListeners.delete(listener);
  }

  /**
   * Applies queued changes, then runs `work` as one step of the index's work
   * queue: while it runs (awaits included) the segments hold every article
   * stored before it started and do not change. Topic re-application uses it.
   */
  afterCatchingUp<T>(work: () => Promise<T>): Promise<T> {
    let outcome: { value: T } | null = null;
    return this.#enqueue(async () => {
      await this.#catchUp();
      outcome = { value: await work() };
    }).then(() => {
      if (outcome === null) throw new OffprintError('unavailable', 'SearchIndex: the index is closed');
      return outcome.value;
    });
  }

  /** Throws the index away and builds it again from the store, in workers, with progress events. */
  rebuild(): Promise<void> {
    if (this.#owner !== null) {
      return Promise.reject(
        new OffprintError(
          'unavailable',
          `search:rebuild: the index belongs to another Offprint process (pid ${this.#owner}); rebuild it there`,
        ),
      );
    }
    return this.#enqueue(() => this.#rebuild());
  }

  /**
   * Catches up every `intervalMs` while nothing else is queued, so articles
   * written by another process (the CLI beside the app) become searchable
   * too. Returns the disposer.
   */
  watch(intervalMs = 1000): () => void {
    const timer = setInterval(() => {
      if (this.#queued > 0 || this.#closed) return;
      this.catchUp().catch((error: unknown) => {
        console.error('SearchIndex: catching up failed:', error);
      });
    }, intervalMs);
    timer.unref();
    return () => {
      clearInterval(timer);
    };
  }

  /** Waits for queued work, then stops the workers. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#work.catch(() => undefined);
    await this.#pool.dispose();
    if (this.#owner === null) rmSync(`${this.#options.directory}.lock`, { force: true });
  }

  #enqueue(step: () => Promise<void>): Promise<void> {
    this.#queued += 1;
    const next = this.#work
      .then(() => (this.#closed ? undefined : step()))
      .finally(() => {
        this.#queued -= 1;
      });
    this.#work = next.catch(() => undefined);
    return next;
  }

  #notifyApplied(applied: IndexApplied): void {
    for (const listener of this.#appliedListeners) {
      try {
        listener(applied);
      } catch (error) {
        // Derived work must never stop the index from keeping up with the store.
        console.error('SearchIndex: a listener for applied changes threw:', error);
      }
    }
  }

  #setPhase(phase: SearchPhase, done: number, total: number): void {
    this.#phase = { phase, done, total };
    this.#options.events.emit('search:progress', { phase, done, total });
  }

  // ---- catching up with the store ----

  async #catchUp(): Promise<void> {
    const { store, bulkThreshold, liveLimit } = this.#options;
    const extent = store.reader.pendingSearchExtent(this.#processedSeq);
    if (extent.count === 0) return;
    this.#languages = null;
    if (extent.count > bulkThreshold && this.#owner === null) {
      await this.#bulkCatchUp(extent.lastSeq, extent.count);
    } else {
      const source = store.reader.searchDocuments();
      const added: string[] = [];
      for (const change of store.reader.pendingSearchChanges(this.#processedSeq, extent.count)) {
        this.#tombstone(change.articleId);
        if (!change.deleted) {
          const document = source.document(change.articleId);
          if (document) {
            this.#addLive(this.#analyzer.analyzeDocument(document));
            added.push(change.articleId);
          }
        }
        this.#processedSeq = change.seq;
      }
      this.#statistics = null;
      if (added.length > 0) this.#notifyApplied({ kind: 'articles', ids: added });
    }
    // A read-only index keeps what it caught up with in memory: the owner seals and merges.
    if (this.#owner !== null) return;
    if (this.#live.holder.reader.documentCount >= liveLimit) await this.#seal();
    await this.#mergeIfNeeded();
  }

  async #bulkCatchUp(lastSeq: number, count: number): Promise<void> {
    const { store, chunkSize } = this.#options;
    // Seal first, so that everything up to lastSeq is durable once the bulk segments are written.
    if (this.#live.holder.reader.documentCount > 0) await this.#seal();
    this.#setPhase('indexing', 0, count);
    const upserts: string[] = [];
    // Up to lastSeq only: a row re-queued meanwhile moves past it (INSERT OR REPLACE gives it a new seq)
    // and is left for the next catch-up.
    let after = this.#processedSeq;
    for (let more = true; more;) {
      const changes = store.reader.pendingSearchChanges(after, 10_000);
      more = changes.length === 10_000;
      for (const change of changes) {
        if (change.seq > lastSeq) {
          more = false;
          break;
        }
        this.#tombstone(change.articleId);
        if (!change.deleted) upserts.push(change.articleId);
        after = change.seq;
      }
    }
    const chunks: string[][] = [];
    const size = this.#chunkFor(upserts.length, chunkSize);
    for (let start = 0; start < upserts.length; start += size) chunks.push(upserts.slice(start, start + size));
    let done = 0;
    await Promise.all(
      chunks.map(async (articleIds) => {
        const file = this.#newSegmentFile();
        await this.#pool.run(
          {
            kind: 'build-from-store',
            databasePath: this.#options.databasePath,
            articleIds,
            outputPath: join(this.#options.directory, file),
          },
          (progress) => {
            this.#setPhase('indexing', done + progress, count);
          },
        );
        done += articleIds.length;
        this.#adoptSealed(file);
      }),
    );
    this.#processedSeq = lastSeq;
    this.#statistics = null;
    if (upserts.length > 0) this.#notifyApplied({ kind: 'articles', ids: upserts });
    this.#persist();
    store.writer.clearPendingSearchThrough(lastSeq);
    this.#setPhase('idle', count, count);
  }

  // ---- the live segment ----

  #addLive(document: AnalyzedDocument): void {
    const number = this.#live.holder.reader.add(document);
    this.#live.documents.push(document);
    this.#locations.set(document.id, { holder: this.#live.holder, document: number });
  }

  #tombstone(id: string): void {
    const location = this.#locations.get(id);
    if (!location) return;
    location.holder.deleted.add(location.document);
    this.#locations.delete(id);
    this.#statistics = null;
  }

  /** Freezes the live segment, has a worker write it as a sealed segment, then swaps it in. */
  async #seal(): Promise<void> {
    const frozen = this.#live;
    if (frozen.holder.reader.documentCount === 0) return;
    const throughSeq = this.#processedSeq;
    this.#live = newLive();
    this.#frozen.push(frozen.holder);
    const file = this.#newSegmentFile();
    try {
      await this.#pool.run({
        kind: 'seal',
        documents: frozen.documents,
        outputPath: join(this.#options.directory, file),
      });
    } catch (error) {
      // Keep serving the frozen documents; they stay queued in the store and are sealed again later.
      this.#frozen = this.#frozen.filter((holder) => holder !== frozen.holder);
      this.#live = frozen;
      throw error;
    }
    const sealed = this.#loadHolder(file, [...frozen.holder.deleted]);
    // Same documents in the same order: locations and tombstones carry over by number.
    for (const [id, location] of this.#locations) {
      if (location.holder === frozen.holder) this.#locations.set(id, { holder: sealed, document: location.document });
    }
    this.#frozen = this.#frozen.filter((holder) => holder !== frozen.holder);
    this.#sealed.push(sealed);
    this.#statistics = null;
    this.#persist();
    this.#options.store.writer.clearPendingSearchThrough(throughSeq);
  }

  // ---- merging ----

  async #mergeIfNeeded(): Promise<void> {
    const { maxSegments } = this.#options;
    const heavyDeletes = this.#sealed.filter((holder) => holder.deleted.size > holder.reader.documentCount * 0.3);
    let inputs: Holder[];
    if (this.#sealed.length > maxSegments) {
      inputs = [...this.#sealed].sort((a, b) => a.reader.documentCount - b.reader.documentCount).slice(0, 4);
    } else if (heavyDeletes.length > 0) {
      inputs = heavyDeletes.slice(0, 4);
    } else {
      return;
    }
    // Keep the index order stable: merge in the order the segments sit in.
    inputs.sort((a, b) => this.#sealed.indexOf(a) - this.#sealed.indexOf(b));
    const snapshots = inputs.map((holder) => new Set(holder.deleted));
    const total = inputs.reduce((sum, holder) => sum + holder.reader.documentCount, 0);
    this.#setPhase('merging', 0, total);
    const file = this.#newSegmentFile();
    await this.#pool.run({
      kind: 'merge',
      inputs: inputs.map((holder, position) => ({
        path: join(this.#options.directory, holder.file ?? ''),
        deleted: [...(snapshots[position] ?? [])],
      })),
      outputPath: join(this.#options.directory, file),
    });
    // Renumber: the merged segment holds the inputs' surviving documents in order.
    const renumber = inputs.map(() => new Map<number, number>());
    let next = 0;
    inputs.forEach((holder, position) => {
      const snapshot = snapshots[position] ?? new Set<number>();
      for (let document = 0; document < holder.reader.documentCount; document += 1) {
        if (!snapshot.has(document)) renumber[position]?.set(document, next++);
      }
    });
    // Deletions that happened while the worker merged carry over.
    const deletedSince: number[] = [];
    inputs.forEach((holder, position) => {
      for (const document of holder.deleted) {
        if (!snapshots[position]?.has(document)) {
          const moved = renumber[position]?.get(document);
          if (moved !== undefined) deletedSince.push(moved);
        }
      }
    });
    const merged = this.#loadHolder(file, deletedSince);
    for (const [id, location] of this.#locations) {
      const position = inputs.indexOf(location.holder);
      if (position < 0) continue;
      const moved = renumber[position]?.get(location.document);
      if (moved !== undefined) this.#locations.set(id, { holder: merged, document: moved });
    }
    const firstPosition = this.#sealed.indexOf(inputs[0] ?? merged);
    this.#sealed = this.#sealed.filter((holder) => !inputs.includes(holder));
    this.#sealed.splice(Math.max(0, firstPosition), 0, merged);
    this.#statistics = null;
    this.#persist();
    for (const holder of inputs) rmSync(join(this.#options.directory, holder.file ?? ''), { force: true });
    this.#setPhase('idle', total, total);
  }

  // ---- rebuilding ----

  async #rebuild(): Promise<void> {
    const { store, chunkSize, directory, databasePath } = this.#options;
    const startSeq = store.reader.pendingSearchExtent(0).lastSeq;
    const source = store.reader.searchDocuments();
    const { count } = source.extent();
    const boundaries = source.rangeBoundaries(this.#chunkFor(count, chunkSize));
    this.#setPhase('rebuilding', 0, count);
    const files: string[] = boundaries.map(() => this.#newSegmentFile());
    const progress = new Array<number>(boundaries.length).fill(0);
    await Promise.all(
      boundaries.map((throughRowid, position) =>
        this.#pool.run(
          {
            kind: 'build-range',
            databasePath,
            afterRowid: position === 0 ? 0 : (boundaries[position - 1] ?? 0),
            throughRowid,
            outputPath: join(directory, files[position] ?? ''),
          },
          (done) => {
            progress[position] = done;
            this.#setPhase(
              'rebuilding',
              progress.reduce((sum, value) => sum + value, 0),
              count,
            );
          },
        ),
      ),
    );
    const old = [...this.#sealed];
    this.#sealed = [];
    this.#frozen = [];
    this.#live = newLive();
    this.#locations = new Map();
    for (const file of files) this.#adoptSealed(file);
    this.#processedSeq = startSeq;
    this.#statistics = null;
    // Before the queue is cleared: the articles it held reach the index without being named one by one.
    this.#notifyApplied({ kind: 'rebuilt' });
    this.#persist();
    store.writer.clearPendingSearchThrough(startSeq);
    for (const holder of old) if (holder.file) rmSync(join(directory, holder.file), { force: true });
    this.#setPhase('idle', count, count);
    await this.#catchUp();
  }

  /** Splits bulk work so every worker gets a share (down to a floor), but no segment exceeds `chunkSize`. */
  #chunkFor(count: number, chunkSize: number): number {
    const floor = Math.min(chunkSize, MIN_BULK_CHUNK);
    return Math.max(floor, Math.min(chunkSize, Math.ceil(count / this.#pool.size)));
  }

  // ---- files ----

  #newSegmentFile(): string {
    const id = this.#nextSegmentId++;
    return `segment-${String(id).padStart(6, '0')}.seg`;
  }

  #loadHolder(file: string, deleted: readonly number[]): Holder {
    const bytes = readFileSync(join(this.#options.directory, file));
    const reader = decodeSegment(bytes, file);
    return { reader, deleted: new Set(deleted), file, bytes: bytes.byteLength };
  }

  /** Loads a freshly built segment; its documents supersede older copies of the same articles. */
  #adoptSealed(file: string): void {
    const holder = this.#loadHolder(file, []);
    for (let document = 0; document < holder.reader.documentCount; document += 1) {
      const id = holder.reader.documentId(document);
      this.#tombstone(id);
      this.#locations.set(id, { holder, document });
    }
    this.#sealed.push(holder);
    this.#statistics = null;
  }

  /** Reads the manifest and its segments; returns why the index must be rebuilt, or null. */
  #load(): string | null {
    const path = join(this.#options.directory, MANIFEST_FILE);
    let manifest: Manifest;
    try {
      manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ENOENT' ? NO_INDEX_YET : `manifest unreadable (${(error as Error).message})`;
    }
    const expected = { schema: SEARCH_SCHEMA_VERSION, lunr: lunr.version, segmentFormat: SEGMENT_FORMAT_VERSION };
    if (
      manifest.schema !== expected.schema ||
      manifest.lunr !== expected.lunr ||
      manifest.segmentFormat !== expected.segmentFormat
    ) {
      return `index was built with schema ${manifest.schema}, lunr ${manifest.lunr}, segment format ${manifest.segmentFormat}; this Offprint uses ${expected.schema}, ${expected.lunr}, ${expected.segmentFormat}`;
    }
    try {
      for (const entry of manifest.segments) {
        const holder = this.#loadHolder(entry.file, entry.deleted);
        for (let document = 0; document < holder.reader.documentCount; document += 1) {
          if (holder.deleted.has(document)) continue;
          const id = holder.reader.documentId(document);
          // Two live copies cannot happen by design; if a crash left one, the later segment wins.
          this.#tombstone(id);
          this.#locations.set(id, { holder, document });
        }
        this.#sealed.push(holder);
      }
    } catch (error) {
      this.#sealed = [];
      this.#locations = new Map();
      return `segment unreadable (${(error as Error).message})`;
    }
    this.#nextSegmentId = manifest.nextSegmentId;
    // Files the manifest does not name may be the owner's work in progress: only the owner cleans up.
    if (this.#owner === null) this.#removeOrphans(new Set(manifest.segments.map((entry) => entry.file)));
    return null;
  }

  #persist(): void {
    const manifest: Manifest = {
      schema: SEARCH_SCHEMA_VERSION,
      lunr: lunr.version,
      segmentFormat: SEGMENT_FORMAT_VERSION,
      nextSegmentId: this.#nextSegmentId,
      segments: this.#sealed.map((holder) => ({
        file: holder.file ?? '',
        deleted: [...holder.deleted].sort((a, b) => a - b),
      })),
    };
    const path = join(this.#options.directory, MANIFEST_FILE);
    writeFileSync(`${path}.tmp`, JSON.stringify(manifest));
    renameSync(`${path}.tmp`, path);
  }

  /** Segment files no manifest names (a crash between writing and adopting) are garbage. */
  #removeOrphans(keep: ReadonlySet<string>): void {
    for (const name of readdirSync(this.#options.directory)) {
      if (name !== MANIFEST_FILE && !keep.has(name)) rmSync(join(this.#options.directory, name), { force: true });
    }
  }

  #resetFiles(): void {
    rmSync(this.#options.directory, { recursive: true, force: true });
    mkdirSync(this.#options.directory, { recursive: true });
    this.#sealed = [];
    this.#locations = new Map();
    this.#nextSegmentId = 1;
  }
}

function newLive(): LiveState {
  return { holder: { reader: new LiveSegment(), deleted: new Set(), file: null, bytes: 0 }, documents: [] };
}

/**
 * Takes the index's lock file (`index.lock` beside the index directory) for
 * this process. Returns null when this process now owns the index, or the
 * pid of the live process that does. A lock left by a process that no
 * longer runs is taken over.
 */
function acquireLock(path: string): number | null {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) return owner;
    rmSync(path, { force: true });
  }
  return null;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
