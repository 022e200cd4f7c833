// The whole app over the fake client is costly to render: only what no pane test can reach is tested here.
import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { App } from '../../../renderer/src/components/App.tsx';
import { feedWithArticles } from '../support/feedWithArticles.ts';
import { withVirtualListRoom } from '../support/virtualListLayout.ts';

withVirtualListRoom();

afterEach(() => {
  vi.restoreAllMocks();
});

/** Opens the one article, stored with this address, from the list, then presses o; `window.open` is watched. */
async function openOriginalOf(url: string): Promise<MockInstance<typeof window.open>> {
  const fake = feedWithArticles({ title: 'Metals Desk' }, [{ id: 'a1', title: 'Gallium exports halted', url }]);
  const opened = vi.spyOn(window, 'open').mockReturnValue(null);
  render(<App client={fake.client} imageSource={(stored) => stored} />);
  const user = userEvent.setup();
  const list = await screen.findByRole('list', { name: 'All articles' });
  await user.click(within(list).getByRole('button', { name: 'Gallium exports halted' }));
  await screen.findByRole('article', { name: 'Gallium exports halted' });
  await user.keyboard('o');
  return opened;
}

describe('App: o opens the original', () => {
  it('opens a web address outside the app', async () => {
    const opened = await openOriginalOf('https://metals.example/gallium');
    expect(opened).toHaveBeenCalledWith('https://metals.example/gallium', '_blank', 'noopener,noreferrer');
  });

  it.each(['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>'])(
    'opens nothing for an address that is not a web address (%s), and says so',
    async (url) => {
      const opened = await openOriginalOf(url);
      expect(opened).not.toHaveBeenCalled();
      await waitFor(() => {
        expect(screen.getByText('This article has no link.')).toBeInTheDocument();
      });
    },
  );
});
