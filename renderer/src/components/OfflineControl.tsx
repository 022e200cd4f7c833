import type { OffprintApi } from '../../../electron/shared/contract.ts';
import type { Feed, OfflineReport } from '../../../electron/shared/model.ts';
import { formatBytes } from '../formatBytes.ts';
import { useOfflinePreparation, type OfflineRun } from '../hooks/useOfflinePreparation.ts';
import { plural } from '../plural.ts';
import { OfflineProblems } from './OfflineProblems.tsx';

export interface OfflineControlProps {
  readonly client: OffprintApi;
  /** The feed selected in the sidebar: only its articles are prepared. Null: every article. */
  readonly feed: Pick<Feed, 'id' | 'title'> | null;
}

function describeReport(report: OfflineReport): string {
  const ready = `${report.ready} of ${plural(report.total, 'article')} ready`;
  const parts = [report.cancelled ? `Stopped saving for offline: ${ready}` : `Saved for offline: ${ready}`];
  if (report.bytes > 0) parts.push(`${formatBytes(report.bytes)} downloaded`);
  return parts.join(' · ');
}

function describeRun(run: OfflineRun): string {
  switch (run.phase) {
    case 'idle':
      return '';
    case 'running': {
      if (run.stopping) return 'Stopping…';
      if (run.total === null) return 'Saving for offline…';
      const parts = [`Saving for offline: ${run.done}/${run.total}`, formatBytes(run.bytes)];
      if (run.failed > 0) parts.push(plural(run.failed, 'problem'));
      return parts.join(' · ');
    }
    case 'finished':
      return describeReport(run.report);
    case 'failed':
      return run.message;
  }
}

/**
 * "Save for offline" beside Refresh: fetches full text and images for every
 * article, or for the selected feed's, with a progress line fed by
 * `offline:progress`, a Cancel button while it runs, and at the end what is
 * ready and what could not be fetched (a list that opens on demand).
 */
export function OfflineControl({ client, feed }: OfflineControlProps) {
  const { run, prepare, cancel } = useOfflinePreparation(client);
  const running = run.phase === 'running';
  const line = describeRun(run);
  return (
    <div className="offline">
      <p
        className={run.phase === 'failed' ? 'offline-status offline-status-failed' : 'offline-status'}
        role="status"
        aria-live="polite"
        aria-label="Offline progress"
        title={line}
      >
        {line}
      </p>
      {run.phase === 'finished' && <OfflineProblems failures={run.report.failures} />}
      {running ? (
        <button type="button" onClick={cancel} disabled={run.stopping}>
          Cancel
        </button>
      ) : (
        <button
          type="button"
          title={
            feed === null
              ? 'Fetch the full text and images of every article, to read them with no network'
              : `Fetch the full text and images of the articles in ${feed.title}, to read them with no network`
          }
          onClick={() => {
            prepare(feed === null ? {} : { feedIds: [feed.id] });
          }}
        >
          {feed === null ? 'Save all for offline' : 'Save feed for offline'}
        </button>
      )}
    </div>
  );
}
