import { normalizeFeedUrl, normalizeSiteUrl } from '../feeds/normalizeFeedUrl.ts';
import type { OpmlDocument, OpmlFeedEntry } from './OpmlDocument.ts';
import { OpmlError } from './OpmlError.ts';
import { scanOutlineTags } from './scanOutlineTags.ts';
import { tokenizeXml } from './tokenizeXml.ts';
import type { XmlEvent } from './XmlEvent.ts';

/**
 * Reads a subscription list. Well-formed OPML is read as XML; anything else
 * that still contains <opml> or <outline> tags is read tag by tag
 * (`recovered: true`), because a list exported by a careless tool is still
 * the user's list. Throws OpmlError only when there is no list at all.
 *
 * A feed is an <outline> with `xmlUrl` (any capitalisation), or one with
 * `url` whose type is rss or atom, or type link when the URL looks like a
 * feed. Every other outline that has children is a folder.
 */
export function parseOpml(text: string): OpmlDocument {
  // The type says string, but imports arrive over IPC and from disk: fail as OpmlError, never as TypeError.
  const input: unknown = text;
  if (typeof input !== 'string') {
    throw new OpmlError(
      'not-opml',
      `opml:parse: expected the file's text, got ${input === null ? 'null' : typeof input}`,
    );
  }
  // trim() also drops a byte-order mark.
  if (text.trim() === '') throw new OpmlError('empty', 'opml:parse: the file is empty');
  const lines = new LineIndex(text);

  const tokens = tokenizeXml(text);
  if (tokens.wellFormed) {
    const root = tokens.events.find((event) => event.kind === 'start');
    if (root === undefined || localName(root.name) !== 'opml') {
      throw notOpml(text, root === undefined ? null : root.name);
    }
    const read = readOutlines(tokens.events, lines);
    const notes: string[] = [];
    if (tokens.declaredEntities.length > 0) {
      const names = tokens.declaredEntities.slice(0, 5).join(', ');
      const more = tokens.declaredEntities.length > 5 ? ', …' : '';
      notes.push(
        `the DOCTYPE declares entities (${names}${more}); they were not expanded, so references to them appear as written`,
      );
    }
    return { ...read, problems: [...notes, ...read.problems], recovered: false };
  }

  const scan = scanOutlineTags(text);
  const hasOpml = scan.events.some(
    (event) => event.kind === 'start' && (localName(event.name) === 'opml' || localName(event.name) === 'outline'),
  );
  if (!hasOpml) throw notOpml(text, null);
  const read = readOutlines(scan.events, lines);
  const folders = new Set(read.outlines.map((entry) => entry.folder).filter((folder) => folder !== null));
  const feeds = read.outlines.length === 1 ? '1 feed was' : `${read.outlines.length} feeds were`;
  const inFolders = folders.size === 0 ? '' : ` in ${folders.size} ${folders.size === 1 ? 'folder' : 'folders'}`;
  const notes = [
    `the file is not well-formed XML (line ${lines.lineOf(tokens.offset)}, column ${lines.columnOf(tokens.offset)}: ` +
      `${tokens.reason}); it was read tag by tag instead and ${feeds} recovered${inFolders} — check the list`,
  ];
  notes.push(...findUnreadFeedUrls(text, scan.events, lines));
  if (scan.cutOffAt !== null) {
    notes.push(
      `line ${lines.lineOf(scan.cutOffAt)}: the file ends in the middle of a tag, so it looks cut off; ` +
        'everything before the cut was kept',
    );
  }
  return { ...read, problems: [...notes, ...read.problems], recovered: true };
}

/**
 * The safety net under recovery: an `xmlUrl=` in the text that the scanner
 * did not read as an attribute of its tag (swallowed by a value whose quotes
 * went wrong) is reported with its URL, so no feed disappears unmentioned.
 */
function findUnreadFeedUrls(text: string, events: readonly XmlEvent[], lines: LineIndex): string[] {
  const starts = events.filter((event) => event.kind === 'start');
  const notes: string[] = [];
  let index = 0;
  for (const match of text.matchAll(/\sxmlurl\s*=\s*(["']?)([^"'\s>]*)/gi)) {
    while (index + 1 < starts.length && (starts[index + 1]?.offset ?? 0) < match.index) index += 1;
    const tag = starts[index];
    const read =
      tag !== undefined &&
      tag.offset < match.index &&
      (tag.attributes.has('xmlurl') || tag.brokenAttributes.includes('xmlurl'));
    if (!read) {
      const line = lines.lineOf(match.index);
      notes.push(
        `line ${line}: an xmlUrl (${quote(match[2] ?? '')}) sits in a tag too damaged to read; that feed was not imported`,
      );
    }
  }
  return notes;
}

interface OutlineFrame {
  /** The name this outline gives its folder level; null for feeds and unnamed outlines. */
  readonly folderName: string | null;
  readonly isFeed: boolean;
  /** Reported only if the outline turns out to have no children (a leaf that is neither feed nor folder). */
  readonly problemIfLeaf: string | null;
  hasChildren: boolean;
}

interface Problem {
  readonly line: number;
  readonly message: string;
}

/** Builds the document from either event source; tolerates unbalanced outline tags. */
function readOutlines(events: readonly XmlEvent[], lines: LineIndex): Omit<OpmlDocument, 'recovered'> {
  const outlines: OpmlFeedEntry[] = [];
  const problems: Problem[] = [];
  const duplicates: string[] = [];
  const firstByKey = new Map<string, { readonly line: number; readonly folder: string | null }>();
  const frames: OutlineFrame[] = [];
  let inHead = false;
  let titleSeen = false;
  let titleParts: string[] | null = null;
  let title: string | null = null;

  const finishTitle = (): void => {
    if (titleParts !== null) title = clean(titleParts.join(''));
    titleParts = null;
  };
  const closeFrame = (frame: OutlineFrame, line: number): void => {
    if (!frame.hasChildren && frame.problemIfLeaf !== null) problems.push({ line, message: frame.problemIfLeaf });
  };
  const closeAll = (line: number): void => {
    for (let frame = frames.pop(); frame !== undefined; frame = frames.pop()) closeFrame(frame, line);
  };

  const addFeed = (
    raw: string,
    name: string | null,
    label: string,
    attributes: ReadonlyMap<string, string>,
    line: number,
  ) => {
    const check = normalizeFeedUrl(raw);
    if (!check.ok) {
      problems.push({
        line,
        message: `line ${line}: skipped ${label}: the feed URL ${quote(raw.trim())} ${check.reason}`,
      });
      return;
    }
    const folder = currentFolder(frames);
    const first = firstByKey.get(check.key);
    if (first !== undefined) {
      const where = first.folder === null ? '' : ` in ${quote(first.folder)}`;
      duplicates.push(
        `line ${line}: skipped ${label}: ${quote(check.url)} is already listed on line ${first.line}${where}`,
      );
      return;
    }
    const rawSite = attributes.get('htmlurl')?.trim() ?? '';
    const siteUrl = normalizeSiteUrl(rawSite);
    if (rawSite !== '' && siteUrl === null) {
      problems.push({
        line,
        message: `line ${line}: ignored the site URL of ${label}: ${quote(rawSite)} is not an absolute http or https URL`,
      });
    }
    firstByKey.set(check.key, { line, folder });
    outlines.push({ url: check.url, title: name, siteUrl, folder });
  };

  const openOutline = (event: Extract<XmlEvent, { kind: 'start' }>): void => {
    const { attributes } = event;
    const line = lines.lineOf(event.offset);
    const name = clean(attributes.get('title')) ?? clean(attributes.get('text'));
    const label = name === null ? 'an outline without a title' : quote(name);
    const type = (attributes.get('type') ?? '').trim().toLowerCase();
    const xmlUrl = attributes.get('xmlurl')?.trim();
    const url = attributes.get('url')?.trim();
    const parent = frames.at(-1);
    if (parent !== undefined) parent.hasChildren = true;

    let isFeed = false;
    let problemIfLeaf: string | null = null;
    const brokenUrl = ['xmlurl', 'url'].find((attribute) => event.brokenAttributes.includes(attribute));
    if (brokenUrl !== undefined && !xmlUrl) {
      isFeed = true;
      problems.push({
        line,
        message: `line ${line}: skipped ${label}: its ${brokenUrl === 'xmlurl' ? 'xmlUrl' : 'url'} value is cut off or lacks its closing quote`,
      });
    } else if (type === 'source' || type === 'include') {
      // Liferea's type="source" and OPML 2.0's type="include" point at other lists, even when they carry xmlUrl.
      const target = xmlUrl || url;
      if (target) {
        problems.push({
          line,
          message: `line ${line}: skipped ${label}: it refers to another subscription list (${quote(target)}), which is not imported`,
        });
      }
    } else if (xmlUrl) {
      isFeed = true;
      addFeed(xmlUrl, name, label, attributes, line);
    } else if (url && (type === 'rss' || type === 'atom' || (type === 'link' && looksLikeFeedUrl(url)))) {
      isFeed = true;
      addFeed(url, name, label, attributes, line);
    } else if (url && type === 'link') {
      const what = /\.opml(?:[?#]|$)/i.test(url) ? 'another subscription list' : 'a web page, not a feed';
      problems.push({ line, message: `line ${line}: skipped ${label}: it links to ${what} (${quote(url)})` });
    } else if (xmlUrl === '') {
      problemIfLeaf = `line ${line}: skipped ${label}: its feed URL (xmlUrl) is empty`;
    } else {
      const siteUrl = attributes.get('htmlurl')?.trim();
      if (siteUrl)
        problemIfLeaf = `line ${line}: skipped ${label}: it has a site URL (${quote(siteUrl)}) but no feed URL`;
    }

    const frame: OutlineFrame = { folderName: isFeed ? null : name, isFeed, problemIfLeaf, hasChildren: false };
    if (event.selfClosing) closeFrame(frame, line);
    else frames.push(frame);
  };

  for (const event of events) {
    if (event.kind === 'text') {
      titleParts?.push(event.value);
      continue;
    }
    const element = localName(event.name);
    const line = lines.lineOf(event.offset);
    if (event.kind === 'end') {
      if (element === 'title') finishTitle();
      else if (element === 'head') inHead = false;
      else if (element === 'body' || element === 'opml') closeAll(line);
      else if (element === 'outline') {
        const frame = frames.pop();
        if (frame !== undefined) closeFrame(frame, line);
      }
      continue;
    }
    // A start tag ends a title that was never closed (recovered files only).
    finishTitle();
    if (element === 'head') {
      inHead = !event.selfClosing;
    } else if (element === 'body' || element === 'opml') {
      // A second <opml> or <body> (pasted-together documents) starts again at the top level.
      inHead = false;
      closeAll(line);
    } else if (element === 'title' && inHead && !titleSeen && frames.length === 0) {
      titleSeen = true;
      if (!event.selfClosing) titleParts = [];
    } else if (element === 'outline') {
      openOutline(event);
    }
  }
  finishTitle();
  closeAll(lines.lineCount);

  const sorted = problems
    .map((problem, index) => ({ problem, index }))
    .sort((left, right) => left.problem.line - right.problem.line || left.index - right.index)
    .map(({ problem }) => problem.message);
  if (outlines.length === 0 && duplicates.length === 0) sorted.unshift('the list contains no feeds');
  return { title, outlines, problems: sorted, duplicates };
}

function currentFolder(frames: readonly OutlineFrame[]): string | null {
  const names = frames.filter((frame) => !frame.isFeed && frame.folderName !== null).map((frame) => frame.folderName);
  return names.length === 0 ? null : names.join(' / ');
}

/**
 * For type="link" outlines, which some tools (WordPress) use for feeds and
 * others for web pages and other lists: accept only URLs shaped like a feed.
 */
function looksLikeFeedUrl(url: string): boolean {
  const path = url.replace(/[?#].*$/, '').toLowerCase();
  if (path.endsWith('.opml')) return false;
  if (/\.(?:rss|atom|rdf|xml)$/.test(path) || /\/(?:feeds?|rss|atom)(?:\/|\.[a-z]+)?$/.test(path)) return true;
  return /[?&](?:feed|format|type)=(?:rss|atom|feed)\b/i.test(url);
}

/** Element name without its namespace prefix, lower-cased: lists in the wild write <outline>, <Outline>, <opml:outline>. */
function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1).toLowerCase();
}

/** Display text: control characters dropped, whitespace runs collapsed, trimmed; null when nothing is left. */
function clean(value: string | undefined): string | null {
  if (value === undefined) return null;
  const cleaned = value
    // eslint-disable-next-line no-control-regex -- finding control characters is the point here.
    .replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned === '' ? null : cleaned;
}

/** A value quoted for a message, cut to a readable length, control characters escaped. */
function quote(value: string): string {
  return JSON.stringify(value.length > 120 ? `${value.slice(0, 119)}…` : value);
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point here.
const binaryPattern = /[\u0000-\u0008\u000E-\u001F]/;

function notOpml(text: string, rootName: string | null): OpmlError {
  const head = text.slice(0, 4096);
  let detail: string;
  if (/<html[\s>]|<!doctype\s+html/i.test(head)) {
    detail = 'it is an HTML page (perhaps a site rather than its exported subscription list)';
  } else if (rootName !== null) {
    detail = `its root element is <${rootName}>, not <opml>`;
  } else if (binaryPattern.test(head)) {
    detail = 'it looks like binary data';
  } else {
    detail = `no <opml> or <outline> element in ${text.length} characters starting ${quote(text.trim().slice(0, 40))}`;
  }
  return new OpmlError('not-opml', `opml:parse: not an OPML file: ${detail}`);
}

/** Offsets to 1-based line and column numbers, for messages; built only when first asked. */
class LineIndex {
  readonly #text: string;
  #starts: number[] | null = null;

  constructor(text: string) {
    this.#text = text;
  }

  get lineCount(): number {
    return this.#lineStarts().length;
  }

  lineOf(offset: number): number {
    const starts = this.#lineStarts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }

  columnOf(offset: number): number {
    const starts = this.#lineStarts();
    return offset - (starts[this.lineOf(offset) - 1] ?? 0) + 1;
  }

  #lineStarts(): number[] {
    if (this.#starts === null) {
      const starts = [0];
      for (let index = this.#text.indexOf('\n'); index >= 0; index = this.#text.indexOf('\n', index + 1)) {
        starts.push(index + 1);
      }
      this.#starts = starts;
    }
    return this.#starts;
  }
}
