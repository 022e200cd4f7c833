import type { ArticleOffline } from '../../../electron/shared/model.ts';
import { plainMessage } from '../plainMessage.ts';
import { plural } from '../plural.ts';

export interface OfflineNoticeProps {
  readonly offline: ArticleOffline;
}

/** A stored reason ends in its own full stop at most; the notice adds the sentence's punctuation. */
function withoutFinalStop(reason: string): string {
  return reason.trim().replace(/[.\s]+$/, '');
}

/**
 * Under the byline: why the reader may be showing less than the whole
 * article (its page failed or is not fetched yet) and which images are not
 * on disk, the reasons one click away. Nothing when the article is complete.
 */
export function OfflineNotice({ offline }: OfflineNoticeProps) {
  const { page, pageError, imagesMissing } = offline;
  let pageLine: string | null = null;
  if (page === 'failed') {
    const why = pageError === null ? '' : ` (${withoutFinalStop(plainMessage(pageError))})`;
    pageLine = `Showing the feed's summary: the full article could not be fetched${why}.`;
  } else if (page === 'pending') {
    pageLine = 'Full text not fetched yet.';
  }
  if (pageLine === null && imagesMissing.length === 0) return null;
  return (
    <div className="offline-notice" role="note" aria-label="Offline copy">
      {pageLine !== null && <p>{pageLine}</p>}
      {imagesMissing.length > 0 && (
        <details>
          <summary>{plural(imagesMissing.length, 'image')} not saved</summary>
          <ul>
            {imagesMissing.map((image, index) => (
              <li key={`${index} ${image.url}`}>{plainMessage(image.reason)}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
