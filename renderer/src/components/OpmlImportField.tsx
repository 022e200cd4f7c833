import { useId, useState } from 'react';
import { MAX_OPML_CHARS, type OffprintApi } from '../../../electron/shared/contract.ts';
import type { OpmlImportReport } from '../../../electron/shared/model.ts';
import { formatBytes } from '../formatBytes.ts';
import { plainMessage } from '../plainMessage.ts';
import { plural } from '../plural.ts';
import { Alert } from './Alert.tsx';

export interface OpmlImportFieldProps {
  readonly client: OffprintApi;
  /** At least one feed was added. */
  readonly onImported: (report: OpmlImportReport) => void;
}

/** Says why a file added nothing: every feed already there, or the file's own problems. */
function nothingAdded(fileName: string, report: OpmlImportReport): string {
  const parts = [`${fileName} added no feeds.`];
  if (report.duplicates.length > 0) parts.push(`${plural(report.duplicates.length, 'feed')} already subscribed.`);
  const [problem] = report.problems;
  if (problem !== undefined) parts.push(plainMessage(problem));
  return parts.join(' ');
}

/**
 * A file picker for an OPML export from another reader: the page reads the
 * file (the renderer has no file system) and hands its text to `opml:import`.
 */
export function OpmlImportField({ client, onImported }: OpmlImportFieldProps) {
  const inputId = useId();
  const [importing, setImporting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function importFile(file: File): Promise<void> {
    setError(null);
    if (file.size > MAX_OPML_CHARS) {
      setError(`${file.name} is too large for a list of feeds (${formatBytes(file.size)}).`);
      return;
    }
    setImporting(true);
    const result = await client.opml.import({ content: await file.text() });
    setImporting(false);
    if (!result.ok) setError(`Could not import ${file.name}. ${plainMessage(result.error.message)}`);
    else if (result.value.added.length === 0) setError(nothingAdded(file.name, result.value));
    else onImported(result.value);
  }

  return (
    <div className="opml-import">
      {/* The label is the visible button; the input stays in the tab order, hidden but focusable. */}
      <label htmlFor={inputId} className="file-button" aria-disabled={importing}>
        {importing ? 'Importing…' : 'Import an OPML file…'}
      </label>
      <input
        id={inputId}
        type="file"
        className="visually-hidden"
        accept=".opml,.xml,text/x-opml,text/xml,application/xml"
        disabled={importing}
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared so that choosing the same file again (after fixing it) imports it again.
          event.target.value = '';
          if (file !== undefined) void importFile(file);
        }}
      />
      <Alert message={error} />
    </div>
  );
}
