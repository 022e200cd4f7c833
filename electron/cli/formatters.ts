import type {
  Article,
  ArticlePage,
  ArticleSummary,
  BackupReport,
  ClipResult,
  Feed,
  FeedRefreshResult,
  Highlight,
  Note,
  OfflineReport,
  OpmlImportReport,
  RefreshReport,
  RelatedArticles,
  RestoreReport,
  RetentionPreview,
  RetentionReport,
  RetentionSettings,
  SearchResults,
  Snippet,
  Topic,
  TopicImportReport,
  TopicPreview,
  TopicSuggestion,
} from '../shared/model.ts';

/** Human-readable renderings for the CLI; `--json` prints the values as they are instead. */
export function formatFeeds(feeds: readonly Feed[]): string {
  if (feeds.length === 0) return 'No feeds yet. Add one with: offprint feeds add <url>';
  return feeds
    .map((feed) => {
      const status = feed.lastStatus === 'error' ? `error: ${feed.lastError ?? 'unknown'}` : feed.lastStatus;
      const folder = feed.folder ? ` [${feed.folder}]` : '';
      const fullText = `full text ${feed.fullText === 'auto' ? 'decided at first fetch' : feed.fullText}`;
      return `${String(feed.id).padStart(4)}  ${feed.title}${folder}\n      ${feed.url}\n      ${feed.articleCount} articles, ${feed.unreadCount} unread, ${status}, ${fullText}`;
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
  if (report.offline !== null) lines.push(formatOfflineReport(report.offline));
  return lines.join('\n');
}

const MEBIBYTE = 1024 * 1024;

/** What a full-text and image pass did, then each failure on its own line. */
export function formatOfflineReport(report: OfflineReport): string {
  const size =
    report.bytes >= MEBIBYTE ? `${(report.bytes / MEBIBYTE).toFixed(1)} MB` : `${Math.round(report.bytes / 1024)} KB`;
  const lines = [
    `${report.cancelled ? 'Cancelled: ' : ''}${report.ready} of ${report.total} articles ready offline; ` +
      `${plural(report.pagesFetched, 'page')} and ${plural(report.imagesCached, 'image')} saved (${size}), ` +
      plural(report.failures.length, 'problem'),
    ...report.failures.map((failure) => `  ${failure.articleId} ${failure.stage}: ${failure.reason}`),
  ];
  return lines.join('\n');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function formatClipResult(result: ClipResult): string {
  return [
    `Clipped ${result.article.title} (${result.article.id})`,
    result.article.offlineReady ? '  ready offline' : '  not fully offline:',
    ...result.imagesMissing.map((image) => `  missing image: ${image.reason}`),
    ...result.warnings.map((warning) => `  note: ${warning}`),
  ].join('\n');
}

export function formatArticlePage(page: ArticlePage): string {
  if (page.items.length === 0) return 'No articles.';
  const lines = page.items.map((article) => {
    const marks = `${article.read ? ' ' : '•'}${article.saved ? '★' : ' '}${article.offlineReady ? ' ' : '○'}`;
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
    offlineLine(article),
    lostLine(article.highlights),
    '',
    article.text || article.summary || '(no text stored)',
  ];
  return [...lines.filter((line, index) => index >= 6 || line !== ''), ...annotationLines(article)].join('\n');
}

/** Said before the text, so a reader of a long article knows to look below it. */
function lostLine(highlights: readonly Highlight[]): string {
  const lost = highlights.filter((highlight) => highlight.status === 'lost').length;
  if (lost === 0) return '';
  return `${plural(lost, 'highlight')} LOST: the article changed and ${lost === 1 ? 'its passage is' : 'their passages are'} no longer in the text (listed below)`;
}

/** Notes and highlights after the article's text, each with the id the CLI's note and highlight commands take. */
function annotationLines(article: Article): string[] {
  const lines: string[] = [];
  if (article.highlights.length > 0) lines.push('', `Highlights (${article.highlights.length})`);
  for (const highlight of article.highlights) lines.push(...highlightLines(highlight));
  if (article.notes.length > 0) lines.push('', `Notes (${article.notes.length})`);
  for (const note of article.notes) lines.push(...noteLines(note));
  return lines;
}

function highlightLines(highlight: Highlight): string[] {
  const state = highlight.status === 'lost' ? 'LOST, no longer in the text' : `at ${highlight.start}–${highlight.end}`;
  return [
    `  [${highlight.id}] ${highlight.color}, ${state}: “${highlight.quote.replace(/\s+/g, ' ').trim()}”`,
    ...(highlight.comment === null ? [] : [`      comment: ${highlight.comment}`]),
  ];
}

function noteLines(note: Note): string[] {
  const edited = note.updatedAt === note.createdAt ? '' : `, edited ${note.updatedAt.slice(0, 10)}`;
  return [
    `  [${note.id}] ${note.createdAt.slice(0, 10)}${edited}`,
    ...note.text.split('\n').map((line) => `      ${line}`),
  ];
}

export function formatNote(note: Note): string {
  return [`Note ${note.id} on article ${note.articleId}:`, ...noteLines(note).slice(1)].join('\n');
}

export function formatHighlight(highlight: Highlight): string {
  return [`Highlight ${highlight.id} on article ${highlight.articleId}:`, ...highlightLines(highlight)].join('\n');
}

function offlineLine(article: Article): string {
  const { page, pageError, imagesCached, imagesMissing } = article.offline;
  const parts = [
    page === 'ok' ? 'full text from the page' : page === 'pending' ? 'full text not fetched yet' : '',
    page === 'failed' ? `full text failed: ${pageError ?? 'unknown reason'}` : '',
    imagesCached > 0 ? `${imagesCached} images saved` : '',
    ...imagesMissing.map((image) => `missing image: ${image.reason}`),
  ].filter((part) => part !== '');
  return parts.length === 0 ? '' : `Offline: ${article.offlineReady ? 'ready' : 'not ready'}; ${parts.join('; ')}`;
}

export function formatOpmlReport(report: OpmlImportReport): string {
  const lines = [`${report.added.length} feeds added, ${report.duplicates.length} duplicates skipped`];
  if (report.recovered) lines.push('The file was not well-formed XML; feeds were recovered from it leniently.');
  for (const problem of report.problems) lines.push(`problem: ${problem}`);
  return lines.join('\n');
}

/** Snippet with matches in [brackets]: terminals have no highlighting we can rely on. */
function markSnippet(snippet: Snippet): string {
  let text = '';
  let last = 0;
  for (const [start, end] of snippet.highlights) {
    text += `${snippet.text.slice(last, start)}[${snippet.text.slice(start, end)}]`;
    last = end;
  }
  return text + snippet.text.slice(last);
}

function articleLine(article: ArticleSummary): string {
  const date = (article.publishedAt ?? article.fetchedAt).slice(0, 10);
  return `${article.id}  ${date}  ${article.title}  — ${article.feedTitle ?? ''}`;
}

export function formatSearchResults(results: SearchResults): string {
  const lines = results.problems.map((problem) => `note: ${problem}`);
  if (results.items.length === 0) {
    lines.push('No matches.');
    return lines.join('\n');
  }
  for (const hit of results.items) {
    lines.push(`${hit.score.toFixed(3).padStart(8)}  ${articleLine(hit.article)}`);
    lines.push(`          ${markSnippet(hit.snippet)}`);
  }
  lines.push(
    `${results.offset + 1}–${results.offset + results.items.length} of ${results.total} (${results.tookMs} ms)`,
  );
  return lines.join('\n');
}

export function formatRelated(related: RelatedArticles): string {
  const lines: string[] = [];
  lines.push(related.sameStory.length > 0 ? 'Same story elsewhere:' : 'Same story elsewhere: none found');
  for (const { article, score } of related.sameStory)
    lines.push(`${score.toFixed(2).padStart(6)}  ${articleLine(article)}`);
  lines.push(related.related.length > 0 ? 'Related:' : 'Related: none found');
  for (const { article, score } of related.related)
    lines.push(`${score.toFixed(2).padStart(6)}  ${articleLine(article)}`);
  return lines.join('\n');
}

function sizeOf(bytes: number): string {
  if (bytes >= MEBIBYTE) return `${(bytes / MEBIBYTE).toFixed(1)} MB`;
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}

function keptFor(days: number | null): string {
  return days === null ? 'keep everything' : `delete read articles older than ${plural(days, 'day')}`;
}

export function formatRetentionSettings(settings: RetentionSettings): string {
  const lines = [
    `Retention: ${keptFor(settings.globalDays)}${settings.globalDays === null ? ' (the default)' : ''}.`,
    '  Saved, noted, highlighted and unread articles are always kept.',
  ];
  for (const feed of settings.feeds) {
    const own = feed.days === null ? '' : ' (its own setting)';
    lines.push(`${String(feed.feedId).padStart(4)}  ${feed.title}: ${keptFor(feed.effectiveDays)}${own}`);
  }
  return lines.join('\n');
}

export function formatRetentionPreview(preview: RetentionPreview): string {
  if (preview.total === 0 && preview.images === 0) {
    return 'Nothing to clean up: no read article is past its retention, and every image file is in use.';
  }
  const lines = [
    `A clean-up would delete ${plural(preview.total, 'article')} and ${plural(preview.images, 'image file')} ` +
      `(${sizeOf(preview.imageBytes)}).`,
  ];
  for (const feed of preview.byFeed) lines.push(`${String(feed.feedId).padStart(4)}  ${feed.title}: ${feed.count}`);
  if (preview.sample.length > 0) lines.push('Oldest:');
  for (const article of preview.sample) lines.push(`      ${articleLine(article)}`);
  return lines.join('\n');
}

export function formatRetentionReport(report: RetentionReport): string {
  return [
    `Deleted ${plural(report.deleted, 'article')} and ${plural(report.imagesDeleted, 'image file')} ` +
      `(${sizeOf(report.bytesFreed)} freed).`,
    ...report.problems.map((problem) => `  problem: ${problem}`),
  ].join('\n');
}

export function formatBackupReport(report: BackupReport): string {
  return [
    `Backed up ${plural(report.articles, 'article')} and ${plural(report.images, 'image')} to ${report.file} ` +
      `(${sizeOf(report.bytes)}).`,
    ...report.problems.map((problem) => `  left out: ${problem}`),
  ].join('\n');
}

export function formatRestoreReport(report: RestoreReport): string {
  const what = `${plural(report.articles, 'article')} and ${plural(report.images, 'image')} from ${report.file} (backup of ${report.createdAt})`;
  if (report.restartRequired) {
    return [
      `Checked ${what}.`,
      'It replaces the library when Offprint next opens it.',
      ...(report.previousLibrary === null ? [] : [`The current library will be kept in ${report.previousLibrary}`]),
    ].join('\n');
  }
  return [
    `Restored ${what}.`,
    report.previousLibrary === null
      ? 'There was no library to replace.'
      : `The previous library is kept in ${report.previousLibrary}`,
  ].join('\n');
}

export function formatTopics(topics: readonly Topic[]): string {
  if (topics.length === 0) {
    return 'No topics yet. Add one with: offprint topics add <name> <query> (or see offprint topics suggest)';
  }
  return topics
    .map((topic) => {
      const { total, unread, saved } = topic.counts;
      const limits = [
        topic.feedIds === null ? '' : `${topic.feedIds.length === 1 ? 'feed' : 'feeds'} ${topic.feedIds.join(', ')}`,
        topic.categories.length === 0 ? '' : `categories ${topic.categories.join(', ')}`,
        topic.notify ? 'notifies on new matches' : '',
        topic.applying ? 'being applied (counts are the old rule’s)' : '',
      ].filter((part) => part !== '');
      return [
        `${String(topic.id).padStart(4)}  ${topic.name} — ${plural(total, 'article')}, ${unread} unread, ${saved} saved`,
        `      ${topic.query}`,
        ...(limits.length === 0 ? [] : [`      ${limits.join('; ')}`]),
      ].join('\n');
    })
    .join('\n');
}

export function formatTopicPreview(preview: TopicPreview): string {
  return [
    `The rule matches ${plural(preview.total, 'article')} now (${preview.tookMs} ms).`,
    ...preview.problems.map((problem) => `problem: ${problem}`),
    ...preview.sample.map((article) => `  ${articleLine(article)}`),
  ].join('\n');
}

export function formatTopicSuggestions(suggestions: readonly TopicSuggestion[]): string {
  if (suggestions.length === 0) return 'Nothing to suggest: the library is empty, or your topics cover it.';
  const lines = ['Starter topics (none is created until you add it):'];
  for (const suggestion of suggestions) {
    const categories = suggestion.categories.map((category) => ` --category ${shellQuote(category)}`).join('');
    lines.push(
      `  ${suggestion.name} — ${plural(suggestion.matches, 'article')} (${suggestion.reason})`,
      `      offprint topics add ${shellQuote(suggestion.name)} ${shellQuote(suggestion.query)}${categories}`,
    );
  }
  return lines.join('\n');
}

export function formatTopicImportReport(report: TopicImportReport): string {
  return [
    `${plural(report.added.length, 'topic')} added, ${report.duplicates.length} skipped as already there`,
    ...report.duplicates.map((name) => `duplicate: ${name}`),
    ...report.problems.map((problem) => `problem: ${problem}`),
  ].join('\n');
}

/** One argument for a POSIX shell, quoted only when it needs to be. */
function shellQuote(value: string): string {
  return /^[\w.,/:@+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
