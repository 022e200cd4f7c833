import { Parser } from 'htmlparser2';
import { TEXT_BLOCK_ELEMENTS } from '../../shared/textBlockElements.ts';

const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'math']);

/**
 * Plain text of an HTML fragment, for search, word counts and snippets:
 * entities decoded, scripts and styles dropped, one line per block. Line
 * breaks in the source are formatting, not content (as in a browser), except
 * inside <pre>, where each one stays a line.
 */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  let skipping = 0;
  let preformatted = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (SKIPPED_TAGS.has(name)) skipping += 1;
        else if (TEXT_BLOCK_ELEMENTS.has(name)) parts.push('\n');
        if (name === 'pre') preformatted += 1;
      },
      onclosetag(name) {
        if (SKIPPED_TAGS.has(name)) skipping = Math.max(0, skipping - 1);
        else if (TEXT_BLOCK_ELEMENTS.has(name)) parts.push('\n');
        if (name === 'pre') preformatted = Math.max(0, preformatted - 1);
      },
      ontext(text) {
        if (skipping === 0) parts.push(preformatted > 0 ? text : text.replace(/[\t\n\r\f]+/g, ' '));
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}
