import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { OffprintError } from '../../../electron/shared/errors.ts';
import { ArticleListHarness as Harness, checkbox, seeded } from '../support/ArticleListHarness.tsx';
import { withVirtualListRoom } from '../support/virtualListLayout.ts';

withVirtualListRoom();

async function openExport(count: number, pick: readonly string[] = []) {
  const user = userEvent.setup();
  const fake = seeded(count);
  render(<Harness fake={fake} view={{ kind: 'saved' }} selectable />);
  await screen.findByRole('list', { name: 'Saved' });
  for (const title of pick) await user.click(checkbox(title));
  await user.click(screen.getByRole('button', { name: 'Export…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Export articles' });
  return { user, fake, dialog };
}

describe('ExportDialog', () => {
  it('prints the selected articles as a PDF brief with its title and paper, and says where it went', async () => {
    const { user, fake, dialog } = await openExport(5, ['Story 2', 'Story 4']);
    expect(within(dialog).getByRole('radio', { name: 'The 2 selected articles' })).toBeChecked();
    await user.type(within(dialog).getByRole('textbox', { name: 'Title' }), 'Week 48');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Paper' }), 'Letter');
    await user.click(within(dialog).getByRole('button', { name: 'Export 2 articles' }));

    expect(await within(dialog).findByText('/exports/Week 48.pdf')).toBeInTheDocument();
    expect(fake.requestsOf('export:pdf')).toEqual([
      {
        selection: { kind: 'ids', ids: ['a2', 'a4'] },
        title: 'Week 48',
        paper: 'letter',
        margins: 'normal',
        perArticle: false,
      },
    ]);
    expect(within(dialog).getByRole('status', { name: 'Export progress' })).toHaveTextContent(
      'Exported 2 articles (4 pages) to:',
    );
  });

  it('exports the whole saved list in the chosen format when nothing is selected', async () => {
    const { user, fake, dialog } = await openExport(3);
    expect(within(dialog).queryByRole('radio', { name: /selected/ })).toBeNull();
    expect(within(dialog).getByRole('radio', { name: 'All 3 saved articles' })).toBeChecked();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Format' }), 'BibTeX citations');
    // Citations have no title or paper.
    expect(within(dialog).queryByRole('textbox', { name: 'Title' })).toBeNull();
    expect(within(dialog).queryByRole('combobox', { name: 'Paper' })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Export 3 articles' }));
    expect(await within(dialog).findByText('3 citations written.')).toBeInTheDocument();
    expect(fake.requestsOf('export:citations')).toEqual([{ selection: { kind: 'saved' }, format: 'bibtex' }]);
  });

  it('says in plain words why nothing was exported, and can be tried again', async () => {
    const { user, fake, dialog } = await openExport(2);
    fake.library.failNext(
      'export:pdf',
      new OffprintError('unavailable', 'export:pdf: PDF printing needs Chrome or Chromium, and none was found'),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Export 2 articles' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Nothing was exported.');
    expect(alert).toHaveTextContent('PDF printing needs Chrome or Chromium');
    expect(alert).not.toHaveTextContent('export:pdf');
    await user.click(within(dialog).getByRole('button', { name: 'Export 2 articles' }));
    expect(await within(dialog).findByText(/\/exports\/Export\.pdf/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });

  it('closes with Close and gives the saved list back', async () => {
    const { user, dialog } = await openExport(2);
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog', { name: 'Export articles' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Export…' })).toBeInTheDocument();
  });
});
