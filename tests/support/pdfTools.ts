import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/*
 * What a produced PDF says, read only with poppler-utils (pdfinfo, pdftotext,
 * pdfimages) and qpdf, never with the library that wrote it: a test of the
 * export must not share the exporter's view of the file.
 */

const run = promisify(execFile);
const OUTPUT_LIMIT = 64 * 1024 * 1024;

async function tool(command: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run(command, args, { maxBuffer: OUTPUT_LIMIT, env: { ...process.env, TZ: 'UTC' } });
    return stdout;
  } catch (error) {
    throw new Error(`pdfTools: ${command} ${args.join(' ')} failed`, { cause: error });
  }
}

/** `pdfinfo -isodates`: each field ("Title", "Pages", "Page size", "Tagged"…) as printed. */
export async function pdfInfo(file: string): Promise<Readonly<Record<string, string>>> {
  const fields: Record<string, string> = {};
  for (const line of (await tool('pdfinfo', ['-isodates', file])).split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trim();
  }
  return fields;
}

/** The page count `pdfinfo` reads. */
export async function pdfPages(file: string): Promise<number> {
  return Number((await pdfInfo(file))['Pages']);
}

/** `pdftotext -layout` of the whole file, or of pages `first`..`last` (from 1). */
export function pdfText(
  file: string,
  pages: { readonly first: number; readonly last?: number } | null = null,
): Promise<string> {
  const range = pages === null ? [] : ['-f', String(pages.first), '-l', String(pages.last ?? pages.first)];
  return tool('pdftotext', ['-layout', ...range, file, '-']);
}

export interface PdfImage {
  readonly page: number;
  readonly width: number;
  readonly height: number;
}

/** The images `pdfimages -list` finds (soft masks left out: they belong to an image already listed). */
export async function pdfImages(file: string): Promise<PdfImage[]> {
  const rows = (await tool('pdfimages', ['-list', file])).split('\n').slice(2);
  return rows.flatMap((row) => {
    const [page, , type, width, height] = row.trim().split(/\s+/);
    if (page === undefined || page === '' || type !== 'image') return [];
    return [{ page: Number(page), width: Number(width), height: Number(height) }];
  });
}

/** `qpdf --check`: its exit code (0 clean, 2 errors, 3 warnings) and what it printed. */
export async function qpdfCheck(file: string): Promise<{ readonly code: number; readonly output: string }> {
  try {
    const { stdout, stderr } = await run('qpdf', ['--check', file], { maxBuffer: OUTPUT_LIMIT });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

export interface PdfBookmark {
  readonly title: string;
  /** The page it opens, from 1 (qpdf's `destpageposfrom1`). */
  readonly page: number;
  readonly kids: readonly PdfBookmark[];
}

interface QpdfOutline {
  readonly title: string;
  readonly destpageposfrom1?: number;
  readonly kids: readonly QpdfOutline[];
}

function bookmarkOf(item: QpdfOutline): PdfBookmark {
  return { title: item.title, page: item.destpageposfrom1 ?? 0, kids: item.kids.map(bookmarkOf) };
}

/** The document outline as `qpdf --json --json-key=outlines` reads it. */
export async function pdfOutline(file: string): Promise<PdfBookmark[]> {
  const parsed = JSON.parse(await tool('qpdf', ['--json', '--json-key=outlines', file])) as {
    readonly outlines: readonly QpdfOutline[];
  };
  return parsed.outlines.map(bookmarkOf);
}
