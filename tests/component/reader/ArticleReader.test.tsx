// @vitest-environment jsdom
// jsdom, not happy-dom: DOMPurify does not work in happy-dom (it leaves <script> and onerror in place and
// drops allowed elements), so the reader's HTML path can only be checked in a DOM DOMPurify supports.
import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Article } from '../../../electron/shared/model.ts';
import { ArticleReader } from '../../../renderer/src/components/ArticleReader.tsx';
import type { FakeClient } from '../support/fakeClient.ts';
import { feedWithArticles } from '../support/feedWithArticles.ts';
import { failNextCall } from '../support/failNextCall.ts';

/** A content-addressed image in the local cache, as core rewrites a downloaded one. */
const CACHED_CHART = `offprint-image://${'a'.repeat(64)}.png`;
const CACHED_SMELTER = `offprint-image://${'b'.repeat(64)}.jpg`;

/** Where this page loads cached images from, recognisably (the host's route, say). */
const imageSource = (stored: string): string => `http://127.0.0.1:5000/images/${stored.slice(-8)}`;

function libraryWith(fields: Partial<Article> = {}): FakeClient {
  return feedWithArticles({ title: 'Metals Desk' }, [
    {
      id: 'article-1',
      title: 'Gallium exports halted',
      url: 'https://metals.example/gallium',
      author: 'Ana Ruiz',
      siteName: 'Metals Example',
      publishedAt: '2026-10-01T08:00:00.000Z',
      text: 'Export controls on gallium took effect in August.\nPrices in Europe doubled.',
      ...fields,
    },
  ]);
}

function renderReader(fake: FakeClient, articleId = 'article-1') {
  const onOpen = vi.fn();
  const view = render(
    <ArticleReader client={fake.client} articleId={articleId} revision={0} imageSource={imageSource} onOpen={onOpen} />,
  );
  const rerenderAt = (revision: number): void => {
    view.rerender(
      <ArticleReader
        client={fake.client}
        articleId={articleId}
        revision={revision}
        imageSource={imageSource}
        onOpen={onOpen}
      />,
    );
  };
  return { onOpen, rerenderAt, user: userEvent.setup() };
}

/** The reader once its article is in, named by the article's title. */
const opened = (title = 'Gallium exports halted') => screen.findByRole('article', { name: title });

/** The article body (the stored HTML after the reader's purification), once it is shown. */
async function bodyOf(html: string): Promise<HTMLElement> {
  renderReader(libraryWith({ contentHtml: html }));
  const reader = await opened();
  const body = reader.querySelector<HTMLElement>('.article-html');
  if (body === null) throw new Error('the reader shows no article HTML');
  return body;
}

describe('ArticleReader', () => {
  it('says it is loading, then shows the title, source, site, author and date', async () => {
    renderReader(libraryWith());
    expect(screen.getByText('Loading article…')).toBeInTheDocument();

    const reader = await opened();
    expect(within(reader).getByRole('heading', { level: 2 })).toHaveTextContent('Gallium exports halted');
    const meta = reader.querySelector('.reader-meta');
    expect(meta).toHaveTextContent('Metals Desk');
    expect(meta).toHaveTextContent('Metals Example');
    expect(meta).toHaveTextContent('Ana Ruiz');
    const time = reader.querySelector('time');
    expect(time).toHaveAttribute('dateTime', '2026-10-01T08:00:00.000Z');
    expect(time?.textContent).toMatch(/2026/);
    expect(screen.queryByText('Loading article…')).not.toBeInTheDocument();
  });

  it('names the site once when it is the feed, and dates an undated article by when it was fetched', async () => {
    renderReader(
      libraryWith({ siteName: 'Metals Desk', author: null, publishedAt: null, fetchedAt: '2026-09-30T12:00:00.000Z' }),
    );
    const reader = await opened();
    expect(reader.querySelector('.reader-meta')?.textContent).not.toMatch(/Metals Desk.*Metals Desk/);
    expect(reader.querySelector('.reader-site')).toBeNull();
    expect(reader.querySelector('time')).toHaveAttribute('dateTime', '2026-09-30T12:00:00.000Z');
  });

  it('links to the original outside the app, without a referrer or an opener', async () => {
    renderReader(libraryWith());
    const reader = await opened();
    const link = within(reader).getByRole('link', { name: 'Open original' });
    expect(link).toHaveAttribute('href', 'https://metals.example/gallium');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it.each(['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd'])(
    'offers no link for a stored address that is not a web address (%s)',
    async (url) => {
      renderReader(libraryWith({ url }));
      const reader = await opened();
      expect(within(reader).queryByRole('link', { name: 'Open original' })).not.toBeInTheDocument();
    },
  );

  it('has no link when the article has no address', async () => {
    renderReader(libraryWith({ url: null }));
    const reader = await opened();
    expect(within(reader).queryByRole('link', { name: 'Open original' })).not.toBeInTheDocument();
  });

  it('shows stored HTML with scripts, event handlers and unsafe links taken out', async () => {
    const body = await bodyOf(
      [
        '<p>Prices <b>doubled</b> in Europe.</p>',
        '<script>window.offprintPwned = true</script>',
        `<img src="${CACHED_CHART}" alt="Chart" onerror="window.offprintPwned = true">`,
        '<p onclick="window.offprintPwned = true">Click me</p>',
        '<a href="javascript:window.offprintPwned = true">bad link</a>',
        '<a href="https://metals.example/source">good link</a>',
        '<iframe src="https://metals.example/embed"></iframe>',
      ].join(''),
    );
    expect(within(body).getByText('doubled').tagName).toBe('B');
    expect(within(body).getByText('Click me').tagName).toBe('P');
    expect(body.querySelector('script, iframe')).toBeNull();
    expect(body.querySelector('[onerror], [onclick]')).toBeNull();
    expect(body.innerHTML).not.toContain('offprintPwned');
    expect(within(body).getByText('bad link')).not.toHaveAttribute('href');
    const good = within(body).getByRole('link', { name: 'good link' });
    expect(good).toHaveAttribute('href', 'https://metals.example/source');
    expect(good).toHaveAttribute('target', '_blank');
    expect(good).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('loads cached images from this page’s image source and never from the network', async () => {
    const body = await bodyOf(
      `<p><img src="${CACHED_CHART}" alt="Chart"></p><p><img src="https://tracker.example/pixel.gif" alt="Pixel"></p>`,
    );
    expect(within(body).getByRole('img', { name: 'Chart' })).toHaveAttribute('src', imageSource(CACHED_CHART));
    // An image the cache does not hold is a box that says so, not a request.
    expect(body.querySelector('img[src^="https://"]')).toBeNull();
    expect(
      within(body).getByRole('img', { name: 'Pixel. Image not saved for offline reading (not downloaded yet).' }),
    ).toHaveTextContent('Image not saved for offline reading (not downloaded yet).');
  });

  it('puts a placeholder in words where an image could not be saved', async () => {
    const body = await bodyOf(
      '<p>Before.</p><img data-offprint-missing="http-404" alt="Mine map"><img data-offprint-missing="timeout">',
    );
    expect(
      within(body).getByRole('img', { name: 'Mine map. Image not saved for offline reading (server said 404).' }),
    ).toHaveTextContent('Mine mapImage not saved for offline reading (server said 404).');
    expect(
      within(body).getByRole('img', { name: 'Image not saved for offline reading (the server took too long).' }),
    ).toBeInTheDocument();
    expect(body.querySelector('img')).toBeNull();
  });

  it('keeps figures with their captions', async () => {
    const body = await bodyOf(
      `<figure><img src="${CACHED_SMELTER}" alt="Smelter"><figcaption>The smelter at dawn</figcaption></figure>`,
    );
    const figure = within(body).getByRole('figure');
    expect(within(figure).getByRole('img', { name: 'Smelter' })).toHaveAttribute('src', imageSource(CACHED_SMELTER));
    expect(figure.querySelector('figcaption')).toHaveTextContent('The smelter at dawn');
  });

  it('shows an article stored without markup as paragraphs of text', async () => {
    renderReader(libraryWith({ contentHtml: 'Copper < gold, as ever.\n\nNo markup here' }));
    const reader = await opened();
    expect(reader.querySelector('.article-html')).toBeNull();
    const paragraphs = Array.from(reader.querySelectorAll('.reader-body p')).map((paragraph) => paragraph.textContent);
    expect(paragraphs).toEqual(['Export controls on gallium took effect in August.', 'Prices in Europe doubled.']);
  });

  it('saves and unsaves the article through the library', async () => {
    const fake = libraryWith();
    const { user } = renderReader(fake);
    await opened();
    const save = screen.getByRole('button', { name: '☆ Save' });
    expect(save).toHaveAttribute('aria-pressed', 'false');

    await user.click(save);
    const saved = await screen.findByRole('button', { name: '★ Saved' });
    expect(saved).toHaveAttribute('aria-pressed', 'true');
    await user.click(saved);
    expect(await screen.findByRole('button', { name: '☆ Save' })).toHaveAttribute('aria-pressed', 'false');
    expect(fake.requestsOf('articles:setSaved')).toEqual([
      { id: 'article-1', saved: true },
      { id: 'article-1', saved: false },
    ]);
  });

  it('says why saving failed, in plain words, and leaves the article unsaved', async () => {
    const fake = libraryWith();
    const { user } = renderReader(fake);
    await opened();
    failNextCall(fake, 'articles:setSaved', 'the library is closed');
    await user.click(screen.getByRole('button', { name: '☆ Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('the library is closed');
    expect(screen.getByRole('alert')).not.toHaveTextContent('articles:setSaved');
    expect(screen.getByRole('button', { name: '☆ Save' })).toHaveAttribute('aria-pressed', 'false');
  });

  it('adds, edits and deletes notes, reloading the article after each', async () => {
    const fake = libraryWith();
    const { user } = renderReader(fake);
    const reader = await opened();
    const panel = within(reader).getByRole('region', { name: 'Highlights and notes' });

    await user.type(within(panel).getByRole('textbox', { name: 'New note' }), 'Call the desk');
    await user.click(within(panel).getByRole('button', { name: 'Add note' }));
    expect(await within(panel).findByText('Call the desk')).toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Edit' }));
    const editor = within(panel).getByRole('textbox', { name: 'Edit note' });
    await user.clear(editor);
    await user.type(editor, 'Call the desk on Monday');
    await user.click(within(panel).getByRole('button', { name: 'Save note' }));
    expect(await within(panel).findByText('Call the desk on Monday')).toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Delete' }));
    await waitFor(() => {
      expect(within(panel).queryByText('Call the desk on Monday')).not.toBeInTheDocument();
    });
    expect(fake.requestsOf('articles:get').length).toBeGreaterThanOrEqual(4);
  });

  it('says when the full page failed, why, and which images are missing', async () => {
    renderReader(
      libraryWith({
        offline: {
          page: 'failed',
          pageError: 'pages:fetch: metals.example answered HTTP 503.',
          imagesCached: 1,
          imagesMissing: [
            { url: 'https://metals.example/a.png', reason: 'images:fetch: the server took too long' },
            { url: 'https://metals.example/b.png', reason: 'Not an image' },
          ],
        },
      }),
    );
    const reader = await opened();
    const notice = within(reader).getByRole('note', { name: 'Offline copy' });
    expect(notice).toHaveTextContent(
      "Showing the feed's summary: the full article could not be fetched (metals.example answered HTTP 503).",
    );
    expect(within(notice).getByText('2 images not saved')).toBeInTheDocument();
    expect(
      within(notice)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['the server took too long', 'Not an image']);
  });

  it('says when the full page is not fetched yet, and nothing when the article is complete', async () => {
    const fake = libraryWith({ offline: { page: 'pending', pageError: null, imagesCached: 0, imagesMissing: [] } });
    const { rerenderAt } = renderReader(fake);
    const reader = await opened();
    expect(within(reader).getByRole('note', { name: 'Offline copy' })).toHaveTextContent('Full text not fetched yet.');

    // An offline pass fetched the page; the library says it changed and the reader reloads.
    fake.library.addArticle({
      id: 'article-1',
      title: 'Gallium exports halted',
      offline: { page: 'ok', pageError: null, imagesCached: 0, imagesMissing: [] },
    });
    rerenderAt(1);
    await waitFor(() => {
      expect(screen.queryByRole('note', { name: 'Offline copy' })).not.toBeInTheDocument();
    });
  });

  it('says in words when the article cannot be opened', async () => {
    renderReader(libraryWith(), 'no-such-article');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not open this article. no article with id no-such-article');
    expect(screen.getByRole('region', { name: 'Reader' })).toContainElement(alert);
  });

  it('says in words when the library fails to answer', async () => {
    const fake = libraryWith();
    failNextCall(fake, 'articles:get', 'the library is closed');
    renderReader(fake);
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not open this article. the library is closed');
  });
});
