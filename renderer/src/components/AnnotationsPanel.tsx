import { useId, useState } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import type { Highlight, Note } from '../../../electron/shared/model.ts';
import { formatDate } from '../formatDate.ts';
import { plainMessage } from '../plainMessage.ts';
import { Alert } from './Alert.tsx';

export interface AnnotationsPanelProps {
  readonly client: OffprintApi;
  readonly articleId: string;
  readonly notes: readonly Note[];
  readonly highlights: readonly Highlight[];
  /** After any change: the article reloads. */
  readonly onChanged: () => void;
}

/**
 * Below the article: the user's highlights (lost ones — the article changed
 * and the passage is gone — are kept and said so) and notes, with a field to
 * add a note. Notes are markdown, shown as the text they are.
 */
export function AnnotationsPanel({ client, articleId, notes, highlights, onChanged }: AnnotationsPanelProps) {
  const noteFieldId = useId();
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: number; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function act(run: () => Promise<{ ok: boolean; error?: { message: string } }>): Promise<boolean> {
    setError(null);
    const result = await run();
    if (!result.ok) {
      setError(plainMessage(result.error?.message ?? 'That did not work.'));
      return false;
    }
    onChanged();
    return true;
  }

  return (
    <section className="annotations" aria-label="Highlights and notes">
      {highlights.length > 0 && (
        <>
          <h3 className="annotations-heading">Highlights</h3>
          <ul className="highlight-list">
            {highlights.map((highlight) => (
              <li key={highlight.id} className={`highlight-item highlight-${highlight.color}`}>
                <blockquote>{highlight.quote}</blockquote>
                {highlight.status === 'lost' && (
                  <p className="highlight-lost">This passage is no longer in the article (it was updated).</p>
                )}
                {highlight.comment !== null && highlight.comment !== '' && (
                  <p className="highlight-comment">{highlight.comment}</p>
                )}
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Remove highlight “${highlight.quote.slice(0, 40)}”`}
                  onClick={() => void act(() => client.highlights.remove({ id: highlight.id }))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3 className="annotations-heading">Notes</h3>
      {notes.length > 0 && (
        <ul className="note-list">
          {notes.map((note) =>
            editing?.id === note.id ? (
              <li key={note.id} className="note-item">
                <textarea
                  aria-label="Edit note"
                  value={editing.text}
                  rows={4}
                  onChange={(event) => {
                    setEditing({ id: note.id, text: event.target.value });
                  }}
                />
                <div className="note-actions">
                  <button
                    type="button"
                    className="primary"
                    disabled={editing.text.trim() === ''}
                    onClick={() =>
                      void act(() => client.notes.edit({ id: note.id, text: editing.text })).then((done) => {
                        if (done) setEditing(null);
                      })
                    }
                  >
                    Save note
                  </button>
                  <button
                    type="button"
                    onClick={() => {
                      setEditing(null);
                    }}
                  >
                    Cancel
                  </button>
                </div>
              </li>
            ) : (
              <li key={note.id} className="note-item">
                <p className="note-text">{note.text}</p>
                <p className="note-meta">
                  <time dateTime={note.updatedAt}>{formatDate(note.updatedAt)}</time>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      setEditing({ id: note.id, text: note.text });
                    }}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => void act(() => client.notes.remove({ id: note.id }))}
                  >
                    Delete
                  </button>
                </p>
              </li>
            ),
          )}
        </ul>
      )}
      <form
        className="note-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (draft.trim() === '') return;
          void act(() => client.notes.add({ articleId, text: draft })).then((done) => {
            if (done) setDraft('');
          });
        }}
      >
        <label htmlFor={noteFieldId} className="visually-hidden">
          New note
        </label>
        <textarea
          id={noteFieldId}
          value={draft}
          rows={3}
          placeholder="Add a note (markdown)"
          onChange={(event) => {
            setDraft(event.target.value);
          }}
        />
        {/* aria-disabled, not disabled: adding a note empties the field, and a disabled button would drop the
            keyboard's focus to the page itself; this one keeps it and says it has nothing to add. */}
        <button type="submit" aria-disabled={draft.trim() === ''}>
          Add note
        </button>
      </form>
      <Alert message={error} />
    </section>
  );
}
