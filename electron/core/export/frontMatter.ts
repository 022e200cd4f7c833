/** A front matter value: text, a list of texts, or an instant written as a YAML timestamp. */
export type FrontMatterValue = string | readonly string[] | { readonly instant: string };

/** Characters YAML does not allow in a stream (controls, non-characters; tab and line breaks are escaped before) and the line separators some readers break on. */
const UNPRINTABLE = /[\p{Cc}\u2028\u2029\ufeff\ufffe\uffff]/gu;

/** An ISO 8601 instant as the store writes it: safe to leave unquoted (YAML 1.1 readers take it as a timestamp, 1.2 as text). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `text` as a YAML double-quoted scalar: always quoted, so a title that
 * starts with `-`, `#`, `&`, `*`, `!`, `[`, `{` or a quote, holds `: ` or
 * ` #`, or reads as `yes`, `null` or a number stays text; escapes for
 * backslash, quote, line breaks and every unprintable character.
 */
export function yamlString(text: string): string {
  const escaped = text
    .toWellFormed()
    .replace(/[\\"]/g, '\\$&')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(UNPRINTABLE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${escaped}"`;
}

function yamlValue(value: FrontMatterValue): string {
  if (typeof value === 'string') return ` ${yamlString(value)}`;
  if ('instant' in value) return ` ${INSTANT.test(value.instant) ? value.instant : yamlString(value.instant)}`;
  return value.length === 0 ? ' []' : value.map((item) => `\n  - ${yamlString(item)}`).join('');
}

/**
 * YAML front matter between `---` lines, one field a line in the order
 * given; null fields are left out. Keys are the caller's own words
 * (`title`, `tags`), never article text.
 */
export function frontMatter(fields: readonly (readonly [string, FrontMatterValue | null])[]): string {
  const lines = fields.flatMap(([key, value]) => (value === null ? [] : [`${key}:${yamlValue(value)}`]));
  return `---\n${lines.join('\n')}\n---`;
}
