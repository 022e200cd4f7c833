import type { ReactNode } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import type { ArticleSummary } from '../../../electron/shared/model.ts';
import { plainMessage } from '../plainMessage.ts';
import { useAfterDelay } from '../hooks/useAfterDelay.ts';
import { useResult } from '../hooks/useResult.ts';
import { RelatedList } from './RelatedList.tsx';

export interface RelatedSectionProps {
  readonly client: OffprintApi;
  readonly articleId: string;
  readonly onOpen: (article: ArticleSummary) => void;
}

/**
 * How long an article stays open before its related articles are looked
 * for: `search:related` is the library's slowest read (over a second at
 * 100k articles), and flipping through articles with j/k should not queue
 * one per article ahead of the next article's text.
 */
const RELATED_DELAY_MS = 400;

/** Below the article: the same story from other feeds, then articles most like it (`search:related`). */
export function RelatedSection({ client, articleId, onOpen }: RelatedSectionProps) {
  const settled = useAfterDelay(RELATED_DELAY_MS);
  const related = useResult(settled ? `related ${articleId}` : null, () =>
    client.search.related({ id: articleId, limit: 5 }),
  );
  let body: ReactNode;
  if (related.status === 'loading') {
    body = <p className="hint">Finding related articles…</p>;
  } else if (related.status === 'failed') {
    body = <p className="hint">Related articles are not available. {plainMessage(related.message)}</p>;
  } else if (related.value.sameStory.length === 0 && related.value.related.length === 0) {
    body = <p className="hint">Nothing related in the library yet.</p>;
  } else {
    body = (
      <>
        <RelatedList heading="Same story elsewhere" articles={related.value.sameStory} onOpen={onOpen} />
        <RelatedList heading="Related" articles={related.value.related} onOpen={onOpen} />
      </>
    );
  }
  return (
    <section className="related" aria-label="Related articles">
      {body}
    </section>
  );
}
