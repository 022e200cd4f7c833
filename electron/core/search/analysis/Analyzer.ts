import {
  SEARCH_FIELDS,
  type AnalyzedDocument,
  type AnalyzedField,
  type SearchDocument,
  type SearchField,
} from '../SearchDocument.ts';
import { isTokenSeparator } from './isTokenSeparator.ts';
import { lunrLanguagePipeline, type PipelineLanguage } from './lunrLanguagePipeline.ts';
import { normalizeLanguage, type AnalysisLanguage } from './normalizeLanguage.ts';
import { containsCjk, splitCjkToken } from './splitCjkToken.ts';
import { DEFAULT_MEMO_LIMIT, TokenPipeline } from './TokenPipeline.ts';

export interface AnalyzerOptions {
  /** Tokens memoized per language before that memo is cleared (default 500,000). */
  readonly memoLimit?: number;
}

export interface AnalyzedText {
  terms: string[];
  positions: number[];
}

/**
 * Turns text into index terms with positions, as lunr 2.3.9 would: lunr's
 * tokenizer (lowercase, split on whitespace and hyphens) and index pipeline
 * (trimmer, stop word filter, stemmer), with the same terms for English
 * text, but several times faster (see TokenPipeline). On top of lunr:
 * stemming by document language (lunr-languages), CJK runs segmented into
 * words with Intl.Segmenter, and words in other scripts kept rather than
 * trimmed away.
 *
 * A position is the token's index in lunr's token stream, counted before the
 * pipeline drops stop words. A token holding CJK text takes one position per
 * word it is split into, so positions stay in text order.
 */
export class Analyzer {
  readonly #memoLimit: number;
  readonly #pipelines = new Map<PipelineLanguage, TokenPipeline>();

  constructor(options: AnalyzerOptions = {}) {
    this.#memoLimit = options.memoLimit ?? DEFAULT_MEMO_LIMIT;
  }

  /** Tokens memoized over all languages. */
  get memoSize(): number {
    let size = 0;
    for (const pipeline of this.#pipelines.values()) size += pipeline.memoSize;
    return size;
  }

  analyzeDocument(document: SearchDocument): AnalyzedDocument {
    const language = normalizeLanguage(document.language);
    // Filled for every field just below.
    const fields = {} as Record<SearchField, AnalyzedField>;
    for (const field of SEARCH_FIELDS) {
      const text: AnalyzedText = { terms: [], positions: [] };
      this.#analyzeValue(document.fields[field], language, text);
      fields[field] = text;
    }
    return { id: document.id, publishedAt: document.publishedAt, fields };
  }

  /** Query words or a phrase, analysed as document text in `language` (`"rare earths"` → rare@0, earth@1). */
  analyzeQueryText(text: string, language?: string | null): AnalyzedText {
    const analyzed: AnalyzedText = { terms: [], positions: [] };
    this.#analyzeString(text, normalizeLanguage(language), analyzed);
    return analyzed;
  }

  /**
   * lunr lowercases a wildcard term and skips the pipeline. With a German or
   * French index, lunr-languages also folds umlauts or accents, as its
   * stemmer does to the indexed terms; other languages are lowercased only.
   */
  normalizeWildcardTerm(text: string, language?: string | null): string {
    const lowercased = text.toLowerCase();
    const pipeline = normalizeLanguage(language).pipeline;
    if (pipeline === 'en') return lowercased;
    const normalizer = lunrLanguagePipeline(pipeline).wildcardNormalizer;
    return normalizer ? normalizer(lowercased) : lowercased;
  }

  #pipelineFor(language: PipelineLanguage): TokenPipeline {
    let pipeline = this.#pipelines.get(language);
    if (!pipeline) {
      pipeline = new TokenPipeline(language, this.#memoLimit);
      this.#pipelines.set(language, pipeline);
    }
    return pipeline;
  }

  /** A field value as lunr.tokenizer takes it: typed as a string, but lunr also accepts null and arrays. */
  #analyzeValue(value: unknown, language: AnalysisLanguage, into: AnalyzedText): void {
    if (value == null) return;
    if (Array.isArray(value)) {
      // lunr makes each element one lowercased token, unsplit, without an
      // index in its metadata; the element's index stands in for it here.
      const pipeline = this.#pipelineFor(language.pipeline);
      let position = 0;
      for (const element of value as unknown[]) {
        position = this.#analyzeToken(asString(element).toLowerCase(), position, pipeline, language, into);
      }
      return;
    }
    this.#analyzeString(asString(value), language, into);
  }

  #analyzeString(text: string, language: AnalysisLanguage, into: AnalyzedText): void {
    const pipeline = this.#pipelineFor(language.pipeline);
    const { terms, positions } = into;
    const lowercased = text.toLowerCase();
    const length = lowercased.length;
    let position = 0;
    let start = 0;
    // lunr.tokenizer's loop without its per-character regex match and per-token objects.
    for (let index = 0; index <= length; index += 1) {
      if (index < length && !isTokenSeparator(lowercased.charCodeAt(index))) continue;
      if (index > start) {
        const token = lowercased.slice(start, index);
        const term = pipeline.cachedTerm(token);
        if (term === undefined) {
          position = this.#analyzeToken(token, position, pipeline, language, into);
        } else {
          if (term !== null) {
            terms.push(term);
            positions.push(position);
          }
          position += 1;
        }
      }
      start = index + 1;
    }
  }

  /** The slow path for a token not memoized yet; returns the next position. */
  #analyzeToken(
    token: string,
    position: number,
    pipeline: TokenPipeline,
    language: AnalysisLanguage,
    into: AnalyzedText,
  ): number {
    if (!containsCjk(token)) {
      const term = pipeline.analyzeToken(token);
      if (term !== null) {
        into.terms.push(term);
        into.positions.push(position);
      }
      return position + 1;
    }
    // Not memoized: CJK tokens are often whole sentences.
    let next = position;
    for (const piece of splitCjkToken(token, language.cjkLocale)) {
      const term = piece.segmented ? piece.text : pipeline.analyzeToken(piece.text);
      if (term !== null) {
        into.terms.push(term);
        into.positions.push(next);
      }
      next += 1;
    }
    return next;
  }
}

/** lunr.utils.asString: '' for null and undefined, toString() for anything else. */
function asString(value: unknown): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- lunr stringifies whatever it is given; so must we.
  return value == null ? '' : String(value);
}
