// The article list as the app wires it, for ArticleList and SelectionBar tests: rows read a page at a time
// through the fake client, reloaded on library:changed, and on the saved list a selection with its bar.
import { screen } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { vi } from 'vitest';
import type { ArticleSummary } from '../../../electron/shared/model.ts';
import { ArticleList } from '../../../renderer/src/components/ArticleList.tsx';
import { SelectionBar } from '../../../renderer/src/components/SelectionBar.tsx';
import { useArticleRows } from '../../../renderer/src/hooks/useArticleRows.ts';
import { useSelection } from '../../../renderer/src/hooks/useSelection.ts';
import type { View } from '../../../renderer/src/state/view.ts';
import { createFakeClient, type FakeClient } from './fakeClient.ts';

/** Articles a1…a{count}, a1 the newest, in one feed; every third one read, every fourth not on disk. */
export function seeded(count: number): FakeClient {
  const fake = createFakeClient();
  const feed = fake.library.addFeed({ title: 'Metals Desk' });
  for (let number = 1; number <= count; number += 1) {
    fake.library.addArticle({
      id: `a${number}`,
      feedId: feed.id,
      title: `Story ${number}`,
      summary: `Summary of story ${number}`,
      publishedAt: new Date(Date.UTC(2026, 9, 30 - number)).toISOString(),
      read: number % 3 === 0,
      offlineReady: number % 4 !== 0,
      saved: true,
      savedAt: new Date(Date.UTC(2026, 10, 30 - number)).toISOString(),
    });
  }
  return fake;
}

export interface ArticleListHarnessProps {
  readonly fake: FakeClient;
  readonly view: View;
  readonly onOpen?: (article: ArticleSummary, index: number) => void;
  readonly selectable?: boolean;
}

/** The middle pane as the app wires it: rows read a page at a time, and on the saved list a selection. */
export function ArticleListHarness({ fake, view, onOpen = vi.fn(), selectable = false }: ArticleListHarnessProps) {
  const [revision, setRevision] = useState(0);
  // As in the app: the lists reload when the library says it changed.
  useEffect(
    () =>
      fake.client.on('library:changed', () => {
        setRevision((value) => value + 1);
      }),
    [fake],
  );
  const articles = useArticleRows(fake.client, view, revision);
  const selection = useSelection();
  const [openId, setOpenId] = useState<string | null>(null);
  const idsBetween = async (first: number, last: number): Promise<string[]> =>
    (await articles.rowsBetween(first, last)).map((article) => article.id);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setRevision((value) => value + 1);
        }}
      >
        Library changed
      </button>
      <ArticleList
        heading="Saved"
        articles={articles}
        openArticleId={openId}
        openIndex={null}
        onOpen={(article, index) => {
          setOpenId(article.id);
          onOpen(article, index);
        }}
        {...(selectable
          ? {
              selection: {
                selected: selection.selected,
                onToggle: (article: ArticleSummary, index: number, extend: boolean) => {
                  void selection.toggle(article.id, index, extend, idsBetween);
                },
              },
              toolbar: (
                <SelectionBar
                  client={fake.client}
                  selection={selection}
                  total={articles.count}
                  onSelectAll={async () => {
                    selection.selectAll(await idsBetween(0, articles.count - 1));
                  }}
                />
              ),
            }
          : {})}
      />
    </>
  );
}

export const rowButton = (title: string) => screen.getByRole('button', { name: title });
/** A row's list item: its button (the title) and the details beside it. */
export function rowItem(title: string): HTMLElement {
  const item = rowButton(title).closest('li');
  if (item === null) throw new Error(`ArticleListHarness: the row "${title}" is not in a list item`);
  return item;
}
export const checkbox = (title: string) => screen.getByRole('checkbox', { name: `Select ${title}` });
export const checked = (): string[] =>
  screen
    .queryAllByRole('checkbox')
    .filter((box) => (box as HTMLInputElement).checked)
    .map((box) => box.getAttribute('aria-label') ?? '');
