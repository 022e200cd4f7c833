import type { SegmentReader } from '../../../../electron/core/search/SearchDocument.ts';
import { SEARCH_FIELDS } from '../../../../electron/core/search/SearchDocument.ts';
import { seededRandom } from '../../../support/seededRandom.ts';

/** What to ask a segment besides its own terms: absent terms, prefixes, out-of-order positions lookups. */
export interface Probes {
  readonly terms: readonly string[];
  readonly prefixes: readonly string[];
  readonly lookups: readonly (readonly [term: string, field: number, document: number])[];
}

/**
 * Probes derived from the reference's terms: every term and a few absent
 * ones, prefixes cut at every code unit of a sample of terms (some ending in
 * half a surrogate pair), and positions lookups in shuffled order (which
 * sends position cursors backwards).
 */
export function createProbes(reference: SegmentReader, seed: number): Probes {
  const random = seededRandom(seed);
  const terms = [...reference.terms()];
  const sample = terms.filter(() => random() < 0.05).slice(0, 150);
  const prefixes = new Set<string>(['', 'zzzz', '\uD835', '\uFB00', '\u4E00', 'a', 'é']);
  for (const term of sample) for (let length = 1; length <= term.length; length++) prefixes.add(term.slice(0, length));
  // Mostly documents that do hold the term, a few terms only, so cursors are reused and sent backwards.
  const postings: [string, number, number][] = [];
  for (const term of terms.filter(() => random() < 0.02).slice(0, 12)) {
    for (let field = 0; field < SEARCH_FIELDS.length; field++) {
      reference.forEachPosting(term, field, (document) => postings.push([term, field, document]));
    }
  }
  const lookups: [string, number, number][] = [];
  for (let index = 0; index < 600 && terms.length > 0; index++) {
    const posting = postings[Math.floor(random() * postings.length)];
    const roll = random();
    if (posting !== undefined && roll < 0.8) lookups.push(posting);
    else {
      const term = roll < 0.95 ? (terms[Math.floor(random() * terms.length)] ?? '') : 'absent-term';
      lookups.push([term, Math.floor(random() * SEARCH_FIELDS.length), Math.floor(random() * reference.documentCount)]);
    }
  }
  return {
    terms: [...terms, 'absent-term', '', '\uD835', 'the-x', '\uFFFD', '\uD835\uDC00\uD835'],
    prefixes: [...prefixes],
    lookups,
  };
}

/**
 * Every answer a SegmentReader gives, as plain data to compare with toEqual:
 * documents, totals, terms, and per (term, field) the frequency, postings
 * and positions of each posting (looked up in ascending order, as a phrase
 * check does), plus the probes.
 */
export function readAnswers(reader: SegmentReader, probes: Probes): unknown {
  const documents = [];
  for (let document = 0; document < reader.documentCount; document++) {
    documents.push({
      id: reader.documentId(document),
      publishedAt: reader.publishedAt(document),
      lengths: SEARCH_FIELDS.map((_name, field) => reader.fieldLength(document, field)),
    });
  }
  const postings = [];
  for (const term of probes.terms) {
    for (let field = 0; field < SEARCH_FIELDS.length; field++) {
      const found: [number, number][] = [];
      reader.forEachPosting(term, field, (document, termFrequency) => found.push([document, termFrequency]));
      const frequency = reader.documentFrequency(term, field);
      if (found.length === 0 && frequency === 0) continue;
      const positions = found.map(([document]) => [...reader.positions(term, field, document)]);
      postings.push({ term, field, frequency, found, positions });
    }
  }
  return {
    documentCount: reader.documentCount,
    documents,
    totals: SEARCH_FIELDS.map((_name, field) => reader.totalFieldLength(field)),
    terms: [...reader.terms()],
    hasTerm: probes.terms.map((term) => reader.hasTerm(term)),
    prefixes: probes.prefixes.map((prefix) => [prefix, [...reader.termsWithPrefix(prefix)]]),
    postings,
    lookups: probes.lookups.map(([term, field, document]) => [...reader.positions(term, field, document)]),
  };
}
