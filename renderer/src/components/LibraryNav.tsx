import type { View } from '../state/view.ts';
import { UnreadCount } from './UnreadCount.tsx';

export interface LibraryNavProps {
  readonly view: View;
  readonly onSelect: (view: View) => void;
  /** Unread articles in the whole library. */
  readonly unread: number;
  /** Saved articles (null while unknown). */
  readonly saved: number | null;
}

const ENTRIES: readonly { readonly view: View; readonly label: string }[] = [
  { view: { kind: 'all' }, label: 'All articles' },
  { view: { kind: 'unread' }, label: 'Unread' },
  { view: { kind: 'saved' }, label: 'Saved' },
];

/** The library's own views at the top of the sidebar: everything, what is unread, what the user saved. */
export function LibraryNav({ view, onSelect, unread, saved }: LibraryNavProps) {
  return (
    <ul className="feed-list library-nav">
      {ENTRIES.map((entry) => (
        <li key={entry.view.kind} className="feed-item">
          <button
            type="button"
            className="row feed-row"
            aria-current={view.kind === entry.view.kind ? 'true' : undefined}
            onClick={() => {
              onSelect(entry.view);
            }}
          >
            <span className="feed-title">{entry.label}</span>
            {entry.view.kind === 'unread' && <UnreadCount count={unread} />}
            {entry.view.kind === 'saved' && saved !== null && saved > 0 && (
              <span className="count" aria-label={`${saved} saved`}>
                {saved}
              </span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}
