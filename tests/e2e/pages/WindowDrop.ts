import type { Locator, Page } from 'playwright-core';

/** What is dragged onto the window: a link list, plain text, files (their bytes or text). */
export interface DragContents {
  readonly uriList?: string;
  readonly text?: string;
  readonly files?: readonly { readonly name: string; readonly type?: string; readonly bytes: readonly number[] }[];
}

/**
 * Drags onto the reader's window, as the OS does: dragenter, dragover and
 * drop on the body, carrying a DataTransfer built in the page. Playwright
 * cannot drag from outside the browser, so the events are dispatched; they
 * travel the page's real listeners.
 */
export class WindowDrop {
  readonly page: Page;
  /** The drop zone's status region: the hint while dragging, then what the drop is doing or did. */
  readonly status: Locator;

  constructor(page: Page) {
    this.page = page;
    this.status = page.getByRole('status', { name: 'Drag and drop' });
  }

  /** Drags `contents` over the window without dropping; false when the page let the browser keep the drag. */
  dragOver(contents: DragContents): Promise<boolean> {
    return this.dispatch(contents, ['dragenter', 'dragover']);
  }

  /** Takes the drag back out of the window. */
  async leave(contents: DragContents): Promise<void> {
    await this.dispatch(contents, ['dragleave']);
  }

  /**
   * Drags and drops `contents`; true when the page cancelled the drop (and
   * the dragover before it), which is what keeps Chromium and Electron from
   * navigating to a dropped file or link.
   */
  drop(contents: DragContents): Promise<boolean> {
    return this.dispatch(contents, ['dragenter', 'dragover', 'drop']);
  }

  /** Dispatches `types` in order on the body with one DataTransfer; true when the page cancelled every one. */
  private dispatch(contents: DragContents, types: readonly string[]): Promise<boolean> {
    return this.page.evaluate(
      ({ contents: { uriList, text, files }, types: eventTypes }) => {
        const dataTransfer = new DataTransfer();
        if (uriList !== undefined) dataTransfer.setData('text/uri-list', uriList);
        if (text !== undefined) dataTransfer.setData('text/plain', text);
        for (const file of files ?? []) {
          dataTransfer.items.add(new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? '' }));
        }
        return eventTypes
          .map((type) =>
            document.body.dispatchEvent(new DragEvent(type, { dataTransfer, bubbles: true, cancelable: true })),
          )
          .every((allowed) => !allowed);
      },
      { contents, types },
    );
  }
}
