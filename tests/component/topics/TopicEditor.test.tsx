import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OffprintError } from '../../../electron/shared/errors.ts';
import type { Topic } from '../../../electron/shared/model.ts';
import { TopicEditor, type TopicDraft } from '../../../renderer/src/components/TopicEditor.tsx';
import { createFakeClient, type FakeClient } from '../support/fakeClient.ts';

/** The editor waits this long after the last change to the rule before it asks for a preview. */
const PREVIEW_DELAY_MS = 250;

function seeded(): FakeClient {
  const fake = createFakeClient();
  const feed = fake.library.addFeed({ title: 'Mining Weekly' });
  fake.library.addArticle({
    id: 'a1',
    feedId: feed.id,
    title: 'Gallium exports halted',
    publishedAt: '2026-10-01T00:00:00.000Z',
  });
  fake.library.addArticle({
    id: 'a2',
    feedId: feed.id,
    title: 'Germanium prices jump',
    publishedAt: '2026-10-03T00:00:00.000Z',
  });
  fake.library.addArticle({
    id: 'a3',
    feedId: feed.id,
    title: 'Copper steady',
    publishedAt: '2026-10-02T00:00:00.000Z',
  });
  return fake;
}

function renderEditor(fake: FakeClient, draft: TopicDraft) {
  const onClose = vi.fn<(saved: Topic | null) => void>();
  render(<TopicEditor client={fake.client} draft={draft} onClose={onClose} />);
  const dialog = screen.getByRole('dialog');
  return {
    onClose,
    dialog,
    name: within(dialog).getByLabelText('Name'),
    rule: within(dialog).getByLabelText('Rule'),
    preview: () => dialog.querySelector('.topic-preview')?.textContent ?? '',
  };
}

/** Lets the debounce run out and the fake library's answer arrive. */
async function elapse(milliseconds: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(milliseconds);
  });
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('TopicEditor', () => {
  it('opens as a modal dialog named for what it does', () => {
    const { dialog, name, rule } = renderEditor(seeded(), { kind: 'new', query: '' });
    expect(dialog).toHaveAttribute('open');
    expect(dialog).toHaveAccessibleName('New topic');
    expect(name).toHaveValue('');
    expect(rule).toHaveValue('');
    expect(within(dialog).getByText(/Type a rule in the search language/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Save topic' })).toBeDisabled();
    expect(within(dialog).queryByRole('button', { name: 'Delete topic' })).not.toBeInTheDocument();
  });

  it('previews the rule only once typing pauses, then shows the count and the newest matches', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fake = seeded();
    const { rule, preview } = renderEditor(fake, { kind: 'new', query: '' });

    for (const value of ['g', 'ga', 'gal', 'gallium', 'gallium OR germanium']) {
      fireEvent.change(rule, { target: { value } });
      await elapse(PREVIEW_DELAY_MS - 50);
    }
    expect(fake.requestsOf('topics:preview')).toEqual([]);
    expect(preview()).toMatch(/Type a rule/);

    await elapse(50);
    expect(fake.requestsOf('topics:preview')).toEqual([{ query: 'gallium OR germanium', limit: 5 }]);
    expect(preview()).toContain('Matches 2 articles in the library');
    expect(
      within(screen.getByRole('dialog'))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Germanium prices jump', 'Gallium exports halted']);

    // Editing the rule again keeps the last preview until the new one is asked for.
    fireEvent.change(rule, { target: { value: 'copper' } });
    await elapse(PREVIEW_DELAY_MS - 1);
    expect(preview()).toContain('Matches 2 articles');
    await elapse(1);
    expect(fake.requestsOf('topics:preview')).toHaveLength(2);
    expect(preview()).toContain('Matches 1 article in the library');
  });

  it('starts from the search it was opened from', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fake = seeded();
    const { rule, preview } = renderEditor(fake, { kind: 'new', query: 'germanium' });
    expect(rule).toHaveValue('germanium');
    await elapse(PREVIEW_DELAY_MS);
    expect(preview()).toContain('Matches 1 article in the library');
  });

  it('shows a preview that failed in plain words', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fake = seeded();
    fake.library.failNext('topics:preview', new OffprintError('bad-request', 'topics:preview: the rule is too long'));
    const { preview } = renderEditor(fake, { kind: 'new', query: 'gallium' });
    await elapse(PREVIEW_DELAY_MS);
    expect(preview()).toBe('the rule is too long');
  });

  it('creates a topic with the trimmed name, rule and notification choice', async () => {
    const user = userEvent.setup();
    const fake = seeded();
    const { name, rule, onClose, dialog } = renderEditor(fake, { kind: 'new', query: '' });
    await user.type(name, '  Critical minerals ');
    await user.type(rule, 'gallium OR germanium ');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Notify me about new matches' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save topic' }));

    expect(fake.requestsOf('topics:create')).toEqual([
      { name: 'Critical minerals', query: 'gallium OR germanium', notify: true },
    ]);
    expect(onClose).toHaveBeenCalledOnce();
    expect(onClose.mock.calls[0]?.[0]).toMatchObject({ id: 1, name: 'Critical minerals', counts: { total: 2 } });
  });

  it('keeps the dialog open with the reason when saving is refused', async () => {
    const user = userEvent.setup();
    const fake = seeded();
    await fake.client.topics.create({ name: 'Minerals', query: 'gallium' });
    const { name, rule, onClose, dialog } = renderEditor(fake, { kind: 'new', query: 'germanium' });
    await user.type(name, 'minerals');
    expect(rule).toHaveValue('germanium');
    await user.click(within(dialog).getByRole('button', { name: 'Save topic' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('a topic named "minerals" exists already');
    expect(onClose).not.toHaveBeenCalled();
    expect(within(dialog).getByRole('button', { name: 'Save topic' })).toBeEnabled();
  });

  it('edits an existing topic in place', async () => {
    const user = userEvent.setup();
    const fake = seeded();
    const created = await fake.client.topics.create({ name: 'Minerals', query: 'gallium', notify: true });
    if (!created.ok) throw new Error('topic not created');
    const { name, rule, onClose, dialog } = renderEditor(fake, { kind: 'edit', topic: created.value });
    expect(dialog).toHaveAccessibleName('Edit topic');
    expect(name).toHaveValue('Minerals');
    expect(rule).toHaveValue('gallium');
    expect(within(dialog).getByRole('checkbox', { name: 'Notify me about new matches' })).toBeChecked();

    await user.clear(rule);
    await user.type(rule, 'gallium OR germanium');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(fake.requestsOf('topics:update')).toEqual([
      { id: created.value.id, name: 'Minerals', query: 'gallium OR germanium', notify: true },
    ]);
    expect(onClose.mock.calls[0]?.[0]).toMatchObject({ query: 'gallium OR germanium', counts: { total: 2 } });
  });

  it('deletes a topic only after the user confirms', async () => {
    const user = userEvent.setup();
    const fake = seeded();
    const created = await fake.client.topics.create({ name: 'Minerals', query: 'gallium' });
    if (!created.ok) throw new Error('topic not created');
    // happy-dom has no window.confirm: the user's answers, no then yes.
    const confirm = vi.fn<(message: string) => boolean>().mockReturnValueOnce(false).mockReturnValueOnce(true);
    vi.stubGlobal('confirm', confirm);
    const { onClose, dialog } = renderEditor(fake, { kind: 'edit', topic: created.value });

    await user.click(within(dialog).getByRole('button', { name: 'Delete topic' }));
    expect(confirm).toHaveBeenLastCalledWith('Delete the topic “Minerals”? Its articles stay in the library.');
    expect(fake.requestsOf('topics:delete')).toEqual([]);
    expect(onClose).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole('button', { name: 'Delete topic' }));
    expect(fake.requestsOf('topics:delete')).toEqual([{ id: created.value.id }]);
    expect(onClose).toHaveBeenCalledWith(null);
  });

  it('closes without saving on Cancel and on Escape', async () => {
    const user = userEvent.setup();
    const fake = seeded();
    const { onClose, dialog } = renderEditor(fake, { kind: 'new', query: 'gold' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledWith(null);

    // The browser fires `cancel` on the dialog when Escape is pressed.
    fireEvent(dialog, new Event('cancel', { cancelable: true }));
    expect(onClose).toHaveBeenCalledTimes(2);
    expect(fake.requestsOf('topics:create')).toEqual([]);
  });
});
