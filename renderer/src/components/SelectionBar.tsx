import { useState } from 'react';
import { MAX_PAGE_SIZE, type OffprintApi } from '../../../electron/shared/contract.ts';
import type { Selection } from '../hooks/useSelection.ts';
import { plainMessage } from '../plainMessage.ts';
import { Alert } from './Alert.tsx';
import { ExportButton } from './ExportButton.tsx';
import { allOf, plural } from '../plural.ts';

export interface SelectionBarProps {
  readonly client: OffprintApi;
  readonly selection: Selection;
  /** Rows in the list. */
  readonly total: number;
  /** Selects every row of the list (they may not all be in memory). */
  readonly onSelectAll: () => Promise<void>;
}

/** Actions on the selected articles of the saved list. */
export function SelectionBar({ client, selection, total, onSelectAll }: SelectionBarProps) {
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
          <button
            type="button"
            onClick={() =>
              void run(async () => {
                // One call takes at most a page of ids.
                for (let start = 0; start < ids.length; start += MAX_PAGE_SIZE) {
                  const result = await client.articles.markRead({
                    ids: ids.slice(start, start + MAX_PAGE_SIZE),
                    read: true,
                  });
                  if (!result.ok) return result;
                }
                return { ok: true };
              })
            }
          >
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
        total > 0 && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setError(null);
              onSelectAll().catch((failure: unknown) => {
                setError(plainMessage(failure instanceof Error ? failure.message : String(failure)));
              });
            }}
          >
            Select all
          </button>
        )
      )}
      {total > 0 && (
        <ExportButton
          client={client}
          scopes={[
            ...(count > 0
              ? [
                  {
                    label: count === 1 ? 'The selected article' : `The ${plural(count, 'selected article')}`,
                    selection: { kind: 'ids' as const, ids },
                    count,
                    title: count === 1 ? 'One article' : 'Selected articles',
                  },
                ]
              : []),
            {
              label: allOf(total, 'saved article'),
              selection: { kind: 'saved' },
              count: total,
              title: 'Saved articles',
            },
          ]}
        />
      )}
      <Alert message={error} />
    </div>
  );
}
