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

interface FeedFolder {
  readonly name: string;
  readonly feeds: readonly Feed[];
  readonly unread: number;
}

/** Feeds outside any folder first (in the library's order), then each folder by name. */
function groupByFolder(feeds: readonly Feed[]): { loose: Feed[]; folders: FeedFolder[] } {
  const loose: Feed[] = [];
  const byName = new Map<string, Feed[]>();
  for (const feed of feeds) {
    if (feed.folder === null || feed.folder.trim() === '') {
      loose.push(feed);
      continue;
    }
    const members = byName.get(feed.folder) ?? [];
    members.push(feed);
    byName.set(feed.folder, members);
  }
  const folders = [...byName]
    .sort(([left], [right]) => left.localeCompare(right, undefined, { sensitivity: 'base' }))
    .map(([name, members]) => ({
      name,
      feeds: members,
      unread: members.reduce((sum, feed) => sum + feed.unreadCount, 0),
    }));
  return { loose, folders };
}

/**
 * The subscribed feeds, grouped by their folder (as imported from OPML, or
 * set in a feed's settings), each with its unread count and, when its last
 * fetch failed, the reason. A folder folds away; its row sums its unread
 * counts. Each feed row has a settings button (shown on hover, always in the
 * tab order) that opens the feed's settings under it.
 */
export function FeedList({ client, feeds, selectedFeedId, onSelect }: FeedListProps) {
  const settingsIdPrefix = useId();
  const [settingsFor, setSettingsFor] = useState<number | null>(null);
  const toggles = useRef(new Map<number, HTMLButtonElement>());
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());

  if (feeds.status === 'loading') return <p className="hint">Loading feeds…</p>;
  if (feeds.status === 'failed') {
    return (
      <p className="error" role="alert">
        Could not load feeds. {plainMessage(feeds.message)}
      </p>
    );
  }
  const renderFeed = (feed: Feed) => {
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
  };

  const { loose, folders } = groupByFolder(feeds.value);
  return (
    <>
      <h2 className="pane-heading">Feeds</h2>
      <ul className="feed-list">
        {loose.map(renderFeed)}
        {folders.map((folder) => {
          const open = !folded.has(folder.name);
          return (
            <li key={`folder:${folder.name}`} className="folder-item">
              <button
                type="button"
                className="row feed-row folder-row"
                aria-expanded={open}
                onClick={() => {
                  setFolded((current) => {
                    const next = new Set(current);
                    if (open) next.add(folder.name);
                    else next.delete(folder.name);
                    return next;
                  });
                }}
              >
                <span className="feed-title">
                  <span className="folder-caret" aria-hidden="true">
                    {open ? '▾' : '▸'}
                  </span>{' '}
                  {folder.name}
                </span>
                <UnreadCount count={folder.unread} />
              </button>
              {open && (
                <ul className="feed-list folder-feeds" aria-label={folder.name}>
                  {folder.feeds.map(renderFeed)}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {feeds.value.length === 0 && <p className="hint">No feeds yet. Add a feed or site URL above.</p>}
    </>
  );
}
