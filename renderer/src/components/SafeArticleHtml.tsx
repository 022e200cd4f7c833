import { useMemo, type ReactNode } from 'react';
import { purifyArticleHtml } from '../purifyArticleHtml.ts';

export interface SafeArticleHtmlProps {
  /** Stored article HTML (sanitized by core before storing; purified again here). */
  readonly html: string;
  /** Shown instead when this browser cannot run DOMPurify. */
  readonly fallback: ReactNode;
}

/**
 * An article body as markup. This is the only component in the renderer
 * that may use dangerouslySetInnerHTML, and only ever with DOMPurify's
 * output (purifyArticleHtml), never with stored HTML as it comes.
 */
export function SafeArticleHtml({ html, fallback }: SafeArticleHtmlProps) {
  const purified = useMemo(() => purifyArticleHtml(html), [html]);
  if (purified === null) return fallback;
  return <div className="reader-body article-html" dangerouslySetInnerHTML={{ __html: purified }} />;
}
