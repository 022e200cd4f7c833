import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { OffprintError } from '../../../electron/shared/errors.ts';
import { ArticleListHarness as Harness, checkbox, checked, rowButton, seeded } from '../support/ArticleListHarness.tsx';
import { withVirtualListRoom } from '../support/virtualListLayout.ts';

withVirtualListRoom();

describe('SelectionBar', () => {
  it('selects every row of the list, then clears', async () => {
    const user = userEvent.setup();
    const fake = seeded(6);
    render(<Harness fake={fake} view={{ kind: 'saved' }} selectable />);
    await screen.findByRole('list', { name: 'Saved' });
    const bar = screen.getByRole('toolbar', { name: 'Selected articles' });
    await user.click(within(bar).getByRole('button', { name: 'Select all' }));
    expect(await within(bar).findByText('6 selected')).toBeInTheDocument();
    expect(checked()).toHaveLength(6);
    await user.click(within(bar).getByRole('button', { name: 'Clear' }));
    expect(checked()).toEqual([]);
    expect(bar).toHaveTextContent('Select articles to act on several at once');
  });

  it('marks the selected articles read in one call and clears the selection', async () => {
    const user = userEvent.setup();
    const fake = seeded(4);
    render(<Harness fake={fake} view={{ kind: 'saved' }} selectable />);
    await screen.findByRole('list', { name: 'Saved' });
    await user.click(checkbox('Story 1'));
    await user.click(checkbox('Story 2'));
    await user.click(screen.getByRole('button', { name: 'Mark read' }));
    expect(fake.requestsOf('articles:markRead')).toEqual([{ ids: ['a1', 'a2'], read: true }]);
    await waitFor(() => {
      expect(rowButton('Story 1')).not.toHaveClass('unread');
    });
    expect(checked()).toEqual([]);
  });

  it('unsaves each selected article', async () => {
    const user = userEvent.setup();
    const fake = seeded(4);
    render(<Harness fake={fake} view={{ kind: 'saved' }} selectable />);
    await screen.findByRole('list', { name: 'Saved' });
    await user.click(checkbox('Story 3'));
    await user.click(checkbox('Story 1'));
    await user.click(screen.getByRole('button', { name: 'Unsave' }));
    await waitFor(() => {
      expect(fake.requestsOf('articles:setSaved')).toEqual([
        { id: 'a3', saved: false },
        { id: 'a1', saved: false },
      ]);
    });
    expect(checked()).toEqual([]);
  });

  it('keeps the selection and says why when an action fails', async () => {
    const user = userEvent.setup();
    const fake = seeded(3);
    fake.library.failNext(
      'articles:markRead',
      new OffprintError('unavailable', 'articles:markRead: the library is closed'),
    );
    render(<Harness fake={fake} view={{ kind: 'saved' }} selectable />);
    await screen.findByRole('list', { name: 'Saved' });
    await user.click(checkbox('Story 2'));
    await user.click(screen.getByRole('button', { name: 'Mark read' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('the library is closed');
    expect(checked()).toEqual(['Select Story 2']);
  });
});
