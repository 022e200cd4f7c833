import { useId, type ReactNode } from 'react';
import type { ArticleSummary } from '../../../electron/shared/model.ts';
import type { RowFocus } from './VirtualList.tsx';

export interface ArticleRowFrameProps {
  readonly article: ArticleSummary;
  /** A class beside `row article-row` (and `unread`): `search-hit` for a search result. */
  readonly kind?: string;
  readonly open: boolean;
  readonly focus: RowFocus;
  readonly onOpen: () => void;
  /** The title as shown: plain, or with the matched words marked. */
  readonly title: ReactNode;
  /** The lines under the title (summary or snippet, source, date, marks) and their element's class. */
  readonly details: ReactNode;
  readonly detailsClassName: string;
}

function rowClass(kind: string | undefined, ...more: string[]): string {
  return ['row', 'article-row', kind, ...more].filter((name) => name !== undefined && name !== '').join(' ');
}

/**
 * A row of the article list or the search results. The button holds the
 * unread dot and the title alone: its name is the title, all of its visible
 * text, as speech input expects. It is described by the dot and the
 * details, which sit beside it; its ::after spreads the click over the row.
 */
export function ArticleRowFrame({
  article,
  kind,
  open,
  focus,
  onOpen,
  title,
  details,
  detailsClassName,
}: ArticleRowFrameProps) {
  const titleId = useId();
  const detailsId = useId();
  const unreadId = useId();
  return (
    <div className={rowClass(kind, article.read ? '' : 'unread')}>
      <button
        type="button"
        className="row-open"
        aria-current={open ? 'true' : undefined}
        aria-labelledby={titleId}
        aria-describedby={article.read ? detailsId : `${unreadId} ${detailsId}`}
        onClick={onOpen}
        {...focus}
      >
        <span className="unread-slot">
          {!article.read && <span id={unreadId} className="unread-dot" role="img" aria-label="Unread" />}
        </span>
        <span id={titleId} className="article-title">
          {title}
        </span>
      </button>
      <span id={detailsId} className={detailsClassName}>
        {details}
      </span>
    </div>
  );
}

export interface ArticleRowPlaceholderProps {
  readonly kind?: string;
  readonly focus: RowFocus;
  /** What keeps the row at a loaded row's height, if anything. */
  readonly children?: ReactNode;
}

/** A row whose article is still being read: the same frame, its button disabled, so focus stays on it when it fills. */
export function ArticleRowPlaceholder({ kind, focus, children }: ArticleRowPlaceholderProps) {
  return (
    <div className={rowClass(kind, 'placeholder')}>
      <button type="button" className="row-open" aria-disabled="true" {...focus}>
        <span className="unread-slot" />
        <span className="article-title">Loading…</span>
      </button>
      {children}
    </div>
  );
}
