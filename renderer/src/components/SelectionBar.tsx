import { useState } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import type { Selection } from '../hooks/useSelection.ts';
import { plainMessage } from '../plainMessage.ts';
import { Alert } from './Alert.tsx';

export interface SelectionBarProps {
  readonly client: OffprintApi;
  readonly selection: Selection;
  /** Ids of the rows shown, in order (for "Select all"). */
  readonly visibleIds: readonly string[];
}

/** Actions on the selected articles of the saved list. */
export function SelectionBar({ client, selection, visibleIds }: SelectionBarProps) {
  const [error, setError] = useState<string | null>(null);
  const ids = [...selection.selected];
  const count = ids.length;

  async function run(action: () => Promise<{ ok: boolean; error?: { message: string } }>): Promise<void> {
    setError(null);
    const result = await action();
    if (!result.ok) setError(plainMessage(result.error?.message ?? 'The action failed.'));
    else selection.clear();
  }

  return (
    <div className="selection-bar" role="toolbar" aria-label="Selected articles">
      <span className="selection-count" aria-live="polite">
        {count === 0 ? 'Select articles to act on several at once' : `${count} selected`}
      </span>
      {count > 0 ? (
        <>
          <button type="button" onClick={() => void run(() => client.articles.markRead({ ids, read: true }))}>
            Mark read
          </button>
          <button
            type="button"
            onClick={() =>
              void run(async () => {
                for (const id of ids) {
                  const result = await client.articles.setSaved({ id, saved: false });
                  if (!result.ok) return result;
                }
                return { ok: true };
              })
            }
          >
            Unsave
          </button>
          <button type="button" className="link-button" onClick={selection.clear}>
            Clear
          </button>
        </>
      ) : (
        visibleIds.length > 0 && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              selection.selectAll(visibleIds);
            }}
          >
            Select all
          </button>
        )
      )}
      <Alert message={error} />
    </div>
  );
}
