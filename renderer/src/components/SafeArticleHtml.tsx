import { useMemo, type ReactNode } from 'react';
import type { ImageSource } from '../api/createClient.ts';
import { purifyArticleHtml } from '../purifyArticleHtml.ts';

export interface SafeArticleHtmlProps {
  /** Stored article HTML (sanitized by core before storing; purified again here). */
  readonly html: string;
  /** Where this page loads the article's cached images from (see createClient). */
  readonly imageSource: ImageSource;
  /** Shown instead when this browser cannot run DOMPurify. */
  readonly fallback: ReactNode;
}

/**
 * An article body as markup. This is the only component in the renderer
 * that may use dangerouslySetInnerHTML, and only ever with DOMPurify's
 * output (purifyArticleHtml), never with stored HTML as it comes.
 */
export function SafeArticleHtml({ html, imageSource, fallback }: SafeArticleHtmlProps) {
  const purified = useMemo(() => purifyArticleHtml(html, imageSource), [html, imageSource]);
  if (purified === null) return fallback;
  return <div className="reader-body article-html" dangerouslySetInnerHTML={{ __html: purified }} />;
}
