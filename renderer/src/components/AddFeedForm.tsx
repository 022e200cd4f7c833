import { useId, useState, type SyntheticEvent } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import type { Feed } from '../../../electron/shared/model.ts';
import { plainMessage } from '../plainMessage.ts';

export interface AddFeedFormProps {
  readonly client: OffprintApi;
  readonly onAdded: (feed: Feed) => void;
}

/** A URL field and a button; the library's own error message is shown when adding fails. */
export function AddFeedForm({ client, onAdded }: AddFeedFormProps) {
  const inputId = useId();
  const errorId = useId();
  const [url, setUrl] = useState('');
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: SyntheticEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const trimmed = url.trim();
    if (trimmed === '') {
      setError('Enter the address of a feed or of a site that has one.');
      return;
    }
    setAdding(true);
    setError(null);
    const result = await client.feeds.add({ url: trimmed });
    setAdding(false);
    if (result.ok) {
      setUrl('');
      onAdded(result.value.feed);
    } else {
      setError(`Could not add this feed. ${plainMessage(result.error.message)}`);
    }
  }

  return (
    // noValidate: the library's message is clearer than the browser's URL bubble.
    <form className="add-feed" onSubmit={(event) => void submit(event)} noValidate>
      <label htmlFor={inputId}>Feed or site URL</label>
      <div className="add-feed-row">
        <input
          id={inputId}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://example.com/feed.xml"
          value={url}
          onChange={(event) => {
            setUrl(event.target.value);
          }}
          aria-invalid={error !== null}
          aria-describedby={error === null ? undefined : errorId}
          disabled={adding}
        />
        <button type="submit" disabled={adding}>
          {adding ? 'Adding…' : 'Add feed'}
        </button>
      </div>
      {error !== null && (
        <p id={errorId} className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
