import { useEffect, useState } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import type { IngestEvent, RefreshReport } from '../../../electron/shared/model.ts';
import { plainMessage } from '../plainMessage.ts';
import { plural } from '../plural.ts';

export interface RefreshControlProps {
  readonly client: OffprintApi;
}

function describeReport(report: RefreshReport): string {
  const fresh = report.feeds.reduce((sum, feed) => sum + feed.newCount, 0);
  const failed = report.feeds.filter((feed) => feed.status === 'error').length;
  const parts = [`Refreshed ${plural(report.feeds.length, 'feed')}`, plural(fresh, 'new article')];
  if (failed > 0) parts.push(`${failed} failed`);
  return `${parts.join(', ')}.`;
}

function describeProgress(event: IngestEvent): string {
  switch (event.kind) {
    case 'refresh-started':
      return `Refreshing ${plural(event.feedCount, 'feed')}…`;
    case 'feed-started':
      return `Fetching ${event.url}…`;
    case 'feed-finished':
      return `Refreshing… ${event.done} of ${event.total} done (${event.result.title || event.result.url}).`;
    case 'refresh-finished':
      return describeReport(event.report);
  }
}

/** The refresh button and a one-line progress report fed by `ingest:progress` events. */
export function RefreshControl({ client }: RefreshControlProps) {
  const [running, setRunning] = useState(false);
  const [line, setLine] = useState('');

  // Progress from any refresh, including ones the library starts on its own schedule.
  useEffect(
    () =>
      client.on('ingest:progress', (event) => {
        setLine(describeProgress(event));
      }),
    [client],
  );

  async function refresh(): Promise<void> {
    setRunning(true);
    setLine('Refreshing…');
    const result = await client.feeds.refresh({});
    setRunning(false);
    setLine(result.ok ? describeReport(result.value) : `Refresh failed. ${plainMessage(result.error.message)}`);
  }

  return (
    <div className="refresh">
      <p className="refresh-status" role="status" aria-live="polite" aria-label="Refresh progress" title={line}>
        {line}
      </p>
      <button type="button" onClick={() => void refresh()} disabled={running}>
        {running ? 'Refreshing…' : 'Refresh all'}
      </button>
    </div>
  );
}
