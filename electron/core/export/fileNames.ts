import type { ArticleSummary } from '../../shared/model.ts';
import { utcDay } from './exportDates.ts';

/** What a file name is made of: any article or summary (a summary has no site name; the feed's title stands in). */
export type ExportArticleLike = Pick<ArticleSummary, 'title' | 'publishedAt' | 'fetchedAt' | 'feedTitle'> & {
  readonly siteName?: string | null;
};

/** Short enough for every file system and for Windows paths of ordinary depth. */
const MAX_UNITS = 150;
/** ext4 and APFS allow 255 bytes a name; CJK titles reach that well before 150 UTF-16 units. */
const MAX_BYTES = 240;
/** A hostile or rambling source name must not crowd out the title. */
const MAX_SOURCE_UNITS = 40;
const FALLBACK = 'Untitled';
const SOURCE_SEPARATOR = ' — ';
const ELLIPSIS = '…';

/**
 * Characters some system refuses (`/` everywhere, the rest on Windows), each
 * with a readable stand-in. A colon before a space reads as a dash; one
 * inside a word (10:30) as a hyphen.
 */
const REPLACEMENTS: readonly (readonly [RegExp, string])[] = [
  [/:(?=\s)/g, ' -'],
  [/[/\\|:*]/g, '-'],
  [/"/g, "'"],
  [/</g, '‹'],
  [/>/g, '›'],
  [/\?/g, ''],
];

/**
 * Invisible characters that change how a name reads without showing: C0/C1
 * controls, bidirectional overrides and isolates (a name that ends in
 * "fdp.exe" but reads "exe.pdf"), zero-width spaces and joiners' lookalikes,
 * the byte-order mark and non-characters. The zero-width joiner stays: emoji
 * sequences need it.
 */
const INVISIBLE =
  /[\p{Cc}\u061c\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff]/gu;

/** Names Windows keeps for devices, with or without an extension (`CON`, `nul.txt`, `COM1 .pdf`). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(?=\s*(\.|$))/i;

const GRAPHEMES = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** UTF-8 length of `text` (well-formed: lone surrogates are gone by then). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

function fits(text: string, units: number, bytes: number): boolean {
  return text.length <= units && utf8Length(text) <= bytes;
}

/**
 * `text` cut to the budget at a grapheme boundary (never inside a surrogate
 * pair, an emoji sequence or a letter with its accents), at the last word
 * boundary when one is not too far back, with an ellipsis when cut.
 */
function truncate(text: string, units: number, bytes: number): string {
  if (fits(text, units, bytes)) return text;
  const room = { units: units - ELLIPSIS.length, bytes: bytes - utf8Length(ELLIPSIS) };
  let kept = '';
  for (const { segment } of GRAPHEMES.segment(text)) {
    if (!fits(kept + segment, room.units, room.bytes)) break;
    kept += segment;
  }
  const space = kept.lastIndexOf(' ');
  if (space >= kept.length * 0.6) kept = kept.slice(0, space);
  return `${kept.replace(/[\s.,;-]+$/, '')}${ELLIPSIS}`;
}

/** One part of a name (title, source) made safe: normalized, invisible characters gone, reserved ones replaced, white space folded. */
function cleanPart(text: string): string {
  // White space first: tabs and line breaks are control characters, but they separate words.
  let clean = text.toWellFormed().normalize('NFC').replace(/\s+/g, ' ').replace(INVISIBLE, '');
  for (const [pattern, replacement] of REPLACEMENTS) clean = clean.replace(pattern, replacement);
  return clean.replace(/\s+/g, ' ').trim();
}

/** `pdf`, `.md` → `.pdf`, `.md`; anything but a short run of letters and digits → no extension. */
function cleanExtension(extension: string): string {
  const bare = extension.replace(/^\./, '');
  return /^[A-Za-z0-9]{1,10}$/.test(bare) ? `.${bare}` : '';
}

/** The stem with no leading dots, spaces or dashes (hidden files, `../`, command-line options) and no trailing dots or spaces (Windows drops them). */
function trimStem(stem: string): string {
  return stem.replace(/^[\s.-]+/, '').replace(/[\s.]+$/, '');
}

/** Joins stem and extension, keeping clear of Windows device names (`CON.pdf` → `CON_.pdf`). */
function joinName(stem: string, extension: string): string {
  const safeStem = (trimStem(stem) || FALLBACK).replace(WINDOWS_RESERVED, '$1_');
  return `${safeStem}${extension}`;
}

/**
 * A file name for any text (a brief's title, say) that is safe on Windows,
 * macOS and Linux: see articleFileName for the rules. Never empty.
 */
export function safeFileName(stem: string, extension: string): string {
  const suffix = cleanExtension(extension);
  const clean = trimStem(cleanPart(stem)) || FALLBACK;
  return joinName(truncate(clean, MAX_UNITS - suffix.length, MAX_BYTES - utf8Length(suffix)), suffix);
}

/**
 * A readable file name for one exported article:
 * `2025-09-07 Magnet export curbs widen — Example Wire.pdf` (the published
 * day, else the fetched day, in UTC; the title; the site or feed). Safe on
 * Windows, macOS and Linux: NFC, no control or bidirectional characters,
 * `/ \ : * ? " < > |` replaced by look-alikes or dropped, white space folded,
 * no leading dots or trailing dots and spaces, no device names (CON, NUL,
 * COM1…), at most 150 UTF-16 units and 240 UTF-8 bytes (a long title is cut
 * at a grapheme, with an ellipsis), never empty ("Untitled").
 */
export function articleFileName(article: ExportArticleLike, extension: string): string {
  const suffix = cleanExtension(extension);
  const day = utcDay(article.publishedAt) ?? utcDay(article.fetchedAt);
  const prefix = day === null ? '' : `${day} `;
  const source = truncate(
    trimStem(cleanPart(article.siteName ?? article.feedTitle ?? '')),
    MAX_SOURCE_UNITS,
    MAX_BYTES,
  );
  const ending = source === '' ? suffix : `${SOURCE_SEPARATOR}${source}${suffix}`;
  const title = trimStem(cleanPart(article.title)) || FALLBACK;
  const fitted = truncate(
    title,
    MAX_UNITS - prefix.length - ending.length,
    MAX_BYTES - utf8Length(prefix) - utf8Length(ending),
  );
  return joinName(`${prefix}${fitted}${source === '' ? '' : `${SOURCE_SEPARATOR}${source}`}`, suffix);
}

/** Splits `name.ext` at its extension (a short run of letters and digits after the last dot), else the whole name. */
function splitExtension(name: string): { stem: string; extension: string } {
  const dot = name.lastIndexOf('.');
  if (dot > 0 && /^\.[A-Za-z0-9]{1,10}$/.test(name.slice(dot))) {
    return { stem: name.slice(0, dot), extension: name.slice(dot) };
  }
  return { stem: name, extension: '' };
}

/** How file systems that ignore case and Unicode normalization (Windows, macOS) compare names. */
function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/**
 * The names with repeats made distinct for a folder on any system: the first
 * keeps its name, later ones that equal it ignoring case get " (2)", " (3)"…
 * before the extension, skipping any name the list already holds.
 */
export function uniqueFileNames(names: readonly string[]): string[] {
  const given = new Set(names.map(nameKey));
  const taken = new Set<string>();
  return names.map((name) => {
    let unique = name;
    if (taken.has(nameKey(name))) {
      const { stem, extension } = splitExtension(name);
      for (let copy = 2; taken.has(nameKey(unique)) || given.has(nameKey(unique)); copy += 1) {
        unique = `${stem} (${copy})${extension}`;
      }
    }
    taken.add(nameKey(unique));
    return unique;
  });
}
