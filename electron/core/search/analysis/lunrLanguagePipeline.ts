import lunr from 'lunr';
import { createRequire } from 'node:module';

/**
 * Languages with their own lunr pipeline. `en` is lunr's default; the others
 * are lunr-languages plugins that use lunr's default tokenizer and a
 * stemmer. Left out: hi, kn, sa, ta, te (their plugins throw on load without
 * lunr-languages' wordcut set-up), th/ja/zh/ko/vi (no stemmer, or their own
 * tokenizers: CJK is segmented with Intl.Segmenter instead), hy (no stemmer).
 */
export const PIPELINE_LANGUAGES = [
  'en',
  'ar',
  'da',
  'de',
  'el',
  'es',
  'fi',
  'fr',
  'he',
  'hu',
  'it',
  'nl',
  'no',
  'pl',
  'pt',
  'ro',
  'ru',
  'sv',
  'tr',
] as const;
export type PipelineLanguage = (typeof PIPELINE_LANGUAGES)[number];

export interface LanguagePipeline {
  readonly language: PipelineLanguage;
  /** The lunr index pipeline for one token (trimmer, stop word filter, stemmer, and whatever else the plugin adds). */
  readonly pipeline: lunr.Pipeline;
  /**
   * Matches a letter, digit or combining mark this pipeline's trimmer does
   * not treat as a word character, so would cut off or delete. For English
   * that is anything above U+00FF: lunr's \W trimmer also mangles Latin-1
   * letters at token edges ("café" → "caf"), but that stays lunr-identical.
   */
  readonly foreignCharacter: RegExp;
  /** lunr-languages' normalizer for wildcard terms (de: umlauts, fr: accents), or null. */
  readonly wildcardNormalizer: ((term: string) => string) | null;
}

/** What a lunr-languages plugin leaves on the lunr object (lunr.de and friends); @types/lunr does not declare them. */
interface LanguagePlugin {
  (this: { pipeline: lunr.Pipeline; searchPipeline: lunr.Pipeline }): void;
  wordCharacters?: string;
  wildcardNormalizer?: (term: string) => string;
  trimmer?: lunr.PipelineFunction;
  normilizer?: lunr.PipelineFunction;
  stopWordFilter?: lunr.PipelineFunction;
  stemmer?: lunr.PipelineFunction;
}

// The plugins are CommonJS functions that decorate the lunr object they are given.
// Not named `require`: the Electron bundle declares its own `require` at the top of shared chunks.
const loadCommonJs = createRequire(import.meta.url);
const lunrObject = lunr as unknown as Record<string, LanguagePlugin | undefined>;
const pipelines = new Map<PipelineLanguage, LanguagePipeline>();

/** The pipeline for `language`, loading its lunr-languages plugin onto the shared lunr object on first use. */
export function lunrLanguagePipeline(language: PipelineLanguage): LanguagePipeline {
  let found = pipelines.get(language);
  if (!found) {
    found = language === 'en' ? englishPipeline() : pluginPipeline(language);
    pipelines.set(language, found);
  }
  return found;
}

function englishPipeline(): LanguagePipeline {
  // lunr.Builder's default index pipeline (what `lunr(function () { ... })` sets up).
  const pipeline = new lunr.Pipeline();
  pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
  return { language: 'en', pipeline, foreignCharacter: /(?![\0-\xff])[\p{L}\p{N}\p{M}]/u, wildcardNormalizer: null };
}

function pluginPipeline(language: Exclude<PipelineLanguage, 'en'>): LanguagePipeline {
  const plugin = loadPlugin(language);
  const pipeline = new lunr.Pipeline();
  if (language === 'el') {
    // lunr.el adds its trimmer and accent normalizer only for lunr 1; without
    // them lunr 2 keeps punctuation on words ("αθήνα,") and stems accented
    // and unaccented spellings apart, so the lunr 1 pipeline is used.
    pipeline.add(...requireFunctions(plugin, language, ['trimmer', 'normilizer', 'stopWordFilter', 'stemmer']));
  } else {
    // Let the plugin configure a builder-shaped object, so the pipeline is
    // exactly what `this.use(lunr.de)` gives a lunr 2 index (fr adds an
    // accent folder between stop words and stemmer, for instance).
    plugin.call({ pipeline, searchPipeline: new lunr.Pipeline() });
  }
  const wordCharacters = plugin.wordCharacters;
  if (wordCharacters === undefined) {
    throw new Error(`Analyzer: lunr-languages plugin '${language}' has no wordCharacters`);
  }
  return {
    language,
    pipeline,
    // lunr-languages' trimmer keeps wordCharacters plus ASCII digits.
    foreignCharacter: new RegExp(`(?![${wordCharacters}0-9])[\\p{L}\\p{N}\\p{M}]`, 'u'),
    wildcardNormalizer: plugin.wildcardNormalizer ?? null,
  };
}

function loadPlugin(language: string): LanguagePlugin {
  // Load each file once: plugins re-register their pipeline functions (lunr
  // warns on overwrite) and stemmer support keeps shared state.
  if (!('stemmerSupport' in lunrObject)) {
    (loadCommonJs('lunr-languages/lunr.stemmer.support') as (instance: typeof lunr) => void)(lunr);
  }
  if (lunrObject[language] === undefined) {
    (loadCommonJs(`lunr-languages/lunr.${language}`) as (instance: typeof lunr) => void)(lunr);
  }
  const plugin = lunrObject[language];
  if (plugin === undefined) throw new Error(`Analyzer: lunr-languages did not define lunr.${language}`);
  return plugin;
}

function requireFunctions(
  plugin: LanguagePlugin,
  language: string,
  names: readonly ('trimmer' | 'normilizer' | 'stopWordFilter' | 'stemmer')[],
): lunr.PipelineFunction[] {
  return names.map((name) => {
    const fn = plugin[name];
    if (fn === undefined) throw new Error(`Analyzer: lunr-languages plugin '${language}' has no ${name}`);
    return fn;
  });
}
