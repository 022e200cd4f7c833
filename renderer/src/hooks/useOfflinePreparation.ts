import { useCallback, useEffect, useRef, useState } from 'react';
import type { OffprintApi, RequestOf } from '../../../electron/shared/contract.ts';
import type { OfflineReport } from '../../../electron/shared/model.ts';
import { plainMessage } from '../plainMessage.ts';

/** Where the latest pass that makes articles readable offline stands. */
export type OfflineRun =
  | { readonly phase: 'idle' }
  /** `total` is null until the library says how many articles need work. */
  | {
      readonly phase: 'running';
      readonly done: number;
      readonly total: number | null;
      readonly bytes: number;
      readonly failed: number;
      readonly stopping: boolean;
    }
  | { readonly phase: 'finished'; readonly report: OfflineReport }
  | { readonly phase: 'failed'; readonly message: string };

export interface OfflinePreparation {
  readonly run: OfflineRun;
  /** Starts `offline:prepare` for the selection (everything when empty). */
  readonly prepare: (selection: RequestOf<'offline:prepare'>) => void;
  /** Asks the library to stop the running pass; what is on disk stays. */
  readonly cancel: () => void;
}

const WAITING: OfflineRun = { phase: 'running', done: 0, total: null, bytes: 0, failed: 0, stopping: false };

/**
 * The state of offline preparation, fed by `offline:progress` events: the
 * passes the user starts here, and the ones the library runs after every
 * refresh. While the user's own request is pending its answer is the final
 * word, so a library pass finishing ahead of it in the queue does not end it.
 */
export function useOfflinePreparation(client: OffprintApi): OfflinePreparation {
  const [run, setRun] = useState<OfflineRun>({ phase: 'idle' });
  const requested = useRef(false);

  useEffect(
    () =>
      client.on('offline:progress', (event) => {
        switch (event.kind) {
          case 'started':
            setRun((previous) => ({
              ...WAITING,
              total: event.total,
              stopping: previous.phase === 'running' && previous.stopping,
            }));
            return;
          case 'article':
            setRun((previous) => ({
              phase: 'running',
              done: event.done,
              total: event.total,
              bytes: event.bytes,
              failed: event.failed,
              stopping: previous.phase === 'running' && previous.stopping,
            }));
            return;
          case 'finished':
            if (!requested.current) setRun({ phase: 'finished', report: event.report });
            return;
        }
      }),
    [client],
  );

  const prepare = useCallback(
    (selection: RequestOf<'offline:prepare'>) => {
      requested.current = true;
      setRun(WAITING);
      void client.offline.prepare(selection).then((result) => {
        requested.current = false;
        setRun(
          result.ok
            ? { phase: 'finished', report: result.value }
            : { phase: 'failed', message: `Could not save for offline. ${plainMessage(result.error.message)}` },
        );
      });
    },
    [client],
  );

  const cancel = useCallback(() => {
    setRun((previous) => (previous.phase === 'running' ? { ...previous, stopping: true } : previous));
    void client.offline.cancel({}).then((result) => {
      if (!result.ok) {
        setRun({
          phase: 'failed',
          message: `Could not stop saving for offline. ${plainMessage(result.error.message)}`,
        });
      }
    });
  }, [client]);

  return { run, prepare, cancel };
}
