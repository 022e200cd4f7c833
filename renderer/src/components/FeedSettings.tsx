import { useId } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import type { Feed, FullTextSetting } from '../../../electron/shared/model.ts';
import { useFeedUpdate } from '../hooks/useFeedUpdate.ts';
import { Alert } from './Alert.tsx';

export interface FeedSettingsProps {
  readonly client: OffprintApi;
  readonly feed: Pick<Feed, 'id' | 'title' | 'fullText'>;
  readonly id: string;
  /** Escape: the panel closes and focus goes back to its toggle. */
  readonly onClose: () => void;
}

const FULL_TEXT_HINTS: Readonly<Record<FullTextSetting, string>> = {
  auto: "Decided at the feed's first fetch: on when its items are only summaries.",
  on: "Each article's page is fetched and saved, so the whole article reads offline.",
  off: 'Articles keep the text the feed sends. Pages already saved stay.',
};

/** One feed's settings, opened under its row: for now whether each article's full page is fetched. */
export function FeedSettings({ client, feed, id, onClose }: FeedSettingsProps) {
  const checkboxId = useId();
  const hintId = useId();
  const { saving, error, update } = useFeedUpdate(client, feed.id);
  const fullText = saving?.fullText ?? feed.fullText;
  return (
    <div
      id={id}
      className="feed-settings"
      role="group"
      aria-label={`Settings for ${feed.title}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="feed-settings-option">
        <input
          id={checkboxId}
          type="checkbox"
          checked={fullText === 'on'}
          aria-describedby={hintId}
          onChange={(event) => {
            update({ fullText: event.target.checked ? 'on' : 'off' });
          }}
        />
        <label htmlFor={checkboxId}>Fetch full article pages</label>
      </div>
      <p id={hintId} className="feed-settings-hint">
        {FULL_TEXT_HINTS[fullText]}
      </p>
      <Alert message={error} />
    </div>
  );
}
