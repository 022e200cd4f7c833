import { Parser } from 'htmlparser2';
import { contentTypeEssence, parseImageContentType } from './ImageType.ts';
import { isBeaconUrl } from './isBeaconUrl.ts';
import { DEFAULT_MAX_CANDIDATE_WIDTH, parseSrcset, selectSrcsetCandidate } from './selectSrcsetCandidate.ts';
import type { SrcsetCandidate } from './selectSrcsetCandidate.ts';

/** A range of the source HTML, end exclusive. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

export interface ArticleImage {
  /** The tag that becomes the cached image or its placeholder: the `<img>`, or a `<picture>`'s first `<source>` when it has no `<img>`. */
  readonly span: TextSpan;
  /** The `<picture>`'s `<source>` tags, which go away (each names remote candidates). */
  readonly removals: readonly TextSpan[];
  /** The `<img>` attributes, names lower-cased, entities decoded, first occurrence winning (as browsers do). */
  readonly attributes: Readonly<Record<string, string>>;
  /** Absolute http(s) URLs to try, best first: the chosen srcset candidate, then the lazy-loading and plain sources. */
  readonly candidates: readonly string[];
  /** Why the image is a tracking pixel and is dropped, or null. */
  readonly tracking: 'pixel-size' | 'beacon' | null;
  /** Whether width or height says 2 px or more: then even a 1×1 file is content (a stretched colour block). */
  readonly sized: boolean;
}

export interface ArticleImageScan {
  readonly images: readonly ArticleImage[];
  /** Where well-formed HTML ends: an unterminated tag after it (`<img src="…` at the very end) is dropped, as browsers do. */
  readonly end: number;
}

export interface FindArticleImagesOptions {
  readonly maxCandidateWidth?: number;
}

interface TagToken {
  readonly span: TextSpan;
  readonly attributes: Record<string, string>;
}

interface OpenPicture {
  readonly sources: TagToken[];
  image: TagToken | null;
}

/** Lazy-loading attributes hold the real image while `src` holds a placeholder, so they are tried first. */
const LAZY_SOURCES = ['data-src', 'data-lazy-src', 'data-original'] as const;
const SRCSET_ATTRIBUTES = ['srcset', 'data-srcset'] as const;
const DIMENSION = /^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$/i;

/**
 * Finds the images of an article's HTML — `<img>` alone or inside
 * `<picture>` with its `<source srcset>` alternatives — with their source
 * spans, so the caller can splice replacements into the HTML and leave every
 * other byte alone. Tags inside script, style, textarea and comments are text,
 * not images, exactly as the HTML parser sees them.
 */
export function findArticleImages(
  html: string,
  baseUrl: string,
  options: FindArticleImagesOptions = {},
): ArticleImageScan {
  const maxWidth = options.maxCandidateWidth ?? DEFAULT_MAX_CANDIDATE_WIDTH;
  const images: ArticleImage[] = [];
  const pictures: OpenPicture[] = [];
  let end = 0;
  const consumed = (): void => {
    end = Math.max(end, parser.endIndex + 1);
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        consumed();
        const token: TagToken = { span: { start: parser.startIndex, end: parser.endIndex + 1 }, attributes };
        const picture = pictures.at(-1);
        if (name === 'picture') {
          pictures.push({ sources: [], image: null });
        } else if (name === 'source' && picture !== undefined) {
          picture.sources.push(token);
        } else if (name === 'img') {
          if (picture !== undefined && picture.image === null) picture.image = token;
          else images.push(describeImage(token, [], baseUrl, maxWidth));
        }
      },
      onclosetag(name, isImplied) {
        // Implied closes at the end of input carry the input's length, not a tag the parser read.
        if (!isImplied) consumed();
        if (name !== 'picture') return;
        const picture = pictures.pop();
        if (picture === undefined) return;
        const primary = picture.image ?? picture.sources[0];
        if (primary === undefined) return;
        images.push(describeImage(primary, picture.sources, baseUrl, maxWidth, picture.image !== null));
      },
      ontext: consumed,
      oncomment: consumed,
      oncommentend: consumed,
      oncdataend: consumed,
      onprocessinginstruction: consumed,
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  images.sort((left, right) => left.span.start - right.span.start);
  // Only a start tag the parser never reported is cut; stray end tags after the last event are harmless and stay.
  const unterminated = /<[a-z]/i.test(html.slice(end));
  return { images, end: unterminated ? Math.min(end, html.length) : html.length };
}

function describeImage(
  primary: TagToken,
  sources: readonly TagToken[],
  baseUrl: string,
  maxWidth: number,
  primaryIsImage = true,
): ArticleImage {
  const attributes = primaryIsImage ? primary.attributes : {};
  const width = parseDimension(attributes['width']);
  const height = parseDimension(attributes['height']);
  const removals = sources.filter((source) => source !== primary).map((source) => source.span);
  const base = { span: primary.span, removals, attributes };
  if ((width !== null && width <= 1) || (height !== null && height <= 1)) {
    return { ...base, candidates: [], tracking: 'pixel-size', sized: false };
  }
  const pool: SrcsetCandidate[] = [];
  for (const source of sources) {
    // A <source type> the cache would refuse anyway (SVG, JPEG XL) is not worth a request.
    const type = source.attributes['type'];
    if (type !== undefined && contentTypeEssence(type) !== '' && parseImageContentType(type) === null) continue;
    pool.push(...resolvedSrcset(source.attributes['srcset'], baseUrl));
  }
  for (const name of SRCSET_ATTRIBUTES) pool.push(...resolvedSrcset(attributes[name], baseUrl));
  const chosen = selectSrcsetCandidate(pool, { maxWidth, widthHint: width });
  const plain = [...LAZY_SOURCES, 'src'].map((name) => resolveHttpUrl(attributes[name], baseUrl));
  const all = unique([chosen?.url ?? null, ...plain]);
  const candidates = all.filter((url) => !isBeaconUrl(new URL(url)));
  // The preferred source decides: a beacon first in line marks the element, whatever its fallbacks say.
  const first = all[0];
  const tracking = first !== undefined && candidates[0] !== first ? 'beacon' : null;
  const sized = (width !== null && width >= 2) || (height !== null && height >= 2);
  return { ...base, candidates: tracking === null ? candidates : [], tracking, sized };
}

function resolvedSrcset(value: string | undefined, baseUrl: string): SrcsetCandidate[] {
  if (value === undefined) return [];
  return parseSrcset(value).flatMap((candidate) => {
    const url = resolveHttpUrl(candidate.url, baseUrl);
    return url === null ? [] : [{ ...candidate, url }];
  });
}

/** An absolute http(s) URL without fragment, or null for data:, javascript:, blank and unparseable values. */
function resolveHttpUrl(value: string | undefined, baseUrl: string): string | null {
  if (value === undefined || value.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(value.trim(), baseUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  return url.href;
}

function parseDimension(value: string | undefined): number | null {
  const match = value === undefined ? null : DIMENSION.exec(value);
  return match?.[1] === undefined ? null : Number(match[1]);
}

function unique(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null))];
}
