import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import type { Result } from '../../../electron/shared/errors.ts';
import type { ArticleSummary, ClipResult } from '../../../electron/shared/model.ts';
import { DROP_HINT, DropZone } from '../../../renderer/src/components/DropZone.tsx';
import { createFakeClient } from '../support/fakeClient.ts';

const OPML = `<?xml version="1.0"?><opml version="2.0"><head><title>Subscriptions</title></head><body>
<outline type="rss" text="Mining Weekly" xmlUrl="https://mining.example/rss"/>
<outline type="rss" text="Gallium Watch" xmlUrl="https://gallium.example/atom"/>
</body></opml>`;

type ClipRequest = Parameters<OffprintApi['articles']['clip']>[0];

/** What a drag carries, as the listeners read it: happy-dom's DragEvent has no DataTransfer of its own. */
function transfer(items: { files?: File[]; data?: Record<string, string> }) {
  const data = items.data ?? {};
  const files = items.files ?? [];
  return {
    files,
    types: [...(files.length > 0 ? ['Files'] : []), ...Object.keys(data)],
    getData: (format: string) => data[format] ?? '',
    dropEffect: 'none',
  };
}

/**
 * The drop zone over a fake library whose articles:clip answers as `clip`
 * says (the memory library does not clip): requests are recorded, and the
 * answer can be held back to see the work in progress.
 */
function renderDropZone(answer: (request: ClipRequest) => Promise<Result<ClipResult>> = clippedAs('Copper fees fall')) {
  const fake = createFakeClient();
  const clip = vi.fn(answer);
  const client: OffprintApi = { ...fake.client, articles: { ...fake.client.articles, clip } };
  const onClipped = vi.fn<(article: ArticleSummary) => void>();
  const onChanged = vi.fn<() => void>();
  render(
    <>
      <label>
        Feed or site URL <input type="url" />
      </label>
      <DropZone client={client} onClipped={onClipped} onChanged={onChanged} />
    </>,
  );
  return { fake, clip, onClipped, onChanged, user: userEvent.setup() };
}

function clippedAs(title: string, imagesMissing: ClipResult['imagesMissing'] = []) {
  const { library } = createFakeClient();
  const article = library.addArticle({ title });
  return () => Promise.resolve<Result<ClipResult>>({ ok: true, value: { article, imagesMissing, warnings: [] } });
}

/** Drags `items` over the window and drops them; false when the page cancelled the drop (no navigation). */
function drop(items: Parameters<typeof transfer>[0], target: Element = document.body): boolean {
  const dataTransfer = transfer(items);
  fireEvent.dragEnter(target, { dataTransfer });
  fireEvent.dragOver(target, { dataTransfer });
  return fireEvent.drop(target, { dataTransfer });
}

const status = () => screen.getByRole('status', { name: 'Drag and drop' });

describe('DropZone', () => {
  it('shows a calm overlay while something is dragged over the window, and says it to screen readers', () => {
    renderDropZone();
    const dataTransfer = transfer({ files: [new File(['x'], 'feeds.opml')] });
    fireEvent.dragEnter(document.body, { dataTransfer });
    expect(status()).toHaveTextContent(DROP_HINT);
    const overlay = document.querySelector('.drop-overlay');
    expect(overlay).toHaveTextContent(DROP_HINT);
    expect(overlay).toHaveAttribute('aria-hidden', 'true');
    expect(overlay?.querySelector('button, input, a, [tabindex]')).toBeNull();

    // Crossing into a child and back out of it keeps the overlay; leaving the window removes it.
    const child = screen.getByRole('textbox');
    fireEvent.dragEnter(child, { dataTransfer });
    fireEvent.dragLeave(child, { dataTransfer });
    expect(document.querySelector('.drop-overlay')).not.toBeNull();
    fireEvent.dragLeave(document.body, { dataTransfer });
    expect(document.querySelector('.drop-overlay')).toBeNull();
    expect(status()).toHaveTextContent('');
  });

  it('clips a dropped link, says so while it works, and hands the article on', async () => {
    let answer: (result: Result<ClipResult>) => void = () => undefined;
    const held = new Promise<Result<ClipResult>>((resolve) => {
      answer = resolve;
    });
    const { clip, onClipped } = renderDropZone(() => held);
    const cancelled = !drop({ data: { 'text/uri-list': '# from a browser\r\nhttps://metals.example/copper\r\n' } });
    expect(cancelled).toBe(true);
    expect(document.querySelector('.drop-overlay')).toBeNull();
    await waitFor(() => {
      expect(status()).toHaveTextContent('Clipping https://metals.example/copper…');
    });
    expect(clip).toHaveBeenCalledWith({ url: 'https://metals.example/copper' });

    const result = await clippedAs('Copper fees fall', [{ url: 'https://metals.example/a.png', reason: 'HTTP 404' }])();
    await act(async () => {
      answer(result);
      await held;
    });
    expect(status()).toHaveTextContent('Clipped “Copper fees fall”. 1 image could not be saved.');
    expect(onClipped).toHaveBeenCalledWith(expect.objectContaining({ title: 'Copper fees fall' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('clips plain text that is one web address', async () => {
    const { clip } = renderDropZone();
    drop({ data: { 'text/plain': '  https://metals.example/story  ' } });
    await waitFor(() => {
      expect(status()).toHaveTextContent('Clipped “Copper fees fall”.');
    });
    expect(clip).toHaveBeenCalledWith({ url: 'https://metals.example/story' });
  });

  it('imports the feeds of a dropped OPML file, then fetches them', async () => {
    const { fake, onChanged, clip } = renderDropZone();
    drop({ files: [new File([OPML], 'subscriptions.opml', { type: 'text/x-opml' })] });
    await waitFor(() => {
      expect(status()).toHaveTextContent('Added 2 feeds from subscriptions.opml; fetching them now.');
    });
    expect(fake.requestsOf('opml:import')).toEqual([{ content: OPML }]);
    expect(fake.requestsOf('feeds:refresh')).toEqual([{ feedIds: [1, 2] }]);
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(clip).not.toHaveBeenCalled();
  });

  it('says why an .xml file that is no list of feeds imported nothing', async () => {
    const { fake, onChanged } = renderDropZone();
    drop({ files: [new File(['<rss version="2.0"></rss>'], 'feed.xml')] });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not import feed.xml. the file is not an OPML document (no <opml> element)',
    );
    expect(fake.requestsOf('feeds:refresh')).toEqual([]);
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('clips a saved web page, read in the charset its <meta> declares', async () => {
    const { clip, onClipped } = renderDropZone();
    // "Café" in windows-1252: é is the single byte 0xE9, which UTF-8 would turn into U+FFFD.
    const head = new TextEncoder().encode('<html><head><meta charset="iso-8859-1"><title>Caf');
    const tail = new TextEncoder().encode('</title></head><body><p>Prices.</p></body></html>');
    const page = new File([head, new Uint8Array([0xe9]), tail], 'Café story.htm');
    drop({ files: [page] });
    await waitFor(() => {
      expect(status()).toHaveTextContent('Clipped “Copper fees fall” from Café story.htm.');
    });
    expect(clip).toHaveBeenCalledWith({
      html: '<html><head><meta charset="iso-8859-1"><title>Café</title></head><body><p>Prices.</p></body></html>',
      fileName: 'Café story.htm',
    });
    expect(onClipped).toHaveBeenCalledTimes(1);
  });

  it('reads an undeclared page as UTF-8 when it is, and keeps UTF-8 over a stale legacy declaration', async () => {
    const { clip } = renderDropZone();
    const html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head>…€';
    drop({ files: [new File([html], 'saved.html')] });
    await waitFor(() => {
      expect(clip).toHaveBeenCalledWith({ html, fileName: 'saved.html' });
    });
  });

  it('names what it cannot take in, and says what it accepts', async () => {
    const { fake, clip } = renderDropZone();
    const cancelled = !drop({
      files: [new File([new Uint8Array([137, 80, 78, 71])], 'chart.png', { type: 'image/png' })],
    });
    expect(cancelled).toBe(true);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Offprint cannot take in chart.png. It takes a link to clip, an OPML file (.opml, .xml) to import feeds, ' +
        'or a saved web page (.html, .htm) to clip.',
    );
    drop({ data: { 'text/plain': 'copper smelter fees' } });
    await waitFor(() => {
      expect(screen.getByRole('alert')).toHaveTextContent('Offprint cannot take in some text.');
    });
    drop({ data: { 'text/uri-list': 'javascript:alert(1)' } });
    await waitFor(() => {
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Offprint cannot take in a link that is not a web page (javascript:alert(1)).',
      );
    });
    drop({ files: [new File([OPML], 'a.opml'), new File([OPML], 'b.opml')] });
    await waitFor(() => {
      expect(screen.getByRole('alert')).toHaveTextContent('2 files were dropped: drop one at a time.');
    });
    expect(clip).not.toHaveBeenCalled();
    expect(fake.library.received).toEqual([]);
  });

  it('says why a link could not be clipped, in plain words, until dismissed', async () => {
    const { onClipped, user } = renderDropZone(() =>
      Promise.resolve({
        ok: false,
        error: { code: 'feed-error', message: 'articles:clip: https://metals.example/gone answered HTTP 404' },
      }),
    );
    drop({ data: { 'text/uri-list': 'https://metals.example/gone' } });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not clip https://metals.example/gone. https://metals.example/gone answered HTTP 404',
    );
    expect(onClipped).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Dismiss' })).not.toBeInTheDocument();
  });

  it('refuses a second drop while the first is still being taken in', async () => {
    const { clip } = renderDropZone(() => new Promise(() => undefined));
    drop({ data: { 'text/uri-list': 'https://metals.example/one' } });
    await waitFor(() => {
      expect(status()).toHaveTextContent('Clipping https://metals.example/one…');
    });
    drop({ data: { 'text/uri-list': 'https://metals.example/two' } });
    expect(screen.getByRole('alert')).toHaveTextContent('Offprint is still taking in the last drop');
    expect(status()).toHaveTextContent('Clipping https://metals.example/one…');
    expect(clip).toHaveBeenCalledTimes(1);
  });

  it('leaves text dragged into a field to the field, and drags that began on the page alone', () => {
    const { clip } = renderDropZone();
    const field = screen.getByRole('textbox');
    expect(drop({ data: { 'text/plain': 'https://metals.example/feed.xml' } }, field)).toBe(true);
    expect(document.querySelector('.drop-overlay')).toBeNull();

    fireEvent.dragStart(document.body);
    const dataTransfer = transfer({ data: { 'text/plain': 'a selected sentence' } });
    fireEvent.dragEnter(document.body, { dataTransfer });
    expect(document.querySelector('.drop-overlay')).toBeNull();
    expect(fireEvent.dragOver(document.body, { dataTransfer })).toBe(true);
    fireEvent.dragEnd(document.body);
    expect(clip).not.toHaveBeenCalled();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
