export interface SrcsetCandidate {
  /** As written in the attribute (not yet resolved against the page). */
  readonly url: string;
  /** The `w` descriptor, if any. */
  readonly width: number | null;
  /** The `x` descriptor; 1 when the candidate has no descriptor at all. */
  readonly density: number | null;
}

export interface SrcsetSelection {
  /** Preferred largest rendered width: big enough for a reading column on a high-density screen. */
  readonly maxWidth: number;
  /** The `<img width>` in CSS pixels, which turns density descriptors into widths. */
  readonly widthHint: number | null;
}

export const DEFAULT_MAX_CANDIDATE_WIDTH = 1600;
/** Without a width hint a density candidate is judged by density alone: 2x is sharp on every common screen. */
const MAX_DENSITY = 2;

const WHITESPACE = /[\t\n\f\r ]/;

/**
 * Parses a `srcset` value the way the HTML standard does ("parse a srcset
 * attribute"): URLs may contain commas, descriptors may contain parentheses,
 * and a candidate with invalid or conflicting descriptors is dropped.
 */
export function parseSrcset(value: string): SrcsetCandidate[] {
  const candidates: SrcsetCandidate[] = [];
  let position = 0;
  const length = value.length;
  while (position < length) {
    while (position < length && (WHITESPACE.test(value.charAt(position)) || value.charAt(position) === ',')) {
      position += 1;
    }
    if (position >= length) break;
    const urlStart = position;
    while (position < length && !WHITESPACE.test(value.charAt(position))) position += 1;
    let url = value.slice(urlStart, position);
    const descriptors: string[] = [];
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      position = collectDescriptors(value, position, descriptors);
    }
    const candidate = candidateFrom(url, descriptors);
    if (candidate !== null) candidates.push(candidate);
  }
  return candidates;
}

/** Tokenizes descriptors up to the comma that ends the candidate; returns the position after it. */
function collectDescriptors(value: string, start: number, descriptors: string[]): number {
  let position = start;
  let current = '';
  let inParentheses = false;
  while (position < value.length) {
    const character = value.charAt(position);
    position += 1;
    if (inParentheses) {
      current += character;
      if (character === ')') inParentheses = false;
    } else if (character === ',') {
      break;
    } else if (WHITESPACE.test(character)) {
      if (current !== '') descriptors.push(current);
      current = '';
    } else {
      current += character;
      if (character === '(') inParentheses = true;
    }
  }
  if (current !== '') descriptors.push(current);
  return position;
}

function candidateFrom(url: string, descriptors: readonly string[]): SrcsetCandidate | null {
  if (url === '') return null;
  let width: number | null = null;
  let density: number | null = null;
  let height: number | null = null;
  for (const descriptor of descriptors) {
    const number = descriptor.slice(0, -1);
    const unit = descriptor.slice(-1);
    if (unit === 'w' && /^\d+$/.test(number) && width === null && density === null) {
      width = Number(number);
      if (width <= 0) return null;
    } else if (unit === 'x' && /^\d*\.?\d+(?:[eE][+-]?\d+)?$/.test(number) && width === null && density === null) {
      density = Number(number);
      if (!(density > 0)) return null;
    } else if (unit === 'h' && /^\d+$/.test(number) && height === null && density === null) {
      height = Number(number);
      if (height <= 0) return null;
    } else {
      return null;
    }
  }
  if (height !== null && width === null) return null; // "h" is only meaningful beside "w"
  return { url, width, density: width === null && density === null ? 1 : density };
}

/**
 * One good candidate for offline reading: the widest at most `maxWidth`
 * pixels, or, when all are wider, the narrowest of those (the closest to what
 * a reader shows, and the least likely to hit the per-image size cap).
 * Width descriptors win over density ones; density candidates become widths
 * through the `<img width>` hint, or without one the highest density up to 2x.
 * Ties go to the first listed. Null for an empty list.
 */
export function selectSrcsetCandidate(
  candidates: readonly SrcsetCandidate[],
  selection: Partial<SrcsetSelection> = {},
): SrcsetCandidate | null {
  const maxWidth = selection.maxWidth ?? DEFAULT_MAX_CANDIDATE_WIDTH;
  const widthHint = selection.widthHint ?? null;
  const described = candidates.filter((candidate) => candidate.width !== null);
  if (described.length > 0) return pickBySize(described, (candidate) => candidate.width ?? 0, maxWidth);
  const dense = candidates.filter((candidate) => candidate.density !== null);
  if (widthHint !== null && widthHint > 0) {
    return pickBySize(dense, (candidate) => (candidate.density ?? 1) * widthHint, maxWidth);
  }
  return pickBySize(dense, (candidate) => candidate.density ?? 1, MAX_DENSITY);
}

function pickBySize(
  candidates: readonly SrcsetCandidate[],
  size: (candidate: SrcsetCandidate) => number,
  limit: number,
): SrcsetCandidate | null {
  let bestFitting: SrcsetCandidate | null = null;
  let smallestAbove: SrcsetCandidate | null = null;
  for (const candidate of candidates) {
    const value = size(candidate);
    if (value <= limit) {
      if (bestFitting === null || value > size(bestFitting)) bestFitting = candidate;
    } else if (smallestAbove === null || value < size(smallestAbove)) {
      smallestAbove = candidate;
    }
  }
  return bestFitting ?? smallestAbove;
}
