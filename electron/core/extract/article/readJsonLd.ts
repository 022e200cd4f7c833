import type { MinimalDocument } from './MinimalDocument.ts';

export type JsonLdObject = Readonly<Record<string, unknown>>;

/** schema.org types whose `articleBody`, author and dates describe the page's article (Readability's list). */
const articleTypePattern =
  /^(?:Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference)$/;

/** Nesting depth past which JSON-LD is not searched further (pages nest a little; hostile input could nest a lot). */
const MAX_DEPTH = 6;

/**
 * Every JSON-LD object on the page, flattened: top-level values, arrays and
 * `@graph` members, each as its own object. Blocks that do not parse even
 * after repair are skipped — structured data is a hint, never a reason to fail.
 */
export function readJsonLd(document: MinimalDocument): JsonLdObject[] {
  const objects: JsonLdObject[] = [];
  for (const script of document.querySelectorAll('script')) {
    const type = (script.getAttribute('type') ?? '').trim().toLowerCase();
    if (!type.startsWith('application/ld+json')) continue;
    const parsed = parseLenient(script.textContent ?? '');
    if (parsed !== undefined) collect(parsed, objects, 0);
  }
  return objects;
}

/** The objects that describe an article (NewsArticle, BlogPosting, …), in page order. */
export function findArticleObjects(objects: readonly JsonLdObject[]): JsonLdObject[] {
  return objects.filter((object) => typesOf(object).some((type) => articleTypePattern.test(type)));
}

function typesOf(object: JsonLdObject): string[] {
  const type = object['@type'];
  if (typeof type === 'string') return [stripVocabulary(type)];
  if (Array.isArray(type)) return type.filter((item) => typeof item === 'string').map(stripVocabulary);
  return [];
}

function stripVocabulary(type: string): string {
  // `http://schema.org/NewsArticle` and `schema:NewsArticle` name the same type.
  return type.replace(/^(?:https?:\/\/schema\.org\/|schema:)/, '');
}

function collect(value: unknown, into: JsonLdObject[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, into, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  into.push(value);
  const graph = value['@graph'];
  if (graph !== undefined) collect(graph, into, depth + 1);
  // An article is sometimes the page's `mainEntity` rather than a top-level item.
  const mainEntity = value['mainEntity'];
  if (isObject(mainEntity) || Array.isArray(mainEntity)) collect(mainEntity, into, depth + 1);
}

export function isObject(value: unknown): value is JsonLdObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * JSON.parse, then once more after the two faults pages commonly ship:
 * raw control characters (newlines, tabs) inside strings, and CDATA or
 * HTML-comment wrappers around the block.
 */
function parseLenient(text: string): unknown {
  const trimmed = text
    .trim()
    .replace(/^(?:<!\[CDATA\[|<!--)\s*/, '')
    .replace(/\s*(?:\]\]>|-->)$/, '')
    .replace(/;\s*$/, '');
  if (trimmed === '') return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    try {
      return JSON.parse(escapeControlCharacters(trimmed)) as unknown;
    } catch {
      return undefined;
    }
  }
}

/** Escapes control characters that appear inside JSON strings (invalid JSON that browsers' authors never notice). */
function escapeControlCharacters(text: string): string {
  let result = '';
  let inString = false;
  let escaped = false;
  for (const character of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (character === '\\') escaped = true;
      else if (character === '"') inString = false;
      else if (character < ' ') {
        result += character === '\n' ? '\\n' : character === '\t' ? '\\t' : character === '\r' ? '' : ' ';
        continue;
      }
    } else if (character === '"') inString = true;
    result += character;
  }
  return result;
}
