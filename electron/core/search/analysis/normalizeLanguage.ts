import { PIPELINE_LANGUAGES, type PipelineLanguage } from './lunrLanguagePipeline.ts';

export type CjkLocale = 'zh' | 'ja' | 'ko';

export interface AnalysisLanguage {
  /** Which lunr pipeline stems the text's words (English for unknown languages). */
  readonly pipeline: PipelineLanguage;
  /** Intl.Segmenter locale for CJK runs when the language is Chinese, Japanese or Korean; otherwise chosen per run. */
  readonly cjkLocale: CjkLocale | null;
}

const ENGLISH: AnalysisLanguage = { pipeline: 'en', cjkLocale: null };

/** Old or alternative codes for languages that have a pipeline. */
const ALIASES: ReadonlyMap<string, PipelineLanguage> = new Map([
  ['du', 'nl'], // lunr-languages' old code for Dutch
  ['nb', 'no'],
  ['nn', 'no'],
  ['iw', 'he'],
]);

const pipelineLanguages: ReadonlySet<string> = new Set(PIPELINE_LANGUAGES);

/** `de-AT` → German, `zh-Hant-TW` → Chinese segmentation with the English pipeline, anything unknown → English. */
export function normalizeLanguage(tag: string | null | undefined): AnalysisLanguage {
  if (tag == null) return ENGLISH;
  const primary = tag.trim().toLowerCase().split(/[-_]/, 1)[0] ?? '';
  if (primary === 'zh' || primary === 'ja' || primary === 'ko') return { pipeline: 'en', cjkLocale: primary };
  const pipeline = ALIASES.get(primary) ?? (pipelineLanguages.has(primary) ? (primary as PipelineLanguage) : 'en');
  return pipeline === 'en' ? ENGLISH : { pipeline, cjkLocale: null };
}
