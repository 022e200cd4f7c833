import { useCallback, useState } from 'react';
import type { OffprintApi, RequestOf } from '../../../electron/shared/contract.ts';
import { plainMessage } from '../plainMessage.ts';

export type FeedChanges = Omit<RequestOf<'feeds:update'>, 'feedId'>;

export interface FeedUpdate {
  /** The changes being saved; null when nothing is in flight. */
  readonly saving: FeedChanges | null;
  /** Why the last change was refused, in plain words; null after a success. */
  readonly error: string | null;
  readonly update: (changes: FeedChanges) => void;
}

/**
 * Saves a feed's settings with `feeds:update`. The feed list itself reloads
 * on the `library:changed` the call emits, so the saved value comes back
 * from the library rather than being assumed here.
 */
export function useFeedUpdate(client: OffprintApi, feedId: number): FeedUpdate {
  const [saving, setSaving] = useState<FeedChanges | null>(null);
  const [error, setError] = useState<string | null>(null);

  const update = useCallback(
    (changes: FeedChanges) => {
      setSaving(changes);
      setError(null);
      void client.feeds.update({ feedId, ...changes }).then((result) => {
        setSaving(null);
        if (!result.ok) setError(`Could not change this feed. ${plainMessage(result.error.message)}`);
      });
    },
    [client, feedId],
  );

  return { saving, error, update };
}
