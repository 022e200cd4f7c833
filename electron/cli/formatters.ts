import type {
  ArticlePage,
  Article,
  Feed,
  FeedRefreshResult,
  RefreshReport,
  OpmlImportReport,
} from '../shared/model.ts';

/** Human-readable renderings for the CLI; `--json` prints the values as they are instead. */
export function formatFeeds(feeds: readonly Feed[]): string {
  if (feeds.length === 0) return 'No feeds yet. Add one with: offprint feeds add <url>';
  return feeds
    .map((feed) => {
      const status = feed.lastStatus === 'error' ? `error: ${feed.lastError ?? 'unknown'}` : feed.lastStatus;
      const folder = feed.folder ? ` [${feed.folder}]` : '';
      return `${String(feed.id).padStart(4)}  ${feed.title}${folder}\n      ${feed.url}\n      ${feed.articleCount} articles, ${feed.unreadCount} unread, ${status}`;
    })
    .join('\n');
}

export function formatRefreshResult(result: FeedRefreshResult): string {
  const head = `feed ${result.feedId} ${result.title}: ${result.status}`;
  if (result.status === 'error')
    return `${head} (${result.errorCode ?? 'error'}) ${result.errorMessage ?? ''}`.trimEnd();
  return `${head}, ${result.newCount} new, ${result.updatedCount} updated`;
}

export function formatRefreshReport(report: RefreshReport): string {
  if (report.feeds.length === 0) return 'No feeds to refresh.';
  const failed = report.feeds.filter((result) => result.status === 'error').length;
  const lines = report.feeds.map(formatRefreshResult);
  lines.push(`${report.feeds.length} feeds refreshed, ${failed} failed`);
  return lines.join('\n');
}

export function formatArticlePage(page: ArticlePage): string {
  if (page.items.length === 0) return 'No articles.';
  const lines = page.items.map((article) => {
    const marks = `${article.read ? ' ' : '•'}${article.saved ? '★' : ' '}`;
    const date = (article.publishedAt ?? article.fetchedAt).slice(0, 10);
    return `${marks} ${article.id}  ${date}  ${article.title}  — ${article.feedTitle ?? ''}`;
  });
  lines.push(`${page.offset + 1}–${page.offset + page.items.length} of ${page.total}`);
  return lines.join('\n');
}

export function formatArticle(article: Article): string {
  const lines = [
    article.title,
    [article.feedTitle, article.author, article.publishedAt].filter(Boolean).join(' · '),
    article.url ?? '',
    article.categories.length > 0 ? `Categories: ${article.categories.join(', ')}` : '',
    '',
    article.text || article.summary || '(no text stored)',
  ];
  return lines.filter((line, index) => index >= 4 || line !== '').join('\n');
}

export function formatOpmlReport(report: OpmlImportReport): string {
  const lines = [`${report.added.length} feeds added, ${report.duplicates.length} duplicates skipped`];
  if (report.recovered) lines.push('The file was not well-formed XML; feeds were recovered from it leniently.');
  for (const problem of report.problems) lines.push(`problem: ${problem}`);
  return lines.join('\n');
}
