import { useState } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import type { TopicSuggestion } from '../../../electron/shared/model.ts';
import { useResult } from '../hooks/useResult.ts';
import { plainMessage } from '../plainMessage.ts';
import { plural } from '../plural.ts';
import { Alert } from './Alert.tsx';

export interface TopicSuggestionsProps {
  readonly client: OffprintApi;
  /** Changes when the library does: suggestions follow its articles. */
  readonly revision: number;
  readonly onAdded: () => void;
}

const SUGGESTIONS = 5;

/**
 * Starter topics while the user has none: built by the library from its own
 * feed categories and frequent key terms. Offered, never created unasked.
 */
export function TopicSuggestions({ client, revision, onAdded }: TopicSuggestionsProps) {
  const suggestions = useResult(`suggestions ${revision}`, () => client.topics.suggest({ limit: SUGGESTIONS }));
  const [error, setError] = useState<string | null>(null);

  async function add(suggestion: TopicSuggestion): Promise<void> {
    setError(null);
    const result = await client.topics.create({
      name: suggestion.name,
      query: suggestion.query,
      categories: [...suggestion.categories],
    });
    if (result.ok) onAdded();
    else setError(plainMessage(result.error.message));
  }

  if (suggestions.status !== 'ready' || suggestions.value.length === 0) return null;
  return (
    <div className="topic-suggestions">
      <p className="hint">Suggested from your articles:</p>
      <ul aria-label="Suggested topics">
        {suggestions.value.map((suggestion) => (
          <li key={suggestion.name} className="topic-suggestion">
            <span className="topic-suggestion-name" title={suggestion.reason}>
              {suggestion.name}
              <span className="topic-suggestion-count"> · {plural(suggestion.matches, 'article')}</span>
            </span>
            <button
              type="button"
              className="link-button"
              aria-label={`Add topic ${suggestion.name}`}
              onClick={() => void add(suggestion)}
            >
              Add
            </button>
          </li>
        ))}
      </ul>
      <Alert message={error} />
    </div>
  );
}
