import { useState } from 'react';
import { MAX_CLIP_HTML_CHARS, MAX_OPML_CHARS, type OffprintApi } from '../../../electron/shared/contract.ts';
import type { ArticleSummary } from '../../../electron/shared/model.ts';
import { decodeSavedPage } from '../decodeSavedPage.ts';
import { droppedItem, type DroppedItem } from '../droppedItem.ts';
import { formatBytes } from '../formatBytes.ts';
import { useDropTarget } from '../hooks/useDropTarget.ts';
import { plainMessage } from '../plainMessage.ts';
import { plural } from '../plural.ts';
import { Alert } from './Alert.tsx';

export const DROP_HINT = 'Drop a link to clip it, an OPML file to import feeds, or a saved web page.';
const ACCEPTED =
  'It takes a link to clip, an OPML file (.opml, .xml) to import feeds, or a saved web page (.html, .htm) to clip.';

export interface DropZoneProps {
  readonly client: OffprintApi;
  /** A page was clipped (by link or from a file): the app shows it. */
  readonly onClipped: (article: ArticleSummary) => void;
  /** Feeds were imported: the lists reload without waiting for the library's event. */
  readonly onChanged: () => void;
}

type Work =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working'; readonly message: string }
  | { readonly kind: 'done'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };

const IDLE: Work = { kind: 'idle' };

type ClipRequest = Parameters<OffprintApi['articles']['clip']>[0];

/**
 * The whole window as a drop target: a link is clipped, an OPML file's feeds
 * are imported and fetched, a saved web page is clipped; anything else is
 * named and refused. A calm overlay shows while dragging (hidden from
 * assistive technology, never focused: the status region says the same),
 * then a small panel says what is being done and how it went.
 */
export function DropZone({ client, onClipped, onChanged }: DropZoneProps) {
  const [work, setWork] = useState<Work>(IDLE);
  const [refusal, setRefusal] = useState<string | null>(null);
  const busy = work.kind === 'working';

  /** Clips a page (`label` names it in messages) and says how it went; `headline` words the success. */
  async function clip(label: string, request: ClipRequest, headline: (title: string) => string): Promise<Work> {
    setWork({ kind: 'working', message: `Clipping ${label}…` });
    const result = await client.articles.clip(request);
    if (!result.ok) {
      return { kind: 'failed', message: `Could not clip ${label}. ${plainMessage(result.error.message)}` };
    }
    const { article, imagesMissing } = result.value;
    onClipped(article);
    // Images the page named that the library could not keep: the article reads without them.
    const missing = imagesMissing.length === 0 ? '' : ` ${plural(imagesMissing.length, 'image')} could not be saved.`;
    return { kind: 'done', message: `${headline(article.title)}${missing}` };
  }

  async function take(item: DroppedItem): Promise<Work> {
    switch (item.kind) {
      case 'link':
        return clip(item.url, { url: item.url }, (title) => `Clipped “${title}”.`);
      case 'page': {
        const { file } = item;
        // Four bytes a character at most: a bigger file cannot fit, whatever its encoding.
        if (file.size > MAX_CLIP_HTML_CHARS * 4) return tooLarge(file, 'to clip');
        setWork({ kind: 'working', message: `Reading ${file.name}…` });
        const html = decodeSavedPage(new Uint8Array(await file.arrayBuffer()));
        if (html.trim() === '') return { kind: 'failed', message: `${file.name} is empty.` };
        if (html.length > MAX_CLIP_HTML_CHARS) return tooLarge(file, 'to clip');
        return clip(file.name, { html, fileName: file.name }, (title) => `Clipped “${title}” from ${file.name}.`);
      }
      case 'opml': {
        const { file } = item;
        if (file.size > MAX_OPML_CHARS) return tooLarge(file, 'for a list of feeds');
        setWork({ kind: 'working', message: `Importing feeds from ${file.name}…` });
        const result = await client.opml.import({ content: await file.text() });
        if (!result.ok) {
          return { kind: 'failed', message: `Could not import ${file.name}. ${plainMessage(result.error.message)}` };
        }
        const { added, duplicates, problems } = result.value;
        const already = duplicates.length === 0 ? '' : ` ${plural(duplicates.length, 'feed')} already subscribed.`;
        if (added.length === 0) {
          const [problem] = problems;
          const why = problem === undefined ? '' : ` ${plainMessage(problem)}`;
          return { kind: 'failed', message: `${file.name} added no feeds.${already}${why}` };
        }
        onChanged();
        // An OPML file only names feeds: fetch them now (progress shows beside Refresh).
        void client.feeds.refresh({ feedIds: added.map((feed) => feed.id) });
        return {
          kind: 'done',
          message: `Added ${plural(added.length, 'feed')} from ${file.name}; fetching them now.${already}`,
        };
      }
      case 'several':
        return {
          kind: 'failed',
          message: `${plural(item.count, 'file')} were dropped: drop one at a time. ${ACCEPTED}`,
        };
      case 'other':
        return { kind: 'failed', message: `Offprint cannot take in ${item.description}. ${ACCEPTED}` };
    }
  }

  function tooLarge(file: File, purpose: string): Work {
    return { kind: 'failed', message: `${file.name} is too large ${purpose} (${formatBytes(file.size)}).` };
  }

  const dragging = useDropTarget((data) => {
    if (busy) {
      setRefusal('Offprint is still taking in the last drop: drop again when it is done.');
      return;
    }
    // Read now: a DataTransfer's contents are gone once the drop event is over.
    const item = droppedItem(data);
    setRefusal(null);
    take(item).then(setWork, (error: unknown) => {
      setWork({ kind: 'failed', message: plainMessage(error instanceof Error ? error.message : String(error)) });
    });
  });

  const status = dragging ? DROP_HINT : work.kind === 'working' || work.kind === 'done' ? work.message : '';
  const panelShown = !dragging && work.kind !== 'idle';
  return (
    <>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p className="drop-overlay-message">{DROP_HINT}</p>
        </div>
      )}
      <div className={panelShown ? 'drop-status' : 'visually-hidden'}>
        <p role="status" aria-label="Drag and drop" aria-busy={busy}>
          {status}
        </p>
        <Alert message={dragging ? null : (refusal ?? (work.kind === 'failed' ? work.message : null))} />
        {panelShown && work.kind !== 'working' && (
          <button
            type="button"
            className="drop-status-dismiss"
            onClick={() => {
              setWork(IDLE);
              setRefusal(null);
            }}
          >
            Dismiss
          </button>
        )}
      </div>
    </>
  );
}
