import { resolve } from 'node:path';
import type { RequestOf } from '../shared/contract.ts';
import type { CitationExport, ExportProgress, ExportReport } from '../shared/model.ts';

/** `offprint export`'s own options (the selection flags --saved and --topic are shared with other commands). */
export interface ExportValues {
  readonly saved?: boolean;
  readonly topic?: readonly string[];
  readonly ids?: string;
  readonly query?: string;
  readonly title?: string;
  readonly author?: string;
  readonly paper?: string;
  readonly margins?: string;
  readonly pdf?: string;
  readonly 'per-article'?: string;
  readonly html?: string;
  readonly markdown?: string;
  readonly bibtex?: string;
  readonly ris?: string;
  readonly 'csl-json'?: string;
}

export const EXPORT_USAGE = `Export
  export --pdf FILE [--saved | --topic ID | --ids a,b | --query "..."] [--title TEXT] [--author TEXT]
         [--paper a4|letter] [--margins narrow|normal|wide]
                                    a PDF brief: cover, contents with page numbers, each article with its
                                    images, highlights and notes, and the sources
  export --per-article DIR [selection]  one PDF per article, named "date title — source.pdf"
  export --html FILE [selection]    one self-contained HTML file, images inlined
  export --markdown DIR [selection] Markdown files with front matter (and their images) for notes apps
  export --bibtex FILE | --ris FILE | --csl-json FILE [selection]
                                    citations; FILE "-" prints them
                                    (no selection: the saved list)`;

/** A usage mistake in the export options, said in words. */
export class ExportUsageError extends Error {}

/** What to export: exactly one of --saved, --topic, --ids, --query; the saved list when none is given. */
export function exportSelection(values: ExportValues): RequestOf<'export:pdf'>['selection'] {
  const given = [
    values.saved === true,
    (values.topic?.length ?? 0) > 0,
    values.ids !== undefined,
    values.query !== undefined,
  ].filter(Boolean).length;
  if (given > 1) throw new ExportUsageError('export: give one of --saved, --topic, --ids or --query');
  if ((values.topic?.length ?? 0) > 1) throw new ExportUsageError('export: one --topic at a time');
  const topic = values.topic?.[0];
  if (topic !== undefined) {
    if (!/^\d+$/.test(topic))
      throw new ExportUsageError(`export: --topic must be a topic id, got ${JSON.stringify(topic)}`);
    return { kind: 'topic', topicId: Number(topic) };
  }
  if (values.ids !== undefined) {
    const ids = values.ids
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    if (ids.length === 0) throw new ExportUsageError('export: --ids needs at least one article id');
    return { kind: 'ids', ids };
  }
  if (values.query !== undefined) return { kind: 'search', query: values.query };
  return { kind: 'saved' };
}

function choice<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ExportUsageError(`export: ${flag} must be ${allowed.join(' or ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

export type ExportCall =
  | { readonly name: 'export:pdf'; readonly request: RequestOf<'export:pdf'> }
  | { readonly name: 'export:html'; readonly request: RequestOf<'export:html'> }
  | { readonly name: 'export:markdown'; readonly request: RequestOf<'export:markdown'> }
  | { readonly name: 'export:citations'; readonly request: RequestOf<'export:citations'> };

/** The one contract call `offprint export …` makes; paths are made absolute against the working directory. */
export function exportCall(values: ExportValues): ExportCall {
  const targets = (['pdf', 'per-article', 'html', 'markdown', 'bibtex', 'ris', 'csl-json'] as const).filter(
    (flag) => values[flag] !== undefined,
  );
  if (targets.length !== 1) {
    throw new ExportUsageError(
      'export: give exactly one of --pdf FILE, --per-article DIR, --html FILE, --markdown DIR, --bibtex FILE, --ris FILE, --csl-json FILE',
    );
  }
  const target = targets[0] ?? 'pdf';
  const path = values[target] ?? '';
  const selection = exportSelection(values);
  const title = values.title === undefined ? {} : { title: values.title };
  switch (target) {
    case 'pdf':
    case 'per-article': {
      const paper = choice(values.paper, ['a4', 'letter'], '--paper');
      const margins = choice(values.margins, ['narrow', 'normal', 'wide'], '--margins');
      return {
        name: 'export:pdf',
        request: {
          selection,
          ...title,
          ...(values.author === undefined ? {} : { author: values.author }),
          ...(paper === undefined ? {} : { paper }),
          ...(margins === undefined ? {} : { margins }),
          perArticle: target === 'per-article',
          destination: resolve(path),
        },
      };
    }
    case 'html':
      return { name: 'export:html', request: { selection, ...title, destination: resolve(path) } };
    case 'markdown':
      return { name: 'export:markdown', request: { selection, perArticle: true, destination: resolve(path) } };
    case 'bibtex':
    case 'ris':
    case 'csl-json':
      return {
        name: 'export:citations',
        request: { selection, format: target, ...(path === '-' ? {} : { destination: resolve(path) }) },
      };
  }
}

export function formatExportReport(report: ExportReport): string {
  if (report.cancelled) return 'Export stopped; nothing was written.';
  const lines = [
    `Exported ${report.articles} ${report.articles === 1 ? 'article' : 'articles'} (${report.format})` +
      (report.pages === null ? '' : `, ${report.pages} pages`) +
      ` in ${(report.durationMs / 1000).toFixed(1)} s:`,
    ...report.files.map((file) => `  ${file}`),
  ];
  for (const url of report.refused) lines.push(`  refused (the brief asked for it; nothing was fetched): ${url}`);
  for (const note of report.missingImages) {
    lines.push(
      `  ${note.missing} ${note.missing === 1 ? 'image' : 'images'} not on disk, printed as a placeholder: ${note.title}`,
    );
  }
  return lines.join('\n');
}

export function formatCitations(result: CitationExport): string {
  return result.file === null
    ? result.text.trimEnd()
    : `Wrote ${result.articles} citations (${result.format}) to ${result.file}`;
}

export function formatExportProgress(progress: ExportProgress): string {
  return `export: ${progress.phase} ${progress.done}/${progress.total}`;
}
