import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { LibraryNav } from '../../../renderer/src/components/LibraryNav.tsx';
import type { View } from '../../../renderer/src/state/view.ts';

describe('LibraryNav', () => {
  it('lists All, Unread and Saved and marks the current view', () => {
    render(<LibraryNav view={{ kind: 'unread' }} onSelect={vi.fn()} unread={12} saved={3} />);
    const buttons = screen.getAllByRole('button');
    expect(buttons.map((button) => button.textContent)).toEqual(['All articles', 'Unread12', 'Saved3']);
    expect(screen.getByRole('button', { name: /^Unread/ })).toHaveAttribute('aria-current', 'true');
    expect(screen.getByRole('button', { name: /^All articles/ })).not.toHaveAttribute('aria-current');
  });

  it('names the counts for screen readers and hides them when there is nothing', () => {
    const { rerender } = render(<LibraryNav view={{ kind: 'all' }} onSelect={vi.fn()} unread={12} saved={3} />);
    expect(within(screen.getByRole('button', { name: /^Unread/ })).getByLabelText('12 unread')).toBeInTheDocument();
    expect(within(screen.getByRole('button', { name: /^Saved/ })).getByLabelText('3 saved')).toBeInTheDocument();

    rerender(<LibraryNav view={{ kind: 'all' }} onSelect={vi.fn()} unread={0} saved={0} />);
    expect(screen.queryByLabelText(/unread$/)).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/saved$/)).not.toBeInTheDocument();

    // The saved count is unknown until the library answers.
    rerender(<LibraryNav view={{ kind: 'all' }} onSelect={vi.fn()} unread={0} saved={null} />);
    expect(screen.getByRole('button', { name: /^Saved/ }).textContent).toBe('Saved');
  });

  it('selects a view on click', async () => {
    const user = userEvent.setup();
    const selected: View[] = [];
    render(
      <LibraryNav
        view={{ kind: 'all' }}
        onSelect={(view) => {
          selected.push(view);
        }}
        unread={1}
        saved={1}
      />,
    );
    await user.click(screen.getByRole('button', { name: /^Saved/ }));
    await user.click(screen.getByRole('button', { name: /^Unread/ }));
    await user.click(screen.getByRole('button', { name: /^All articles/ }));
    expect(selected).toEqual([{ kind: 'saved' }, { kind: 'unread' }, { kind: 'all' }]);
  });
});
