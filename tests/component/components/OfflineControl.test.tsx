import { act, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Feed, OfflineEvent, OfflineReport } from '../../../electron/shared/model.ts';
import { OfflineControl } from '../../../renderer/src/components/OfflineControl.tsx';
import type { FakeClient } from '../support/fakeClient.ts';
import { feedWithArticles } from '../support/feedWithArticles.ts';
import { failNextCall } from '../support/failNextCall.ts';

/** Three articles, two of them not yet readable offline. */
function seeded(): FakeClient {
  return feedWithArticles({ title: 'Metals Desk' }, [
    { id: 'a1', title: 'Gallium exports halted', offlineReady: false },
    { id: 'a2', title: 'Germanium follows', offlineReady: false },
    { id: 'a3', title: 'Copper steady' },
  ]);
}

const METALS: Pick<Feed, 'id' | 'title'> = { id: 1, title: 'Metals Desk' };

function renderControl(fake: FakeClient, feed: Pick<Feed, 'id' | 'title'> | null = null) {
  const view = render(<OfflineControl client={fake.client} feed={feed} />);
  return { ...view, user: userEvent.setup() };
}

const status = () => screen.getByRole('status', { name: 'Offline progress' });

/** A pass the library runs on its own (after a refresh) reports here too. */
function progress(fake: FakeClient, event: OfflineEvent): void {
  act(() => {
    fake.library.events.emit('offline:progress', event);
  });
}

function report(fields: Partial<OfflineReport>): OfflineReport {
  return {
    startedAt: '2026-10-01T00:00:00.000Z',
    finishedAt: '2026-10-01T00:01:00.000Z',
    total: 4,
    ready: 4,
    pagesFetched: 4,
    imagesCached: 0,
    bytes: 0,
    failures: [],
    cancelled: false,
    ...fields,
  };
}

describe('OfflineControl', () => {
  it('saves every article for offline and says how many are ready', async () => {
    const fake = seeded();
    const { user } = renderControl(fake);
    const save = screen.getByRole('button', { name: 'Save all for offline' });
    expect(save).toHaveAttribute('title', expect.stringContaining('every article'));
    await user.click(save);
    expect(fake.requestsOf('offline:prepare')).toEqual([{}]);
    expect(await screen.findByText('Saved for offline: 3 of 3 articles ready')).toBe(status());
    // No problems, no list of them.
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
    expect(screen.queryByText(/problem/)).not.toBeInTheDocument();
  });

  it('saves only the selected feed’s articles', async () => {
    const fake = seeded();
    const { user } = renderControl(fake, METALS);
    const save = screen.getByRole('button', { name: 'Save feed for offline' });
    expect(save).toHaveAttribute('title', expect.stringContaining('the articles in Metals Desk'));
    await user.click(save);
    expect(fake.requestsOf('offline:prepare')).toEqual([{ feedIds: [1] }]);
  });

  it('follows a pass with its progress, and Cancel asks the library to stop it', async () => {
    const fake = seeded();
    const { user } = renderControl(fake);
    expect(status()).toHaveTextContent('');
    progress(fake, { kind: 'started', total: 4 });
    expect(status()).toHaveTextContent('Saving for offline: 0/4 · 0 bytes');
    progress(fake, { kind: 'article', done: 2, total: 4, bytes: 2048, failed: 1, articleId: 'a1' });
    expect(status()).toHaveTextContent('Saving for offline: 2/4 · 2 KB · 1 problem');
    expect(screen.queryByRole('button', { name: 'Save all for offline' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.requestsOf('offline:cancel')).toEqual([{}]);
    expect(status()).toHaveTextContent('Stopping…');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    // Progress still coming in does not undo the stop.
    progress(fake, { kind: 'article', done: 3, total: 4, bytes: 4096, failed: 1, articleId: 'a2' });
    expect(status()).toHaveTextContent('Stopping…');

    progress(fake, {
      kind: 'finished',
      report: report({ ready: 2, bytes: 3 * 1024 * 1024, cancelled: true }),
    });
    expect(status()).toHaveTextContent('Stopped saving for offline: 2 of 4 articles ready · 3.0 MB downloaded');
    expect(screen.getByRole('button', { name: 'Save all for offline' })).toBeEnabled();
  });

  it('lists what could not be saved, and why, in plain words', async () => {
    const fake = seeded();
    const { user } = renderControl(fake);
    progress(fake, {
      kind: 'finished',
      report: report({
        ready: 2,
        failures: [
          {
            articleId: 'a1',
            title: 'Gallium exports halted',
            url: 'https://metals.example/gallium',
            stage: 'page',
            reason: 'pages:fetch: metals.example answered HTTP 503',
          },
          { articleId: 'a2', title: 'Germanium follows', url: null, stage: 'images', reason: '2 images too large' },
        ],
      }),
    });
    expect(status()).toHaveTextContent('Saved for offline: 2 of 4 articles ready');
    await user.click(screen.getByText('2 problems'));
    const problems = screen.getByRole('list', { name: 'Offline problems' });
    expect(
      within(problems)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Gallium exports haltedFull text not fetched: metals.example answered HTTP 503',
      'Germanium followsImages not saved: 2 images too large',
    ]);
  });

  it('says in plain words when saving or stopping failed', async () => {
    const fake = seeded();
    failNextCall(fake, 'offline:prepare', 'the library is closed');
    const { user } = renderControl(fake);
    await user.click(screen.getByRole('button', { name: 'Save all for offline' }));
    expect(await screen.findByText('Could not save for offline. the library is closed')).toBe(status());
    expect(status()).toHaveClass('offline-status-failed');
    expect(screen.getByRole('button', { name: 'Save all for offline' })).toBeEnabled();

    progress(fake, { kind: 'started', total: 2 });
    failNextCall(fake, 'offline:cancel', 'the worker did not answer', 'internal');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('Could not stop saving for offline. the worker did not answer')).toBe(status());
  });

  it('stops listening when it is gone', () => {
    const fake = seeded();
    const { unmount } = renderControl(fake);
    expect(fake.library.events.listenerCount).toBe(1);
    unmount();
    expect(fake.library.events.listenerCount).toBe(0);
  });
});
