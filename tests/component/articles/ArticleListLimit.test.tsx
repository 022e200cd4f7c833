import { render, renderHook, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import { ARTICLE_LIST_MAX_ROWS, useArticleRows } from '../../../renderer/src/hooks/useArticleRows.ts';
import { ArticleListHarness as Harness, seeded } from '../support/ArticleListHarness.tsx';

// No room is given to the virtual list here (see virtualListLayout.ts): happy-dom measures every row 0 px
// high, so a list with room would render all 250,000 rows at once. The heading and the list's length are
// what this test is about; Chromium scrolls a 100,000-row list in the e2e keyboard test.

describe('ArticleList past the layout limit', () => {
  it('shows the newest 250,000 of a longer list and says so in its heading', async () => {
    const fake = seeded(1);
    // The library holds 400,000 articles: every page is full, each row a copy of the one stored article.
    const list: OffprintApi['articles']['list'] = async (request) => {
      const result = await fake.client.articles.list({ ...request, offset: 0, limit: 1 });
      if (!result.ok) return result;
      const [first] = result.value.items;
      if (first === undefined) throw new Error('seeded(1) stores one article');
      const count = Math.max(0, Math.min(request.limit ?? 50, 400_000 - (request.offset ?? 0)));
      const items = Array.from({ length: count }, (_, index) => {
        const number = (request.offset ?? 0) + index + 1;
        return { ...first, id: `bulk-${number}`, title: `Bulk story ${number}` };
      });
      return { ok: true, value: { items, total: 400_000, offset: request.offset ?? 0, limit: request.limit ?? 50 } };
    };
    const client = { ...fake.client, articles: { ...fake.client.articles, list } };
    render(<Harness fake={{ ...fake, client }} view={{ kind: 'all' }} />);
    const heading = await screen.findByRole('heading', { name: /Saved/ });
    await within(heading).findByText(/400,000/);
    expect(heading).toHaveTextContent(`Saved · 400,000, newest ${ARTICLE_LIST_MAX_ROWS.toLocaleString()} shown`);

    // The rows: the newest 250,000 reachable, the last of them readable, nothing past it.
    const { result } = renderHook(() => useArticleRows(client, { kind: 'all' }, 0));
    await waitFor(() => {
      expect(result.current.state.total).toBe(400_000);
    });
    expect(result.current.count).toBe(ARTICLE_LIST_MAX_ROWS);
    expect((await result.current.load(ARTICLE_LIST_MAX_ROWS - 1))?.title).toBe(`Bulk story ${ARTICLE_LIST_MAX_ROWS}`);
    expect(await result.current.load(ARTICLE_LIST_MAX_ROWS)).toBeUndefined();
  });
});
