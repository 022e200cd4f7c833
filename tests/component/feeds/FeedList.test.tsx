import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Feed } from '../../../electron/shared/model.ts';
import { FeedList } from '../../../renderer/src/components/FeedList.tsx';
import { useLibraryRevision } from '../../../renderer/src/hooks/useLibraryRevision.ts';
import { useResult } from '../../../renderer/src/hooks/useResult.ts';
import { createFakeClient, type FakeClient } from '../support/fakeClient.ts';
import { failNextCall } from '../support/failNextCall.ts';

const MINING_ERROR = 'https://mining.example/rss answered HTTP 503';

/** A feed with `unread` unread articles and one read one. */
function addFeed(fake: FakeClient, fields: Partial<Feed> & { readonly title: string }, unread: number): Feed {
  const feed = fake.library.addFeed(fields);
  for (let number = 0; number <= unread; number += 1) {
    fake.library.addArticle({ feedId: feed.id, title: `${feed.title} story ${number}`, read: number === unread });
  }
  return feed;
}

/**
 * Two loose feeds (one of them imported or clipped articles), then Metals (two feeds, one
 * failing) and Economy, added out of order: the list sorts the folders.
 */
function seeded(): FakeClient {
  const fake = createFakeClient();
  addFeed(fake, { title: 'Reuters Markets' }, 2);
  addFeed(fake, { title: 'Mining Weekly', folder: 'Metals', lastStatus: 'error', lastError: MINING_ERROR }, 3);
  addFeed(fake, { title: 'Central Banks', folder: 'economy' }, 0);
  addFeed(fake, { title: 'Gallium Watch', folder: 'Metals' }, 1);
  addFeed(fake, { title: 'Clipped', kind: 'import' }, 1);
  return fake;
}

/** The sidebar as the app wires it: feeds read through the client, reloaded on library:changed. */
function Harness({ fake, onSelect }: { readonly fake: FakeClient; readonly onSelect: (feedId: number) => void }) {
  const [revision] = useLibraryRevision(fake.client);
  const feeds = useResult(`feeds ${revision}`, () => fake.client.feeds.list({}));
  const [selected, setSelected] = useState<number | null>(null);
  return (
    <nav aria-label="Library">
      <FeedList
        client={fake.client}
        feeds={feeds}
        selectedFeedId={selected}
        onSelect={(feedId) => {
          setSelected(feedId);
          onSelect(feedId);
        }}
      />
    </nav>
  );
}

async function renderFeeds(fake = seeded()) {
  const onSelect = vi.fn();
  render(<Harness fake={fake} onSelect={onSelect} />);
  await screen.findByRole('heading', { name: 'Feeds' });
  return { fake, onSelect, user: userEvent.setup() };
}

const feedRow = (title: string) => screen.getByRole('button', { name: new RegExp(`^${title}\\b`) });
const folderRow = (name: string) => screen.getByRole('button', { name: new RegExp(`^${name}\\b`), expanded: true });
/** The text of each row of a list, in order, without the rows of the lists inside it. */
const rowsOf = (list: HTMLElement): string[] =>
  Array.from(list.children).map((item) => item.querySelector('button')?.textContent ?? '');

describe('FeedList', () => {
  it('lists feeds outside folders first, then each folder by name with its feeds', async () => {
    await renderFeeds();
    const [top] = screen.getAllByRole('list');
    if (top === undefined) throw new Error('no feed list');
    expect(rowsOf(top)).toEqual(['Reuters Markets2', 'Clipped1', '▾ economy', '▾ Metals4']);
    expect(rowsOf(screen.getByRole('list', { name: 'Metals' }))).toEqual([
      `Mining Weekly3⚠ ${MINING_ERROR}`,
      'Gallium Watch1',
    ]);
    expect(rowsOf(screen.getByRole('list', { name: 'economy' }))).toEqual(['Central Banks']);
  });

  it('shows each feed’s unread count, and a folder’s as the sum of its feeds’', async () => {
    await renderFeeds();
    expect(within(feedRow('Reuters Markets')).getByLabelText('2 unread')).toHaveTextContent('2');
    expect(within(folderRow('Metals')).getByLabelText('4 unread')).toHaveTextContent('4');
    // Nothing unread, no number.
    expect(within(feedRow('Central Banks')).queryByLabelText(/unread/)).not.toBeInTheDocument();
    expect(within(folderRow('economy')).queryByLabelText(/unread/)).not.toBeInTheDocument();
  });

  it('folds a folder away and opens it again, its count still shown', async () => {
    const { user } = await renderFeeds();
    const metals = folderRow('Metals');
    await user.click(metals);
    expect(metals).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('list', { name: 'Metals' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Gallium Watch/ })).not.toBeInTheDocument();
    expect(within(metals).getByLabelText('4 unread')).toBeInTheDocument();
    // The other folder stays open.
    expect(screen.getByRole('list', { name: 'economy' })).toBeInTheDocument();

    await user.click(metals);
    expect(metals).toHaveAttribute('aria-expanded', 'true');
    expect(
      within(screen.getByRole('list', { name: 'Metals' })).getByRole('button', { name: /^Gallium Watch/ }),
    ).toBeInTheDocument();
  });

  it('marks a feed whose last fetch failed, with the reason shown and in its title', async () => {
    await renderFeeds();
    const failing = feedRow('Mining Weekly');
    expect(failing).toHaveAttribute('title', MINING_ERROR);
    expect(failing.querySelector('.feed-error')).toHaveTextContent(`⚠ ${MINING_ERROR}`);
    expect(failing).toHaveAccessibleName(`Mining Weekly 3 unread ${MINING_ERROR}`);

    const healthy = feedRow('Gallium Watch');
    expect(healthy.querySelector('.feed-error')).toBeNull();
    expect(healthy).toHaveAttribute('title', expect.stringMatching(/^https:\/\/feeds\.example\//));
  });

  it('says the last fetch failed when the library kept no reason', async () => {
    const fake = createFakeClient();
    addFeed(fake, { title: 'Silent Feed', lastStatus: 'error', lastError: null }, 0);
    await renderFeeds(fake);
    expect(feedRow('Silent Feed')).toHaveTextContent('The last fetch failed.');
  });

  it('selects a feed on click and marks it as the current one', async () => {
    const { onSelect, user } = await renderFeeds();
    await user.click(feedRow('Gallium Watch'));
    // Gallium Watch is the fourth feed seeded.
    expect(onSelect).toHaveBeenCalledWith(4);
    expect(feedRow('Gallium Watch')).toHaveAttribute('aria-current', 'true');

    await user.click(feedRow('Reuters Markets'));
    expect(feedRow('Reuters Markets')).toHaveAttribute('aria-current', 'true');
    expect(feedRow('Gallium Watch')).not.toHaveAttribute('aria-current');
  });

  it('opens a feed’s settings under it and turns full article pages on through the library', async () => {
    const { fake, user } = await renderFeeds();
    const toggle = screen.getByRole('button', { name: 'Settings for Reuters Markets' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const settings = screen.getByRole('group', { name: 'Settings for Reuters Markets' });
    expect(toggle).toHaveAttribute('aria-controls', settings.id);

    const fullText = within(settings).getByRole('checkbox', { name: 'Fetch full article pages' });
    expect(fullText).not.toBeChecked();
    expect(fullText).toHaveAccessibleDescription('Articles keep the text the feed sends. Pages already saved stay.');
    await user.click(fullText);
    expect(fake.requestsOf('feeds:update')).toEqual([{ feedId: 1, fullText: 'on' }]);
    // The list reloads on the library's word and the box shows what the library now says.
    await waitFor(() => {
      expect(fake.requestsOf('feeds:list').length).toBeGreaterThan(1);
    });
    expect(within(settings).getByRole('checkbox', { name: 'Fetch full article pages' })).toBeChecked();
    expect(fullText).toHaveAccessibleDescription(
      "Each article's page is fetched and saved, so the whole article reads offline.",
    );
  });

  it('closes the settings with Escape, focus back on their button', async () => {
    const { user } = await renderFeeds();
    const toggle = screen.getByRole('button', { name: 'Settings for Gallium Watch' });
    await user.click(toggle);
    await user.click(screen.getByRole('checkbox', { name: 'Fetch full article pages' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: 'Settings for Gallium Watch' })).not.toBeInTheDocument();
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveFocus();
  });

  it('offers no settings for imported or clipped articles, which are never fetched', async () => {
    await renderFeeds();
    expect(feedRow('Clipped')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Settings for Clipped' })).not.toBeInTheDocument();
  });

  it('says why a setting was refused, in plain words, and keeps the setting as it was', async () => {
    const { fake, user } = await renderFeeds();
    failNextCall(fake, 'feeds:update', 'the library is closed');
    await user.click(screen.getByRole('button', { name: 'Settings for Reuters Markets' }));
    const settings = screen.getByRole('group', { name: 'Settings for Reuters Markets' });
    await user.click(within(settings).getByRole('checkbox', { name: 'Fetch full article pages' }));
    expect(await within(settings).findByRole('alert')).toHaveTextContent(
      'Could not change this feed. the library is closed',
    );
    expect(within(settings).getByRole('checkbox', { name: 'Fetch full article pages' })).not.toBeChecked();
  });

  it('says when it is loading, when there are no feeds, and why the feeds could not be read', async () => {
    const { unmount } = render(<Harness fake={createFakeClient()} onSelect={vi.fn()} />);
    expect(screen.getByText('Loading feeds…')).toBeInTheDocument();
    expect(await screen.findByText('No feeds yet. Add a feed or site URL above.')).toBeInTheDocument();
    unmount();

    const failing = createFakeClient();
    failNextCall(failing, 'feeds:list', 'the library is closed');
    render(<Harness fake={failing} onSelect={vi.fn()} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load feeds. the library is closed');
    expect(screen.queryByRole('heading', { name: 'Feeds' })).not.toBeInTheDocument();
  });
});
