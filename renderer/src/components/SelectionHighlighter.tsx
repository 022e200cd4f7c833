import { useEffect, useState, type RefObject } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import { plainMessage } from '../plainMessage.ts';
import { Alert } from './Alert.tsx';

export interface SelectionHighlighterProps {
  readonly client: OffprintApi;
  readonly articleId: string;
  /** The article body: only text selected inside it can be highlighted. */
  readonly container: RefObject<HTMLElement | null>;
  readonly onHighlighted: () => void;
}

/** The selected text inside `container`, or null. */
function selectedQuote(container: HTMLElement | null): string | null {
  const selection = document.getSelection();
  if (container === null || selection === null || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.commonAncestorContainer)) return null;
  const text = selection.toString().trim();
  return text === '' ? null : text;
}

/**
 * Select text in the article and a small bar offers "Highlight" and
 * "Highlight with comment". The library finds the passage in the stored
 * text and keeps it anchored when the article changes.
 */
export function SelectionHighlighter({ client, articleId, container, onHighlighted }: SelectionHighlighterProps) {
  const [quote, setQuote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const update = (): void => {
      setQuote(selectedQuote(container.current));
    };
    document.addEventListener('selectionchange', update);
    return () => {
      document.removeEventListener('selectionchange', update);
    };
  }, [container]);

  async function highlight(withComment: boolean): Promise<void> {
    if (quote === null) return;
    const comment = withComment ? window.prompt('Comment on this passage') : null;
    if (withComment && comment === null) return;
    setError(null);
    const result = await client.highlights.add({ articleId, quote, ...(comment ? { comment } : {}) });
    if (result.ok) {
      document.getSelection()?.removeAllRanges();
      setQuote(null);
      onHighlighted();
    } else {
      setError(plainMessage(result.error.message));
    }
  }

  if (quote === null && error === null) return null;
  return (
    <div className="highlight-bar" role="toolbar" aria-label="Selected text">
      {quote !== null && (
        <>
          <button type="button" onClick={() => void highlight(false)}>
            Highlight
          </button>
          <button type="button" onClick={() => void highlight(true)}>
            Highlight with comment
          </button>
        </>
      )}
      <Alert message={error} />
    </div>
  );
}
