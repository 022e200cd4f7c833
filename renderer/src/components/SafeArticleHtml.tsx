import { useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import type { ImageSource } from '../api/createClient.ts';
import { markQuotes, type QuoteMark } from '../markQuotes.ts';
import { purifyArticleHtml } from '../purifyArticleHtml.ts';

export interface SafeArticleHtmlProps {
  /** Stored article HTML (sanitized by core before storing; purified again here). */
  readonly html: string;
  /** Where this page loads the article's cached images from (see createClient). */
  readonly imageSource: ImageSource;
  /** Shown instead when this browser cannot run DOMPurify. */
  readonly fallback: ReactNode;
  /** The user's highlights, marked in the text. */
  readonly marks?: readonly QuoteMark[];
}

const NO_MARKS: readonly QuoteMark[] = [];

/**
 * An article body as markup. This is the only component in the renderer
 * that may use dangerouslySetInnerHTML, and only ever with DOMPurify's
 * output (purifyArticleHtml), never with stored HTML as it comes.
 */
export function SafeArticleHtml({ html, imageSource, fallback, marks = NO_MARKS }: SafeArticleHtmlProps) {
  const purified = useMemo(() => purifyArticleHtml(html, imageSource), [html, imageSource]);
  const body = useRef<HTMLDivElement>(null);
  // Highlights are marked in the purified DOM after React has put it in place (text nodes only; no markup added from data).
  useLayoutEffect(() => {
    if (body.current !== null) markQuotes(body.current, marks);
  }, [purified, marks]);
  if (purified === null) return fallback;
  return <div ref={body} className="reader-body article-html" dangerouslySetInnerHTML={{ __html: purified }} />;
}
