import { isWebAddress } from './isWebAddress.ts';

/** What a drop onto the window holds, as far as Offprint is concerned. */
export type DroppedItem =
  | { readonly kind: 'link'; readonly url: string }
  | { readonly kind: 'opml'; readonly file: File }
  | { readonly kind: 'page'; readonly file: File }
  | { readonly kind: 'several'; readonly count: number }
  | { readonly kind: 'other'; readonly description: string };

/** The part of a DataTransfer a drop is read from (a plain object in tests). */
export interface DropData {
  readonly files: ArrayLike<File>;
  readonly types: readonly string[];
  getData(format: string): string;
}

const OPML_FILE = /\.(opml|xml)$/i;
const PAGE_FILE = /\.(html?|xhtml)$/i;

/** The first address of a text/uri-list: one per line, `#` lines are comments. */
function firstListedUrl(list: string): string | null {
  const line = list.split(/\r?\n/).find((entry) => entry.trim() !== '' && !entry.startsWith('#'));
  return line === undefined ? null : line.trim();
}

/** True when a drag may carry something to take in: files, a link or text (the types are all a dragover shows). */
export function mayHoldDroppable(types: readonly string[]): boolean {
  return types.includes('Files') || types.includes('text/uri-list') || types.includes('text/plain');
}

/**
 * Sorts a drop: an http(s) link (a text/uri-list, or plain text that is one
 * address), an OPML file (.opml or .xml; the library checks its content), a
 * saved web page (.html, .htm), or something else, described for the
 * message. Files win over the text some sources add beside them.
 */
export function droppedItem(data: DropData): DroppedItem {
  const files = Array.from(data.files);
  if (files.length > 1) return { kind: 'several', count: files.length };
  const [file] = files;
  if (file !== undefined) {
    if (OPML_FILE.test(file.name)) return { kind: 'opml', file };
    if (PAGE_FILE.test(file.name) || file.type === 'text/html') return { kind: 'page', file };
    return { kind: 'other', description: file.name === '' ? 'a file' : file.name };
  }
  const listed = data.types.includes('text/uri-list') ? firstListedUrl(data.getData('text/uri-list')) : null;
  const text = data.types.includes('text/plain') ? data.getData('text/plain').trim() : '';
  const candidate = listed ?? text;
  if (candidate !== '' && !/\s/.test(candidate) && isWebAddress(candidate)) {
    return { kind: 'link', url: new URL(candidate).href };
  }
  if (listed !== null) return { kind: 'other', description: `a link that is not a web page (${listed.slice(0, 80)})` };
  return { kind: 'other', description: text === '' ? 'something with no link or file' : 'some text' };
}
