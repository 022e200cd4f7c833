import type { AnalyzedDocument } from '../SearchDocument.ts';
import { SEARCH_FIELDS } from '../SearchDocument.ts';
import { isWellFormed } from './isWellFormed.ts';
import { PostingList } from './PostingList.ts';
import { SegmentWriter } from './SegmentWriter.ts';

const FIELD_COUNT = SEARCH_FIELDS.length;

/**
 * Collects analyzed documents into postings and seals them into a segment
 * (see SegmentCodec.ts). Postings accumulate in one PostingList per (term,
 * field) — typed arrays, no object per posting. LiveSegment reads the same
 * structures while documents keep arriving.
 */
export class SegmentBuilder {
  private readonly ids: string[] = [];
  private publishedAtValues = new Float64Array(64);
  private fieldLengthValues = new Uint32Array(64 * FIELD_COUNT);
  private readonly totals = new Float64Array(FIELD_COUNT);
  /** Per term, its PostingList in each field that contains it. */
  private readonly postingLists = new Map<string, (PostingList | undefined)[]>();
  private sortedTermCache: readonly string[] | null = null;
  private postings = 0;

  get documentCount(): number {
    return this.ids.length;
  }

  /** Number of distinct terms. */
  get termCount(): number {
    return this.postingLists.size;
  }

  /** Number of (term, field, document) postings. */
  get postingCount(): number {
    return this.postings;
  }

  /**
   * Adds a document and returns its number in the segment (add order). The
   * document is checked whole before anything is recorded, so a rejected one
   * leaves the builder as it was.
   */
  add(document: AnalyzedDocument): number {
    checkDocument(document);
    const number = this.ids.length;
    if (number === this.publishedAtValues.length) this.grow();
    this.publishedAtValues[number] = document.publishedAt ?? Number.NaN;
    for (let field = 0; field < FIELD_COUNT; field++) {
      const { terms, positions } = document.fields[SEARCH_FIELDS[field] ?? 'text'];
      this.fieldLengthValues[number * FIELD_COUNT + field] = terms.length;
      this.totals[field] = (this.totals[field] ?? 0) + terms.length;
      for (let index = 0; index < terms.length; index++) {
        const term = terms[index] ?? '';
        let lists = this.postingLists.get(term);
        if (lists === undefined) {
          lists = new Array<PostingList | undefined>(FIELD_COUNT).fill(undefined);
          this.postingLists.set(term, lists);
          this.sortedTermCache = null;
        }
        let list = lists[field];
        if (list === undefined) {
          list = new PostingList();
          lists[field] = list;
        }
        if (list.add(number, positions[index] ?? 0)) this.postings++;
      }
    }
    this.ids.push(document.id);
    return number;
  }

  /** The sealed segment of every document added so far; the builder stays usable. */
  encode(): Uint8Array {
    const writer = new SegmentWriter();
    for (let document = 0; document < this.ids.length; document++) {
      writer.addDocument(
        this.ids[document] ?? '',
        this.publishedAt(document),
        this.fieldLengthValues.subarray(document * FIELD_COUNT, (document + 1) * FIELD_COUNT),
      );
    }
    for (const term of this.sortedTerms()) {
      writer.beginTerm(term);
      const lists = this.postingLists.get(term) ?? [];
      for (let field = 0; field < FIELD_COUNT; field++) {
        const list = lists[field];
        if (list === undefined) continue;
        writer.beginField(field);
        writer.addPostingRecords(list.records, list.length);
      }
      writer.endTerm();
    }
    return writer.finish();
  }

  documentId(document: number): string {
    const id = this.ids[document];
    if (id === undefined) throw new RangeError(this.outOfRange(document));
    return id;
  }

  publishedAt(document: number): number | null {
    if (!(document >= 0 && document < this.ids.length)) throw new RangeError(this.outOfRange(document));
    const value = this.publishedAtValues[document] ?? Number.NaN;
    return Number.isNaN(value) ? null : value;
  }

  fieldLength(document: number, field: number): number {
    if (!(document >= 0 && document < this.ids.length)) throw new RangeError(this.outOfRange(document));
    return this.fieldLengthValues[document * FIELD_COUNT + checkField(field)] ?? 0;
  }

  totalFieldLength(field: number): number {
    return this.totals[checkField(field)] ?? 0;
  }

  /** The term's postings in `field`, or undefined; read-only for callers. */
  postingList(term: string, field: number): PostingList | undefined {
    return this.postingLists.get(term)?.[checkField(field)];
  }

  hasTerm(term: string): boolean {
    return this.postingLists.has(term);
  }

  /** Every term in ascending code-unit order; sorted on demand and kept until a new term arrives. */
  sortedTerms(): readonly string[] {
    this.sortedTermCache ??= Array.from(this.postingLists.keys()).sort();
    return this.sortedTermCache;
  }

  private grow(): void {
    const publishedAt = new Float64Array(this.publishedAtValues.length * 2);
    publishedAt.set(this.publishedAtValues);
    this.publishedAtValues = publishedAt;
    const fieldLengths = new Uint32Array(this.fieldLengthValues.length * 2);
    fieldLengths.set(this.fieldLengthValues);
    this.fieldLengthValues = fieldLengths;
  }

  private outOfRange(document: number): string {
    return `SegmentBuilder: document ${document} is out of range (${this.ids.length} documents)`;
  }
}

function checkField(field: number): number {
  if (!(Number.isInteger(field) && field >= 0 && field < FIELD_COUNT)) {
    throw new RangeError(`SegmentBuilder: field ${field} is not one of the ${FIELD_COUNT} search fields`);
  }
  return field;
}

/**
 * What the segment format needs of a document: ids and terms that survive a
 * UTF-8 round trip (no lone surrogates), a publishedAt that is not NaN (NaN
 * stands for null on disk), and positions that fit a u32 and never go back
 * within a field (they are delta-encoded).
 */
function checkDocument(document: AnalyzedDocument): void {
  const { id } = document;
  if (!isWellFormed(id)) throw new Error(`SegmentBuilder: document id ${JSON.stringify(id)} has a lone surrogate`);
  if (Number.isNaN(document.publishedAt)) throw new Error(`SegmentBuilder: document "${id}" has publishedAt NaN`);
  for (const name of SEARCH_FIELDS) {
    const { terms, positions } = document.fields[name];
    if (terms.length !== positions.length) {
      throw new Error(
        `SegmentBuilder: document "${id}" field ${name} has ${terms.length} terms but ${positions.length} positions`,
      );
    }
    let previous = 0;
    for (let index = 0; index < terms.length; index++) {
      const position = positions[index] ?? -1;
      if (!(Number.isInteger(position) && position >= previous && position <= 0xffffffff)) {
        throw new Error(
          `SegmentBuilder: document "${id}" field ${name} has position ${position} after ${previous} (positions ascend)`,
        );
      }
      previous = position;
      const term = terms[index] ?? '';
      if (!isWellFormed(term)) {
        throw new Error(`SegmentBuilder: document "${id}" field ${name} has a term with a lone surrogate`);
      }
    }
  }
}
