import type { AnalyzedDocument, SegmentReader } from '../../../../electron/core/search/SearchDocument.ts';
import { SEARCH_FIELDS } from '../../../../electron/core/search/SearchDocument.ts';

/** The naive SegmentReader the real ones must agree with: Maps of Maps over the documents as given. */
export class ReferenceSegment implements SegmentReader {
  readonly documentCount: number;
  private readonly documents: readonly AnalyzedDocument[];
  /** term → field → document → positions, documents inserted in ascending order. */
  private readonly postings = new Map<string, Map<number, Map<number, number[]>>>();
  private sortedTerms: string[] | null = null;

  constructor(documents: readonly AnalyzedDocument[]) {
    this.documents = documents;
    this.documentCount = documents.length;
    documents.forEach((document, number) => {
      SEARCH_FIELDS.forEach((name, field) => {
        const { terms, positions } = document.fields[name];
        terms.forEach((term, index) => {
          let fields = this.postings.get(term);
          if (fields === undefined) {
            fields = new Map();
            this.postings.set(term, fields);
          }
          let byDocument = fields.get(field);
          if (byDocument === undefined) {
            byDocument = new Map();
            fields.set(field, byDocument);
          }
          const found = byDocument.get(number) ?? [];
          found.push(positions[index] ?? -1);
          byDocument.set(number, found);
        });
      });
    });
  }

  private document(number: number): AnalyzedDocument {
    const document = this.documents[number];
    if (document === undefined) throw new RangeError(`ReferenceSegment: no document ${number}`);
    return document;
  }

  documentId(document: number): string {
    return this.document(document).id;
  }

  publishedAt(document: number): number | null {
    return this.document(document).publishedAt;
  }

  fieldLength(document: number, field: number): number {
    return this.document(document).fields[SEARCH_FIELDS[field] ?? 'text'].terms.length;
  }

  totalFieldLength(field: number): number {
    let total = 0;
    for (let document = 0; document < this.documentCount; document++) total += this.fieldLength(document, field);
    return total;
  }

  hasTerm(term: string): boolean {
    return this.postings.has(term);
  }

  documentFrequency(term: string, field: number): number {
    return this.postings.get(term)?.get(field)?.size ?? 0;
  }

  terms(): Iterable<string> {
    this.sortedTerms ??= [...this.postings.keys()].sort();
    return [...this.sortedTerms];
  }

  termsWithPrefix(prefix: string): Iterable<string> {
    return [...this.terms()].filter((term) => term.startsWith(prefix));
  }

  forEachPosting(term: string, field: number, visit: (document: number, termFrequency: number) => void): void {
    for (const [document, positions] of this.postings.get(term)?.get(field) ?? []) visit(document, positions.length);
  }

  positions(term: string, field: number, document: number): readonly number[] {
    return this.postings.get(term)?.get(field)?.get(document) ?? [];
  }
}
