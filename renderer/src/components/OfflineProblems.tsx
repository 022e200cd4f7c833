import type { OfflineFailure } from '../../../electron/shared/model.ts';
import { plainMessage } from '../plainMessage.ts';
import { plural } from '../plural.ts';

export interface OfflineProblemsProps {
  readonly failures: readonly OfflineFailure[];
}

const STAGE_WORDS: Readonly<Record<OfflineFailure['stage'], string>> = {
  page: 'Full text not fetched',
  images: 'Images not saved',
};

/**
 * "2 problems", opening into the articles that could not be made readable
 * offline and why (Escape closes it again); nothing when there were none.
 */
export function OfflineProblems({ failures }: OfflineProblemsProps) {
  if (failures.length === 0) return null;
  return (
    <details
      className="offline-problems"
      onKeyDown={(event) => {
        // The list drops over the page: Escape folds it back, as it closes any popup.
        if (event.key !== 'Escape' || !event.currentTarget.open) return;
        event.currentTarget.open = false;
        event.currentTarget.querySelector('summary')?.focus();
      }}
    >
      <summary>{plural(failures.length, 'problem')}</summary>
      <ul className="offline-problem-list" aria-label="Offline problems">
        {failures.map((failure) => (
          <li key={`${failure.articleId} ${failure.stage}`}>
            <span className="offline-problem-title">{failure.title}</span>
            <span className="offline-problem-reason">
              {STAGE_WORDS[failure.stage]}: {plainMessage(failure.reason)}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
