import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArticleSummary } from '../../../electron/shared/model.ts';
import { RelatedSection } from '../../../renderer/src/components/RelatedSection.tsx';
import type { FakeClient } from '../support/fakeClient.ts';
import { feedWithArticles } from '../support/feedWithArticles.ts';
import { failNextCall } from '../support/failNextCall.ts';

/** The section waits this long after an article opens before it asks for related articles. */
const RELATED_DELAY_MS = 400;

function seeded(): FakeClient {
  return feedWithArticles({ title: 'Metals Desk' }, [
    { id: 'open', title: 'Gallium exports halted', publishedAt: '2026-10-01T08:00:00.000Z' },
    { id: 'same', title: 'China curbs gallium sales', publishedAt: '2026-10-01T09:00:00.000Z' },
    { id: 'like-1', title: 'Germanium follows gallium', publishedAt: '2026-09-20T00:00:00.000Z' },
    { id: 'like-2', title: 'Chip makers stockpile', publishedAt: null, fetchedAt: '2026-09-18T00:00:00.000Z' },
  ]);
}

async function summaryOf(fake: FakeClient, id: string): Promise<ArticleSummary> {
  const result = await fake.client.articles.get({ id });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Lets the delay run out and the fake library's answer arrive. */
async function elapse(milliseconds: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(milliseconds);
  });
}

function renderSection(fake: FakeClient) {
  const onOpen = vi.fn<(article: ArticleSummary) => void>();
  const view = render(<RelatedSection client={fake.client} articleId="open" onOpen={onOpen} />);
  return { ...view, onOpen, section: screen.getByRole('region', { name: 'Related articles' }) };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('RelatedSection', () => {
  it('asks for related articles only once the article has stayed open a moment', async () => {
    const fake = seeded();
    const { section } = renderSection(fake);
    expect(section).toHaveTextContent('Finding related articles…');
    await elapse(RELATED_DELAY_MS - 1);
    expect(fake.requestsOf('search:related')).toEqual([]);
    await elapse(1);
    expect(fake.requestsOf('search:related')).toEqual([{ id: 'open', limit: 5 }]);
  });

  it('never asks when the article is left before then', async () => {
    const fake = seeded();
    const { unmount } = renderSection(fake);
    await elapse(RELATED_DELAY_MS / 2);
    unmount();
    await elapse(RELATED_DELAY_MS);
    expect(fake.requestsOf('search:related')).toEqual([]);
  });

  it('lists the same story from other feeds, then articles like it, each with source and date', async () => {
    const fake = seeded();
    fake.library.setRelated('open', {
      sameStory: [{ article: await summaryOf(fake, 'same'), score: 0.9 }],
      related: [
        { article: await summaryOf(fake, 'like-1'), score: 0.6 },
        { article: await summaryOf(fake, 'like-2'), score: 0.4 },
      ],
    });
    const { section } = renderSection(fake);
    await elapse(RELATED_DELAY_MS);

    expect(
      within(section)
        .getAllByRole('heading')
        .map((heading) => heading.textContent),
    ).toEqual(['Same story elsewhere', 'Related']);
    const sameStory = within(section).getByRole('list', { name: 'Same story elsewhere' });
    expect(
      within(sameStory)
        .getAllByRole('button')
        .map((row) => row.querySelector('.related-title')?.textContent),
    ).toEqual(['China curbs gallium sales']);
    const related = within(section).getByRole('list', { name: 'Related' });
    const rows = within(related).getAllByRole('button');
    expect(rows.map((row) => row.querySelector('.related-title')?.textContent)).toEqual([
      'Germanium follows gallium',
      'Chip makers stockpile',
    ]);
    expect(rows[0]).toHaveTextContent('Metals Desk');
    expect(rows[0]?.querySelector('time')).toHaveAttribute('dateTime', '2026-09-20T00:00:00.000Z');
    // Undated: when it was fetched.
    expect(rows[1]?.querySelector('time')).toHaveAttribute('dateTime', '2026-09-18T00:00:00.000Z');
  });

  it('opens a related article on click', async () => {
    const fake = seeded();
    fake.library.setRelated('open', {
      sameStory: [],
      related: [{ article: await summaryOf(fake, 'like-1'), score: 1 }],
    });
    const { section, onOpen } = renderSection(fake);
    await elapse(RELATED_DELAY_MS);
    // Only the lists that have articles are shown.
    expect(within(section).queryByRole('heading', { name: 'Same story elsewhere' })).not.toBeInTheDocument();

    fireEvent.click(within(section).getByRole('button', { name: /Germanium follows gallium/ }));
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'like-1', title: 'Germanium follows gallium' }));
  });

  it('says when nothing is related, and why related articles are not available', async () => {
    const fake = seeded();
    const { section, unmount } = renderSection(fake);
    await elapse(RELATED_DELAY_MS);
    expect(section).toHaveTextContent('Nothing related in the library yet.');
    unmount();

    failNextCall(fake, 'search:related', 'the index is rebuilding');
    const failed = renderSection(fake);
    await elapse(RELATED_DELAY_MS);
    expect(failed.section).toHaveTextContent('Related articles are not available. the index is rebuilding');
  });
});
