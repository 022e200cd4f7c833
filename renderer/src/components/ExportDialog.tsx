import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import type { Result } from '../../../electron/shared/errors.ts';
import type { CitationExport, ExportProgress, ExportReport, ExportSelection } from '../../../electron/shared/model.ts';
import { plainMessage } from '../plainMessage.ts';
import { plural } from '../plural.ts';
import { Alert } from './Alert.tsx';

/** One set of articles the dialog can export: "The 2 selected articles", "All 14 saved articles". */
export interface ExportScope {
  readonly label: string;
  readonly selection: ExportSelection;
  readonly count: number;
  /** The title a brief of them gets when none is typed (the library's own default). */
  readonly title: string;
}

export interface ExportDialogProps {
  readonly client: OffprintApi;
  /** What can be exported, the first chosen to begin with. */
  readonly scopes: readonly ExportScope[];
  readonly onClose: () => void;
}

type Choice = 'pdf' | 'pdf-each' | 'html' | 'markdown' | 'bibtex' | 'ris' | 'csl-json';

const CHOICES: readonly { readonly value: Choice; readonly label: string }[] = [
  { value: 'pdf', label: 'PDF brief (cover, contents, one article a page)' },
  { value: 'pdf-each', label: 'PDF, one file per article' },
  { value: 'html', label: 'HTML, one self-contained file' },
  { value: 'markdown', label: 'Markdown files, for notes apps' },
  { value: 'bibtex', label: 'BibTeX citations' },
  { value: 'ris', label: 'RIS citations' },
  { value: 'csl-json', label: 'CSL-JSON citations' },
];

type Outcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly progress: ExportProgress | null }
  | { readonly kind: 'done'; readonly report: ExportReport | CitationExport }
  | { readonly kind: 'failed'; readonly message: string };

const PHASE_WORDS: Readonly<Record<string, string>> = {
  composing: 'Preparing articles',
  printing: 'Printing',
  numbering: 'Numbering the contents',
  finishing: 'Finishing',
  writing: 'Writing files',
  images: 'Copying images',
};

function progressLine(progress: ExportProgress | null): string {
  if (progress === null) return 'Starting…';
  return `${PHASE_WORDS[progress.phase] ?? progress.phase} ${progress.done} of ${progress.total}`;
}

function exportOnce(
  client: OffprintApi,
  choice: Choice,
  selection: ExportSelection,
  title: string,
  paper: 'a4' | 'letter',
): Promise<Result<ExportReport | CitationExport>> {
  const named = title.trim() === '' ? {} : { title: title.trim() };
  const chosen = {
    selection: selection.kind === 'ids' ? { kind: 'ids' as const, ids: [...selection.ids] } : selection,
  };
  switch (choice) {
    case 'pdf':
    case 'pdf-each':
      return client.export.pdf({ ...chosen, ...named, paper, perArticle: choice === 'pdf-each' });
    case 'html':
      return client.export.html({ ...chosen, ...named });
    case 'markdown':
      return client.export.markdown({ ...chosen });
    case 'bibtex':
    case 'ris':
    case 'csl-json':
      return client.export.citations({ ...chosen, format: choice });
  }
}

function isCitations(report: ExportReport | CitationExport): report is CitationExport {
  return 'text' in report;
}

/**
 * "Export…": what (the selection, the saved list, a topic), the format, a
 * title and paper for PDFs; then progress with Cancel, and where the files
 * went, or why nothing was written.
 */
export function ExportDialog({ client, scopes, onClose }: ExportDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [scopeIndex, setScopeIndex] = useState(0);
  const [choice, setChoice] = useState<Choice>('pdf');
  const [title, setTitle] = useState('');
  const [paper, setPaper] = useState<'a4' | 'letter'>('a4');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
  }, []);

  useEffect(
    () =>
      client.on('export:progress', (progress) => {
        setOutcome((current) => (current.kind === 'running' ? { kind: 'running', progress } : current));
      }),
    [client],
  );

  const scope = scopes[scopeIndex] ?? scopes[0];
  const count = scope?.count ?? 0;
  const isPdf = choice === 'pdf' || choice === 'pdf-each';
  const running = outcome.kind === 'running';

  async function start(event: SyntheticEvent): Promise<void> {
    event.preventDefault();
    if (scope === undefined) return;
    setOutcome({ kind: 'running', progress: null });
    const result = await exportOnce(client, choice, scope.selection, title, paper);
    setOutcome(
      result.ok
        ? { kind: 'done', report: result.value }
        : { kind: 'failed', message: plainMessage(result.error.message) },
    );
  }

  return (
    <dialog ref={dialogRef} className="export-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>Export articles</h2>
      <form onSubmit={(event) => void start(event)}>
        <fieldset disabled={running}>
          <legend>Articles</legend>
          {scopes.map((option, index) => (
            <label key={option.label}>
              <input
                type="radio"
                name="export-scope"
                checked={index === scopeIndex}
                onChange={() => {
                  setScopeIndex(index);
                }}
              />{' '}
              {option.label}
            </label>
          ))}
        </fieldset>
        <fieldset disabled={running}>
          <legend>Format</legend>
          <label>
            Format{' '}
            <select
              value={choice}
              onChange={(event) => {
                setChoice(event.target.value as Choice);
              }}
            >
              {CHOICES.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
          {(isPdf || choice === 'html') && (
            <label>
              Title{' '}
              <input
                type="text"
                value={title}
                placeholder={scope?.title ?? ''}
                maxLength={300}
                onChange={(event) => {
                  setTitle(event.target.value);
                }}
              />
            </label>
          )}
          {isPdf && (
            <label>
              Paper{' '}
              <select
                value={paper}
                onChange={(event) => {
                  setPaper(event.target.value === 'letter' ? 'letter' : 'a4');
                }}
              >
                <option value="a4">A4</option>
                <option value="letter">Letter</option>
              </select>
            </label>
          )}
        </fieldset>
        <div role="status" aria-label="Export progress" className="export-status">
          {running && progressLine(outcome.progress)}
          {outcome.kind === 'done' && <ExportDone report={outcome.report} />}
        </div>
        <Alert message={outcome.kind === 'failed' ? `Nothing was exported. ${outcome.message}` : null} />
        <div className="dialog-actions">
          {running ? (
            <button
              type="button"
              onClick={() => {
                void client.export.cancel({});
              }}
            >
              Cancel export
            </button>
          ) : (
            <button type="submit" className="primary" disabled={count === 0}>
              Export {plural(count, 'article')}
            </button>
          )}
          <span className="spacer" />
          <button
            type="button"
            disabled={running}
            onClick={() => {
              dialogRef.current?.close();
            }}
          >
            Close
          </button>
        </div>
      </form>
    </dialog>
  );
}

function ExportDone({ report }: { readonly report: ExportReport | CitationExport }) {
  if (isCitations(report)) {
    return (
      <p>
        {plural(report.articles, 'citation')} written{report.file === null ? '.' : ` to ${report.file}.`}
      </p>
    );
  }
  if (report.cancelled) return <p>Export stopped; nothing was written.</p>;
  return (
    <>
      <p>
        Exported {plural(report.articles, 'article')}
        {report.pages === null ? '' : ` (${plural(report.pages, 'page')})`} to:
      </p>
      <ul className="export-files">
        {report.files.map((file) => (
          <li key={file}>
            <code>{file}</code>
          </li>
        ))}
      </ul>
      {report.missingImages.length > 0 && (
        <>
          <p>Printed with placeholders for images that are not on disk:</p>
          <ul>
            {report.missingImages.map((note) => (
              <li key={note.articleId}>
                {note.title}: {plural(note.missing, 'image')}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
