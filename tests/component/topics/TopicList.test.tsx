import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Topic } from '../../../electron/shared/model.ts';
import { TopicList, type TopicListProps } from '../../../renderer/src/components/TopicList.tsx';
import type { LoadState } from '../../../renderer/src/hooks/useResult.ts';
import { createFakeClient } from '../support/fakeClient.ts';
import { topicOf } from '../support/topicOf.ts';

const MINERALS = topicOf(1, 'Critical minerals', {
  query: 'gallium OR germanium',
  counts: { total: 9, unread: 4, saved: 1 },
});
const OIL = topicOf(2, 'Oil', { counts: { total: 3, unread: 0, saved: 0 } });

function renderList(topics: LoadState<readonly Topic[]>, props: Partial<TopicListProps> = {}) {
  const fake = createFakeClient();
  const handlers = { onSelect: vi.fn(), onNew: vi.fn(), onEdit: vi.fn(), onAdded: vi.fn() };
  render(
    <TopicList client={fake.client} revision={0} topics={topics} view={{ kind: 'all' }} {...handlers} {...props} />,
  );
  return { fake, ...handlers };
}

describe('TopicList', () => {
  it('lists topics with their unread counts and their rule on hover', () => {
    renderList({ status: 'ready', value: [MINERALS, OIL] });
    const list = screen.getByRole('list');
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    const minerals = within(list).getByRole('button', { name: /^Critical minerals/ });
    expect(minerals).toHaveAttribute('title', 'gallium OR germanium');
    expect(within(minerals).getByLabelText('4 unread')).toHaveTextContent('4');
    // Nothing unread: no count at all.
    expect(within(list).getByRole('button', { name: /^Oil/ }).textContent).toBe('Oil');
  });

  it('marks the open topic and says when a rule is being applied', () => {
    renderList(
      { status: 'ready', value: [MINERALS, { ...OIL, applying: true }] },
      { view: { kind: 'topic', topicId: 2 } },
    );
    const oil = screen.getByRole('button', { name: /^Oil/ });
    expect(oil).toHaveAttribute('aria-current', 'true');
    expect(within(oil).getByRole('status')).toHaveTextContent('updating…');
    expect(screen.getByRole('button', { name: /^Critical minerals/ })).not.toHaveAttribute('aria-current');
  });

  it('selects, edits and creates topics', async () => {
    const user = userEvent.setup();
    const { onSelect, onEdit, onNew } = renderList({ status: 'ready', value: [MINERALS, OIL] });
    await user.click(screen.getByRole('button', { name: /^Oil/ }));
    expect(onSelect).toHaveBeenCalledWith({ kind: 'topic', topicId: 2 });
    await user.click(screen.getByRole('button', { name: 'Edit topic Critical minerals' }));
    expect(onEdit).toHaveBeenCalledWith(MINERALS);
    await user.click(screen.getByRole('button', { name: 'New topic' }));
    expect(onNew).toHaveBeenCalledOnce();
  });

  it('says when topics are loading or could not be loaded, in plain words', () => {
    renderList({ status: 'loading' });
    expect(screen.getByText('Loading topics…')).toBeInTheDocument();
    renderList({ status: 'failed', message: 'topics:list: the library is closed' });
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load topics. the library is closed');
  });

  it('with no topics, explains how to make one and offers the library’s suggestions', async () => {
    const user = userEvent.setup();
    const fake = createFakeClient();
    fake.library.setSuggestions([
      { name: 'Mining', query: 'mining', categories: ['Mining'], reason: 'category of 12 articles', matches: 12 },
      { name: 'Gold', query: 'gold', categories: [], reason: 'in 1 title', matches: 1 },
    ]);
    const { onAdded } = renderList({ status: 'ready', value: [] }, { client: fake.client });
    expect(screen.getByText(/search for it, then “Save as topic”/)).toBeInTheDocument();
    const suggested = await screen.findByRole('list', { name: 'Suggested topics' });
    expect(
      within(suggested)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Mining · 12 articlesAdd', 'Gold · 1 articleAdd']);

    await user.click(screen.getByRole('button', { name: 'Add topic Mining' }));
    expect(fake.requestsOf('topics:create')).toEqual([{ name: 'Mining', query: 'mining', categories: ['Mining'] }]);
    expect(onAdded).toHaveBeenCalledOnce();
  });

  it('shows why a suggestion could not be added and stays put', async () => {
    const user = userEvent.setup();
    const fake = createFakeClient();
    fake.library.setSuggestions([{ name: 'Gold', query: 'gold', categories: [], reason: 'in 3 titles', matches: 3 }]);
    await fake.client.topics.create({ name: 'gold', query: 'bullion' });
    const { onAdded } = renderList({ status: 'ready', value: [] }, { client: fake.client });
    await user.click(await screen.findByRole('button', { name: 'Add topic Gold' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('a topic named "Gold" exists already');
    expect(onAdded).not.toHaveBeenCalled();
  });
});
