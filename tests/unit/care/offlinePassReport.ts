import type { OfflineReport } from '../../../electron/shared/model.ts';

/** The report an `offline:progress` `finished` event carries: a pass of one article that fetched nothing. */
export function offlinePassReport(cancelled = false): OfflineReport {
  return {
    startedAt: '2026-11-28T12:00:00.000Z',
    finishedAt: '2026-11-28T12:00:01.000Z',
    total: 1,
    ready: 1,
    pagesFetched: 0,
    imagesCached: 0,
    bytes: 0,
    failures: [],
    cancelled,
  };
}
