import { useId, useRef, useState } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import type { Feed } from '../../../electron/shared/model.ts';
import { plainMessage } from '../plainMessage.ts';
import type { LoadState } from '../hooks/useResult.ts';
import { FeedSettings } from './FeedSettings.tsx';
import { UnreadCount } from './UnreadCount.tsx';

export interface FeedListProps {
  readonly client: OffprintApi;
  readonly feeds: LoadState<readonly Feed[]>;
  readonly selectedFeedId: number | null;
  readonly onSelect: (feedId: number) => void;
}

/**
 * One row per subscribed feed, with unread counts and
 * fetch errors. Each feed row has a settings button (shown on hover, always
 * in the tab order) that opens the feed's settings under it.
 */
export function FeedList({ client, feeds, selectedFeedId, onSelect }: FeedListProps) {
  const settingsIdPrefix = useId();
  const [settingsFor, setSettingsFor] = useState<number | null>(null);
  const toggles = useRef(new Map<number, HTMLButtonElement>());

  if (feeds.status === 'loading') return <p className="hint">Loading feeds…</p>;
  if (feeds.status === 'failed') {
    return (
      <p className="error" role="alert">
        Could not load feeds. {plainMessage(feeds.message)}
      </p>
    );
  }
  return (
    <>
      <h2 className="pane-heading">Feeds</h2>
      <ul className="feed-list">
        {feeds.value.map((feed) => {
          const settingsId = `${settingsIdPrefix}-${feed.id}`;
          const settingsOpen = settingsFor === feed.id;
          return (
            <li key={feed.id} className="feed-item">
              <button
                type="button"
                className="row feed-row"
                aria-current={selectedFeedId === feed.id ? 'true' : undefined}
                title={feed.lastError ?? feed.url}
                onClick={() => {
                  onSelect(feed.id);
                }}
              >
                <span className="feed-title">{feed.title}</span>
                <UnreadCount count={feed.unreadCount} />
                {feed.lastStatus === 'error' && (
                  <span className="feed-error">
                    <span aria-hidden="true">⚠ </span>
                    {feed.lastError ?? 'The last fetch failed.'}
                  </span>
                )}
              </button>
              {/* Imported and clipped articles are never fetched: nothing to set. */}
              {feed.kind === 'feed' && (
                <button
                  type="button"
                  className="feed-settings-toggle"
                  aria-label={`Settings for ${feed.title}`}
                  title="Feed settings"
                  aria-expanded={settingsOpen}
                  aria-controls={settingsOpen ? settingsId : undefined}
                  ref={(element) => {
                    if (element === null) toggles.current.delete(feed.id);
                    else toggles.current.set(feed.id, element);
                  }}
                  onClick={() => {
                    setSettingsFor(settingsOpen ? null : feed.id);
                  }}
                >
                  <span aria-hidden="true">⋯</span>
                </button>
              )}
              {settingsOpen && (
                <FeedSettings
                  client={client}
                  feed={feed}
                  id={settingsId}
                  onClose={() => {
                    setSettingsFor(null);
                    toggles.current.get(feed.id)?.focus();
                  }}
                />
              )}
            </li>
          );
        })}
      </ul>
      {feeds.value.length === 0 && <p className="hint">No feeds yet. Add a feed or site URL above.</p>}
    </>
  );
}
