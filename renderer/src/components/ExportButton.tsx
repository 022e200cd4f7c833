import { useState } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import { ExportDialog, type ExportScope } from './ExportDialog.tsx';

export interface ExportButtonProps {
  readonly client: OffprintApi;
  /** What the dialog offers to export, the first chosen to begin with. */
  readonly scopes: readonly ExportScope[];
}

/** "Export…" and the dialog it opens. */
export function ExportButton({ client, scopes }: ExportButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="export-button"
        onClick={() => {
          setOpen(true);
        }}
      >
        Export…
      </button>
      {open && (
        <ExportDialog
          client={client}
          scopes={scopes}
          onClose={() => {
            setOpen(false);
          }}
        />
      )}
    </>
  );
}
