import type { ReactNode } from 'react';
import type { Highlight } from '../../../electron/shared/model.ts';

export interface PlainArticleTextProps {
  /** The article's stored plain text: one paragraph per line. */
  readonly text: string;
  /** Anchored highlights; their offsets are offsets into `text`. */
  readonly highlights: readonly Highlight[];
}

interface Paragraph {
  readonly start: number;
  readonly text: string;
}

function paragraphsOf(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const pattern = /[^\n]+/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0].trim() !== '') paragraphs.push({ start: match.index, text: match[0] });
  }
  return paragraphs;
}

/** One paragraph with the highlighted parts of it in <mark>s (a highlight may span paragraphs: each gets its part). */
function withMarks(paragraph: Paragraph, highlights: readonly Highlight[]): ReactNode[] {
  const end = paragraph.start + paragraph.text.length;
  const inside = highlights
    .filter((highlight) => highlight.start < end && highlight.end > paragraph.start)
    .sort((left, right) => left.start - right.start);
  const parts: ReactNode[] = [];
  let position = paragraph.start;
  for (const highlight of inside) {
    const from = Math.max(highlight.start, position);
    const to = Math.min(highlight.end, end);
    if (to <= from) continue;
    if (from > position) parts.push(paragraph.text.slice(position - paragraph.start, from - paragraph.start));
    parts.push(
      <mark
        key={`${highlight.id}-${from}`}
        className={`offprint-highlight highlight-${highlight.color}`}
        data-highlight-id={highlight.id}
      >
        {paragraph.text.slice(from - paragraph.start, to - paragraph.start)}
      </mark>,
    );
    position = to;
  }
  if (position < end) parts.push(paragraph.text.slice(position - paragraph.start));
  return parts;
}

/** An article stored without markup: its text as paragraphs, with the user's highlights marked. */
export function PlainArticleText({ text, highlights }: PlainArticleTextProps) {
  const paragraphs = paragraphsOf(text);
  const anchored = highlights.filter((highlight) => highlight.status === 'anchored');
  return (
    <div className="reader-body">
      {paragraphs.length === 0 ? (
        <p className="hint">No text was stored for this article.</p>
      ) : (
        paragraphs.map((paragraph) => <p key={paragraph.start}>{withMarks(paragraph, anchored)}</p>)
      )}
    </div>
  );
}
