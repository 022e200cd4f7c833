import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { OffprintError } from '../../../electron/shared/errors.ts';
import { AnnotationsPanel } from '../../../renderer/src/components/AnnotationsPanel.tsx';
import { useResult } from '../../../renderer/src/hooks/useResult.ts';
import { createFakeClient, type FakeClient } from '../support/fakeClient.ts';

const TEXT = 'Export controls on gallium took effect in August. Prices in Europe doubled within weeks.';

/** The panel as the reader holds it: the article reloads from the library after every change. */
function Harness({ fake }: { readonly fake: FakeClient }) {
  const [revision, setRevision] = useState(0);
  const article = useResult(`article ${revision}`, () => fake.client.articles.get({ id: 'article-1' }));
  if (article.status !== 'ready') return null;
  return (
    <AnnotationsPanel
      client={fake.client}
      articleId="article-1"
      notes={article.value.notes}
      highlights={article.value.highlights}
      onChanged={() => {
        setRevision((value) => value + 1);
      }}
    />
  );
}

async function renderPanel() {
  const fake = createFakeClient();
  fake.library.addArticle({ id: 'article-1', title: 'Gallium controls', text: TEXT });
  render(<Harness fake={fake} />);
  const panel = await screen.findByRole('region', { name: 'Highlights and notes' });
  return { fake, panel, user: userEvent.setup() };
}

const notesShown = (panel: HTMLElement): string[] =>
  Array.from(panel.querySelectorAll('.note-text')).map((note) => note.textContent);

describe('AnnotationsPanel', () => {
  it('adds a note, shows it as the text it is, and empties the field', async () => {
    const { fake, panel, user } = await renderPanel();
    const field = within(panel).getByRole('textbox', { name: 'New note' });
    const add = within(panel).getByRole('button', { name: 'Add note' });
    // aria-disabled rather than disabled, so the button keeps the focus once a note is added.
    expect(add).toHaveAttribute('aria-disabled', 'true');
    await user.type(field, '   ');
    expect(add).toHaveAttribute('aria-disabled', 'true');
    await user.click(add);
    expect(fake.requestsOf('notes:add')).toEqual([]);

    await user.clear(field);
    await user.type(field, 'Ask the desk about **licences** <b>now</b>');
    await user.click(add);
    expect(fake.requestsOf('notes:add')).toEqual([
      { articleId: 'article-1', text: 'Ask the desk about **licences** <b>now</b>' },
    ]);
    await screen.findByText('Ask the desk about **licences** <b>now</b>');
    // Markdown and markup are shown as typed, never rendered.
    expect(panel.querySelector('.note-text b')).toBeNull();
    expect(field).toHaveValue('');
    expect(add).toHaveAttribute('aria-disabled', 'true');
  });

  it('edits a note in place, and Cancel leaves it as it was', async () => {
    const { fake, panel, user } = await renderPanel();
    await fake.client.notes.add({ articleId: 'article-1', text: 'first thought' });
    await user.type(within(panel).getByRole('textbox', { name: 'New note' }), 'second thought');
    await user.click(within(panel).getByRole('button', { name: 'Add note' }));
    await screen.findByText('second thought');
    expect(notesShown(panel)).toEqual(['first thought', 'second thought']);

    const [firstEdit] = within(panel).getAllByRole('button', { name: 'Edit' });
    if (firstEdit === undefined) throw new Error('no Edit button');
    await user.click(firstEdit);
    const editor = within(panel).getByRole('textbox', { name: 'Edit note' });
    expect(editor).toHaveValue('first thought');
    await user.clear(editor);
    expect(within(panel).getByRole('button', { name: 'Save note' })).toBeDisabled();
    await user.type(editor, 'a better thought');
    await user.click(within(panel).getByRole('button', { name: 'Cancel' }));
    expect(notesShown(panel)).toEqual(['first thought', 'second thought']);
    expect(fake.requestsOf('notes:edit')).toEqual([]);

    const [again] = within(panel).getAllByRole('button', { name: 'Edit' });
    if (again === undefined) throw new Error('no Edit button');
    await user.click(again);
    await user.clear(within(panel).getByRole('textbox', { name: 'Edit note' }));
    await user.type(within(panel).getByRole('textbox', { name: 'Edit note' }), 'a better thought');
    await user.click(within(panel).getByRole('button', { name: 'Save note' }));
    await screen.findByText('a better thought');
    expect(fake.requestsOf('notes:edit')).toEqual([{ id: 1, text: 'a better thought' }]);
    expect(notesShown(panel)).toEqual(['a better thought', 'second thought']);
    expect(within(panel).queryByRole('textbox', { name: 'Edit note' })).not.toBeInTheDocument();
  });

  it('deletes a note', async () => {
    const { fake, panel, user } = await renderPanel();
    await user.type(within(panel).getByRole('textbox', { name: 'New note' }), 'to be deleted');
    await user.click(within(panel).getByRole('button', { name: 'Add note' }));
    await screen.findByText('to be deleted');
    await user.click(within(panel).getByRole('button', { name: 'Delete' }));
    expect(fake.requestsOf('notes:remove')).toEqual([{ id: 1 }]);
    await waitFor(() => {
      expect(notesShown(panel)).toEqual([]);
    });
  });

  it('lists highlights with their comments, says which were lost, and removes one', async () => {
    const fake = createFakeClient();
    const article = fake.library.addArticle({
      id: 'article-1',
      title: 'Gallium controls',
      text: TEXT,
      highlights: [
        {
          id: 90,
          articleId: 'article-1',
          quote: 'a passage that was corrected away',
          start: 0,
          end: 33,
          comment: null,
          color: 'pink',
          status: 'lost',
          createdAt: '2026-10-01T00:00:00.000Z',
          updatedAt: '2026-10-01T00:00:00.000Z',
        },
      ],
    });
    await fake.client.highlights.add({
      articleId: article.id,
      quote: 'Prices in Europe doubled',
      comment: 'check',
      color: 'green',
    });
    render(<Harness fake={fake} />);
    const panel = await screen.findByRole('region', { name: 'Highlights and notes' });
    const items = within(within(panel).getAllByRole('list')[0] ?? panel).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('blockquote')?.textContent)).toEqual([
      'a passage that was corrected away',
      'Prices in Europe doubled',
    ]);
    expect(items[0]).toHaveTextContent('This passage is no longer in the article (it was updated).');
    expect(items[1]).toHaveClass('highlight-green');
    expect(items[1]).toHaveTextContent('check');
    expect(items[1]).not.toHaveTextContent('no longer in the article');

    const user = userEvent.setup();
    await user.click(within(panel).getByRole('button', { name: 'Remove highlight “Prices in Europe doubled”' }));
    expect(fake.requestsOf('highlights:remove')).toEqual([{ id: 1 }]);
    await screen.findByText('a passage that was corrected away');
    expect(within(panel).queryByText('Prices in Europe doubled')).not.toBeInTheDocument();
  });

  it('says why a change failed, in plain words, and keeps what the user typed', async () => {
    const { fake, panel, user } = await renderPanel();
    fake.library.failNext('notes:add', new OffprintError('unavailable', 'notes:add: the library is closed'));
    const field = within(panel).getByRole('textbox', { name: 'New note' });
    await user.type(field, 'keep me');
    await user.click(within(panel).getByRole('button', { name: 'Add note' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent('the library is closed');
    expect(field).toHaveValue('keep me');

    // The next attempt goes through and clears the message.
    await user.click(within(panel).getByRole('button', { name: 'Add note' }));
    await screen.findByText('keep me', { selector: '.note-text' });
    expect(within(panel).queryByRole('alert')).not.toBeInTheDocument();
  });
});
