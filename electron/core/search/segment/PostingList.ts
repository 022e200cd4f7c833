/**
 * The postings of one term in one field while a segment is being built:
 * one growable Uint32Array of records `[document, termFrequency, ...positions]`
 * in ascending document order, so a posting costs no object of its own.
 */
export class PostingList {
  records = new Uint32Array(4);
  /** Used length of `records`. */
  length = 0;
  documentCount = 0;
  lastDocument = -1;
  /** Index in `records` of the current document's term frequency. */
  private frequencyIndex = 0;
  // A record where the last positions lookup stopped; lookups in ascending
  // document order (phrase checks, merges) continue from it instead of
  // rescanning the list.
  private cursorOffset = 0;
  private cursorDocument = -1;

  /** Records one occurrence; returns true when it starts a new posting (a new document). */
  add(document: number, position: number): boolean {
    const isNewDocument = document !== this.lastDocument;
    if (this.length + 3 > this.records.length) this.grow();
    const records = this.records;
    if (isNewDocument) {
      records[this.length] = document;
      records[this.length + 1] = 0;
      this.frequencyIndex = this.length + 1;
      this.length += 2;
      this.lastDocument = document;
      this.documentCount++;
    }
    records[this.frequencyIndex] = (records[this.frequencyIndex] ?? 0) + 1;
    records[this.length++] = position;
    return isNewDocument;
  }

  /** Offset of `document`'s record, or -1. */
  find(document: number): number {
    const records = this.records;
    let offset = document >= this.cursorDocument ? this.cursorOffset : 0;
    while (offset < this.length) {
      const found = records[offset] ?? 0;
      if (found >= document) {
        this.cursorOffset = offset;
        this.cursorDocument = found;
        return found === document ? offset : -1;
      }
      offset += 2 + (records[offset + 1] ?? 0);
    }
    return -1;
  }

  private grow(): void {
    const grown = new Uint32Array(this.records.length * 2);
    grown.set(this.records);
    this.records = grown;
  }
}
