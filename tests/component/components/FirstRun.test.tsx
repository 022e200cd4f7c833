import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArticleSummary, Feed } from '../../../electron/shared/model.ts';
import { FirstRun } from '../../../renderer/src/components/FirstRun.tsx';
import { createFakeClient, type FakeClient } from '../support/fakeClient.ts';
import { failNextCall } from '../support/failNextCall.ts';

const FEED_URL = 'https://metals.example/feed.xml';
const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Metals Desk</title><link>https://metals.example/</link>
<item><title>Gallium exports halted</title><link>/gallium</link><description>Prices doubled.</description></item>
</channel></rss>`;

const OPML = `<?xml version="1.0"?><opml version="2.0"><head><title>Subscriptions</title></head><body>
<outline text="Metals"><outline type="rss" text="Mining Weekly" xmlUrl="https://mining.example/rss"/>
<outline type="rss" text="Gallium Watch" xmlUrl="https://gallium.example/atom"/></outline>
</body></opml>`;

/** The network as feeds:add sees it: one feed, and one page that is not a feed. */
function stubNetwork(): void {
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string) =>
      Promise.resolve(
        url === FEED_URL ? new Response(RSS, { status: 200 }) : new Response('<html>Hello</html>', { status: 200 }),
      ),
    ),
  );
}

function renderFirstRun(fake: FakeClient = createFakeClient()) {
  const onFeedAdded = vi.fn<(feed: Feed) => void>();
  const onOpen = vi.fn<(article: ArticleSummary) => void>();
  const onChanged = vi.fn<() => void>();
  render(<FirstRun client={fake.client} onFeedAdded={onFeedAdded} onOpen={onOpen} onChanged={onChanged} />);
  return { fake, onFeedAdded, onOpen, onChanged, user: userEvent.setup() };
}

const opmlFile = (content: string, name = 'subscriptions.opml') => new File([content], name, { type: 'text/x-opml' });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('FirstRun', () => {
  it('explains the three ways to fill the library', () => {
    renderFirstRun();
    const pane = screen.getByRole('region', { name: 'Start your library' });
    expect(
      within(pane)
        .getAllByRole('heading', { level: 3 })
        .map((heading) => heading.textContent),
    ).toEqual(['Follow a feed', 'Import your subscriptions', 'Clip one page']);
    expect(within(pane).getByRole('textbox', { name: 'Feed or site URL' })).toBeInTheDocument();
    expect(within(pane).getByLabelText('Import an OPML file…')).toHaveAttribute('type', 'file');
    expect(within(pane).getByRole('textbox', { name: 'Page URL' })).toBeInTheDocument();
  });

  it('follows a feed by its address and hands the new feed on', async () => {
    stubNetwork();
    const { fake, onFeedAdded, user } = renderFirstRun();
    const field = screen.getByRole('textbox', { name: 'Feed or site URL' });
    await user.type(field, `  ${FEED_URL} `);
    await user.click(screen.getByRole('button', { name: 'Add feed' }));
    await waitFor(() => {
      expect(onFeedAdded).toHaveBeenCalledWith(expect.objectContaining({ title: 'Metals Desk', url: FEED_URL }));
    });
    expect(fake.requestsOf('feeds:add')).toEqual([{ url: FEED_URL }]);
    expect(field).toHaveValue('');
  });

  it('says what to type instead of asking the library with an empty address', async () => {
    const { fake, onFeedAdded, user } = renderFirstRun();
    await user.click(screen.getByRole('button', { name: 'Add feed' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter the address of a feed or of a site that has one.');
    expect(screen.getByRole('textbox', { name: 'Feed or site URL' })).toHaveAttribute('aria-invalid', 'true');
    expect(fake.requestsOf('feeds:add')).toEqual([]);
    expect(onFeedAdded).not.toHaveBeenCalled();
  });

  it('says why a feed could not be added, and keeps the address to correct', async () => {
    stubNetwork();
    const { onFeedAdded, user } = renderFirstRun();
    const field = screen.getByRole('textbox', { name: 'Feed or site URL' });
    await user.type(field, 'https://metals.example/about');
    await user.click(screen.getByRole('button', { name: 'Add feed' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Could not add this feed. https://metals.example/about is not a feed and does not link to one',
    );
    expect(field).toHaveAccessibleDescription(alert.textContent);
    expect(field).toHaveValue('https://metals.example/about');
    expect(onFeedAdded).not.toHaveBeenCalled();
  });

  it('imports subscriptions from an OPML file, then fetches the feeds it added', async () => {
    const { fake, onChanged, user } = renderFirstRun();
    await user.upload(screen.getByLabelText('Import an OPML file…'), opmlFile(OPML));
    await waitFor(() => {
      expect(onChanged).toHaveBeenCalled();
    });
    expect(fake.requestsOf('opml:import')).toEqual([{ content: OPML }]);
    expect(fake.requestsOf('feeds:refresh')).toEqual([{ feedIds: [1, 2] }]);
  });

  it('says why a file added nothing, or could not be read', async () => {
    const fake = createFakeClient();
    fake.library.addFeed({ url: 'https://mining.example/rss' });
    fake.library.addFeed({ url: 'https://gallium.example/atom' });
    const { onChanged, user } = renderFirstRun(fake);
    const picker = screen.getByLabelText('Import an OPML file…');
    await user.upload(picker, opmlFile(OPML));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'subscriptions.opml added no feeds. 2 feeds already subscribed.',
    );

    await user.upload(picker, opmlFile('<html>not a list</html>', 'notes.xml'));
    await waitFor(() => {
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Could not import notes.xml. the file is not an OPML document (no <opml> element)',
      );
    });
    expect(onChanged).not.toHaveBeenCalled();
    expect(fake.requestsOf('feeds:refresh')).toEqual([]);
  });

  it('loads the sample articles, busy while it does', async () => {
    const { fake, onChanged } = renderFirstRun();
    fireEvent.click(screen.getByRole('button', { name: 'Load sample articles' }));
    expect(screen.getByRole('button', { name: 'Loading…' })).toBeDisabled();
    await waitFor(() => {
      expect(onChanged).toHaveBeenCalledTimes(1);
    });
    expect(fake.requestsOf('library:loadSample')).toEqual([{}]);
    expect(screen.getByRole('button', { name: 'Load sample articles' })).toBeEnabled();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says why the sample could not be loaded, in plain words', async () => {
    const fake = createFakeClient();
    failNextCall(fake, 'library:loadSample', 'the sample library is missing');
    const { onChanged, user } = renderFirstRun(fake);
    await user.click(screen.getByRole('button', { name: 'Load sample articles' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the sample articles. the sample library is missing',
    );
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('says why a page could not be clipped', async () => {
    const fake = createFakeClient();
    failNextCall(fake, 'articles:clip', 'https://metals.example/story answered HTTP 404', 'feed-error');
    const { onOpen, user } = renderFirstRun(fake);
    await user.type(screen.getByRole('textbox', { name: 'Page URL' }), 'https://metals.example/story');
    await user.click(screen.getByRole('button', { name: 'Clip page' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not clip this page. https://metals.example/story answered HTTP 404',
    );
    expect(fake.requestsOf('articles:clip')).toEqual([{ url: 'https://metals.example/story' }]);
    expect(onOpen).not.toHaveBeenCalled();
  });
});
