import { useState } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import { plainMessage } from '../plainMessage.ts';

export interface CopyCitationButtonProps {
  readonly client: OffprintApi;
  readonly articleId: string;
}

type Outcome =
  { readonly kind: 'idle' } | { readonly kind: 'copied' } | { readonly kind: 'failed'; readonly message: string };

/** "Copy citation": the article as one plain citation line on the clipboard, and a word that it worked or why not. */
export function CopyCitationButton({ client, articleId }: CopyCitationButtonProps) {
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  async function copy(): Promise<void> {
    const result = await client.export.citations({ selection: { kind: 'ids', ids: [articleId] }, format: 'text' });
    if (!result.ok) {
      setOutcome({ kind: 'failed', message: plainMessage(result.error.message) });
      return;
    }
    try {
      await navigator.clipboard.writeText(result.value.text.trim());
      setOutcome({ kind: 'copied' });
    } catch {
      setOutcome({ kind: 'failed', message: 'The clipboard is not available here.' });
    }
  }

  return (
    <>
      <button type="button" onClick={() => void copy()}>
        Copy citation
      </button>
      <span role="status" className="copy-status">
        {outcome.kind === 'copied' ? 'Citation copied.' : ''}
      </span>
      {outcome.kind === 'failed' && (
        <span className="error" role="alert">
          {outcome.message}
        </span>
      )}
    </>
  );
}
