import { useId, useState, type SyntheticEvent } from 'react';

export interface UrlFormProps {
  /** The form's own class beside `url-form` (where it sits decides its frame). */
  readonly className: string;
  readonly label: string;
  readonly placeholder: string;
  /** The button's words, and its words while the action runs. */
  readonly action: string;
  readonly busyAction: string;
  /** What an empty field says instead of asking the library. */
  readonly emptyMessage: string;
  /** Runs the action: null when it is done (the field is cleared), else what went wrong in plain words. */
  readonly onSubmit: (url: string) => Promise<string | null>;
}

/** A URL field and a button that hands the address to the library; its answer is shown under the field when it fails. */
export function UrlForm({ className, label, placeholder, action, busyAction, emptyMessage, onSubmit }: UrlFormProps) {
  const inputId = useId();
  const errorId = useId();
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: SyntheticEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const trimmed = url.trim();
    if (trimmed === '') {
      setError(emptyMessage);
      return;
    }
    setBusy(true);
    setError(null);
    const failed = await onSubmit(trimmed);
    setBusy(false);
    if (failed === null) setUrl('');
    else setError(failed);
  }

  return (
    // noValidate: the library's message is clearer than the browser's URL bubble.
    <form className={`url-form ${className}`} onSubmit={(event) => void submit(event)} noValidate>
      <label htmlFor={inputId}>{label}</label>
      <div className="url-form-row">
        <input
          id={inputId}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          value={url}
          onChange={(event) => {
            setUrl(event.target.value);
          }}
          aria-invalid={error !== null}
          aria-describedby={error === null ? undefined : errorId}
          disabled={busy}
        />
        <button type="submit" disabled={busy}>
          {busy ? busyAction : action}
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
