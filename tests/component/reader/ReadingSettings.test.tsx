import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../electron/shared/settings.ts';
import { createFakeClient, type FakeClient } from '../support/fakeClient.ts';
import { failNextCall } from '../support/failNextCall.ts';

const STORAGE_KEY = 'offprint.readingSettings';

/**
 * The settings live in one store per page (a module): each test imports a
 * fresh copy, so it starts from what localStorage holds, as a page load does.
 */
async function renderSettings(fake?: FakeClient) {
  vi.resetModules();
  const { ReadingSettings } = await import('../../../renderer/src/components/ReadingSettings.tsx');
  const { connectReadingSettings } = await import('../../../renderer/src/hooks/useReadingSettings.ts');
  if (fake) disconnect = connectReadingSettings(fake.client);
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

let disconnect = (): void => undefined;

function resetPage(): void {
  disconnect();
  disconnect = () => undefined;
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

  describe("with the library's settings (settings:get, settings:update, settings:changed)", () => {
    const statusOf = (panel: HTMLElement) => within(panel).getByRole('status', { hidden: true });

    it("shows the library's settings over the copy the page kept", async () => {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ theme: 'sepia', fontSize: 16, lineWidth: 'narrow' }));
      const fake = createFakeClient();
      await fake.library.handlers['settings:update']({ theme: 'dark', fontSize: 22, lineWidth: 'wide' });
      const { panel } = await renderSettings(fake);
      await waitFor(() => {
        expect(checkedIn(panel, 'Theme')).toBe('Dark');
      });
      expect(statusOf(panel)).toHaveTextContent('22 px');
      expect(checkedIn(panel, 'Line width')).toBe('Wide');
      expect(root.dataset['theme']).toBe('dark');
      // The page's copy follows, for the next first frame.
      expect(stored()).toEqual({ theme: 'dark', fontSize: 22, lineWidth: 'wide' });
    });

    it('sends a change made here to the library', async () => {
      const fake = createFakeClient();
      const { panel, user } = await renderSettings(fake);
      await waitFor(() => {
        expect(fake.requestsOf('settings:get')).toHaveLength(1);
      });
      await user.click(within(panel).getByRole('radio', { name: 'Sepia', hidden: true }));
      await user.click(within(panel).getByRole('button', { name: 'Larger text', hidden: true }));
      expect(fake.requestsOf('settings:update')).toEqual([{ theme: 'sepia' }, { fontSize: 20 }]);
      await waitFor(async () => {
        expect(await fake.library.handlers['settings:get']({})).toEqual({
          ...DEFAULT_SETTINGS,
          theme: 'sepia',
          fontSize: 20,
        });
      });
      expect(checkedIn(panel, 'Theme')).toBe('Sepia');
      expect(statusOf(panel)).toHaveTextContent('20 px');
    });

    it('follows a change made elsewhere (another window, the host, the CLI)', async () => {
      const fake = createFakeClient();
      const { panel } = await renderSettings(fake);
      await waitFor(() => {
        expect(fake.requestsOf('settings:get')).toHaveLength(1);
      });
      await act(async () => {
        await fake.library.handlers['settings:update']({ lineWidth: 'narrow', theme: 'light' });
      });
      expect(checkedIn(panel, 'Line width')).toBe('Narrow');
      expect(checkedIn(panel, 'Theme')).toBe('Light');
      expect(root.style.getPropertyValue('--reader-width')).toBe('58');
    });

    it('keeps a change the library refused applied on the page, and says so in the log', async () => {
      const fake = createFakeClient();
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const { panel, user } = await renderSettings(fake);
      await waitFor(() => {
        expect(fake.requestsOf('settings:get')).toHaveLength(1);
      });
      failNextCall(fake, 'settings:update', 'the disk is full');
      await user.click(within(panel).getByRole('radio', { name: 'Dark', hidden: true }));
      await waitFor(() => {
        expect(logged).toHaveBeenCalledWith('reading settings: not saved: settings:update: the disk is full');
      });
      expect(root.dataset['theme']).toBe('dark');
      logged.mockRestore();
    });
  });
});
