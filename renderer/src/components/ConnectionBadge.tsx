import { useSyncExternalStore } from 'react';
import type { Feed } from '../../../electron/shared/model.ts';
import { formatDate } from '../formatDate.ts';
import type { LoadState } from '../hooks/useResult.ts';

export interface ConnectionBadgeProps {
  /** The subscribed feeds: the newest `lastFetchedAt` among them is the library's last refresh. */
  readonly feeds: LoadState<readonly Feed[]>;
}

function subscribeToConnection(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

function isOnline(): boolean {
  return navigator.onLine;
}

const timeToday = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const dayAndTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

/** Short enough for the toolbar: the time alone today, else the day and the time. */
function shortTime(date: Date, now: Date): string {
  return date.toDateString() === now.toDateString() ? timeToday.format(date) : dayAndTime.format(date);
}

function newestFetch(feeds: readonly Feed[]): string | null {
  let newest: string | null = null;
  for (const feed of feeds) {
    // ISO 8601 instants in UTC compare as strings.
    if (feed.lastFetchedAt !== null && (newest === null || feed.lastFetchedAt > newest)) newest = feed.lastFetchedAt;
  }
  return newest;
}

/**
 * The toolbar's word on the network: "Offline" while the system has no
 * connection (the library reads on from disk), else when the feeds were last
 * refreshed. Nothing before the first refresh.
 */
export function ConnectionBadge({ feeds }: ConnectionBadgeProps) {
  const online = useSyncExternalStore(subscribeToConnection, isOnline);
  const refreshedAt = feeds.status === 'ready' ? newestFetch(feeds.value) : null;

  if (!online) {
    return (
      <p
        className="connection-badge connection-offline"
        role="status"
        aria-label="Connection"
        title="No network: everything in the library still reads from disk."
      >
        <span className="connection-dot" aria-hidden="true" />
        Offline
      </p>
    );
  }
  return (
    <p className="connection-badge" role="status" aria-label="Connection">
      {refreshedAt !== null && (
        <>
          Last refreshed{' '}
          <time dateTime={refreshedAt} title={formatDate(refreshedAt)}>
            {shortTime(new Date(refreshedAt), new Date())}
          </time>
        </>
      )}
    </p>
  );
}
