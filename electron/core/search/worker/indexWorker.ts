// Entry point of an index worker thread: analyses articles and writes sealed
// segments so the main thread never does bulk indexing work.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { Analyzer } from '../analysis/Analyzer.ts';
import { SearchDocumentSource } from '../SearchDocumentSource.ts';
import { SEARCH_FIELDS, type SearchDocument } from '../SearchDocument.ts';
import { decodeSegment } from '../segment/SegmentCodec.ts';
import { SegmentBuilder } from '../segment/SegmentBuilder.ts';
import { mergeSegments } from '../segment/mergeSegments.ts';
import { serveWorkerRequests } from '../../workers/serveWorkerRequests.ts';
import type { BuiltSegment, IndexWorkerRequest } from './IndexWorkerProtocol.ts';

const PAGE = 500;
const analyzer = new Analyzer();

/** Written beside the target, then renamed: a crash never leaves a half-written segment under its real name. */
function writeAtomically(path: string, bytes: Uint8Array): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, path);
}

function textBytesOf(document: SearchDocument): number {
  let total = 0;
  for (const field of SEARCH_FIELDS) total += document.fields[field].length;
  return total;
}

function withDatabase<T>(path: string, work: (source: SearchDocumentSource) => T): T {
  const database = new DatabaseSync(path, { readOnly: true });
  try {
    database.exec('PRAGMA busy_timeout = 5000');
    return work(new SearchDocumentSource(database));
  } finally {
    database.close();
  }
}

/** Does one request; `reportProgress` hears the number of documents added so far, every PAGE documents. */
function handle(request: IndexWorkerRequest, reportProgress: (done: number) => void): BuiltSegment {
  const builder = new SegmentBuilder();
  let textBytes = 0;
  const addDocument = (document: SearchDocument): void => {
    textBytes += textBytesOf(document);
    builder.add(analyzer.analyzeDocument(document));
    if (builder.documentCount % PAGE === 0) reportProgress(builder.documentCount);
  };
  switch (request.kind) {
    case 'build-from-store':
      withDatabase(request.databasePath, (source) => {
        for (const id of request.articleIds) {
          const document = source.document(id);
          // Deleted since it was queued: the main thread tombstones it; nothing to index.
          if (document) addDocument(document);
        }
      });
      break;
    case 'build-range':
      withDatabase(request.databasePath, (source) => {
        let after = request.afterRowid;
        for (;;) {
          const { documents, lastRowid } = source.page(after, request.throughRowid, PAGE);
          for (const document of documents) addDocument(document);
          if (documents.length < PAGE) break;
          after = lastRowid;
        }
      });
      break;
    case 'seal':
      for (const document of request.documents) builder.add(document);
      break;
    case 'merge': {
      const inputs = request.inputs.map((input) => ({
        segment: decodeSegment(readFileSync(input.path), input.path),
        deleted: new Set(input.deleted),
      }));
      const bytes = mergeSegments(inputs);
      writeAtomically(request.outputPath, bytes);
      const merged = decodeSegment(bytes, request.outputPath);
      return {
        outputPath: request.outputPath,
        documentCount: merged.documentCount,
        bytes: bytes.byteLength,
        textBytes: 0,
      };
    }
  }
  const bytes = builder.encode();
  writeAtomically(request.outputPath, bytes);
  return { outputPath: request.outputPath, documentCount: builder.documentCount, bytes: bytes.byteLength, textBytes };
}

serveWorkerRequests<IndexWorkerRequest, BuiltSegment, number>(handle);
