/**
 * Word-shingle comparison of two texts, as the Zyte article-extraction
 * benchmark scores bodies (its evaluate.py): `\w+` tokens (Python's Unicode
 * `\w`: letters, numbers, underscore — not combining marks), 4-token
 * shingles counted as multisets. The extractor uses the same measure to
 * judge a JSON-LD `articleBody` against Readability's text, so what it
 * optimises is what the benchmark measures.
 */
export interface ShingleCounts {
  /** Shingles in both texts (multiset intersection). */
  readonly shared: number;
  /** Shingles only in the candidate text (extra content). */
  readonly extra: number;
  /** Shingles only in the reference text (missed content). */
  readonly missing: number;
}

const SHINGLE_SIZE = 4;
const tokenPattern = /[\p{L}\p{N}_]+/gu;

export function tokenize(text: string): string[] {
  return text.match(tokenPattern) ?? [];
}

/** Shingle → count. A text shorter than four tokens is one shingle of all of them (as evaluate.py does). */
export function shingleCounts(text: string): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - SHINGLE_SIZE + 1);
  for (let index = 0; index < last; index++) {
    const shingle = tokens.slice(index, index + SHINGLE_SIZE);
    if (shingle.length === 0) continue;
    const key = shingle.join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Raw (unnormalised) shingle counts of `candidate` against `reference`. */
export function compareShingles(reference: string, candidate: string): ShingleCounts {
  return compareShingleCounts(shingleCounts(reference), shingleCounts(candidate));
}

export function compareShingleCounts(
  reference: ReadonlyMap<string, number>,
  candidate: ReadonlyMap<string, number>,
): ShingleCounts {
  let shared = 0;
  let extra = 0;
  let missing = 0;
  for (const [key, count] of candidate) {
    const referenceCount = reference.get(key) ?? 0;
    shared += Math.min(count, referenceCount);
    extra += Math.max(0, count - referenceCount);
  }
  for (const [key, count] of reference) {
    missing += Math.max(0, count - (candidate.get(key) ?? 0));
  }
  return { shared, extra, missing };
}

/** The share of `candidate`'s shingles that `reference` also has (its precision against the reference). */
export function sharedShare(reference: ReadonlyMap<string, number>, candidate: ReadonlyMap<string, number>): number {
  let shared = 0;
  let total = 0;
  for (const [key, count] of candidate) {
    shared += Math.min(count, reference.get(key) ?? 0);
    total += count;
  }
  return total === 0 ? 0 : shared / total;
}
