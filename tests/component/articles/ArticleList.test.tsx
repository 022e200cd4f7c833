import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { OffprintError } from '../../../electron/shared/errors.ts';
import {
  ArticleListHarness as Harness,
  checkbox,
  checked,
  rowButton,
  rowItem,
  seeded,
} from '../support/ArticleListHarness.tsx';
import { createFakeClient } from '../support/fakeClient.ts';
import { withVirtualListRoom } from '../support/virtualListLayout.ts';

withVirtualListRoom();

describe('ArticleList', () => {
  it('shows the view’s articles newest first, with the total in the heading', async () => {
    render(<Harness fake={seeded(5)} view={{ kind: 'all' }} />);
    const list = await screen.findByRole('list', { name: 'Saved' });
    expect(
      within(list)
        .getAllByRole('button')
        .map((button) => button.querySelector('.article-title')?.textContent),
    ).toEqual(['Story 1', 'Story 2', 'Story 3', 'Story 4', 'Story 5']);
    expect(screen.getByRole('heading', { name: /Saved/ })).toHaveTextContent('Saved · 5');
    // Each row says where it is in the whole list.
    expect(within(list).getAllByRole('listitem')[1]).toHaveAttribute('aria-posinset', '2');
    expect(within(list).getAllByRole('listitem')[1]).toHaveAttribute('aria-setsize', '5');
  });

  it('marks unread rows with a dot, saved ones with ★ and ones not on disk with a hollow circle', async () => {
    render(<Harness fake={seeded(4)} view={{ kind: 'all' }} />);
    await screen.findByRole('list', { name: 'Saved' });
    const unread = rowButton('Story 1');
    const unreadItem = rowItem('Story 1');
    expect(unreadItem.querySelector('.article-row')).toHaveClass('unread');
    expect(within(unread).getByRole('img', { name: 'Unread' })).toBeInTheDocument();
    // The row's button holds the title alone (its name is all its visible text), described by the dot and the details beside it.
    expect(unread).toHaveTextContent(/^Story 1$/);
    const describedBy = (unread.getAttribute('aria-describedby') ?? '').split(' ');
    expect(describedBy.map((id) => document.getElementById(id))).toEqual([
      within(unread).getByRole('img', { name: 'Unread' }),
      unreadItem.querySelector('.article-details'),
    ]);
    expect(within(unreadItem).getByRole('img', { name: 'Saved' })).toHaveTextContent('★');

    const read = rowItem('Story 3');
    expect(read.querySelector('.article-row')).not.toHaveClass('unread');
    expect(within(read).queryByRole('img', { name: 'Unread' })).not.toBeInTheDocument();

    expect(
      within(rowItem('Story 4')).getByRole('img', { name: 'Not fully saved for offline reading' }),
    ).toBeInTheDocument();
    expect(
      within(unreadItem).queryByRole('img', { name: 'Not fully saved for offline reading' }),
    ).not.toBeInTheDocument();
  });

  it('marks rows with notes or highlights with ✎, its label saying how many', async () => {
    const fake = seeded(3);
    await fake.client.notes.add({ articleId: 'a2', text: 'Ask the desk.' });
    await fake.client.notes.add({ articleId: 'a2', text: 'And the port.' });
    fake.library.addArticle({
      id: 'a9',
      feedId: 1,
      title: 'Story 9',
      text: 'Gallium supply is tight.',
      publishedAt: '2026-01-01T00:00:00.000Z',
    });
    expect((await fake.client.highlights.add({ articleId: 'a9', quote: 'supply' })).ok).toBe(true);
    expect((await fake.client.notes.add({ articleId: 'a9', text: 'Check.' })).ok).toBe(true);
    render(<Harness fake={fake} view={{ kind: 'all' }} />);
    await screen.findByRole('list', { name: 'Saved' });
    expect(within(rowItem('Story 2')).getByRole('img', { name: '2 notes' })).toHaveTextContent('✎');
    expect(within(rowItem('Story 9')).getByRole('img', { name: '1 note, 1 highlight' })).toBeInTheDocument();
    expect(within(rowItem('Story 1')).queryByText('✎')).not.toBeInTheDocument();
  });

  it('opens a row on click and marks it as the open one', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    render(<Harness fake={seeded(3)} view={{ kind: 'all' }} onOpen={onOpen} />);
    await screen.findByRole('list', { name: 'Saved' });
    await user.click(rowButton('Story 2'));
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'a2', title: 'Story 2' }), 1);
    expect(rowButton('Story 2')).toHaveAttribute('aria-current', 'true');
    expect(rowButton('Story 1')).not.toHaveAttribute('aria-current');
  });

  it('asks articles:list for the view and says when it is empty or failed', async () => {
    const fake = seeded(2);
    const { unmount } = render(<Harness fake={fake} view={{ kind: 'unread' }} />);
    await screen.findByRole('list', { name: 'Saved' });
    expect(fake.requestsOf('articles:list')[0]).toMatchObject({ unread: true, offset: 0 });
    unmount();

    render(<Harness fake={createFakeClient()} view={{ kind: 'all' }} />);
    expect(await screen.findByText('No articles here yet.')).toBeInTheDocument();

    const failing = createFakeClient();
    failing.library.failNext('articles:list', new OffprintError('unavailable', 'articles:list: the library is closed'));
    render(<Harness fake={failing} view={{ kind: 'saved' }} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load articles. the library is closed');
  });

  it('selects rows with their checkboxes, and a shift-click selects the range from the last one', async () => {
    const user = userEvent.setup();
    render(<Harness fake={seeded(8)} view={{ kind: 'saved' }} selectable />);
    await screen.findByRole('list', { name: 'Saved' });
    expect(screen.getByRole('toolbar', { name: 'Selected articles' })).toHaveTextContent(
      'Select articles to act on several at once',
    );

    await user.click(checkbox('Story 2'));
    await user.keyboard('{Shift>}');
    await user.click(checkbox('Story 5'));
    await user.keyboard('{/Shift}');
    await waitFor(() => {
      expect(checked()).toEqual(['Select Story 2', 'Select Story 3', 'Select Story 4', 'Select Story 5']);
    });
    expect(screen.getByRole('toolbar', { name: 'Selected articles' })).toHaveTextContent('4 selected');

    // Shift-clicking a selected row clears the range back to the last one toggled.
    await user.keyboard('{Shift>}');
    await user.click(checkbox('Story 4'));
    await user.keyboard('{/Shift}');
    await waitFor(() => {
      expect(checked()).toEqual(['Select Story 2', 'Select Story 3']);
    });

    // A plain click toggles one row only.
    await user.click(checkbox('Story 7'));
    expect(checked()).toEqual(['Select Story 2', 'Select Story 3', 'Select Story 7']);
    // Selecting does not open the article.
    expect(rowButton('Story 7')).not.toHaveAttribute('aria-current');
  });
});
