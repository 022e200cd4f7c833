import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ShortcutHelp } from '../../../renderer/src/components/ShortcutHelp.tsx';

/** Each shortcut of a group as "keys: what it does", keys joined as they are read. */
function shortcutsIn(group: HTMLElement): string[] {
  return Array.from(group.querySelectorAll('.shortcut')).map(
    (shortcut) => `${shortcut.querySelector('dt')?.textContent}: ${shortcut.querySelector('dd')?.textContent}`,
  );
}

describe('ShortcutHelp', () => {
  it('opens as a modal dialog listing every shortcut by group', () => {
    render(<ShortcutHelp onClose={vi.fn()} />);
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog).toHaveAttribute('open');
    expect(
      within(dialog)
        .getAllByRole('heading', { level: 3 })
        .map((heading) => heading.textContent),
    ).toEqual(['Articles', 'Go to', 'In the list', 'Help']);
    expect(shortcutsIn(within(dialog).getByRole('region', { name: 'Articles' }))).toEqual([
      'j: Open the next article',
      'k: Open the previous article',
      'o: Open the original page in your browser',
      's: Save or unsave the open article',
      'm: Mark the open article read or unread',
    ]);
    // A sequence says so between its keys.
    expect(shortcutsIn(within(dialog).getByRole('region', { name: 'Go to' }))).toContain('g then a: All articles');
    expect(shortcutsIn(within(dialog).getByRole('region', { name: 'Help' }))).toEqual(['?: Show this list']);
  });

  it('closes with its Close button and tells its owner (Escape closes it natively, in the browser)', async () => {
    const onClose = vi.fn();
    render(<ShortcutHelp onClose={onClose} />);
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await userEvent.setup().click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(dialog).not.toHaveAttribute('open');
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
