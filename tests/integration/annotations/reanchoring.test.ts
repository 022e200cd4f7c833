import { afterEach, describe, expect, it } from 'vitest';
import { articlePage, paragraphsAbout } from '../offline/offlinePages.ts';
import { serve } from '../../support/startFixtureServer.ts';
import { GALLIUM_STORY, openAnnotationWorld, wireFeed, type AnnotationWorld } from './annotationLibrary.ts';

let world: AnnotationWorld;

afterEach(async () => {
  await world.close();
});

const LEAD = 'Beijing tightened export licences for gallium';
const MOVING = 'Traders expect prices to rise in Europe';
const DOOMED = 'smelters are already rationing supply';

describe('highlights when a feed updates an article', () => {
  it('stay on their passages, move with them, and are reported lost, never dropped', async () => {
    world = await openAnnotationWorld('reanchor-feed', [GALLIUM_STORY]);
    await world.call('feeds:add', { url: world.server.url('/wire.xml') });
    const before = await world.article('gallium');
    const add = (quote: string) =>
      world.call('highlights:add', { articleId: before.id, quote, comment: quote.length > 40 ? 'long' : null });
    const lead = await add(LEAD);
    const moving = await add(MOVING);
    const doomed = await add(DOOMED);

    // The wire corrects the story: a paragraph goes in after the lead, and the second is rewritten.
    const [first = '', , ...rest] = GALLIUM_STORY.paragraphs;
    world.server.route(
      '/wire.xml',
      serve(
        wireFeed([
          {
            ...GALLIUM_STORY,
            paragraphs: [
              first,
              'UPDATE: the ministry published the list of licensed exporters on Tuesday.',
              'Traders expect prices to rise in Europe within weeks, while smelters keep supplying their largest buyers.',
              ...rest,
            ],
          },
        ]),
        'application/rss+xml',
      ),
    );
    const refreshed = await world.call('feeds:refresh', {});
    expect(refreshed.feeds[0]?.updatedCount).toBe(1);

    const after = await world.article('gallium');
    expect(after.text).not.toBe(before.text);
    const byId = new Map(after.highlights.map((highlight) => [highlight.id, highlight]));
    expect(byId.get(lead.id)).toMatchObject({ status: 'anchored', start: lead.start, quote: LEAD });
    const moved = byId.get(moving.id);
    expect(moved).toMatchObject({ status: 'anchored', quote: MOVING, comment: null });
    expect(moved?.start).toBeGreaterThan(moving.start);
    expect(after.text.slice(moved?.start, moved?.end)).toBe(MOVING);
    // Kept, with what it was, and marked.
    expect(byId.get(doomed.id)).toEqual({ ...doomed, status: 'lost' });
    expect(after.text).not.toContain(DOOMED);
  });
});

describe('highlights when the article page is fetched again', () => {
  const teaser = { guid: 'gallium', title: 'Gallium licences tightened', paragraphs: ['Licences tightened.'] };
  const page = (paragraphs: readonly string[]) =>
    serve(articlePage({ title: 'Gallium licences tightened', paragraphs }), 'text/html; charset=utf-8');
  const story = [
    'Beijing tightened export licences for gallium on Monday, the commerce ministry said in a statement.',
    'Traders expect prices to rise in Europe within weeks, and smelters are already rationing supply to buyers.',
    ...paragraphsAbout('gallium', 5),
  ];

  it('follow the passage into the newly extracted text', async () => {
    world = await openAnnotationWorld('reanchor-page', [teaser]);
    world.server.route('/story/gallium', page(story));
    const added = await world.call('feeds:add', { url: world.server.url('/wire.xml') });
    expect(added.feed.fullText).toBe('on');
    const extracted = await world.article('gallium');
    expect(extracted.offline.page).toBe('ok');
    const moving = await world.call('highlights:add', { articleId: extracted.id, quote: MOVING });

    // The page gains a paragraph on top; the feed's item changes too, which asks for the page again.
    world.server.route(
      '/story/gallium',
      page(['Correction appended: an earlier version misstated the date of the announcement.', ...story]),
    );
    world.server.route(
      '/wire.xml',
      serve(wireFeed([{ ...teaser, paragraphs: ['Licences tightened (corrected).'] }]), 'application/rss+xml'),
    );
    const refreshed = await world.call('feeds:refresh', {});
    expect(refreshed.offline?.pagesFetched).toBe(1);

    const after = await world.article('gallium');
    expect(after.text).toContain('Correction appended');
    const [highlight] = after.highlights;
    expect(highlight).toMatchObject({ id: moving.id, status: 'anchored', quote: MOVING });
    expect(highlight?.start).toBeGreaterThan(moving.start);
    expect(after.text.slice(highlight?.start, highlight?.end)).toBe(MOVING);
  });

  it('are marked lost by a page without the passage and found again by one with it', async () => {
    world = await openAnnotationWorld('reanchor-store', [teaser]);
    world.server.route('/story/gallium', page(story));
    await world.call('feeds:add', { url: world.server.url('/wire.xml') });
    const article = await world.article('gallium');
    const highlight = await world.call('highlights:add', { articleId: article.id, quote: DOOMED });
    const store = world.library.store.writer;
    const extractedPage = (text: string) => ({
      contentHtml: `<p>${text}</p>`,
      sourceHtml: null,
      text,
      author: null,
      publishedAt: null,
      language: 'en',
      siteName: null,
      leadImageUrl: null,
      excerpt: null,
    });

    store.storeExtractedPage(article.id, extractedPage('Beijing tightened export licences. Smelters shrugged.'));
    expect((await world.article('gallium')).highlights).toEqual([{ ...highlight, status: 'lost' }]);

    store.storeExtractedPage(article.id, extractedPage(`Update.\n\n${article.text}`));
    const [found] = (await world.article('gallium')).highlights;
    expect(found).toMatchObject({ status: 'anchored', start: highlight.start + 'Update.\n\n'.length, quote: DOOMED });
  });
});
