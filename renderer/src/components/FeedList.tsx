import type { Feed } from '../../../electron/shared/model.ts';
import { plainMessage } from '../plainMessage.ts';
import type { LoadState } from '../hooks/useResult.ts';
import { UnreadCount } from './UnreadCount.tsx';

export interface FeedListProps {
  readonly feeds: LoadState<readonly Feed[]>;
  readonly selectedFeedId: number | null;
  /** null selects every feed. */
  readonly onSelect: (feedId: number | null) => void;
}

/** "All articles" plus one row per subscribed feed, with unread counts and fetch errors. */
export function FeedList({ feeds, selectedFeedId, onSelect }: FeedListProps) {
  if (feeds.status === 'loading') return <p className="hint">Loading feeds…</p>;
  if (feeds.status === 'failed') {
    return (
      <p className="error" role="alert">
        Could not load feeds. {plainMessage(feeds.message)}
      </p>
    );
  }
  const totalUnread = feeds.value.reduce((sum, feed) => sum + feed.unreadCount, 0);
  return (
    <>
      <h2 className="pane-heading">Feeds</h2>
      <ul className="feed-list">
        <li>
          <button
            type="button"
            className="row feed-row"
            aria-current={selectedFeedId === null ? 'true' : undefined}
            onClick={() => {
              onSelect(null);
            }}
          >
            <span className="feed-title">All articles</span>
            <UnreadCount count={totalUnread} />
          </button>
        </li>
        {feeds.value.map((feed) => (
          <li key={feed.id}>
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
          </li>
        ))}
      </ul>
      {feeds.value.length === 0 && <p className="hint">No feeds yet. Add a feed or site URL above.</p>}
    </>
  );
}
