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

describe('App: j while another list is loading', () => {
  it('does not open a row of the old list after g s, and opens the saved list’s first article once it is in', async () => {
    const fake = feedWithArticles({ title: 'Metals Desk' }, [
      { id: 'a1', title: 'Gallium exports halted' },
      { id: 'a2', title: 'Potash berth reopens', saved: true },
    ]);
    // The saved list answers only when the test lets it.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const list: typeof fake.client.articles.list = async (request) => {
      if (request.saved === true) await held;
      return fake.client.articles.list(request);
    };
    const client = { ...fake.client, articles: { ...fake.client.articles, list } };
    render(<App client={client} imageSource={(stored) => stored} />);
    const user = userEvent.setup();
    await screen.findByRole('list', { name: 'All articles' });
    await user.keyboard('gs');
    await user.keyboard('j');
    await waitFor(() => {
      expect(screen.getByText('The list is loading; j and k continue when it is in.')).toBeInTheDocument();
    });
    expect(screen.queryByRole('article')).toBeNull();
    // The j waits for the saved list, then opens its first article (not the old list's).
    release();
    expect(await screen.findByRole('article', { name: 'Potash berth reopens' })).toBeInTheDocument();
    expect(fake.requestsOf('articles:get')).toEqual([{ id: 'a2' }]);
  });
});

describe('App: a topic’s Export…', () => {
  it('exports every article of the selected topic', async () => {
    const fake = feedWithArticles({ title: 'Metals Desk' }, [
      { id: 'a1', title: 'Gallium exports halted', text: 'Gallium exports halted.' },
      { id: 'a2', title: 'Potash berth reopens', text: 'Potash berth reopens.' },
    ]);
    const created = await fake.client.topics.create({ name: 'Gallium watch', query: 'gallium' });
    expect(created.ok).toBe(true);
    render(<App client={fake.client} imageSource={(stored) => stored} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Gallium watch/ }));
    const toolbar = await screen.findByRole('toolbar', { name: 'Topic actions' });
    await user.click(within(toolbar).getByRole('button', { name: 'Export…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Export articles' });
    expect(within(dialog).getByRole('radio', { name: 'The article in “Gallium watch”' })).toBeChecked();
    expect(within(dialog).getByRole('textbox', { name: 'Title' })).toHaveAttribute('placeholder', 'Gallium watch');
    await user.click(within(dialog).getByRole('button', { name: 'Export 1 article' }));
    await within(dialog).findByText(/Exported 1 article/);
    expect(fake.requestsOf('export:pdf')).toEqual([
      expect.objectContaining({ selection: { kind: 'topic', topicId: created.ok ? created.value.id : -1 } }),
    ]);
  });
});

describe('App: opening an article', () => {
  it('marks it read once the reader shows it, after asking for its text, and only once', async () => {
    const fake = feedWithArticles({ title: 'Metals Desk' }, [{ id: 'a1', title: 'Gallium exports halted' }]);
    render(<App client={fake.client} imageSource={(stored) => stored} />);
    const user = userEvent.setup();
    const list = await screen.findByRole('list', { name: 'All articles' });
    await user.click(within(list).getByRole('button', { name: 'Gallium exports halted' }));
    await screen.findByRole('article', { name: 'Gallium exports halted' });
    await waitFor(() => {
      expect(fake.requestsOf('articles:markRead')).toEqual([{ ids: ['a1'], read: true }]);
    });
    const calls = fake.library.received.map((entry) => entry.name);
    expect(calls.indexOf('articles:get')).toBeLessThan(calls.indexOf('articles:markRead'));
    await waitFor(() => {
      expect(within(list).queryByRole('img', { name: 'Unread' })).toBeNull();
    });
    expect(fake.requestsOf('articles:markRead')).toHaveLength(1);
  });
});
