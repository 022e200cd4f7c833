import { useEffect, useMemo, useRef, useState } from 'react';
import type { OffprintApi } from '../../../electron/shared/contract.ts';
import type { Article, ArticleSummary } from '../../../electron/shared/model.ts';
import type { ImageSource } from '../api/createClient.ts';
import { formatDate } from '../formatDate.ts';
import { isWebAddress } from '../isWebAddress.ts';
import { plainMessage } from '../plainMessage.ts';
import { useResult } from '../hooks/useResult.ts';
import type { QuoteMark } from '../markQuotes.ts';
import { AnnotationsPanel } from './AnnotationsPanel.tsx';
import { CopyCitationButton } from './CopyCitationButton.tsx';
import { OfflineNotice } from './OfflineNotice.tsx';
import { PlainArticleText } from './PlainArticleText.tsx';
import { ReadingSettings } from './ReadingSettings.tsx';
import { SelectionHighlighter } from './SelectionHighlighter.tsx';
import { RelatedSection } from './RelatedSection.tsx';
import { SafeArticleHtml } from './SafeArticleHtml.tsx';

export interface ArticleReaderProps {
  readonly client: OffprintApi;
  readonly articleId: string;
  /** Bumped when the library changes: the article reloads (an offline pass may have fetched its page or images). */
  readonly revision: number;
  /** Where this page loads the article's cached images from. */
  readonly imageSource: ImageSource;
  /** Opens another article (from the related lists) as if it had been picked in the list. */
  readonly onOpen: (article: ArticleSummary) => void;
  /**
   * Called once the article is on screen (once per article): the app marks it read then, so the write and
   * the lists' reload it sets off never stand in front of the article's own text.
   */
  readonly onShown?: (article: Article) => void;
}

/**
 * Many feeds put plain text in their descriptions: as HTML its blank-line
 * paragraphs would collapse into one, so markup-free HTML is shown as text.
 */
function hasMarkup(html: string): boolean {
  return /<[a-z]/i.test(html);
}

/**
 * The right pane: one stored article. The body is the stored HTML (sanitized
 * by core, purified again by SafeArticleHtml); an article stored without
 * HTML shows its plain text as paragraphs.
 */
export function ArticleReader({ client, articleId, revision, imageSource, onOpen, onShown }: ArticleReaderProps) {
  // Our own changes (save, notes, highlights) reload the article at once, before the library's event arrives.
  const [edits, setEdits] = useState(0);
  const reload = (): void => {
    setEdits((value) => value + 1);
  };
  const article = useResult(`article ${articleId} ${revision} ${edits}`, () => client.articles.get({ id: articleId }));
  const bodyRef = useRef<HTMLDivElement>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const highlights = article.status === 'ready' ? article.value.highlights : null;
  const textLength = article.status === 'ready' ? article.value.text.length : 0;
  const marks = useMemo<readonly QuoteMark[]>(
    () =>
      (highlights ?? [])
        .filter((highlight) => highlight.status === 'anchored')
        .map((highlight) => ({
          id: highlight.id,
          quote: highlight.quote,
          color: highlight.color,
          position: textLength === 0 ? 0 : highlight.start / textLength,
        })),
    [highlights, textLength],
  );

  const shown = article.status === 'ready' ? article.value : null;
  const shownOnce = useRef<string | null>(null);
  useEffect(() => {
    if (shown === null || shownOnce.current === shown.id) return;
    shownOnce.current = shown.id;
    onShown?.(shown);
  }, [shown, onShown]);

  if (article.status !== 'ready') {
    return (
      <section className="reader" aria-label="Reader">
        {article.status === 'loading' ? (
          <p className="hint">Loading article…</p>
        ) : (
          <p className="error" role="alert">
            Could not open this article. {plainMessage(article.message)}
          </p>
        )}
      </section>
    );
  }

  const { title, feedTitle, siteName, author, publishedAt, fetchedAt, url, text, contentHtml, offline, saved, notes } =
    article.value;

  async function toggleSaved(): Promise<void> {
    setSaveError(null);
    const result = await client.articles.setSaved({ id: articleId, saved: !saved });
    if (result.ok) reload();
    else setSaveError(plainMessage(result.error.message));
  }

  const plainBody = <PlainArticleText text={text} highlights={article.value.highlights} />;
  return (
    <article className="reader" aria-labelledby="reader-title">
      <header className="reader-header">
        <h2 id="reader-title" className="reader-title">
          {title}
        </h2>
        <p className="reader-meta">
          {feedTitle !== null && <span className="reader-source">{feedTitle}</span>}
          {siteName !== null && siteName !== feedTitle && <span className="reader-site">{siteName}</span>}
          {author !== null && <span>{author}</span>}
          <time dateTime={publishedAt ?? fetchedAt}>{formatDate(publishedAt ?? fetchedAt)}</time>
        </p>
        {url !== null && isWebAddress(url) && (
          <p className="reader-link">
            <a href={url} target="_blank" rel="noopener noreferrer">
              Open original
            </a>
            <span className="reader-url"> {url}</span>
          </p>
        )}
        <div className="reader-actions">
          <button type="button" aria-pressed={saved} onClick={() => void toggleSaved()}>
            {saved ? '★ Saved' : '☆ Save'}
          </button>
          {saveError !== null && (
            <span className="error" role="alert">
              {saveError}
            </span>
          )}
          <CopyCitationButton client={client} articleId={articleId} />
          <ReadingSettings />
        </div>
        <OfflineNotice offline={offline} />
      </header>
      <div ref={bodyRef} className="reader-text">
        {contentHtml !== null && hasMarkup(contentHtml) ? (
          <SafeArticleHtml html={contentHtml} imageSource={imageSource} fallback={plainBody} marks={marks} />
        ) : (
          plainBody
        )}
      </div>
      <SelectionHighlighter client={client} articleId={articleId} container={bodyRef} onHighlighted={reload} />
      <AnnotationsPanel
        client={client}
        articleId={articleId}
        notes={notes}
        highlights={article.value.highlights}
        onChanged={reload}
      />
      <RelatedSection client={client} articleId={articleId} onOpen={onOpen} />
    </article>
  );
}
