import { useEffect, useId, useRef, useState } from 'react';
import { QueryHelpPanel } from './QueryHelpPanel.tsx';

export type SearchSort = 'relevance' | 'date';

export interface SearchBoxProps {
  readonly query: string;
  readonly onQueryChange: (query: string) => void;
  readonly sort: SearchSort;
  readonly onSortChange: (sort: SearchSort) => void;
  /** The library's plain-English notes on the query that is shown, one sentence each. */
  readonly problems: readonly string[];
  /** Offered while searching: follow this query as a topic. */
  readonly onSaveAsTopic?: (query: string) => void;
}

const SORTS: readonly { readonly value: SearchSort; readonly label: string }[] = [
  { value: 'relevance', label: 'Relevance' },
  { value: 'date', label: 'Newest' },
];

/** Typing `/` anywhere but in a field focuses the search box, as in most readers and mail clients. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select') !== null;
}

/**
 * The search field above the article list: `/` focuses it, Escape clears it,
 * a sort toggle while searching, the query's problems in plain words below
 * it, and `?` for the syntax sheet.
 */
export function SearchBox({ query, onQueryChange, sort, onSortChange, problems, onSaveAsTopic }: SearchBoxProps) {
  const inputId = useId();
  const problemsId = useId();
  const helpId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);

  useEffect(() => {
    function focusOnSlash(event: KeyboardEvent): void {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    }
    document.addEventListener('keydown', focusOnSlash);
    return () => {
      document.removeEventListener('keydown', focusOnSlash);
    };
  }, []);

  const searching = query.trim() !== '';
  return (
    <div className="search">
      <form
        className="search-field"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        <label htmlFor={inputId} className="visually-hidden">
          Search articles
        </label>
        <input
          ref={inputRef}
          id={inputId}
          type="search"
          className="search-input"
          placeholder="Search articles"
          autoComplete="off"
          spellCheck={false}
          value={query}
          aria-describedby={problems.length > 0 ? problemsId : undefined}
          aria-keyshortcuts="/"
          onChange={(event) => {
            onQueryChange(event.target.value);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              onQueryChange('');
            }
          }}
        />
        <kbd className="search-shortcut" aria-hidden="true">
          /
        </kbd>
        <button
          type="button"
          className="search-help-toggle"
          aria-label="Search help"
          aria-expanded={helpOpen}
          aria-controls={helpOpen ? helpId : undefined}
          onClick={() => {
            setHelpOpen((open) => !open);
          }}
        >
          ?
        </button>
      </form>
      {searching && (
        <div className="sort-toggle" role="group" aria-label="Sort results">
          {SORTS.map((option) => (
            <button
              key={option.value}
              type="button"
              aria-pressed={sort === option.value}
              onClick={() => {
                onSortChange(option.value);
              }}
            >
              {option.label}
            </button>
          ))}
          {onSaveAsTopic !== undefined && (
            <button
              type="button"
              className="save-as-topic"
              onClick={() => {
                onSaveAsTopic(query.trim());
              }}
            >
              Save as topic
            </button>
          )}
        </div>
      )}
      <div id={problemsId} className="search-problems" aria-live="polite">
        {problems.map((problem) => (
          <p key={problem} className="search-problem">
            {problem}
          </p>
        ))}
      </div>
      {helpOpen && <QueryHelpPanel id={helpId} />}
    </div>
  );
}
