import { useEffect, useId, useRef, useState } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import type { Topic } from '../../../electron/shared/model.ts';
import { useDebouncedValue } from '../hooks/useDebouncedValue.ts';
import { useResult } from '../hooks/useResult.ts';
import { plainMessage } from '../plainMessage.ts';
import { plural } from '../plural.ts';
import { Alert } from './Alert.tsx';

/** What the editor starts from: an existing topic, or a new one (perhaps from the current search). */
export type TopicDraft =
  { readonly kind: 'edit'; readonly topic: Topic } | { readonly kind: 'new'; readonly query: string };

export interface TopicEditorProps {
  readonly client: OffprintApi;
  readonly draft: TopicDraft;
  /** Called with the saved topic, or null when it was deleted or the editor was closed. */
  readonly onClose: (saved: Topic | null) => void;
}

const PREVIEW_DELAY_MS = 250;

/**
 * A modal form for a topic: its name, its rule in the search language, and
 * whether new matches notify. While the rule is typed, a live preview says
 * how many stored articles it matches and shows the newest few — exactly
 * what saving will file under the topic.
 */
export function TopicEditor({ client, draft, onClose }: TopicEditorProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const nameId = useId();
  const queryId = useId();
  const previewId = useId();
  const editing = draft.kind === 'edit' ? draft.topic : null;
  const [name, setName] = useState(editing?.name ?? '');
  const [query, setQuery] = useState(editing?.query ?? (draft.kind === 'new' ? draft.query : ''));
  const [notify, setNotify] = useState(editing?.notify ?? false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
  }, []);

  const rule = useDebouncedValue(query.trim(), PREVIEW_DELAY_MS);
  const preview = useResult(rule === '' ? null : `preview ${rule}`, () =>
    client.topics.preview({ query: rule, limit: 5 }),
  );

  async function save(): Promise<void> {
    setBusy(true);
    setError(null);
    const request = { name: name.trim(), query: query.trim(), notify };
    const result =
      editing === null
        ? await client.topics.create(request)
        : await client.topics.update({ id: editing.id, ...request });
    setBusy(false);
    if (result.ok) onClose(result.value);
    else setError(plainMessage(result.error.message));
  }

  async function remove(): Promise<void> {
    if (editing === null) return;
    if (!window.confirm(`Delete the topic “${editing.name}”? Its articles stay in the library.`)) return;
    setBusy(true);
    const result = await client.topics.delete({ id: editing.id });
    setBusy(false);
    if (result.ok) onClose(null);
    else setError(plainMessage(result.error.message));
  }

  return (
    <dialog
      ref={dialogRef}
      className="topic-editor"
      aria-labelledby={`${nameId}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onClose(null);
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h2 id={`${nameId}-title`}>{editing === null ? 'New topic' : `Edit topic`}</h2>
        <label htmlFor={nameId}>Name</label>
        <input
          id={nameId}
          value={name}
          required
          maxLength={200}
          placeholder="Rare earths"
          onChange={(event) => {
            setName(event.target.value);
          }}
        />
        <label htmlFor={queryId}>Rule</label>
        <textarea
          id={queryId}
          value={query}
          required
          rows={3}
          maxLength={2000}
          aria-describedby={previewId}
          placeholder={'"rare earth" OR neodymium OR gallium'}
          onChange={(event) => {
            setQuery(event.target.value);
          }}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={notify}
            onChange={(event) => {
              setNotify(event.target.checked);
            }}
          />
          Notify me about new matches
        </label>
        <div id={previewId} className="topic-preview" aria-live="polite">
          {rule === '' && <p className="hint">Type a rule in the search language to see what it matches.</p>}
          {rule !== '' && preview.status === 'loading' && <p className="hint">Counting matches…</p>}
          {rule !== '' && preview.status === 'failed' && <p className="error">{plainMessage(preview.message)}</p>}
          {rule !== '' && preview.status === 'ready' && (
            <>
              <p className="topic-preview-count">Matches {plural(preview.value.total, 'article')} in the library</p>
              {preview.value.problems.map((problem) => (
                <p key={problem} className="hint">
                  {problem}
                </p>
              ))}
              {preview.value.sample.length > 0 && (
                <ul className="topic-preview-sample">
                  {preview.value.sample.map((article) => (
                    <li key={article.id}>{article.title}</li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
        <Alert message={error} />
        <div className="dialog-actions">
          {editing !== null && (
            <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
              Delete topic
            </button>
          )}
          <span className="spacer" />
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              onClose(null);
            }}
          >
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || name.trim() === '' || query.trim() === ''}>
            {editing === null ? 'Save topic' : 'Save changes'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
