import type { ReactNode } from 'react';
import type { HighlightRange } from '../../../electron/shared/model.ts';

export interface HighlightedTextProps {
  readonly text: string;
  /** [start, end) in UTF-16 code units, as the library reports them; any order, may overlap. */
  readonly ranges: readonly HighlightRange[];
}

/**
 * Plain text with its matched spans wrapped in <mark>. Built as React
 * elements from the ranges, never as markup: snippets are article text and
 * must not be able to inject anything.
 */
export function HighlightedText({ text, ranges }: HighlightedTextProps) {
  const sorted = ranges
    .map(([start, end]) => [Math.max(0, start), Math.min(text.length, end)] as const)
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const parts: ReactNode[] = [];
  let position = 0;
  for (const [start, end] of sorted) {
    // Where ranges overlap, only the part not marked yet gets a mark.
    const from = Math.max(start, position);
    if (from >= end) continue;
    if (from > position) parts.push(text.slice(position, from));
    parts.push(<mark key={from}>{text.slice(from, end)}</mark>);
    position = end;
  }
  if (position < text.length) parts.push(text.slice(position));
  return <>{parts}</>;
}
