import { useCallback, useEffect, useState } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';

/**
 * A number bumped on every `library:changed` and whenever a topic's counts
 * may have changed, to reload lists; `bump` does it after our own writes,
 * before the library's event arrives.
 */
export function useLibraryRevision(client: OffprintApi): readonly [revision: number, bump: () => void] {
  const [revision, setRevision] = useState(0);
  const bump = useCallback(() => {
    setRevision((value) => value + 1);
  }, []);

  useEffect(() => {
    const stopLibrary = client.on('library:changed', bump);
    // A topic's rule applied, or new matches: its counts changed.
    const stopTopics = client.on('topics:progress', (event) => {
      if (event.kind !== 'applying') bump();
    });
    return () => {
      stopLibrary();
      stopTopics();
    };
  }, [client, bump]);

  return [revision, bump] as const;
}
