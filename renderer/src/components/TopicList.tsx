import { useEffect, useRef } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import type { Topic } from '../../../electron/shared/model.ts';
import type { LoadState } from '../hooks/useResult.ts';
import { plainMessage } from '../plainMessage.ts';
import type { View } from '../state/view.ts';
import { TopicSuggestions } from './TopicSuggestions.tsx';
import { UnreadCount } from './UnreadCount.tsx';

export interface TopicListProps {
  readonly client: OffprintApi;
  readonly revision: number;
  readonly topics: LoadState<readonly Topic[]>;
  readonly view: View;
  readonly onSelect: (view: View) => void;
  readonly onNew: () => void;
  readonly onEdit: (topic: Topic) => void;
  /** A suggested topic was added. */
  readonly onAdded: () => void;
}

/**
 * The sidebar's topics: each with its unread count (kept by the library as
 * articles arrive and are read), a mark while its rule is being applied, and
 * an edit button; "New topic" opens the editor.
 */
export function TopicList({ client, revision, topics, view, onSelect, onNew, onEdit, onAdded }: TopicListProps) {
  const sectionRef = useRef<HTMLElement>(null);
  const openTopicId = view.kind === 'topic' ? view.topicId : null;
  // The topic whose row should take the focus once it is listed (see below).
  const focusWanted = useRef<number | null>(null);
  useEffect(() => {
    // A topic saved in the editor opens at once, and the editor (and the search bar's "Save as topic" that
    // opened it) are gone: focus has fallen to the page itself, and a keyboard user would start again from
    // the top. It goes to the new topic's row instead, as soon as the row is listed.
    focusWanted.current = openTopicId !== null && document.activeElement === document.body ? openTopicId : null;
  }, [openTopicId]);
  useEffect(() => {
    if (focusWanted.current === null || focusWanted.current !== openTopicId) return;
    const row = sectionRef.current?.querySelector<HTMLElement>('.feed-row[aria-current="true"]');
    if (row === null || row === undefined) return;
    focusWanted.current = null;
    // Only if nothing else took the focus meanwhile.
    if (document.activeElement === document.body) row.focus();
  }, [openTopicId, topics]);

  return (
    <section ref={sectionRef} className="topics" aria-labelledby="topics-heading">
      <div className="pane-heading-row">
        <h2 id="topics-heading" className="pane-heading">
          Topics
        </h2>
        <button type="button" className="link-button" onClick={onNew}>
          New topic
        </button>
      </div>
      {topics.status === 'loading' && <p className="hint">Loading topics…</p>}
      {topics.status === 'failed' && (
        <p className="error" role="alert">
          Could not load topics. {plainMessage(topics.message)}
        </p>
      )}
      {topics.status === 'ready' && topics.value.length === 0 && (
        <>
          <p className="hint">Follow a subject across feeds: search for it, then “Save as topic”.</p>
          <TopicSuggestions client={client} revision={revision} onAdded={onAdded} />
        </>
      )}
      {topics.status === 'ready' && topics.value.length > 0 && (
        <ul className="feed-list">
          {topics.value.map((topic) => (
            <li key={topic.id} className="feed-item">
              <button
                type="button"
                className="row feed-row"
                aria-current={view.kind === 'topic' && view.topicId === topic.id ? 'true' : undefined}
                title={topic.query}
                onClick={() => {
                  onSelect({ kind: 'topic', topicId: topic.id });
                }}
              >
                <span className="feed-title">{topic.name}</span>
                {topic.applying ? (
                  <span className="topic-applying" role="status">
                    updating…
                  </span>
                ) : (
                  <UnreadCount count={topic.counts.unread} />
                )}
              </button>
              <button
                type="button"
                className="feed-settings-toggle"
                aria-label={`Edit topic ${topic.name}`}
                title="Edit topic"
                onClick={() => {
                  onEdit(topic);
                }}
              >
                <span aria-hidden="true">⋯</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
