import type { OffprintApi } from '../../../electron/shared/contract.ts';
import type { Feed } from '../../../electron/shared/model.ts';
import { plainMessage } from '../plainMessage.ts';
import { UrlForm } from './UrlForm.tsx';

export interface AddFeedFormProps {
  readonly client: OffprintApi;
  readonly onAdded: (feed: Feed) => void;
}

/** A URL field and a button; the library's own error message is shown when adding fails. */
export function AddFeedForm({ client, onAdded }: AddFeedFormProps) {
  return (
    <UrlForm
      className="add-feed"
      label="Feed or site URL"
      placeholder="https://example.com/feed.xml"
      action="Add feed"
      busyAction="Adding…"
      emptyMessage="Enter the address of a feed or of a site that has one."
      onSubmit={async (url) => {
        const result = await client.feeds.add({ url });
        if (!result.ok) return `Could not add this feed. ${plainMessage(result.error.message)}`;
        onAdded(result.value.feed);
        return null;
      }}
    />
  );
}
