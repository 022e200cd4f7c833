import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { SearchBox, type SearchSort } from '../../../renderer/src/components/SearchBox.tsx';

interface HarnessProps {
  readonly initialQuery?: string;
  readonly problems?: readonly string[];
  readonly onSaveAsTopic?: (query: string) => void;
  readonly onSortChange?: (sort: SearchSort) => void;
}

/** The search box as the app holds it: the query and sort live in the parent. */
function Harness({ initialQuery = '', problems = [], onSaveAsTopic, onSortChange }: HarnessProps) {
  const [query, setQuery] = useState(initialQuery);
  const [sort, setSort] = useState<SearchSort>('relevance');
  return (
    <>
      <SearchBox
        query={query}
        onQueryChange={setQuery}
        sort={sort}
        onSortChange={(next) => {
          setSort(next);
          onSortChange?.(next);
        }}
        problems={problems}
        {...(onSaveAsTopic === undefined ? {} : { onSaveAsTopic })}
      />
      <button type="button">Elsewhere</button>
      <textarea aria-label="Note" />
    </>
  );
}

const searchField = () => screen.getByRole('searchbox', { name: 'Search articles' });

describe('SearchBox', () => {
  it('is a labelled search landmark that announces its / shortcut', () => {
    render(<Harness />);
    expect(screen.getByRole('search')).toContainElement(searchField());
    expect(searchField()).toHaveAttribute('aria-keyshortcuts', '/');
  });

  it('focuses (and selects) the field when / is typed outside a text field', async () => {
    const user = userEvent.setup();
    render(<Harness initialQuery="copper" />);
    screen.getByRole('button', { name: 'Elsewhere' }).focus();
    await user.keyboard('/');
    expect(searchField()).toHaveFocus();
    expect(searchField()).toHaveValue('copper');
    const field = searchField() as HTMLInputElement;
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, 6]);
  });

  it('leaves / alone while the user types in another field or holds a modifier', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const note = screen.getByRole('textbox', { name: 'Note' });
    await user.click(note);
    await user.keyboard('a/b');
    expect(note).toHaveValue('a/b');
    expect(note).toHaveFocus();

    screen.getByRole('button', { name: 'Elsewhere' }).focus();
    await user.keyboard('{Control>}/{/Control}');
    expect(searchField()).not.toHaveFocus();
  });

  it('clears the query on Escape', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.type(searchField(), 'gold OR silver');
    expect(searchField()).toHaveValue('gold OR silver');
    await user.keyboard('{Escape}');
    expect(searchField()).toHaveValue('');
  });

  it('offers sorting and “Save as topic” only while searching', async () => {
    const user = userEvent.setup();
    const onSaveAsTopic = vi.fn();
    const onSortChange = vi.fn();
    render(<Harness onSaveAsTopic={onSaveAsTopic} onSortChange={onSortChange} />);
    expect(screen.queryByRole('group', { name: 'Sort results' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save as topic' })).not.toBeInTheDocument();

    await user.type(searchField(), '  "rare earth" ');
    expect(screen.getByRole('button', { name: 'Relevance' })).toHaveAttribute('aria-pressed', 'true');
    await user.click(screen.getByRole('button', { name: 'Newest' }));
    expect(onSortChange).toHaveBeenCalledWith('date');
    expect(screen.getByRole('button', { name: 'Newest' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'Relevance' })).toHaveAttribute('aria-pressed', 'false');

    await user.click(screen.getByRole('button', { name: 'Save as topic' }));
    expect(onSaveAsTopic).toHaveBeenCalledWith('"rare earth"');
  });

  it('has no “Save as topic” when the parent offers none', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.type(searchField(), 'gold');
    expect(screen.getByRole('group', { name: 'Sort results' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save as topic' })).not.toBeInTheDocument();
  });

  it('shows the query’s problems under the field and describes the field with them', () => {
    const problems = ['“after:” needs a date such as 2025-01-31.', 'A quote was not closed.'];
    const { rerender } = render(<Harness initialQuery="after:soon" problems={problems} />);
    expect(searchField()).toHaveAccessibleDescription(problems.join(' '));
    rerender(<Harness initialQuery="after:soon" problems={[]} />);
    expect(searchField()).not.toHaveAttribute('aria-describedby');
  });

  it('toggles the syntax sheet with ?', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const help = screen.getByRole('button', { name: 'Search help' });
    expect(help).toHaveAttribute('aria-expanded', 'false');
    await user.click(help);
    expect(help).toHaveAttribute('aria-expanded', 'true');
    const sheet = screen.getByRole('region', { name: 'Search syntax' });
    expect(help).toHaveAttribute('aria-controls', sheet.id);
    await user.click(help);
    expect(screen.queryByRole('region', { name: 'Search syntax' })).not.toBeInTheDocument();
  });
});
