export interface OpmlExportFeed {
  readonly url: string;
  readonly title: string;
  readonly siteUrl: string | null;
  /** Folder path, levels separated by " / " (as parseOpml produces); null at top level. */
  readonly folder: string | null;
}

export interface OpmlExportOptions {
  /** The list's name, written to <head><title>. */
  readonly title: string;
  readonly dateCreated: Date;
}

interface FolderNode {
  readonly name: string;
  /** Sub-folders and feeds in order of first appearance, so the export keeps the library's order. */
  readonly children: (FolderNode | OpmlExportFeed)[];
  readonly folders: Map<string, FolderNode>;
}

/**
 * Writes an OPML 2.0 subscription list: folders become nested outlines,
 * feeds are `type="rss"` outlines with `text` and `title` (readers differ on
 * which they show), `xmlUrl` and, when known, `htmlUrl`. parseOpml reads the
 * result back to the same feeds and folders, up to whitespace (runs collapse
 * to one space) and folder names containing " / " (read back as two levels).
 */
export function exportOpml(feeds: readonly OpmlExportFeed[], options: OpmlExportOptions): string {
  if (Number.isNaN(options.dateCreated.getTime())) {
    throw new RangeError(`opml:export: dateCreated is not a valid date (${String(options.dateCreated)})`);
  }
  const root: FolderNode = { name: '', children: [], folders: new Map() };
  for (const feed of feeds) {
    let node = root;
    for (const name of folderPath(feed.folder)) {
      let child = node.folders.get(name);
      if (child === undefined) {
        child = { name, children: [], folders: new Map() };
        node.folders.set(name, child);
        node.children.push(child);
      }
      node = child;
    }
    node.children.push(feed);
  }

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeText(options.title)}</title>`,
    // RFC 822 dates, as OPML 2.0 asks; toUTCString() writes exactly that form.
    `    <dateCreated>${options.dateCreated.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
  ];
  writeChildren(root, 2, lines);
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}

function writeChildren(node: FolderNode, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  for (const child of node.children) {
    if ('children' in child) {
      const name = escapeAttribute(child.name);
      lines.push(`${indent}<outline text="${name}" title="${name}">`);
      writeChildren(child, depth + 1, lines);
      lines.push(`${indent}</outline>`);
    } else {
      const title = escapeAttribute(child.title);
      const site =
        child.siteUrl === null || child.siteUrl.trim() === ''
          ? ''
          : ` htmlUrl="${escapeAttribute(child.siteUrl.trim())}"`;
      lines.push(
        `${indent}<outline type="rss" text="${title}" title="${title}" xmlUrl="${escapeAttribute(child.url.trim())}"${site}/>`,
      );
    }
  }
}

function folderPath(folder: string | null): string[] {
  if (folder === null) return [];
  return removeInvalidCharacters(folder)
    .replace(/\s+/g, ' ')
    .split(' / ')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/**
 * Characters XML 1.0 cannot carry at all (C0 controls other than tab and
 * line breaks, unpaired surrogates, U+FFFE/U+FFFF) plus the C1 controls,
 * which are legal but only ever mis-decoded bytes. Dropped, since escaping
 * them would still make the file unreadable to strict parsers.
 */
function removeInvalidCharacters(value: string): string {
  return value.replace(
    // eslint-disable-next-line no-control-regex -- finding control characters is the point here.
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '',
  );
}

function escapeText(value: string): string {
  return removeInvalidCharacters(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Tabs and line breaks become references: written raw, any XML reader would turn them into spaces. */
function escapeAttribute(value: string): string {
  return escapeText(value)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
