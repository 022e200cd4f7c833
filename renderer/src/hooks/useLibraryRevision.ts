import { useCallback, useEffect, useState } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';

/**
 * `revision`: a number bumped on every `library:changed` and whenever a
 * topic's counts may have changed, to reload lists and counts; `bump` does
 * it after our own writes, before the library's event arrives.
 * `contentRevision` skips changes of read/unread state alone: what shows an
 * article's content (the reader, starter topics) need not reload when an
 * article is merely opened and marked read.
 */
export function useLibraryRevision(
  client: OffprintApi,
): readonly [revision: number, bump: () => void, contentRevision: number] {
  const [revision, setRevision] = useState(0);
  const [contentRevision, setContentRevision] = useState(0);
  const bump = useCallback(() => {
    setRevision((value) => value + 1);
  }, []);

  useEffect(() => {
    const stopLibrary = client.on('library:changed', (change) => {
      bump();
      if (change.reason !== 'read') setContentRevision((value) => value + 1);
    });
    // A topic's rule applied, or new matches: its counts changed.
    const stopTopics = client.on('topics:progress', (event) => {
      if (event.kind !== 'applying') bump();
    });
    return () => {
      stopLibrary();
      stopTopics();
    };
  }, [client, bump]);

  return [revision, bump, contentRevision] as const;
}
