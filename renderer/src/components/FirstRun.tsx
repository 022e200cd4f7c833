import { useId, useState } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import type { ArticleSummary, Feed, OpmlImportReport } from '../../../electron/shared/model.ts';
import { plainMessage } from '../plainMessage.ts';
import { AddFeedForm } from './AddFeedForm.tsx';
import { Alert } from './Alert.tsx';
import { ClipPageForm } from './ClipPageForm.tsx';
import { OpmlImportField } from './OpmlImportField.tsx';

export interface FirstRunProps {
  readonly client: OffprintApi;
  readonly onFeedAdded: (feed: Feed) => void;
  /** Opens an article (the page just clipped). */
  readonly onOpen: (article: ArticleSummary) => void;
  /** The library changed on our word (feeds imported, sample loaded): lists reload without waiting for its event. */
  readonly onChanged: () => void;
}

/**
 * The reader pane of an empty library (no feeds, no articles): what Offprint
 * is for and the ways to fill it — follow a feed, import subscriptions from
 * OPML, clip one page — plus a sample library so the app need not be blank.
 * Gone as soon as the library holds anything.
 */
export function FirstRun({ client, onFeedAdded, onOpen, onChanged }: FirstRunProps) {
  const headingId = useId();
  const [loadingSample, setLoadingSample] = useState(false);
  const [sampleError, setSampleError] = useState<string | null>(null);

  function imported(report: OpmlImportReport): void {
    onChanged();
    // An OPML file only names feeds: fetch them now. Progress shows beside Refresh (ingest:progress).
    void client.feeds.refresh({ feedIds: report.added.map((feed) => feed.id) });
  }

  async function loadSample(): Promise<void> {
    setLoadingSample(true);
    setSampleError(null);
    const result = await client.library.loadSample({});
    setLoadingSample(false);
    if (result.ok) onChanged();
    else setSampleError(`Could not load the sample articles. ${plainMessage(result.error.message)}`);
  }

  return (
    <section className="reader first-run" aria-labelledby={headingId}>
      <div className="first-run-content">
        <h2 id={headingId} className="first-run-title">
          Start your library
        </h2>
        <p className="first-run-lede">
          Offprint keeps every article on this computer, with its images, so you can read, search and annotate with no
          network. Bring articles in any of three ways.
        </p>
        <ol className="first-run-steps">
          <li>
            <h3>Follow a feed</h3>
            <p>The address of a feed, or of a site that has one. New articles arrive with every refresh.</p>
            <AddFeedForm client={client} onAdded={onFeedAdded} />
          </li>
          <li>
            <h3>Import your subscriptions</h3>
            <p>An OPML file exported from another reader: every feed in it is added and fetched.</p>
            <OpmlImportField client={client} onImported={imported} />
          </li>
          <li>
            <h3>Clip one page</h3>
            <p>Keep a single web page, with its images, under “Clipped”.</p>
            <ClipPageForm client={client} onClipped={onOpen} />
          </li>
        </ol>
        <div className="first-run-sample">
          <p>Just looking around? Load a few short sample articles about commodities and trade.</p>
          <button type="button" onClick={() => void loadSample()} disabled={loadingSample}>
            {loadingSample ? 'Loading…' : 'Load sample articles'}
          </button>
          <Alert message={sampleError} />
        </div>
      </div>
    </section>
  );
}
