import { SEARCH_FIELDS, type AnalyzedDocument, type SegmentReader } from '../../electron/core/search/SearchDocument.ts';

/**
 * A naive SegmentReader over Maps: the reference the engine and the real
 * segment formats are checked against. Clarity over speed.
 */
export class MemorySegment implements SegmentReader {
  readonly #documents: AnalyzedDocument[] = [];
  /** term → field → document → positions */
  readonly #postings = new Map<string, Map<number, Map<number, number[]>>>();

  add(document: AnalyzedDocument): number {
    const number = this.#documents.length;
    this.#documents.push(document);
    SEARCH_FIELDS.forEach((name, field) => {
      const { terms, positions } = document.fields[name];
      terms.forEach((term, index) => {
        let byField = this.#postings.get(term);
        if (!byField) this.#postings.set(term, (byField = new Map<number, Map<number, number[]>>()));
        let byDocument = byField.get(field);
        if (!byDocument) byField.set(field, (byDocument = new Map<number, number[]>()));
        let list = byDocument.get(number);
        if (!list) byDocument.set(number, (list = []));
        list.push(positions[index] ?? 0);
      });
    });
    return number;
  }

  get documentCount(): number {
    return this.#documents.length;
  }

  documentId(document: number): string {
    return this.#document(document).id;
  }

  publishedAt(document: number): number | null {
    return this.#document(document).publishedAt;
  }

  fieldLength(document: number, field: number): number {
    const name = SEARCH_FIELDS[field];
    return name ? this.#document(document).fields[name].terms.length : 0;
  }

  totalFieldLength(field: number): number {
    let total = 0;
    for (let document = 0; document < this.#documents.length; document += 1) total += this.fieldLength(document, field);
    return total;
  }

  hasTerm(term: string): boolean {
    return this.#postings.has(term);
  }

  documentFrequency(term: string, field: number): number {
    return this.#postings.get(term)?.get(field)?.size ?? 0;
  }

  terms(): Iterable<string> {
    return [...this.#postings.keys()].sort();
  }

  termsWithPrefix(prefix: string): Iterable<string> {
    return [...this.terms()].filter((term) => term.startsWith(prefix));
  }

  forEachPosting(term: string, field: number, visit: (document: number, termFrequency: number) => void): void {
    const byDocument = this.#postings.get(term)?.get(field);
    if (!byDocument) return;
    for (const document of [...byDocument.keys()].sort((a, b) => a - b))
      visit(document, byDocument.get(document)?.length ?? 0);
  }

  positions(term: string, field: number, document: number): readonly number[] {
    return this.#postings.get(term)?.get(field)?.get(document) ?? [];
  }

  #document(document: number): AnalyzedDocument {
    const found = this.#documents[document];
    if (!found) throw new RangeError(`MemorySegment: no document ${document}`);
    return found;
  }
}
