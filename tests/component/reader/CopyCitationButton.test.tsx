import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { OffprintError } from '../../../electron/shared/errors.ts';
import { CopyCitationButton } from '../../../renderer/src/components/CopyCitationButton.tsx';
import { feedWithArticles } from '../support/feedWithArticles.ts';

/** After userEvent.setup(), which puts its own clipboard in place. */
function withClipboard(writeText: (text: string) => Promise<void>): void {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
}

describe('CopyCitationButton', () => {
  it('asks the library for the article’s plain citation and puts it on the clipboard', async () => {
    const fake = feedWithArticles({ title: 'Metals Desk' }, [{ id: 'a1', title: 'Gallium exports halted' }]);
    const user = userEvent.setup();
    const written: string[] = [];
    withClipboard((text) => {
      written.push(text);
      return Promise.resolve();
    });
    render(<CopyCitationButton client={fake.client} articleId="a1" />);
    await user.click(screen.getByRole('button', { name: 'Copy citation' }));
    expect(await screen.findByText('Citation copied.')).toBeInTheDocument();
    expect(fake.requestsOf('export:citations')).toEqual([{ selection: { kind: 'ids', ids: ['a1'] }, format: 'text' }]);
    expect(written).toEqual(['Gallium exports halted. Metals Desk.']);
  });

  it('says why nothing was copied: the library refused, or there is no clipboard', async () => {
    const fake = feedWithArticles({ title: 'Metals Desk' }, [{ id: 'a1', title: 'Gallium exports halted' }]);
    const user = userEvent.setup();
    withClipboard(() => Promise.reject(new Error('denied')));
    render(<CopyCitationButton client={fake.client} articleId="a1" />);
    await user.click(screen.getByRole('button', { name: 'Copy citation' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The clipboard is not available here.');

    fake.library.failNext(
      'export:citations',
      new OffprintError('not-found', 'export:citations: no article with id a1'),
    );
    await user.click(screen.getByRole('button', { name: 'Copy citation' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('no article with id a1');
    expect(screen.queryByText('Citation copied.')).toBeNull();
  });
});
