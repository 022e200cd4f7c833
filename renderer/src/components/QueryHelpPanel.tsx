import { useId } from 'react';
import { QUERY_HELP } from '../../../electron/shared/query/queryHelp.ts';

export interface QueryHelpPanelProps {
  readonly id: string;
}

/** The query language's cheat sheet, toggled by the search box's `?`; the entries come from the parser's own list. */
export function QueryHelpPanel({ id }: QueryHelpPanelProps) {
  const headingId = useId();
  return (
    // A tab stop of its own: the sheet scrolls (it is capped at 45vh) and holds nothing focusable, so keys could not scroll it.
    <section id={id} className="query-help" aria-labelledby={headingId} tabIndex={0}>
      <h3 id={headingId} className="query-help-heading">
        Search syntax
      </h3>
      <dl className="query-help-list">
        {QUERY_HELP.map((entry) => (
          <div key={entry.syntax} className="query-help-entry">
            <dt>
              <code>{entry.syntax}</code>
            </dt>
            <dd>{entry.meaning}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
