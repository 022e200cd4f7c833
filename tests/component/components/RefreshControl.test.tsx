import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { FeedRefreshResult, IngestEvent } from '../../../electron/shared/model.ts';
import { RefreshControl } from '../../../renderer/src/components/RefreshControl.tsx';
import { createFakeClient, type FakeClient } from '../support/fakeClient.ts';
import { failNextCall } from '../support/failNextCall.ts';

function seeded(): FakeClient {
  const fake = createFakeClient();
  fake.library.addFeed({ title: 'Metals Desk' });
  fake.library.addFeed({ title: 'Mining Weekly' });
  return fake;
}

function result(fields: Partial<FeedRefreshResult>): FeedRefreshResult {
  return {
    feedId: 1,
    url: 'https://feeds.example/1.xml',
    title: 'Metals Desk',
    status: 'ok',
    newCount: 0,
    updatedCount: 0,
    errorCode: null,
    errorMessage: null,
    durationMs: 12,
    ...fields,
  };
}

const status = () => screen.getByRole('status', { name: 'Refresh progress' });

/** A refresh the library runs on its own schedule reports here too. */
function progress(fake: FakeClient, event: IngestEvent): void {
  act(() => {
    fake.library.events.emit('ingest:progress', event);
  });
}

describe('RefreshControl', () => {
  it('refreshes every feed, busy while it runs, then says what came in', async () => {
    const fake = seeded();
    render(<RefreshControl client={fake.client} />);
    expect(status()).toHaveTextContent('');

    fireEvent.click(screen.getByRole('button', { name: 'Refresh all' }));
    expect(screen.getByRole('button', { name: 'Refreshing…' })).toBeDisabled();
    expect(await screen.findByText('Refreshed 2 feeds, 0 new articles.')).toBe(status());
    expect(screen.getByRole('button', { name: 'Refresh all' })).toBeEnabled();
    expect(fake.requestsOf('feeds:refresh')).toEqual([{}]);
  });

  it('follows the library’s progress events, and counts new articles and failures at the end', () => {
    const fake = seeded();
    render(<RefreshControl client={fake.client} />);
    progress(fake, { kind: 'refresh-started', feedCount: 3 });
    expect(status()).toHaveTextContent('Refreshing 3 feeds…');
    progress(fake, { kind: 'feed-started', feedId: 1, url: 'https://feeds.example/1.xml' });
    expect(status()).toHaveTextContent('Fetching https://feeds.example/1.xml…');
    progress(fake, { kind: 'feed-finished', result: result({ newCount: 4 }), done: 1, total: 3 });
    expect(status()).toHaveTextContent('Refreshing… 1 of 3 done (Metals Desk).');
    // A feed with no title yet is named by its address.
    progress(fake, {
      kind: 'feed-finished',
      result: result({ feedId: 2, title: '', url: 'https://feeds.example/2.xml' }),
      done: 2,
      total: 3,
    });
    expect(status()).toHaveTextContent('Refreshing… 2 of 3 done (https://feeds.example/2.xml).');

    const feeds = [
      result({ newCount: 4 }),
      result({ feedId: 2, newCount: 1 }),
      result({ feedId: 3, status: 'error', errorCode: 'http', errorMessage: 'HTTP 503' }),
    ];
    progress(fake, {
      kind: 'refresh-finished',
      report: { startedAt: '2026-10-01T00:00:00.000Z', finishedAt: '2026-10-01T00:00:01.000Z', feeds, offline: null },
    });
    expect(status()).toHaveTextContent('Refreshed 3 feeds, 5 new articles, 1 failed.');
  });

  it('says why a refresh failed, in plain words, and can be tried again', async () => {
    const fake = seeded();
    failNextCall(fake, 'feeds:refresh', 'the library is closed');
    render(<RefreshControl client={fake.client} />);
    fireEvent.click(screen.getByRole('button', { name: 'Refresh all' }));
    expect(await screen.findByText('Refresh failed. the library is closed')).toBe(status());
    expect(screen.getByRole('button', { name: 'Refresh all' })).toBeEnabled();
  });

  it('stops listening when it is gone', () => {
    const fake = seeded();
    const { unmount } = render(<RefreshControl client={fake.client} />);
    expect(fake.library.events.listenerCount).toBe(1);
    unmount();
    expect(fake.library.events.listenerCount).toBe(0);
  });
});
