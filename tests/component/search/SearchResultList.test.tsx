import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { ArticleSummary } from '../../../electron/shared/model.ts';
import { SearchResultList } from '../../../renderer/src/components/SearchResultList.tsx';
import { useLibraryRevision } from '../../../renderer/src/hooks/useLibraryRevision.ts';
import { useSearchRows } from '../../../renderer/src/hooks/useSearchRows.ts';
import { ALL_ARTICLES } from '../../../renderer/src/state/view.ts';
import type { FakeClient } from '../support/fakeClient.ts';
import { feedWithArticles, type ArticleFields } from '../support/feedWithArticles.ts';
import { withVirtualListRoom } from '../support/virtualListLayout.ts';
import { failNextCall } from '../support/failNextCall.ts';

withVirtualListRoom();

/**
 * The fake library ranks matches in the order they were added: here neither
 * newest first nor by title, so a list that re-sorted them would show it.
 */
const ARTICLES: readonly ArticleFields[] = [
  {
    id: 'middle',
    title: 'Gallium exports halted',
    text: 'Beijing halted gallium exports; gallium prices rose.',
    publishedAt: '2026-10-02T00:00:00.000Z',
    read: true,
  },
  {
    id: 'oldest',
    title: 'Chip makers and gallium',
    text: 'Fabs hold three months of stock.',
    publishedAt: '2026-10-01T00:00:00.000Z',
  },
  {
    id: 'newest',
    title: 'Where the metal goes',
    text: 'Most gallium ends up in <b>LEDs</b>.',
    publishedAt: '2026-10-03T00:00:00.000Z',
    offlineReady: false,
  },
  { id: 'other', title: 'Copper steady', text: 'Nothing about it.', publishedAt: '2026-10-04T00:00:00.000Z' },
];

function seeded(): FakeClient {
  return feedWithArticles({ title: 'Metals Desk' }, ARTICLES);
}

interface HarnessProps {
  readonly fake: FakeClient;
  readonly query: string;
  readonly onOpen: (article: ArticleSummary, index: number) => void;
}

/** The middle pane while searching, as the app wires it: typed query → useSearchRows → the list. */
function Harness({ fake, query, onOpen }: HarnessProps) {
  const [revision] = useLibraryRevision(fake.client);
  const { rows, stale } = useSearchRows(fake.client, { query, sort: 'relevance' }, ALL_ARTICLES, revision);
  const [open, setOpen] = useState<{ readonly id: string; readonly index: number } | null>(null);
  return (
    <SearchResultList
      search={rows}
      stale={stale}
      openArticleId={open?.id ?? null}
      openIndex={open?.index ?? null}
      onOpen={(article, index) => {
        setOpen({ id: article.id, index });
        onOpen(article, index);
      }}
    />
  );
}

function renderSearch(query: string, fake = seeded()) {
  const onOpen = vi.fn<(article: ArticleSummary, index: number) => void>();
  const view = render(<Harness fake={fake} query={query} onOpen={onOpen} />);
  const retype = (next: string): void => {
    view.rerender(<Harness fake={fake} query={next} onOpen={onOpen} />);
  };
  return { fake, onOpen, retype, user: userEvent.setup() };
}

const results = () => screen.findByRole('list', { name: 'Search results' });
const hit = (title: string) => screen.getByRole('button', { name: title });
/** The whole row of a hit: its button (the title) and the details beside or inside it. */
function rowOf(title: string): HTMLElement {
  const row = hit(title).closest('li');
  if (row === null) throw new Error(`${title} is not in a list row`);
  return row;
}
const marked = (element: Element): string[] =>
  Array.from(element.querySelectorAll('mark')).map((mark) => mark.textContent);

describe('SearchResultList', () => {
  it('shows the hits in the order the library ranked them, with the count in the heading', async () => {
    renderSearch('gallium');
    const list = await results();
    expect(
      within(list)
        .getAllByRole('button')
        .map((row) => row.querySelector('.article-title')?.textContent),
    ).toEqual(['Gallium exports halted', 'Chip makers and gallium', 'Where the metal goes']);
    expect(screen.getByRole('heading', { name: /Search results/ })).toHaveTextContent('Search results · 3 articles');
    expect(within(list).getAllByRole('listitem')[2]).toHaveAttribute('aria-posinset', '3');
  });

  it('marks the matched words in titles and snippets, as text', async () => {
    renderSearch('gallium');
    await results();
    const first = rowOf('Gallium exports halted');
    expect(marked(first.querySelector('.article-title') ?? first)).toEqual(['Gallium']);
    expect(marked(first.querySelector('.search-snippet') ?? first)).toEqual(['gallium', 'gallium']);
    // A title without the word has no mark; its snippet still does.
    const third = rowOf('Where the metal goes');
    expect(marked(third.querySelector('.article-title') ?? third)).toEqual([]);
    expect(marked(third.querySelector('.search-snippet') ?? third)).toEqual(['gallium']);
    // Article text is never markup: the tags in it are shown as typed.
    expect(third.querySelector('.search-snippet')).toHaveTextContent('Most gallium ends up in <b>LEDs</b>.');
    expect(third.querySelector('b')).toBeNull();
  });

  it('names each hit by its title and describes it by its snippet, source and state', async () => {
    renderSearch('gallium');
    await results();
    const first = hit('Gallium exports halted');
    expect(first).toHaveAccessibleDescription(expect.stringContaining('Beijing halted gallium exports'));
    expect(first).toHaveAccessibleDescription(expect.stringContaining('Metals Desk'));
    expect(within(rowOf('Gallium exports halted')).queryByRole('img', { name: 'Unread' })).not.toBeInTheDocument();
    expect(within(rowOf('Chip makers and gallium')).getByRole('img', { name: 'Unread' })).toBeInTheDocument();
    expect(
      within(rowOf('Where the metal goes')).getByRole('img', { name: 'Not fully saved for offline reading' }),
    ).toBeInTheDocument();
  });

  it('opens a hit on click and marks it as the open one', async () => {
    const { onOpen, user } = renderSearch('gallium');
    await results();
    await user.click(hit('Chip makers and gallium'));
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'oldest' }), 1);
    expect(hit('Chip makers and gallium')).toHaveAttribute('aria-current', 'true');
    expect(hit('Gallium exports halted')).not.toHaveAttribute('aria-current');
  });

  it('opens a hit from the keyboard: arrows move between hits, Enter opens', async () => {
    const { onOpen, user } = renderSearch('gallium');
    await results();
    await user.click(hit('Gallium exports halted'));
    await user.keyboard('{ArrowDown}');
    expect(hit('Chip makers and gallium')).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(onOpen).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'oldest' }), 1);
  });

  it('says in words when nothing matches', async () => {
    renderSearch('zinc');
    expect(await screen.findByText('No articles match this search.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /Search results/ })).toHaveTextContent('Search results · 0 articles');
    expect(screen.queryByRole('list', { name: 'Search results' })).not.toBeInTheDocument();
  });

  it('says it is searching until the first answer arrives', async () => {
    renderSearch('gallium');
    expect(screen.getByText('Searching…')).toBeInTheDocument();
    await results();
    expect(screen.queryByText('Searching…')).not.toBeInTheDocument();
  });

  it('says why the search failed, in plain words', async () => {
    const fake = seeded();
    failNextCall(fake, 'search:query', 'the query has a quote that is never closed', 'bad-request');
    renderSearch('"gallium', fake);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Search failed. the query has a quote that is never closed');
    expect(alert).not.toHaveTextContent('search:query');
    expect(screen.queryByRole('list', { name: 'Search results' })).not.toBeInTheDocument();
  });

  it('keeps the old hits, dimmed as busy, until a new query is answered', async () => {
    const { retype } = renderSearch('gallium');
    const list = await results();
    expect(list).toHaveAttribute('aria-busy', 'false');

    retype('copper');
    expect(list).toHaveAttribute('aria-busy', 'true');
    expect(hit('Gallium exports halted')).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.getByRole('button', { name: 'Copper steady' })).toBeInTheDocument();
    });
    expect(screen.getByRole('list', { name: 'Search results' })).toHaveAttribute('aria-busy', 'false');
    expect(screen.queryByRole('button', { name: 'Gallium exports halted' })).not.toBeInTheDocument();
  });
});
