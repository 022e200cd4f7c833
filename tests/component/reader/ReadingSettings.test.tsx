import { cleanup, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const STORAGE_KEY = 'offprint.readingSettings';

/**
 * The settings live in one store per page (a module): each test imports a
 * fresh copy, so it starts from what localStorage holds, as a page load does.
 */
async function renderSettings() {
  vi.resetModules();
  const { ReadingSettings } = await import('../../../renderer/src/components/ReadingSettings.tsx');
  render(<ReadingSettings />);
  // `hidden`: the popover's content counts as hidden until its button opens it (the browser's part).
  const panel = screen.getByRole('dialog', { name: 'Reading settings', hidden: true });
  return { panel, user: userEvent.setup() };
}

const root = document.documentElement;
const stored = (): unknown => JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
const checkedIn = (panel: HTMLElement, legend: string): string | undefined =>
  within(within(panel).getByRole('group', { name: legend, hidden: true }))
    .getAllByRole('radio', { hidden: true })
    .find((radio) => (radio as HTMLInputElement).checked)
    ?.closest('label')?.textContent ?? undefined;

function resetPage(): void {
  localStorage.clear();
  delete root.dataset['theme'];
  root.style.removeProperty('--reader-font-size');
  root.style.removeProperty('--reader-width');
}

beforeEach(resetPage);
afterEach(resetPage);

describe('ReadingSettings', () => {
  it('is a button that opens a popover of reading settings', async () => {
    const { panel } = await renderSettings();
    const toggle = screen.getByRole('button', { name: 'Reading settings' });
    expect(toggle).toHaveAttribute('popovertarget', panel.id);
    expect(panel).toHaveAttribute('popover', 'auto');
  });

  it('starts from the defaults: the system theme, 18 px, standard width', async () => {
    const { panel } = await renderSettings();
    expect(checkedIn(panel, 'Theme')).toBe('System');
    expect(checkedIn(panel, 'Line width')).toBe('Standard');
    expect(within(panel).getByRole('status', { hidden: true })).toHaveTextContent('18 px');
  });

  it('applies a theme to the page and keeps it; System leaves the choice to the OS', async () => {
    const { panel, user } = await renderSettings();
    await user.click(within(panel).getByRole('radio', { name: 'Sepia', hidden: true }));
    expect(root.dataset['theme']).toBe('sepia');
    expect(checkedIn(panel, 'Theme')).toBe('Sepia');
    expect(stored()).toMatchObject({ theme: 'sepia' });

    await user.click(within(panel).getByRole('radio', { name: 'System', hidden: true }));
    expect(root.dataset['theme']).toBeUndefined();
    expect(stored()).toMatchObject({ theme: 'system' });
  });

  it('steps the text size within its range, the buttons disabled at its ends', async () => {
    const { panel, user } = await renderSettings();
    const larger = within(panel).getByRole('button', { name: 'Larger text', hidden: true });
    const smaller = within(panel).getByRole('button', { name: 'Smaller text', hidden: true });
    const size = within(panel).getByRole('status', { hidden: true });

    await user.click(larger);
    expect(size).toHaveTextContent('20 px');
    expect(root.style.getPropertyValue('--reader-font-size')).toBe('20px');
    await user.click(larger);
    await user.click(larger);
    expect(size).toHaveTextContent('24 px');
    expect(larger).toBeDisabled();

    for (let step = 0; step < 6; step += 1) await user.click(smaller);
    expect(size).toHaveTextContent('15 px');
    expect(smaller).toBeDisabled();
    expect(larger).toBeEnabled();
    expect(stored()).toMatchObject({ fontSize: 15 });
  });

  it('sets the line width on the page', async () => {
    const { panel, user } = await renderSettings();
    await user.click(within(panel).getByRole('radio', { name: 'Wide', hidden: true }));
    expect(root.style.getPropertyValue('--reader-width')).toBe('76');
    await user.click(within(panel).getByRole('radio', { name: 'Narrow', hidden: true }));
    expect(root.style.getPropertyValue('--reader-width')).toBe('58');
    expect(stored()).toMatchObject({ lineWidth: 'narrow' });
  });

  it('comes back as it was left, and from a damaged entry with the defaults', async () => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ theme: 'dark', fontSize: 22, lineWidth: 'wide' }));
    const { panel } = await renderSettings();
    expect(checkedIn(panel, 'Theme')).toBe('Dark');
    expect(checkedIn(panel, 'Line width')).toBe('Wide');
    expect(within(panel).getByRole('status', { hidden: true })).toHaveTextContent('22 px');
    cleanup();

    localStorage.setItem(STORAGE_KEY, '{"theme": "neon", "fontSize": 99');
    const damaged = await renderSettings();
    expect(checkedIn(damaged.panel, 'Theme')).toBe('System');
    expect(within(damaged.panel).getByRole('status', { hidden: true })).toHaveTextContent('18 px');
  });
});
