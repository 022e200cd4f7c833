import { useEffect, useState } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import type { SearchProgress } from '../../../electron/shared/model.ts';

export interface IndexProgressProps {
  readonly client: OffprintApi;
}

const count = new Intl.NumberFormat();

function describeProgress({ phase, done, total }: SearchProgress): string {
  switch (phase) {
    case 'idle':
      return '';
    case 'indexing':
      return `Indexing ${count.format(done)} of ${count.format(total)} articles…`;
    case 'rebuilding':
      return `Rebuilding the search index: ${count.format(done)} of ${count.format(total)} articles…`;
    case 'merging':
      // Merges report no steps, only the size of the work.
      return `Merging the search index (${count.format(total)} articles)…`;
  }
}

/** A header line while the search index builds, rebuilds or merges; empty when idle. */
export function IndexProgress({ client }: IndexProgressProps) {
  const [progress, setProgress] = useState<SearchProgress | null>(null);

  useEffect(() => {
    // Work may have started before this window opened; any event is newer than the status answer and wins.
    let statusWanted = true;
    const unsubscribe = client.on('search:progress', (event) => {
      statusWanted = false;
      setProgress(event);
    });
    void client.search.status({}).then((result) => {
      if (result.ok && statusWanted) setProgress(result.value);
    });
    return () => {
      statusWanted = false;
      unsubscribe();
    };
  }, [client]);

  return (
    <p className="index-progress" role="status" aria-label="Search index">
      {progress === null ? '' : describeProgress(progress)}
    </p>
  );
}
