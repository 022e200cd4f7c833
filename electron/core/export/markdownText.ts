/**
 * Text made literal in Markdown (CommonMark, plus what GitHub and Obsidian
 * read into plain text: tables, strikethrough, #tags, $math$, ==marks==,
 * %%comments%%). Escaping is by backslash, which every reader drops.
 */

/** Anywhere in a line. `#` starts an Obsidian tag mid-line, `$` its math, `~` and `|` GitHub's strikethrough and tables. */
const INLINE_SPECIAL = /[\\`*_[\]<>#|~$]/g;
/** `&` only where it would start a character reference (`&amp;`, `&#38;`). */
const REFERENCE = /&(?=#?[A-Za-z0-9]+;)/g;
/** Pairs that only mean something doubled: Obsidian's ==mark== and %%comment%%. */
const DOUBLED = /([=%])(?=\1)/g;
/** What starts a block when it begins a line: a list item, a setext underline, a numbered item. */
const LINE_START = /^(\s*)([-+=]|\d{1,9}(?=[.)]))/;

/**
 * `text` escaped so Markdown shows it as written. `lineStart`: the text may
 * begin a line, where `-`, `+`, `=` and `1.` would start a list or a heading.
 */
export function escapeMarkdown(text: string, lineStart = true): string {
  let escaped = text.replace(INLINE_SPECIAL, '\\$&').replace(REFERENCE, '\\&').replace(DOUBLED, '\\$1');
  if (lineStart) {
    escaped = escaped.replace(LINE_START, (_match, space: string, marker: string) =>
      /^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
    );
  }
  return escaped;
}

/** The longest run of `character` in `text`. */
function longestRun(text: string, character: string): number {
  let longest = 0;
  let run = 0;
  for (const each of text) {
    run = each === character ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** Inline code: fenced by more backticks than it holds, padded when it starts or ends with one. */
export function codeSpan(code: string): string {
  const text = code.replace(/[\r\n]+/g, ' ');
  if (text.trim() === '') return '';
  const fence = '`'.repeat(longestRun(text, '`') + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block whose fence no line of the code can close. */
export function codeBlock(code: string): string {
  const fence = '`'.repeat(Math.max(3, longestRun(code, '`') + 1));
  return `${fence}\n${code.replace(/\r\n?/g, '\n').replace(/\n$/, '')}\n${fence}`;
}

/** A link or image destination: white space percent-encoded, brackets and backslashes escaped. */
export function linkDestination(url: string): string {
  return url.replace(/\s/g, (space) => encodeURIComponent(space)).replace(/[\\()<>]/g, '\\$&');
}

/** Every line of `markdown` behind `> `, blank lines as a bare `>`. */
export function quoteBlock(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
}
