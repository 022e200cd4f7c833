/**
 * Article pages for the offline tests: a news page with header, navigation,
 * the article (paragraphs and figures) and a "Related" list, the shape
 * extraction has to cut down to the article alone.
 */
export interface PageSpec {
  readonly title: string;
  readonly byline?: string;
  readonly published?: string;
  /** Each becomes one <p>; keep them long enough to read as prose. */
  readonly paragraphs: readonly string[];
  /** Raw <img> or <figure> markup placed after the first paragraph. */
  readonly figures?: readonly string[];
}

const escape = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function articlePage(spec: PageSpec): string {
  const [first = '', ...others] = spec.paragraphs;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(spec.title)} | Wire Test</title>
<meta property="og:site_name" content="Wire Test">
${spec.published ? `<meta property="article:published_time" content="${spec.published}">` : ''}
${spec.byline ? `<meta name="author" content="${escape(spec.byline)}">` : ''}
<script>window.tracking = true;</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/markets">Markets</a> <a href="/world">World</a></nav></header>
<main><article>
<h1>${escape(spec.title)}</h1>
<p>${escape(first)}</p>
${(spec.figures ?? []).join('\n')}
${others.map((paragraph) => `<p>${escape(paragraph)}</p>`).join('\n')}
</article>
<aside class="related"><h2>Related News</h2><ul>
<li><a href="/a">Copper slides as stocks build</a> <time>2 hours ago</time></li>
<li><a href="/b">Lithium miners cut output</a> <time>5 hours ago</time></li>
</ul></aside></main>
<footer>© Wire Test</footer>
</body></html>`;
}

/** Prose that reads as an article: `count` distinct sentences about `subject`. */
export function paragraphsAbout(subject: string, count: number): string[] {
  return Array.from(
    { length: count },
    (_, index) =>
      `Paragraph ${index + 1} on ${subject}: officials said the measures would be reviewed each quarter, ` +
      `traders reported thinner volumes across the region, and analysts expected prices to stay volatile ` +
      `while buyers waited for clearer guidance on licences and shipments.`,
  );
}
